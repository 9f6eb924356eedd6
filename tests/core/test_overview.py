"""The cohort overview: the grid a facilitator reads at the start of every session."""

from __future__ import annotations

from datetime import date, datetime

from cofacilitator.attendance import record_left, record_returned, set_attendance
from cofacilitator.cohorts import (
    CohortView,
    ParticipantDetails,
    add_participant,
    create_cohort,
    withdraw_participant,
)
from cofacilitator.notes import add_note
from cofacilitator.overview import AssignmentState, AttendanceMark, cohort_overview
from cofacilitator.runs import (
    RunStatus,
    RunView,
    end_run,
    ensure_runs,
    start_run,
)
from cofacilitator.schedule import schedule_run
from cofacilitator.sessions.schema import Module
from cofacilitator.store.database import Store
from cofacilitator.store.models import AssignmentResponse, AttendanceStatus, ResponseStatus

DAY = datetime(2026, 10, 1, 15, 0)


def test_the_grid_reads_each_kind_of_attendance(
    store: Store,
    cohort: CohortView,
    runs: list[RunView],
    modules: tuple[Module, ...],
    people: list[int],
) -> None:
    ada, ben, chloe = people
    first, second = runs[0].id, runs[1].id
    for run, module in ((first, modules[0]), (second, modules[1])):
        start_run(store, run, module, at=DAY)
    set_attendance(store, first, ada)
    set_attendance(store, first, ben, status=AttendanceStatus.LATE)
    set_attendance(store, first, chloe, status=AttendanceStatus.ABSENT)
    record_left(store, second, ada, at=DAY)
    record_returned(store, second, ada, at=DAY.replace(minute=20))
    record_left(store, second, ben, at=DAY.replace(minute=30))
    set_attendance(store, second, chloe, status=AttendanceStatus.LEFT_EARLY)

    running = cohort_overview(store, cohort.id)
    assert running.attendance_of(ben, second) is AttendanceMark.PRESENT
    end_run(store, first, at=DAY.replace(hour=16))
    end_run(store, second, at=DAY.replace(hour=16))

    overview = cohort_overview(store, cohort.id)
    grid = {row.participant.display_name: row.attendance for row in overview.rows}
    assert grid == {
        "Ada": (AttendanceMark.PRESENT, AttendanceMark.LEFT_AND_RETURNED, None, None),
        "Ben": (AttendanceMark.LATE, AttendanceMark.LEFT_EARLY, None, None),
        "Chloe": (AttendanceMark.ABSENT, AttendanceMark.LEFT_EARLY, None, None),
    }
    assert [s.attended for s in overview.runs] == [2, 3, 0, 0]


def test_runs_carry_dates_status_and_note_counts(
    store: Store,
    cohort: CohortView,
    runs: list[RunView],
    modules: tuple[Module, ...],
    people: list[int],
) -> None:
    schedule_run(store, runs[1].id, on=date(2026, 10, 8), start_time="16:00", timezone="UTC")
    start_run(store, runs[0].id, modules[0])
    for text in ("one", "two", "three"):
        add_note(store, runs[0].id, "discussion", text, participant_id=people[0])
    add_note(store, runs[1].id, "discussion", "early thought")
    overview = cohort_overview(store, cohort.id)
    assert [(s.run.status, s.note_count) for s in overview.runs] == [
        (RunStatus.RUNNING, 3),
        (RunStatus.SCHEDULED, 1),
        (RunStatus.UNSCHEDULED, 0),
        (RunStatus.UNSCHEDULED, 0),
    ]
    assert overview.runs[1].run.schedule.scheduled_date == date(2026, 10, 8)
    assert (overview.cohort.name, overview.cohort.participant_count) == ("Spring cohort", 3)


def test_assignment_status_per_person_and_module(
    store: Store, cohort: CohortView, runs: list[RunView], people: list[int]
) -> None:
    ada, ben, chloe = people
    sent = datetime(2026, 10, 7, 12, 0)
    imported = datetime(2026, 10, 7, 18, 0)
    with store.session_factory() as s, s.begin():
        s.add_all(
            [
                AssignmentResponse(
                    participant_id=ada, module_id="module-1", status=ResponseStatus.DRAFT
                ),
                AssignmentResponse(
                    participant_id=ben,
                    module_id="module-1",
                    status=ResponseStatus.SUBMITTED,
                    submitted_at=sent,
                    version=2,
                ),
                AssignmentResponse(
                    participant_id=ben,
                    module_id="module-2",
                    status=ResponseStatus.IMPORTED,
                    imported_at=imported,
                ),
            ]
        )
    withdraw_participant(store, chloe)
    overview = cohort_overview(store, cohort.id)
    states = {
        row.participant.display_name: [mark.state for mark in row.assignments]
        for row in overview.rows
    }
    none = AssignmentState.NONE
    assert states == {
        "Ada": [AssignmentState.DRAFT, none, none, none],
        "Ben": [AssignmentState.SUBMITTED, AssignmentState.IMPORTED, none, none],
        "Chloe": [none, none, none, none],
    }
    submitted = overview.assignment_of(ben, runs[0].id)
    assert (submitted.at, submitted.version) == (sent, 2)
    assert overview.assignment_of(ben, runs[1].id).at == imported
    assert overview.row(chloe).participant.withdrawn_at is not None


def test_an_empty_cohort_has_an_empty_overview(store: Store, cohort: CohortView) -> None:
    overview = cohort_overview(store, cohort.id)
    assert (overview.runs, overview.rows) == ((), ())


def test_the_overview_ignores_other_cohorts(
    store: Store,
    cohort: CohortView,
    runs: list[RunView],
    modules: tuple[Module, ...],
    people: list[int],
) -> None:
    other = create_cohort(store, "Other")
    stranger = add_participant(store, other.id, ParticipantDetails("Stranger"))
    other_run = ensure_runs(store, other.id, modules[:1])[0]
    set_attendance(store, other_run.id, stranger.id)
    add_note(store, other_run.id, "discussion", "elsewhere")
    overview = cohort_overview(store, cohort.id)
    assert [row.participant.id for row in overview.rows] == people
    assert all(s.note_count == 0 and s.attended == 0 for s in overview.runs)
