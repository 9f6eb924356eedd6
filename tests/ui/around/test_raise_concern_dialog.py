"""Participant mode: a concern raised privately becomes a file only the facilitators' app files."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cofacilitator.cohorts import list_participants
from cofacilitator.concerns import import_concern_file, read_concern_file
from cofacilitator.invitation import Invitation, invitation_for
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.ui.raise_concern_dialog import RaiseConcernDialog
from tests.ui.around.around_data import VIEWER, Demo

NOW = datetime(2026, 10, 9, 10, 30)
TEXT = "In the breakout room someone kept talking over me."


def amara_invitation(demo: Demo, catalog: Catalog) -> Invitation:
    amara = next(
        p.id
        for p in list_participants(demo.store, demo.cohort_id)
        if p.display_name == "Amara Okafor"
    )
    return invitation_for(demo.store, demo.cohort_id, amara, catalog)


def make_dialog(
    qtbot: QtBot, invitation: Invitation, target: Path | None, asked: list[str]
) -> RaiseConcernDialog:
    def choose(_parent: object, suggested: str) -> str | None:
        asked.append(suggested)
        return str(target) if target else None

    dialog = RaiseConcernDialog(invitation, choose_save=choose, now=lambda: NOW, viewer_zone=VIEWER)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_facilitators_contacts_come_from_the_invitation(
    qtbot: QtBot, demo: Demo, shipped_catalog: Catalog
) -> None:
    dialog = make_dialog(qtbot, amara_invitation(demo, shipped_catalog), None, [])

    assert [label.accessibleName() for label in dialog.contact_labels] == [
        "Noor Haddad, facilitator: noor.haddad@example.org",
        "Jonas Berg, co-facilitator: jonas.berg@example.org",
    ]
    assert 'href="mailto:noor.haddad@example.org"' in dialog.contact_labels[0].text()
    assert "Only their app for this cohort files it" in dialog.explanation.text()
    assert "not encrypted" in dialog.explanation.text()


def test_saving_writes_a_concern_file_the_facilitators_app_imports(
    qtbot: QtBot, demo: Demo, shipped_catalog: Catalog, tmp_path: Path
) -> None:
    target = tmp_path / "concern.cofacilitator.json"
    asked: list[str] = []
    dialog = make_dialog(qtbot, amara_invitation(demo, shipped_catalog), target, asked)
    dialog.what_edit.setFocus()
    qtbot.keyClicks(dialog.what_edit, TEXT)
    qtbot.keyClicks(dialog.about_edit, "Hana Sato")
    qtbot.mouseClick(dialog.when_known, Qt.MouseButton.LeftButton)

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert asked == ["concern-2026-10-09.cofacilitator.json"]
    written = read_concern_file(target)
    assert (written.text, written.about, written.created_at) == (TEXT, "Hana Sato", NOW)
    # The When field opened on "now" in Berlin, which is NOW in UTC.
    assert written.happened_at == NOW
    assert "Amara" not in target.read_text(encoding="utf-8")
    assert dialog.status.text() == f"Saved {target.name}. Now send it to Noor Haddad or Jonas Berg."
    assert dialog.what_edit.toPlainText() == ""
    assert dialog.about_edit.text() == ""

    imported = import_concern_file(demo.store, target)
    assert imported.created
    assert imported.concern.raised_by_name == "Amara Okafor"
    assert imported.concern.about_name == "Hana Sato"


def test_nothing_is_asked_or_written_without_text(
    qtbot: QtBot, demo: Demo, shipped_catalog: Catalog, tmp_path: Path
) -> None:
    asked: list[str] = []
    dialog = make_dialog(qtbot, amara_invitation(demo, shipped_catalog), tmp_path / "c.json", asked)

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert asked == []
    assert not (tmp_path / "c.json").exists()
    assert dialog.status.text() == "Write what happened first."
