"""Fixtures for the tests of the work around a call: a small cohort in a real SQLite store.

The store is a copy of the template built once per test run (``tests/conftest.py``); the demo
cohort's store (``demo_store``) comes from there too.
"""

from __future__ import annotations

import pytest

from cofacilitator.cohorts import ParticipantDetails, add_participant, create_cohort
from cofacilitator.runs import ensure_runs
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.store.database import Store
from tests.around.small_cohort import FACILITATORS, SmallCohort
from tests.conftest import StoreCopier


@pytest.fixture
def store(store_copy: StoreCopier) -> Store:
    return store_copy("store.sqlite")


@pytest.fixture
def catalog(shipped_catalog: Catalog) -> Catalog:
    return shipped_catalog


@pytest.fixture
def cohort(store: Store, catalog: Catalog) -> SmallCohort:
    view = create_cohort(
        store, "Spring cohort", facilitators=FACILITATORS, timezone="Europe/London"
    )
    people = {
        name: add_participant(store, view.id, ParticipantDetails(name, email=email)).id
        for name, email in (
            ("Ada", "ada@example.org"),
            ("Ben", "ben@example.org"),
            ("Chloe", "chloe@example.org"),
            ("Dev", ""),
        )
    }
    runs = ensure_runs(store, view.id, catalog.modules)
    return SmallCohort(view, people, tuple(runs))
