"""The cohort's guidelines: edited with a preview, acknowledged on the call or in the app."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cofacilitator.cohorts import add_walk_in, list_participants
from cofacilitator.guidelines import AcknowledgedHow, acknowledgement_roll, get_guidelines
from cofacilitator.ui.events import Events
from cofacilitator.ui.guidelines_panel import GuidelinesPanel, GuidelinesReader
from tests.ui.around.around_data import VIEWER, Demo, Fresh

ACKNOWLEDGED_AT = datetime(2026, 10, 8, 15, 5)


def make_panel(qtbot: QtBot, owner: Demo | Fresh, events: Events) -> GuidelinesPanel:
    panel = GuidelinesPanel(owner.store, events, now=lambda: ACKNOWLEDGED_AT, viewer_zone=VIEWER)
    qtbot.addWidget(panel)
    panel.resize(1100, 660)
    panel.show()
    panel.set_cohort(owner.cohort_id)
    return panel


def row_of(panel: GuidelinesPanel, name: str) -> int:
    for row in range(panel.roll_table.rowCount()):
        if panel.roll_table.item(row, 0).text() == name:
            return row
    raise AssertionError(f"{name} is not in the table")


def click_row(qtbot: QtBot, panel: GuidelinesPanel, name: str) -> None:
    item = panel.roll_table.item(row_of(panel, name), 0)
    rect = panel.roll_table.visualItemRect(item)
    qtbot.mouseClick(panel.roll_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_marking_an_acknowledgement_in_the_call(qtbot: QtBot, demo: Demo, events: Events) -> None:
    panel = make_panel(qtbot, demo, events)
    assert panel.roll_summary.text() == "6 of 7 on the roster have acknowledged the guidelines."
    assert panel.roll_table.item(0, 0).text() == "Yusuf Demir"
    assert panel.roll_table.item(0, 1).text() == "not yet"
    click_row(qtbot, panel, "Yusuf Demir")
    assert panel.call_button.isEnabled()
    assert not panel.undo_button.isEnabled()

    with qtbot.waitSignal(events.cohort_did_change):
        qtbot.mouseClick(panel.call_button, Qt.MouseButton.LeftButton)

    roll = acknowledgement_roll(demo.store, demo.cohort_id)
    assert roll.pending == ()
    yusuf = next(a for a in roll.acknowledged if a.display_name == "Yusuf Demir")
    assert (yusuf.how, yusuf.at) == (AcknowledgedHow.CALL, ACKNOWLEDGED_AT)
    row = row_of(panel, "Yusuf Demir")
    assert panel.roll_table.item(row, 1).text() == "Thu 8 Oct 2026"
    assert panel.roll_table.item(row, 2).text() == "said so on the call"
    assert panel.roll_summary.text() == "7 of 7 on the roster have acknowledged the guidelines."

    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    assert [p.display_name for p in acknowledgement_roll(demo.store, demo.cohort_id).pending] == [
        "Yusuf Demir"
    ]


def test_editing_and_saving_the_guidelines(qtbot: QtBot, fresh: Fresh, events: Events) -> None:
    panel = make_panel(qtbot, fresh, events)
    assert panel.source_label.text().startswith("This cohort follows the default guidelines")
    assert not panel.save_button.isEnabled()
    assert not panel.default_button.isEnabled()

    panel.editor.moveCursor(panel.editor.textCursor().MoveOperation.End)
    qtbot.keyClick(panel.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.editor, "### Cameras")
    qtbot.keyClick(panel.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.editor, "Cameras are optional.")
    assert "Cameras are optional." in panel.preview.toPlainText()
    with qtbot.waitSignal(events.cohort_did_change):
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)

    stored = get_guidelines(fresh.store, fresh.cohort_id)
    assert not stored.is_default
    assert stored.text.rstrip().endswith("Cameras are optional.")
    assert panel.source_label.text() == "This cohort's own guidelines."

    qtbot.mouseClick(panel.default_button, Qt.MouseButton.LeftButton)
    assert get_guidelines(fresh.store, fresh.cohort_id).is_default
    assert "Cameras" not in panel.editor.toPlainText()


def test_a_participant_confirms_in_the_app(qtbot: QtBot, fresh: Fresh) -> None:
    reader = GuidelinesReader(
        fresh.store,
        fresh.cohort_id,
        fresh.people["Ben"],
        now=lambda: ACKNOWLEDGED_AT,
        viewer_zone=VIEWER,
    )
    qtbot.addWidget(reader)
    reader.show()
    assert "Take space, give space" in reader.view.toPlainText()
    assert reader.view.isReadOnly()

    qtbot.mouseClick(reader.read_button, Qt.MouseButton.LeftButton)

    (ben,) = acknowledgement_roll(fresh.store, fresh.cohort_id).acknowledged
    assert (ben.participant_id, ben.how) == (fresh.people["Ben"], AcknowledgedHow.APP)
    assert not reader.read_button.isEnabled()
    assert reader.status.text() == "You confirmed on Thu 8 Oct 2026. Thank you."
    assert len(list_participants(fresh.store, fresh.cohort_id)) == 4


def test_the_roll_follows_the_roster(qtbot: QtBot, fresh: Fresh, events: Events) -> None:
    panel = make_panel(qtbot, fresh, events)
    assert panel.roll_table.rowCount() == 4

    add_walk_in(fresh.store, fresh.cohort_id, "Sam Rivera")
    events.cohort_did_change.emit(fresh.cohort_id)

    assert panel.roll_table.rowCount() == 5
    assert panel.roll_summary.text() == "0 of 5 on the roster have acknowledged the guidelines."
