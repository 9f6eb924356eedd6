"""The roll call: who is here, what each person answered, who stepped out and came back.

The first minutes of every session. Each person on the active roster has a row: present, late or
absent in one click, their one-line answer (emoji welcome) saved as they speak, and a "Left" /
"Came back" button that stamps the time, because the guidelines say stepping out is fine and the
record should say so without fuss. Someone who turns up unannounced is added on the spot and
marked present. In Session 4 the answer is a small form instead: three values from the module's
list, one of them defined, and an example, stored as ``answer_values`` (docs/answer-values.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.attendance import (
    AttendanceView,
    EventKind,
    list_attendance,
    record_left,
    record_returned,
    set_attendance,
)
from cofacilitator.cohorts import ParticipantView, add_walk_in, list_participants
from cofacilitator.sessions.schema import FieldKind, FormField
from cofacilitator.store.database import Store
from cofacilitator.store.models import AttendanceStatus, utcnow
from cofacilitator.ui.autosave import Autosave, SaveIndicator, announce, emit
from cofacilitator.ui.pane_context import CapturePane, PaneContext

IN_THE_CALL = frozenset({AttendanceStatus.PRESENT, AttendanceStatus.LATE})

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

Now = Callable[[], datetime]


def people_in_call(store: Store, cohort_id: int, run_id: int) -> list[ParticipantView]:
    """The active roster marked present or late, in roster order.

    Before anyone is marked (the roll call has not happened, or the facilitator skipped it) the
    whole active roster counts, so rooms and sharing rounds can still be set up.
    """
    roster = list_participants(store, cohort_id, include_withdrawn=False)
    statuses = {row.participant_id: row.status for row in list_attendance(store, run_id)}
    if not any(status in IN_THE_CALL for status in statuses.values()):
        return roster
    return [person for person in roster if statuses.get(person.id) in IN_THE_CALL]


def wall_time(at: datetime) -> str:
    """A stored (naive UTC) moment as the facilitator's clock shows it, e.g. "16:40"."""
    return at.replace(tzinfo=UTC).astimezone().strftime("%H:%M")


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
        self.defined_box.activated.connect(lambda _row: self._emit())
        self.definition_edit = QLineEdit(self)
        self.definition_edit.setAccessibleName(f"Definition by {name}")
        self.definition_edit.setPlaceholderText("What it means to them")
        self.definition_edit.textEdited.connect(lambda _text: self._emit())
        self.example_edit = QLineEdit(self)
        self.example_edit.setAccessibleName(f"Example by {name}")
        self.example_edit.setPlaceholderText("An example of it in action")
        self.example_edit.textEdited.connect(lambda _text: self._emit())

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
        self._emit()

    def _refresh_defined(self, keep: str) -> None:
        picked = [box.currentData() for box in self.value_boxes if box.currentData()]
        self.defined_box.clear()
        self.defined_box.addItem(NO_VALUE, "")
        for value in picked:
            self.defined_box.addItem(value, value)
        self.defined_box.setCurrentIndex(max(0, self.defined_box.findData(keep)))
        self.defined_box.setEnabled(bool(picked))

    def _emit(self) -> None:
        emit(self.changed, self.value())


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
        self.step_button.clicked.connect(lambda: emit(self.step_toggled, self.person.id))

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
            self.values.changed.connect(lambda value: emit(self.values_edited, person.id, value))
            layout.addWidget(self.values)
            layout.addWidget(self.times_label)
        else:
            self.answer_edit = QLineEdit(self)
            self.answer_edit.setAccessibleName(f"Answer of {name}")
            self.answer_edit.setPlaceholderText(prompt or "Their answer")
            self.answer_edit.setToolTip(prompt)
            self.answer_edit.textEdited.connect(
                lambda text: emit(self.answer_edited, person.id, text)
            )
            self.emoji_edit = QLineEdit(self)
            self.emoji_edit.setAccessibleName(f"Emoji of {name}")
            self.emoji_edit.setPlaceholderText("Emoji")
            self.emoji_edit.setToolTip("An emoji, or a word for a GIF, art or music")
            self.emoji_edit.setMaximumWidth(
                self.emoji_edit.fontMetrics().horizontalAdvance("M") * 6
            )
            self.emoji_edit.textEdited.connect(
                lambda text: emit(self.emoji_edited, person.id, text)
            )
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
        emit(self.status_chosen, self.person.id, status)

    def _check(self, status: AttendanceStatus | None) -> None:
        """The chosen status carries a tick as well as the pressed look, which some styles
        draw too faintly to read at a glance."""
        for (choice, label), button in zip(
            STATUS_CHOICES, self.status_buttons.values(), strict=True
        ):
            button.setChecked(choice == status)
            button.setText(f"{CHECK_MARK}{label}" if choice == status else label)


