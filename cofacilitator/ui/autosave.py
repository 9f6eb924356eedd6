"""Saving from the capture panes: the debounced autosave, and what it tells the facilitator.

A facilitator types while people talk and never presses "Save". Each keystroke restarts one
single-shot ``QTimer``; when typing pauses for ``delay_ms`` the latest edit of every field is
written, each in its own short transaction through the core. Leaving a field (focus out), the
segment or the window writes at once, so nothing typed is ever only on screen. The timer only
decides *when*; the store stays the single source of truth.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget
from sqlalchemy.exc import SQLAlchemyError

SAVED = "Saved"
SAVING = "Saving…"
NOT_SAVED = "Not saved"

Write = Callable[[], None]

_FLUSHING_EVENTS = frozenset({QEvent.Type.FocusOut, QEvent.Type.Hide, QEvent.Type.Close})


class Autosave(QObject):
    """Pending writes keyed by what they change; a later edit of the same key replaces the
    earlier one, so a burst of keystrokes becomes one write.

    ``status_changed`` carries the text for a :class:`SaveIndicator`.
    """

    status_changed = Signal(str)
    saved = Signal()
    """Pending writes were made and all succeeded (after a timeout or a flush)."""

    def __init__(self, delay_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: dict[Hashable, Write] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self._status = ""

    @property
    def status(self) -> str:
        return self._status

    @property
    def pending(self) -> bool:
        return bool(self._pending)

    def schedule(self, key: Hashable, write: Write) -> None:
        """Remember ``write`` as the latest edit of ``key`` and restart the countdown."""
        self._pending[key] = write
        self._timer.start()
        self._set_status(SAVING)

    def cancel(self, key: Hashable) -> None:
        """Forget a pending edit, e.g. of a record that was just deleted."""
        self._pending.pop(key, None)
        if not self._pending:
            self._timer.stop()
            if self._status == SAVING:
                self._set_status(SAVED)

    def flush(self) -> None:
        """Write everything pending now; a write that fails stays pending for the next try."""
        self._timer.stop()
        if not self._pending:
            return
        failed: dict[Hashable, Write] = {}
        problem = ""
        while self._pending:
            key, write = next(iter(self._pending.items()))
            del self._pending[key]
            try:
                write()
            except (SQLAlchemyError, ValueError, OSError) as error:
                failed[key] = write
                problem = str(error).splitlines()[0] if str(error) else type(error).__name__
        if failed:
            self._pending.update(failed)
            self._set_status(f"{NOT_SAVED}: {problem}")
            return
        self._set_status(SAVED)
        self.saved.emit()

    def watch(self, widget: QWidget) -> None:
        """Write at once when ``widget`` loses the focus, is hidden or closed."""
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _FLUSHING_EVENTS and self._pending:
            self.flush()
        return False

    def _set_status(self, text: str) -> None:
        if text != self._status:
            self._status = text
            self.status_changed.emit(text)


class SaveIndicator(QLabel):
    """ "Saving…" while an edit waits, "Saved" once it is in the store, the reason if it is not.

    Words, not a colour, carry the state; the label is quiet (placeholder role) so it does not
    draw the eye during a call.
    """

    def __init__(self, autosave: Autosave, parent: QWidget | None = None) -> None:
        super().__init__(autosave.status, parent)
        self.setAccessibleName("Save status")
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        autosave.status_changed.connect(self.setText)
