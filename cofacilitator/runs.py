"""Session runs: one per module for each cohort, from scheduling through the call to its record.

A run remembers where the call is (the current segment, the segments skipped, each segment's
timer) in the store, so a crash or a restart mid-call resumes exactly there. :func:`load_run`
reads a whole run in one unit of work for the runner, the session record and the exports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from cofacilitator.attendance import (
    AttendanceView,
    SharingTurnView,
    read_attendance,
    read_sharing_turns,
    read_speaking_counts,
)
from cofacilitator.cohorts import ParticipantView
from cofacilitator.notes import NoteView, read_notes
from cofacilitator.session_records import (
    FeedbackView,
    QuestionView,
    RoomView,
    TableRowView,
    read_breakout_rooms,
    read_feedback,
    read_questions,
    read_table_rows,
)
from cofacilitator.sessions.schema import Module
from cofacilitator.store.database import Store
from cofacilitator.store.models import Cohort, Participant, SegmentTiming, SessionRun, utcnow
from cofacilitator.timer import TimerState


class RunStatus(StrEnum):
    UNSCHEDULED = "unscheduled"
    SCHEDULED = "scheduled"
    RUNNING = "running"
    ENDED = "ended"


@dataclass(frozen=True)
class Schedule:
    """When and where a call happens; the start is local wall time in ``timezone``."""

    scheduled_date: date | None = None
    start_time: str = ""
    timezone: str = ""
    length_minutes: int = 90
    join_link: str = ""
    recording_link: str = ""


@dataclass(frozen=True)
class RunView:
    id: int
    uid: str
    cohort_id: int
    module_id: str
    module_number: int
    module_version: int
    schedule: Schedule
    started_at: datetime | None
    ended_at: datetime | None
    current_segment: str
    skipped_segments: tuple[str, ...]

    @property
    def status(self) -> RunStatus:
        if self.ended_at is not None:
            return RunStatus.ENDED
        if self.started_at is not None:
            return RunStatus.RUNNING
        if self.schedule.scheduled_date is not None:
            return RunStatus.SCHEDULED
        return RunStatus.UNSCHEDULED

    @classmethod
    def of(cls, run: SessionRun) -> RunView:
        return cls(
            id=run.id,
            uid=run.uid,
            cohort_id=run.cohort_id,
            module_id=run.module_id,
            module_number=run.module_number,
            module_version=run.module_version,
            schedule=Schedule(
                scheduled_date=run.scheduled_date,
                start_time=run.start_time,
                timezone=run.timezone,
                length_minutes=run.length_minutes,
                join_link=run.join_link,
                recording_link=run.recording_link,
            ),
            started_at=run.started_at,
            ended_at=run.ended_at,
            current_segment=run.current_segment,
            skipped_segments=tuple(run.skipped_segments),
        )


@dataclass(frozen=True)
class RunRecord:
    """Everything captured in one run, read at once; lists are in display order."""

    run: RunView
    participants: tuple[ParticipantView, ...]
    """The cohort's whole roster, withdrawn people included: their notes still name them."""
    attendance: tuple[AttendanceView, ...]
    notes: tuple[NoteView, ...]
    rooms: tuple[RoomView, ...]
    feedback: tuple[FeedbackView, ...]
    questions: tuple[QuestionView, ...]
    table_rows: tuple[TableRowView, ...]
    sharing_turns: tuple[SharingTurnView, ...]
    speaking_counts: dict[int, int]
    timers: dict[str, TimerState]


def ensure_runs(store: Store, cohort_id: int, modules: Sequence[Module]) -> list[RunView]:
    """Create the runs the cohort lacks for ``modules``; runs already there are left alone.

    Calling it every time a cohort is opened is safe, and a module added to the catalog later
    gets its run then.
    """
    with store.session_factory() as s, s.begin():
        s.get_one(Cohort, cohort_id)
        have = set(s.scalars(select(SessionRun.module_id).where(SessionRun.cohort_id == cohort_id)))
        for module in modules:
            if module.id not in have:
                s.add(
                    SessionRun(
                        cohort_id=cohort_id,
                        module_id=module.id,
                        module_number=module.number,
                        module_version=module.version,
                        skipped_segments=[],
                    )
                )
                have.add(module.id)
        s.flush()
        return _read_runs(s, cohort_id)


def list_runs(store: Store, cohort_id: int) -> list[RunView]:
    with store.session_factory() as s:
        return _read_runs(s, cohort_id)


def get_run(store: Store, run_id: int) -> RunView:
    with store.session_factory() as s:
        return RunView.of(s.get_one(SessionRun, run_id))


def start_run(store: Store, run_id: int, module: Module, at: datetime | None = None) -> RunView:
    """Open the call: the first start is kept; starting an ended run reopens it."""
    with store.session_factory() as s, s.begin():
        run = _run_of(s, run_id, module)
        if run.started_at is None:
            run.started_at = at or utcnow()
        run.ended_at = None
        if not run.current_segment:
            run.current_segment = next_segment_id(module, None, tuple(run.skipped_segments)) or ""
        return RunView.of(run)


