"""The structured records of a session besides notes: feedback, questions and answers, fill-in
table rows and breakout rooms.

Like notes, every record stays editable after the run ended (the Q&A segment promises answers
"through the notes" afterwards), and each change is one committed transaction returning the
record as it now stands.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from cofacilitator.breakouts import Arrangement, Room
from cofacilitator.sessions.schema import FeedbackKind
from cofacilitator.store.database import Store, delete_returning
from cofacilitator.store.models import (
    AnsweredWhen,
    BreakoutMember,
    BreakoutRoom,
    FeedbackItem,
    Note,
    Participant,
    QAEntry,
    SessionRun,
    TableRow,
    Visibility,
    utcnow,
)


@dataclass(frozen=True)
class FeedbackView:
    id: int
    run_id: int
    kind: FeedbackKind
    text: str
    participant_id: int | None
    """None is anonymous, the default for feedback."""
    created_at: datetime

    @classmethod
    def of(cls, item: FeedbackItem) -> FeedbackView:
        return cls(
            item.id,
            item.run_id,
            FeedbackKind(item.kind),
            item.text,
            item.participant_id,
            item.created_at,
        )


@dataclass(frozen=True)
class QuestionView:
    id: int
    run_id: int
    segment_id: str
    question: str
    asked_by_id: int | None
    answer: str
    answered_by: str
    answered_when: AnsweredWhen | None
    visibility: Visibility
    created_at: datetime
    edited_at: datetime

    @property
    def is_answered(self) -> bool:
        return bool(self.answer.strip())

    @classmethod
    def of(cls, entry: QAEntry) -> QuestionView:
        return cls(
            id=entry.id,
            run_id=entry.run_id,
            segment_id=entry.segment_id,
            question=entry.question,
            asked_by_id=entry.asked_by_id,
            answer=entry.answer,
            answered_by=entry.answered_by,
            answered_when=entry.answered_when,
            visibility=entry.visibility,
            created_at=entry.created_at,
            edited_at=entry.edited_at,
        )


@dataclass(frozen=True)
class TableRowView:
    id: int
    run_id: int
    segment_id: str
    participant_id: int | None
    position: int
    cells: dict[str, str]
    """Column name -> text, columns as the segment names them."""
    visibility: Visibility
    edited_at: datetime

    @classmethod
    def of(cls, row: TableRow) -> TableRowView:
        return cls(
            id=row.id,
            run_id=row.run_id,
            segment_id=row.segment_id,
            participant_id=row.participant_id,
            position=row.position,
            cells=dict(row.cells),
            visibility=row.visibility,
            edited_at=row.edited_at,
        )


@dataclass(frozen=True)
class RoomView:
    """A stored breakout room; notes taken in it carry its ``id`` as their ``room_id``."""

    id: int
    run_id: int
    segment_id: str
    position: int
    name: str
    prompt: str
    member_ids: tuple[int, ...]


def arrangement_of(rooms: Sequence[RoomView]) -> Arrangement:
    """Stored rooms as a ``breakouts.Arrangement``, to reshuffle or move people between them."""
    return Arrangement(tuple(Room(room.name, room.member_ids, room.prompt) for room in rooms))


# ----------------------------------------------------------------------------------- feedback


def add_feedback(
    store: Store,
    run_id: int,
    kind: FeedbackKind,
    text: str,
    *,
    participant_id: int | None = None,
    at: datetime | None = None,
) -> FeedbackView:
    with store.session_factory() as s, s.begin():
        _check_participant(s, run_id, participant_id)
        item = FeedbackItem(
            run_id=run_id,
            kind=FeedbackKind(kind).value,
            text=text,
            participant_id=participant_id,
            created_at=at or utcnow(),
        )
        s.add(item)
        s.flush()
        return FeedbackView.of(item)


def edit_feedback(
    store: Store, item_id: int, *, text: str | None = None, kind: FeedbackKind | None = None
) -> FeedbackView:
    with store.session_factory() as s, s.begin():
        item = s.get_one(FeedbackItem, item_id)
        if text is not None:
            item.text = text
        if kind is not None:
            item.kind = FeedbackKind(kind).value
        return FeedbackView.of(item)


def delete_feedback(store: Store, item_id: int) -> FeedbackView:
    return delete_returning(store, FeedbackItem, item_id, FeedbackView.of)


def list_feedback(store: Store, run_id: int) -> list[FeedbackView]:
    with store.session_factory() as s:
        return read_feedback(s, run_id)


def read_feedback(s: Session, run_id: int) -> list[FeedbackView]:
    query = select(FeedbackItem).where(FeedbackItem.run_id == run_id)
    return [FeedbackView.of(i) for i in s.scalars(query.order_by(FeedbackItem.id))]


# ---------------------------------------------------------------------------------------- Q&A


def add_question(
    store: Store,
    run_id: int,
    question: str,
    *,
    segment_id: str = "",
    asked_by_id: int | None = None,
    visibility: Visibility = Visibility.SHARED,
    at: datetime | None = None,
) -> QuestionView:
    stamp = at or utcnow()
    with store.session_factory() as s, s.begin():
        _check_participant(s, run_id, asked_by_id)
        entry = QAEntry(
            run_id=run_id,
            segment_id=segment_id,
            question=question,
            asked_by_id=asked_by_id,
            answer="",
            answered_by="",
            visibility=visibility,
            created_at=stamp,
            edited_at=stamp,
        )
        s.add(entry)
        s.flush()
        return QuestionView.of(entry)


def edit_question(
    store: Store,
    entry_id: int,
    *,
    question: str | None = None,
    visibility: Visibility | None = None,
    at: datetime | None = None,
) -> QuestionView:
    with store.session_factory() as s, s.begin():
        entry = s.get_one(QAEntry, entry_id)
        if question is not None:
            entry.question = question
        if visibility is not None:
            entry.visibility = visibility
        entry.edited_at = at or utcnow()
        return QuestionView.of(entry)


def answer_question(
    store: Store,
    entry_id: int,
    answer: str,
    answered_by: str,
    *,
    when: AnsweredWhen | None = None,
    at: datetime | None = None,
) -> QuestionView:
    """Record (or correct) the answer.

    Without ``when``, an answer given while the run is open counts as live and one given once it
    ended as after, which is what the session record shows. An empty answer unanswers.
    """
    with store.session_factory() as s, s.begin():
        entry = s.get_one(QAEntry, entry_id)
        if not answer.strip():
            entry.answer, entry.answered_by, entry.answered_when = "", "", None
        else:
            if when is None:
                run = s.get_one(SessionRun, entry.run_id)
                when = AnsweredWhen.AFTER if run.ended_at is not None else AnsweredWhen.LIVE
            entry.answer, entry.answered_by, entry.answered_when = answer, answered_by, when
        entry.edited_at = at or utcnow()
        return QuestionView.of(entry)


def delete_question(store: Store, entry_id: int) -> QuestionView:
    return delete_returning(store, QAEntry, entry_id, QuestionView.of)


def list_questions(store: Store, run_id: int) -> list[QuestionView]:
    with store.session_factory() as s:
        return read_questions(s, run_id)


def read_questions(s: Session, run_id: int) -> list[QuestionView]:
    query = select(QAEntry).where(QAEntry.run_id == run_id)
    return [QuestionView.of(e) for e in s.scalars(query.order_by(QAEntry.created_at, QAEntry.id))]


# --------------------------------------------------------------------------------- table rows


def add_table_row(
    store: Store,
    run_id: int,
    segment_id: str,
    cells: Mapping[str, str],
    *,
    participant_id: int | None = None,
    visibility: Visibility = Visibility.SHARED,
    at: datetime | None = None,
) -> TableRowView:
    """Append a row at the end of the segment's table; one person may add as many as they like."""
    with store.session_factory() as s, s.begin():
        _check_participant(s, run_id, participant_id)
        last = s.scalar(
            select(func.max(TableRow.position)).where(
                TableRow.run_id == run_id, TableRow.segment_id == segment_id
            )
        )
        row = TableRow(
            run_id=run_id,
            segment_id=segment_id,
            participant_id=participant_id,
            position=0 if last is None else last + 1,
            cells=dict(cells),
            visibility=visibility,
            edited_at=at or utcnow(),
        )
        s.add(row)
        s.flush()
        return TableRowView.of(row)


