"""The schedule page: set a call's time, see it on the calendar, save its invites."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from icalendar import Calendar
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractSpinBox, QDateTimeEdit, QTableView
from pytestqt.qtbot import QtBot

from cofacilitator.messages import MessageKind, record_prepared
from cofacilitator.paths import DataPaths
from cofacilitator.runs import get_run
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.ui.events import Events
from cofacilitator.ui.schedule_panel import SchedulePanel
from tests.ui.around.around_data import VIEWER, Demo, Fresh


def make_panel(
    qtbot: QtBot,
    store_owner: Demo | Fresh,
    events: Events,
    catalog: Catalog,
    paths: DataPaths,
    saved_to: Path | None = None,
) -> SchedulePanel:
    panel = SchedulePanel(
        store_owner.store,
        events,
        catalog,
        paths,
        viewer_zone=VIEWER,
        choose_save=lambda _parent, _suggested: str(saved_to) if saved_to else None,
        today=lambda: date(2026, 9, 1),
    )
    qtbot.addWidget(panel)
    panel.resize(1100, 660)
    panel.show()
    panel.set_cohort(store_owner.cohort_id)
    return panel


def retype(qtbot: QtBot, box: QAbstractSpinBox, text: str) -> None:
    """Type over the box's value from its start, as after clicking into it and selecting."""
    box.setFocus()
    if isinstance(box, QDateTimeEdit):
        box.setCurrentSectionIndex(0)
        box.setSelectedSection(box.sectionAt(0))
    else:
        box.selectAll()
    qtbot.keyClicks(box, text)


def choose_day(qtbot: QtBot, panel: SchedulePanel, day: date) -> None:
    """Move the calendar to the day and press Return on it, as with the keyboard."""
    panel.calendar.setSelectedDate(QDate(day))
    view = panel.calendar.findChild(QTableView)
    assert view is not None
    qtbot.keyClick(view, Qt.Key.Key_Return)


def test_setting_a_time_stores_it_and_the_calendar_shows_the_date(
    qtbot: QtBot, fresh: Fresh, events: Events, shipped_catalog: Catalog, data_paths: DataPaths
) -> None:
    panel = make_panel(qtbot, fresh, events, shipped_catalog, data_paths)
    first = fresh.runs[0]
    assert panel.run_id == first.id
    assert panel.session_list.item(0).text().startswith("Session 1 · not scheduled yet")
    assert panel.unscheduled_note.isVisible()

    choose_day(qtbot, panel, date(2026, 10, 15))
    retype(qtbot, panel.time_edit, "1730")
    panel.zone_box.lineEdit().selectAll()
    qtbot.keyClicks(panel.zone_box.lineEdit(), "America/New_York")
    retype(qtbot, panel.length_box, "75")
    panel.join_edit.setFocus()
    qtbot.keyClicks(panel.join_edit, "https://call.example.org/spring")
    with qtbot.waitSignal(events.cohort_did_change) as announced:
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)

    assert announced.args == [fresh.cohort_id]
    stored = get_run(fresh.store, first.id).schedule
    assert stored.scheduled_date == date(2026, 10, 15)
    assert stored.start_time == "17:30"
    assert stored.timezone == "America/New_York"
    assert stored.length_minutes == 75
    assert stored.join_link == "https://call.example.org/spring"
    # 17:30 in New York (UTC-4 in October) is 23:30 in Berlin (UTC+2).
    assert (
        panel.session_list.item(0)
        .text()
        .startswith("Session 1 · Thu 15 Oct 2026, 23:30 your time (17:30 America/New_York)")
    )
    assert panel.marked_dates() == [date(2026, 10, 15)]
    mark = panel.calendar.dateTextFormat(QDate(2026, 10, 15))
    assert mark.fontWeight() == QFont.Weight.Bold
    assert mark.fontUnderline()
    assert "Saved: Thursday 15 October 2026, 17:30-18:45" in panel.status.text()
    assert not panel.unscheduled_note.isVisible()
    assert panel.your_time.text() == "Thu 15 Oct 2026, 23:30–00:45 (Europe/Berlin)"


def test_a_misspelt_zone_is_refused_with_a_suggestion_and_nothing_is_stored(
    qtbot: QtBot, fresh: Fresh, events: Events, shipped_catalog: Catalog, data_paths: DataPaths
) -> None:
    panel = make_panel(qtbot, fresh, events, shipped_catalog, data_paths)
    panel.zone_box.lineEdit().selectAll()
    qtbot.keyClicks(panel.zone_box.lineEdit(), "Europe/Lndon")
    assert "Choose a time zone" in panel.your_time.text()
    with qtbot.assertNotEmitted(events.cohort_did_change):
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)

    assert "Not saved" in panel.status.text()
    assert "Did you mean Europe/London" in panel.status.text()
    assert get_run(fresh.store, fresh.runs[0].id).schedule.scheduled_date is None


