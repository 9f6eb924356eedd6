"""The one way to run long work (exports, imports, backups) without freezing the window.

Modelled on Anki's ``QueryOp``: the work is a plain function of the core that touches no widget;
its result or its exception comes back to ``on_success`` / ``on_failure`` on the GUI thread.
While it runs, ``progress_label`` is shown at the right of the parent window's status bar, so the
facilitator knows something is happening without a modal dialog in the middle of a call.

Callers take a :class:`Runner` (default: :class:`ThreadedRunner`); tests hand in a
:class:`SynchronousRunner` so the callbacks have run by the time ``run_op`` returns, the way
Picard swaps its thread pool in tests.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

T = TypeVar("T")


class Runner(Protocol):
    def submit(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        """Run ``work`` and call exactly one of the callbacks on the GUI thread."""


class SynchronousRunner:
    """Runs the work at once on the calling thread: for tests and for scripts."""

    def submit(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        try:
            result = work()
        except Exception as error:
            on_failure(error)
            return
        on_success(result)


class _Relay(QObject):
    """Lives on the GUI thread; a signal emitted from the worker is queued back to it.

    It is parented to the application so it outlives the call that made it, and deletes itself
    once it has delivered the outcome.
    """

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self, on_success: Callable[[Any], None], on_failure: Callable[[BaseException], None]
    ) -> None:
        super().__init__(QCoreApplication.instance())
        self._on_success = on_success
        self._on_failure = on_failure
        self.succeeded.connect(self._deliver_success)
        self.failed.connect(self._deliver_failure)

    @Slot(object)
    def _deliver_success(self, result: Any) -> None:
        try:
            self._on_success(result)
        finally:
            self.deleteLater()

    @Slot(object)
    def _deliver_failure(self, error: BaseException) -> None:
        try:
            self._on_failure(error)
        finally:
            self.deleteLater()


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:
            self._relay.failed.emit(error)
            return
        self._relay.succeeded.emit(result)


class ThreadedRunner:
    """Runs the work on a Qt thread pool and queues the outcome back to the GUI thread."""

    def __init__(self, pool: QThreadPool | None = None) -> None:
        self._pool = pool or QThreadPool.globalInstance()

    def submit(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        self._pool.start(_Job(work, _Relay(on_success, on_failure)))


class _ProgressLabel(QLabel):
    """A permanent status bar label listing what runs in the background.

    Permanent, so it never wipes a message the window is showing; one per window, made on first
    use, hidden whenever nothing runs.
    """

    OBJECT_NAME = "background-progress"

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName(self.OBJECT_NAME)
        self.setAccessibleName("Background work")
        self._running: list[str] = []
        self.hide()

    @classmethod
    def of(cls, window: QMainWindow) -> _ProgressLabel:
        label = window.findChild(_ProgressLabel, cls.OBJECT_NAME)
        if label is None:
            label = cls()
            window.statusBar().addPermanentWidget(label)
        return label

    def begin(self, text: str) -> None:
        self._running.append(text)
        self._show_latest()

    def end(self, text: str) -> None:
        self._running.remove(text)
        self._show_latest()

    def _show_latest(self) -> None:
        self.setText(self._running[-1] if self._running else "")
        self.setVisible(bool(self._running))


def progress_text(parent: QWidget | None) -> str:
    """What the parent window's status bar says is running, for tests and screenshots."""
    window = parent.window() if parent is not None else None
    if not isinstance(window, QMainWindow):
        return ""
    label = window.findChild(_ProgressLabel, _ProgressLabel.OBJECT_NAME)
    return label.text() if label is not None else ""


def run_op(
    parent: QWidget | None,
    work: Callable[[], T],
    on_success: Callable[[T], None],
    on_failure: Callable[[BaseException], None],
    progress_label: str = "",
    *,
    runner: Runner | None = None,
) -> None:
    """Run ``work`` off the GUI thread; exactly one callback runs afterwards, on the GUI thread.

    ``work`` must not touch widgets or ORM objects owned by the GUI thread: give it plain data
    and a session factory. ``on_failure`` receives the exception ``work`` raised.
    """
    window = parent.window() if parent is not None else None
    progress = (
        _ProgressLabel.of(window) if isinstance(window, QMainWindow) and progress_label else None
    )
    if progress is not None:
        progress.begin(progress_label)

    def done() -> None:
        if progress is not None:
            progress.end(progress_label)

    def succeeded(result: T) -> None:
        done()
        on_success(result)

    def failed(error: BaseException) -> None:
        done()
        on_failure(error)

    (runner or ThreadedRunner()).submit(work, succeeded, failed)
