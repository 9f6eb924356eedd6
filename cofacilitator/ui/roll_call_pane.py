"""The roll call: who is here, what each person answered, who stepped out and came back.

The first minutes of every session. Each person on the run's roster (the cohort as it stood at
that call, so a past session keeps people who withdrew since) has a row: present, late or
absent in one click, their one-line answer (emoji welcome) saved as they speak, and a "Left" /
"Came back" button that stamps the time, because the guidelines say stepping out is fine and the
record should say so without fuss. Someone who turns up unannounced is added on the spot and
marked present. In Session 4 the answer is a small form instead: three values from the module's
list, one of them defined, and an example, stored as ``answer_values`` (docs/answer-values.md).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.attendance import (
    AttendanceView,
    list_attendance,
    record_left,
    record_returned,
    set_attendance,
)
from cofacilitator.cohorts import ParticipantView, add_walk_in
from cofacilitator.run_roster import roster_for_run
from cofacilitator.store.database import Store
from cofacilitator.store.models import AttendanceStatus, utcnow
from cofacilitator.ui.autosave import Autosave, SaveIndicator
from cofacilitator.ui.pane_context import CapturePane, PaneContext
from cofacilitator.ui.roll_call_rows import RosterRow

IN_THE_CALL = frozenset({AttendanceStatus.PRESENT, AttendanceStatus.LATE})

Now = Callable[[], datetime]


def people_in_call(store: Store, run_id: int) -> list[ParticipantView]:
    """The run's roster marked present or late, in roster order.

    Before anyone is marked (the roll call has not happened, or the facilitator skipped it) the
    whole roster of the run counts, so rooms and sharing rounds can still be set up.
    """
    roster = roster_for_run(store, run_id)
    statuses = {row.participant_id: row.status for row in list_attendance(store, run_id)}
    if not any(status in IN_THE_CALL for status in statuses.values()):
        return roster
    return [person for person in roster if statuses.get(person.id) in IN_THE_CALL]


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
        walk_in_caption = QLabel("Walk-in", self)
        walk_in_caption.setBuddy(self.walk_in_edit)
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
        roster = roster_for_run(context.store, context.run_id)
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
        context.events.cohort_did_change.emit(context.cohort_id)
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
            for widget in row.tab_chain():
                if previous is not None:
                    QWidget.setTabOrder(previous, widget)
                previous = widget
        if previous is not None:
            QWidget.setTabOrder(previous, self.walk_in_edit)

    def _answer_edited(self, participant_id: int, text: str) -> None:
        self._write_later("answer", participant_id, answer=text)

    def _emoji_edited(self, participant_id: int, text: str) -> None:
        self._write_later("emoji", participant_id, emoji=text)

    def _values_edited(self, participant_id: int, value: dict[str, Any]) -> None:
        if self._field is not None:
            self._write_later("values", participant_id, answer_values={self._field.id: value})

    def _write_later(self, what: str, participant_id: int, **change: Any) -> None:
        """Typing is debounced: the latest ``change`` to ``what`` of a person is written once."""
        context = self.context
        self._autosave.schedule(
            (what, participant_id),
            lambda: self._store_record(
                set_attendance(context.store, context.run_id, participant_id, **change),
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
            self.context.events.cohort_did_change.emit(self.context.cohort_id)

    def _announce(self) -> None:
        self.context.events.cohort_did_change.emit(self.context.cohort_id)

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
