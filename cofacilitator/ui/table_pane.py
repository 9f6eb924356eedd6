"""Fill-in tables: Session 2's "Project / Purpose / Outcomes" and "Contributors / Role / Nature
of participation", one or more rows per person.

An editable table with a "Name" column and the segment's own columns. Cells save as they are
typed (the debounced autosave, each cell merged into its row by ``edit_table_row``), rows are
added for someone with "Add row for", and the current row can be deleted or moved up and down.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.cohorts import list_participants
from cofacilitator.run_roster import roster_for_run
from cofacilitator.session_records import (
    TableRowView,
    add_table_row,
    delete_table_row,
    edit_table_row,
    list_table_rows,
    reorder_table_rows,
)
from cofacilitator.ui.author_picker import ANONYMOUS, AuthorPicker
from cofacilitator.ui.autosave import Autosave, SaveIndicator
from cofacilitator.ui.pane_context import CapturePane, PaneContext

NAME_COLUMN = "Name"
NAME_WIDTH_EMS = 9

AnyIndex = QModelIndex | QPersistentModelIndex
CellEdited = Callable[[int, str, str], None]
"""(row id, column name, text)."""


class TableRowsModel(QAbstractTableModel):
    """The rows as the store returned them; an edited cell is shown at once and handed to
    ``on_edit`` to be saved."""

    def __init__(
        self,
        columns: Sequence[str],
        on_edit: CellEdited,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._on_edit = on_edit
        self.rows: list[TableRowView] = []
        self.names: dict[int, str] = {}

    def set_rows(self, rows: Sequence[TableRowView], names: dict[int, str]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.names = dict(names)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns) + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return NAME_COLUMN if section == 0 else self.columns[section - 1]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if index.column() == 0:
                return self.name_of(row)
            return row.cells.get(self.columns[index.column() - 1], "")
        if role == Qt.ItemDataRole.ToolTipRole and index.column() > 0:
            return row.cells.get(self.columns[index.column() - 1], "") or None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() > 0:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() == 0:
            return False
        row = self.rows[index.row()]
        column = self.columns[index.column() - 1]
        text = str(value)
        if row.cells.get(column, "") == text:
            return False
        self.rows[index.row()] = replace(row, cells={**row.cells, column: text})
        self.dataChanged.emit(index, index)
        self._on_edit(row.id, column, text)
        return True

    def name_of(self, row: TableRowView) -> str:
        if row.participant_id is None:
            return ANONYMOUS
        return self.names.get(row.participant_id, "Someone")


class LiveCellDelegate(QStyledItemDelegate):
    """Hands every keystroke in a cell to the model, so the autosave runs while typing rather
    than only when the cell is left."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.textEdited.connect(lambda _text: self.commitData.emit(editor))
        return editor


