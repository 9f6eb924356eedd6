"""When each call of a cohort happens, and everything the facilitator does around one call.

A session's start is set as wall time in a named zone ("16:00 Europe/London"), the way the
facilitator thinks of it; the series is shown in the facilitator's own time, because that is the
clock they live by, with the session's own time beside it when the two differ. The calendar marks
the days with a call, by weight and underline as well as by tint, so the marks survive any theme.

The chosen session is also where the work around its call starts: its calendar file, the messages
to the cohort, the blank shared document, and importing the notes written during it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, available_timezones

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtGui import QDesktopServices, QFont, QPalette, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.calendar_invites import (
    series_calendar,
    session_calendar,
    suggested_filename,
    write_calendar,
)
from cofacilitator.cohorts import get_cohort
from cofacilitator.import_apply import ImportResult
from cofacilitator.messages import MessageKind, list_prepared
from cofacilitator.paths import DataPaths
from cofacilitator.runs import RunView, Schedule, get_run
from cofacilitator.schedule import (
    MAX_LENGTH_MINUTES,
    MIN_LENGTH_MINUTES,
    ScheduleError,
    SeriesEvent,
    describe,
    list_series,
    schedule_run,
    session_time,
    unschedule_run,
)
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.store.database import Store
from cofacilitator.ui.date_text import DAY_FORMAT, day_text
from cofacilitator.ui.document_import_dialog import DocumentImportDialog
from cofacilitator.ui.events import Events
from cofacilitator.ui.file_choosers import ask_save_path
from cofacilitator.ui.messages_dialog import MessagesDialog, UrlOpener
from cofacilitator.ui.palette_colours import blend
from cofacilitator.ui.reload_when_shown import ReloadWhenShown
from cofacilitator.ui.shared_document_actions import SaveChooser, SharedDocumentActions

DEFAULT_START = "16:00"
"""A suggestion for a session that has none, until the facilitator saves their own."""
MARK_TINT = 0.35


def choose_calendar_path(parent: QWidget, suggested: str) -> str | None:
    return ask_save_path(
        parent, "Save the calendar invite", suggested, "Calendar files (*.ics);;All files (*)"
    )


def series_line(event: SeriesEvent) -> str:
    """ "Session 2 · Tue 8 Oct 2026, 17:00 your time (16:00 Europe/London)".

    The session's own time is left out when it reads the same as the viewer's, and its date is
    added when the two fall on different days.
    """
    head = f"Session {event.number}"
    if event.time is None or event.start is None:
        return f"{head} · not scheduled yet"
    yours = event.start
    theirs = event.time.local_start
    text = f"{head} · {day_text(yours.date())}, {yours:%H:%M} your time"
    if yours.date() != theirs.date():
        return f"{text} ({day_text(theirs.date())}, {theirs:%H:%M} {event.time.zone})"
    if yours.utcoffset() == theirs.utcoffset():
        return f"{text} ({event.time.zone})"
    return f"{text} ({theirs:%H:%M} {event.time.zone})"


def viewer_zone_name(viewer: tzinfo | None) -> str:
    if isinstance(viewer, ZoneInfo):
        return viewer.key
    return datetime.now(viewer).astimezone(viewer).tzname() or "your computer's zone"


@dataclass(frozen=True)
class FormValues:
    """What the form shows, to tell whether it holds edits that are not saved yet."""

    day: date
    start: str
    zone: str
    length: int
    join_link: str
    recording_link: str


class SchedulePanel(QWidget):
    """The series of one cohort on a calendar, and the chosen session's time and links."""

    def __init__(
        self,
        store: Store,
        events: Events,
        catalog: Catalog,
        paths: DataPaths,
        *,
        viewer_zone: tzinfo | None = None,
        choose_save: SaveChooser = choose_calendar_path,
        open_url: UrlOpener = QDesktopServices.openUrl,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Schedule")
        self._store = store
        self._events = events
        self._catalog = catalog
        self._paths = paths
        self._viewer = viewer_zone
        self._choose_save = choose_save
        self._open_url = open_url
        self._today = today
        self._cohort_id: int | None = None
        self._cohort_name = ""
        self._series: list[SeriesEvent] = []
        self._run_id: int | None = None
        self._loaded: FormValues | None = None
        self._marked: list[QDate] = []
        self._reload_when_shown = ReloadWhenShown(self, self._refresh_after_change)
        self.messages_dialog: MessagesDialog | None = None
        self.import_dialog: DocumentImportDialog | None = None

        self.empty_label = QLabel("Choose a cohort to see and set its sessions.", self)
        self.empty_label.setWordWrap(True)

        # The series ---------------------------------------------------------------------------
        self.series_box = QGroupBox(self)
        self.calendar = QCalendarWidget(self.series_box)
        self.calendar.setAccessibleName("Calendar of the sessions, in your time")
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._day_chosen)
        self.calendar.activated.connect(self._day_chosen)
        self.session_list = QListWidget(self.series_box)
        self.session_list.setAccessibleName("Sessions of the series, in your time")
        self.session_list.setWordWrap(True)
        self.session_list.setSpacing(2)
        self.session_list.currentRowChanged.connect(self._session_row_chosen)
        self.series_invite_button = QPushButton("Save invites for the &series (.ics)…", self)
        self.series_invite_button.setAccessibleName(
            "Save one calendar file with every scheduled session"
        )
        self.series_invite_button.clicked.connect(self.save_series_invite)
        series_layout = QVBoxLayout(self.series_box)
        series_layout.addWidget(self.calendar, 3)
        sessions_label = QLabel("Sessio&ns:", self.series_box)
        sessions_label.setBuddy(self.session_list)
        series_layout.addWidget(sessions_label)
        series_layout.addWidget(self.session_list, 2)
        series_layout.addWidget(self.series_invite_button, 0, Qt.AlignmentFlag.AlignLeft)

        # The chosen session -------------------------------------------------------------------
        self.session_box = QGroupBox(self)
        self.date_edit = QDateEdit(self.session_box)
        self.date_edit.setAccessibleName("Date of the session")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(DAY_FORMAT)
        self.time_edit = QTimeEdit(self.session_box)
        self.time_edit.setAccessibleName("Start time, 24-hour, in the session's time zone")
        self.time_edit.setDisplayFormat("HH:mm")
        self.zone_box = QComboBox(self.session_box)
        self.zone_box.setAccessibleName("Time zone of the start time")
        self.zone_box.setEditable(True)
        self.zone_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._zones = frozenset(available_timezones())
        self.zone_box.addItems(sorted(self._zones))
        completer = self.zone_box.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.length_box = QSpinBox(self.session_box)
        self.length_box.setAccessibleName("Length of the call in minutes")
        self.length_box.setRange(MIN_LENGTH_MINUTES, MAX_LENGTH_MINUTES)
        self.length_box.setSingleStep(15)
        self.length_box.setSuffix(" minutes")
        self.join_edit = QLineEdit(self.session_box)
        self.join_edit.setAccessibleName("Joining link of the call")
        self.join_edit.setPlaceholderText("https://… (leave empty until you have it)")
        self.recording_edit = QLineEdit(self.session_box)
        self.recording_edit.setAccessibleName("Link to the recording of the presentation")
        self.recording_edit.setPlaceholderText("https://… (once the presentation is published)")
        for line in (self.join_edit, self.recording_edit):
            line.returnPressed.connect(self.save_schedule)
        self.unscheduled_note = QLabel(self.session_box)
        self.unscheduled_note.setWordWrap(True)
        self.unscheduled_note.setAccessibleName("Scheduling note")
        self.your_time = QLabel(self.session_box)
        self.your_time.setWordWrap(True)
        self.your_time.setAccessibleName("The session in your time")
        for signal in (
            self.date_edit.dateChanged,
            self.time_edit.timeChanged,
            self.zone_box.currentTextChanged,
            self.length_box.valueChanged,
        ):
            signal.connect(self._update_your_time)

        self.save_button = QPushButton("Sa&ve schedule", self.session_box)
        self.save_button.setAccessibleName("Save the session's date, time and links")
        self.save_button.clicked.connect(self.save_schedule)
        self.unschedule_button = QPushButton("Take off the calendar", self.session_box)
        self.unschedule_button.setAccessibleName("Take the session off the calendar")
        self.unschedule_button.setToolTip("The date is no longer known; the links stay")
        self.unschedule_button.clicked.connect(self.unschedule)
        self.status = QLabel(self.session_box)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Schedule message")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.addRow("", self.unscheduled_note)
        form.addRow("&Date:", self.date_edit)
        form.addRow("Start &time:", self.time_edit)
        form.addRow("Time &zone:", self.zone_box)
        form.addRow("&Length:", self.length_box)
        form.addRow("&Joining link:", self.join_edit)
        form.addRow("&Recording link:", self.recording_edit)
        form.addRow("Your time:", self.your_time)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addWidget(self.unschedule_button)
        save_row.addStretch(1)
        session_layout = QVBoxLayout(self.session_box)
        session_layout.addLayout(form)
        session_layout.addLayout(save_row)
        session_layout.addWidget(self.status)

        # Around the call ----------------------------------------------------------------------
        self.around_box = QGroupBox("Around this call", self)
        self.invite_button = QPushButton("Save &invite (.ics)…", self.around_box)
        self.invite_button.setAccessibleName("Save a calendar file for this session")
        self.invite_button.clicked.connect(self.save_session_invite)
        self.messages_button = QPushButton("Prepare a &message…", self.around_box)
        self.messages_button.setAccessibleName(
            "Prepare the invitation, reminder or follow-up for this session"
        )
        self.messages_button.clicked.connect(self.open_messages)
        self.import_button = QPushButton("Im&port notes…", self.around_box)
        self.import_button.setAccessibleName(
            "Import the filled-in shared document or the chat of this session"
        )
        self.import_button.clicked.connect(self.open_import)
        self.shared_document = SharedDocumentActions(store, catalog, parent=self.around_box)
        around_buttons = QHBoxLayout()
        for button in (self.invite_button, self.messages_button, self.import_button):
            around_buttons.addWidget(button)
        around_buttons.addStretch(1)
        guide = QLabel(
            "Before the call: attach the invite to the invitation so the session lands in "
            "people's calendars, send the reminder the day before, and paste the blank shared "
            "document into the cohort's editor. After it: send the follow-up, and import the "
            "filled-in document or the saved chat into the session's record.",
            self.around_box,
        )
        guide.setWordWrap(True)
        guide.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        around_layout = QVBoxLayout(self.around_box)
        around_layout.addLayout(around_buttons)
        around_layout.addWidget(self.shared_document)
        around_layout.addWidget(guide)

        right = QVBoxLayout()
        right.addWidget(self.session_box)
        right.addWidget(self.around_box)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addWidget(self.series_box, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addLayout(columns, 1)

        events.cohort_did_change.connect(self._cohort_changed)
        self.set_cohort(None)

    # ------------------------------------------------------------------------------ the cohort

    @property
    def run_id(self) -> int | None:
        """The session the form shows."""
        return self._run_id

    def set_cohort(self, cohort_id: int | None) -> None:
        self._cohort_id = cohort_id
        self._run_id = None
        self._loaded = None
        self.status.clear()
        self._cohort_name = get_cohort(self._store, cohort_id).name if cohort_id is not None else ""
        self.reload_series()
        shown = cohort_id is not None
        self.empty_label.setVisible(not shown)
        for box in (self.series_box, self.session_box, self.around_box):
            box.setEnabled(shown)
        if self._series:
            self.select_session(self._series[0].run_id)
        else:
            self._show_run(None)

    def reload_series(self) -> None:
        """Re-read the series into the list and the calendar; the form keeps its edits."""
        self._reload_when_shown.mark_fresh()
        cohort_id = self._cohort_id
        self._series = (
            list_series(self._store, cohort_id, self._viewer, self._catalog)
            if cohort_id is not None
            else []
        )
        self.series_box.setTitle(f"The series in your time ({viewer_zone_name(self._viewer)})")
        self.session_list.blockSignals(True)
        self.session_list.clear()
        for event in self._series:
            item = QListWidgetItem(f"{series_line(event)}\n{event.title}")
            item.setData(Qt.ItemDataRole.UserRole, event.run_id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{series_line(event)}, {event.title}")
            self.session_list.addItem(item)
        self.session_list.blockSignals(False)
        self._select_row_of(self._run_id)
        self._mark_calendar()
        scheduled = any(event.time is not None for event in self._series)
        self.series_invite_button.setEnabled(scheduled)

    def _mark_calendar(self) -> None:
        for day in self._marked:
            self.calendar.setDateTextFormat(day, QTextCharFormat())
        self._marked = []
        # The active colours, whatever state the widget is in while the marks are made.
        palette = self.calendar.palette()
        active = QPalette.ColorGroup.Active
        base = palette.color(active, QPalette.ColorRole.Base)
        hue = palette.color(active, QPalette.ColorRole.Highlight)
        wash = blend(base, hue, MARK_TINT)
        for event in self._series:
            if event.start is None:
                continue
            day = QDate(event.start.year, event.start.month, event.start.day)
            mark = QTextCharFormat()
            mark.setFontWeight(QFont.Weight.Bold)
            mark.setFontUnderline(True)
            mark.setBackground(wash)
            mark.setForeground(palette.color(active, QPalette.ColorRole.Text))
            mark.setToolTip(f"Session {event.number}: {event.title}, {event.start:%H:%M}")
            self.calendar.setDateTextFormat(day, mark)
            self._marked.append(day)

    def marked_dates(self) -> list[date]:
        """The days the calendar marks, in the viewer's time."""
        return [day.toPython() for day in self._marked]

    def _cohort_changed(self, cohort_id: int) -> None:
        if cohort_id == self._cohort_id:
            self._reload_when_shown.request()

    def _refresh_after_change(self) -> None:
        self.reload_series()
        if not self.is_dirty():
            self._show_run(self._run_id)

    # ------------------------------------------------------------------------------ choosing

    def select_session(self, run_id: int) -> None:
        """Show one session in the form and on the calendar."""
        self._show_run(run_id)
        self._select_row_of(run_id)
        event = self._event(run_id)
        if event is not None and event.start is not None:
            self.calendar.setSelectedDate(QDate(event.start.date()))

    def _select_row_of(self, run_id: int | None) -> None:
        self.session_list.blockSignals(True)
        for row in range(self.session_list.count()):
            if self.session_list.item(row).data(Qt.ItemDataRole.UserRole) == run_id:
                self.session_list.setCurrentRow(row)
        self.session_list.blockSignals(False)

    def _session_row_chosen(self, row: int) -> None:
        if 0 <= row < len(self._series):
            self.select_session(self._series[row].run_id)

    def _day_chosen(self, day: QDate) -> None:
        """A day with a call opens that call; any other day becomes the chosen session's date."""
        chosen = day.toPython()
        for event in self._series:
            if event.start is not None and event.start.date() == chosen:
                self.select_session(event.run_id)
                return
        if self._run_id is not None:
            self.date_edit.setDate(day)

    def _event(self, run_id: int | None) -> SeriesEvent | None:
        return next((event for event in self._series if event.run_id == run_id), None)

    # ------------------------------------------------------------------------------ the form

    def _show_run(self, run_id: int | None) -> None:
        self._run_id = run_id
        self.status.clear()
        run = get_run(self._store, run_id) if run_id is not None else None
        enabled = run is not None
        for widget in (self.session_box, self.around_box):
            widget.setEnabled(enabled and self._cohort_id is not None)
        self.shared_document.set_run(run_id)
        if run is None:
            self.session_box.setTitle("No session chosen")
            self._loaded = None
            return
        event = self._event(run.id)
        title = event.title if event is not None else run.module_id
        self.session_box.setTitle(f"Session {run.module_number}: {title}")
        values = self._values_for(run)
        self._fill(values)
        self._loaded = values
        scheduled = run.schedule.scheduled_date is not None and bool(run.schedule.start_time)
        self.unscheduled_note.setText(
            ""
            if scheduled
            else "Not scheduled yet: the date and time below are suggestions until you save them."
        )
        self.unscheduled_note.setVisible(not scheduled)
        self.unschedule_button.setEnabled(scheduled)
        self.invite_button.setEnabled(scheduled)

    def _values_for(self, run: RunView) -> FormValues:
        schedule: Schedule = run.schedule
        zone = schedule.timezone or self._cohort_zone()
        if schedule.scheduled_date is not None and schedule.start_time:
            day, start = schedule.scheduled_date, schedule.start_time
        else:
            day, start = self._suggestion(run)
        return FormValues(
            day, start, zone, schedule.length_minutes, schedule.join_link, schedule.recording_link
        )

    def _cohort_zone(self) -> str:
        if self._cohort_id is None:
            return "UTC"
        return get_cohort(self._store, self._cohort_id).timezone or "UTC"

    def _suggestion(self, run: RunView) -> tuple[date, str]:
        """A week after the session before, at its time; else today at the default start."""
        earlier = [
            get_run(self._store, event.run_id).schedule
            for event in self._series
            if event.number < run.module_number and event.time is not None
        ]
        if earlier and earlier[-1].scheduled_date is not None:
            return earlier[-1].scheduled_date + timedelta(weeks=1), earlier[-1].start_time
        return self._today(), DEFAULT_START

    def _fill(self, values: FormValues) -> None:
        self.date_edit.setDate(QDate(values.day))
        hours, _, minutes = values.start.partition(":")
        self.time_edit.setTime(QTime(int(hours or 0), int(minutes or 0)))
        self.zone_box.setCurrentText(values.zone)
        self.length_box.setValue(values.length)
        self.join_edit.setText(values.join_link)
        self.recording_edit.setText(values.recording_link)
        self._update_your_time()

    def form_values(self) -> FormValues:
        return FormValues(
            day=self.date_edit.date().toPython(),
            start=self.time_edit.time().toString("HH:mm"),
            zone=self.zone_box.currentText().strip(),
            length=self.length_box.value(),
            join_link=self.join_edit.text().strip(),
            recording_link=self.recording_edit.text().strip(),
        )

    def is_dirty(self) -> bool:
        """True while the form holds changes that are not saved."""
        return self._loaded is not None and self.form_values() != self._loaded

    def _update_your_time(self) -> None:
        values = self.form_values()
        # Checked against the list first: this runs at every keystroke of a half-typed zone.
        if values.zone not in self._zones:
            self.your_time.setText("Choose a time zone from the list to see this in your time.")
            return
        when = session_time(values.day, values.start, values.zone, values.length)
        start, end = when.start_in(self._viewer), when.end_in(self._viewer)
        self.your_time.setText(
            f"{day_text(start.date())}, {start:%H:%M}–{end:%H:%M} "
            f"({viewer_zone_name(self._viewer)})"
        )

    def save_schedule(self) -> bool:
        """Keep the form's date, time, zone, length and links; the reason if they cannot be."""
        run_id, cohort_id = self._run_id, self._cohort_id
        if run_id is None or cohort_id is None:
            return False
        values = self.form_values()
        before = self._loaded
        try:
            schedule_run(
                self._store,
                run_id,
                on=values.day,
                start_time=values.start,
                timezone=values.zone,
                length_minutes=values.length,
                join_link=values.join_link,
                recording_link=values.recording_link,
            )
        except ScheduleError as problem:
            self.status.setText(f"Not saved: {problem}")
            return False
        self._events.cohort_did_change.emit(cohort_id)
        self.reload_series()
        self.select_session(run_id)
        when = describe(session_time(values.day, values.start, values.zone, values.length))
        message = f"Saved: {when}."
        moved = before is None or (before.day, before.start, before.zone) != (
            values.day,
            values.start,
            values.zone,
        )
        if moved and self._invited(run_id):
            message += (
                " An invitation to this session went out before: prepare it again, with its "
                "calendar file, so people's calendars move the event."
            )
        self.status.setText(message)
        return True

    def _invited(self, run_id: int) -> bool:
        assert self._cohort_id is not None
        return any(
            entry.kind == MessageKind.INVITATION.value
            for entry in list_prepared(self._store, self._cohort_id, run_id)
        )

    def unschedule(self) -> None:
        run_id, cohort_id = self._run_id, self._cohort_id
        if run_id is None or cohort_id is None:
            return
        unschedule_run(self._store, run_id)
        self._events.cohort_did_change.emit(cohort_id)
        self.reload_series()
        self.select_session(run_id)
        self.status.setText("Taken off the calendar. Its links are kept.")

    # ------------------------------------------------------------------------------ calendar files

    def save_session_invite(self) -> Path | None:
        run_id = self._run_id
        event = self._event(run_id)
        if run_id is None or event is None:
            return None
        if self.is_dirty():
            self.status.setText("Save the schedule first: the invite carries the saved time.")
            return None
        return self._save_calendar(
            lambda: session_calendar(self._store, run_id, self._catalog),
            suggested_filename(self._cohort_name, event.number),
        )

    def save_series_invite(self) -> Path | None:
        cohort_id = self._cohort_id
        if cohort_id is None:
            return None
        return self._save_calendar(
            lambda: series_calendar(self._store, cohort_id, self._catalog),
            suggested_filename(self._cohort_name),
        )

    def _save_calendar(self, make: Callable[[], bytes], suggested: str) -> Path | None:
        try:
            data = make()
        except ScheduleError as problem:
            self.status.setText(str(problem))
            return None
        chosen = self._choose_save(self, suggested)
        if not chosen:
            return None
        path = Path(chosen)
        if not path.suffix:
            path = path.with_suffix(".ics")
        try:
            written = write_calendar(path, data)
        except OSError as error:
            self.status.setText(f"{path.name} could not be saved ({error.strerror or error}).")
            return None
        self.status.setText(
            f"Saved {written.name}. Attach it to the invitation; opening it adds the "
            "session to a calendar."
        )
        return written

    # ------------------------------------------------------------------------------ dialogs

    def open_messages(self) -> MessagesDialog | None:
        """Window-modal, not ``exec``: the app goes on around it."""
        if self._cohort_id is None:
            return None
        dialog = MessagesDialog(
            self._store,
            self._catalog,
            self._paths,
            self._cohort_id,
            run_id=self._run_id,
            open_url=self._open_url,
            viewer_zone=self._viewer,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.messages_dialog = dialog
        dialog.open()
        return dialog

    def open_import(self) -> DocumentImportDialog | None:
        if self._run_id is None:
            return None
        dialog = DocumentImportDialog(
            self._store, self._catalog, self._events, self._run_id, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # A bound method, not a lambda holding the dialog: a closure over a dialog that deletes
        # itself on close crashes PySide when the dialog goes.
        dialog.imported.connect(self._imported)
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def _imported(self, result: ImportResult) -> None:
        text = f"Imported {result.added} note{'s' if result.added != 1 else ''}"
        if result.walk_ins:
            text += f" and took in {', '.join(p.display_name for p in result.walk_ins)} as walk-ins"
        self.status.setText(text + ".")
