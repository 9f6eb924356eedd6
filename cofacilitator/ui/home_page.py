"""Home: the facilitator's cohorts, and for the chosen one its overview and its roster.

Everything here is editable in place, without a modal dialog in the way: a cohort is created by
typing its name under the list, renamed with F2 (or the Rename button) in the list itself, and
archived with a button; archived cohorts come back with "Show archived". The roster is a tab of
its own (:class:`RosterEditor`).

The very first time (no cohort at all) the page offers to create the demo cohort, so a facilitator
can try the runner before typing in a real roster.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.cohorts import (
    CohortView,
    archive_cohort,
    create_cohort,
    list_cohorts,
    rename_cohort,
)
from cofacilitator.demo import DemoResult, create_demo_cohort
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.store.database import Store
from cofacilitator.ui.background import Runner, run_op
from cofacilitator.ui.cohort_overview import CohortOverviewPanel
from cofacilitator.ui.events import Events
from cofacilitator.ui.roster_editor import FileChooser, RosterEditor, choose_roster_file
from cofacilitator.ui.settings import SettingsFile

CohortFollower = Callable[[int | None], None]
"""Told the cohort chosen on the home page (None when none is)."""


class HomePage(QWidget):
    """Cohorts on the left; the chosen cohort's overview and roster on the right.

    ``run_requested`` carries the id of a run the facilitator chose to run, resume or open;
    ``cohort_selected`` the chosen cohort (0 when none), for the pages that follow the choice.
    """

    run_requested = Signal(int)
    cohort_selected = Signal(int)

    def __init__(
        self,
        store: Store,
        events: Events,
        catalog: Catalog,
        *,
        op_runner: Runner | None = None,
        settings: SettingsFile | None = None,
        choose_file: FileChooser = choose_roster_file,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Home")
        self._store = store
        self._events = events
        self._catalog = catalog
        self._op_runner = op_runner
        self._cohorts: list[CohortView] = []
        self._cohort_views: list[CohortFollower] = []

        self.cohort_list = QListWidget(self)
        self.cohort_list.setAccessibleName("Cohorts")
        self.cohort_list.setAccessibleDescription("F2 renames the selected cohort")
        # Editing starts only through _start_rename, which first shows the bare name.
        self.cohort_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cohort_list.currentRowChanged.connect(self._cohort_selected)
        self.cohort_list.itemChanged.connect(self._item_renamed)
        self.cohort_list.itemDelegate().closeEditor.connect(
            lambda *_: QTimer.singleShot(0, self.reload)
        )
        rename_key = QShortcut(QKeySequence(Qt.Key.Key_F2), self.cohort_list)
        rename_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        rename_key.activated.connect(self._start_rename)
        cohorts_title = QLabel("&Cohorts", self)
        cohorts_title.setBuddy(self.cohort_list)

        self.show_archived = QCheckBox("Show arc&hived", self)
        self.show_archived.setAccessibleName("Show archived cohorts")
        self.show_archived.toggled.connect(lambda _on: self.reload())
        self.rename_button = QPushButton("Rena&me", self)
        self.rename_button.setAccessibleName("Rename the selected cohort")
        self.rename_button.setToolTip("Rename in the list (F2)")
        self.rename_button.clicked.connect(self._start_rename)
        self.archive_button = QPushButton("Arc&hive", self)
        self.archive_button.clicked.connect(self._archive_or_restore)
        self.new_name = QLineEdit(self)
        self.new_name.setPlaceholderText("New cohort name")
        self.new_name.setAccessibleName("Name of a new cohort")
        self.new_name.returnPressed.connect(self.create_from_field)
        self.create_button = QPushButton("Create cohort", self)
        self.create_button.setAccessibleName("Create a cohort with that name")
        self.create_button.clicked.connect(self.create_from_field)
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.setAccessibleName("Cohorts message")

        self.welcome_label = QLabel(
            "No cohorts yet. Create one with its name below, or try the app out on a demo "
            "cohort with four finished sessions.",
            self,
        )
        self.welcome_label.setWordWrap(True)
        self.demo_button = QPushButton("Create the &demo cohort", self)
        self.demo_button.setAccessibleName("Create the demo cohort")
        self.demo_button.clicked.connect(self.create_demo)

        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.rename_button)
        list_buttons.addWidget(self.archive_button)
        create_row = QHBoxLayout()
        create_row.addWidget(self.new_name, 1)
        create_row.addWidget(self.create_button)
        left = QWidget(self)
        left.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 20)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(cohorts_title)
        left_layout.addWidget(self.welcome_label)
        left_layout.addWidget(self.demo_button)
        left_layout.addWidget(self.cohort_list, 1)
        left_layout.addWidget(self.show_archived)
        left_layout.addLayout(list_buttons)
        left_layout.addLayout(create_row)
        left_layout.addWidget(self.message_label)

        self.overview = CohortOverviewPanel(
            store, events, catalog, self, settings=settings, op_runner=op_runner
        )
        self.overview.run_requested.connect(self.run_requested)
        self.roster = RosterEditor(store, choose_file=choose_file, parent=self)
        self.roster.roster_changed.connect(events.cohort_did_change)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Cohort overview and roster")
        self.tabs.tabBar().setAccessibleName("Cohort views")
        self.tabs.addTab(self.overview, "O&verview")
        self.tabs.addTab(self.roster, "Ro&ster")

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([280, 800])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.setTabOrder(self.demo_button, self.cohort_list)
        self.setTabOrder(self.cohort_list, self.show_archived)
        self.setTabOrder(self.show_archived, self.rename_button)
        self.setTabOrder(self.rename_button, self.archive_button)
        self.setTabOrder(self.archive_button, self.new_name)
        self.setTabOrder(self.new_name, self.create_button)
        self.setTabOrder(self.create_button, self.tabs)

        events.cohort_did_change.connect(lambda _cohort_id: self.reload())
        self.setFocusProxy(self.cohort_list)
        self.reload()

    @property
    def cohorts(self) -> list[CohortView]:
        return list(self._cohorts)

    @property
    def current_cohort(self) -> CohortView | None:
        row = self.cohort_list.currentRow()
        return self._cohorts[row] if 0 <= row < len(self._cohorts) else None

    def reload(self, select: int | None = None) -> None:
        """Re-read the list, keeping (or moving to) the selected cohort."""
        current = self.current_cohort
        keep = select if select is not None else (current.id if current is not None else None)
        self._cohorts = list_cohorts(self._store, include_archived=self.show_archived.isChecked())
        self.cohort_list.blockSignals(True)
        self.cohort_list.clear()
        for cohort in self._cohorts:
            item = QListWidgetItem(self._label(cohort))
            item.setData(Qt.ItemDataRole.UserRole, cohort.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.cohort_list.addItem(item)
        ids = [cohort.id for cohort in self._cohorts]
        row = ids.index(keep) if keep in ids else (0 if ids else -1)
        self.cohort_list.setCurrentRow(row)
        self.cohort_list.blockSignals(False)
        nothing_at_all = not self._cohorts and not list_cohorts(self._store, include_archived=True)
        self.welcome_label.setVisible(nothing_at_all)
        self.demo_button.setVisible(nothing_at_all)
        self._cohort_selected(row)

    @staticmethod
    def _label(cohort: CohortView) -> str:
        people = (
            f"{cohort.participant_count} {'person' if cohort.participant_count == 1 else 'people'}"
        )
        return f"{cohort.name} ({people}{', archived' if cohort.archived else ''})"

    def _cohort_selected(self, row: int) -> None:
        cohort = self._cohorts[row] if 0 <= row < len(self._cohorts) else None
        cohort_id = cohort.id if cohort is not None else None
        self.overview.set_cohort(cohort_id)
        self.roster.set_cohort(cohort_id)
        for follow in self._cohort_views:
            follow(cohort_id)
        self.cohort_selected.emit(cohort_id or 0)
        self.rename_button.setEnabled(cohort is not None)
        self.archive_button.setEnabled(cohort is not None)
        archived = cohort is not None and cohort.archived
        self.archive_button.setText("Unarc&hive" if archived else "Arc&hive")
        self.archive_button.setAccessibleName(
            "Bring the selected cohort back" if archived else "Archive the selected cohort"
        )
        self.archive_button.setToolTip(
            "Back in the daily list"
            if archived
            else "Hide it from the daily list; nothing is deleted"
        )

    def add_cohort_view(self, view: QWidget, follow: CohortFollower, title: str) -> None:
        """A further tab about the chosen cohort (schedule, guidelines, concerns); ``follow``
        is told each time another cohort is chosen."""
        self.tabs.addTab(view, title)
        self._cohort_views.append(follow)
        current = self.current_cohort
        follow(current.id if current is not None else None)

    def create_from_field(self) -> None:
        try:
            cohort = create_cohort(self._store, self.new_name.text())
        except ValueError as problem:
            self.message_label.setText(f"Not created: {problem}.")
            return
        self.new_name.clear()
        self.message_label.setText(f"Created {cohort.name}. Add people on the Roster tab.")
        self.reload(select=cohort.id)
        self.tabs.setCurrentWidget(self.roster)
        self._events.cohort_did_change.emit(cohort.id)

    def _start_rename(self) -> None:
        item = self.cohort_list.currentItem()
        cohort = self.current_cohort
        if item is None or cohort is None:
            return
        self.cohort_list.blockSignals(True)
        item.setText(cohort.name)
        self.cohort_list.blockSignals(False)
        self.cohort_list.editItem(item)

    def _item_renamed(self, item: QListWidgetItem) -> None:
        """The list is rebuilt once the editor has closed, never while it is closing."""
        cohort_id = item.data(Qt.ItemDataRole.UserRole)
        try:
            cohort = rename_cohort(self._store, cohort_id, item.text())
        except ValueError as problem:
            self.message_label.setText(f"Not renamed: {problem}.")
            return
        self.message_label.setText(f"Renamed to {cohort.name}.")
        QTimer.singleShot(0, lambda: self._events.cohort_did_change.emit(cohort.id))

    def _archive_or_restore(self) -> None:
        cohort = self.current_cohort
        if cohort is None:
            return
        changed = archive_cohort(self._store, cohort.id, not cohort.archived)
        self.message_label.setText(
            f"{changed.name} is archived; “Show archived” brings it back into view."
            if changed.archived
            else f"{changed.name} is back in the list."
        )
        self.reload()
        self._events.cohort_did_change.emit(changed.id)

    def create_demo(self) -> None:
        """The demo is written in one transaction, off the UI thread."""
        self.demo_button.setEnabled(False)
        self.message_label.setText("Creating the demo cohort…")
        store, modules = self._store, self._catalog.modules

        def created(result: DemoResult) -> None:
            self.demo_button.setEnabled(True)
            self.message_label.setText("The demo cohort is ready: four sessions, already run.")
            self.reload(select=result.cohort_id)
            self._events.cohort_did_change.emit(result.cohort_id)

        def failed(error: BaseException) -> None:
            self.demo_button.setEnabled(True)
            self.message_label.setText(f"The demo cohort could not be created: {error}")

        run_op(
            self,
            lambda: create_demo_cohort(store, modules),
            created,
            failed,
            "Creating the demo cohort…",
            runner=self._op_runner,
        )
