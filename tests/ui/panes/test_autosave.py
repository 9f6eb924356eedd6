"""The one debouncer: a burst of edits is one write, focus-out writes at once, failures wait."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError

from cofacilitator.ui.autosave import NOT_SAVED, SAVED, SAVING, Autosave, SaveIndicator


def test_a_burst_of_edits_is_one_write_after_the_pause(qtbot: QtBot) -> None:
    autosave = Autosave(100)
    indicator = SaveIndicator(autosave)
    qtbot.addWidget(indicator)
    written: list[str] = []
    for text in ("H", "He", "Hel"):
        autosave.schedule("note", lambda text=text: written.append(text))
    assert indicator.text() == SAVING
    qtbot.waitUntil(lambda: written == ["Hel"], timeout=1000)
    assert indicator.text() == SAVED
    assert not autosave.pending


def test_leaving_the_field_writes_at_once(qtbot: QtBot) -> None:
    page = QWidget()
    first, second = QLineEdit(page), QLineEdit(page)
    layout = QVBoxLayout(page)
    layout.addWidget(first)
    layout.addWidget(second)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    autosave = Autosave(60_000)
    autosave.watch(first)
    written: list[str] = []
    first.setFocus()
    autosave.schedule("field", lambda: written.append("typed"))
    second.setFocus()
    assert written == ["typed"]


def test_a_failed_write_says_so_and_is_tried_again(qtbot: QtBot) -> None:
    autosave = Autosave(60_000)
    attempts: list[int] = []

    def write() -> None:
        attempts.append(1)
        if len(attempts) == 1:
            raise OperationalError("UPDATE note", {}, Exception("database is locked"))

    autosave.schedule("note", write)
    autosave.flush()
    assert autosave.status.startswith(f"{NOT_SAVED}: ")
    assert autosave.pending
    autosave.flush()
    assert autosave.status == SAVED
    assert len(attempts) == 2
