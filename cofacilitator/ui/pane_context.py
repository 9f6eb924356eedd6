"""What every capture pane of the session runner is given, and the shape it must have.

The runner frame (agenda, timer, content) owns one pane per segment kind. Panes read and write only
through the core API with the store they are handed, and announce writes through ``events``; they
never reach into another widget. ``autosave_ms`` is the debounce a pane waits after the last
keystroke before writing, well under the one second the product promises.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from cofacilitator.sessions.schema import Module, Segment
from cofacilitator.store.database import Store
from cofacilitator.ui.events import Events


@dataclass(frozen=True)
class PaneContext:
    store: Store
    events: Events
    cohort_id: int
    run_id: int
    module: Module
    segment: Segment
    autosave_ms: int = 400


class CapturePane(QWidget):
    """Base of the panes: built for one segment of one run, refreshed when the store changes."""

    def __init__(self, context: PaneContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context

    def reload(self) -> None:
        """Re-read what the pane shows from the store (after an import or an edit elsewhere)."""

    def flush(self) -> None:
        """Write any pending debounced edit now (called when leaving the segment or closing)."""


PaneFactory = Callable[[PaneContext], CapturePane]
