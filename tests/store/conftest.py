"""A real cohort store on disk for every storage test, and no user environment leaking in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_seed import Seeded, seed

from cofacilitator.paths import DATA_DIR_ENV, DATABASE_URL_ENV, DataPaths
from cofacilitator.store.database import Store, open_store


@pytest.fixture(autouse=True)
def _no_user_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A facilitator's own settings must never leak into (or be touched by) a test."""
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)


@pytest.fixture
def data_paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data").ensure()


@pytest.fixture
def store(data_paths: DataPaths) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{data_paths.database}")
    yield opened
    opened.dispose()


@pytest.fixture
def seeded(store: Store) -> Seeded:
    with store.session_factory() as session, session.begin():
        return seed(session)
