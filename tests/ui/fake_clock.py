"""A clock the test moves by hand, for the timer, the runner and the presenter clock."""

from __future__ import annotations


class FakeClock:
    """Monotonic or wall time that moves only when the test says so."""

    def __init__(self, start: float = 1_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
