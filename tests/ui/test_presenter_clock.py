"""The presenter clock reads a timer on a fake clock; its own QTimer only repaints."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from pytestqt.qtbot import QtBot

from cofacilitator.timer import SegmentTimer, TimerState
from cofacilitator.ui.presenter_clock import (
    NOT_RECORDABLE_TEXT,
    RECORDABLE_TEXT,
    PresenterClock,
)

if TYPE_CHECKING:
    from tests.ui.fake_clock import FakeClock


def make_clock(qtbot: QtBot, repaint_ms: int = 10) -> PresenterClock:
    clock = PresenterClock(repaint_ms=repaint_ms)
    qtbot.addWidget(clock)
    clock.resize(960, 600)
    clock.show()
    qtbot.waitExposed(clock)
    return clock


def running_timer(fake_clock: FakeClock, minutes: int = 5) -> SegmentTimer:
    timer = SegmentTimer(TimerState.planned(minutes), clock=fake_clock, wall=fake_clock)
    timer.start()
    return timer


def test_shows_remaining_time_from_the_injected_clock(
    qtbot: QtBot, fake_clock: FakeClock
) -> None:
    clock = make_clock(qtbot)
    timer = running_timer(fake_clock)
    fake_clock.advance(1)
    clock.show_segment("Roll call", "Intro and icebreaker", True, timer)

    assert clock.time_text == "04:59"
    assert clock.title_text == "Roll call"
    assert clock.next_text == "Next: Intro and icebreaker"
    assert clock.banner_text == RECORDABLE_TEXT
    assert clock.pulse == 0.0


def test_the_repaint_timer_turns_the_clock_into_overrun(
    qtbot: QtBot, fake_clock: FakeClock
) -> None:
    clock = make_clock(qtbot)
    timer = running_timer(fake_clock)
    clock.show_segment("Roll call", None, False, timer)

    fake_clock.advance(5 * 60 + 5)

    qtbot.waitUntil(lambda: clock.time_text == "+00:05")
    assert clock.status_text == "Time is up"
    assert clock.next_text == "Last segment of the session"
    assert "Over time by 00:05" in clock._time.accessibleDescription()


def test_overrun_pulses_with_the_clock_not_with_ticks(
    qtbot: QtBot, fake_clock: FakeClock
) -> None:
    clock = make_clock(qtbot)
    timer = running_timer(fake_clock, minutes=1)
    clock.show_segment("Q&A", None, False, timer)
    fake_clock.advance(60.0)
    at_zero = clock.pulse
    fake_clock.advance(1.0)
    halfway = clock.pulse

    assert at_zero == 0.0
    assert halfway > 0.99


def test_a_segment_that_must_not_be_recorded_says_so(qtbot: QtBot, fake_clock: FakeClock) -> None:
    clock = make_clock(qtbot)
    clock.show_segment("Open discussion", "Key takeaways", False, running_timer(fake_clock))

    assert clock.banner_text == NOT_RECORDABLE_TEXT == "Please do not record"


def test_paused_and_empty_states(qtbot: QtBot, fake_clock: FakeClock) -> None:
    clock = make_clock(qtbot)
    timer = running_timer(fake_clock)
    fake_clock.advance(30)
    timer.pause()
    clock.show_segment("Presentation", None, True, timer)
    assert (clock.time_text, clock.status_text) == ("04:30", "Paused")

    clock.clear()
    assert clock.time_text == "--:--"
    assert clock.banner_text == ""
    assert clock.title_text == "No segment is running"


def test_f11_toggles_full_screen_and_escape_leaves_it(
    qtbot: QtBot, fake_clock: FakeClock
) -> None:
    clock = make_clock(qtbot)
    clock.show_segment("Roll call", None, True, running_timer(fake_clock))

    qtbot.keyClick(clock, Qt.Key.Key_F11)
    assert clock.isFullScreen()
    qtbot.keyClick(clock, Qt.Key.Key_Escape)
    assert not clock.isFullScreen()

    qtbot.mouseClick(clock._fullscreen_button, Qt.MouseButton.LeftButton)
    assert clock.isFullScreen()
    assert clock._fullscreen_button.text() == "Leave full screen (Esc)"
    qtbot.keyClick(clock, Qt.Key.Key_F11)
    assert not clock.isFullScreen()


def test_time_font_follows_the_window_height_and_never_overflows(
    qtbot: QtBot, fake_clock: FakeClock
) -> None:
    clock = make_clock(qtbot)
    timer = running_timer(fake_clock, minutes=0)
    clock.show_segment("Feedback", None, False, timer)
    fake_clock.advance(3600)
    clock.refresh()
    assert clock.time_text == "+1:00:00"

    clock.resize(800, 400)
    small = clock.time_font_pixels
    clock.resize(800, 800)
    tall = clock.time_font_pixels
    clock.resize(1600, 900)
    large = clock.time_font_pixels

    assert small < large
    assert tall <= large
    for width, height in ((800, 800), (480, 300), (1600, 900)):
        clock.resize(width, height)
        advance = QFontMetrics(clock._time.font()).horizontalAdvance(clock.time_text)
        assert advance <= clock._time.width()


def test_every_control_has_a_name_for_screen_readers(qtbot: QtBot, fake_clock: FakeClock) -> None:
    clock = make_clock(qtbot)
    clock.show_segment("Roll call", "Icebreaker", True, running_timer(fake_clock))
    for child in (
        clock._banner,
        clock._title,
        clock._time,
        clock._status,
        clock._progress,
        clock._next,
        clock._fullscreen_button,
    ):
        assert child.accessibleName()
