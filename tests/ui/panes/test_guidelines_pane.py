"""The welcome segment: the cohort's own guidelines to read out, a tick per person who agrees."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from cofacilitator.attendance import set_attendance
from cofacilitator.guidelines import (
    AcknowledgedHow,
    acknowledge,
    acknowledgement_roll,
    set_guidelines,
)
from cofacilitator.sessions.schema import SegmentKind
from cofacilitator.store.models import AttendanceStatus
from cofacilitator.ui.capture_panes import PANE_FACTORIES
from cofacilitator.ui.guidelines_pane import GuidelinesPane

from .conftest import Cohort, Shoot, Show

OWN = "## Our ways\n\n- Cameras optional.\n- **One** voice at a time.\n"


def acknowledged(cohort: Cohort) -> dict[int, AcknowledgedHow]:
    roll = acknowledgement_roll(cohort.store, cohort.cohort_id)
    return {a.participant_id: a.how for a in roll.acknowledged}


def test_the_cohorts_own_guidelines_and_ticks_written_at_once(
    qtbot: QtBot, cohort: Cohort, show: Show, shoot: Shoot
) -> None:
    set_guidelines(cohort.store, cohort.cohort_id, OWN)
    acknowledge(cohort.store, cohort.people["Chloe"], AcknowledgedHow.APP)
    announced: list[int] = []
    cohort.events.cohort_did_change.connect(announced.append)
    pane = show(GuidelinesPane(cohort.context(1, "guidelines")))

    text = pane.view.toPlainText()
    assert "Cameras optional." in text and "One voice at a time." in text
    assert "##" not in text  # rendered, not shown as source
    assert pane.view.isReadOnly()
    assert pane.source_label.text() == "This cohort's own guidelines"
    assert [box.text() for box in pane.boxes.values()] == [
        "Ada Lovelace",
        "Ben Okri",
        "Chloe Zhao",
        "Dev Patel",
    ]
    chloe = pane.boxes[cohort.people["Chloe"]]
    assert chloe.isChecked() and not chloe.isEnabled()
    assert [p for p, note in pane.app_notes.items() if note.isVisible()] == [cohort.people["Chloe"]]
    assert pane.count_label.text() == "1 of 4 in the call"

    ada = pane.boxes[cohort.people["Ada"]]
    qtbot.mouseClick(ada, Qt.MouseButton.LeftButton, pos=QPoint(8, ada.height() // 2))
    assert acknowledged(cohort) == {
        cohort.people["Ada"]: AcknowledgedHow.CALL,
        cohort.people["Chloe"]: AcknowledgedHow.APP,
    }
    assert announced == [cohort.cohort_id]
    assert pane.count_label.text() == "2 of 4 in the call"
    shoot(pane, "guidelines")

    ben = pane.boxes[cohort.people["Ben"]]
    ben.setFocus()
    qtbot.keyClick(ben, Qt.Key.Key_Space)
    assert cohort.people["Ben"] in acknowledged(cohort)
    qtbot.keyClick(ben, Qt.Key.Key_Space)  # ticked by mistake: taken back
    assert cohort.people["Ben"] not in acknowledged(cohort)
    assert ben.hasFocus()  # the write did not rebuild the boxes under the keyboard

    again = show(GuidelinesPane(cohort.context(1, "guidelines")))
    assert again.is_acknowledged(cohort.people["Ada"])
    assert not again.is_acknowledged(cohort.people["Ben"])


def test_the_default_when_the_cohort_has_none_and_only_people_in_the_call(
    cohort: Cohort, show: Show
) -> None:
    run_id = cohort.runs[1].id
    set_attendance(cohort.store, run_id, cohort.people["Ada"], status=AttendanceStatus.PRESENT)
    set_attendance(cohort.store, run_id, cohort.people["Ben"], status=AttendanceStatus.ABSENT)
    set_attendance(cohort.store, run_id, cohort.people["Dev"], status=AttendanceStatus.LATE)
    pane = show(GuidelinesPane(cohort.context(1, "guidelines")))
    assert pane.source_label.text().startswith("The default guidelines")
    assert "Take space, give space" in pane.view.toPlainText()
    assert [box.text() for box in pane.boxes.values()] == ["Ada Lovelace", "Dev Patel"]

    # A walk-in taken in during the roll call appears without reopening the segment.
    set_attendance(cohort.store, run_id, cohort.people["Chloe"], status=AttendanceStatus.LATE)
    cohort.events.cohort_did_change.emit(cohort.cohort_id)
    assert len(pane.boxes) == 3


def test_the_guidelines_segment_has_this_pane() -> None:
    assert PANE_FACTORIES[SegmentKind.GUIDELINES] is GuidelinesPane
