"""The assignment-sharing round at the start of Sessions 2-4.

Who handed in the previous session's assignment (submitted in the app or imported from a
hand-back file) shares it, one after another. The order is random or set by hand (drag, or Move
up / Move down), and people marked absent are left out of it. Each person's answers open
read-only beside the list, and "Show large" puts them in a window of their own, big enough to
share on screen. A tick says who has shared; a notes field takes what was said about each.
"""

from __future__ import annotations

from collections.abc import Callable
from random import Random

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.answers import answers_to_markdown
from cofacilitator.assignment_store import ResponseView, get_response
from cofacilitator.attendance import list_sharing_turns, mark_shared, set_sharing_order
from cofacilitator.cohorts import list_participants
from cofacilitator.markdown_text import plain_inline
from cofacilitator.notes import NoteView, add_note, edit_note, list_notes
from cofacilitator.paths import shipped_modules_dir
from cofacilitator.run_roster import roster_for_run
from cofacilitator.runs import list_runs
from cofacilitator.sessions.catalog import load_catalog
from cofacilitator.sessions.schema import Module
from cofacilitator.speaking import sharing_order
from cofacilitator.store.models import AuthorKind, ResponseStatus
from cofacilitator.ui.autosave import Autosave, SaveIndicator
from cofacilitator.ui.markdown_view import MarkdownView
from cofacilitator.ui.pane_context import CapturePane, PaneContext
from cofacilitator.ui.roll_call_pane import people_in_call

ModuleLookup = Callable[[str], Module | None]

HANDED_IN = frozenset({ResponseStatus.SUBMITTED, ResponseStatus.IMPORTED})
LARGE_TEXT_SCALE = 1.8
"""The large view's text size relative to the app font: readable in a shared screen."""
CLOSE_KEY = "Esc"
ORDER_COLUMN_EMS = 22
"""The widest the sharing order gets before a long line wraps; the answers need the rest."""


def shipped_module(module_id: str) -> Module | None:
    """Look a module up among the shipped ones; the app passes its own catalog instead."""
    return load_catalog(shipped_modules_dir(), None).get(module_id)


