"""The bar that offers to bring back what was just deleted, in the panes where a click deletes.

Deleting during a call must be quick and must not ask "are you sure?"; instead the bar says what
went and offers Undo, as a button and as Ctrl+Z anywhere in the pane.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

UNDO_KEY = "Ctrl+Z"
PREVIEW_LENGTH = 40


def shortened(text: str, length: int = PREVIEW_LENGTH) -> str:
    """The start of ``text``, enough to recognise what was deleted."""
    return text if len(text) <= length else text[: length - 1] + "…"


class UndoBar(QFrame):
    """Hidden until :meth:`show_deleted`; ``undo_requested`` when the person asks for it back."""

    undo_requested = Signal()

    def __init__(self, owner: QWidget, label_name: str) -> None:
        """``owner`` is the pane the shortcut works in; ``label_name`` names the label for
        screen readers ("Deleted note")."""
        super().__init__(owner)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel(self)
        self.label.setAccessibleName(label_name)
        self.button = QPushButton(f"Undo ({UNDO_KEY})", self)
        self.button.setAccessibleName("Undo delete")
        self.button.clicked.connect(self.undo_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 2, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        undo = QShortcut(QKeySequence(UNDO_KEY), owner)
        undo.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo.activated.connect(self.undo_requested)
        self.hide()

    def show_deleted(self, text: str | None) -> None:
        """Say what was deleted last; None (nothing left to undo) hides the bar."""
        if text is None:
            self.hide()
            return
        self.label.setText(text)
        self.show()
