"""A fresh cohort of the demo's people on the four shipped modules: runs with nothing in them yet,
for the shared document and its imports to fill."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from cofacilitator.cohorts import (
    ParticipantDetails,
    add_participant,
    create_cohort,
    withdraw_participant,
)
from cofacilitator.demo_content import FACILITATORS, KWAME, PEOPLE
from cofacilitator.runs import ensure_runs
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.store.database import Store
from tests.conftest import StoreCopier

COHORT_NAME = "Autumn cohort"


@dataclass(frozen=True)
class Fresh:
    cohort_id: int
    people: dict[str, int]
    """Participant ids by display name, the demo's eight people (Kwame has withdrawn)."""
    runs: dict[int, int]
    """Run ids by session number."""


@pytest.fixture
def store(store_copy: StoreCopier) -> Store:
    return store_copy("documents.sqlite")


@pytest.fixture
def catalog(shipped_catalog: Catalog) -> Catalog:
    return shipped_catalog


@pytest.fixture
def fresh(store: Store, catalog: Catalog) -> Fresh:
    return make_fresh(store, catalog)


def make_fresh(store: Store, catalog: Catalog) -> Fresh:
    cohort = create_cohort(store, COHORT_NAME, facilitators=FACILITATORS, timezone="Europe/London")
    people = {}
    for index, person in enumerate(PEOPLE):
        added = add_participant(
            store,
            cohort.id,
            ParticipantDetails(
                person.name,
                role=person.role,
                handles=person.handles,
                email=person.email,
                consent_named=person.consent,
            ),
        )
        if index == KWAME:
            withdraw_participant(store, added.id)
        people[person.name] = added.id
    runs = {run.module_number: run.id for run in ensure_runs(store, cohort.id, catalog.modules)}
    return Fresh(cohort.id, people, runs)
