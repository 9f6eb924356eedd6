"""Answers that are lists of short items, and the value exchange: two such lists side by side.

Items are typed one at a time in a box above the list, and added, removed and moved with the
form's buttons and keys; a double-click or F2 edits one in place.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.sessions.schema import FormField
from cofacilitator.ui.form_fields import FieldWidget, RowControls, text_of


class ListField(FieldWidget):
    """Items typed one at a time in the box above the list; a double-click or F2 edits one."""

    def __init__(self, field: FormField, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.new_item = QLineEdit(self)
        self.new_item.setAccessibleName(f"New item for {field.label}")
        self.new_item.setPlaceholderText("Type an item and press Enter")
        self.new_item.returnPressed.connect(self.add_item)
        self.list = QListWidget(self)
        self.list.setAccessibleName(field.label)
        self.list.setWordWrap(True)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.list.itemChanged.connect(lambda _item: self.announce())
        self.list.currentRowChanged.connect(lambda _row: self._update_controls())
        self.controls = RowControls(self, "item", field.label, add_text="Add")
        self.controls.add_button.clicked.connect(self.add_item)
        self.controls.remove_button.clicked.connect(self.remove_item)
        self.controls.up_button.clicked.connect(lambda: self.move_item(-1))
        self.controls.down_button.clicked.connect(lambda: self.move_item(1))
        # Add sits beside the box it adds from; the tab order follows what the eye sees.
        typing = QHBoxLayout()
        typing.addWidget(self.new_item, 1)
        typing.addWidget(self.controls.add_button)
        QWidget.setTabOrder(self.new_item, self.controls.add_button)
        QWidget.setTabOrder(self.controls.add_button, self.list)
        QWidget.setTabOrder(self.list, self.controls.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(typing)
        layout.addWidget(self.list)
        layout.addWidget(self.controls)
        self.setFocusProxy(self.new_item)
        self._fit_height()
        self._update_controls()

    def value(self) -> list[str]:
        texts = (self.list.item(row).text() for row in range(self.list.count()))
        return [text for text in texts if text.strip()]

    def set_value(self, value: Any) -> None:
        items = value if isinstance(value, list) else []
        with self.quietly():
            self.list.clear()
            for item in items:
                self._append(text_of(item))
        self._fit_height()
        self._update_controls()

    def add_item(self) -> None:
        text = self.new_item.text().strip()
        if not text:
            self.new_item.setFocus()
            return
        with self.quietly():
            self._append(text)
        self.new_item.clear()
        self.new_item.setFocus()
        self._fit_height()
        self._update_controls()
        self.announce()

    def remove_item(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        self.list.takeItem(row)
        self._fit_height()
        self._update_controls()
        self.announce()

    def move_item(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self.announce()

    def _append(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.list.addItem(item)

    def _update_controls(self) -> None:
        self.controls.set_has_current(self.list.currentRow() >= 0)

    def _fit_height(self) -> None:
        line = self.list.fontMetrics().lineSpacing() + 6
        shown = max(3, min(self.list.count(), 8))
        self.list.setFixedHeight(line * shown + 2 * self.list.frameWidth() + 4)


class ValueExchangeField(FieldWidget):
    """What members give and what they get, side by side, so the balance shows."""

    SIDES = (("give", "What members give"), ("get", "What members get"))

    def __init__(self, field: FormField, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.sides: dict[str, ListField] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, (key, title) in enumerate(self.SIDES):
            side = ListField(FormField(f"{field.id}-{key}", field.kind, title), self)
            side.changed.connect(self.announce)
            heading = QLabel(f"<b>{title}</b>")
            heading.setBuddy(side.new_item)
            grid.addWidget(heading, 0, column)
            grid.addWidget(side, 1, column)
            self.sides[key] = side
        self.setFocusProxy(self.sides["give"])

    def value(self) -> dict[str, list[str]]:
        return {key: side.value() for key, side in self.sides.items()}

    def set_value(self, value: Any) -> None:
        record = value if isinstance(value, dict) else {}
        with self.quietly():
            for key, side in self.sides.items():
                side.set_value(record.get(key, []))
