"""The roster of one run: the people on the cohort at that call, withdrawn ones kept in the past."""

from __future__ import annotations

from datetime import date, datetime

from cofacilitator.attendance import set_attendance
from cofacilitator.cohorts import (
    CohortView,
    list_cohorts,
    reinstate_participant,
    withdraw_participant,
)
from cofacilitator.run_roster import roster_for_run
from cofacilitator.runs import RunView, list_runs, start_run
from cofacilitator.schedule import schedule_run
from cofacilitator.sessions.schema import Module
from cofacilitator.store.database import Store
from cofacilitator.store.models import AttendanceStatus, SessionRun


def names(store: Store, run_id: int, now: datetime | None = None) -> list[str]:
    return [person.display_name for person in roster_for_run(store, run_id, now=now)]


def test_someone_withdrawn_after_a_started_run_is_still_on_it_and_not_on_later_ones(
    store: Store, people: list[int], runs: list[RunView], modules: tuple[Module, ...]
) -> None:
    ada, ben, chloe = people
    start_run(store, runs[0].id, modules[0], at=datetime(2026, 10, 1, 15, 0))
    start_run(store, runs[1].id, modules[1], at=datetime(2026, 10, 8, 15, 0))
    withdraw_participant(store, ben, at=datetime(2026, 10, 5, 9, 30))

    assert names(store, runs[0].id) == ["Ada", "Ben", "Chloe"]
    assert names(store, runs[1].id) == ["Ada", "Chloe"]
    # Not started, not scheduled: the run is now, and Ben is gone now.
    assert names(store, runs[2].id) == ["Ada", "Chloe"]
    assert [p.id for p in roster_for_run(store, runs[0].id)] == [ada, ben, chloe]


def test_attending_a_run_keeps_a_person_on_it_whatever_the_roster_says(
    store: Store, people: list[int], runs: list[RunView], modules: tuple[Module, ...]
) -> None:
    _, ben, _ = people
    start_run(store, runs[1].id, modules[1], at=datetime(2026, 10, 8, 15, 0))
    set_attendance(store, runs[1].id, ben, status=AttendanceStatus.LATE)
    withdraw_participant(store, ben, at=datetime(2026, 10, 8, 9, 0))  # dated before the call

    assert names(store, runs[1].id) == ["Ada", "Ben", "Chloe"]
    assert names(store, runs[0].id, now=datetime(2026, 10, 9)) == ["Ada", "Chloe"]


def test_a_scheduled_run_starts_at_its_local_time_or_the_start_of_its_day(
    store: Store, cohort: CohortView, people: list[int], runs: list[RunView]
) -> None:
    _, ben, chloe = people
    # 16:00 in London on 8 October is 15:00 UTC (summer time).
    schedule_run(
        store, runs[1].id, on=date(2026, 10, 8), start_time="16:00", timezone="Europe/London"
    )
    withdraw_participant(store, ben, at=datetime(2026, 10, 8, 14, 59))
    withdraw_participant(store, chloe, at=datetime(2026, 10, 8, 15, 1))
    assert names(store, runs[1].id) == ["Ada", "Chloe"]

    reinstate_participant(store, ben)
    assert names(store, runs[1].id) == ["Ada", "Ben", "Chloe"]


def test_withdrawing_from_the_day_of_a_run_with_no_start_time_leaves_them_out(
    store: Store, people: list[int], runs: list[RunView]
) -> None:
    _, ben, chloe = people
    with store.session_factory() as s, s.begin():
        s.get_one(SessionRun, runs[2].id).scheduled_date = date(2026, 10, 15)
    # Midnight in London on the 15th (23:00 UTC the day before), as the roster's
    # "withdraw from this date" stores it; Chloe withdraws from the day after.
    withdraw_participant(store, ben, at=datetime(2026, 10, 14, 23, 0))
    withdraw_participant(store, chloe, at=datetime(2026, 10, 15, 23, 0))
    assert names(store, runs[2].id) == ["Ada", "Chloe"]


def test_the_demo_cohorts_first_session_still_has_kwame(demo_store: Store) -> None:
    cohort = list_cohorts(demo_store, include_archived=True)[0]
    first, *_, last = list_runs(demo_store, cohort.id)
    assert "Kwame Asante" in names(demo_store, first.id)
    assert len(names(demo_store, first.id)) == 8
    assert "Kwame Asante" not in names(demo_store, last.id)
