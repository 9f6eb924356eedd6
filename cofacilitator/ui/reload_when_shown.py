"""Re-reading a view when the store changed: at once if it is on screen, else when next shown.

Views listen to the app's announcements, and many changes happen while a view sits in a tab
nobody is looking at. Such a view only remembers that it is out of date, and re-reads once, when
it is shown: no work for a page nobody sees, and never a stale page on screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class ReloadWhenShown(QObject):
    """Calls ``reload`` for ``view`` now or on its next show; the view's own reload calls
    :meth:`mark_fresh`, so a re-read for another reason settles a pending one."""

    def __init__(self, view: QWidget, reload: Callable[[], None]) -> None:
        super().__init__(view)
        self._view = view
        self._reload = reload
        self._stale = False
        view.installEventFilter(self)

    def request(self) -> None:
        if self._view.isVisible():
            self._reload()
        else:
            self._stale = True

    def mark_fresh(self) -> None:
        self._stale = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._view and event.type() == QEvent.Type.Show and self._stale:
            self._reload()
        return False
