"""Segment timers whose time survives a frozen window and a restart of the app.

A facilitator glances at the timer a hundred times in a call; it must never drift. So time is
never counted in ticks: it is read from a monotonic clock inside one process, and carried across
processes as wall-clock stamps in :class:`TimerState`, the form the store keeps. The UI repaints
from :class:`SegmentTimer` as often as it likes; every read is a subtraction.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

Clock = Callable[[], float]


@dataclass(frozen=True)
class TimerState:
    """A timer as persisted: enough to rebuild it exactly in another process.

    ``elapsed_before`` holds every second counted up to ``running_since``; while the timer runs,
    the seconds since ``running_since`` (a wall-clock epoch) are added on top. A snapshot taken
    from a running :class:`SegmentTimer` folds the time counted so far into ``elapsed_before`` and
    stamps ``running_since`` with the wall time of the snapshot, so a wall-clock jump during the
    session is never replayed after a restart: only the time the app was closed is measured on
    the wall clock.
    """

    planned_seconds: int
    added_seconds: int = 0
    elapsed_before: float = 0.0
    running_since: float | None = None
    started_at: float | None = None
    stopped_at: float | None = None

    def __post_init__(self) -> None:
        if self.planned_seconds < 0:
            raise ValueError(f"planned_seconds must not be negative, got {self.planned_seconds}")
        if self.elapsed_before < 0:
            raise ValueError(f"elapsed_before must not be negative, got {self.elapsed_before}")

    @classmethod
    def planned(cls, minutes: int) -> TimerState:
        """A fresh, never started timer for a segment planned at ``minutes``."""
        return cls(planned_seconds=minutes * 60)

    @property
    def is_running(self) -> bool:
        return self.running_since is not None

    @property
    def is_finished(self) -> bool:
        return self.stopped_at is not None

    def elapsed_at(self, wall_now: float) -> float:
        """Elapsed seconds as of a wall-clock time, for summaries that hold no live timer."""
        if self.running_since is None:
            return self.elapsed_before
        return self.elapsed_before + max(0.0, wall_now - self.running_since)


class SegmentTimer:
    """The live timer of one segment.

    Within a process the running span is measured on ``clock`` (monotonic), so changing the
    system time mid-call shifts nothing. On construction a running state is re-anchored: the
    time since ``state.running_since`` on ``wall`` is taken as already run, because the call went
    on while the app was closed. A wall clock that went backwards counts as no time, not as
    negative time.

    The mutators return the new :class:`TimerState`, so the caller can persist each user action
    in one short write.
    """

    def __init__(
        self, state: TimerState, clock: Clock = time.monotonic, wall: Clock = time.time
    ) -> None:
        self._clock = clock
        self._wall = wall
        self._planned = state.planned_seconds
        self._added = state.added_seconds
        self._elapsed_before = state.elapsed_before
        self._started_at = state.started_at
        self._stopped_at = state.stopped_at
        self._anchor: float | None = None
        if state.running_since is not None:
            self._anchor = clock() - max(0.0, wall() - state.running_since)

    @property
    def is_running(self) -> bool:
        return self._anchor is not None

    @property
    def is_finished(self) -> bool:
        return self._stopped_at is not None

    @property
    def total_seconds(self) -> int:
        """The planned time plus every minute added: what the countdown counts down from."""
        return self._planned + self._added

    @property
    def elapsed(self) -> float:
        if self._anchor is None:
            return self._elapsed_before
        return self._elapsed_before + max(0.0, self._clock() - self._anchor)

    @property
    def remaining(self) -> float:
        """Seconds left; negative once the segment runs over."""
        return self.total_seconds - self.elapsed

    @property
    def overrun(self) -> float:
        return max(0.0, -self.remaining)

    @property
    def is_over(self) -> bool:
        return self.remaining <= 0

    @property
    def fraction(self) -> float:
        """Progress for a bar, from 0 (not started) to 1 (time is up, or over)."""
        total = self.total_seconds
        if total <= 0:
            return 1.0
        return min(1.0, self.elapsed / total)

    @property
    def state(self) -> TimerState:
        elapsed_before = self.elapsed
        running_since = self._wall() if self.is_running else None
        return TimerState(
            planned_seconds=self._planned,
            added_seconds=self._added,
            elapsed_before=elapsed_before,
            running_since=running_since,
            started_at=self._started_at,
            stopped_at=self._stopped_at,
        )

    def start(self) -> TimerState:
        """Run the timer; a second start changes nothing.

        Starting a finished segment (the facilitator went back to it) reopens it and keeps
        counting from where it stopped.
        """
        if self._anchor is None:
            self._anchor = self._clock()
            self._stopped_at = None
            if self._started_at is None:
                self._started_at = self._wall()
        return self.state

    def pause(self) -> TimerState:
        if self._anchor is not None:
            self._elapsed_before = self.elapsed
            self._anchor = None
        return self.state

    def toggle(self) -> TimerState:
        return self.pause() if self.is_running else self.start()

    def add_minute(self, n: int = 1) -> TimerState:
        """Give the segment ``n`` more minutes (fewer when negative, never below zero in all)."""
        self._added = max(self._added + 60 * n, -self._planned)
        return self.state

    def finish(self) -> TimerState:
        """Stop the segment when the run moves on, recording when, for its actual minutes."""
        self.pause()
        if self._stopped_at is None:
            self._stopped_at = self._wall()
        return self.state


def format_clock(seconds: float) -> str:
    """Whole seconds (rounded down) as "12:34", or "1:02:03" from an hour on."""
    if seconds < 0:
        raise ValueError(f"format_clock takes a duration, got {seconds}")
    whole = math.floor(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def format_remaining(timer: SegmentTimer) -> str:
    """The countdown label: "04:59" while time is left, "+01:05" once over.

    Both sides round up, so "05:00" shows for the whole first second, "00:00" only at the exact
    end, and the first second over already reads "+00:01": every label lasts one real second.
    """
    remaining = timer.remaining
    if remaining >= 0:
        return format_clock(math.ceil(remaining))
    return "+" + format_clock(math.ceil(-remaining))


@dataclass(frozen=True)
class SegmentPlan:
    """What the run planned for one segment, as the totals need it."""

    minutes: int
    optional: bool = False
    skipped: bool = False


@dataclass(frozen=True)
class RunTotals:
    """Planned against actual time for a whole run, for the run header and the session record.

    Skipped segments count in neither planned total. ``actual_minutes`` has one entry per
    segment, in order: rounded minutes for a finished segment, None for one not finished yet.
    """

    planned_minutes: int
    required_minutes: int
    elapsed_seconds: float
    actual_minutes: tuple[int | None, ...]

    @classmethod
    def of(
        cls, segments: Iterable[tuple[SegmentPlan, TimerState | None]], wall_now: float
    ) -> RunTotals:
        """Totals for segments paired with their timer states (None for one never timed)."""
        planned = required = 0
        elapsed = 0.0
        actual: list[int | None] = []
        for plan, state in segments:
            if not plan.skipped:
                planned += plan.minutes
                if not plan.optional:
                    required += plan.minutes
            if state is None:
                actual.append(None)
                continue
            seconds = state.elapsed_at(wall_now)
            elapsed += seconds
            actual.append(_round_minutes(seconds) if state.is_finished else None)
        return cls(planned, required, elapsed, tuple(actual))

    @property
    def optional_minutes(self) -> int:
        """Minutes that can be dropped when the call runs late."""
        return self.planned_minutes - self.required_minutes


def _round_minutes(seconds: float) -> int:
    """Half a minute rounds up: a segment that ran 4:30 is reported as 5 minutes."""
    return math.floor(seconds / 60 + 0.5)
