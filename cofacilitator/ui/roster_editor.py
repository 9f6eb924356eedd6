"""The roster of one cohort: the people on it, added one at a time or imported from CSV.

People are added from a small form, or many at once from a pasted or opened CSV file, previewed in
a dialog that explains every bad row and imports all or nothing. The one selected can be
withdrawn from a date or reinstated (:class:`WithdrawControl`), which keeps what they contributed;
erasing someone is another thing altogether.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.cohorts import (
    ParticipantDetails,
    ParticipantView,
    add_participant,
    list_participants,
)
from cofacilitator.roster_csv import RosterImportError, import_roster_csv, parse_roster_csv
from cofacilitator.store.database import Store
from cofacilitator.ui.file_choosers import ask_open_path
from cofacilitator.ui.roster_withdraw import WithdrawControl

FileChooser = Callable[[QWidget], str | None]
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
    return ask_open_path(parent, "Open a roster file", "Roster files (*.csv *.txt);;All files (*)")


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
    """The roster of one cohort: the people on it, withdrawing or reinstating the one selected,
    a form to add someone, and the CSV import."""

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
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.withdraw_control = WithdrawControl(store, parent=self)
        self.withdraw_control.withdrawal_changed.connect(self._withdrawal_changed)

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

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.withdraw_control)
        # The line keeps the selected person's controls apart from the form that adds someone.
        rule = QFrame(self)
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(rule)
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
        self._selection_changed()

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

    def _selection_changed(self) -> None:
        self.withdraw_control.set_participant(self._selected())

    def _withdrawal_changed(self, participant_id: int) -> None:
        """Re-read the roster and keep the person selected, to take the step back if wanted."""
        self._changed()
        rows = [row for row, person in enumerate(self._people) if person.id == participant_id]
        if rows:
            self.table.selectRow(rows[0])

    def _changed(self) -> None:
        self.reload()
        if self._cohort_id is not None:
            self.roster_changed.emit(self._cohort_id)
