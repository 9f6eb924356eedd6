"""The rows of the roll call: one per person, with their status, their steps out and back, and
their answer.

The answer is a line (emoji welcome), or in Session 4 a small form: three values from the
module's list, one of them defined, and an example.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.attendance import AttendanceView, EventKind
from cofacilitator.cohorts import ParticipantView
from cofacilitator.sessions.schema import FieldKind, FormField
from cofacilitator.store.models import AttendanceStatus
from cofacilitator.ui.date_text import local_moment

STATUS_CHOICES: tuple[tuple[AttendanceStatus, str], ...] = (
    (AttendanceStatus.PRESENT, "Present"),
    (AttendanceStatus.LATE, "Late"),
    (AttendanceStatus.ABSENT, "Absent"),
)

DEFAULT_PICK = 3
"""How many values a pick-values answer takes when its field does not say."""

NO_VALUE = "—"
NAME_MIN_EMS = 7
"""Room for a first name and most surnames before a long name wraps."""
CHECK_MARK = "✓ "
STEP_PADDING = 16
"""Pixels around "Came back", so the button does not change size when its text does."""


def wall_time(at: datetime) -> str:
    """A stored (naive UTC) moment as the facilitator's clock shows it, e.g. "16:40"."""
    return f"{local_moment(at):%H:%M}"


def comings_and_goings(row: AttendanceView | None) -> str:
    """ "left 16:40, back 16:52, left 17:05": every step out and back, in order."""
    if row is None:
        return ""
    words = {EventKind.LEFT: "left", EventKind.RETURNED: "back"}
    return ", ".join(f"{words[event.kind]} {wall_time(event.at)}" for event in row.events)


