"""Answers that are tables of text rows: a plain table, the information map and resources.

Rows are added, removed and moved with the form's buttons and keys; a row left empty is not part
of the answer. A resource's kind is picked from a fixed list in its cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.answers import INFORMATION_MAP_KEYS
from cofacilitator.sessions.schema import INFORMATION_MAP_COLUMNS, RESOURCE_KINDS, FormField
from cofacilitator.ui.form_fields import FieldWidget, RowControls, text_of

DEFAULT_RESOURCE_KIND = "other"
"""A new resource row's kind: the honest one until the person says otherwise."""


class _ChoiceDelegate(QStyledItemDelegate):
    """A cell edited with a combo of fixed choices (a resource's kind)."""

    def __init__(self, choices: Sequence[str], name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._choices = tuple(choices)
        self._name = name

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        box = QComboBox(parent)
        box.addItems(list(self._choices))
        box.setAccessibleName(self._name)
        return box

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findText(str(index.data() or ""))))

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText())


class RowsField(FieldWidget):
    """A table of text rows: one object per row, keys in ``keys``, headers in ``headers``.

    A row left entirely empty is not part of the value: adding a row and typing nothing into it
    changes no answer.
    """

    def __init__(
        self,
        field: FormField,
        headers: Sequence[str],
        keys: Sequence[str],
        parent: QWidget | None = None,
        *,
        defaults: dict[str, str] | None = None,
        ignored_for_blank: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__(field, parent)
        self.keys = tuple(keys)
        self._defaults = defaults or {}
        self._ignored = ignored_for_blank
        self.table = QTableWidget(0, len(self.keys), self)
        self.table.setAccessibleName(field.label)
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Rows grow and shrink as their text wraps to the column widths; the table follows.
        self.table.horizontalHeader().sectionResized.connect(lambda *_: self._fit_rows())
        self.table.itemChanged.connect(self._cell_changed)
        self.table.currentCellChanged.connect(lambda *_: self._update_controls())
        self.controls = RowControls(self, "row", field.label)
        self.controls.add_button.clicked.connect(self.add_row)
        self.controls.remove_button.clicked.connect(self.remove_row)
        self.controls.up_button.clicked.connect(lambda: self.move_row(-1))
        self.controls.down_button.clicked.connect(lambda: self.move_row(1))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(self.controls)
        self.setFocusProxy(self.table)
        self._fit_height()
        self._update_controls()

    def value(self) -> list[dict[str, str]]:
        rows = self.rows()
        return [
            row for row in rows if any(v.strip() for k, v in row.items() if k not in self._ignored)
        ]

    def rows(self) -> list[dict[str, str]]:
        """Every row on screen, empty ones too."""
        return [
            {key: self._cell(row, column) for column, key in enumerate(self.keys)}
            for row in range(self.table.rowCount())
        ]

    def set_value(self, value: Any) -> None:
        rows = value if isinstance(value, list) else []
        with self.quietly():
            self._show_rows([row for row in rows if isinstance(row, dict)])

    def add_row(self) -> None:
        """A new row at the end, its first cell open for typing."""
        row = self.table.rowCount()
        with self.quietly():
            self.table.insertRow(row)
            for column, key in enumerate(self.keys):
                self.table.setItem(row, column, QTableWidgetItem(self._defaults.get(key, "")))
        self._fit_height()
        self.table.setFocus()
        self.table.setCurrentCell(row, 0)
        self.table.editItem(self.table.item(row, 0))
        self.announce()

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self.table.removeRow(row)
        self._fit_height()
        if self.table.rowCount():
            self.table.setCurrentCell(min(row, self.table.rowCount() - 1), 0)
        self._update_controls()
        self.announce()

    def move_row(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        column = max(0, self.table.currentColumn())
        rows = self.rows()
        rows[row], rows[target] = rows[target], rows[row]
        with self.quietly():
            self._show_rows(rows)
        self.table.setCurrentCell(target, column)
        self.announce()

    def _show_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        self.table.setRowCount(len(rows))
        for row, record in enumerate(rows):
            for column, key in enumerate(self.keys):
                text = text_of(record.get(key, self._defaults.get(key, "")))
                self.table.setItem(row, column, QTableWidgetItem(text))
        self._fit_height()
        self._update_controls()

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def _cell_changed(self, _item: QTableWidgetItem) -> None:
        if not self._quiet:
            self._fit_rows()
        self.announce()

    def _fit_rows(self) -> None:
        self.table.resizeRowsToContents()
        self._fit_height()

    def _update_controls(self) -> None:
        self.controls.set_has_current(self.table.currentRow() >= 0)

    def _fit_height(self) -> None:
        """Tall enough for every row up to ten, so the form scrolls once, not table by table."""
        header = self.table.horizontalHeader().sizeHint().height()
        line = self.table.verticalHeader().defaultSectionSize()
        shown = max(3, min(self.table.rowCount(), 10))
        rows_height = sum(self.table.rowHeight(r) for r in range(min(self.table.rowCount(), 10)))
        rows_height += line * max(0, shown - self.table.rowCount())
        self.table.setFixedHeight(header + rows_height + 2 * self.table.frameWidth() + 4)


class TableField(RowsField):
    def __init__(self, field: FormField, parent: QWidget | None = None) -> None:
        super().__init__(field, field.columns, field.columns, parent)


class InformationMapField(RowsField):
    def __init__(self, field: FormField, parent: QWidget | None = None) -> None:
        super().__init__(field, INFORMATION_MAP_COLUMNS, INFORMATION_MAP_KEYS, parent)


class ResourcesField(RowsField):
    """Title, link and a kind chosen from ``RESOURCE_KINDS`` (F2 or a double-click opens it)."""

    def __init__(self, field: FormField, parent: QWidget | None = None) -> None:
        super().__init__(
            field,
            ("Title", "Link", "Kind"),
            ("title", "link", "kind"),
            parent,
            defaults={"kind": DEFAULT_RESOURCE_KIND},
            ignored_for_blank=frozenset({"kind"}),
        )
        self.kind_column = 2
        self.table.setItemDelegateForColumn(
            self.kind_column, _ChoiceDelegate(RESOURCE_KINDS, "Kind of resource", self.table)
        )

    def set_value(self, value: Any) -> None:
        rows = value if isinstance(value, list) else []
        kinds = [
            {
                **row,
                "kind": row.get("kind")
                if row.get("kind") in RESOURCE_KINDS
                else DEFAULT_RESOURCE_KIND,
            }
            for row in rows
            if isinstance(row, dict)
        ]
        super().set_value(kinds)
