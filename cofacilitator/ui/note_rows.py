"""The parts of the notes pane: the field a new note is typed in, and one row per note.

A row reads "Name /" and the answer, editable in place, with its visibility as a word and a
Delete beside it.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QTextEdit,
    QToolButton,
    QWidget,
)

from cofacilitator.notes import NoteView
from cofacilitator.store.models import Visibility

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

ENTRY_LINES = 3
"""Visible lines of the new-note field: enough for a sentence or two without scrolling."""


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


class CompactVisibilityPicker(VisibilityPicker):
    """A note's visibility in a list of notes: as wide as the word it shows, so the note's
    text keeps the width; the list it opens still shows every choice whole."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentIndexChanged.connect(lambda _row: self.updateGeometry())

    def sizeHint(self) -> QSize:
        return self._fitted(super().sizeHint())

    def minimumSizeHint(self) -> QSize:
        return self._fitted(super().minimumSizeHint())

    def _fitted(self, size: QSize) -> QSize:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        metrics = self.fontMetrics()
        text = QSize(metrics.horizontalAdvance(self.currentText()), metrics.height())
        fitted = self.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, text, self)
        return QSize(fitted.width(), size.height())


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
        self.visibility_box = CompactVisibilityPicker(self)
        self.visibility_box.view().setMinimumWidth(
            self.fontMetrics().horizontalAdvance(VISIBILITY_LABELS[Visibility.OFF_RECORD]) * 3 // 2
        )
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
