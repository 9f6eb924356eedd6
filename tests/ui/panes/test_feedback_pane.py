"""Feedback: anonymous unless a name is picked for one line; Enter adds; Delete can be undone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cofacilitator.session_records import list_feedback
from cofacilitator.sessions.schema import FeedbackKind
from cofacilitator.ui.feedback_pane import FeedbackPane

from .conftest import Cohort, Shoot, Show, pick


def stored(cohort: Cohort) -> list[tuple[FeedbackKind, str, int | None]]:
    return [
        (f.kind, f.text, f.participant_id) for f in list_feedback(cohort.store, cohort.runs[1].id)
    ]


def test_feedback_is_anonymous_by_default(
    qtbot: QtBot, cohort: Cohort, show: Show, shoot: Shoot
) -> None:
    pane = show(FeedbackPane(cohort.context(1, "feedback")))
    worked = pane.columns[FeedbackKind.PLUS]
    assert worked.title_label.text() == "What worked?"

    worked.entry.setFocus()
    qtbot.keyClicks(worked.entry, "The silent notes")
    qtbot.keyClick(worked.entry, Qt.Key.Key_Return)
    assert stored(cohort) == [(FeedbackKind.PLUS, "The silent notes", None)]
    assert worked.entry.text() == ""
    assert worked.texts() == ["The silent notes"]

    pick(qtbot, pane.from_box, "Ben Okri")
    takeaway = pane.columns[FeedbackKind.TAKEAWAY]
    takeaway.entry.setFocus()
    qtbot.keyClicks(takeaway.entry, "Start with why")
    qtbot.keyClick(takeaway.entry, Qt.Key.Key_Return)
    unclear = pane.columns[FeedbackKind.UNCLEAR]
    unclear.entry.setFocus()
    qtbot.keyClicks(unclear.entry, "The stakeholder grid")
    qtbot.keyClick(unclear.entry, Qt.Key.Key_Return)

    assert stored(cohort) == [
        (FeedbackKind.PLUS, "The silent notes", None),
        (FeedbackKind.TAKEAWAY, "Start with why", cohort.people["Ben"]),
        (FeedbackKind.UNCLEAR, "The stakeholder grid", None),
    ]
    assert takeaway.texts() == ["Start with why (Ben Okri)"]
    assert pane.from_box.currentText() == "Anonymous"
    shoot(pane, "feedback")


def test_delete_and_undo(qtbot: QtBot, cohort: Cohort, show: Show) -> None:
    pane = show(FeedbackPane(cohort.context(1, "feedback")))
    delta = pane.columns[FeedbackKind.DELTA]
    delta.entry.setFocus()
    qtbot.keyClicks(delta.entry, "Too short")
    qtbot.keyClick(delta.entry, Qt.Key.Key_Return)

    delta.items.setFocus()
    delta.items.setCurrentRow(0)
    qtbot.keyClick(delta.items, Qt.Key.Key_Delete)
    assert stored(cohort) == []
    assert delta.texts() == []
    assert pane.undo_bar.isVisible()

    qtbot.mouseClick(pane.undo_button, Qt.MouseButton.LeftButton)
    assert stored(cohort) == [(FeedbackKind.DELTA, "Too short", None)]
    assert delta.texts() == ["Too short"]
    assert not pane.undo_bar.isVisible()
