"""The stakeholder map: a power/interest grid whose people are chips placed by dragging.

Session 2 asks participants to place each stakeholder in one of four quadrants (keep satisfied,
manage closely, inform regularly, monitor). Where a chip sits is the answer: across is interest,
up is power, both 0..1, and the quadrant follows from them (``answers.quadrant``). A chip moves
with the mouse or, once chosen in the list beside the map, with the arrow keys (Shift for small
steps), so the map can be filled without a mouse.

The same scene, with nothing movable, is the picture the facilitator sees of the answer
(:mod:`stakeholder_scene`).
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtWidgets import (
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
from cofacilitator.ui.form_fields import FieldWidget, quiet_label, short_text_edit
from cofacilitator.ui.stakeholder_scene import (
    StakeholderChip,
    StakeholderScene,
    StakeholderView,
    quadrant_title,
    stakeholders_of,
)


class StakeholderMapField(FieldWidget):
    """The map, and beside it the list of stakeholders with their name, note and quadrant."""

    def __init__(self, field: FormField, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.scene = StakeholderScene(self.palette(), movable=True)
        self.scene.selectionChanged.connect(self._scene_selection_changed)
        self.new_name = QLineEdit(self)
        self.new_name.setAccessibleName("New stakeholder's name")
        self.new_name.setPlaceholderText("A person, group or organisation")
        self.new_name.returnPressed.connect(self.add_from_box)
        self.add_button = QPushButton("Add", self)
        self.add_button.setAccessibleName("Add the stakeholder to the map")
        self.add_button.clicked.connect(self.add_from_box)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Stakeholders on the map")
        self.list.setFixedHeight((self.list.fontMetrics().lineSpacing() + 4) * 7 + 6)
        self.list.currentRowChanged.connect(self._list_row_changed)
        self.name_edit = QLineEdit(self)
        self.name_edit.setAccessibleName("Name of the chosen stakeholder")
        self.name_edit.textEdited.connect(self._details_edited)
        self.note_edit = short_text_edit("Note on the chosen stakeholder", 2)
        self.note_edit.textChanged.connect(self._details_edited)
        self.where = QLabel(self)
        self.where.setAccessibleName("Where the chosen stakeholder is")
        self.where.setWordWrap(True)
        self.remove_button = QPushButton("Remove", self)
        self.remove_button.setAccessibleName("Remove the chosen stakeholder")
        self.remove_button.clicked.connect(self.remove_current)
        self.move_button = QPushButton("Move on the map", self)
        self.move_button.setAccessibleName("Move the chosen stakeholder with the arrow keys")
        self.move_button.setToolTip(
            "Puts the keyboard on the map: arrow keys move, Shift for small steps"
        )
        # The map comes last in the tab order: its keys move the chip chosen in the list.
        self.view = StakeholderView(self.scene, self)
        self.view.setAccessibleDescription(
            "Choose a stakeholder in the list, then move it with the arrow keys "
            "(Shift for small steps), or drag it with the mouse"
        )
        self.move_button.clicked.connect(self.view.setFocus)

        add_row = QHBoxLayout()
        add_row.addWidget(self.new_name, 1)
        add_row.addWidget(self.add_button)
        details = QFormLayout()
        details.addRow("&Name:", self.name_edit)
        details.addRow("N&ote:", self.note_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.move_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        side = QVBoxLayout()
        new_label = QLabel("&New stakeholder:")
        new_label.setBuddy(self.new_name)
        side.addWidget(new_label)
        side.addLayout(add_row)
        side.addWidget(self.list)
        side.addLayout(details)
        side.addWidget(self.where)
        side.addLayout(buttons)
        side.addWidget(
            quiet_label("Drag a chip into its quadrant, or choose it here and use the arrow keys.")
        )
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 3)
        layout.addLayout(side, 2)
        self.setFocusProxy(self.new_name)
        self._syncing = False
        self._show_current()

    def value(self) -> list[dict[str, Any]]:
        return [
            {"name": c.name, "note": c.note, "power": c.power, "interest": c.interest}
            for c in self.scene.chips
        ]

    def set_value(self, value: Any) -> None:
        with self.quietly():
            self.scene.clear_chips()
            self.list.clear()
            for entry in stakeholders_of(value):
                self._add_chip(entry["name"], entry["note"], entry["power"], entry["interest"])
            self._show_current()

    def add_stakeholder(
        self, name: str, power: float | None = None, interest: float | None = None
    ) -> StakeholderChip:
        """A new chip, by default low on both (monitor), fanned out so new chips do not stack."""
        count = len(self.scene.chips)
        if power is None or interest is None:
            power = 0.08 + (count // 5 % 4) * 0.1
            interest = 0.1 + (count % 5) * 0.08
        chip = self._add_chip(name, "", power, interest)
        self.list.setCurrentRow(self.list.count() - 1)
        self.announce()
        return chip

    def add_from_box(self) -> None:
        name = self.new_name.text().strip()
        if not name:
            return
        self.add_stakeholder(name)
        self.new_name.clear()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        chip = self.scene.chips[row]
        self.scene.remove_chip(chip)
        self.list.takeItem(row)
        self._show_current()
        self.announce()

    def chip(self, name: str) -> StakeholderChip:
        return next(chip for chip in self.scene.chips if chip.name == name)

    def _add_chip(self, name: str, note: str, power: float, interest: float) -> StakeholderChip:
        chip = self.scene.add_chip(name, note, power, interest)
        chip.moved = self._chip_moved
        self.list.addItem(QListWidgetItem(self._list_text(chip)))
        return chip

    def _list_text(self, chip: StakeholderChip) -> str:
        return f"{chip.name or '(unnamed)'}: {quadrant_title(chip.power, chip.interest)}"

    def _chip_moved(self, chip: StakeholderChip) -> None:
        if chip not in self.scene.chips:
            return
        row = self.scene.chips.index(chip)
        item = self.list.item(row)
        if item is not None:
            item.setText(self._list_text(chip))
        if row == self.list.currentRow():
            self._show_where(chip)
        self.announce()

    def _list_row_changed(self, row: int) -> None:
        if self._syncing:
            return
        self._syncing = True
        self.scene.clearSelection()
        if 0 <= row < len(self.scene.chips):
            self.scene.chips[row].setSelected(True)
        self._syncing = False
        self._show_current()

    def _scene_selection_changed(self) -> None:
        if self._syncing:
            return
        # Tearing the scene down deletes the chips first and still reports a selection change.
        chosen = [c for c in self.scene.chips if shiboken6.isValid(c) and c.isSelected()]
        if chosen:
            self._syncing = True
            self.list.setCurrentRow(self.scene.chips.index(chosen[0]))
            self._syncing = False
            self._show_current()

    def _current(self) -> StakeholderChip | None:
        row = self.list.currentRow()
        return self.scene.chips[row] if 0 <= row < len(self.scene.chips) else None

    def _show_current(self) -> None:
        chip = self._current()
        with self.quietly():
            self.name_edit.setText(chip.name if chip else "")
            if self.note_edit.toPlainText() != (chip.note if chip else ""):
                self.note_edit.setPlainText(chip.note if chip else "")
        for widget in (self.name_edit, self.note_edit, self.remove_button, self.move_button):
            widget.setEnabled(chip is not None)
        if chip is None:
            self.where.setText("Add stakeholders, then place each one on the map.")
        else:
            self._show_where(chip)

    def _show_where(self, chip: StakeholderChip) -> None:
        self.where.setText(
            f"{quadrant_title(chip.power, chip.interest)}: "
            f"power {chip.power:.2f}, interest {chip.interest:.2f}"
        )

    def _details_edited(self) -> None:
        chip = self._current()
        if chip is None or self._quiet:
            return
        chip.rename(self.name_edit.text(), self.note_edit.toPlainText())
        self.list.item(self.list.currentRow()).setText(self._list_text(chip))
        self.announce()
