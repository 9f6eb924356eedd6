"""The cohort overview: sessions with their buttons, and grids that never rely on colour alone."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from cofacilitator.attendance import set_attendance
from cofacilitator.cohorts import ParticipantDetails, add_participant, create_cohort
from cofacilitator.demo import create_demo_cohort
from cofacilitator.overview import AttendanceMark, cohort_overview
from cofacilitator.runs import list_runs, start_run
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.store.database import Store
from cofacilitator.store.models import AttendanceStatus
from cofacilitator.ui.background import SynchronousRunner
from cofacilitator.ui.cohort_overview import ATTENDANCE_CELLS, CohortOverviewPanel
from cofacilitator.ui.events import Events
from cofacilitator.ui.export_dialog import ExportDialog
from cofacilitator.ui.palette_colours import tint
from cofacilitator.ui.settings import SettingsFile


def make_panel(
    qtbot: QtBot, store: Store, catalog: Catalog, cohort_id: int
) -> tuple[CohortOverviewPanel, Events]:
    events = Events()
    panel = CohortOverviewPanel(store, events, catalog)
    qtbot.addWidget(panel)
    panel.resize(1000, 680)
    panel.set_cohort(cohort_id)
    panel.show()
    qtbot.waitExposed(panel)
    return panel, events


def session_texts(panel: CohortOverviewPanel, row: int) -> list[str]:
    """Number, title and the line of facts under it, as a screen reader names them."""
    return [label.accessibleName().split(": ", 1)[1] for label in panel.session_labels[row]]


def test_demo_cohort_shows_four_ended_sessions_and_its_grids(
    qtbot: QtBot, store: Store, catalog: Catalog
) -> None:
    demo = create_demo_cohort(store, catalog.modules)
    panel, _ = make_panel(qtbot, store, catalog, demo.cohort_id)
    assert [b.text() for b in panel.run_buttons] == ["Open"] * 4
    first = session_texts(panel, 0)
    assert first[:2] == ["1", "Community Narrative"]
    assert first[2].startswith("Thu 1 Oct 2026, 16:00 Europe/London · Ended · 8 came · ")

    expected = cohort_overview(store, demo.cohort_id)
    model = panel.attendance_model
    assert model.rowCount() == len(expected.rows)
    assert model.columnCount() == 4
    for row, person in enumerate(expected.rows):
        for column, mark in enumerate(person.attendance):
            index = model.index(row, column)
            text = model.data(index)
            assert text == ATTENDANCE_CELLS[mark].text
            assert text.split()[0] in "✓◷↺⇥✗–"  # a symbol, not just a colour
    absent = next(
        (row, column)
        for row, person in enumerate(expected.rows)
        for column, mark in enumerate(person.attendance)
        if mark is AttendanceMark.ABSENT
    )
    present = next(
        (row, column)
        for row, person in enumerate(expected.rows)
        for column, mark in enumerate(person.attendance)
        if mark is AttendanceMark.PRESENT
    )
    red = model.data(model.index(*absent), Qt.ItemDataRole.BackgroundRole)
    green = model.data(model.index(*present), Qt.ItemDataRole.BackgroundRole)
    assert isinstance(red, QColor) and isinstance(green, QColor)
    assert red != green
    withdrawn = [
        model.headerData(row, Qt.Orientation.Vertical)
        for row in range(model.rowCount())
        if expected.rows[row].participant.withdrawn_at is not None
    ]
    assert withdrawn and all(name.endswith("(withdrawn)") for name in withdrawn)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Session 1"

    assignments = panel.assignment_model
    texts = {
        assignments.data(assignments.index(row, column))
        for row in range(assignments.rowCount())
        for column in range(4)
    }
    assert "✎ draft" in texts
    assert "— none" in texts
    assert any(text.startswith("⇩ imported on ") for text in texts)
    assert any(text.startswith("✓ submitted ") for text in texts)
    imported = next(
        assignments.index(row, column)
        for row in range(assignments.rowCount())
        for column in range(4)
        if assignments.data(assignments.index(row, column)).startswith("⇩")
    )
    assert "2026)" in assignments.data(imported, Qt.ItemDataRole.ToolTipRole)


def test_run_becomes_resume_when_the_run_starts(
    qtbot: QtBot, store: Store, catalog: Catalog
) -> None:
    cohort = create_cohort(store, "Spring cohort")
    ada = add_participant(store, cohort.id, ParticipantDetails("Ada Lovelace")).id
    panel, events = make_panel(qtbot, store, catalog, cohort.id)
    assert [b.text() for b in panel.run_buttons] == ["Run"] * 4
    assert session_texts(panel, 0)[2] == "No date yet · Not scheduled"
    assert panel.attendance_model.data(panel.attendance_model.index(0, 0)) == "– not recorded"

    run = list_runs(store, cohort.id)[0]
    module = catalog.get(run.module_id)
    assert module is not None
    start_run(store, run.id, module)
    set_attendance(store, run.id, ada, status=AttendanceStatus.LATE)
    events.run_did_advance.emit(run.id)

    assert [b.text() for b in panel.run_buttons] == ["Resume", "Run", "Run", "Run"]
    assert session_texts(panel, 0)[2] == "No date yet · In progress · 1 came · 0 notes"
    assert panel.attendance_model.data(panel.attendance_model.index(0, 0)) == "◷ late"

    asked: list[int] = []
    panel.run_requested.connect(asked.append)
    panel.run_buttons[0].setFocus()
    qtbot.keyClick(panel.run_buttons[0], Qt.Key.Key_Space)
    assert asked == [run.id]
    assert panel.run_buttons[0].accessibleName() == "Resume session 1: Community Narrative"


def test_a_hidden_overview_rereads_only_when_shown_again(
    qtbot: QtBot, store: Store, catalog: Catalog
) -> None:
    cohort = create_cohort(store, "Spring cohort")
    panel, events = make_panel(qtbot, store, catalog, cohort.id)
    assert panel.attendance_model.rowCount() == 0
    assert "Nobody on the roster yet" in panel.empty_label.text()

    panel.hide()
    add_participant(store, cohort.id, ParticipantDetails("Ada Lovelace"))
    events.cohort_did_change.emit(cohort.id)
    assert panel.attendance_model.rowCount() == 0
    panel.show()
    assert panel.attendance_model.rowCount() == 1
    assert not panel.empty_label.isVisible()


def test_tints_follow_a_dark_palette() -> None:
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    light = QPalette()
    light.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    hue = ATTENDANCE_CELLS[AttendanceMark.ABSENT].hue
    assert hue is not None
    assert tint(dark, hue).lightness() < 100
    assert tint(light, hue).lightness() > 180


def test_no_cohort_says_what_to_do(qtbot: QtBot, store: Store, catalog: Catalog) -> None:
    events = Events()
    panel = CohortOverviewPanel(store, events, catalog)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.empty_label.text() == "Choose a cohort to see its sessions and roster."
    assert not panel.tabs.isVisible()
    assert panel.attendance_view.accessibleName() == "Attendance by session"


def test_export_offers_the_whole_cohort_and_the_session_selected_in_the_grid(
    qtbot: QtBot, store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    demo = create_demo_cohort(store, catalog.modules)
    settings = SettingsFile(tmp_path / "settings.json")
    events = Events()
    panel = CohortOverviewPanel(
        store, events, catalog, settings=settings, op_runner=SynchronousRunner()
    )
    qtbot.addWidget(panel)
    panel.resize(1000, 680)
    panel.set_cohort(demo.cohort_id)
    panel.show()
    qtbot.waitExposed(panel)

    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    dialog = panel.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.cohort_choice.isChecked()
    assert dialog.cohort_choice.text().startswith("The &whole cohort (Demo cohort, 4 sessions)")
    assert not dialog.session_choice.isEnabled()
    dialog.close()

    view = panel.attendance_view
    view.setFocus()
    view.setCurrentIndex(panel.attendance_model.index(2, 1))  # a cell of Session 2
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    second = next(d for d in panel.findChildren(ExportDialog) if d is not dialog and d.isVisible())
    assert second.cohort_choice.isChecked()
    assert second.session_choice.isEnabled()
    assert "Session 2: Community of Practice Basics" in second.session_choice.text()
    second.close()


def test_no_cohort_no_export(qtbot: QtBot, store: Store, catalog: Catalog) -> None:
    panel = CohortOverviewPanel(store, Events(), catalog)
    qtbot.addWidget(panel)
    assert not panel.export_button.isEnabled()
    assert panel.open_export() is None
