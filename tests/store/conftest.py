"""A real cohort store on disk for every storage test, and no user environment leaking in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_seed import Seeded, seed

from cofacilitator.paths import DataPaths
from cofacilitator.store.database import Store, open_store


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
