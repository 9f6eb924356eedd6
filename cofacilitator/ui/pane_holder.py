"""The runner's slot for the capture pane: the pane for the current segment's kind, or a line
saying there is nothing to capture, and the order Tab goes through it.

A pane is made fresh for each segment from the factory for its kind and deleted when the
segment is left, after the page has flushed it.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from cofacilitator.sessions.schema import SegmentKind
from cofacilitator.ui.pane_context import CapturePane, PaneContext, PaneFactory

NOTHING_TO_CAPTURE = "Nothing to capture in this segment"

NO_HEIGHT_LIMIT = 16_777_215
"""Qt's QWIDGETSIZE_MAX, which PySide does not export."""


def _descendants(widget: QWidget) -> list[QWidget]:
    """Child widgets depth first, each parent's children in the order they were made."""
    found: list[QWidget] = []
    for child in widget.children():
        if isinstance(child, QWidget):
            found.append(child)
            found += _descendants(child)
    return found


def pane_focus_chain(pane: QWidget) -> list[QWidget]:
    """The pane's focusable widgets in the order its own tab chain sets, entered at the top.

    A pane orders its widgets itself; the page only has to enter that order at the widget that
    comes first in the pane (not wherever the window's chain happens to reach it first).
    """
    focusable = [w for w in _descendants(pane) if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    if pane.focusPolicy() & Qt.FocusPolicy.TabFocus:
        focusable.insert(0, pane)
    wanted = set(focusable)
    ordered: list[QWidget] = []
    widget = focusable[0] if focusable else None
    for _ in range(len(_descendants(pane.window())) + 1):
        if widget is None or len(ordered) == len(wanted):
            break
        if widget in wanted and widget not in ordered:
            ordered.append(widget)
        widget = widget.nextInFocusChain()
    return ordered


class PaneHolder(QFrame):
    """Holds at most one pane; :meth:`show_pane` replaces it."""

    def __init__(
        self, factories: Mapping[SegmentKind, PaneFactory], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._factories = dict(factories)
        self._pane: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def pane(self) -> QWidget | None:
        return self._pane

    def show_pane(self, context: PaneContext | None) -> None:
        """The pane for ``context``'s segment; None leaves the slot empty."""
        if self._pane is not None:
            self._layout.removeWidget(self._pane)
            self._pane.hide()
            self._pane.deleteLater()
            self._pane = None
        if context is None:
            return
        factory = self._factories.get(context.segment.kind)
        pane = _placeholder() if factory is None else factory(context)
        self._layout.addWidget(pane)
        pane.show()
        self._pane = pane
        # A placeholder needs one line; the content then gets the rest of the column.
        self.setMaximumHeight(pane.sizeHint().height() * 2 if factory is None else NO_HEIGHT_LIMIT)

    def flush(self) -> None:
        """Write the pane's pending edit; called before anything leaves the segment."""
        if isinstance(self._pane, CapturePane):
            self._pane.flush()

    def focus_chain(self) -> list[QWidget]:
        return pane_focus_chain(self._pane) if self._pane is not None else []


def _placeholder() -> QLabel:
    label = QLabel(NOTHING_TO_CAPTURE)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setAccessibleName(NOTHING_TO_CAPTURE)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label
