"""The real start: the window first when the database needs nothing, the pages right after."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cofacilitator.demo import create_shipped_demo_cohort
from cofacilitator.paths import DATABASE_URL_ENV, DataPaths
from cofacilitator.store.database import open_store
from cofacilitator.ui.app import database_needs_nothing, launch


@pytest.fixture(autouse=True)
def _no_database_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)


def _demo_data(paths: DataPaths) -> None:
    paths.ensure()
    store = open_store(f"sqlite:///{paths.database}")
    create_shipped_demo_cohort(store)
    store.dispose()


def test_a_ready_database_shows_the_window_before_the_cohorts_load(
    qtbot: QtBot, qapp: QApplication, data_paths: DataPaths
) -> None:
    _demo_data(data_paths)
    assert database_needs_nothing(data_paths)

    shells = launch(qapp, data_paths)

    assert shells == []
    window = next(w for w in qapp.topLevelWidgets() if w.accessibleName() == "cofacilitator")
    qtbot.addWidget(window)
    assert window.isVisible()
    qtbot.waitUntil(lambda: bool(shells), timeout=20_000)
    shell = shells[0]
    assert shell.window is window
    assert shell.window.page_names[:2] == ["Home", "Session runner"]
    assert [c.name for c in shell.window.page("Home").cohorts] == ["Demo cohort"]
    shell.close()


def test_a_new_data_folder_is_migrated_before_any_window(
    qtbot: QtBot, qapp: QApplication, data_paths: DataPaths
) -> None:
    assert not database_needs_nothing(data_paths)

    shells = launch(qapp, data_paths)

    assert shells is not None and len(shells) == 1
    shell = shells[0]
    qtbot.addWidget(shell.window)
    assert data_paths.database.is_file()
    assert shell.window.page_names[:2] == ["Home", "Session runner"]
    shell.close()


def test_a_damaged_database_is_not_taken_for_ready(data_paths: DataPaths) -> None:
    _demo_data(data_paths)
    data = bytearray(data_paths.database.read_bytes())
    data[4096:8192] = b"\xff" * 4096
    data_paths.database.write_bytes(bytes(data))

    assert not database_needs_nothing(data_paths)
