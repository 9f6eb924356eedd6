"""The segment timer as the facilitator sees and drives it during a call.

The panel never counts time itself: it shows a :class:`SegmentTimer` built from the persisted
:class:`TimerState` and an injected clock, and its ``QTimer`` only repaints. Every user action
(start, pause, a minute more or less) emits ``state_changed`` with the new state at once, so the
runner writes it in one short transaction and a crash loses nothing.

When time is up the countdown turns red, reads "+mm:ss" and says "over", so colour is never the
only signal; the panel pulses for a few seconds and plays a chime. PySide6-Essentials ships no
QtMultimedia, so the chime is ``QApplication.beep()`` (the platform's alert sound), which the
facilitator can turn off in the settings.

Keys (shown in every button's tooltip): Space starts and pauses unless a text field or button
has the focus (they keep Space for themselves), Ctrl+Space always does; Ctrl+Up and Ctrl+Down add
or take a minute; Ctrl+Right or Page Down moves to the next segment, Ctrl+Left or Page Up back.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeyEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.timer import Clock, SegmentTimer, TimerState, format_clock, format_remaining
from cofacilitator.ui.palette_colours import blend

REPAINT_MS = 250
"""Four repaints a second keep the seconds display crisp without measurable load."""

PULSE_SECONDS = 10.0
"""How long the panel pulses after time runs out; after that it stays red but still."""

BIG_TIMER_SCALE = 4.0
"""The countdown's size relative to the app font, so Ctrl+plus enlarges it too."""

START_PAUSE_KEYS = ("Ctrl+Space",)
ADD_MINUTE_KEYS = ("Ctrl+Up",)
REMOVE_MINUTE_KEYS = ("Ctrl+Down",)
NEXT_KEYS = ("Ctrl+Right",)
PREVIOUS_KEYS = ("Ctrl+Left",)
BARE_START_PAUSE = "Space"
BARE_NEXT = "PgDown"
BARE_PREVIOUS = "PgUp"

_TYPING_WIDGETS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox)


def overrun_colour(palette: QPalette) -> QColor:
    """A red with enough contrast on the current background, light theme or dark."""
    if palette.color(QPalette.ColorRole.Window).lightness() < 128:
        return QColor("#ff7b72")
    return QColor("#b3261e")


def _keys_text(*keys: str) -> str:
    """Key names as the platform spells them, for tooltips ("Ctrl+Space or Space")."""
    native = [QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) for key in keys]
    return " or ".join(native)


def _keeps_bare_key(widget: QWidget | None) -> bool:
    """Whether the focused widget needs Space / Page keys for itself (typing, pressing)."""
    if widget is None:
        return False
    if isinstance(widget, QTextEdit) and widget.isReadOnly():
        return False
    return isinstance(widget, (*_TYPING_WIDGETS, QAbstractButton))