class RollCallPane(CapturePane):
    """The roll call of one run; ``now`` stamps "left" and "came back" (a fixed clock in tests)."""

    def __init__(
        self, context: PaneContext, parent: QWidget | None = None, *, now: Now = utcnow
    ) -> None:
        super().__init__(context, parent)
        self.setAccessibleName("Roll call")
        self._now = now
        segment = context.segment
        self._field = segment.answer
        self._options: tuple[str, ...] = ()
        if self._field is not None:
            self._options = self._field.options or context.module.values
        self._prompt = segment.prompts[0].text if segment.prompts else ""
        self._autosave = Autosave(context.autosave_ms, self)
        self._autosave.saved.connect(self._announce)
        self.rows: dict[int, RosterRow] = {}
        self._records: dict[int, AttendanceView] = {}

        self.count_label = QLabel(self)
        self.count_label.setAccessibleName("How many are here")
        indicator = SaveIndicator(self._autosave, self)
        header = QHBoxLayout()
        header.addWidget(self.count_label, 1)
        header.addWidget(indicator)

        self._rows_box = QWidget(self)
        self._rows_layout = QVBoxLayout(self._rows_box)
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.setSpacing(0)
        self._rows_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._rows_box)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.walk_in_edit = QLineEdit(self)
        self.walk_in_edit.setAccessibleName("Name of a walk-in")
        self.walk_in_edit.setPlaceholderText("Someone new joined? Their name")
        self.walk_in_edit.returnPressed.connect(self.add_walk_in)
        self.walk_in_button = QPushButton("Add walk-in", self)
        self.walk_in_button.setAccessibleName("Add walk-in")
        self.walk_in_button.clicked.connect(self.add_walk_in)
        self.message_label = QLabel(self)
        self.message_label.setAccessibleName("Roll call message")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        walk_in = QHBoxLayout()
        walk_in_caption = _caption("Walk-in", self.walk_in_edit)
        walk_in.addWidget(walk_in_caption)
        walk_in.addWidget(self.walk_in_edit, 1)
        walk_in.addWidget(self.walk_in_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(header)
        layout.addWidget(scroll, 1)
        layout.addLayout(walk_in)
        layout.addWidget(self.message_label)
        self.reload()

    # ------------------------------------------------------------------------------ reading

    def reload(self) -> None:
        context = self.context
        roster = list_participants(context.store, context.cohort_id, include_withdrawn=False)
        self._records = {
            row.participant_id: row for row in list_attendance(context.store, context.run_id)
        }
        if [person.id for person in roster] != list(self.rows):
            self._rebuild(roster)
        for person_id, row in self.rows.items():
            row.show_record(self._records.get(person_id), editing=self._is_editing(row))
        self._show_count()

    def flush(self) -> None:
        self._autosave.flush()

    # ------------------------------------------------------------------------------ actions

    def set_status(self, participant_id: int, status: AttendanceStatus) -> None:
        self._autosave.flush()
        self._store_record(
            set_attendance(self.context.store, self.context.run_id, participant_id, status=status)
        )

    def toggle_step(self, participant_id: int) -> None:
        """ "Left" when the person is in the call, "Came back" when they stepped out."""
        record = self._records.get(participant_id)
        context = self.context
        if record is not None and record.is_out:
            updated = record_returned(context.store, context.run_id, participant_id, self._now())
        else:
            updated = record_left(context.store, context.run_id, participant_id, self._now())
        self._store_record(updated)

    def add_walk_in(self) -> None:
        name = self.walk_in_edit.text().strip()
        if not name:
            self.walk_in_edit.setFocus()
            return
        context = self.context
        try:
            person = add_walk_in(context.store, context.cohort_id, name)
        except ValueError as problem:
            self._say(f"Could not add {name}: {problem}.")
            return
        set_attendance(context.store, context.run_id, person.id, status=AttendanceStatus.PRESENT)
        self.walk_in_edit.clear()
        self._say(f"{person.display_name} added as a walk-in and marked present.")
        self.reload()
        announce(context.events, "cohort_did_change", context.cohort_id)
        row = self.rows.get(person.id)
        if row is not None:
            focus = row.answer_edit or (row.values.value_boxes[0] if row.values else None)
            if focus is not None:
                focus.setFocus()

    # ------------------------------------------------------------------------------ internals

    def _rebuild(self, roster: list[ParticipantView]) -> None:
        for row in self.rows.values():
            row.deleteLater()
        self.rows = {}
        for index, person in enumerate(roster):
            row = RosterRow(person, self._field, self._options, self._prompt, self._rows_box)
            row.setFrameShape(QFrame.Shape.NoFrame)
            if index % 2:
                row.setBackgroundRole(QPalette.ColorRole.AlternateBase)
                row.setAutoFillBackground(True)
            row.status_chosen.connect(self.set_status)
            row.step_toggled.connect(self.toggle_step)
            row.answer_edited.connect(self._answer_edited)
            row.emoji_edited.connect(self._emoji_edited)
            row.values_edited.connect(self._values_edited)
            for editor in (row.answer_edit, row.emoji_edit):
                if editor is not None:
                    self._autosave.watch(editor)
            if row.values is not None:
                self._autosave.watch(row.values.definition_edit)
                self._autosave.watch(row.values.example_edit)
            self._rows_layout.insertWidget(index, row)
            self.rows[person.id] = row
        previous: QWidget | None = None
        for row in self.rows.values():
            for widget in _tab_chain(row):
                if previous is not None:
                    QWidget.setTabOrder(previous, widget)
                previous = widget
        if previous is not None:
            QWidget.setTabOrder(previous, self.walk_in_edit)

    def _answer_edited(self, participant_id: int, text: str) -> None:
        context = self.context
        self._autosave.schedule(
            ("answer", participant_id),
            lambda: self._store_record(
                set_attendance(context.store, context.run_id, participant_id, answer=text),
                quiet=True,
            ),
        )

    def _emoji_edited(self, participant_id: int, text: str) -> None:
        context = self.context
        self._autosave.schedule(
            ("emoji", participant_id),
            lambda: self._store_record(
                set_attendance(context.store, context.run_id, participant_id, emoji=text),
                quiet=True,
            ),
        )

    def _values_edited(self, participant_id: int, value: dict[str, Any]) -> None:
        context = self.context
        field = self._field
        if field is None:
            return
        self._autosave.schedule(
            ("values", participant_id),
            lambda: self._store_record(
                set_attendance(
                    context.store,
                    context.run_id,
                    participant_id,
                    answer_values={field.id: value},
                ),
                quiet=True,
            ),
        )

    def _store_record(self, record: AttendanceView, *, quiet: bool = False) -> None:
        """Show a record the store just returned; ``quiet`` writes wait for the autosave's
        ``saved`` to announce, so a burst of typing is one announcement."""
        self._records[record.participant_id] = record
        row = self.rows.get(record.participant_id)
        if row is not None:
            row.show_record(record, editing=True)
        self._show_count()
        if not quiet:
            announce(self.context.events, "cohort_did_change", self.context.cohort_id)

    def _announce(self) -> None:
        announce(self.context.events, "cohort_did_change", self.context.cohort_id)

    def _show_count(self) -> None:
        here = sum(1 for record in self._records.values() if record.status in IN_THE_CALL)
        late = sum(1 for r in self._records.values() if r.status is AttendanceStatus.LATE)
        out = sum(1 for record in self._records.values() if record.is_out)
        unmarked = sum(1 for person_id in self.rows if person_id not in self._records)
        parts = [f"{here} of {len(self.rows)} here"]
        if late:
            parts.append(f"{late} late")
        if out:
            parts.append(f"{out} stepped out")
        if unmarked:
            parts.append(f"{unmarked} not marked yet")
        self.count_label.setText(" · ".join(parts))

    def _is_editing(self, row: RosterRow) -> bool:
        focus = self.focusWidget()
        return self._autosave.pending and focus is not None and row.isAncestorOf(focus)

    def _say(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))


def _tab_chain(row: RosterRow) -> list[QWidget]:
    """A row's controls in reading order: status, step, then the answer."""
    chain: list[QWidget] = [*row.status_buttons.values(), row.step_button]
    if row.answer_edit is not None and row.emoji_edit is not None:
        chain += [row.answer_edit, row.emoji_edit]
    if row.values is not None:
        values = row.values
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