def edit_table_row(
    store: Store,
    row_id: int,
    *,
    cells: Mapping[str, str] | None = None,
    visibility: Visibility | None = None,
    at: datetime | None = None,
) -> TableRowView:
    """``cells`` are merged into the row, so editing one cell leaves the others as they are."""
    with store.session_factory() as s, s.begin():
        row = s.get_one(TableRow, row_id)
        if cells is not None:
            row.cells = {**row.cells, **cells}
        if visibility is not None:
            row.visibility = visibility
        row.edited_at = at or utcnow()
        return TableRowView.of(row)


def delete_table_row(store: Store, row_id: int) -> TableRowView:
    return delete_returning(store, TableRow, row_id, TableRowView.of)


def reorder_table_rows(
    store: Store, run_id: int, segment_id: str, row_ids: Sequence[int]
) -> list[TableRowView]:
    """Put the segment's rows in the order given, which must name each of them exactly once."""
    with store.session_factory() as s, s.begin():
        rows = {
            row.id: row
            for row in s.scalars(
                select(TableRow).where(TableRow.run_id == run_id, TableRow.segment_id == segment_id)
            )
        }
        if sorted(row_ids) != sorted(rows):
            raise ValueError("the new order must list every row of the table exactly once")
        for position, row_id in enumerate(row_ids):
            rows[row_id].position = position
        s.flush()
        return read_table_rows(s, run_id, segment_id)