def test_the_series_is_shown_in_the_viewers_time_with_the_sessions_own_beside_it(
    qtbot: QtBot, demo: Demo, events: Events, shipped_catalog: Catalog, data_paths: DataPaths
) -> None:
    panel = make_panel(qtbot, demo, events, shipped_catalog, data_paths)

    assert panel.marked_dates() == [date(2026, 10, 1 + 7 * week) for week in range(4)]
    lines = [panel.session_list.item(row).text().split("\n") for row in range(4)]
    assert lines[1] == [
        "Session 2 · Thu 8 Oct 2026, 17:00 your time (16:00 Europe/London)",
        "Community of Practice Basics",
    ]
    assert panel.series_box.title() == "The series in your time (Europe/Berlin)"


def test_choosing_a_marked_day_opens_that_session(
    qtbot: QtBot, demo: Demo, events: Events, shipped_catalog: Catalog, data_paths: DataPaths
) -> None:
    panel = make_panel(qtbot, demo, events, shipped_catalog, data_paths)
    choose_day(qtbot, panel, date(2026, 10, 15))

    assert panel.run_id == demo.runs[2].id
    assert panel.session_box.title().startswith("Session 3: ")
    assert panel.session_list.currentRow() == 2
    assert panel.time_edit.time().toString("HH:mm") == "16:00"
    assert panel.zone_box.currentText() == "Europe/London"


def test_save_invite_writes_the_sessions_calendar_file(
    qtbot: QtBot,
    demo: Demo,
    events: Events,
    shipped_catalog: Catalog,
    data_paths: DataPaths,
    tmp_path: Path,
) -> None:
    target = tmp_path / "session-2.ics"
    panel = make_panel(qtbot, demo, events, shipped_catalog, data_paths, saved_to=target)
    qtbot.mouseClick(
        panel.session_list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=panel.session_list.visualItemRect(panel.session_list.item(1)).center(),
    )
    assert panel.run_id == demo.runs[1].id

    qtbot.mouseClick(panel.invite_button, Qt.MouseButton.LeftButton)

    calendar = Calendar.from_ical(target.read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == datetime(2026, 10, 8, 15, 0, tzinfo=UTC)
    assert str(event["summary"]).startswith("Session 2: Community of Practice Basics")
    assert str(event["url"]) == "https://call.example.org/demo"
    assert f"Saved {target.name}" in panel.status.text()


def test_save_invites_for_the_series_writes_every_scheduled_session(
    qtbot: QtBot,
    demo: Demo,
    events: Events,
    shipped_catalog: Catalog,
    data_paths: DataPaths,
    tmp_path: Path,
) -> None:
    target = tmp_path / "series"
    panel = make_panel(qtbot, demo, events, shipped_catalog, data_paths, saved_to=target)
    qtbot.mouseClick(panel.series_invite_button, Qt.MouseButton.LeftButton)

    written = target.with_suffix(".ics")
    starts = [e.decoded("dtstart") for e in Calendar.from_ical(written.read_bytes()).walk("VEVENT")]
    assert starts == [datetime(2026, 10, 1 + 7 * week, 15, 0, tzinfo=UTC) for week in range(4)]


def test_an_invite_waits_for_unsaved_changes_and_a_move_asks_for_a_new_invitation(
    qtbot: QtBot,
    demo: Demo,
    events: Events,
    shipped_catalog: Catalog,
    data_paths: DataPaths,
    tmp_path: Path,
) -> None:
    first = demo.runs[0]
    record_prepared(demo.store, demo.cohort_id, first.id, MessageKind.INVITATION, [], "clipboard")
    target = tmp_path / "moved.ics"
    panel = make_panel(qtbot, demo, events, shipped_catalog, data_paths, saved_to=target)
    retype(qtbot, panel.time_edit, "1800")

    qtbot.mouseClick(panel.invite_button, Qt.MouseButton.LeftButton)
    assert "Save the schedule first" in panel.status.text()
    assert not target.exists()

    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert get_run(demo.store, first.id).schedule.start_time == "18:00"
    assert "prepare it again" in panel.status.text()
    qtbot.mouseClick(panel.invite_button, Qt.MouseButton.LeftButton)
    assert target.exists()


def test_taking_a_session_off_the_calendar_keeps_its_links(
    qtbot: QtBot, demo: Demo, events: Events, shipped_catalog: Catalog, data_paths: DataPaths
) -> None:
    panel = make_panel(qtbot, demo, events, shipped_catalog, data_paths)
    qtbot.mouseClick(panel.unschedule_button, Qt.MouseButton.LeftButton)

    stored = get_run(demo.store, demo.runs[0].id).schedule
    assert stored.scheduled_date is None
    assert stored.join_link == "https://call.example.org/demo"
    assert panel.session_list.item(0).text().startswith("Session 1 · not scheduled yet")
    assert date(2026, 10, 1) not in panel.marked_dates()
    assert not panel.invite_button.isEnabled()


def test_the_session_opens_the_work_around_its_call(
    qtbot: QtBot, demo: Demo, events: Events, shipped_catalog: Catalog, data_paths: DataPaths
) -> None:
    panel = make_panel(qtbot, demo, events, shipped_catalog, data_paths)
    qtbot.mouseClick(panel.messages_button, Qt.MouseButton.LeftButton)
    messages = panel.messages_dialog
    assert messages is not None and messages.isVisible()
    assert messages.run_id == demo.runs[0].id
    messages.reject()

    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    importer = panel.import_dialog
    assert importer is not None and importer.isVisible()
    assert "Session 1" in importer.windowTitle()
    importer.reject()
