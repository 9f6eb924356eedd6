"""One cohort at a glance: its four sessions, who came to which, where the assignments stand.

Each session has its date, its state and one button that says what it will do (Run, Resume, Open).
The attendance and assignment grids are table views over one small model; every cell carries a
symbol and a word as well as a tint, so nothing is told by colour alone, and the tints are blended
from the system palette so they read on light and dark themes alike.

The overview listens to the app's announcements and re-reads the store when something it shows
changed; while it is hidden it only remembers that it must, and re-reads when shown.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.overview import (
    AssignmentMark,
    AssignmentState,
    AttendanceMark,
    CohortOverview,
    cohort_overview,
)
from cofacilitator.runs import RunStatus, RunView, ensure_runs
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.store.database import Store
from cofacilitator.ui.background import Runner
from cofacilitator.ui.date_text import short_day_text
from cofacilitator.ui.events import Events
from cofacilitator.ui.export_dialog import ExportDialog, open_export_dialog
from cofacilitator.ui.palette_colours import tint
from cofacilitator.ui.reload_when_shown import ReloadWhenShown
from cofacilitator.ui.settings import SettingsFile

_GREEN = QColor(46, 125, 50)
_AMBER = QColor(239, 160, 0)
_RED = QColor(198, 40, 40)
CELL_TINT = 0.28


@dataclass(frozen=True)
class Cell:
    """What a grid cell says, and the hue behind it (None: no tint)."""

    text: str
    hue: QColor | None = None


ATTENDANCE_CELLS: dict[AttendanceMark | None, Cell] = {
    AttendanceMark.PRESENT: Cell("✓ present", _GREEN),
    AttendanceMark.LATE: Cell("◷ late", _AMBER),
    AttendanceMark.LEFT_AND_RETURNED: Cell("↺ out and back", _GREEN),
    AttendanceMark.LEFT_EARLY: Cell("⇥ left early", _AMBER),
    AttendanceMark.ABSENT: Cell("✗ absent", _RED),
    None: Cell("– not recorded"),
}

RUN_STATUS_TEXT = {
    RunStatus.UNSCHEDULED: "Not scheduled",
    RunStatus.SCHEDULED: "Scheduled",
    RunStatus.RUNNING: "In progress",
    RunStatus.ENDED: "Ended",
}

RUN_BUTTON_TEXT = {
    RunStatus.UNSCHEDULED: "Run",
    RunStatus.SCHEDULED: "Run",
    RunStatus.RUNNING: "Resume",
    RunStatus.ENDED: "Open",
}


def assignment_cell(mark: AssignmentMark) -> Cell:
    """The cell leaves out the year to stay narrow; the tooltip has the full date."""
    when = f" {short_day_text(mark.at, year=False)}" if mark.at is not None else ""
    if mark.state is AssignmentState.IMPORTED:
        return Cell(f"⇩ imported on{when}", _GREEN)
    if mark.state is AssignmentState.SUBMITTED:
        return Cell(f"✓ submitted{when}", _GREEN)
    if mark.state is AssignmentState.DRAFT:
        return Cell("✎ draft", _AMBER)
    return Cell("— none")


def run_date_text(run: RunView) -> str:
    schedule = run.schedule
    if schedule.scheduled_date is None:
        return "No date yet"
    text = f"{schedule.scheduled_date:%a} {short_day_text(schedule.scheduled_date)}"
    if schedule.start_time:
        text += f", {schedule.start_time}"
        if schedule.timezone:
            text += f" {schedule.timezone}"
    return text


class GridKind(Enum):
    ATTENDANCE = "attendance"
    ASSIGNMENTS = "assignments"


class OverviewGridModel(QAbstractTableModel):
    """People down, sessions across; one cell per person and session."""

    def __init__(self, kind: GridKind, palette: Callable[[], QPalette]) -> None:
        super().__init__()
        self._kind = kind
        self._palette = palette
        self._overview: CohortOverview | None = None

    def set_overview(self, overview: CohortOverview | None) -> None:
        self.beginResetModel()
        self._overview = overview
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._overview is None:
            return 0
        return len(self._overview.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._overview is None:
            return 0
        return len(self._overview.runs)

    def cell(self, row: int, column: int) -> Cell:
        assert self._overview is not None
        person = self._overview.rows[row]
        if self._kind is GridKind.ATTENDANCE:
            return ATTENDANCE_CELLS[person.attendance[column]]
        return assignment_cell(person.assignments[column])

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if not index.isValid() or self._overview is None:
            return None
        cell = self.cell(index.row(), index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return cell.text
        if role == Qt.ItemDataRole.ToolTipRole:
            person = self._overview.rows[index.row()].participant.display_name
            run = self._overview.runs[index.column()].run
            tip = f"{person}, session {run.module_number}: {cell.text}"
            if self._kind is GridKind.ASSIGNMENTS:
                at = self._overview.rows[index.row()].assignments[index.column()].at
                tip += f" ({short_day_text(at)})" if at is not None else ""
            return tip
        if role == Qt.ItemDataRole.BackgroundRole and cell.hue is not None:
            return tint(self._palette(), cell.hue, CELL_TINT)
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if self._overview is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return f"Session {self._overview.runs[section].run.module_number}"
        person = self._overview.rows[section].participant
        suffix = " (withdrawn)" if person.withdrawn_at is not None else ""
        return person.display_name + suffix


class CohortOverviewPanel(QWidget):
    """The overview of one cohort; ``run_requested`` carries the id of the run to open."""

    run_requested = Signal(int)

    def __init__(
        self,
        store: Store,
        events: Events,
        catalog: Catalog,
        parent: QWidget | None = None,
        *,
        settings: SettingsFile | None = None,
        op_runner: Runner | None = None,
    ) -> None:
        """``settings`` remembers the export folder; ``op_runner`` runs the export (tests pass
        a synchronous one)."""
        super().__init__(parent)
        self.setAccessibleName("Cohort overview")
        self._store = store
        self._catalog = catalog
        self._settings = settings
        self._op_runner = op_runner
        self._cohort_id: int | None = None
        self._overview: CohortOverview | None = None
        self._reload_when_shown = ReloadWhenShown(self, self.reload)
        self.run_buttons: list[QPushButton] = []
        self.session_labels: list[list[QLabel]] = []

        self._sessions_box = QGroupBox("Sessions", self)
        self._sessions = QGridLayout(self._sessions_box)
        self._sessions.setColumnStretch(1, 1)
        self._sessions.setHorizontalSpacing(self.fontMetrics().horizontalAdvance("M"))

        self.attendance_model = OverviewGridModel(GridKind.ATTENDANCE, self.palette)
        self.assignment_model = OverviewGridModel(GridKind.ASSIGNMENTS, self.palette)
        self.attendance_view = self._grid_view(self.attendance_model, "Attendance by session")
        self.assignment_view = self._grid_view(
            self.assignment_model, "Assignment status by participant and session"
        )
        attendance_page = QWidget()
        attendance_layout = QVBoxLayout(attendance_page)
        attendance_layout.addWidget(self.attendance_view, 1)
        legend = QLabel("  ".join(cell.text for cell in ATTENDANCE_CELLS.values()), attendance_page)
        legend.setWordWrap(True)
        legend.setAccessibleName("Attendance legend")
        attendance_layout.addWidget(legend)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Attendance and assignments")
        self.tabs.tabBar().setAccessibleName("Overview views")
        self.tabs.addTab(attendance_page, "&Attendance")
        self.tabs.addTab(self.assignment_view, "A&ssignments")

        self.export_button = QPushButton("E&xport…", self)
        self.export_button.setAccessibleName("Export the cohort's notes")
        self.export_button.setToolTip(
            "Write the whole cohort's shared notes as Markdown or HTML; select a cell of a "
            "session in the grid to offer that session alone as well"
        )
        self.export_button.clicked.connect(self.open_export)
        self.tabs.setCornerWidget(self.export_button, Qt.Corner.TopRightCorner)

        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty_label)
        layout.addWidget(self._sessions_box)
        layout.addWidget(self.tabs, 1)

        events.cohort_did_change.connect(self._cohort_changed)
        events.run_did_advance.connect(lambda _run_id: self._mark_stale())
        events.note_did_save.connect(lambda _note_id: self._mark_stale())
        events.assignment_did_import.connect(lambda _id: self._mark_stale())
        self.set_cohort(None)

    def _grid_view(self, model: OverviewGridModel, name: str) -> QTableView:
        view = QTableView(self)
        view.setModel(model)
        view.setAccessibleName(name)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setWordWrap(False)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return view

    @property
    def overview(self) -> CohortOverview | None:
        return self._overview

    def selected_run_id(self) -> int | None:
        """The session of the cell selected in the grid on show, if any."""
        view = self.tabs.currentWidget()
        if view is not self.assignment_view:
            view = self.attendance_view
        index = view.currentIndex()
        if self._overview is None or not index.isValid():
            return None
        if not view.selectionModel().isSelected(index):
            return None
        return self._overview.runs[index.column()].run.id

    def open_export(self) -> ExportDialog | None:
        """The export dialog on the whole cohort, offering the selected session too."""
        if self._cohort_id is None:
            return None
        dialog = open_export_dialog(
            self,
            self._store,
            self._catalog,
            self._settings,
            run_id=self.selected_run_id(),
            cohort_id=self._cohort_id,
            runner=self._op_runner,
        )
        # From the overview the cohort is what is asked for; a selected cell is only an offer.
        dialog.cohort_choice.setChecked(True)
        return dialog

    def set_cohort(self, cohort_id: int | None) -> None:
        self._cohort_id = cohort_id
        self.reload()

    def reload(self) -> None:
        """Re-read the cohort; its missing runs (a module added since) are created first."""
        self._reload_when_shown.mark_fresh()
        cohort_id = self._cohort_id
        if cohort_id is not None:
            ensure_runs(self._store, cohort_id, self._catalog.modules)
            self._overview = cohort_overview(self._store, cohort_id)
        else:
            self._overview = None
        self.attendance_model.set_overview(self._overview)
        self.assignment_model.set_overview(self._overview)
        self._fill_sessions()
        shown = self._overview is not None
        self._sessions_box.setVisible(shown)
        self.tabs.setVisible(shown)
        self.export_button.setEnabled(shown)
        self.empty_label.setVisible(not shown)
        self.empty_label.setText("Choose a cohort to see its sessions and roster.")
        if self._overview is not None and not self._overview.rows:
            self.empty_label.setText("Nobody on the roster yet: add people on the Roster tab.")
            self.empty_label.setVisible(True)

    def _fill_sessions(self) -> None:
        while self._sessions.count():
            item = self._sessions.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.run_buttons = []
        self.session_labels = []
        if self._overview is None:
            return
        for index, summary in enumerate(self._overview.runs):
            run = summary.run
            module = self._catalog.get(run.module_id)
            title = module.title if module is not None else run.module_id
            details = [run_date_text(run), RUN_STATUS_TEXT[run.status]]
            if run.status is not RunStatus.UNSCHEDULED or summary.note_count:
                details.append(f"{summary.attended} came · {summary.note_count} notes")
            # Two lines per session, each as wide as the column: they wrap only when they must.
            row = index * 2
            number = self._session_label(str(run.module_number), run.module_number, bold=True)
            heading = self._session_label(title, run.module_number, bold=True)
            facts = self._session_label(" · ".join(details), run.module_number)
            self._sessions.addWidget(number, row, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
            self._sessions.addWidget(heading, row, 1)
            self._sessions.addWidget(facts, row + 1, 1)
            self.session_labels.append([number, heading, facts])
            button = QPushButton(RUN_BUTTON_TEXT[run.status], self._sessions_box)
            button.setAccessibleName(
                f"{RUN_BUTTON_TEXT[run.status]} session {run.module_number}: {title}"
            )
            button.setEnabled(module is not None)
            button.setToolTip(
                "Open the session runner on this session"
                if module is not None
                else "This session's module is not in the module folder"
            )
            button.clicked.connect(lambda _=False, run_id=run.id: self.run_requested.emit(run_id))
            self._sessions.addWidget(button, row, 2, 2, 1, Qt.AlignmentFlag.AlignVCenter)
            button.show()  # now, not on the next turn of the event loop
            self.run_buttons.append(button)

    def _session_label(self, text: str, number: int, *, bold: bool = False) -> QLabel:
        label = QLabel(f"<b>{html.escape(text)}</b>" if bold else text, self._sessions_box)
        label.setTextFormat(Qt.TextFormat.RichText if bold else Qt.TextFormat.PlainText)
        label.setAccessibleName(f"Session {number}: {text}")
        label.setWordWrap(True)
        label.show()
        return label

    def _cohort_changed(self, cohort_id: int) -> None:
        if cohort_id == self._cohort_id:
            self._mark_stale()

    def _mark_stale(self) -> None:
        if self._cohort_id is not None:
            self._reload_when_shown.request()
