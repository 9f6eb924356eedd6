"""The cohort at a glance: its sessions, who came to which, and where everyone is with the
assignments.

This is the first screen a facilitator sees for a cohort, and it is opened on archives of years,
so it is read with a handful of set-based queries (never one query per person or per run) and
returned as plain data the view can lay out as a grid.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import func, select

from cofacilitator.attendance import EventKind
from cofacilitator.cohorts import CohortView, ParticipantView, read_cohort
from cofacilitator.runs import RunStatus, RunView
from cofacilitator.store.database import Store
from cofacilitator.store.models import (
    AssignmentResponse,
    Attendance,
    AttendanceEvent,
    AttendanceStatus,
    Note,
    Participant,
    ResponseStatus,
    SessionRun,
)


class AttendanceMark(StrEnum):
    """One cell of the attendance grid."""

    PRESENT = "present"
    LATE = "late"
    LEFT_EARLY = "left_early"
    LEFT_AND_RETURNED = "left_and_returned"
    ABSENT = "absent"


class AssignmentState(StrEnum):
    NONE = "none"
    DRAFT = "draft"
    SUBMITTED = "submitted"
    IMPORTED = "imported"


@dataclass(frozen=True)
class AssignmentMark:
    state: AssignmentState
    at: datetime | None = None
    """When it was last saved as a draft, submitted, or imported from a hand-back file."""
    version: int = 0


NO_ASSIGNMENT = AssignmentMark(AssignmentState.NONE)


@dataclass(frozen=True)
class RunSummary:
    run: RunView
    note_count: int
    attended: int
    """People who were there for at least part of the call."""


@dataclass(frozen=True)
class ParticipantRow:
    """One line of the grid: a cell per run, in the order of ``CohortOverview.runs``.

    An attendance cell is None where nothing was recorded (a run not held yet, or held after the
    person withdrew).
    """

    participant: ParticipantView
    attendance: tuple[AttendanceMark | None, ...]
    assignments: tuple[AssignmentMark, ...]


@dataclass(frozen=True)
class CohortOverview:
    cohort: CohortView
    runs: tuple[RunSummary, ...]
    rows: tuple[ParticipantRow, ...]

    def row(self, participant_id: int) -> ParticipantRow:
        for row in self.rows:
            if row.participant.id == participant_id:
                return row
        raise KeyError(participant_id)

    def attendance_of(self, participant_id: int, run_id: int) -> AttendanceMark | None:
        return self.row(participant_id).attendance[self._run_index(run_id)]

    def assignment_of(self, participant_id: int, run_id: int) -> AssignmentMark:
        return self.row(participant_id).assignments[self._run_index(run_id)]

    def _run_index(self, run_id: int) -> int:
        for index, summary in enumerate(self.runs):
            if summary.run.id == run_id:
                return index
        raise KeyError(run_id)


def cohort_overview(store: Store, cohort_id: int) -> CohortOverview:
    """Runs with their dates, status and note counts; attendance and assignments per person."""
    with store.session_factory() as s:
        cohort = read_cohort(s, cohort_id)
        runs = [
            RunView.of(run)
            for run in s.scalars(
                select(SessionRun)
                .where(SessionRun.cohort_id == cohort_id)
                .order_by(SessionRun.module_number)
            )
        ]
        people = [
            ParticipantView.of(p)
            for p in s.scalars(
                select(Participant)
                .where(Participant.cohort_id == cohort_id)
                .order_by(Participant.id)
            )
        ]
        run_ids = [run.id for run in runs]
        note_counts = dict(
            s.execute(
                select(Note.run_id, func.count())
                .where(Note.run_id.in_(run_ids))
                .group_by(Note.run_id)
            ).all()
        )
        rows = s.execute(
            select(
                Attendance.id, Attendance.run_id, Attendance.participant_id, Attendance.status
            ).where(Attendance.run_id.in_(run_ids))
        ).all()
        events: dict[int, list[str]] = {}
        for attendance_id, kind in s.execute(
            select(AttendanceEvent.attendance_id, AttendanceEvent.kind)
            .join(Attendance, Attendance.id == AttendanceEvent.attendance_id)
            .where(Attendance.run_id.in_(run_ids))
            .order_by(AttendanceEvent.at, AttendanceEvent.id)
        ):
            events.setdefault(attendance_id, []).append(kind)
        responses = s.execute(
            select(
                AssignmentResponse.participant_id,
                AssignmentResponse.module_id,
                AssignmentResponse.status,
                AssignmentResponse.version,
                AssignmentResponse.updated_at,
                AssignmentResponse.submitted_at,
                AssignmentResponse.imported_at,
            )
            .join(Participant, Participant.id == AssignmentResponse.participant_id)
            .where(Participant.cohort_id == cohort_id)
        )
        assignments = {
            (participant_id, module_id): _assignment_mark(status, version, updated, sent, imported)
            for participant_id, module_id, status, version, updated, sent, imported in responses
        }

    ended = {run.id for run in runs if run.status is RunStatus.ENDED}
    marks = {
        (run_id, participant_id): _attendance_mark(status, events.get(row_id, []), run_id in ended)
        for row_id, run_id, participant_id, status in rows
    }
    summaries = tuple(
        RunSummary(
            run=run,
            note_count=note_counts.get(run.id, 0),
            attended=sum(
                1
                for (run_id, _), mark in marks.items()
                if run_id == run.id and mark is not AttendanceMark.ABSENT
            ),
        )
        for run in runs
    )
    grid = tuple(
        ParticipantRow(
            participant=person,
            attendance=tuple(marks.get((run.id, person.id)) for run in runs),
            assignments=tuple(
                assignments.get((person.id, run.module_id), NO_ASSIGNMENT) for run in runs
            ),
        )
        for person in people
    )
    return CohortOverview(cohort, summaries, grid)


def _attendance_mark(
    status: AttendanceStatus, events: list[str], run_ended: bool
) -> AttendanceMark:
    """Fold a status and the leave/return events into one cell.

    Coming back after stepping out is shown as such (the guidelines invite it); stepping out
    without coming back before the run ended counts as leaving early.
    """
    if status is AttendanceStatus.ABSENT:
        return AttendanceMark.ABSENT
    if status is AttendanceStatus.LEFT_EARLY:
        return AttendanceMark.LEFT_EARLY
    if events and events[-1] == EventKind.LEFT and run_ended:
        return AttendanceMark.LEFT_EARLY
    if EventKind.RETURNED in events:
        return AttendanceMark.LEFT_AND_RETURNED
    if status is AttendanceStatus.LATE:
        return AttendanceMark.LATE
    return AttendanceMark.PRESENT


def _assignment_mark(
    status: ResponseStatus,
    version: int,
    updated_at: datetime,
    submitted_at: datetime | None,
    imported_at: datetime | None,
) -> AssignmentMark:
    if status is ResponseStatus.IMPORTED:
        return AssignmentMark(AssignmentState.IMPORTED, imported_at or updated_at, version)
    if status is ResponseStatus.SUBMITTED:
        return AssignmentMark(AssignmentState.SUBMITTED, submitted_at or updated_at, version)
    return AssignmentMark(AssignmentState.DRAFT, updated_at, version)
