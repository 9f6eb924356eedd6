"""Notes: the "Name / answer" lines of every segment that asks people a question.

The facilitator picks the prompt, who is speaking (someone on the roster, Anonymous, or
themselves) and how far the line may travel (Shared, Private, Off the record; Shared unless
changed), then types; Enter saves the note and clears the field for the next one, Shift+Enter
starts a new line. Under the prompt the notes so far read "Name / answer", each editable in place
(saved within a second of the last keystroke), with its visibility as a word on a badge and a
Delete that can be undone.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QFont,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QResizeEvent,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.cohorts import ParticipantView, list_participants
from cofacilitator.notes import NoteView, add_note, delete_note, edit_note, list_notes, restore_note
from cofacilitator.sessions.schema import Prompt
from cofacilitator.store.models import AuthorKind, Visibility
from cofacilitator.ui.autosave import Autosave, SaveIndicator, announce
from cofacilitator.ui.pane_context import CapturePane, PaneContext

VISIBILITY_LABELS: dict[Visibility, str] = {
    Visibility.SHARED: "Shared",
    Visibility.PRIVATE: "Private",
    Visibility.OFF_RECORD: "Off the record",
}
VISIBILITY_HELP: dict[Visibility, str] = {
    Visibility.SHARED: "May appear in the session record and exports",
    Visibility.PRIVATE: "Kept in this app only; never exported",
    Visibility.OFF_RECORD: "Never quoted or exported; a reminder for the facilitator at most",
}

ANONYMOUS = "Anonymous"
FACILITATOR = "Facilitator"
_ANONYMOUS_ID = -1
_FACILITATOR_ID = -2

UNDO_KEY = "Ctrl+Z"
PROMPT_BOX_CHROME = 40
"""Pixels of a combo box taken by its frame and arrow rather than its text."""
AUTHOR_COLUMN_EMS = 11
"""The widest the "Name /" column gets before a long name wraps."""
ENTRY_LINES = 3
"""Visible lines of the new-note field: enough for a sentence or two without scrolling."""

Author = tuple[AuthorKind, int | None]


class AuthorPicker(QComboBox):
    """Who said it: Anonymous first (the safe default), then optionally the facilitator, then
    the roster in the order the facilitator knows it."""

    def __init__(
        self,
        people: Sequence[ParticipantView],
        *,
        with_facilitator: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._with_facilitator = with_facilitator
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self.set_people(people)

    def set_people(self, people: Sequence[ParticipantView]) -> None:
        """Refill after the roster changed, keeping the current choice when it is still there."""
        keep = self.currentData()
        self.blockSignals(True)
        self.clear()
        self.addItem(ANONYMOUS, _ANONYMOUS_ID)
        if self._with_facilitator:
            self.addItem(FACILITATOR, _FACILITATOR_ID)
        self.insertSeparator(self.count())
        for person in people:
            self.addItem(person.display_name, person.id)
        index = self.findData(keep) if keep is not None else 0
        self.setCurrentIndex(max(0, index))
        self.blockSignals(False)

    def author(self) -> Author:
        data = self.currentData()
        if data == _FACILITATOR_ID:
            return AuthorKind.FACILITATOR, None
        if data is None or data == _ANONYMOUS_ID:
            return AuthorKind.ANONYMOUS, None
        return AuthorKind.PARTICIPANT, int(data)

    def participant_id(self) -> int | None:
        """The person chosen, None for Anonymous (and the facilitator)."""
        return self.author()[1]

    def choose(self, participant_id: int | None) -> None:
        index = self.findData(_ANONYMOUS_ID if participant_id is None else participant_id)
        self.setCurrentIndex(max(0, index))


class VisibilityPicker(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for visibility, label in VISIBILITY_LABELS.items():
            self.addItem(label, visibility.value)
            self.setItemData(
                self.count() - 1, VISIBILITY_HELP[visibility], Qt.ItemDataRole.ToolTipRole
            )

    def visibility(self) -> Visibility:
        return Visibility(self.currentData())

    def choose(self, visibility: Visibility) -> None:
        self.setCurrentIndex(max(0, self.findData(visibility.value)))


class NoteEntry(QPlainTextEdit):
    """The new-note field: Enter saves (through ``on_submit``), Shift+Enter breaks the line."""

    def __init__(self, on_submit: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_submit = on_submit
        self.setTabChangesFocus(True)
        lines = self.fontMetrics().lineSpacing() * ENTRY_LINES
        margin = math.ceil(self.document().documentMargin())
        self.setFixedHeight(lines + 2 * (margin + self.frameWidth()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._on_submit()
            return
        if enter:
            self.insertPlainText("\n")
            return
        super().keyPressEvent(event)


class GrowingTextEdit(QTextEdit):
    """Plain text that is as tall as what it holds, so a list of notes reads like a page."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setPlainText(text)
        self.document().contentsChanged.connect(self._fit)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        document = self.document()
        document.setTextWidth(self.viewport().width())
        frame = 2 * self.frameWidth()
        height = math.ceil(document.size().height()) + frame
        if height != self.height():
            self.setFixedHeight(height)


