"""The roll call, clicked and typed through: statuses, answers, walk-ins, stepping out and back."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cofacilitator.attendance import list_attendance
from cofacilitator.cohorts import list_participants
from cofacilitator.store.models import AttendanceStatus
from cofacilitator.ui.roll_call_pane import RollCallPane, people_in_call
from cofacilitator.ui.roll_call_rows import wall_time

from .conftest import Cohort, Shoot, Show, pick


class Ticking:
    """A wall clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def type_unicode(widget: QWidget, text: str) -> None:
    """Key events carrying text QTest cannot spell (it knows ASCII only), as an input method
    delivers an emoji."""
    for event_type in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(
            widget, QKeyEvent(event_type, 0, Qt.KeyboardModifier.NoModifier, text)
        )


def attendance(cohort: Cohort, number: int) -> dict[int, object]:
    return {
        row.participant_id: row for row in list_attendance(cohort.store, cohort.runs[number].id)
    }


def test_statuses_answers_and_the_count(
    qtbot: QtBot, cohort: Cohort, show: Show, shoot: Shoot
) -> None:
    pane = show(RollCallPane(cohort.context(1, "roll-call")))
    ada, ben, chloe = (pane.rows[cohort.people[n]] for n in ("Ada", "Ben", "Chloe"))

    qtbot.mouseClick(ben.status_buttons[AttendanceStatus.LATE], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(chloe.status_buttons[AttendanceStatus.ABSENT], Qt.MouseButton.LeftButton)
    assert ada.answer_edit is not None and ada.emoji_edit is not None
    ada.answer_edit.setFocus()
    qtbot.keyClicks(ada.answer_edit, "Ada / maintainer / @ada")
    type_unicode(ada.emoji_edit, "🌱")

    run_id = cohort.runs[1].id
    qtbot.waitUntil(
        lambda: (
            {r.participant_id: r.emoji for r in list_attendance(cohort.store, run_id)}.get(
                cohort.people["Ada"]
            )
            == "🌱"
        ),
        timeout=1000,
    )
    rows = attendance(cohort, 1)
    assert rows[cohort.people["Ada"]].status is AttendanceStatus.PRESENT
    assert rows[cohort.people["Ada"]].answer == "Ada / maintainer / @ada"
    assert rows[cohort.people["Ben"]].status is AttendanceStatus.LATE
    assert rows[cohort.people["Chloe"]].status is AttendanceStatus.ABSENT
    assert cohort.people["Dev"] not in rows
    assert ben.status_buttons[AttendanceStatus.LATE].isChecked()
    assert not ben.status_buttons[AttendanceStatus.PRESENT].isChecked()
    assert pane.count_label.text() == "2 of 4 here · 1 late · 1 not marked yet"
    assert [p.display_name for p in people_in_call(cohort.store, run_id)] == [
        "Ada Lovelace",
        "Ben Okri",
    ]
    shoot(pane, "roll_call")


def test_tab_walks_each_row_in_reading_order(qtbot: QtBot, cohort: Cohort, show: Show) -> None:
    pane = show(RollCallPane(cohort.context(1, "roll-call")))
    first = pane.rows[cohort.people["Ada"]]
    first.status_buttons[AttendanceStatus.PRESENT].setFocus()
    seen = []
    for _ in range(7):
        widget = QApplication.focusWidget()
        seen.append(widget.accessibleName())
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert seen == [
        "Present: Ada Lovelace",
        "Late: Ada Lovelace",
        "Absent: Ada Lovelace",
        "Ada Lovelace left",
        "Answer of Ada Lovelace",
        "Emoji of Ada Lovelace",
        "Present: Ben Okri",
    ]
    qtbot.keyClick(first.status_buttons[AttendanceStatus.LATE], Qt.Key.Key_Space)
    assert attendance(cohort, 1)[cohort.people["Ada"]].status is AttendanceStatus.LATE
    assert first.status_buttons[AttendanceStatus.LATE].text() == "✓ Late"


def test_a_walk_in_joins_present(qtbot: QtBot, cohort: Cohort, show: Show) -> None:
    pane = show(RollCallPane(cohort.context(1, "roll-call")))
    changed: list[int] = []
    cohort.events.cohort_did_change.connect(changed.append)

    qtbot.keyClicks(pane.walk_in_edit, "Eve Quist")
    qtbot.keyClick(pane.walk_in_edit, Qt.Key.Key_Return)

    walk_in = next(
        p
        for p in list_participants(cohort.store, cohort.cohort_id)
        if p.display_name == "Eve Quist"
    )
    assert walk_in.is_walk_in
    assert attendance(cohort, 1)[walk_in.id].status is AttendanceStatus.PRESENT
    row = pane.rows[walk_in.id]
    assert row.name_label.text() == "Eve Quist (walk-in)"
    assert row.status_buttons[AttendanceStatus.PRESENT].isChecked()
    assert pane.walk_in_edit.text() == ""
    assert row.answer_edit is not None and row.answer_edit.hasFocus()
    assert changed == [cohort.cohort_id]


def test_left_and_came_back_are_stamped(qtbot: QtBot, cohort: Cohort, show: Show) -> None:
    clock = Ticking(datetime(2026, 10, 1, 15, 40))
    pane = show(RollCallPane(cohort.context(1, "roll-call"), now=clock))
    row = pane.rows[cohort.people["Dev"]]

    qtbot.mouseClick(row.step_button, Qt.MouseButton.LeftButton)
    assert row.step_button.text() == "Came back"
    clock.now = datetime(2026, 10, 1, 15, 52)
    row.step_button.setFocus()
    qtbot.keyClick(row.step_button, Qt.Key.Key_Space)

    record = attendance(cohort, 1)[cohort.people["Dev"]]
    assert [(e.kind.value, e.at) for e in record.events] == [
        ("left", datetime(2026, 10, 1, 15, 40)),
        ("returned", datetime(2026, 10, 1, 15, 52)),
    ]
    left, back = wall_time(clock.now.replace(minute=40)), wall_time(clock.now)
    assert row.times_label.text() == f"left {left}, back {back}"
    assert row.step_button.text() == "Left"


def test_session_four_picks_three_values_and_defines_one(
    qtbot: QtBot, cohort: Cohort, show: Show, shoot: Shoot
) -> None:
    pane = show(RollCallPane(cohort.context(4, "roll-call")))
    values = pane.rows[cohort.people["Ben"]].values
    assert values is not None
    assert len(values.value_boxes) == 3

    for box, wanted in zip(values.value_boxes, ("Kindness", "Trust", "Kindness"), strict=True):
        pick(qtbot, box, wanted)
    pick(qtbot, values.defined_box, "Trust")
    values.definition_edit.setFocus()
    qtbot.keyClicks(values.definition_edit, "Keeping promises")
    qtbot.keyClicks(values.example_edit, "Reviews on time")

    qtbot.waitUntil(
        lambda: (
            attendance(cohort, 4).get(cohort.people["Ben"], None) is not None
            and attendance(cohort, 4)[cohort.people["Ben"]]
            .answer_values.get("core-values", {})
            .get("example")
            == "Reviews on time"
        ),
        timeout=1000,
    )
    stored = attendance(cohort, 4)[cohort.people["Ben"]].answer_values
    assert stored == {
        "core-values": {
            "picked": ["Trust", "Kindness"],
            "defined": "Trust",
            "definition": "Keeping promises",
            "example": "Reviews on time",
        }
    }
    assert values.value_boxes[0].currentText() == "—"
    shoot(pane, "roll_call_values")
