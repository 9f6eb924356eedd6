"""End-of-session feedback: the curriculum's plus/delta board plus three reflections.

Five lists side by side in pairs (What worked? / What didn't work, what would you change? / What
surprised you? / What was not clear? / Main takeaway), each with its own field where Enter adds
the line. Feedback is anonymous unless the facilitator picks a name for the next item, and the
picker goes back to Anonymous after every item, so naming someone is always a deliberate act.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.cohorts import list_participants
from cofacilitator.run_roster import roster_for_run
from cofacilitator.session_records import (
    FeedbackView,
    add_feedback,
    delete_feedback,
    list_feedback,
)
from cofacilitator.sessions.schema import FEEDBACK_QUESTIONS, FeedbackKind
from cofacilitator.ui.author_picker import ANONYMOUS, AuthorPicker
from cofacilitator.ui.pane_context import CapturePane, PaneContext
from cofacilitator.ui.undo_bar import UndoBar, shortened

COLUMNS_PER_ROW = 2
MIN_LIST_LINES = 3


class FeedbackColumn(QFrame):
    """One question: what has been said so far, and a field to add the next line."""

    def __init__(self, kind: FeedbackKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        question = FEEDBACK_QUESTIONS[kind]
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title_label = QLabel(question, self)
        self.title_label.setWordWrap(True)
        bold = QFont(self.title_label.font())
        bold.setBold(True)
        self.title_label.setFont(bold)
        self.items = QListWidget(self)
        self.items.setAccessibleName(f"Feedback: {question}")
        self.items.setWordWrap(True)
        self.items.setToolTip("Delete removes the selected line")
        # The board shares the pane's height evenly; a list keeps room for a few lines at least.
        self.items.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.items.setMinimumHeight(self.fontMetrics().lineSpacing() * MIN_LIST_LINES)
        self.entry = QLineEdit(self)
        self.entry.setAccessibleName(f"Add to: {question}")
        self.entry.setPlaceholderText("Type, then Enter")
        self.title_label.setBuddy(self.entry)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.title_label)
        layout.addWidget(self.items, 1)
        layout.addWidget(self.entry)

    def texts(self) -> list[str]:
        return [self.items.item(row).text() for row in range(self.items.count())]


class FeedbackPane(CapturePane):
    """The feedback board of one run."""

    def __init__(self, context: PaneContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setAccessibleName("Feedback")
        self._names: dict[int, str] = {}
        self._deleted: list[FeedbackView] = []

        self.from_box = AuthorPicker([], with_facilitator=False, parent=self)
        self.from_box.setAccessibleName("Feedback from")
        self.from_box.setToolTip("Anonymous unless you pick a name; back to Anonymous after each")
        from_label = QLabel("&From", self)
        from_label.setBuddy(self.from_box)
        hint = QLabel("Anonymous by default; a name applies to the next line only.", self)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(from_label)
        top.addWidget(self.from_box)
        top.addWidget(hint, 1)

        self.columns: dict[FeedbackKind, FeedbackColumn] = {}
        board = QWidget(self)
        grid = QGridLayout(board)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6)
        for position, kind in enumerate(FeedbackKind):
            column = FeedbackColumn(kind, board)
            column.entry.returnPressed.connect(lambda k=kind: self.add_item(k))
            shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), column.items)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda k=kind: self.delete_selected(k))
            row, col = divmod(position, COLUMNS_PER_ROW)
            last = position == len(FeedbackKind) - 1
            grid.addWidget(column, row, col, 1, 1 if not last or col else COLUMNS_PER_ROW)
            self.columns[kind] = column
        for col in range(COLUMNS_PER_ROW):
            grid.setColumnStretch(col, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(board)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.undo_bar = UndoBar(self, "Deleted feedback")
        self.undo_bar.undo_requested.connect(self.undo_delete)
        self.undo_label = self.undo_bar.label
        self.undo_button = self.undo_bar.button

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.undo_bar)
        context.events.cohort_did_change.connect(self._cohort_changed)
        self.reload()

    def reload(self) -> None:
        context = self.context
        everyone = list_participants(context.store, context.cohort_id)
        self._names = {person.id: person.display_name for person in everyone}
        self.from_box.set_people(roster_for_run(context.store, context.run_id))
        items = list_feedback(context.store, context.run_id)
        for kind, column in self.columns.items():
            column.items.clear()
            for item in items:
                if item.kind is kind:
                    column.items.addItem(self._list_item(item))

    def add_item(self, kind: FeedbackKind) -> None:
        column = self.columns[kind]
        text = column.entry.text().strip()
        if not text:
            return
        context = self.context
        item = add_feedback(
            context.store, context.run_id, kind, text, participant_id=self.from_box.participant_id()
        )
        column.items.addItem(self._list_item(item))
        column.items.scrollToBottom()
        column.entry.clear()
        self.from_box.choose(None)

    def delete_selected(self, kind: FeedbackKind) -> None:
        column = self.columns[kind]
        current = column.items.currentItem()
        if current is None:
            return
        deleted = delete_feedback(self.context.store, int(current.data(Qt.ItemDataRole.UserRole)))
        self._deleted.append(deleted)
        column.items.takeItem(column.items.row(current))
        self._show_undo()

    def undo_delete(self) -> None:
        if not self._deleted:
            return
        gone = self._deleted.pop()
        add_feedback(
            self.context.store,
            self.context.run_id,
            gone.kind,
            gone.text,
            participant_id=gone.participant_id,
            at=gone.created_at,
        )
        self.reload()
        self._show_undo()

    def _list_item(self, item: FeedbackView) -> QListWidgetItem:
        author = ANONYMOUS if item.participant_id is None else self._names.get(item.participant_id)
        shown = QListWidgetItem(item.text)
        shown.setData(Qt.ItemDataRole.UserRole, item.id)
        shown.setToolTip(f"From {author}")
        if item.participant_id is not None:
            shown.setText(f"{item.text} ({author})")
        return shown

    def _show_undo(self) -> None:
        last = self._deleted[-1] if self._deleted else None
        self.undo_bar.show_deleted(f"Deleted “{shortened(last.text)}”" if last else None)

    def _cohort_changed(self, cohort_id: int) -> None:
        if cohort_id == self.context.cohort_id:
            self.reload()
