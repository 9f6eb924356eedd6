"""Who is in the call and how they take part: attendance and roll-call answers, stepping out and
coming back, the "take space, give space" tally, and the assignment-sharing round.

Each function is one user action (a tick, a status change, a reorder) committed on its own, and
returns the record as it now stands so the UI can announce exactly that change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from cofacilitator.store.database import Store
from cofacilitator.store.models import (
    Attendance,
    AttendanceEvent,
    AttendanceStatus,
    Participant,
    SessionRun,
    SharingTurn,
    SpeakingTurn,
    utcnow,
)


class EventKind(StrEnum):
    LEFT = "left"
    RETURNED = "returned"


@dataclass(frozen=True)
class EventView:
    kind: EventKind
    at: datetime


@dataclass(frozen=True)
class AttendanceView:
    run_id: int
    participant_id: int
    status: AttendanceStatus
    answer: str
    emoji: str
    answer_values: dict[str, Any]
    """Keyed by the roll-call form field's id, shaped as in docs/answer-values.md."""
    events: tuple[EventView, ...]
    updated_at: datetime

    @property
    def is_out(self) -> bool:
        """Stepped out and not back yet."""
        return bool(self.events) and self.events[-1].kind is EventKind.LEFT

    @property
    def came_back(self) -> bool:
        return any(event.kind is EventKind.RETURNED for event in self.events)

    @classmethod
    def of(cls, row: Attendance) -> AttendanceView:
        return cls(
            run_id=row.run_id,
            participant_id=row.participant_id,
            status=row.status,
            answer=row.answer,
            emoji=row.emoji,
            answer_values=dict(row.answer_values),
            events=tuple(EventView(EventKind(e.kind), e.at) for e in row.events),
            updated_at=row.updated_at,
        )


@dataclass(frozen=True)
class SpeakingCount:
    run_id: int
    participant_id: int
    count: int


@dataclass(frozen=True)
class SharingTurnView:
    participant_id: int
    position: int
    shared_at: datetime | None

    @property
    def has_shared(self) -> bool:
        return self.shared_at is not None


# --------------------------------------------------------------------------------- attendance


def set_attendance(
    store: Store,
    run_id: int,
    participant_id: int,
    *,
    status: AttendanceStatus | None = None,
    answer: str | None = None,
    emoji: str | None = None,
    answer_values: dict[str, Any] | None = None,
) -> AttendanceView:
    """Record what is given for a person in a run; ``None`` keeps what is there.

    The first touch creates the row: answering the roll call makes someone present unless a
    status is given.
    """
    with store.session_factory() as s, s.begin():
        row = _attendance_row(s, run_id, participant_id)
        if status is not None:
            row.status = status
        elif row.id is None:
            row.status = AttendanceStatus.PRESENT
        if answer is not None:
            row.answer = answer
        if emoji is not None:
            row.emoji = emoji
        if answer_values is not None:
            row.answer_values = dict(answer_values)
        row.updated_at = utcnow()
        s.flush()
        return AttendanceView.of(row)


def record_left(
    store: Store, run_id: int, participant_id: int, at: datetime | None = None
) -> AttendanceView:
    """Someone stepped out of the call, which the guidelines say is fine at any time."""
    return _record_event(store, run_id, participant_id, EventKind.LEFT, at)


def record_returned(
    store: Store, run_id: int, participant_id: int, at: datetime | None = None
) -> AttendanceView:
    return _record_event(store, run_id, participant_id, EventKind.RETURNED, at)


def list_attendance(store: Store, run_id: int) -> list[AttendanceView]:
    with store.session_factory() as s:
        return read_attendance(s, run_id)


def read_attendance(s: Session, run_id: int) -> list[AttendanceView]:
    """Attendance of a run with its events, in roster order, inside a larger read."""
    rows = s.scalars(
        select(Attendance).where(Attendance.run_id == run_id).order_by(Attendance.participant_id)
    ).all()
    events: dict[int, list[AttendanceEvent]] = {row.id: [] for row in rows}
    if rows:
        for event in s.scalars(
            select(AttendanceEvent)
            .where(AttendanceEvent.attendance_id.in_(list(events)))
            .order_by(AttendanceEvent.at, AttendanceEvent.id)
        ):
            events[event.attendance_id].append(event)
    return [
        AttendanceView(
            run_id=row.run_id,
            participant_id=row.participant_id,
            status=row.status,
            answer=row.answer,
            emoji=row.emoji,
            answer_values=dict(row.answer_values),
            events=tuple(EventView(EventKind(e.kind), e.at) for e in events[row.id]),
            updated_at=row.updated_at,
        )
        for row in rows
    ]


def _record_event(
    store: Store, run_id: int, participant_id: int, kind: EventKind, at: datetime | None
) -> AttendanceView:
    with store.session_factory() as s, s.begin():
        row = _attendance_row(s, run_id, participant_id)
        last = row.events[-1].kind if row.events else None
        if kind is EventKind.RETURNED and last != EventKind.LEFT:
            raise ValueError("only someone who stepped out can come back")
        if kind is EventKind.LEFT and last == EventKind.LEFT:
            raise ValueError("already marked as stepped out")
        if row.id is None or row.status is AttendanceStatus.ABSENT:
            row.status = AttendanceStatus.PRESENT
        row.events.append(AttendanceEvent(kind=kind.value, at=at or utcnow()))
        row.updated_at = utcnow()
        s.flush()
        return AttendanceView.of(row)