def list_table_rows(store: Store, run_id: int, segment_id: str | None = None) -> list[TableRowView]:
    with store.session_factory() as s:
        return read_table_rows(s, run_id, segment_id)


def read_table_rows(s: Session, run_id: int, segment_id: str | None = None) -> list[TableRowView]:
    query = select(TableRow).where(TableRow.run_id == run_id)
    if segment_id is not None:
        query = query.where(TableRow.segment_id == segment_id)
    query = query.order_by(TableRow.segment_id, TableRow.position, TableRow.id)
    return [TableRowView.of(row) for row in s.scalars(query)]


# ----------------------------------------------------------------------------- breakout rooms


def save_breakout_rooms(
    store: Store, run_id: int, segment_id: str, arrangement: Arrangement
) -> list[RoomView]:
    """Make ``arrangement`` the segment's rooms, replacing the previous arrangement.

    Rooms are matched by position, so a room keeps its id, and the notes taken in it, while its
    name, prompt or members change. Notes of a room that disappears move up to the segment
    (their ``room_id`` is cleared) rather than being lost with it.
    """
    people = arrangement.people
    if len(people) != len(set(people)):
        raise ValueError("someone is in two rooms at once")
    with store.session_factory() as s, s.begin():
        run = s.get_one(SessionRun, run_id)
        on_roster = set(
            s.scalars(
                select(Participant.id).where(
                    Participant.id.in_(people), Participant.cohort_id == run.cohort_id
                )
            )
        )
        if on_roster != set(people):
            raise ValueError("every room member must be on this cohort's roster")
        old = list(
            s.scalars(
                select(BreakoutRoom)
                .where(BreakoutRoom.run_id == run_id, BreakoutRoom.segment_id == segment_id)
                .order_by(BreakoutRoom.position, BreakoutRoom.id)
            )
        )
        for gone in old[len(arrangement.rooms) :]:
            s.execute(update(Note).where(Note.room_id == gone.id).values(room_id=None))
            s.delete(gone)
        kept = old[: len(arrangement.rooms)]
        for room in kept:
            room.members.clear()
        # Members leave before anyone is placed again, or someone staying in their room would
        # briefly be in it twice and break the (room, participant) uniqueness.
        s.flush()
        for position, plan in enumerate(arrangement.rooms):
            if position < len(kept):
                room = kept[position]
            else:
                room = BreakoutRoom(run_id=run_id, segment_id=segment_id)
                s.add(room)
            room.position = position
            room.name = plan.name
            room.prompt = plan.prompt
            room.members.extend(BreakoutMember(participant_id=p) for p in plan.members)
        s.flush()
        return read_breakout_rooms(s, run_id, segment_id)


def list_breakout_rooms(store: Store, run_id: int, segment_id: str | None = None) -> list[RoomView]:
    with store.session_factory() as s:
        return read_breakout_rooms(s, run_id, segment_id)


def read_breakout_rooms(s: Session, run_id: int, segment_id: str | None = None) -> list[RoomView]:
    query = select(BreakoutRoom).where(BreakoutRoom.run_id == run_id)
    if segment_id is not None:
        query = query.where(BreakoutRoom.segment_id == segment_id)
    rooms = list(s.scalars(query.order_by(BreakoutRoom.segment_id, BreakoutRoom.position)))
    members: dict[int, list[int]] = {room.id: [] for room in rooms}
    if rooms:
        for room_id, participant_id in s.execute(
            select(BreakoutMember.room_id, BreakoutMember.participant_id)
            .where(BreakoutMember.room_id.in_(list(members)))
            .order_by(BreakoutMember.id)
        ):
            members[room_id].append(participant_id)
    return [
        RoomView(r.id, r.run_id, r.segment_id, r.position, r.name, r.prompt, tuple(members[r.id]))
        for r in rooms
    ]


def _check_participant(s: Session, run_id: int, participant_id: int | None) -> None:
    run = s.get_one(SessionRun, run_id)
    if participant_id is not None:
        participant = s.get_one(Participant, participant_id)
        if participant.cohort_id != run.cohort_id:
            raise ValueError("that participant belongs to another cohort")
