"""Home: the facilitator's cohorts, and for the chosen one its overview and its roster.

Everything here is editable in place, without a modal dialog in the way: a cohort is created by
typing its name under the list, renamed with F2 (or the Rename button) in the list itself, and
archived with a button; archived cohorts come back with "Show archived". The roster takes people
one at a time from a small form, or many at once from a pasted or opened CSV file, previewed in a
dialog that explains every bad row and imports all or nothing.

The very first time (no cohort at all) the page offers to create the demo cohort, so a facilitator
can try the runner before typing in a real roster.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.cohorts import (
    CohortView,
    ParticipantDetails,
    ParticipantView,
    RosterImportError,
    add_participant,
    archive_cohort,
    create_cohort,
    import_roster_csv,
    list_cohorts,
    list_participants,
    parse_roster_csv,
    reinstate_participant,
    rename_cohort,
    withdraw_participant,
)
from cofacilitator.demo import DemoResult, create_demo_cohort
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.store.database import Store
from cofacilitator.ui.background import Runner, run_op
from cofacilitator.ui.cohort_overview import CohortOverviewPanel
from cofacilitator.ui.events import Events

FileChooser = Callable[[QWidget], str | None]
CohortFollower = Callable[[int | None], None]
"""Asks for a roster file; tests hand in one that answers without a dialog."""

ROSTER_HEADERS = ("Name", "Pronouns", "Role", "Handles", "E-mail", "Named", "Status")
PREVIEW_HEADERS = ROSTER_HEADERS[:-1]
WRAPPED_COLUMN = 2
"""Role, the longest text, wraps; the others keep their width so nothing is cut."""
NAMED_TOOLTIP = "Whether they may be named in exports; otherwise a stable pseudonym is used"
CSV_HELP = (
    "One person per line: name, role, handles, pronouns, e-mail, and optionally consent "
    "(yes or no: may they be named in exports). A first line naming the columns may put them "
    "in any order. One bad line refuses the whole file, so nothing is half imported."
)


def choose_roster_file(parent: QWidget) -> str | None:
    path, _ = QFileDialog.getOpenFileName(
        parent, "Open a roster file", "", "Roster files (*.csv *.txt);;All files (*)"
    )
    return path or None


def _details_row(details: ParticipantDetails) -> tuple[str, ...]:
    return (
        details.display_name,
        details.pronouns,
        details.role,
        details.handles,
        details.email,
        "yes" if details.consent_named else "no",
    )


def _status(person: ParticipantView) -> str:
    if person.withdrawn_at is not None:
        return "withdrawn"
    return "walk-in" if person.is_walk_in else "active"


def _fill_table(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
            table.setItem(row, column, item)


def _read_only_table(headers: tuple[str, ...], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(WRAPPED_COLUMN, QHeaderView.ResizeMode.Stretch)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeaderItem(ROSTER_HEADERS.index("Named")).setToolTip(NAMED_TOOLTIP)
    return table


class RosterImportDialog(QDialog):
    """Paste or open a roster, see it as it will be imported, then import it in one go."""

    def __init__(
        self,
        store: Store,
        cohort_id: int,
        *,
        choose_file: FileChooser = choose_roster_file,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import a roster")
        self.setAccessibleName("Import a roster")
        self._store = store
        self._cohort_id = cohort_id
        self._choose_file = choose_file
        self.imported: list[ParticipantView] = []

        help_label = QLabel(CSV_HELP, self)
        help_label.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName("Roster as CSV")
        self.text.setPlaceholderText("name,role,handles,pronouns,email,consent")
        self.text.textChanged.connect(self._preview)
        pasted = QLabel("&Paste the roster here, or open a file:", self)
        pasted.setBuddy(self.text)
        self.open_button = QPushButton("&Open file…", self)
        self.open_button.setAccessibleName("Open a roster file")
        self.open_button.clicked.connect(self._open_file)
        self.preview = _read_only_table(PREVIEW_HEADERS, "Preview of the people to import")
        self.problem_label = QLabel(self)
        self.problem_label.setWordWrap(True)
        self.problem_label.setAccessibleName("Problems with the roster")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("&Import")
        self.import_button.setAccessibleName("Import everyone in the preview")
        self.buttons.accepted.connect(self._import)
        self.buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(pasted, 1)
        top.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(help_label)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        layout.addWidget(QLabel("Preview:", self))
        layout.addWidget(self.preview, 2)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.resize(760, 560)
        self._preview()

    def _open_file(self) -> None:
        path = self._choose_file(self)
        if not path:
            return
        try:
            self.text.setPlainText(Path(path).read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError) as problem:
            self.problem_label.setText(f"That file could not be read: {problem}")

    def _preview(self) -> None:
        """Parse on every change: the preview is what will be imported, or why nothing will."""
        try:
            people = parse_roster_csv(self.text.toPlainText())
        except RosterImportError as problem:
            _fill_table(self.preview, [])
            self.problem_label.setText(
                f"Nothing can be imported yet. Line {problem.line}: {problem.problem}."
            )
            self.import_button.setEnabled(False)
            return
        _fill_table(self.preview, [_details_row(person) for person in people])
        count = len(people)
        self.problem_label.setText(
            f"{count} {'person' if count == 1 else 'people'} ready to import." if count else ""
        )
        self.import_button.setEnabled(count > 0)

    def _import(self) -> None:
        try:
            self.imported = import_roster_csv(self._store, self._cohort_id, self.text.toPlainText())
        except RosterImportError as problem:
            self.problem_label.setText(
                f"Nothing was imported. Line {problem.line}: {problem.problem}."
            )
            return
        self.accept()


class RosterEditor(QWidget):
    """The roster of one cohort: the people on it, a form to add one, and the CSV import."""

    roster_changed = Signal(int)

    def __init__(
        self,
        store: Store,
        *,
        choose_file: FileChooser = choose_roster_file,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Roster")
        self._store = store
        self._choose_file = choose_file
        self._cohort_id: int | None = None
        self._people: list[ParticipantView] = []
        self.import_dialog: RosterImportDialog | None = None

        self.table = _read_only_table(ROSTER_HEADERS, "People on the roster")
        self.table.itemSelectionChanged.connect(self._update_withdraw_button)

        self.name_field = self._field("Display name (required)")
        self.role_field = self._field("Role")
        self.handles_field = self._field("Social handles")
        self.pronouns_field = self._field("Pronouns")
        self.email_field = self._field("E-mail")
        self.consent_box = QCheckBox("May be &named in exports", self)
        self.consent_box.setAccessibleName("Consent to be named in exports")
        self.consent_box.setToolTip(
            "Without consent the person appears in exports under a stable pseudonym"
        )
        self.add_button = QPushButton("&Add participant", self)
        self.add_button.setAccessibleName("Add the participant")
        self.add_button.clicked.connect(self.add_from_form)
        self.problem_label = QLabel(self)
        self.problem_label.setWordWrap(True)
        self.problem_label.setAccessibleName("Roster message")

        form = QFormLayout()
        form.addRow("&Name:", self.name_field)
        form.addRow("&Role:", self.role_field)
        form.addRow("Han&dles:", self.handles_field)
        form.addRow("&Pronouns:", self.pronouns_field)
        form.addRow("&E-mail:", self.email_field)
        form.addRow("", self.consent_box)

        self.import_button = QPushButton("&Import CSV…", self)
        self.import_button.setAccessibleName("Import people from a CSV roster")
        self.import_button.setToolTip(CSV_HELP)
        self.import_button.clicked.connect(self.open_import)
        self.withdraw_button = QPushButton("&Withdraw", self)
        self.withdraw_button.clicked.connect(self._withdraw_or_reinstate)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.withdraw_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.problem_label)
        self.set_cohort(None)

    def _field(self, name: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setAccessibleName(name)
        field.returnPressed.connect(self.add_from_form)
        return field

    def set_cohort(self, cohort_id: int | None) -> None:
        """A message about one cohort's roster is cleared when another cohort is shown."""
        if cohort_id != self._cohort_id:
            self.problem_label.clear()
        self._cohort_id = cohort_id
        self.reload()

    def reload(self) -> None:
        cohort_id = self._cohort_id
        self._people = [] if cohort_id is None else list_participants(self._store, cohort_id)
        _fill_table(
            self.table,
            [
                (
                    *_details_row(
                        ParticipantDetails(
                            p.display_name, p.role, p.handles, p.pronouns, p.email, p.consent_named
                        )
                    ),
                    _status(p),
                )
                for p in self._people
            ],
        )
        enabled = cohort_id is not None
        for widget in (self.add_button, self.import_button, self.name_field):
            widget.setEnabled(enabled)
        self._update_withdraw_button()

    @property
    def people(self) -> list[ParticipantView]:
        return list(self._people)

    def add_from_form(self) -> None:
        if self._cohort_id is None:
            return
        details = ParticipantDetails(
            display_name=self.name_field.text(),
            role=self.role_field.text(),
            handles=self.handles_field.text(),
            pronouns=self.pronouns_field.text(),
            email=self.email_field.text(),
            consent_named=self.consent_box.isChecked(),
        )
        try:
            person = add_participant(self._store, self._cohort_id, details)
        except ValueError as problem:
            self.problem_label.setText(f"Not added: {problem}.")
            return
        for field in (
            self.name_field,
            self.role_field,
            self.handles_field,
            self.pronouns_field,
            self.email_field,
        ):
            field.clear()
        self.consent_box.setChecked(False)
        self.problem_label.setText(f"Added {person.display_name}.")
        self.name_field.setFocus()
        self._changed()

    def open_import(self) -> RosterImportDialog | None:
        """Open the import dialog window-modal (not ``exec``): the call goes on around it."""
        if self._cohort_id is None:
            return None
        dialog = RosterImportDialog(
            self._store, self._cohort_id, choose_file=self._choose_file, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # A bound method, not a lambda holding the dialog: the dialog deletes itself on close.
        dialog.accepted.connect(self._import_accepted)
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def _import_accepted(self) -> None:
        self._imported(self.import_dialog.imported)

    def _imported(self, people: list[ParticipantView]) -> None:
        self.problem_label.setText(
            f"Imported {len(people)} {'person' if len(people) == 1 else 'people'}."
        )
        self._changed()

    def _selected(self) -> ParticipantView | None:
        rows = self.table.selectionModel().selectedRows()
        return self._people[rows[0].row()] if rows else None

    def _update_withdraw_button(self) -> None:
        person = self._selected()
        withdrawn = person is not None and person.withdrawn_at is not None
        self.withdraw_button.setText("Re&instate" if withdrawn else "&Withdraw")
        self.withdraw_button.setAccessibleName(
            "Reinstate the selected person" if withdrawn else "Withdraw the selected person"
        )
        self.withdraw_button.setToolTip(
            "Back on the active roster"
            if withdrawn
            else "Off the active roster; what they contributed is kept"
        )
        self.withdraw_button.setEnabled(person is not None)

    def _withdraw_or_reinstate(self) -> None:
        person = self._selected()
        if person is None:
            return
        if person.withdrawn_at is None:
            withdraw_participant(self._store, person.id)
        else:
            reinstate_participant(self._store, person.id)
        row = self._people.index(person)
        self._changed()
        self.table.selectRow(row)

    def _changed(self) -> None:
        self.reload()
        if self._cohort_id is not None:
            self.roster_changed.emit(self._cohort_id)


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

        self.overview = CohortOverviewPanel(store, events, catalog, self)
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