def _attendance_row(s: Session, run_id: int, participant_id: int) -> Attendance:
    """The person's row in the run, new and unsaved (``id`` None) when they had none yet."""
    row = s.scalar(
        select(Attendance).where(
            Attendance.run_id == run_id, Attendance.participant_id == participant_id
        )
    )
    if row is not None:
        return row
    _check_same_cohort(s, run_id, participant_id)
    row = Attendance(
        run_id=run_id,
        participant_id=participant_id,
        status=AttendanceStatus.ABSENT,
        answer="",
        emoji="",
        answer_values={},
    )
    s.add(row)
    return row


# ----------------------------------------------------------------------------- speaking turns


def add_speaking_turn(
    store: Store, run_id: int, participant_id: int, at: datetime | None = None
) -> SpeakingCount:
    """One tick of "take space, give space"; returns the person's new count."""
    with store.session_factory() as s, s.begin():
        _check_same_cohort(s, run_id, participant_id)
        s.add(SpeakingTurn(run_id=run_id, participant_id=participant_id, at=at or utcnow()))
        s.flush()
        return SpeakingCount(run_id, participant_id, _speaking_count(s, run_id, participant_id))


def undo_speaking_turn(store: Store, run_id: int, participant_id: int) -> SpeakingCount:
    """Take back the person's latest tick (a mis-click during a lively call)."""
    with store.session_factory() as s, s.begin():
        latest = s.scalar(
            select(SpeakingTurn)
            .where(SpeakingTurn.run_id == run_id, SpeakingTurn.participant_id == participant_id)
            .order_by(SpeakingTurn.at.desc(), SpeakingTurn.id.desc())
            .limit(1)
        )
        if latest is not None:
            s.delete(latest)
            s.flush()
        return SpeakingCount(run_id, participant_id, _speaking_count(s, run_id, participant_id))


def speaking_counts(store: Store, run_id: int) -> dict[int, int]:
    with store.session_factory() as s:
        return read_speaking_counts(s, run_id)


def speaking_order(store: Store, run_id: int) -> list[int]:
    """Participant ids in the order they spoke, as ``speaking.speaking_balance`` takes them."""
    with store.session_factory() as s:
        return list(
            s.scalars(
                select(SpeakingTurn.participant_id)
                .where(SpeakingTurn.run_id == run_id)
                .order_by(SpeakingTurn.at, SpeakingTurn.id)
            )
        )


def read_speaking_counts(s: Session, run_id: int) -> dict[int, int]:
    return dict(
        s.execute(
            select(SpeakingTurn.participant_id, func.count())
            .where(SpeakingTurn.run_id == run_id)
            .group_by(SpeakingTurn.participant_id)
        ).all()
    )


def _speaking_count(s: Session, run_id: int, participant_id: int) -> int:
    return (
        s.scalar(
            select(func.count())
            .select_from(SpeakingTurn)
            .where(SpeakingTurn.run_id == run_id, SpeakingTurn.participant_id == participant_id)
        )
        or 0
    )


# ---------------------------------------------------------------------------- sharing round


def set_sharing_order(
    store: Store, run_id: int, participant_ids: Sequence[int]
) -> list[SharingTurnView]:
    """Make ``participant_ids`` the round, in that order.

    People already in the round keep their "has shared" mark when they move; people left out are
    taken out of the round.
    """
    order = list(dict.fromkeys(participant_ids))
    with store.session_factory() as s, s.begin():
        for participant_id in order:
            _check_same_cohort(s, run_id, participant_id)
        existing = {
            turn.participant_id: turn
            for turn in s.scalars(select(SharingTurn).where(SharingTurn.run_id == run_id))
        }
        s.execute(
            delete(SharingTurn).where(
                SharingTurn.run_id == run_id, SharingTurn.participant_id.not_in(order)
            )
        )
        for position, participant_id in enumerate(order):
            turn = existing.get(participant_id)
            if turn is None:
                s.add(SharingTurn(run_id=run_id, participant_id=participant_id, position=position))
            else:
                turn.position = position
        s.flush()
        return read_sharing_turns(s, run_id)


def mark_shared(
    store: Store,
    run_id: int,
    participant_id: int,
    shared: bool = True,
    at: datetime | None = None,
) -> SharingTurnView:
    """Tick (or untick) that someone has shared; someone not in the round yet joins at its end."""
    with store.session_factory() as s, s.begin():
        turn = s.scalar(
            select(SharingTurn).where(
                SharingTurn.run_id == run_id, SharingTurn.participant_id == participant_id
            )
        )
        if turn is None:
            _check_same_cohort(s, run_id, participant_id)
            last = s.scalar(
                select(func.max(SharingTurn.position)).where(SharingTurn.run_id == run_id)
            )
            turn = SharingTurn(
                run_id=run_id,
                participant_id=participant_id,
                position=0 if last is None else last + 1,
            )
            s.add(turn)
        turn.shared_at = (at or utcnow()) if shared else None
        s.flush()
        return SharingTurnView(turn.participant_id, turn.position, turn.shared_at)


def list_sharing_turns(store: Store, run_id: int) -> list[SharingTurnView]:
    with store.session_factory() as s:
        return read_sharing_turns(s, run_id)


def read_sharing_turns(s: Session, run_id: int) -> list[SharingTurnView]:
    return [
        SharingTurnView(turn.participant_id, turn.position, turn.shared_at)
        for turn in s.scalars(
            select(SharingTurn)
            .where(SharingTurn.run_id == run_id)
            .order_by(SharingTurn.position, SharingTurn.id)
        )
    ]


def _check_same_cohort(s: Session, run_id: int, participant_id: int) -> None:
    run = s.get_one(SessionRun, run_id)
    participant = s.get_one(Participant, participant_id)
    if participant.cohort_id != run.cohort_id:
        raise ValueError("that participant belongs to another cohort")
