"""The fill-in table: rows added per person, cells saved while typed, rows moved and deleted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from cofacilitator.session_records import list_table_rows
from cofacilitator.ui.table_pane import TablePane

from .conftest import Cohort, Shoot, Show, pick

SEGMENT = "purpose-outcomes"


def stored(cohort: Cohort) -> list[tuple[int | None, dict[str, str]]]:
    return [
        (row.participant_id, row.cells)
        for row in list_table_rows(cohort.store, cohort.runs[2].id, SEGMENT)
    ]


def type_into_open_cell(qtbot: QtBot, text: str) -> None:
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, text)


def test_two_rows_for_one_person(qtbot: QtBot, cohort: Cohort, show: Show, shoot: Shoot) -> None:
    pane = show(TablePane(cohort.context(2, SEGMENT)))
    assert [pane.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Name",
        "Project/subproject",
        "Purpose",
        "Outcomes",
    ]
    ada = cohort.people["Ada"]
    pick(qtbot, pane.person_box, "Ada Lovelace")
    qtbot.mouseClick(pane.add_button, Qt.MouseButton.LeftButton)
    type_into_open_cell(qtbot, "Map library")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    type_into_open_cell(qtbot, "Open maps for all")
    qtbot.waitUntil(
        lambda: (
            stored(cohort)
            == [
                (
                    ada,
                    {
                        "Project/subproject": "Map library",
                        "Purpose": "Open maps for all",
                        "Outcomes": "",
                    },
                )
            ]
        ),
        timeout=1000,
    )

    pane.add_button.setFocus()
    qtbot.keyClick(pane.add_button, Qt.Key.Key_Space)
    type_into_open_cell(qtbot, "Docs sprint")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: stored(cohort)[-1][1]["Project/subproject"] == "Docs sprint", timeout=1000
    )

    assert [participant for participant, _ in stored(cohort)] == [ada, ada]
    assert [pane.model.index(r, 0).data() for r in range(2)] == ["Ada Lovelace", "Ada Lovelace"]
    shoot(pane, "table")


def test_rows_move_and_delete(qtbot: QtBot, cohort: Cohort, show: Show) -> None:
    pane = show(TablePane(cohort.context(2, SEGMENT)))
    for name, project in (("Ben Okri", "Garden"), ("Chloe Zhao", "Choir")):
        pick(qtbot, pane.person_box, name)
        qtbot.mouseClick(pane.add_button, Qt.MouseButton.LeftButton)
        type_into_open_cell(qtbot, project)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    assert pane.table.currentIndex().row() == 1
    assert not pane.down_button.isEnabled()
    qtbot.mouseClick(pane.up_button, Qt.MouseButton.LeftButton)
    projects = [cells["Project/subproject"] for _, cells in stored(cohort)]
    assert projects == ["Choir", "Garden"]
    assert pane.table.currentIndex().row() == 0

    qtbot.mouseClick(pane.delete_button, Qt.MouseButton.LeftButton)
    assert [cells["Project/subproject"] for _, cells in stored(cohort)] == ["Garden"]
    assert pane.model.rowCount() == 1
    assert pane.model.index(0, 0).data() == "Ben Okri"
