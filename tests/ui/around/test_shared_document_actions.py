"""The blank shared document of a session: onto the clipboard, rich and plain, or a file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cofacilitator.sessions.catalog import Catalog
from cofacilitator.shared_document import blank_session_document
from cofacilitator.ui.shared_document_actions import SharedDocumentActions
from tests.ui.around.around_data import Demo


def make_actions(
    qtbot: QtBot, demo: Demo, catalog: Catalog, target: Path | None = None
) -> SharedDocumentActions:
    actions = SharedDocumentActions(
        demo.store, catalog, choose_save=lambda _parent, _name: str(target) if target else None
    )
    qtbot.addWidget(actions)
    actions.show()
    actions.set_run(demo.runs[1].id)
    return actions


def test_copy_puts_rich_text_and_markdown_on_the_clipboard(
    qtbot: QtBot, demo: Demo, shipped_catalog: Catalog
) -> None:
    actions = make_actions(qtbot, demo, shipped_catalog)
    qtbot.mouseClick(actions.copy_button, Qt.MouseButton.LeftButton)

    copied = QApplication.clipboard().mimeData()
    assert copied.hasHtml() and copied.hasText()
    assert copied.text().startswith("# Session 2: Community of Practice Basics")
    assert "- Amara Okafor / " in copied.text()
    assert "<h1>Session 2: Community of Practice Basics</h1>" in copied.html()
    assert '<table border="1"' in copied.html()
    assert actions.status.text().startswith("Copied the shared document of Session 2")


def test_save_writes_the_markdown(
    qtbot: QtBot, demo: Demo, shipped_catalog: Catalog, tmp_path: Path
) -> None:
    target = tmp_path / "notes"
    actions = make_actions(qtbot, demo, shipped_catalog, target)
    qtbot.mouseClick(actions.save_button, Qt.MouseButton.LeftButton)

    expected = blank_session_document(demo.store, shipped_catalog, demo.runs[1].id).markdown
    assert (tmp_path / "notes.md").read_text(encoding="utf-8") == expected
    assert actions.status.text() == "Saved notes.md."


def test_without_a_session_the_buttons_are_off(
    qtbot: QtBot, demo: Demo, shipped_catalog: Catalog
) -> None:
    actions = make_actions(qtbot, demo, shipped_catalog)
    actions.set_run(None)
    assert not actions.copy_button.isEnabled()
    assert not actions.save_button.isEnabled()
