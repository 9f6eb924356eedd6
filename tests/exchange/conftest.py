"""Fixtures for the assignment exchange: two real stores (the facilitator's and a participant's)
with a roster, and the modules the answers belong to.

Both stores are copies of one database migrated once per test session with the real Alembic
migrations, so the tests run against the schema users get, at the speed of a file copy.
"""

from __future__ import annotations

import pytest

from cofacilitator.paths import shipped_modules_dir
from cofacilitator.sessions.catalog import Catalog, load_catalog
from cofacilitator.sessions.schema import Module
from cofacilitator.store.database import Store
from tests.conftest import StoreCopier
from tests.exchange.exchange_stores import Roster, add_roster
from tests.exchange.sample_answers import every_kind_fields, module_with


@pytest.fixture
def store(store_copy: StoreCopier) -> Store:
    """The facilitator's store."""
    return store_copy("facilitator.sqlite")


@pytest.fixture
def participant_store(store_copy: StoreCopier) -> Store:
    """A participant's own store, on their own laptop."""
    return store_copy("participant.sqlite")


@pytest.fixture
def roster(store: Store) -> Roster:
    return add_roster(store)


@pytest.fixture
def every_kind() -> Module:
    return module_with(every_kind_fields())


@pytest.fixture
def shipped_catalog() -> Catalog:
    catalog = load_catalog(shipped_modules_dir(), None)
    assert not [p for p in catalog.problems if p.is_error]
    return catalog
