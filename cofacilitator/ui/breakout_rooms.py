"""A breakout room as the pane shows it: a column with its prompt, its people and its notes.

People are dragged from one room's list to another's (or to "Not in a room"); each drop is
reported to the pane, which moves the person in the store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QByteArray, QMimeData, Qt
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QPalette,
    QResizeEvent,
    QTextLayout,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.breakouts import Room

PERSON_MIME = "application/x-cofacilitator-person"
"""What a dragged person carries: their participant id, as text."""
ROOM_WIDTH_EMS = 15
"""A room column fits a name and a prompt's first words; more rooms scroll sideways."""
MIN_LIST_LINES = 3
"""A room's people and notes keep a few lines; below that the rooms scroll."""
PROMPT_EDIT_MARGIN = 8
"""Pixels of a line edit taken by its inner margins rather than its text."""
PROMPT_LINES = 3
"""Lines of a long prompt shown under its box; the people and the notes need the height."""


def elided_lines(text: str, font: QFont, width: int, lines: int) -> str:
    """``text`` wrapped at ``width``, cut to ``lines`` lines with "…" when it goes on."""
    if width <= 0:
        return text
    layout = QTextLayout(text, font)
    layout.beginLayout()
    kept: list[str] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        kept.append(text[line.textStart() : line.textStart() + line.textLength()])
        if len(kept) == lines:
            rest = text[line.textStart() :]
            kept[-1] = QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)
            break
    layout.endLayout()
    return "\n".join(part.rstrip() for part in kept)


Moved = Callable[[int, int | None], None]
"""(participant id, room index or None for "not in a room")."""


class PeopleList(QListWidget):
    """People in one room, or in none (``room`` None); people are dragged between these lists.

    A drop asks the pane to move the person (``on_drop``) instead of moving the item itself,
    so the arrangement in the store stays the one truth and every list is redrawn from it.
    """

    def __init__(self, room: int | None, on_drop: Moved, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.room = room
        self._on_drop = on_drop
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)

    def person_ids(self) -> list[int]:
        return [int(self.item(row).data(Qt.ItemDataRole.UserRole)) for row in range(self.count())]

    def select_person(self, participant_id: int) -> bool:
        for row in range(self.count()):
            if self.item(row).data(Qt.ItemDataRole.UserRole) == participant_id:
                self.setCurrentRow(row)
                return True
        return False

    def mimeTypes(self) -> list[str]:
        return [PERSON_MIME]

    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:
        data = QMimeData()
        ids = ",".join(str(item.data(Qt.ItemDataRole.UserRole)) for item in items)
        data.setData(PERSON_MIME, QByteArray(ids.encode()))
        data.setText(", ".join(item.text() for item in items))
        return data

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(PERSON_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(PERSON_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        data = event.mimeData()
        if not data.hasFormat(PERSON_MIME):
            event.ignore()
            return
        ids = [
            int(part) for part in bytes(data.data(PERSON_MIME).data()).decode().split(",") if part
        ]
        # Copy, not Move, tells the source list to leave its items alone: the pane redraws both.
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        for participant_id in ids:
            self._on_drop(participant_id, self.room)

    def show_people(self, members: Sequence[int], names: dict[int, str]) -> None:
        """List ``members`` by name; nothing is redrawn when they are already the ones shown."""
        if self.person_ids() == list(members):
            return
        self.blockSignals(True)
        self.clear()
        for participant_id in members:
            item = QListWidgetItem(names.get(participant_id, "Someone"))
            item.setData(Qt.ItemDataRole.UserRole, participant_id)
            self.addItem(item)
        self.blockSignals(False)


class RoomColumn(QFrame):
    """One room: its name and size, its prompt, its people and its notes."""

    def __init__(
        self,
        index: int,
        prompts: Sequence[str],
        on_drop: Moved,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.index = index
        self.setFrameShape(QFrame.Shape.StyledPanel)
        width = self.fontMetrics().horizontalAdvance("M") * ROOM_WIDTH_EMS
        self.setMinimumWidth(width)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.title_label = QLabel(self)
        bold = QFont(self.title_label.font())
        bold.setBold(True)
        self.title_label.setFont(bold)
        self.prompt_box = QComboBox(self)
        self.prompt_box.setEditable(True)
        self.prompt_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.prompt_box.addItems(list(prompts))
        self.prompt_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.prompt_box.setMinimumContentsLength(8)
        # The popup lists the prompts whole, however narrow the room's column.
        self.prompt_box.view().setTextElideMode(Qt.TextElideMode.ElideNone)
        self.prompt_box.view().setWordWrap(True)
        self.prompt_box.editTextChanged.connect(lambda _text: self._show_whole_prompt())
        self.prompt_label = QLabel(self)  # wrapped by ``elided_lines``, not by the label
        self.prompt_label.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.prompt_label.hide()
        self.people = PeopleList(index, on_drop, self)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setPlaceholderText("What the room reports back")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.title_label)
        layout.addWidget(self.prompt_box)
        layout.addWidget(self.prompt_label)
        lines = self.fontMetrics().lineSpacing()
        self.people.setMinimumHeight(lines * MIN_LIST_LINES)
        self.notes_edit.setMinimumHeight(lines * MIN_LIST_LINES)
        layout.addWidget(self.people, 3)
        layout.addWidget(self.notes_edit, 2)

    def show_room(self, room: Room, names: dict[int, str]) -> None:
        count = len(room.members)
        self.title_label.setText(f"{room.name} · {count} {'person' if count == 1 else 'people'}")
        self.prompt_box.setAccessibleName(f"Prompt for {room.name}")
        self.prompt_label.setAccessibleName(f"Whole prompt for {room.name}")
        self.people.setAccessibleName(f"People in {room.name}")
        self.notes_edit.setAccessibleName(f"Notes from {room.name}")
        if not self.prompt_box.hasFocus():
            if self.prompt_box.currentText() != room.prompt:
                self.prompt_box.setEditText(room.prompt)
            # From the start: a long prompt's first words say which one it is.
            self.prompt_box.lineEdit().setCursorPosition(0)
        self.people.show_people(room.members, names)
        self._show_whole_prompt()

    def prompt_fits(self) -> bool:
        """Whether the prompt's whole text shows in its box."""
        edit = self.prompt_box.lineEdit()
        needed = edit.fontMetrics().horizontalAdvance(self.prompt_box.currentText())
        return needed <= edit.width() - PROMPT_EDIT_MARGIN

    def _show_whole_prompt(self) -> None:
        """A prompt too long for its box goes on under it, for a few lines: enough to tell
        two prompts that start alike apart. The whole text is the tooltip of both."""
        text = self.prompt_box.currentText()
        self.prompt_box.setToolTip(text)
        self.prompt_label.setToolTip(text)
        # The label spans the column as the box does; while hidden it has no width of its own.
        width = self.prompt_box.width()
        self.prompt_label.setText(elided_lines(text, self.prompt_label.font(), width, PROMPT_LINES))
        self.prompt_label.setVisible(bool(text) and not self.prompt_fits())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show_whole_prompt()