class TimerPanel(QWidget):
    """Countdown, progress and the buttons that drive the current segment's timer.

    ``state_changed`` carries the new :class:`TimerState` after every user action, for the caller
    to persist. ``next_requested`` / ``previous_requested`` ask the runner to change segment; the
    panel does not know the agenda. ``time_up`` fires once per segment when time runs out while
    the panel watches.
    """

    state_changed = Signal(object)
    next_requested = Signal()
    previous_requested = Signal()
    time_up = Signal()

    def __init__(
        self,
        *,
        clock: Clock = time.monotonic,
        wall: Clock = time.time,
        sound_on: Callable[[], bool] = lambda: True,
        chime: Callable[[], None] = QApplication.beep,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("timerPanel")
        self.setAccessibleName("Segment timer")
        self._clock = clock
        self._wall = wall
        self._sound_on = sound_on
        self._chime = chime
        self._timer: SegmentTimer | None = None
        self._announced_over = False
        self._over = False
        self._pulse_on = False
        self._shown: tuple[str, str, int, str] | None = None

        self._build_actions()
        self._build_widgets()
        self._apply_fonts()

        self._repaint = QTimer(self)
        self._repaint.setInterval(REPAINT_MS)
        self._repaint.timeout.connect(self.refresh)
        self._repaint.start()
        self.show_timer(None)

    # ------------------------------------------------------------------------------ building

    def _build_actions(self) -> None:
        self.start_pause_action = self._action(
            "Start", START_PAUSE_KEYS, (BARE_START_PAUSE,), self.toggle
        )
        self.add_minute_action = self._action(
            "+1 min", ADD_MINUTE_KEYS, (), lambda: self.add_minutes(1)
        )
        self.remove_minute_action = self._action(
            "−1 min", REMOVE_MINUTE_KEYS, (), lambda: self.add_minutes(-1)
        )
        self.previous_action = self._action(
            "◀ Previous", PREVIOUS_KEYS, (BARE_PREVIOUS,), self.previous_requested.emit
        )
        self.next_action = self._action("Next ▶", NEXT_KEYS, (BARE_NEXT,), self.next_requested.emit)
        self.add_minute_action.setToolTip(
            f"Give this segment one more minute ({_keys_text(*ADD_MINUTE_KEYS)})"
        )
        self.remove_minute_action.setToolTip(
            f"Take a minute off this segment ({_keys_text(*REMOVE_MINUTE_KEYS)})"
        )
        self.previous_action.setToolTip(
            f"Back to the previous segment ({_keys_text(*PREVIOUS_KEYS, BARE_PREVIOUS)})"
        )
        self.next_action.setToolTip(
            f"Finish this segment and go to the next ({_keys_text(*NEXT_KEYS, BARE_NEXT)})"
        )
        self._bare_keys: dict[str, QAction] = {
            BARE_START_PAUSE: self.start_pause_action,
            BARE_NEXT: self.next_action,
            BARE_PREVIOUS: self.previous_action,
        }

    def _action(
        self, text: str, keys: tuple[str, ...], bare: tuple[str, ...], slot: Callable[[], None]
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setProperty("bare_keys", list(bare))
        action.triggered.connect(slot)
        return action

    def _build_widgets(self) -> None:
        self._frame = QFrame(self)
        self._frame.setObjectName("timerFrame")
        self._frame.setFrameShape(QFrame.Shape.StyledPanel)

        self.title_label = QLabel(self._frame)
        self.title_label.setWordWrap(True)
        self.title_label.setAccessibleName("Current segment")

        self.remaining_label = QLabel("00:00", self._frame)
        self.remaining_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.remaining_label.setAccessibleName("Time remaining")
        self.remaining_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

        self.status_label = QLabel(self._frame)
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName("Timer status")

        self.progress = QProgressBar(self._frame)
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName("Share of the segment's time used")
        self.progress.setMaximumHeight(max(6, self.fontMetrics().height() // 2))

        self.start_pause_button = self._button(self.start_pause_action, "Start or pause the timer")
        self.add_minute_button = self._button(self.add_minute_action, "Add one minute")
        self.remove_minute_button = self._button(self.remove_minute_action, "Take one minute off")
        self.previous_button = self._button(self.previous_action, "Previous segment")
        self.next_button = self._button(self.next_action, "Next segment")

        self.keys_label = QLabel(self._frame)
        self.keys_label.setWordWrap(True)
        self.keys_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.keys_label.setAccessibleName("Timer keys")
        self.keys_label.setText(
            f"{_keys_text(BARE_START_PAUSE)} start/pause (outside text fields; "
            f"{_keys_text(*START_PAUSE_KEYS)} anywhere) · "
            f"{_keys_text(BARE_NEXT)}/{_keys_text(BARE_PREVIOUS)} next/previous · "
            f"{_keys_text(*ADD_MINUTE_KEYS)}/{_keys_text(*REMOVE_MINUTE_KEYS)} ±1 min"
        )

        minutes_row = QHBoxLayout()
        minutes_row.addWidget(self.start_pause_button, 2)
        minutes_row.addWidget(self.remove_minute_button, 1)
        minutes_row.addWidget(self.add_minute_button, 1)
        segments_row = QHBoxLayout()
        segments_row.addWidget(self.previous_button)
        segments_row.addWidget(self.next_button)

        inner = QVBoxLayout(self._frame)
        inner.addWidget(self.title_label)
        inner.addWidget(self.remaining_label)
        inner.addWidget(self.status_label)
        inner.addWidget(self.progress)
        inner.addLayout(minutes_row)
        inner.addLayout(segments_row)
        inner.addWidget(self.keys_label)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._frame)

        self.setTabOrder(self.start_pause_button, self.remove_minute_button)
        self.setTabOrder(self.remove_minute_button, self.add_minute_button)
        self.setTabOrder(self.add_minute_button, self.previous_button)
        self.setTabOrder(self.previous_button, self.next_button)

    def _button(self, action: QAction, name: str) -> QPushButton:
        button = QPushButton(action.text(), self._frame)
        button.setAccessibleName(name)
        button.setToolTip(action.toolTip())
        button.clicked.connect(action.trigger)
        action.changed.connect(lambda: self._mirror(button, action))
        return button

    @staticmethod
    def _mirror(button: QPushButton, action: QAction) -> None:
        button.setText(action.text())
        button.setToolTip(action.toolTip())
        button.setEnabled(action.isEnabled())

    def install_shortcuts(self, scope: QWidget) -> None:
        """Make the keys work anywhere inside ``scope`` (the runner page), not just in the panel.

        Modifier keys are plain actions. Space and the Page keys go through a guard, because a
        text field or a focused button needs them more than the timer does.
        """
        actions = [
            self.start_pause_action,
            self.add_minute_action,
            self.remove_minute_action,
            self.previous_action,
            self.next_action,
        ]
        scope.addActions(actions)
        for key, action in self._bare_keys.items():
            shortcut = QShortcut(QKeySequence(key), scope)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda key=key, action=action: self._bare_key(key, action))

    def _bare_key(self, key: str, action: QAction) -> None:
        """Hand the key to a focused text field or button; otherwise it drives the timer.

        The key goes straight to the widget's handlers: posting it as an event would meet this
        shortcut again.
        """
        focus = QApplication.focusWidget()
        if _keeps_bare_key(focus):
            assert focus is not None
            code = QKeySequence(key)[0].key()
            text = " " if key == BARE_START_PAUSE else ""
            none = Qt.KeyboardModifier.NoModifier
            focus.keyPressEvent(QKeyEvent(QEvent.Type.KeyPress, code, none, text))
            focus.keyReleaseEvent(QKeyEvent(QEvent.Type.KeyRelease, code, none, text))
            return
        if action.isEnabled():
            action.trigger()

    # ------------------------------------------------------------------------------ state

    @property
    def timer(self) -> SegmentTimer | None:
        return self._timer

    def set_clocks(self, clock: Clock, wall: Clock) -> None:
        """Read time from other clocks from the next :meth:`show_timer` on (a demo or a
        screenshot freezes time this way, as tests do through the constructor)."""
        self._clock = clock
        self._wall = wall

    def show_timer(self, state: TimerState | None, title: str = "") -> SegmentTimer | None:
        """Show the timer of a segment (None: no segment, every control off).

        A segment already over when it is shown does not chime again: the facilitator heard it
        the first time, before the app was closed.
        """
        self._timer = None if state is None else SegmentTimer(state, self._clock, self._wall)
        self._announced_over = self._timer is not None and self._timer.is_over
        self.title_label.setText(title)
        self.title_label.setVisible(bool(title))
        for action in (
            self.start_pause_action,
            self.add_minute_action,
            self.remove_minute_action,
        ):
            action.setEnabled(self._timer is not None)
        self.refresh()
        return self._timer

    def set_navigation(self, has_previous: bool, has_next: bool, next_label: str = "") -> None:
        """Enable the segment buttons the agenda allows; the last segment's "next" ends the run."""
        self.previous_action.setEnabled(has_previous)
        self.next_action.setEnabled(has_next)
        if next_label:
            self.next_action.setText(next_label)

    def toggle(self) -> None:
        if self._timer is None:
            return
        self.state_changed.emit(self._timer.toggle())
        self.refresh()

    def start(self) -> None:
        if self._timer is None or self._timer.is_running:
            return
        self.state_changed.emit(self._timer.start())
        self.refresh()

    def add_minutes(self, n: int) -> None:
        if self._timer is None:
            return
        self.state_changed.emit(self._timer.add_minute(n))
        if not self._timer.is_over:
            self._announced_over = False
        self.refresh()

    def finish(self) -> TimerState | None:
        """Stop the segment as the run moves on; the caller persists the returned state."""
        if self._timer is None:
            return None
        state = self._timer.finish()
        self.refresh()
        return state

    # ------------------------------------------------------------------------------ painting

    def refresh(self) -> None:
        """Repaint from the timer; the only thing the repaint ``QTimer`` ever does.

        Only what changed is handed to Qt: four repaints a second mostly change nothing.
        """
        timer = self._timer
        if timer is None:
            self._show(remaining="--:--", status="No segment", progress=0)
            self._set_over(False, pulse=False)
            return
        running = timer.is_running
        self._show(
            remaining=format_remaining(timer),
            status=self._status_text(timer),
            progress=round(timer.fraction * 1000),
            start_pause="Pause" if running else "Start",
        )
        over = timer.is_over and timer.elapsed > 0
        if over and not self._announced_over:
            self._announced_over = True
            self.time_up.emit()
            if self._sound_on():
                self._chime()
        pulsing = over and running and timer.overrun < PULSE_SECONDS
        self._set_over(over, pulse=pulsing and math.floor(timer.overrun * 2) % 2 == 0)

    def _show(
        self, *, remaining: str, status: str, progress: int, start_pause: str = "Start"
    ) -> None:
        shown = (remaining, status, progress, start_pause)
        if shown == self._shown:
            return
        previous = self._shown or ("", "", -1, "")
        self._shown = shown
        if remaining != previous[0]:
            self.remaining_label.setText(remaining)
        if status != previous[1]:
            self.status_label.setText(status)
        if progress != previous[2]:
            self.progress.setValue(progress)
        if start_pause != previous[3]:
            self.start_pause_action.setText(start_pause)
            verb = "Pause" if start_pause == "Pause" else "Start"
            self.start_pause_action.setToolTip(
                f"{verb} the timer ({_keys_text(*START_PAUSE_KEYS, BARE_START_PAUSE)})"
            )

    def _status_text(self, timer: SegmentTimer) -> str:
        """Words beside the colour: the state is never told by red alone."""
        if timer.is_over and timer.elapsed > 0:
            state = "Over time" + ("" if timer.is_running else ", paused")
        elif timer.is_finished:
            state = "Done"
        elif timer.is_running:
            state = "Running"
        elif timer.elapsed > 0:
            state = "Paused"
        else:
            state = "Not started"
        state_now = timer.state
        plan = f"{format_clock(state_now.planned_seconds)} planned"
        added = state_now.added_seconds // 60
        if added:
            plan += f" {'+' if added > 0 else '−'}{abs(added)} min"
        return f"{state} · {plan}"

    @property
    def is_showing_overrun(self) -> bool:
        return self._over

    @property
    def is_pulsing(self) -> bool:
        return self._pulse_on

    def _set_over(self, over: bool, *, pulse: bool) -> None:
        if (over, pulse) != (self._over, self._pulse_on):
            self._over, self._pulse_on = over, pulse
            self._apply_colours()

    def _apply_colours(self) -> None:
        """Only the roles set here are overridden, so the rest keeps following the system."""
        red = overrun_colour(self.palette())
        text = QPalette(self.palette())
        if self._over:
            text.setColor(QPalette.ColorRole.WindowText, red)
        self.remaining_label.setPalette(text)
        self.status_label.setPalette(text)
        frame = QPalette(self.palette())
        if self._pulse_on:
            window = self.palette().color(QPalette.ColorRole.Window)
            frame.setColor(QPalette.ColorRole.Window, blend(window, red, 0.25))
        self._frame.setAutoFillBackground(self._pulse_on)
        self._frame.setPalette(frame)

    def _apply_fonts(self) -> None:
        base = self.font()
        big = base
        big.setPointSizeF(max(1.0, base.pointSizeF() * BIG_TIMER_SCALE))
        big.setBold(True)
        self.remaining_label.setFont(big)
        title = self.font()
        title.setBold(True)
        self.title_label.setFont(title)

    def changeEvent(self, event: QEvent) -> None:
        """Follow the app font (Ctrl+plus) and the system palette (dark mode) as they change."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._apply_fonts()
        elif event.type() == QEvent.Type.PaletteChange:
            self._apply_colours()
