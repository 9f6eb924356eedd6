"""Fixtures for the assignment exchange: two real stores (the facilitator's and a participant's)
with a roster, and the modules the answers belong to.

Both stores are copies of one database migrated once per test session with the real Alembic
migrations, so the tests run against the schema users get, at the speed of a file copy.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from cofacilitator.paths import shipped_modules_dir
from cofacilitator.sessions.catalog import Catalog, load_catalog
from cofacilitator.sessions.schema import Module
from cofacilitator.store.database import Store, open_store
from tests.exchange.exchange_stores import Roster, add_roster
from tests.exchange.sample_answers import every_kind_fields, module_with


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    open_store(f"sqlite:///{path}").dispose()
    return path


def _copy_store(template: Path, target: Path) -> Store:
    shutil.copyfile(template, target)
    return open_store(f"sqlite:///{target}", migrate=False)


@pytest.fixture
def store(tmp_path: Path, migrated_template: Path) -> Iterator[Store]:
    """The facilitator's store."""
    opened = _copy_store(migrated_template, tmp_path / "facilitator.sqlite")
    yield opened
    opened.dispose()


@pytest.fixture
def participant_store(tmp_path: Path, migrated_template: Path) -> Iterator[Store]:
    """A participant's own store, on their own laptop."""
    opened = _copy_store(migrated_template, tmp_path / "participant.sqlite")
    yield opened
    opened.dispose()


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
