"""Shared set-up of the Qt tests: no display, a fresh data folder, a clock the test moves.

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

from cofacilitator.paths import DataPaths, shipped_modules_dir
from cofacilitator.sessions.catalog import load_catalog
from cofacilitator.sessions.schema import Module


class FakeClock:
    """Monotonic and wall time moving together, only when the test says so."""

    def __init__(self, start: float = 1_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data").ensure()


@pytest.fixture(scope="session")
def shipped_modules() -> tuple[Module, ...]:
    return load_catalog(shipped_modules_dir(), None).modules


@pytest.fixture(autouse=True)
def _restore_app_font(qapp: QApplication) -> Iterator[None]:
    font = QFont(qapp.font())
    yield
    qapp.setFont(font)
