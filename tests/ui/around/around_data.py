"""What the tests of the work around a call share: the cohorts they use, the viewer's zone."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from cofacilitator.runs import RunView
from cofacilitator.store.database import Store

VIEWER = ZoneInfo("Europe/Berlin")
"""The facilitator's own zone in these tests: an hour ahead of the demo's London calls."""


@dataclass(frozen=True)
class Demo:
    store: Store
    cohort_id: int
    runs: tuple[RunView, ...]
    """The four sessions, in number order; all held, all scheduled at 16:00 London time."""


@dataclass(frozen=True)
class Fresh:
    store: Store
    cohort_id: int
    people: dict[str, int]
    """First name -> participant id: Ada, Ben and Chloe have e-mail addresses, Dev has none."""
    runs: tuple[RunView, ...]
