"""Fixtures every test folder shares: real SQLite stores copied from one migrated database.

Migrating commits table by table and every commit is fsynced, so the schema is built once per
test run through the real Alembic migrations and each test gets a copy of the finished file.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cofacilitator.demo import create_shipped_demo_cohort
from cofacilitator.paths import (
    DATA_DIR_ENV,
    DATABASE_URL_ENV,
    resolve_data_paths,
    shipped_modules_dir,
)
from cofacilitator.sessions.catalog import Catalog, load_catalog
from cofacilitator.store.database import Store, open_store

StoreCopier = Callable[..., Store]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the export golden files in tests/export/golden/ instead of comparing",
    )


@pytest.fixture(autouse=True)
def _no_user_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A facilitator's own settings must never leak into (or be touched by) a test."""
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)


def _checkpointed(path: Path, prepare: Callable[[Store], object] | None = None) -> Path:
    store = open_store(f"sqlite:///{path}")
    if prepare is not None:
        prepare(store)
    with store.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.dispose()
    return path


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database at the newest schema."""
    return _checkpointed(tmp_path_factory.mktemp("schema") / "empty.sqlite")


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the demo cohort, built once for the whole run."""
    return _checkpointed(
        tmp_path_factory.mktemp("demo") / "demo.sqlite", create_shipped_demo_cohort
    )


@pytest.fixture
def store_copy(tmp_path: Path, migrated_database: Path) -> Iterator[StoreCopier]:
    """Opens a copy of a template database (the empty one by default) under the name given."""
    opened: list[Store] = []

    def open_copy(name: str, template: Path | None = None) -> Store:
        shutil.copyfile(template or migrated_database, tmp_path / name)
        fresh = open_store(f"sqlite:///{tmp_path / name}", migrate=False)
        opened.append(fresh)
        return fresh

    yield open_copy
    for each in opened:
        each.dispose()


@pytest.fixture
def demo_store(store_copy: StoreCopier, demo_database: Path) -> Store:
    return store_copy("demo.sqlite", demo_database)


@pytest.fixture(scope="session")
def shipped_catalog() -> Catalog:
    return load_catalog(shipped_modules_dir(), None)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder not created yet, for commands run as a facilitator types them."""
    return tmp_path / "data"


@pytest.fixture
def data_store(data_dir: Path) -> Iterator[Store]:
    """The store the commands run on ``data_dir`` use, opened (and so created) first."""
    opened = open_store(f"sqlite:///{resolve_data_paths(data_dir).database}")
    yield opened
    opened.dispose()
