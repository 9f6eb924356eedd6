"""The runner's centre column: the segment's text above, its capture pane below.

The text says what to do and ask; the pane is where the facilitator types all session. So the
pane gets the room the text does not need: a short text is given only its own height, a long one
a share of the column (the share the facilitator last dragged the divider to), and the text can be
hidden altogether while the pane needs every line. A segment with nothing to capture leaves the
column to its text.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QPushButton, QSplitter, QWidget

from cofacilitator.sessions.schema import SegmentKind
from cofacilitator.ui.markdown_view import LinkOpener, MarkdownView
from cofacilitator.ui.pane_context import PaneFactory
from cofacilitator.ui.pane_holder import NO_HEIGHT_LIMIT, PaneHolder

TEXT_SHARE = 0.36
"""The part of the column a long segment text gets until the facilitator drags the divider."""
MIN_TEXT_LINES = 4
"""The text never gets fewer lines than this while it is shown: its title and first lines."""
TEXT_KEY = "Ctrl+T"


class SegmentColumn(QSplitter):
    """The segment's text and the holder of its capture pane, one above the other."""

    def __init__(
        self,
        factories: Mapping[SegmentKind, PaneFactory],
        *,
        open_link: LinkOpener,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self._share = TEXT_SHARE
        self._fitting = False
        self.content = MarkdownView(open_link=open_link)
        self.content.setAccessibleName("Segment content")
        self.holder = PaneHolder(factories, self)
        self.addWidget(self.content)
        self.addWidget(self.holder)
        self.setChildrenCollapsible(False)
        self.setStretchFactor(0, 2)
        self.setStretchFactor(1, 3)
        self.splitterMoved.connect(self._divider_dragged)
        # The view lays a new text out lazily, in steps: its height is known when it says so.
        layout = self.content.document().documentLayout()
        layout.documentSizeChanged.connect(lambda _size: self.fit())

        # No parent yet: a splitter makes every child a section. The page puts it in its header.
        # A plain button whose words change: a pressed look would read as "hidden" or "shown"
        # depending on who looks.
        self._text_shown = True
        self.text_button = QPushButton()
        self.text_button.clicked.connect(self.toggle_text)
        self._label_text_button()

    @property
    def text_shown(self) -> bool:
        return self._text_shown

    def show_text(self, shown: bool) -> None:
        """Show or hide the segment's text; hidden, the pane has the whole column."""
        self._text_shown = shown
        self.content.setVisible(shown)
        self._label_text_button()
        self.fit()

    def toggle_text(self) -> None:
        self.show_text(not self.text_shown)

    def fit(self) -> None:
        """Give the text what it needs up to its share, and the rest to the pane."""
        if not self.content.isVisibleTo(self) or self._fitting:
            return
        total = self.height() - self.handleWidth()
        if total <= 0:
            return
        pane_limit = self.holder.maximumHeight()
        if pane_limit < NO_HEIGHT_LIMIT:  # nothing to capture: a line, and the text the rest
            pane = min(pane_limit, total // 2)
        else:
            least = self.content.fontMetrics().lineSpacing() * MIN_TEXT_LINES
            text = max(least, min(math.floor(total * self._share), self._text_height()))
            pane = total - text
        self._fitting = True
        try:
            self.setSizes([total - pane, pane])
        finally:
            self._fitting = False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def _text_height(self) -> int:
        """The height the text takes laid out at the view's width, frame included."""
        document = self.content.document()
        return math.ceil(document.size().height()) + 2 * self.content.frameWidth()

    def _divider_dragged(self, position: int, _index: int) -> None:
        """The facilitator's own split becomes the share a long text gets from now on."""
        if self._fitting:
            return
        total = self.height() - self.handleWidth()
        if total > 0 and self.holder.maximumHeight() >= NO_HEIGHT_LIMIT:
            self._share = min(0.9, max(0.1, position / total))

    def _label_text_button(self) -> None:
        shown = self.text_shown
        self.text_button.setText("Hide segment text" if shown else "Show segment text")
        self.text_button.setAccessibleName(
            "Hide the segment's text" if shown else "Show the segment's text"
        )
        self.text_button.setToolTip(
            (
                "Give the capture pane the whole column"
                if shown
                else "Show what to do and ask in this segment again"
            )
            + f" ({TEXT_KEY})"
        )