def end_run(store: Store, run_id: int, at: datetime | None = None) -> RunView:
    with store.session_factory() as s, s.begin():
        run = s.get_one(SessionRun, run_id)
        if run.started_at is None:
            raise ValueError("this session has not started yet")
        if run.ended_at is None:
            run.ended_at = at or utcnow()
        return RunView.of(run)


def set_current_segment(store: Store, run_id: int, module: Module, segment_id: str) -> RunView:
    with store.session_factory() as s, s.begin():
        run = _run_of(s, run_id, module)
        module.segment(segment_id)
        run.current_segment = segment_id
        return RunView.of(run)


def next_segment_id(module: Module, current: str | None, skipped: Sequence[str]) -> str | None:
    """The segment after ``current`` (the first one for None) that is not skipped, if any."""
    start = 0 if current is None else module.segment_index(current) + 1
    for segment in module.segments[start:]:
        if segment.id not in skipped:
            return segment.id
    return None


def skip_segment(store: Store, run_id: int, module: Module, segment_id: str) -> RunView:
    """Drop an optional segment when the call runs late; required ones cannot be skipped."""
    if not module.segment(segment_id).optional:
        raise ValueError(f"{module.segment(segment_id).title!r} is not optional")
    with store.session_factory() as s, s.begin():
        run = _run_of(s, run_id, module)
        if segment_id not in run.skipped_segments:
            run.skipped_segments = [*run.skipped_segments, segment_id]
        return RunView.of(run)


def unskip_segment(store: Store, run_id: int, module: Module, segment_id: str) -> RunView:
    module.segment(segment_id)
    with store.session_factory() as s, s.begin():
        run = _run_of(s, run_id, module)
        run.skipped_segments = [i for i in run.skipped_segments if i != segment_id]
        return RunView.of(run)


def load_timer_states(store: Store, run_id: int) -> dict[str, TimerState]:
    with store.session_factory() as s:
        return _read_timers(s, run_id)


def save_timer_state(store: Store, run_id: int, segment_id: str, state: TimerState) -> TimerState:
    """Persist one segment's timer after a user action (start, pause, +1 minute, finish)."""
    with store.session_factory() as s, s.begin():
        s.get_one(SessionRun, run_id)
        timing = s.scalar(
            select(SegmentTiming).where(
                SegmentTiming.run_id == run_id, SegmentTiming.segment_id == segment_id
            )
        )
        if timing is None:
            timing = SegmentTiming(run_id=run_id, segment_id=segment_id)
            s.add(timing)
        timing.planned_seconds = state.planned_seconds
        timing.added_seconds = state.added_seconds
        timing.elapsed_before = state.elapsed_before
        timing.running_since = state.running_since
        timing.started_at = state.started_at
        timing.stopped_at = state.stopped_at
        return state


def load_run(store: Store, run_id: int) -> RunRecord:
    """A run with everything captured in it, read in one unit of work."""
    with store.session_factory() as s:
        run = s.get_one(SessionRun, run_id)
        participants = s.scalars(
            select(Participant)
            .where(Participant.cohort_id == run.cohort_id)
            .order_by(Participant.id)
        )
        return RunRecord(
            run=RunView.of(run),
            participants=tuple(ParticipantView.of(p) for p in participants),
            attendance=tuple(read_attendance(s, run_id)),
            notes=tuple(read_notes(s, run_id)),
            rooms=tuple(read_breakout_rooms(s, run_id)),
            feedback=tuple(read_feedback(s, run_id)),
            questions=tuple(read_questions(s, run_id)),
            table_rows=tuple(read_table_rows(s, run_id)),
            sharing_turns=tuple(read_sharing_turns(s, run_id)),
            speaking_counts=read_speaking_counts(s, run_id),
            timers=_read_timers(s, run_id),
        )


def _read_runs(s: Session, cohort_id: int) -> list[RunView]:
    query = select(SessionRun).where(SessionRun.cohort_id == cohort_id)
    return [RunView.of(r) for r in s.scalars(query.order_by(SessionRun.module_number))]


def _read_timers(s: Session, run_id: int) -> dict[str, TimerState]:
    return {
        t.segment_id: TimerState(
            planned_seconds=t.planned_seconds,
            added_seconds=t.added_seconds,
            elapsed_before=t.elapsed_before,
            running_since=t.running_since,
            started_at=t.started_at,
            stopped_at=t.stopped_at,
        )
        for t in s.scalars(select(SegmentTiming).where(SegmentTiming.run_id == run_id))
    }


def _run_of(s: Session, run_id: int, module: Module) -> SessionRun:
    """The run, after checking the module handed in is the one it runs."""
    run = s.get_one(SessionRun, run_id)
    if run.module_id != module.id:
        raise ValueError(f"this run is of {run.module_id!r}, not {module.id!r}")
    return run
