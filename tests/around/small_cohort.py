"""The small cohort most tests here start from, and the facilitators it is run by."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cofacilitator.cohorts import CohortView, Facilitator
from cofacilitator.runs import RunView
from cofacilitator.schedule import schedule_run
from cofacilitator.store.database import Store

FACILITATORS = (
    Facilitator("Noor Haddad", "noor@example.org", "facilitator"),
    Facilitator("Jonas Berg", "jonas@example.org", "co-facilitator"),
)


@dataclass(frozen=True)
class SmallCohort:
    """A small cohort on the four shipped modules: Ada, Ben and Chloe have e-mail, Dev has not."""

    view: CohortView
    people: dict[str, int]
    runs: tuple[RunView, ...]

    @property
    def id(self) -> int:
        return self.view.id


AUTUMN = (date(2026, 10, 15), date(2026, 10, 22), date(2026, 10, 29), date(2026, 11, 5))
"""Weekly calls either side of the last Sunday of October 2026, when British Summer Time ends."""


def schedule_autumn(store: Store, cohort: SmallCohort, zone: str = "Europe/London") -> None:
    """The four sessions at 16:00 for 90 minutes on the ``AUTUMN`` dates."""
    for run, day in zip(cohort.runs, AUTUMN, strict=True):
        schedule_run(store, run.id, on=day, start_time="16:00", timezone=zone, length_minutes=90)
