"""The private concerns record: typed in, imported from a participant's file, never exported."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel
from pytestqt.qtbot import QtBot

from cofacilitator.cohorts import add_walk_in, list_participants
from cofacilitator.concerns import RaisedBy, list_concerns, write_concern_file
from cofacilitator.export_markdown import ExportFormat, export_cohort
from cofacilitator.invitation import invitation_for
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.store.models import ConcernStatus
from cofacilitator.ui.concerns_panel import BANNER_TEXT, ConcernsPanel
from cofacilitator.ui.events import Events
from tests.ui.around.around_data import VIEWER, Demo

WHAT = "Felt singled out when asked to speak first in the breakout (unusual words: quokka)."
ACTIONS = "Apologised after the call; will ask for volunteers instead (marmoset)."


def make_panel(
    qtbot: QtBot, demo: Demo, chosen: Path | None = None, events: Events | None = None
) -> ConcernsPanel:
    panel = ConcernsPanel(
        demo.store,
        events or Events(),
        choose_file=lambda _parent: str(chosen) if chosen else None,
        viewer_zone=VIEWER,
    )
    qtbot.addWidget(panel)
    panel.resize(1100, 660)
    panel.show()
    panel.set_cohort(demo.cohort_id)
    return panel


def pick(qtbot: QtBot, box: QComboBox, text: str) -> None:
    """Choose the entry starting with ``text`` with the arrow keys, as with the keyboard."""
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home)
    for _ in range(box.count()):
        if box.currentText().startswith(text):
            return
        qtbot.keyClick(box, Qt.Key.Key_Down)
    raise AssertionError(f"no entry starting with {text!r} in {box.accessibleName()}")


def person(demo: Demo, name: str) -> int:
    return next(
        p.id for p in list_participants(demo.store, demo.cohort_id) if p.display_name == name
    )


def test_the_privacy_banner_is_shown(qtbot: QtBot, demo: Demo) -> None:
    panel = make_panel(qtbot, demo)
    texts = [label.text() for label in panel.banner.findChildren(QLabel)]
    assert BANNER_TEXT in texts
    assert panel.banner.isVisible()


def test_a_saved_concern_is_listed_and_stored_with_every_detail(qtbot: QtBot, demo: Demo) -> None:
    panel = make_panel(qtbot, demo)
    before = len(panel.concerns)
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    pick(qtbot, panel.raised_by_box, "A participant")
    pick(qtbot, panel.raiser_box, "Lin")
    pick(qtbot, panel.about_box, "Mateo")
    panel.what_edit.setFocus()
    qtbot.keyClicks(panel.what_edit, WHAT)
    qtbot.mouseClick(panel.when_known, Qt.MouseButton.LeftButton)
    panel.actions_edit.setFocus()
    qtbot.keyClicks(panel.actions_edit, ACTIONS)
    pick(qtbot, panel.status_box, "In progress")
    pick(qtbot, panel.handler_box, "Noor")

    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)

    assert panel.message.text() == "Saved in the private record."
    assert len(panel.concerns) == before + 1
    saved = next(c for c in list_concerns(demo.store, demo.cohort_id) if c.what == WHAT)
    assert saved.raised_by is RaisedBy.PARTICIPANT
    assert saved.raised_by_id == person(demo, "Lin Wei")
    assert saved.about_id == person(demo, "Mateo Fernández")
    assert saved.actions == ACTIONS
    assert saved.status is ConcernStatus.IN_PROGRESS
    assert saved.handler == "Noor Haddad"
    assert saved.happened_at is not None
    listed = [panel.concern_list.item(r).text() for r in range(panel.concern_list.count())]
    assert any(text.startswith("In progress") and "raised by Lin Wei" in text for text in listed)
    assert panel.concern_list.currentItem().text().endswith(f"raised by Lin Wei\n{WHAT}")


def test_a_concern_never_appears_in_an_export_of_the_cohort(
    qtbot: QtBot, demo: Demo, shipped_catalog: Catalog
) -> None:
    panel = make_panel(qtbot, demo)
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    pick(qtbot, panel.raised_by_box, "A facilitator")
    panel.what_edit.setFocus()
    qtbot.keyClicks(panel.what_edit, WHAT)
    panel.actions_edit.setFocus()
    qtbot.keyClicks(panel.actions_edit, ACTIONS)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    stored = [c for c in list_concerns(demo.store, demo.cohort_id) if c.what == WHAT]
    assert [c.raised_by for c in stored] == [RaisedBy.FACILITATOR]

    for fmt in ExportFormat:
        exported = export_cohort(demo.store, shipped_catalog, demo.cohort_id, fmt)
        assert "quokka" not in exported
        assert "marmoset" not in exported
        assert "talked over" not in exported  # the demo's own concern


def test_a_concern_without_text_is_refused(qtbot: QtBot, demo: Demo) -> None:
    panel = make_panel(qtbot, demo)
    before = len(list_concerns(demo.store, demo.cohort_id))
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)

    assert panel.message.text().startswith("Not saved: Say what happened")
    assert len(list_concerns(demo.store, demo.cohort_id)) == before


def test_a_participants_concern_file_is_imported_once(
    qtbot: QtBot, demo: Demo, shipped_catalog: Catalog, tmp_path: Path
) -> None:
    invitation = invitation_for(
        demo.store, demo.cohort_id, person(demo, "Priya Raghunathan"), shipped_catalog
    )
    sent = tmp_path / "concern.cofacilitator.json"
    write_concern_file(
        invitation,
        "Someone shared my project idea outside the group.",
        "",
        sent,
        now=datetime(2026, 10, 16, 8, 0),
    )
    panel = make_panel(qtbot, demo, chosen=sent)

    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)

    assert panel.message.text() == "Imported the concern Priya Raghunathan raised."
    assert panel.what_edit.toPlainText() == "Someone shared my project idea outside the group."
    assert panel.raiser_box.currentText() == "Priya Raghunathan"
    count = len(panel.concerns)
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == "This concern was imported before; nothing was added."
    assert len(panel.concerns) == count


def test_a_file_that_is_not_a_concern_is_refused_with_its_reason(
    qtbot: QtBot, demo: Demo, tmp_path: Path
) -> None:
    other = tmp_path / "notes.json"
    other.write_text('{"hello": "world"}', encoding="utf-8")
    panel = make_panel(qtbot, demo, chosen=other)
    before = len(panel.concerns)

    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)

    assert panel.message.text() == "notes.json is not a cofacilitator concern file."
    assert len(panel.concerns) == before


def test_someone_new_on_the_roster_can_be_chosen_without_losing_the_form(
    qtbot: QtBot, demo: Demo
) -> None:
    events = Events()
    panel = make_panel(qtbot, demo, events=events)
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    pick(qtbot, panel.raiser_box, "Lin")
    add_walk_in(demo.store, demo.cohort_id, "Sam Rivera")

    events.cohort_did_change.emit(demo.cohort_id)

    assert panel.raiser_box.findText("Sam Rivera") >= 0
    assert panel.raiser_box.currentText() == "Lin Wei"