class ValuesAnswer(QWidget):
    """Pick ``pick`` values from ``options``, choose one to define, and give an example.

    One combo per pick keeps the limit visible and impossible to exceed; picking a value already
    chosen elsewhere moves it rather than duplicating it. ``changed`` carries the answer in the
    ``pick_values`` shape.
    """

    changed = Signal(dict)

    def __init__(
        self, field: FormField, options: Sequence[str], name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._options = list(options)
        count = field.pick or DEFAULT_PICK
        self.value_boxes: list[QComboBox] = []
        ordinals = ("First", "Second", "Third", "Fourth", "Fifth")
        values_row = QHBoxLayout()
        values_row.setContentsMargins(0, 0, 0, 0)
        for index in range(count):
            box = QComboBox(self)
            box.addItem(NO_VALUE, "")
            for option in self._options:
                box.addItem(option, option)
            which = f"{ordinals[index]} value" if index < len(ordinals) else f"Value {index + 1}"
            box.setAccessibleName(f"{which} of {name}")
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(8)
            box.activated.connect(lambda _row, i=index: self._picked(i))
            self.value_boxes.append(box)
            values_row.addWidget(box, 1)
        self.defined_box = QComboBox(self)
        self.defined_box.setAccessibleName(f"Value {name} defines")
        self.defined_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.defined_box.setMinimumContentsLength(8)
        self.defined_box.activated.connect(lambda _row: self._emit_changed())
        self.definition_edit = QLineEdit(self)
        self.definition_edit.setAccessibleName(f"Definition by {name}")
        self.definition_edit.setPlaceholderText("What it means to them")
        self.definition_edit.textEdited.connect(lambda _text: self._emit_changed())
        self.example_edit = QLineEdit(self)
        self.example_edit.setAccessibleName(f"Example by {name}")
        self.example_edit.setPlaceholderText("An example of it in action")
        self.example_edit.textEdited.connect(lambda _text: self._emit_changed())

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        grid.addWidget(_caption("Values", self.value_boxes[0]), 0, 0)
        grid.addLayout(values_row, 0, 1)
        define_row = QHBoxLayout()
        define_row.addWidget(self.defined_box)
        define_row.addWidget(self.definition_edit, 1)
        grid.addWidget(_caption("Defines", self.defined_box), 1, 0)
        grid.addLayout(define_row, 1, 1)
        grid.addWidget(_caption("Example", self.example_edit), 2, 0)
        grid.addWidget(self.example_edit, 2, 1)
        grid.setColumnStretch(1, 1)
        self._refresh_defined("")

    def value(self) -> dict[str, Any]:
        picked = [box.currentData() for box in self.value_boxes if box.currentData()]
        defined = self.defined_box.currentData() or ""
        return {
            "picked": picked,
            "defined": defined if defined in picked else "",
            "definition": self.definition_edit.text(),
            "example": self.example_edit.text(),
        }

    def set_value(self, value: dict[str, Any]) -> None:
        picked = [v for v in value.get("picked", []) if isinstance(v, str)]
        for index, box in enumerate(self.value_boxes):
            chosen = picked[index] if index < len(picked) else ""
            if chosen and box.findData(chosen) < 0:
                box.addItem(chosen, chosen)
            box.setCurrentIndex(max(0, box.findData(chosen)))
        self._refresh_defined(str(value.get("defined", "")))
        _set_quietly(self.definition_edit, str(value.get("definition", "")))
        _set_quietly(self.example_edit, str(value.get("example", "")))

    def _picked(self, index: int) -> None:
        chosen = self.value_boxes[index].currentData()
        if chosen:
            for other, box in enumerate(self.value_boxes):
                if other != index and box.currentData() == chosen:
                    box.setCurrentIndex(0)
        self._refresh_defined(self.defined_box.currentData() or "")
        self._emit_changed()

    def _refresh_defined(self, keep: str) -> None:
        picked = [box.currentData() for box in self.value_boxes if box.currentData()]
        self.defined_box.clear()
        self.defined_box.addItem(NO_VALUE, "")
        for value in picked:
            self.defined_box.addItem(value, value)
        self.defined_box.setCurrentIndex(max(0, self.defined_box.findData(keep)))
        self.defined_box.setEnabled(bool(picked))

    def _emit_changed(self) -> None:
        self.changed.emit(self.value())


class RosterRow(QFrame):
    """One person in the roll call; reports what the facilitator does and shows what is stored."""

    status_chosen = Signal(int, object)
    step_toggled = Signal(int)
    answer_edited = Signal(int, str)
    emoji_edited = Signal(int, str)
    values_edited = Signal(int, dict)

    def __init__(
        self,
        person: ParticipantView,
        answer_field: FormField | None,
        options: Sequence[str],
        prompt: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.person = person
        name = person.display_name
        self.setAccessibleName(f"Roll call row of {name}")
        self.name_label = QLabel(name + (" (walk-in)" if person.is_walk_in else ""), self)
        font = self.name_label.font()
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setWordWrap(True)
        self.name_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * NAME_MIN_EMS)
        self.times_label = QLabel(self)
        self.times_label.setAccessibleName(f"Comings and goings of {name}")
        self.times_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.status_buttons: dict[AttendanceStatus, QToolButton] = {}
        status_row = QHBoxLayout()
        status_row.setSpacing(0)
        for status, label in STATUS_CHOICES:
            button = QToolButton(self)
            button.setText(label)
            button.setCheckable(True)
            button.setMinimumWidth(button.sizeHint().width() + _mark_width(button))
            button.setAccessibleName(f"{label}: {name}")
            button.setToolTip(f"Mark {name} as {label.lower()}")
            button.clicked.connect(lambda *_args, s=status: self._choose(s))
            self.status_buttons[status] = button
            status_row.addWidget(button)
        self.step_button = QToolButton(self)
        self.step_button.setText("Left")
        self.step_button.setMinimumWidth(
            self.step_button.fontMetrics().horizontalAdvance("Came back") + STEP_PADDING
        )
        self.step_button.clicked.connect(lambda: self.step_toggled.emit(self.person.id))

        top = QHBoxLayout()
        top.addWidget(self.name_label, 1)
        top.addSpacing(8)
        top.addLayout(status_row)
        top.addWidget(self.step_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 6)
        layout.setSpacing(4)
        layout.addLayout(top)

        self.answer_edit: QLineEdit | None = None
        self.emoji_edit: QLineEdit | None = None
        self.values: ValuesAnswer | None = None
        if answer_field is not None and answer_field.kind is FieldKind.PICK_VALUES:
            self.values = ValuesAnswer(answer_field, options, name, self)
            self.values.changed.connect(lambda value: self.values_edited.emit(person.id, value))
            layout.addWidget(self.values)
            layout.addWidget(self.times_label)
        else:
            self.answer_edit = QLineEdit(self)
            self.answer_edit.setAccessibleName(f"Answer of {name}")
            self.answer_edit.setPlaceholderText(prompt or "Their answer")
            self.answer_edit.setToolTip(prompt)
            self.answer_edit.textEdited.connect(
                lambda text: self.answer_edited.emit(person.id, text)
            )
            self.emoji_edit = QLineEdit(self)
            self.emoji_edit.setAccessibleName(f"Emoji of {name}")
            self.emoji_edit.setPlaceholderText("Emoji")
            self.emoji_edit.setToolTip("An emoji, or a word for a GIF, art or music")
            self.emoji_edit.setMaximumWidth(
                self.emoji_edit.fontMetrics().horizontalAdvance("M") * 6
            )
            self.emoji_edit.textEdited.connect(lambda text: self.emoji_edited.emit(person.id, text))
            answer_row = QHBoxLayout()
            answer_row.addWidget(self.answer_edit, 1)
            answer_row.addWidget(self.emoji_edit)
            answer_row.addWidget(self.times_label)
            layout.addLayout(answer_row)

    def show_record(self, row: AttendanceView | None, editing: bool) -> None:
        """Show what the store holds; text being typed (``editing``) is left alone."""
        name = self.person.display_name
        status = row.status if row is not None else None
        self._check(status)
        out = row is not None and row.is_out
        self.step_button.setText("Came back" if out else "Left")
        self.step_button.setAccessibleName(f"{name} came back" if out else f"{name} left")
        self.step_button.setToolTip(
            f"Record that {name} is back in the call now"
            if out
            else f"Record that {name} stepped out now"
        )
        self.times_label.setText(comings_and_goings(row))
        self.times_label.setVisible(bool(self.times_label.text()))
        if editing or row is None:
            return
        if self.answer_edit is not None and self.emoji_edit is not None:
            _set_quietly(self.answer_edit, row.answer)
            _set_quietly(self.emoji_edit, row.emoji)
        elif self.values is not None:
            self.values.set_value(next(iter(row.answer_values.values()), {}))

    def _choose(self, status: AttendanceStatus) -> None:
        self._check(status)
        self.status_chosen.emit(self.person.id, status)

    def _check(self, status: AttendanceStatus | None) -> None:
        """The chosen status carries a tick as well as the pressed look, which some styles
        draw too faintly to read at a glance."""
        for (choice, label), button in zip(
            STATUS_CHOICES, self.status_buttons.values(), strict=True
        ):
            button.setChecked(choice == status)
            button.setText(f"{CHECK_MARK}{label}" if choice == status else label)

    def tab_chain(self) -> list[QWidget]:
        """The row's controls in reading order: status, step, then the answer."""
        chain: list[QWidget] = [*self.status_buttons.values(), self.step_button]
        if self.answer_edit is not None and self.emoji_edit is not None:
            chain += [self.answer_edit, self.emoji_edit]
        if self.values is not None:
            values = self.values
            chain += [
                *values.value_boxes,
                values.defined_box,
                values.definition_edit,
                values.example_edit,
            ]
        return chain


def _mark_width(button: QToolButton) -> int:
    return button.fontMetrics().horizontalAdvance(CHECK_MARK)


def _caption(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text, buddy.parentWidget())
    label.setBuddy(buddy)
    return label


def _set_quietly(edit: QLineEdit, text: str) -> None:
    if edit.text() != text:
        edit.setText(text)
        if not edit.hasFocus():
            edit.setCursorPosition(0)  # show a long answer from its start, not its end
