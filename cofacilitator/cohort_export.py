"""A whole cohort read from the store into :class:`CohortExport`: attendance and assignment
tables in front of the notes of every session, read with the same queries as one session."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from cofacilitator.export_model import (
    AppliedRules,
    AttendanceMark,
    ExportError,
    ModuleLookup,
    RosterMember,
    SessionNotes,
    default_generated_by,
    facilitator_names,
    module_of,
    read_name_book,
    read_roster,
)
from cofacilitator.pseudonyms import NameBook
from cofacilitator.session_export import RunReader
from cofacilitator.sessions.schema import Module
from cofacilitator.store.models import (
    AssignmentResponse,
    AttendanceStatus,
    Cohort,
    ResponseStatus,
    SessionRun,
)


class AssignmentMark(StrEnum):
    SUBMITTED = "submitted"
    IMPORTED = "submitted (file)"
    DRAFT = "draft"
    NONE = "none"


@dataclass(frozen=True)
class CohortRow:
    name: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class CohortExport:
    cohort_name: str
    facilitators: tuple[str, ...]
    session_labels: tuple[str, ...]
    """Column headers of the attendance table, one per session run."""
    attendance: tuple[CohortRow, ...]
    assignment_labels: tuple[str, ...]
    """Column headers of the assignment table: the sessions that set an assignment."""
    assignments: tuple[CohortRow, ...]
    sessions: tuple[SessionNotes, ...]
    rules: AppliedRules
    generated_by: str


def build_cohort_export(
    s: Session,
    modules: ModuleLookup,
    cohort_id: int,
    *,
    pseudonymize: bool = False,
    generated_by: str | None = None,
) -> CohortExport:
    cohort = s.get(Cohort, cohort_id)
    if cohort is None:
        raise ExportError(f"There is no cohort {cohort_id}.")
    runs = list(
        s.scalars(
            select(SessionRun)
            .where(SessionRun.cohort_id == cohort_id)
            .order_by(SessionRun.module_number, SessionRun.id)
        )
    )
    run_modules = [(run, module_of(modules, run)) for run in runs]
    names = read_name_book(s, cohort_id, pseudonymize)
    reader = RunReader(s, runs)
    roster = read_roster(s, cohort_id)
    sessions = tuple(
        reader.session_notes(run, module, cohort, names, roster) for run, module in run_modules
    )
    attendance = _attendance_rows(roster, runs, reader, names)
    with_assignment = [(run, module) for run, module in run_modules if module.assignment]
    assignments = _assignment_rows(
        s, [member.id for member in roster], [m for _, m in with_assignment], names
    )
    return CohortExport(
        cohort_name=cohort.name,
        facilitators=facilitator_names(cohort),
        session_labels=tuple(f"Session {run.module_number}" for run in runs),
        attendance=attendance,
        assignment_labels=tuple(f"Session {m.number}" for _, m in with_assignment),
        assignments=assignments,
        sessions=sessions,
        rules=AppliedRules(names.pseudonyms_used, pseudonymize),
        generated_by=generated_by or default_generated_by(),
    )


def _attendance_rows(
    roster: Sequence[RosterMember], runs: Sequence[SessionRun], reader: RunReader, names: NameBook
) -> tuple[CohortRow, ...]:
    marks: dict[tuple[int, int], AttendanceMark] = {}
    for run in runs:
        for row in reader.attendance[run.id]:
            marks[(run.id, row.participant_id)] = _attendance_mark(
                row.status, row.id in reader.came_back
            )
    held = {run.id for run in runs if reader.attendance[run.id]}
    return tuple(
        CohortRow(
            names.name(member.id),
            tuple(
                marks.get(
                    (run.id, member.id),
                    member.missing_mark(run.scheduled_date, held=run.id in held),
                ).value
                for run in runs
            ),
        )
        for member in roster
    )


def _attendance_mark(status: AttendanceStatus, came_back: bool) -> AttendanceMark:
    if status == AttendanceStatus.ABSENT:
        return AttendanceMark.ABSENT
    if came_back:
        return AttendanceMark.LEFT_AND_CAME_BACK
    return {
        AttendanceStatus.PRESENT: AttendanceMark.PRESENT,
        AttendanceStatus.LATE: AttendanceMark.LATE,
        AttendanceStatus.LEFT_EARLY: AttendanceMark.LEFT_EARLY,
    }[status]


def _assignment_rows(
    s: Session, roster: Sequence[int], modules: Iterable[Module], names: NameBook
) -> tuple[CohortRow, ...]:
    module_ids = [module.id for module in modules]
    statuses: dict[tuple[int, str], ResponseStatus] = {}
    if module_ids and roster:
        for participant_id, module_id, status in s.execute(
            select(
                AssignmentResponse.participant_id,
                AssignmentResponse.module_id,
                AssignmentResponse.status,
            ).where(
                AssignmentResponse.participant_id.in_(list(roster)),
                AssignmentResponse.module_id.in_(module_ids),
            )
        ):
            statuses[(participant_id, module_id)] = status
    marks = {
        ResponseStatus.SUBMITTED: AssignmentMark.SUBMITTED,
        ResponseStatus.IMPORTED: AssignmentMark.IMPORTED,
        ResponseStatus.DRAFT: AssignmentMark.DRAFT,
    }
    return tuple(
        CohortRow(
            names.name(participant_id),
            tuple(
                marks[statuses[(participant_id, module_id)]].value
                if (participant_id, module_id) in statuses
                else AssignmentMark.NONE.value
                for module_id in module_ids
            ),
        )
        for participant_id in roster
    )