class TablePane(CapturePane):
    """The fill-in table of one segment."""

    def __init__(self, context: PaneContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setAccessibleName(f"Table for {context.segment.title}")
        self._autosave = Autosave(context.autosave_ms, self)
        self.model = TableRowsModel(context.segment.columns, self._cell_edited, self)

        self.table = QTableView(self)
        self.table.setAccessibleName(context.segment.title)
        self.table.setModel(self.model)
        self.table.setItemDelegate(LiveCellDelegate(self.table))
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, self.fontMetrics().horizontalAdvance("M") * NAME_WIDTH_EMS)
        # Rows follow their wrapped text; Qt's own ResizeToContents misses column resizes.
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.model.modelReset.connect(self.table.resizeRowsToContents)
        self._autosave.watch(self.table)

        self.person_box = AuthorPicker([], with_facilitator=False, parent=self)
        self.person_box.setAccessibleName("Add a row for")
        for_label = QLabel("Add row &for", self)
        for_label.setBuddy(self.person_box)
        self.add_button = QPushButton("&Add row", self)
        self.add_button.setAccessibleName("Add row")
        self.add_button.clicked.connect(self.add_row)
        indicator = SaveIndicator(self._autosave, self)
        add_row = QHBoxLayout()
        add_row.addWidget(for_label)
        add_row.addWidget(self.person_box, 1)
        add_row.addWidget(self.add_button)
        add_row.addWidget(indicator)

        self.delete_button = QPushButton("&Delete row", self)
        self.delete_button.setAccessibleName("Delete row")
        self.delete_button.clicked.connect(self.delete_current)
        self.up_button = QPushButton("Move &up", self)
        self.up_button.setAccessibleName("Move row up")
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button = QPushButton("Move do&wn", self)
        self.down_button.setAccessibleName("Move row down")
        self.down_button.clicked.connect(lambda: self.move_current(1))
        row_actions = QHBoxLayout()
        row_actions.addWidget(self.delete_button)
        row_actions.addStretch(1)
        row_actions.addWidget(self.up_button)
        row_actions.addWidget(self.down_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(add_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(row_actions)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        context.events.cohort_did_change.connect(self._cohort_changed)
        self.reload()

    # ------------------------------------------------------------------------------ reading

    def reload(self) -> None:
        self._autosave.flush()
        context = self.context
        everyone = list_participants(context.store, context.cohort_id)
        self.person_box.set_people(roster_for_run(context.store, context.run_id))
        names = {person.id: person.display_name for person in everyone}
        rows = list_table_rows(context.store, context.run_id, context.segment.id)
        self.model.set_rows(rows, names)
        self._update_buttons()

    def flush(self) -> None:
        self._autosave.flush()

    # ------------------------------------------------------------------------------ actions

    def add_row(self) -> None:
        """A new row for the chosen person, with its first cell open for typing."""
        context = self.context
        added = add_table_row(
            context.store,
            context.run_id,
            context.segment.id,
            dict.fromkeys(context.segment.columns, ""),
            participant_id=self.person_box.participant_id(),
        )
        self.reload()
        self._edit_row(added.id)

    def delete_current(self) -> None:
        row = self._current_row()
        if row is None:
            return
        self._autosave.flush()
        delete_table_row(self.context.store, row.id)
        position = self.table.currentIndex().row()
        self.reload()
        if self.model.rowCount():
            self.table.setCurrentIndex(
                self.model.index(min(position, self.model.rowCount() - 1), 1)
            )
        self.table.setFocus()

    def move_current(self, step: int) -> None:
        index = self.table.currentIndex()
        row = self._current_row()
        if row is None:
            return
        ids = [r.id for r in self.model.rows]
        position = ids.index(row.id)
        target = position + step
        if not 0 <= target < len(ids):
            return
        self._autosave.flush()
        ids[position], ids[target] = ids[target], ids[position]
        context = self.context
        reorder_table_rows(context.store, context.run_id, context.segment.id, ids)
        self.reload()
        self.table.setCurrentIndex(self.model.index(target, max(1, index.column())))

    # ------------------------------------------------------------------------------ internals

    def _cell_edited(self, row_id: int, column: str, text: str) -> None:
        store = self.context.store
        self._autosave.schedule(
            ("cell", row_id, column), lambda: edit_table_row(store, row_id, cells={column: text})
        )

    def _current_row(self) -> TableRowView | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.rows):
            return None
        return self.model.rows[index.row()]

    def _edit_row(self, row_id: int) -> None:
        for position, row in enumerate(self.model.rows):
            if row.id == row_id:
                index = self.model.index(position, 1)
                self.table.setCurrentIndex(index)
                self.table.setFocus()
                self.table.edit(index)
                return

    def _update_buttons(self) -> None:
        index = self.table.currentIndex()
        has_row = index.isValid()
        self.delete_button.setEnabled(has_row)
        self.up_button.setEnabled(has_row and index.row() > 0)
        self.down_button.setEnabled(has_row and index.row() < self.model.rowCount() - 1)

    def _cohort_changed(self, cohort_id: int) -> None:
        if cohort_id == self.context.cohort_id:
            self.reload()
