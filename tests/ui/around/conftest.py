"""The work around a call, driven through its widgets: the demo cohort, or a small fresh one.

Dates in the widgets are written with the locale's day and month names, so every test here runs
in British English and gives the default locale back afterwards. Times are shown in a fixed zone
(``VIEWER``), never the zone of the machine running the tests.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale

from cofacilitator.cohorts import (
    Facilitator,
    ParticipantDetails,
    add_participant,
    create_cohort,
    find_cohort,
)
from cofacilitator.demo import DEMO_COHORT_NAME
from cofacilitator.runs import ensure_runs, list_runs
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.store.database import Store
from cofacilitator.ui.events import Events
from tests.conftest import StoreCopier
from tests.ui.around.around_data import Demo, Fresh


@pytest.fixture(autouse=True)
def _british_english() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(before)


@pytest.fixture
def events() -> Events:
    return Events()


@pytest.fixture
def demo(demo_store: Store) -> Demo:
    cohort = find_cohort(demo_store, DEMO_COHORT_NAME)
    assert cohort is not None
    return Demo(demo_store, cohort.id, tuple(list_runs(demo_store, cohort.id)))


@pytest.fixture
def fresh(store_copy: StoreCopier, shipped_catalog: Catalog) -> Fresh:
    """A new cohort on the four shipped modules, nothing scheduled, nothing written yet."""
    store = store_copy("fresh.sqlite")
    cohort = create_cohort(
        store,
        "Spring cohort",
        facilitators=(
            Facilitator("Noor Haddad", "noor@example.org"),
            Facilitator("Jonas Berg", "jonas@example.org", "co-facilitator"),
        ),
        timezone="Europe/London",
    )
    people = {
        name: add_participant(
            store, cohort.id, ParticipantDetails(f"{name} {surname}", email=email)
        ).id
        for name, surname, email in (
            ("Ada", "Lovelace", "ada@example.org"),
            ("Ben", "Okri", "ben@example.org"),
            ("Chloe", "Zhao", "chloe@example.org"),
            ("Dev", "Patel", ""),
        )
    }
    runs = tuple(ensure_runs(store, cohort.id, shipped_catalog.modules))
    return Fresh(store, cohort.id, people, runs)
