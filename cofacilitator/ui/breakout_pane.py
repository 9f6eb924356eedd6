"""Breakout rooms: split the people present, adjust by hand, tell everyone where to go.

A facilitator sets rooms up in the last seconds before a breakout, often while talking. So a split
is one click (by number of rooms or by room size, at random, with the seeded ``rng`` in tests),
"Empty rooms" starts a by-hand arrangement, and anyone can be dragged from one room's list to
another's, or, from the keyboard, selected and moved with "Move to". Each room has a prompt (the
segment's prompts handed round by default) and a notes field for what it reports back. Every
change is saved at once with ``save_breakout_rooms``; "Copy broadcast text" puts the message for
the video call's broadcast on the clipboard.
"""

from __future__ import annotations

import math
from dataclasses import replace
from itertools import pairwise
from random import Random

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.breakouts import (
    Arrangement,
    Room,
    broadcast_text,
    move,
    reshuffle,
    room_names,
    split_by_count,
    split_by_size,
)
from cofacilitator.cohorts import list_participants
from cofacilitator.notes import add_note, edit_note, list_notes
from cofacilitator.session_records import (
    RoomView,
    arrangement_of,
    list_breakout_rooms,
    save_breakout_rooms,
)
from cofacilitator.store.models import AuthorKind
from cofacilitator.ui.autosave import Autosave, SaveIndicator
from cofacilitator.ui.breakout_rooms import PeopleList, RoomColumn
from cofacilitator.ui.pane_context import CapturePane, PaneContext
from cofacilitator.ui.roll_call_pane import people_in_call

NOT_IN_A_ROOM = "Not in a room"
NOBODY_SELECTED = "nobody yet"
BY_COUNT = "rooms"
BY_SIZE = "people per room"
DEFAULT_ROOMS = 3


