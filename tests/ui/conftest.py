"""Shared set-up of the Qt tests: no display, a fresh data folder and store, the shipped modules,
a clock the test moves.

``QT_QPA_PLATFORM`` is set before anything imports Qt, so the tests run on machines without a
screen. Every test gets the application font back as it found it, because one test's Ctrl+plus
must not make the next test's widgets larger.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from cofacilitator.paths import DataPaths
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.sessions.schema import Module
from cofacilitator.store.database import Store
from tests.conftest import StoreCopier
from tests.ui.fake_clock import FakeClock


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data").ensure()


@pytest.fixture(scope="session")
def catalog(shipped_catalog: Catalog) -> Catalog:
    """The shipped modules, loaded once for the whole run."""
    return shipped_catalog


@pytest.fixture(scope="session")
def shipped_modules(shipped_catalog: Catalog) -> tuple[Module, ...]:
    return shipped_catalog.modules


@pytest.fixture
def store(store_copy: StoreCopier) -> Store:
    """An empty store at the newest schema, copied from the one migrated for the whole run."""
    return store_copy("store.sqlite")


@pytest.fixture(autouse=True)
def _restore_app_font(qapp: QApplication) -> Iterator[None]:
    font = QFont(qapp.font())
    yield
    qapp.setFont(font)


@pytest.fixture(scope="session", autouse=True)
def _clipboard_emptied_before_exit(qapp: QApplication) -> Iterator[None]:
    """A copied QMimeData still on the clipboard when Python shuts down crashes PySide6 at
    exit (segmentation fault), which would turn a green run red; empty it first."""
    yield
    QApplication.clipboard().clear()
