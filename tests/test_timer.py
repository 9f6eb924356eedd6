"""The segment timer as a facilitator sees it: the countdown never drifts and survives restarts."""

from __future__ import annotations

import pytest

from cofacilitator.timer import (
    RunTotals,
    SegmentPlan,
    SegmentTimer,
    TimerState,
    format_clock,
    format_remaining,
)

WALL_ORIGIN = 1_760_000_000.0


class FakeClock:
    """A clock that only moves when the test says so."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Machine:
    """A monotonic and a wall clock that advance together, as real time passes on one computer."""

    def __init__(self, monotonic_origin: float = 1000.0, wall: float = WALL_ORIGIN) -> None:
        self.clock = FakeClock(monotonic_origin)
        self.wall = FakeClock(wall)

    def advance(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.wall.advance(seconds)

    def timer(self, state: TimerState) -> SegmentTimer:
        return SegmentTimer(state, clock=self.clock, wall=self.wall)


@pytest.fixture
def machine() -> Machine:
    return Machine()


def test_a_new_timer_shows_the_planned_time_and_does_not_move(machine: Machine) -> None:
    timer = machine.timer(TimerState.planned(5))
    machine.advance(60)
    assert not timer.is_running
    assert timer.elapsed == 0
    assert timer.remaining == 300
    assert format_remaining(timer) == "05:00"
    assert timer.fraction == 0


def test_running_counts_down_and_pause_holds_it(machine: Machine) -> None:
    timer = machine.timer(TimerState.planned(5))
    timer.start()
    machine.advance(1)
    assert format_remaining(timer) == "04:59"
    machine.advance(89)
    timer.pause()
    machine.advance(600)
    assert timer.elapsed == 90
    assert format_remaining(timer) == "03:30"
    assert timer.fraction == pytest.approx(0.3)


def test_resume_continues_from_where_it_paused(machine: Machine) -> None:
    timer = machine.timer(TimerState.planned(10))
    timer.toggle()
    machine.advance(120)
    timer.toggle()
    machine.advance(300)
    timer.toggle()
    machine.advance(30)
    assert timer.is_running
    assert timer.elapsed == 150
    assert format_remaining(timer) == "07:30"


def test_repeated_start_does_not_restart_the_span(machine: Machine) -> None:
    timer = machine.timer(TimerState.planned(5))
    timer.start()
    machine.advance(40)
    timer.start()
    machine.advance(20)
    timer.start()
    assert timer.elapsed == 60
    timer.pause()
    timer.pause()
    assert timer.elapsed == 60


def test_plus_one_minute_extends_the_countdown_while_running(machine: Machine) -> None:
    timer = machine.timer(TimerState.planned(2))
    timer.start()
    machine.advance(110)
    timer.add_minute()
    assert format_remaining(timer) == "01:10"
    timer.add_minute(2)
    assert timer.total_seconds == 300
    assert timer.remaining == 190


def test_taking_minutes_away_never_goes_below_nothing(machine: Machine) -> None:
    timer = machine.timer(TimerState.planned(2))
    timer.add_minute(-5)
    assert timer.total_seconds == 0
    timer.add_minute()
    assert timer.total_seconds == 60


def test_overrun_counts_up_once_time_is_up(machine: Machine) -> None:
    timer = machine.timer(TimerState.planned(1))
    timer.start()
    machine.advance(59.5)
    assert not timer.is_over
    assert format_remaining(timer) == "00:01"
    machine.advance(0.5)
    assert timer.is_over
    assert timer.overrun == 0
    assert format_remaining(timer) == "00:00"
    machine.advance(65)
    assert timer.overrun == 65
    assert timer.remaining == -65
    assert format_remaining(timer) == "+01:05"
    assert timer.fraction == 1


def test_overrun_stays_put_while_paused(machine: Machine) -> None:
    timer = machine.timer(TimerState.planned(1))
    timer.start()
    machine.advance(90)
    timer.pause()
    machine.advance(600)
    assert format_remaining(timer) == "+00:30"


def test_a_frozen_window_does_not_shift_the_timer(machine: Machine) -> None:
    timer = machine.timer(TimerState.planned(10))
    timer.start()
    # Nobody reads the timer for four minutes (the UI hung); time went on regardless.
    machine.advance(240)
    assert format_remaining(timer) == "06:00"


def test_a_wall_clock_jump_mid_session_changes_nothing(machine: Machine) -> None:
    timer = machine.timer(TimerState.planned(10))
    timer.start()
    machine.advance(60)
    machine.wall.advance(3600)
    machine.advance(60)
    assert timer.elapsed == 120
    machine.wall.advance(-7200)
    assert timer.elapsed == 120


def test_a_wall_clock_jump_mid_session_is_not_replayed_after_a_restart(
    machine: Machine,
) -> None:
    timer = machine.timer(TimerState.planned(10))
    timer.start()
    machine.advance(60)
    machine.wall.advance(3600)
    saved = timer.state

    later = Machine(monotonic_origin=5.0, wall=machine.wall.now + 30)
    assert later.timer(saved).elapsed == 90


def test_restart_resumes_a_running_timer_counting_the_time_the_app_was_closed(
    machine: Machine,
) -> None:
    timer = machine.timer(TimerState.planned(10))
    timer.start()
    machine.advance(100)
    saved = timer.state

    # A new process: its monotonic clock starts elsewhere; two minutes passed on the wall.
    later = Machine(monotonic_origin=42.0, wall=machine.wall.now + 120)
    resumed = later.timer(saved)
    assert resumed.is_running
    assert resumed.elapsed == 220
    later.advance(10)
    assert resumed.elapsed == 230
    assert format_remaining(resumed) == "06:10"


def test_restart_keeps_a_paused_timer_exactly_where_it_was(machine: Machine) -> None:
    timer = machine.timer(TimerState.planned(10))
    timer.start()
    machine.advance(100)
    timer.add_minute()
    saved = timer.pause()

    later = Machine(monotonic_origin=7.0, wall=machine.wall.now + 3600)
    resumed = later.timer(saved)
    later.advance(50)
    assert not resumed.is_running
    assert resumed.elapsed == 100
    assert resumed.remaining == 560


def test_restart_after_the_wall_clock_went_back_counts_no_negative_time(
    machine: Machine,
) -> None:
    timer = machine.timer(TimerState.planned(10))
    timer.start()
    machine.advance(100)
    saved = timer.state

    later = Machine(monotonic_origin=3.0, wall=machine.wall.now - 600)
    assert later.timer(saved).elapsed == 100


def test_the_snapshot_roundtrips_every_field(machine: Machine) -> None:
    timer = machine.timer(TimerState.planned(3))
    first_start = machine.wall.now
    timer.start()
    machine.advance(30)
    timer.pause()
    machine.advance(30)
    timer.start()
    machine.advance(15)
    state = timer.state
    assert state == TimerState(
        planned_seconds=180,
        added_seconds=0,
        elapsed_before=45,
        running_since=machine.wall.now,
        started_at=first_start,
        stopped_at=None,
    )
    assert machine.timer(state).elapsed == 45


def test_finish_stops_for_good_and_records_when(machine: Machine) -> None:
    timer = machine.timer(TimerState.planned(5))
    timer.start()
    machine.advance(200)
    state = timer.finish()
    machine.advance(100)
    assert timer.is_finished
    assert not timer.is_running
    assert timer.elapsed == 200
    assert state.stopped_at == machine.wall.now - 100
    assert timer.finish().stopped_at == state.stopped_at


def test_going_back_to_a_finished_segment_carries_on_counting(machine: Machine) -> None:
    timer = machine.timer(TimerState.planned(5))
    timer.start()
    machine.advance(200)
    timer.finish()
    machine.advance(100)
    state = timer.start()
    machine.advance(10)
    assert not timer.is_finished
    assert state.stopped_at is None
    assert timer.elapsed == 210


def test_a_zero_minute_segment_is_over_at_once(machine: Machine) -> None:
    timer = machine.timer(TimerState.planned(0))
    assert timer.is_over
    assert timer.fraction == 1
    assert format_remaining(timer) == "00:00"


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (0, "00:00"),
        (0.999, "00:00"),
        (59, "00:59"),
        (60, "01:00"),
        (754, "12:34"),
        (3599.9, "59:59"),
        (3600, "1:00:00"),
        (3723, "1:02:03"),
        (36000, "10:00:00"),
    ],
)
def test_format_clock(seconds: float, shown: str) -> None:
    assert format_clock(seconds) == shown


def test_format_clock_refuses_negative_durations() -> None:
    with pytest.raises(ValueError):
        format_clock(-1)


def test_an_overrun_past_an_hour_reads_with_hours(machine: Machine) -> None:
    timer = machine.timer(TimerState.planned(1))
    timer.start()
    machine.advance(60 + 3723)
    assert format_remaining(timer) == "+1:02:03"


def _finished(machine: Machine, minutes: int, ran: float) -> TimerState:
    timer = machine.timer(TimerState.planned(minutes))
    timer.start()
    machine.advance(ran)
    return timer.finish()


def test_run_totals_compare_the_plan_with_what_happened(machine: Machine) -> None:
    welcome = _finished(machine, 5, 4 * 60 + 30)
    talk = _finished(machine, 20, 23 * 60 + 10)
    current = machine.timer(TimerState.planned(15))
    current.start()
    machine.advance(120)
    segments = [
        (SegmentPlan(5), welcome),
        (SegmentPlan(20), talk),
        (SegmentPlan(15), current.state),
        (SegmentPlan(10, optional=True), None),
        (SegmentPlan(30, skipped=True), None),
        (SegmentPlan(10), None),
    ]
    later = machine.wall.now + 60
    totals = RunTotals.of(segments, wall_now=later)
    assert totals.planned_minutes == 60
    assert totals.required_minutes == 50
    assert totals.optional_minutes == 10
    assert totals.elapsed_seconds == 270 + 1390 + 180
    assert totals.actual_minutes == (5, 23, None, None, None, None)


def test_run_totals_of_nothing_are_zero() -> None:
    totals = RunTotals.of([], wall_now=WALL_ORIGIN)
    assert totals == RunTotals(0, 0, 0.0, ())


def test_a_timer_state_rejects_impossible_values() -> None:
    with pytest.raises(ValueError):
        TimerState(planned_seconds=-60)
    with pytest.raises(ValueError):
        TimerState(planned_seconds=60, elapsed_before=-1)