class BreakoutPane(CapturePane):
    """The rooms of one breakout segment; ``rng`` decides random splits and reshuffles."""

    def __init__(
        self,
        context: PaneContext,
        parent: QWidget | None = None,
        *,
        rng: Random | None = None,
    ) -> None:
        super().__init__(context, parent)
        self.setAccessibleName(f"Breakout rooms for {context.segment.title}")
        self._rng = rng or Random()
        self._prompts = [prompt.text for prompt in context.segment.prompts]
        self._rooms: list[RoomView] = []
        self._arrangement = Arrangement()
        self._present: list[int] = []
        self._names: dict[int, str] = {}
        self._selected: int | None = None
        self.columns: list[RoomColumn] = []
        self._autosave = Autosave(context.autosave_ms, self)

        self.size_spin = QSpinBox(self)
        self.size_spin.setRange(1, 50)
        self.size_spin.setValue(DEFAULT_ROOMS)
        self.size_spin.setAccessibleName("How many")
        self.mode_box = QComboBox(self)
        self.mode_box.addItems([BY_COUNT, BY_SIZE])
        self.mode_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.mode_box.setMinimumContentsLength(len(BY_COUNT) + 1)
        self.mode_box.setAccessibleName("Split by")
        self.split_button = QPushButton("Split at &random", self)
        self.split_button.setAccessibleName("Split at random")
        self.split_button.setToolTip("Put everyone present into rooms at random")
        self.split_button.clicked.connect(self.split_at_random)
        self.empty_button = QPushButton("&Empty rooms", self)
        self.empty_button.setAccessibleName("Empty rooms")
        self.empty_button.setToolTip("Make the rooms empty, to fill them by hand")
        self.empty_button.clicked.connect(self.make_empty_rooms)
        split_label = QLabel("Split into", self)
        split_label.setBuddy(self.size_spin)
        split_row = QHBoxLayout()
        split_row.addWidget(split_label)
        split_row.addWidget(self.size_spin)
        split_row.addWidget(self.mode_box)
        split_row.addWidget(self.split_button)
        split_row.addWidget(self.empty_button)

        self.reshuffle_button = QPushButton("Re&shuffle", self)
        self.reshuffle_button.setAccessibleName("Reshuffle")
        self.reshuffle_button.setToolTip("Same room sizes, new groupings")
        self.reshuffle_button.clicked.connect(self.reshuffle_rooms)
        self.copy_button = QPushButton("&Copy broadcast text", self)
        self.copy_button.setAccessibleName("Copy broadcast text")
        self.copy_button.setToolTip("Who is in which room, the prompts and the time, to paste")
        self.copy_button.clicked.connect(self.copy_broadcast)
        self.message_label = QLabel(self)
        self.message_label.setAccessibleName("Breakout message")
        self.message_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        indicator = SaveIndicator(self._autosave, self)

        self.selected_label = QLabel(NOBODY_SELECTED, self)
        self.selected_label.setToolTip("Select someone in a list to move them from the keyboard")
        self.selected_label.setAccessibleName("Selected person")
        self.target_box = QComboBox(self)
        self.target_box.setAccessibleName("Room to move to")
        self.move_button = QPushButton("&Move", self)
        self.move_button.setAccessibleName("Move to room")
        self.move_button.clicked.connect(self.move_selected)
        move_label = QLabel("to", self)
        move_label.setBuddy(self.target_box)
        split_row.addWidget(self.reshuffle_button)
        split_row.addStretch(1)
        move_row = QHBoxLayout()
        move_row.addWidget(QLabel("Move", self))
        move_row.addWidget(self.selected_label)
        move_row.addWidget(move_label)
        move_row.addWidget(self.target_box)
        move_row.addWidget(self.move_button)
        move_row.addSpacing(12)
        move_row.addWidget(self.message_label, 1)
        move_row.addWidget(indicator)
        move_row.addWidget(self.copy_button)

        self.unplaced = PeopleList(None, self.move_person, self)
        self.unplaced.setAccessibleName(NOT_IN_A_ROOM)
        self.unplaced.setFlow(QListView.Flow.LeftToRight)
        self.unplaced.setWrapping(True)
        self.unplaced.setSpacing(2)
        self.unplaced.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 8)
        self.unplaced.currentItemChanged.connect(
            lambda item, _previous: self._selection_in(self.unplaced, item)
        )
        unplaced_label = QLabel(NOT_IN_A_ROOM, self)
        unplaced_label.setBuddy(self.unplaced)

        self._rooms_box = QWidget(self)
        self._rooms_layout = QHBoxLayout(self._rooms_box)
        self._rooms_layout.setContentsMargins(0, 0, 0, 0)
        self.rooms_scroll = QScrollArea(self)
        self.rooms_scroll.setWidgetResizable(True)
        self.rooms_scroll.setWidget(self._rooms_box)
        self.rooms_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.no_rooms_label = QLabel("No rooms yet: split at random, or make empty rooms.", self)
        self.no_rooms_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_rooms_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        chain = (self.reshuffle_button, self.target_box, self.move_button, self.copy_button)
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        unplaced_row = QHBoxLayout()
        unplaced_row.addWidget(unplaced_label)
        unplaced_row.addWidget(self.unplaced, 1)
        layout.addLayout(split_row)
        layout.addLayout(move_row)
        layout.addLayout(unplaced_row)
        layout.addWidget(self.no_rooms_label, 1)
        layout.addWidget(self.rooms_scroll, 3)
        context.events.cohort_did_change.connect(self._cohort_changed)
        self.reload()

    # ------------------------------------------------------------------------------ reading

    @property
    def arrangement(self) -> Arrangement:
        return self._arrangement

    def reload(self) -> None:
        context = self.context
        self._names = {
            person.id: person.display_name
            for person in list_participants(context.store, context.cohort_id)
        }
        self._present = [person.id for person in people_in_call(context.store, context.run_id)]
        self._rooms = list_breakout_rooms(context.store, context.run_id, context.segment.id)
        self._arrangement = arrangement_of(self._rooms)
        self._show()

    def flush(self) -> None:
        self._autosave.flush()

    # ------------------------------------------------------------------------------ actions

    def split_at_random(self) -> None:
        people = self._present
        if not people:
            self._say("Nobody is marked present.")
            return
        if self.mode_box.currentText() == BY_COUNT:
            arrangement = split_by_count(people, self.size_spin.value(), self._rng)
        else:
            arrangement = split_by_size(people, self.size_spin.value(), self._rng)
        self._save(arrangement.with_prompts(self._prompts))
        self._say(f"{len(people)} people in {len(arrangement.rooms)} rooms.")

    def make_empty_rooms(self) -> None:
        wanted = self.size_spin.value()
        if self.mode_box.currentText() == BY_SIZE:
            wanted = max(1, math.ceil(len(self._present) / wanted))
        rooms = tuple(Room(name) for name in room_names(wanted))
        self._save(Arrangement(rooms).with_prompts(self._prompts))
        self._say("Drag people into the rooms, or select someone and move them.")

    def reshuffle_rooms(self) -> None:
        if not self._arrangement.people:
            self._say("Nobody is in a room yet.")
            return
        self._save(reshuffle(self._arrangement, self._rng))
        self._say("Reshuffled.")

    def move_person(self, participant_id: int, room: int | None) -> None:
        """Put someone in room ``room`` (an index), or in no room for None."""
        if room is None:
            rooms = tuple(
                replace(r, members=tuple(m for m in r.members if m != participant_id))
                for r in self._arrangement.rooms
            )
            arrangement = Arrangement(rooms)
        else:
            arrangement = move(self._arrangement, participant_id, room)
        if arrangement != self._arrangement:
            self._save(arrangement)
        self._selected = participant_id
        self._reselect()

    def move_selected(self) -> None:
        if self._selected is None:
            self._say("Select someone in a list first.")
            return
        self.move_person(self._selected, self.target_box.currentData())

    def copy_broadcast(self) -> None:
        rooms = self._arrangement.rooms
        if not any(room.members for room in rooms):
            self._say("Nobody is in a room yet.")
            return
        text = broadcast_text(rooms, self.context.segment.minutes, self._names)
        QApplication.clipboard().setText(text)
        self._say("Broadcast text copied.")

    # ------------------------------------------------------------------------------ internals

    def _save(self, arrangement: Arrangement) -> None:
        self._autosave.flush()
        context = self.context
        self._rooms = save_breakout_rooms(
            context.store, context.run_id, context.segment.id, arrangement
        )
        self._arrangement = arrangement_of(self._rooms)
        self._show()

    def _show(self) -> None:
        rooms = self._arrangement.rooms
        if len(self.columns) != len(rooms):
            self._build_columns(len(rooms))
        for column, room in zip(self.columns, rooms, strict=True):
            column.show_room(room, self._names)
        placed = set(self._arrangement.people)
        self.unplaced.show_people([p for p in self._present if p not in placed], self._names)
        self.no_rooms_label.setVisible(not rooms)
        self.rooms_scroll.setVisible(bool(rooms))
        self.reshuffle_button.setEnabled(bool(self._arrangement.people))
        self.copy_button.setEnabled(bool(self._arrangement.people))
        keep = self.target_box.currentData()
        self.target_box.clear()
        for index, room in enumerate(rooms):
            self.target_box.addItem(room.name, index)
        self.target_box.addItem(NOT_IN_A_ROOM, None)
        self.target_box.setCurrentIndex(max(0, self.target_box.findData(keep)))
        self._reselect()

    def _build_columns(self, count: int) -> None:
        for column in self.columns:
            column.hide()
            column.deleteLater()
        self.columns = []
        notes = self._room_notes()
        for index in range(count):
            column = RoomColumn(index, self._prompts, self.move_person, self._rooms_box)
            column.people.currentItemChanged.connect(
                lambda item, _previous, people=column.people: self._selection_in(people, item)
            )
            column.prompt_box.lineEdit().textEdited.connect(
                lambda text, i=index: self._prompt_edited(i, text)
            )
            column.prompt_box.activated.connect(
                lambda _row, i=index, box=column.prompt_box: self._prompt_chosen(
                    i, box.currentText()
                )
            )
            room_id = self._rooms[index].id
            column.notes_edit.setPlainText(notes.get(room_id, ""))
            column.notes_edit.textChanged.connect(
                lambda i=index, edit=column.notes_edit: self._notes_edited(i, edit.toPlainText())
            )
            self._autosave.watch(column.notes_edit)
            self._autosave.watch(column.prompt_box)
            self._rooms_layout.addWidget(column)
            column.show()
            self.columns.append(column)

    def _room_notes(self) -> dict[int, str]:
        """The first note taken in each room, which is what its notes field edits."""
        context = self.context
        notes: dict[int, str] = {}
        for note in list_notes(context.store, context.run_id, segment_id=context.segment.id):
            if note.room_id is not None and note.room_id not in notes:
                notes[note.room_id] = note.text
        return notes

    def _prompt_edited(self, index: int, text: str) -> None:
        self._autosave.schedule(("prompt", index), lambda: self._set_prompt(index, text))

    def _prompt_chosen(self, index: int, text: str) -> None:
        self._autosave.cancel(("prompt", index))
        self._set_prompt(index, text)

    def _set_prompt(self, index: int, text: str) -> None:
        rooms = list(self._arrangement.rooms)
        if index >= len(rooms) or rooms[index].prompt == text:
            return
        rooms[index] = replace(rooms[index], prompt=text)
        context = self.context
        self._rooms = save_breakout_rooms(
            context.store, context.run_id, context.segment.id, Arrangement(tuple(rooms))
        )
        self._arrangement = arrangement_of(self._rooms)

    def _notes_edited(self, index: int, text: str) -> None:
        self._autosave.schedule(("notes", index), lambda: self._write_notes(index, text))

    def _write_notes(self, index: int, text: str) -> None:
        if index >= len(self._rooms):
            return
        context = self.context
        room = self._rooms[index]
        existing = list_notes(
            context.store, context.run_id, segment_id=context.segment.id, room_id=room.id
        )
        if existing:
            note = edit_note(context.store, existing[0].id, text=text)
        else:
            note = add_note(
                context.store,
                context.run_id,
                context.segment.id,
                text,
                prompt_id=self._prompt_id(room.prompt),
                author_kind=AuthorKind.ANONYMOUS,
                room_id=room.id,
            )
        context.events.note_did_save.emit(note.id)

    def _prompt_id(self, text: str) -> str:
        for prompt in self.context.segment.prompts:
            if prompt.text == text:
                return prompt.id
        return ""

    def _selection_in(self, source: PeopleList, item: QListWidgetItem | None) -> None:
        """The person current in the list last moved in is the one "Move" moves."""
        if item is None:
            return
        self._selected = int(item.data(Qt.ItemDataRole.UserRole))
        for other in [self.unplaced, *(column.people for column in self.columns)]:
            if other is not source:
                other.blockSignals(True)
                other.clearSelection()
                other.blockSignals(False)
        self.selected_label.setText(self._names.get(self._selected, "someone"))

    def _reselect(self) -> None:
        """Keep the moved person selected, wherever they went, for the next keyboard move."""
        if self._selected is None:
            return
        for people in [self.unplaced, *(column.people for column in self.columns)]:
            people.blockSignals(True)
            people.clearSelection()
            found = people.select_person(self._selected)
            people.blockSignals(False)
            if found:
                self.selected_label.setText(self._names.get(self._selected, "someone"))

    def _say(self, text: str) -> None:
        self.message_label.setText(text)

    def _cohort_changed(self, cohort_id: int) -> None:
        if cohort_id == self.context.cohort_id:
            self.reload()
