"""Preparing the invitation, reminder and follow-up: drafted, edited, copied or opened, recorded."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import parse_qs, unquote, urlsplit

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from cofacilitator.messages import MessageKind, list_prepared, templates_dir
from cofacilitator.paths import DataPaths
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.ui.messages_dialog import MessagesDialog
from tests.ui.around.around_data import VIEWER, Demo, Fresh

PREPARED_AT = datetime(2026, 11, 2, 9, 0)
"""After the demo's last prepared message, so the history lists it first."""


def make_dialog(
    qtbot: QtBot,
    owner: Demo | Fresh,
    catalog: Catalog,
    paths: DataPaths,
    run_index: int,
    kind: MessageKind = MessageKind.INVITATION,
    opened: list[QUrl] | None = None,
) -> MessagesDialog:
    dialog = MessagesDialog(
        owner.store,
        catalog,
        paths,
        owner.cohort_id,
        run_id=owner.runs[run_index].id,
        kind=kind,
        open_url=(opened.append if opened is not None else lambda _url: None),
        now=lambda: PREPARED_AT,
        viewer_zone=VIEWER,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_draft_holds_the_sessions_details_and_joining_link(
    qtbot: QtBot, demo: Demo, shipped_catalog: Catalog, data_paths: DataPaths
) -> None:
    dialog = make_dialog(qtbot, demo, shipped_catalog, data_paths, 1)

    body = dialog.body.toPlainText()
    assert "https://call.example.org/demo" in body
    assert "Thursday 8 October 2026, 16:00 (Europe/London, UTC+1)" in body
    assert dialog.subject.text() == (
        "Demo cohort, Session 2: Community of Practice Basics (Thursday 8 October 2026)"
    )
    assert "noor.haddad@example.org" in dialog.to_label.text()
    assert "participants in BCC" in dialog.to_label.text()
    assert not dialog.missing_label.isVisible()


def test_copy_puts_the_edited_draft_on_the_clipboard_and_records_it(
    qtbot: QtBot, demo: Demo, shipped_catalog: Catalog, data_paths: DataPaths
) -> None:
    before = len(list_prepared(demo.store, demo.cohort_id))
    dialog = make_dialog(qtbot, demo, shipped_catalog, data_paths, 1)
    dialog.body.moveCursor(dialog.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(dialog.body, "PS: bring a cup of tea.")

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)

    copied = QApplication.clipboard().mimeData()
    assert copied.text().startswith("Subject: Demo cohort, Session 2")
    assert "https://call.example.org/demo" in copied.text()
    assert copied.text().rstrip().endswith("PS: bring a cup of tea.")
    assert "<strong>Session 2: Community of Practice Basics</strong>" in copied.html()
    prepared = list_prepared(demo.store, demo.cohort_id)
    assert len(prepared) == before + 1
    entry = max(prepared, key=lambda p: p.id)
    assert (entry.kind, entry.run_id, entry.via) == ("invitation", demo.runs[1].id, "clipboard")
    assert entry.prepared_at == PREPARED_AT
    assert len(entry.recipients) == len(dialog.draft.recipients) > 0
    assert [dialog.history.item(0, c).text() for c in range(1, 5)] == [
        "Invitation",
        "Session 2",
        f"{len(entry.recipients)} people",
        "copied",
    ]
    assert "Copied" in dialog.status.text()


def test_open_in_mail_app_addresses_the_roster_in_bcc_and_records_it(
    qtbot: QtBot, fresh: Fresh, shipped_catalog: Catalog, data_paths: DataPaths
) -> None:
    opened: list[QUrl] = []
    dialog = make_dialog(qtbot, fresh, shipped_catalog, data_paths, 0, opened=opened)

    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)

    (url,) = opened
    parts = urlsplit(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))
    assert parts.scheme == "mailto"
    assert unquote(parts.path) == "noor@example.org,jonas@example.org"
    fields = parse_qs(parts.query)
    assert fields["bcc"] == ["ada@example.org,ben@example.org,chloe@example.org"]
    assert "Session 1" in fields["subject"][0]
    (entry,) = list_prepared(fresh.store, fresh.cohort_id)
    assert entry.via == "mail app"
    assert set(entry.recipients) == {fresh.people[n] for n in ("Ada", "Ben", "Chloe")}
    assert "Dev Patel" in dialog.to_label.text()
    assert "tell them another way" in dialog.to_label.text()


def test_details_not_known_yet_are_named_and_marked_in_the_draft(
    qtbot: QtBot, fresh: Fresh, shipped_catalog: Catalog, data_paths: DataPaths
) -> None:
    dialog = make_dialog(qtbot, fresh, shipped_catalog, data_paths, 0)

    assert dialog.missing_label.isVisible()
    assert "the joining link" in dialog.missing_label.text()
    assert "(the joining link will follow)" in dialog.body.toPlainText()


def test_the_follow_up_asks_for_the_notes_link_and_uses_it(
    qtbot: QtBot, demo: Demo, shipped_catalog: Catalog, data_paths: DataPaths
) -> None:
    dialog = make_dialog(qtbot, demo, shipped_catalog, data_paths, 0)
    assert not dialog.notes_link.isVisible()
    dialog.kind_box.setFocus()
    qtbot.keyClick(dialog.kind_box, Qt.Key.Key_End)
    assert dialog.kind is MessageKind.FOLLOW_UP
    assert dialog.notes_link.isVisible()

    qtbot.keyClicks(dialog.notes_link, "https://pad.example.org/session-1")
    qtbot.keyClick(dialog.notes_link, Qt.Key.Key_Return)

    assert "https://pad.example.org/session-1" in dialog.body.toPlainText()
    assert "https://video.example.org/demo/session-1" in dialog.body.toPlainText()


def test_edit_template_refuses_an_unknown_placeholder_and_keeps_a_good_edit(
    qtbot: QtBot, demo: Demo, shipped_catalog: Catalog, data_paths: DataPaths
) -> None:
    dialog = make_dialog(qtbot, demo, shipped_catalog, data_paths, 1)
    qtbot.mouseClick(dialog.edit_template_button, Qt.MouseButton.LeftButton)
    editor = dialog.template_editor
    assert editor is not None and editor.isVisible()
    own = templates_dir(data_paths) / "invitation.md"
    save = editor.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)

    editor.editor.moveCursor(editor.editor.textCursor().MoveOperation.End)
    qtbot.keyClick(editor.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.editor, "See you on $dat.")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert "unknown placeholder $dat" in editor.problem.text()
    assert not own.exists()

    qtbot.keyClick(editor.editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor.editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(editor.editor, "te, $time.")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    assert own.read_text(encoding="utf-8").endswith("See you on $date, $time.")
    assert dialog.body.toPlainText().rstrip().endswith("See you on Thursday 8 October 2026, 16:00.")