class NoteRow(QFrame):
    """One note: "Name /", the answer (editable), its visibility and a Delete."""

    def __init__(
        self,
        note: NoteView,
        author: str,
        on_edit: Callable[[int, str], None],
        on_visibility: Callable[[int, Visibility], None],
        on_delete: Callable[[int], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.note = note
        self.author_label = QLabel(f"{author}\N{NO-BREAK SPACE}/", self)
        bold = QFont(self.author_label.font())
        bold.setBold(True)
        self.author_label.setFont(bold)
        self.author_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.author_label.setWordWrap(True)
        self.author_label.setContentsMargins(0, self.frameWidth() + 4, 0, 0)
        self.text_edit = GrowingTextEdit(note.text, self)
        self.text_edit.setAccessibleName(f"Note by {author}")
        self.text_edit.textChanged.connect(lambda: on_edit(note.id, self.text_edit.toPlainText()))
        self.visibility_box = VisibilityPicker(self)
        self.visibility_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.visibility_box.setMinimumContentsLength(len("Off the record"))
        self.visibility_box.choose(note.visibility)
        self.visibility_box.setAccessibleName(f"Visibility of the note by {author}")
        self.visibility_box.setToolTip(VISIBILITY_HELP[note.visibility])
        self.visibility_box.activated.connect(
            lambda _row: on_visibility(note.id, self.visibility_box.visibility())
        )
        self.delete_button = QToolButton(self)
        self.delete_button.setText("Delete")
        self.delete_button.setAccessibleName(f"Delete the note by {author}")
        self.delete_button.clicked.connect(lambda: on_delete(note.id))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.author_label, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text_edit, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.visibility_box, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignTop)


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

        self.undo_label = QLabel(self)
        self.undo_label.setAccessibleName("Deleted note")
        self.undo_button = QPushButton(f"Undo ({UNDO_KEY})", self)
        self.undo_button.setAccessibleName("Undo delete")
        self.undo_button.clicked.connect(self.undo_delete)
        self.undo_bar = QFrame(self)
        self.undo_bar.setFrameShape(QFrame.Shape.StyledPanel)
        undo_layout = QHBoxLayout(self.undo_bar)
        undo_layout.setContentsMargins(6, 2, 2, 2)
        undo_layout.addWidget(self.undo_label, 1)
        undo_layout.addWidget(self.undo_button)
        self.undo_bar.hide()
        undo = QShortcut(QKeySequence(UNDO_KEY), self)
        undo.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo.activated.connect(self.undo_delete)

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
        if hasattr(events, "note_did_save"):
            events.note_did_save.connect(self._note_saved_elsewhere)
        if hasattr(events, "cohort_did_change"):
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
        self.author_box.set_people([person for person in everyone if person.is_active])

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
        if not self._deleted:
            self.undo_bar.hide()
            return
        last = self._deleted[-1]
        preview = last.text if len(last.text) <= 40 else last.text[:39] + "…"
        self.undo_label.setText(f"Deleted {self._author_name(last)} / {preview}")
        self.undo_bar.show()

    def _announce(self, note_id: int) -> None:
        self._writing = True
        try:
            announce(self.context.events, "note_did_save", note_id)
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
