"""Notes: the "Name / answer" lines of every segment that asks people a question.

The facilitator picks the prompt, who is speaking (someone on the roster, Anonymous, or
themselves) and how far the line may travel (Shared, Private, Off the record; Shared unless
changed), then types; Enter saves the note and clears the field for the next one, Shift+Enter
starts a new line. Under the prompt the notes so far read "Name / answer", each editable in place
(saved within a second of the last keystroke), with its visibility as a word on a badge and a
Delete that can be undone.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette, QResizeEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from cofacilitator.cohorts import list_participants
from cofacilitator.notes import NoteView, add_note, delete_note, edit_note, list_notes, restore_note
from cofacilitator.run_roster import roster_for_run
from cofacilitator.sessions.schema import Prompt
from cofacilitator.store.models import AuthorKind, Visibility
from cofacilitator.ui.author_picker import ANONYMOUS, FACILITATOR, AuthorPicker
from cofacilitator.ui.autosave import Autosave, SaveIndicator
from cofacilitator.ui.note_rows import VISIBILITY_HELP, NoteEntry, NoteRow, VisibilityPicker
from cofacilitator.ui.pane_context import CapturePane, PaneContext
from cofacilitator.ui.undo_bar import UndoBar, shortened

PROMPT_BOX_CHROME = 40
"""Pixels of a combo box taken by its frame and arrow rather than its text."""
AUTHOR_COLUMN_EMS = 11
"""The widest the "Name /" column gets before a long name wraps."""


class NotesPane(CapturePane):
    """Notes of one segment, prompt by prompt."""

    def __init__(self, context: PaneContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setAccessibleName(f"Notes for {context.segment.title}")
        self._prompts = {prompt.id: prompt for prompt in context.segment.prompts}
        self._names: dict[int, str] = {}
        self._deleted: list[NoteView] = []
        self._writing = False
        self.rows: list[NoteRow] = []
        self._autosave = Autosave(context.autosave_ms, self)

        self.prompt_box = QComboBox(self)
        self.prompt_box.setAccessibleName("Prompt")
        self.prompt_box.setModel(_prompt_model(context.segment.prompts))
        self.prompt_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.prompt_box.setMinimumContentsLength(20)
        self.prompt_box.setCurrentIndex(_first_prompt_row(self.prompt_box))
        self.prompt_box.currentIndexChanged.connect(lambda _row: self._show_prompt())
        self.prompt_box.setVisible(len(self._prompts) > 1)
        self.group_label = QLabel(self)
        self.group_label.setWordWrap(True)
        self.group_label.setTextFormat(Qt.TextFormat.PlainText)
        self.group_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.group_label.setAccessibleName("Prompt heading")
        self.prompt_label = QLabel(self)
        self.prompt_label.setWordWrap(True)
        self.prompt_label.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt_label.setAccessibleName("Prompt text")
        bold = QFont(self.prompt_label.font())
        bold.setBold(True)
        self.prompt_label.setFont(bold)
        self.details_label = QLabel(self)
        self.details_label.setWordWrap(True)
        self.details_label.setTextFormat(Qt.TextFormat.PlainText)
        self.details_label.setAccessibleName("Prompt details")

        self.author_box = AuthorPicker([], parent=self)
        self.author_box.setAccessibleName("Who")
        self.visibility_box = VisibilityPicker(self)
        self.visibility_box.setAccessibleName("Visibility of the new note")
        self.visibility_box.setToolTip(
            "Shared notes may be exported; Private and Off the record ones never leave the app"
        )
        self.entry = NoteEntry(self.save_entry, self)
        self.entry.setAccessibleName("New note")
        self.entry.setPlaceholderText(
            "Type the answer. Enter saves, Shift+Enter starts a new line."
        )
        indicator = SaveIndicator(self._autosave, self)

        who_label = QLabel("&Who", self)
        who_label.setBuddy(self.author_box)
        visibility_label = QLabel("&Visibility", self)
        visibility_label.setBuddy(self.visibility_box)
        choices = QHBoxLayout()
        choices.addWidget(who_label)
        choices.addWidget(self.author_box, 1)
        choices.addSpacing(8)
        choices.addWidget(visibility_label)
        choices.addWidget(self.visibility_box)
        choices.addStretch(0)
        choices.addWidget(indicator)

        self._list_box = QWidget(self)
        self._list_layout = QVBoxLayout(self._list_box)
        self._list_layout.setContentsMargins(0, 0, 0, 0)
        self._list_layout.setSpacing(2)
        self._list_layout.addStretch(1)
        self.empty_label = QLabel("No notes under this prompt yet.", self._list_box)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._list_layout.insertWidget(0, self.empty_label)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._list_box)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.undo_bar = UndoBar(self, "Deleted note")
        self.undo_bar.undo_requested.connect(self.undo_delete)
        self.undo_label = self.undo_bar.label
        self.undo_button = self.undo_bar.button

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.prompt_box)
        layout.addWidget(self.group_label)
        layout.addWidget(self.prompt_label)
        layout.addWidget(self.details_label)
        layout.addLayout(choices)
        layout.addWidget(self.entry)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.undo_bar)

        events = context.events
        events.note_did_save.connect(self._note_saved_elsewhere)
        events.cohort_did_change.connect(self._cohort_changed)
        self._read_people()
        self._show_prompt()

    # ------------------------------------------------------------------------------ reading

    @property
    def prompt_id(self) -> str:
        data = self.prompt_box.currentData()
        return str(data) if data else ""

    def reload(self) -> None:
        self._read_people()
        self._fill_list()

    def flush(self) -> None:
        self._autosave.flush()

    # ------------------------------------------------------------------------------ actions

    def save_entry(self) -> None:
        """Save what is typed as a note by the chosen person, then clear for the next one."""
        text = self.entry.toPlainText().strip()
        if not text:
            return
        kind, participant_id = self.author_box.author()
        context = self.context
        note = add_note(
            context.store,
            context.run_id,
            context.segment.id,
            text,
            prompt_id=self.prompt_id,
            participant_id=participant_id,
            author_kind=kind,
            visibility=self.visibility_box.visibility(),
        )
        self.entry.clear()
        self._announce(note.id)
        self._fill_list()

    def undo_delete(self) -> None:
        if not self._deleted:
            return
        restored = restore_note(self.context.store, self._deleted.pop())
        self._announce(restored.id)
        self._show_undo()
        self._fill_list()

    # ------------------------------------------------------------------------------ internals

    def _show_prompt(self) -> None:
        prompt = self._prompts.get(self.prompt_id)
        if prompt is None:
            self.prompt_label.setText(self.context.segment.title)
            self.group_label.hide()
            self.details_label.hide()
        else:
            self.group_label.setText(prompt.group)
            self.group_label.setVisible(bool(prompt.group))
            self.prompt_label.setText(prompt.text)
            self.details_label.setText("\n".join(f"• {detail}" for detail in prompt.details))
            self.details_label.setVisible(bool(prompt.details))
        self._fit_prompt_text()
        self._fill_list()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_prompt_text()

    def _fit_prompt_text(self) -> None:
        """The prompt in full under the chooser only when the chooser cuts it short: height is
        scarce under the segment's text, which lists the prompts too."""
        if self.prompt_box.isHidden():
            self.prompt_label.show()
            return
        room = self.prompt_box.width() - PROMPT_BOX_CHROME
        needed = self.prompt_box.fontMetrics().horizontalAdvance(self.prompt_box.currentText())
        self.prompt_label.setVisible(needed > room)

    def _read_people(self) -> None:
        context = self.context
        everyone = list_participants(context.store, context.cohort_id)
        self._names = {person.id: person.display_name for person in everyone}
        self.author_box.set_people(roster_for_run(context.store, context.run_id))

    def _fill_list(self) -> None:
        self._autosave.flush()
        for row in self.rows:
            row.hide()
            row.deleteLater()
        self.rows = []
        context = self.context
        notes = list_notes(
            context.store, context.run_id, segment_id=context.segment.id, prompt_id=self.prompt_id
        )
        for index, note in enumerate(notes):
            row = NoteRow(
                note,
                self._author_name(note),
                self._edited,
                self._visibility_changed,
                self._delete,
                self._list_box,
            )
            self._autosave.watch(row.text_edit)
            self._list_layout.insertWidget(index, row)
            row.show()
            self.rows.append(row)
        _align_authors(self.rows)
        self.empty_label.setVisible(not notes)
        self._list_layout.removeWidget(self.empty_label)
        self._list_layout.insertWidget(len(notes), self.empty_label)

    def _author_name(self, note: NoteView) -> str:
        if note.author_kind is AuthorKind.FACILITATOR:
            return FACILITATOR
        if note.participant_id is None:
            return ANONYMOUS
        return self._names.get(note.participant_id, "Someone")

    def _edited(self, note_id: int, text: str) -> None:
        store = self.context.store

        def write() -> None:
            edit_note(store, note_id, text=text)
            self._announce(note_id)

        self._autosave.schedule(("note", note_id), write)

    def _visibility_changed(self, note_id: int, visibility: Visibility) -> None:
        edit_note(self.context.store, note_id, visibility=visibility)
        for row in self.rows:
            if row.note.id == note_id:
                row.visibility_box.setToolTip(VISIBILITY_HELP[visibility])
        self._announce(note_id)

    def _delete(self, note_id: int) -> None:
        self._autosave.flush()
        deleted = delete_note(self.context.store, note_id)
        self._deleted.append(deleted)
        self._announce(note_id)
        self._show_undo()
        self._fill_list()
        self.undo_button.setFocus()

    def _show_undo(self) -> None:
        last = self._deleted[-1] if self._deleted else None
        self.undo_bar.show_deleted(
            f"Deleted {self._author_name(last)} / {shortened(last.text)}" if last else None
        )

    def _announce(self, note_id: int) -> None:
        self._writing = True
        try:
            self.context.events.note_did_save.emit(note_id)
        finally:
            self._writing = False

    def _note_saved_elsewhere(self, _note_id: int) -> None:
        if not self._writing and not self._autosave.pending:
            self._fill_list()

    def _cohort_changed(self, cohort_id: int) -> None:
        if cohort_id == self.context.cohort_id:
            self._read_people()


def _align_authors(rows: Sequence[NoteRow]) -> None:
    """One width for every "Name /" so the answers line up; very long names wrap instead."""
    if not rows:
        return
    metrics = rows[0].author_label.fontMetrics()
    widest = max(metrics.horizontalAdvance(row.author_label.text()) for row in rows)
    width = min(widest + 2, metrics.horizontalAdvance("M") * AUTHOR_COLUMN_EMS)
    for row in rows:
        row.author_label.setFixedWidth(width)


def _prompt_model(prompts: Sequence[Prompt]) -> QStandardItemModel:
    """Prompts under their group headings; a heading is shown but cannot be chosen."""
    model = QStandardItemModel()
    group: str | None = None
    for prompt in prompts:
        if prompt.group and prompt.group != group:
            heading = QStandardItem(prompt.group)
            heading.setFlags(Qt.ItemFlag.NoItemFlags)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            model.appendRow(heading)
        group = prompt.group
        item = QStandardItem(prompt.text)
        item.setData(prompt.id, Qt.ItemDataRole.UserRole)
        item.setToolTip(prompt.text)
        model.appendRow(item)
    return model


def _first_prompt_row(box: QComboBox) -> int:
    for row in range(box.count()):
        if box.itemData(row):
            return row
    return -1
