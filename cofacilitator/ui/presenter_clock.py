"""A big countdown to share on screen or show on a projector.

Participants in a call should see, from across a room, how long the current segment has left,
what comes next and, above all, whether it may be recorded. The window is a pure display: it is
fed plain data by :meth:`PresenterClock.show_segment` and reads the segment's timer on every
refresh. Its own QTimer only repaints; the timer's clock stays the one source of truth, so a busy
or frozen UI never makes the clock drift.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFont,
    QFontMetrics,
    QHideEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.timer import SegmentTimer, format_remaining
from cofacilitator.ui.palette_colours import blend

REPAINT_MS = 250
PULSE_SECONDS = 2.0
"""One slow pulse of the background while a segment runs over: noticeable, never frantic."""

RECORDABLE_TEXT = "May be recorded"
NOT_RECORDABLE_TEXT = "Please do not record"

# Saturated, dark fills with white text: legible on light and dark themes and on a projector.
_RECORDABLE_FILL = QColor(27, 94, 32)
_NOT_RECORDABLE_FILL = QColor(141, 78, 0)
_BANNER_TEXT = QColor(255, 255, 255)
_OVERRUN_ON_LIGHT = QColor(183, 28, 28)
_OVERRUN_ON_DARK = QColor(255, 112, 102)
_OVERRUN_WASH = QColor(229, 57, 53)

#: Fractions of the window height each line's font takes.
_TIME_SHARE = 0.36
_TITLE_SHARE = 0.065
_BANNER_SHARE = 0.05
_LINE_SHARE = 0.042
_WIDEST_TIME = "+8:88:88"


class PresenterClock(QWidget):
    """A separate top-level window: segment title, remaining time, recording banner, next up.

    Call :meth:`show_segment` whenever the runner moves to a segment, and :meth:`clear` when no
    segment is running. F11 or the button toggles full screen; Esc leaves it.
    """

    def __init__(self, parent: QWidget | None = None, *, repaint_ms: int = REPAINT_MS) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Presenter clock — cofacilitator")
        self.setAccessibleName("Presenter clock")
        self.setMinimumSize(480, 300)
        self._timer: SegmentTimer | None = None
        self._recordable = False

        self._banner = self._label("Recording", alignment=Qt.AlignmentFlag.AlignCenter)
        self._banner.setAutoFillBackground(True)
        self._title = self._label("Segment", alignment=Qt.AlignmentFlag.AlignCenter)
        self._title.setWordWrap(True)
        self._time = self._label("Time remaining", alignment=Qt.AlignmentFlag.AlignCenter)
        self._time.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        self._status = self._label("Timer status", alignment=Qt.AlignmentFlag.AlignCenter)
        self._progress = QProgressBar()
        self._progress.setAccessibleName("Segment progress")
        self._progress.setRange(0, 1000)
        self._progress.setTextVisible(False)
        self._next = self._label("Next segment", alignment=Qt.AlignmentFlag.AlignCenter)
        self._next.setWordWrap(True)

        self._fullscreen_button = QPushButton()
        self._fullscreen_button.setAccessibleName("Toggle full screen")
        self._fullscreen_button.clicked.connect(self.toggle_fullscreen)
        self._fullscreen_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self._fullscreen_button)

        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self._banner)
        self._layout.addWidget(self._title)
        self._layout.addWidget(self._time, 1)
        self._layout.addWidget(self._status)
        self._layout.addWidget(self._progress)
        self._layout.addWidget(self._next)
        self._layout.addLayout(buttons)

        self._ticker = QTimer(self)
        self._ticker.setInterval(repaint_ms)
        self._ticker.timeout.connect(self.refresh)

        self.resize(960, 600)
        self.clear()

    def _label(self, name: str, *, alignment: Qt.AlignmentFlag) -> QLabel:
        label = QLabel()
        label.setAccessibleName(name)
        label.setAlignment(alignment)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    # What the runner calls --------------------------------------------------------------------

    def show_segment(
        self,
        title: str,
        next_title: str | None,
        recordable: bool,
        timer: SegmentTimer,
    ) -> None:
        """Show a segment; ``timer`` is read again on every refresh, never copied."""
        self._timer = timer
        self._recordable = recordable
        self._title.setText(title)
        self._next.setText(f"Next: {next_title}" if next_title else "Last segment of the session")
        self._banner.setText(RECORDABLE_TEXT if recordable else NOT_RECORDABLE_TEXT)
        self._banner.setVisible(True)
        self._progress.setVisible(True)
        self._paint_banner()
        self.refresh()

    def clear(self, message: str = "No segment is running") -> None:
        """Nothing to count down: say so rather than show a stale time."""
        self._timer = None
        self._title.setText(message)
        self._time.setText("--:--")
        self._status.setText("")
        self._next.setText("")
        self._banner.setVisible(False)
        self._progress.setVisible(False)
        dimmed = self._time.palette()
        dimmed.setColor(
            QPalette.ColorRole.WindowText, self.palette().color(QPalette.ColorRole.PlaceholderText)
        )
        self._time.setPalette(dimmed)
        self._update_fullscreen_button()
        self.update()

    def refresh(self) -> None:
        """Read the timer and redraw; the only thing the repaint QTimer does."""
        timer = self._timer
        if timer is None:
            return
        self._time.setText(format_remaining(timer))
        self._time.setAccessibleDescription(
            f"Over time by {self._time.text()[1:]}" if timer.is_over else "Time remaining"
        )
        self._progress.setValue(round(timer.fraction * 1000))
        self._status.setText(self._status_text(timer))
        palette = self._time.palette()
        palette.setColor(
            QPalette.ColorRole.WindowText,
            self._overrun_colour()
            if timer.is_over
            else self.palette().color(QPalette.ColorRole.WindowText),
        )
        self._time.setPalette(palette)
        self.update()

    # What tests and screenshots read ----------------------------------------------------------

    @property
    def time_text(self) -> str:
        return self._time.text()

    @property
    def title_text(self) -> str:
        return self._title.text()

    @property
    def banner_text(self) -> str:
        return self._banner.text() if self._banner.isVisibleTo(self) else ""

    @property
    def next_text(self) -> str:
        return self._next.text()

    @property
    def status_text(self) -> str:
        return self._status.text()

    @property
    def time_font_pixels(self) -> int:
        return self._time.font().pixelSize()

    @property
    def pulse(self) -> float:
        """How far the overrun pulse is towards red, from 0 to 1 (0 while on time)."""
        timer = self._timer
        if timer is None or not timer.is_over:
            return 0.0
        return 0.5 - 0.5 * math.cos(2 * math.pi * timer.overrun / PULSE_SECONDS)

    # Full screen ------------------------------------------------------------------------------

    def toggle_fullscreen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self._update_fullscreen_button()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        leaving = event.key() == Qt.Key.Key_Escape and self.isFullScreen()
        if event.key() == Qt.Key.Key_F11 or leaving:
            self.toggle_fullscreen()
        else:
            super().keyPressEvent(event)

    def _update_fullscreen_button(self) -> None:
        self._fullscreen_button.setText(
            "Leave full screen (Esc)" if self.isFullScreen() else "Full screen (F11)"
        )

    # Drawing ----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._ticker.start()
        self.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._ticker.stop()
        super().closeEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._ticker.stop()
        super().hideEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._scale_fonts()

    def paintEvent(self, event: QPaintEvent) -> None:
        window = self.palette().color(QPalette.ColorRole.Window)
        painter = QPainter(self)
        wash = 0.12 + 0.28 * self.pulse if self.pulse or self._is_over() else 0.0
        painter.fillRect(self.rect(), blend(window, _OVERRUN_WASH, wash) if wash else window)
        painter.end()

    def _is_over(self) -> bool:
        return self._timer is not None and self._timer.is_over

    def _scale_fonts(self) -> None:
        """Every size follows the window height, so the clock fills a projector or a corner."""
        height = max(1, self.height())
        margin = max(8, round(height * 0.03))
        self._layout.setContentsMargins(margin, margin, margin, margin)
        self._layout.setSpacing(max(4, round(height * 0.015)))
        for label, share, bold in (
            (self._title, _TITLE_SHARE, True),
            (self._banner, _BANNER_SHARE, True),
            (self._status, _LINE_SHARE, False),
            (self._next, _LINE_SHARE, False),
        ):
            font = QFont(self.font())
            font.setPixelSize(max(12, round(height * share)))
            font.setBold(bold)
            label.setFont(font)
        self._banner.setContentsMargins(0, margin // 2, 0, margin // 2)
        self._progress.setFixedHeight(max(8, round(height * 0.025)))
        self._time.setFont(self._time_font(height))

    def _time_font(self, height: int) -> QFont:
        """As tall as the height allows, but never wider than the window, even for "+1:00:00"."""
        font = QFont(self.font())
        font.setBold(True)
        size = max(24, round(height * _TIME_SHARE))
        font.setPixelSize(size)
        widest = QFontMetrics(font).horizontalAdvance(_WIDEST_TIME)
        available = self.width() * 0.9
        if widest > available:
            font.setPixelSize(max(24, math.floor(size * available / widest)))
        return font

    def _paint_banner(self) -> None:
        palette = self._banner.palette()
        fill = _RECORDABLE_FILL if self._recordable else _NOT_RECORDABLE_FILL
        palette.setColor(QPalette.ColorRole.Window, fill)
        palette.setColor(QPalette.ColorRole.WindowText, _BANNER_TEXT)
        self._banner.setPalette(palette)

    def _overrun_colour(self) -> QColor:
        window = self.palette().color(QPalette.ColorRole.Window)
        return _OVERRUN_ON_DARK if window.lightness() < 128 else _OVERRUN_ON_LIGHT

    @staticmethod
    def _status_text(timer: SegmentTimer) -> str:
        if timer.is_over:
            return "Time is up"
        if timer.is_running:
            return ""
        return "Paused" if timer.elapsed > 0 else "Not started"
