"""Session runs: created once per module, started and ended, resumed where they stopped."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from cofacilitator.cohorts import CohortView
from cofacilitator.runs import (
    RunStatus,
    RunView,
    Schedule,
    end_run,
    ensure_runs,
    get_run,
    list_runs,
    load_timer_states,
    next_segment_id,
    save_timer_state,
    set_current_segment,
    skip_segment,
    start_run,
    unskip_segment,
)
from cofacilitator.schedule import schedule_run
from cofacilitator.sessions.schema import Module
from cofacilitator.store.database import Store
from cofacilitator.timer import SegmentTimer, TimerState

from .conftest import make_module


def test_a_cohort_gets_one_run_per_module_and_only_once(
    store: Store, cohort: CohortView, modules: tuple[Module, ...]
) -> None:
    first = ensure_runs(store, cohort.id, modules[:2])
    assert [(r.module_id, r.module_number) for r in first] == [("module-1", 1), ("module-2", 2)]
    again = ensure_runs(store, cohort.id, modules)
    assert [r.module_number for r in again] == [1, 2, 3, 4]
    assert again[:2] == first
    assert list_runs(store, cohort.id) == again
    assert {r.status for r in again} == {RunStatus.UNSCHEDULED}


def test_scheduling_a_run(store: Store, runs: list[RunView]) -> None:
    scheduled = schedule_run(
        store,
        runs[0].id,
        on=date(2026, 10, 1),
        start_time="16:00",
        timezone="Europe/London",
        join_link="https://call.example.org/x",
    )
    assert scheduled.schedule == Schedule(
        scheduled_date=date(2026, 10, 1),
        start_time="16:00",
        timezone="Europe/London",
        join_link="https://call.example.org/x",
    )
    assert scheduled.status is RunStatus.SCHEDULED
    with pytest.raises(ValueError, match="like 16:00"):
        schedule_run(store, runs[0].id, on=date(2026, 10, 1), start_time="4pm", timezone="UTC")


def test_starting_and_ending_a_run(
    store: Store, runs: list[RunView], modules: tuple[Module, ...]
) -> None:
    run, module = runs[0], modules[0]
    with pytest.raises(ValueError, match="not started"):
        end_run(store, run.id)
    started = start_run(store, run.id, module, at=datetime(2026, 10, 1, 15, 0))
    assert started.status is RunStatus.RUNNING
    assert started.current_segment == "roll-call"
    moved = set_current_segment(store, run.id, module, "table")
    assert moved.current_segment == "table"
    ended = end_run(store, run.id, at=datetime(2026, 10, 1, 16, 30))
    assert ended.status is RunStatus.ENDED and ended.ended_at == datetime(2026, 10, 1, 16, 30)
    reopened = start_run(store, run.id, module)
    assert reopened.status is RunStatus.RUNNING
    assert reopened.started_at == datetime(2026, 10, 1, 15, 0)
    assert reopened.current_segment == "table"


def test_a_run_refuses_another_modules_segments(
    store: Store, runs: list[RunView], modules: tuple[Module, ...]
) -> None:
    with pytest.raises(ValueError, match="this run is of 'module-1'"):
        start_run(store, runs[0].id, modules[1])
    with pytest.raises(KeyError):
        set_current_segment(store, runs[0].id, modules[0], "no-such-segment")


def test_only_optional_segments_can_be_skipped_and_skips_are_remembered(
    store: Store, runs: list[RunView], modules: tuple[Module, ...]
) -> None:
    run, module = runs[0], modules[0]
    with pytest.raises(ValueError, match="'Discussion' is not optional"):
        skip_segment(store, run.id, module, "discussion")
    skipped = skip_segment(store, run.id, module, "extra")
    assert skip_segment(store, run.id, module, "extra").skipped_segments == ("extra",)
    assert get_run(store, run.id).skipped_segments == skipped.skipped_segments == ("extra",)
    assert next_segment_id(module, "table", skipped.skipped_segments) == "qa"
    assert unskip_segment(store, run.id, module, "extra").skipped_segments == ()
    assert next_segment_id(module, "table", ()) == "extra"
    assert next_segment_id(module, "feedback", ()) is None


def test_a_timer_is_resumed_exactly_after_a_restart(store: Store, runs: list[RunView]) -> None:
    now = [1000.0]
    wall = [1_790_000_000.0]
    timer = SegmentTimer(TimerState.planned(10), clock=lambda: now[0], wall=lambda: wall[0])
    save_timer_state(store, runs[0].id, "discussion", timer.start())
    now[0] += 90
    wall[0] += 90
    saved = save_timer_state(store, runs[0].id, "discussion", timer.add_minute())
    assert load_timer_states(store, runs[0].id) == {"discussion": saved}
    wall[0] += 30
    resumed = SegmentTimer(
        load_timer_states(store, runs[0].id)["discussion"], clock=lambda: 5.0, wall=lambda: wall[0]
    )
    assert resumed.elapsed == pytest.approx(120)
    assert resumed.total_seconds == 660


def test_each_module_number_sorts_the_runs(store: Store, cohort: CohortView) -> None:
    ensure_runs(store, cohort.id, [make_module(3), make_module(1)])
    assert [r.module_number for r in list_runs(store, cohort.id)] == [1, 3]