class LargeAnswers(QWidget):
    """A window of its own with one person's answers in large type, for screen sharing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAccessibleName("Answers, large")
        self.view = MarkdownView(self)
        self.view.setAccessibleName("Answers shown large")
        font = QFont(self.view.font())
        font.setPointSizeF(font.pointSizeF() * LARGE_TEXT_SCALE)
        self.view.setFont(font)
        self.close_button = QPushButton("Close", self)
        self.close_button.clicked.connect(self.close)
        close = QShortcut(QKeySequence(CLOSE_KEY), self)
        close.activated.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.resize(1000, 700)

    def show_answers(self, title: str, markdown: str) -> None:
        self.setWindowTitle(title)
        self.view.set_markdown(markdown)


class SharingPane(CapturePane):
    """The sharing round of one run; ``rng`` decides "Random order", ``find_module`` finds the
    previous session's module (for its assignment form) by id."""

    def __init__(
        self,
        context: PaneContext,
        parent: QWidget | None = None,
        *,
        rng: Random | None = None,
        find_module: ModuleLookup = shipped_module,
    ) -> None:
        super().__init__(context, parent)
        self.setAccessibleName("Assignment sharing")
        self._rng = rng or Random()
        self._find_module = find_module
        self._autosave = Autosave(context.autosave_ms, self)
        self._names: dict[int, str] = {}
        self._responses: dict[int, ResponseView] = {}
        self._previous: Module | None = None
        self._previous_id = ""
        self._order_saved = False
        self._large: LargeAnswers | None = None

        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.summary_label.setAccessibleName("Who handed in")
        bold = QFont(self.summary_label.font())
        bold.setBold(True)
        self.summary_label.setFont(bold)
        self.missing_label = QLabel(self)
        self.missing_label.setWordWrap(True)
        self.missing_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.missing_label.setAccessibleName("Not in the round")
        self.random_button = QPushButton("&Random order", self)
        self.random_button.setAccessibleName("Random order")
        self.random_button.clicked.connect(self.shuffle_order)
        top = QHBoxLayout()
        top.addWidget(self.summary_label, 1)
        top.addWidget(self.random_button)

        self.order_list = QListWidget(self)
        self.order_list.setAccessibleName("Sharing order")
        self.order_list.setToolTip("Tick who has shared; drag to change the order")
        self.order_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.order_list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.order_list.currentRowChanged.connect(lambda _row: self._show_current())
        self.order_list.itemChanged.connect(self._tick_changed)
        self.order_list.model().rowsMoved.connect(self._rows_moved)
        # A long name with "(shared)" wraps rather than running under the answers beside it.
        self.order_list.setWordWrap(True)
        self.order_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.order_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.order_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.up_button = QPushButton("Move &up", self)
        self.up_button.setAccessibleName("Move up in the order")
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button = QPushButton("Move do&wn", self)
        self.down_button.setAccessibleName("Move down in the order")
        self.down_button.clicked.connect(lambda: self.move_current(1))
        order_buttons = QHBoxLayout()
        order_buttons.addWidget(self.up_button)
        order_buttons.addWidget(self.down_button)
        order_column = QWidget(self)
        order_layout = QVBoxLayout(order_column)
        order_layout.setContentsMargins(0, 0, 0, 0)
        order_layout.addWidget(self.order_list, 1)
        order_layout.addLayout(order_buttons)

        self.answers_view = MarkdownView(self)
        self.answers_view.setAccessibleName("Answers")
        self.large_button = QPushButton("Show &large", self)
        self.large_button.setAccessibleName("Show answers large")
        self.large_button.setToolTip("Open the answers in a window of their own, to share")
        self.large_button.clicked.connect(self.show_large)
        answers_column = QWidget(self)
        answers_layout = QVBoxLayout(answers_column)
        answers_layout.setContentsMargins(0, 0, 0, 0)
        answers_layout.addWidget(self.answers_view, 1)
        large_row = QHBoxLayout()
        large_row.addStretch(1)
        large_row.addWidget(self.large_button)
        answers_layout.addLayout(large_row)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(order_column)
        splitter.addWidget(answers_column)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([190, 370])

        self.notes_label = QLabel(self)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setPlaceholderText("What they shared, questions, follow-ups")
        self.notes_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.notes_edit.textChanged.connect(self._notes_edited)
        self.notes_label.setBuddy(self.notes_edit)
        self._autosave.watch(self.notes_edit)
        indicator = SaveIndicator(self._autosave, self)
        notes_header = QHBoxLayout()
        notes_header.addWidget(self.notes_label, 1)
        notes_header.addWidget(indicator)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.missing_label)
        layout.addWidget(splitter, 1)
        layout.addLayout(notes_header)
        layout.addWidget(self.notes_edit)
        events = context.events
        events.cohort_did_change.connect(self._cohort_changed)
        events.assignment_did_import.connect(lambda _id: self.reload())
        self.reload()

    # ------------------------------------------------------------------------------ reading

    def order(self) -> list[int]:
        return [
            int(self.order_list.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.order_list.count())
        ]

    def current_person(self) -> int | None:
        item = self.order_list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def reload(self) -> None:
        self._autosave.flush()
        context = self.context
        store = context.store
        everyone = list_participants(store, context.cohort_id)
        self._names = {person.id: person.display_name for person in everyone}
        # The roster of this run: a past round still lists whoever withdrew since.
        roster = [person.id for person in roster_for_run(store, context.run_id)]
        present = {p.id for p in people_in_call(store, context.run_id)}
        self._previous_id = self._previous_module_id()
        self._previous = self._find_module(self._previous_id) if self._previous_id else None
        self._responses = {}
        if self._previous_id:
            for participant_id in roster:
                response = get_response(store, participant_id, self._previous_id)
                if response is not None:
                    self._responses[participant_id] = response
        handed_in = [p for p in roster if self._status(p) in HANDED_IN]
        absent = [p for p in handed_in if p not in present]
        turns = list_sharing_turns(store, context.run_id)
        self._order_saved = bool(turns)
        by_hand = [turn.participant_id for turn in turns] or handed_in
        order = sharing_order(handed_in, absent, self._rng, by_hand=by_hand)
        shared = {turn.participant_id for turn in turns if turn.has_shared}
        self._fill(order, shared)
        self._show_summary(roster, handed_in, absent)

    def flush(self) -> None:
        self._autosave.flush()

    # ------------------------------------------------------------------------------ actions

    def shuffle_order(self) -> None:
        people = self.order()
        shared = self._shared_ids()
        self._save_order(sharing_order(people, (), self._rng))
        self._fill(self.order_from_store(), shared)

    def move_current(self, step: int) -> None:
        row = self.order_list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.order_list.count():
            return
        item = self.order_list.takeItem(row)
        self.order_list.insertItem(target, item)
        self.order_list.setCurrentRow(target)
        self._save_order(self.order())
        self._number_items()

    def show_large(self) -> None:
        if self._large is None:
            self._large = LargeAnswers(self)
        self._large.show_answers(self._large_title(), self._answers_markdown())
        self._large.show()
        self._large.raise_()
        self._large.activateWindow()

    def order_from_store(self) -> list[int]:
        return [
            turn.participant_id
            for turn in list_sharing_turns(self.context.store, self.context.run_id)
        ]

    # ------------------------------------------------------------------------------ internals

    def _previous_module_id(self) -> str:
        number = self.context.module.number - 1
        for run in list_runs(self.context.store, self.context.cohort_id):
            if run.module_number == number:
                return run.module_id
        return ""

    def _status(self, participant_id: int) -> ResponseStatus | None:
        response = self._responses.get(participant_id)
        return None if response is None else response.status

    def _fill(self, order: list[int], shared: set[int]) -> None:
        keep = self.current_person()
        self.order_list.blockSignals(True)
        self.order_list.clear()
        for participant_id in order:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, participant_id)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsDragEnabled
            )
            item.setCheckState(
                Qt.CheckState.Checked if participant_id in shared else Qt.CheckState.Unchecked
            )
            self.order_list.addItem(item)
        self._number_items()
        self.order_list.blockSignals(False)
        ids = self.order()
        self.order_list.setCurrentRow(ids.index(keep) if keep in ids else (0 if ids else -1))
        self._show_current()

    def _number_items(self) -> None:
        """ "1. Ada Lovelace (shared)": the position and the tick in words as well."""
        blocked = self.order_list.blockSignals(True)
        for row in range(self.order_list.count()):
            item = self.order_list.item(row)
            participant_id = int(item.data(Qt.ItemDataRole.UserRole))
            name = self._names.get(participant_id, "Someone")
            done = " (shared)" if item.checkState() == Qt.CheckState.Checked else ""
            item.setText(f"{row + 1}. {name}{done}")
            item.setToolTip(f"{name}: {self._status_words(participant_id)}")
        self.order_list.blockSignals(blocked)
        self._fit_order_column()

    def _fit_order_column(self) -> None:
        """Widen the order column to its longest line, up to a share of the pane: names are
        read at a glance, and only a very long one wraps."""
        listing = self.order_list
        metrics = listing.fontMetrics()
        texts = [listing.item(row).text() for row in range(listing.count())]
        widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
        style = listing.style()
        chrome = (
            style.pixelMetric(style.PixelMetric.PM_IndicatorWidth)
            + style.pixelMetric(style.PixelMetric.PM_ScrollBarExtent)
            + 2 * listing.frameWidth()
            + metrics.horizontalAdvance("M") * 2
        )
        cap = metrics.horizontalAdvance("M") * ORDER_COLUMN_EMS
        listing.setMinimumWidth(min(widest + chrome, cap))

    def _status_words(self, participant_id: int) -> str:
        status = self._status(participant_id)
        return (
            "imported from a hand-back file" if status is ResponseStatus.IMPORTED else "submitted"
        )

    def _shared_ids(self) -> set[int]:
        return {
            int(self.order_list.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.order_list.count())
            if self.order_list.item(row).checkState() == Qt.CheckState.Checked
        }

    def _save_order(self, order: list[int]) -> None:
        set_sharing_order(self.context.store, self.context.run_id, order)
        self._order_saved = True

    def _tick_changed(self, item: QListWidgetItem) -> None:
        if not self._order_saved:
            self._save_order(self.order())
        participant_id = int(item.data(Qt.ItemDataRole.UserRole))
        shared = item.checkState() == Qt.CheckState.Checked
        mark_shared(self.context.store, self.context.run_id, participant_id, shared)
        self._number_items()

    def _rows_moved(
        self,
        _parent: QModelIndex | QPersistentModelIndex,
        _start: int,
        _end: int,
        _destination: QModelIndex | QPersistentModelIndex,
        _row: int,
    ) -> None:
        """A drag within the list reordered it: keep that order."""
        self._save_order(self.order())
        self._number_items()

    def _show_summary(self, roster: list[int], handed_in: list[int], absent: list[int]) -> None:
        if not self._previous_id:
            self.summary_label.setText("No earlier session, so no assignment to share.")
            self.missing_label.hide()
            return
        number = self.context.module.number - 1
        self.summary_label.setText(
            f"Session {number} assignment: {len(handed_in)} of {len(roster)} handed in"
        )
        drafts = [self._names[p] for p in roster if self._status(p) is ResponseStatus.DRAFT]
        missing = [self._names[p] for p in roster if self._status(p) is None]
        parts = []
        if absent:
            parts.append("Absent, skipped: " + ", ".join(self._names[p] for p in absent) + ".")
        if missing:
            parts.append("Nothing handed in: " + ", ".join(missing) + ".")
        if drafts:
            parts.append("Draft only: " + ", ".join(drafts) + ".")
        self.missing_label.setText(" ".join(parts))
        self.missing_label.setVisible(bool(parts))

    def _show_current(self) -> None:
        self._autosave.flush()
        participant_id = self.current_person()
        has = participant_id is not None
        self.up_button.setEnabled(has and self.order_list.currentRow() > 0)
        self.down_button.setEnabled(
            has and self.order_list.currentRow() < self.order_list.count() - 1
        )
        self.large_button.setEnabled(has)
        self.notes_edit.setEnabled(has)
        self.random_button.setEnabled(self.order_list.count() > 1)
        self.answers_view.set_markdown(self._answers_markdown())
        name = self._names.get(participant_id, "") if participant_id is not None else ""
        self.notes_label.setText(f"&Notes on {name}'s sharing" if name else "Notes")
        self.notes_edit.setAccessibleName(f"Notes on {name}'s sharing" if name else "Notes")
        self.notes_edit.blockSignals(True)
        note = self._note_of(participant_id) if participant_id is not None else None
        self.notes_edit.setPlainText(note.text if note is not None else "")
        self.notes_edit.blockSignals(False)
        if self._large is not None and self._large.isVisible():
            self._large.show_answers(self._large_title(), self._answers_markdown())

    def _answers_markdown(self) -> str:
        participant_id = self.current_person()
        if participant_id is None:
            return "*Nobody is in the round yet.*"
        name = plain_inline(self._names.get(participant_id, "Someone"))
        response = self._responses.get(participant_id)
        if response is None:
            return f"## {name}\n\n*No answers found.*"
        parts = [f"## {name}"]
        if self._previous is None or self._previous.assignment is None:
            parts.append(
                "*The module of this assignment is not installed, so its answers cannot be shown.*"
            )
        else:
            parts.append(
                answers_to_markdown(self._previous.assignment, response.values, heading_level=3)
            )
        return "\n\n".join(parts)

    def _large_title(self) -> str:
        participant_id = self.current_person()
        name = self._names.get(participant_id, "") if participant_id is not None else ""
        title = (
            self._previous.assignment.title if self._previous and self._previous.assignment else ""
        )
        return " · ".join(part for part in (name, title) if part) or "Answers"

    def _note_of(self, participant_id: int) -> NoteView | None:
        """The note this segment holds by ``participant_id``, which the notes field edits."""
        context = self.context
        for note in list_notes(context.store, context.run_id, segment_id=context.segment.id):
            if note.participant_id == participant_id and note.room_id is None:
                return note
        return None

    def _notes_edited(self) -> None:
        participant_id = self.current_person()
        if participant_id is None:
            return
        text = self.notes_edit.toPlainText()
        self._autosave.schedule(
            ("note", participant_id), lambda: self._write_note(participant_id, text)
        )

    def _write_note(self, participant_id: int, text: str) -> None:
        context = self.context
        existing = self._note_of(participant_id)
        if existing is not None:
            note = edit_note(context.store, existing.id, text=text)
        else:
            note = add_note(
                context.store,
                context.run_id,
                context.segment.id,
                text,
                participant_id=participant_id,
                author_kind=AuthorKind.PARTICIPANT,
            )
        context.events.note_did_save.emit(note.id)

    def _cohort_changed(self, cohort_id: int) -> None:
        if cohort_id == self.context.cohort_id:
            self.reload()
