"""Fixtures for the tests of the work around a call: real SQLite stores copied from templates.

Migrating a database takes far longer than copying one, so the schema (and the demo cohort) are
built once per test run and each test gets its own copy.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cofacilitator.cohorts import ParticipantDetails, add_participant, create_cohort
from cofacilitator.demo import create_shipped_demo_cohort
from cofacilitator.paths import DATA_DIR_ENV, DATABASE_URL_ENV, shipped_modules_dir
from cofacilitator.runs import ensure_runs
from cofacilitator.sessions.catalog import Catalog, load_catalog
from cofacilitator.store.database import Store, open_store
from tests.around.small_cohort import FACILITATORS, SmallCohort


@pytest.fixture(autouse=True)
def _no_user_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("schema") / "empty.sqlite"
    template = open_store(f"sqlite:///{path}")
    template.checkpoint()
    template.dispose()
    return path


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory: pytest.TempPathFactory, migrated_database: Path) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    shutil.copyfile(migrated_database, path)
    template = open_store(f"sqlite:///{path}", migrate=False)
    create_shipped_demo_cohort(template)
    template.checkpoint()
    template.dispose()
    return path


@pytest.fixture
def copy_store(tmp_path: Path) -> Iterator[Callable[[Path], Store]]:
    opened: list[Store] = []

    def copy(template: Path) -> Store:
        target = tmp_path / f"store-{len(opened)}.sqlite"
        shutil.copyfile(template, target)
        store = open_store(f"sqlite:///{target}", migrate=False)
        opened.append(store)
        return store

    yield copy
    for store in opened:
        store.dispose()


@pytest.fixture
def store(copy_store: Callable[[Path], Store], migrated_database: Path) -> Store:
    return copy_store(migrated_database)


@pytest.fixture
def demo_store(copy_store: Callable[[Path], Store], demo_database: Path) -> Store:
    return copy_store(demo_database)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(shipped_modules_dir(), None)


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
