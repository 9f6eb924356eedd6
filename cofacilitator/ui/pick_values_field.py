"""Picking values: tick a few from a long list (or add one's own), then describe one of them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.sessions.schema import FormField
from cofacilitator.ui.form_fields import FieldWidget, short_text_edit, text_of


class PickValuesField(FieldWidget):
    """Tick ``field.pick`` values from a filterable list, then describe one of them.

    Once enough are ticked the others are greyed out, so the limit is visible and cannot be
    exceeded; unticking one frees the rest again. A value the list does not offer can be added by
    typing it into the filter.
    """

    def __init__(
        self, field: FormField, options: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(field, parent)
        self.limit = field.pick
        self._picked: list[str] = []
        self.filter = QLineEdit(self)
        self.filter.setAccessibleName(f"Filter the values of {field.label}")
        self.filter.setPlaceholderText("Filter, or type a value of your own")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.returnPressed.connect(self._filter_entered)
        self.filter.installEventFilter(self)
        self.add_own_button = QPushButton(self)
        self.add_own_button.setAccessibleName("Add the typed value as your own")
        self.add_own_button.clicked.connect(self.add_own_value)
        self.add_own_button.hide()
        self.options = QListWidget(self)
        self.options.setAccessibleName(f"Values to pick for {field.label}")
        self.options.setSpacing(1)
        self.options.itemChanged.connect(self._ticked)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Picked values")

        self.defined_box = QComboBox(self)
        self.defined_box.setAccessibleName("The value you describe")
        self.defined_box.activated.connect(lambda _row: self.announce())
        self.definition = short_text_edit("What the value means to your community", 3)
        self.definition.textChanged.connect(self.announce)
        self.example = short_text_edit("An example of the value in practice", 3)
        self.example.textChanged.connect(self.announce)

        for option in options:
            self._add_option(option)
        left = QVBoxLayout()
        left.addWidget(self.filter)
        left.addWidget(self.add_own_button)
        left.addWidget(self.options, 1)
        left.addWidget(self.summary)
        right = QFormLayout()
        right.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        right.addRow("&Describe one of them:", self.defined_box)
        right.addRow("What it &means to your community:", self.definition)
        right.addRow("An &example of it in practice:", self.example)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)
        self.options.setFixedHeight((self.options.fontMetrics().lineSpacing() + 8) * 9 + 6)
        self.setFocusProxy(self.filter)
        self._refresh()

    @property
    def picked(self) -> list[str]:
        return list(self._picked)

    def value(self) -> dict[str, Any]:
        defined = self.defined_box.currentData() or ""
        return {
            "picked": list(self._picked),
            "defined": defined if defined in self._picked else "",
            "definition": self.definition.toPlainText(),
            "example": self.example.toPlainText(),
        }

    def set_value(self, value: Any) -> None:
        record = value if isinstance(value, dict) else {}
        raw = record.get("picked", [])
        picked = (
            [v for v in raw if isinstance(v, str) and v.strip()] if isinstance(raw, list) else []
        )
        with self.quietly():
            for text in reversed(picked):
                if self._item(text) is None:
                    self._add_option(text, first=True)
            self._picked = list(dict.fromkeys(picked))
            for row in range(self.options.count()):
                item = self.options.item(row)
                item.setCheckState(
                    Qt.CheckState.Checked
                    if item.text() in self._picked
                    else Qt.CheckState.Unchecked
                )
            self._refresh(keep=text_of(record.get("defined")))
            self.definition.setPlainText(text_of(record.get("definition")))
            self.example.setPlainText(text_of(record.get("example")))

    def set_ticked(self, text: str, ticked: bool) -> None:
        """Tick or untick as a click would; refused past the limit, as a click is."""
        item = self._item(text)
        if item is not None and item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def add_own_value(self) -> None:
        text = self.filter.text().strip()
        if not text or self._item(text) is not None:
            return
        with self.quietly():
            item = self._add_option(text, first=True)
        self.filter.clear()
        self.options.setCurrentItem(item)
        self.set_ticked(text, True)
        self.options.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down from the filter goes into the list, as in a search box."""
        if watched is self.filter and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down:
                self.options.setFocus()
                visible = [i for i in self._items() if not i.isHidden()]
                if visible and (
                    self.options.currentItem() is None or self.options.currentItem().isHidden()
                ):
                    self.options.setCurrentItem(visible[0])
                return True
        return super().eventFilter(watched, event)

    def _items(self) -> list[QListWidgetItem]:
        return [self.options.item(row) for row in range(self.options.count())]

    def _item(self, text: str) -> QListWidgetItem | None:
        wanted = text.strip().casefold()
        return next((i for i in self._items() if i.text().casefold() == wanted), None)

    def _add_option(self, text: str, *, first: bool = False) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )
        item.setCheckState(Qt.CheckState.Unchecked)
        if first:
            self.options.insertItem(0, item)
        else:
            self.options.addItem(item)
        return item

    def _ticked(self, item: QListWidgetItem) -> None:
        if self._quiet:
            return
        text = item.text()
        if item.checkState() == Qt.CheckState.Checked and text not in self._picked:
            if self.limit and len(self._picked) >= self.limit:
                with self.quietly():
                    item.setCheckState(Qt.CheckState.Unchecked)
                return
            self._picked.append(text)
        elif item.checkState() != Qt.CheckState.Checked and text in self._picked:
            self._picked.remove(text)
        else:
            return
        self._refresh(keep=self.defined_box.currentData() or "")
        self.announce()

    def _refresh(self, keep: str = "") -> None:
        full = bool(self.limit) and len(self._picked) >= self.limit
        with self.quietly():
            for item in self._items():
                ticked = item.text() in self._picked
                flags = Qt.ItemFlag.ItemIsSelectable
                if ticked or not full:
                    flags |= Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                item.setFlags(flags)
        self.defined_box.clear()
        self.defined_box.addItem("(choose a picked value)", "")
        for text in self._picked:
            self.defined_box.addItem(text, text)
        self.defined_box.setCurrentIndex(max(0, self.defined_box.findData(keep)))
        self.defined_box.setEnabled(bool(self._picked))
        names = ", ".join(self._picked) or "none yet"
        if self.limit:
            self.summary.setText(f"Picked {len(self._picked)} of {self.limit}: {names}")
            if full:
                self.summary.setText(self.summary.text() + ". Untick one to choose another.")
        else:
            self.summary.setText(f"Picked: {names}")

    def _apply_filter(self, text: str) -> None:
        wanted = text.strip().casefold()
        for item in self._items():
            item.setHidden(bool(wanted) and wanted not in item.text().casefold())
        own = text.strip()
        offer = bool(own) and self._item(own) is None
        self.add_own_button.setText(f"Add “{own}” as a value of your own")
        self.add_own_button.setVisible(offer)

    def _filter_entered(self) -> None:
        if self.add_own_button.isVisible():
            self.add_own_value()
