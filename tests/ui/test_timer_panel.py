"""The timer panel: driven by keys and clicks, read from a fake clock, never slept on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from cofacilitator.timer import TimerState
from cofacilitator.ui.timer_panel import BIG_TIMER_SCALE, TimerPanel, overrun_colour
from tests.ui.fake_clock import FakeClock


class Page(QWidget):
    """A stand-in for the runner page: the panel plus a text field, keys installed on it."""

    def __init__(self, clock: FakeClock, chimes: list[int], sound: list[bool]) -> None:
        super().__init__()
        self.field = QLineEdit()
        self.notes = QPlainTextEdit()
        self.panel = TimerPanel(
            clock=clock,
            wall=clock,
            sound_on=lambda: sound[0],
            chime=lambda: chimes.append(1),
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.notes)
        layout.addWidget(self.panel)
        self.panel.install_shortcuts(self)
        self.states: list[TimerState] = []
        self.panel.state_changed.connect(self.states.append)


def make_page(qtbot: QtBot, minutes: int = 5, sound: bool = True) -> tuple[Page, FakeClock, list]:
    clock = FakeClock()
    chimes: list[int] = []
    page = Page(clock, chimes, [sound])
    qtbot.addWidget(page)
    page.panel.show_timer(TimerState.planned(minutes), "Roll call")
    page.resize(500, 600)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page, clock, chimes


def test_start_button_runs_the_timer_and_emits_the_state_to_persist(qtbot: QtBot) -> None:
    page, clock, _ = make_page(qtbot)
    panel = page.panel
    assert panel.remaining_label.text() == "05:00"
    assert panel.status_label.text().startswith("Not started")

    qtbot.mouseClick(panel.start_pause_button, Qt.MouseButton.LeftButton)
    clock.advance(61)
    panel.refresh()

    assert page.states[-1].is_running
    assert panel.remaining_label.text() == "03:59"
    assert panel.start_pause_button.text() == "Pause"
    assert panel.status_label.text().startswith("Running")

    qtbot.mouseClick(panel.start_pause_button, Qt.MouseButton.LeftButton)
    clock.advance(30)
    panel.refresh()
    assert not page.states[-1].is_running
    assert page.states[-1].elapsed_before == 61
    assert panel.remaining_label.text() == "03:59"
    assert panel.status_label.text().startswith("Paused")


def test_space_toggles_unless_typing_and_ctrl_space_always_does(qtbot: QtBot) -> None:
    page, _, _ = make_page(qtbot)
    page.notes.setFocus()
    qtbot.waitUntil(page.notes.hasFocus)
    qtbot.keyClick(page.notes, Qt.Key.Key_Space)
    assert page.states == []
    assert page.notes.toPlainText() == " "

    page.field.setFocus()
    qtbot.keyClicks(page.field, "a b")
    assert page.field.text() == "a b"
    assert page.states == []

    qtbot.keyClick(page.field, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    assert page.states[-1].is_running
    assert page.field.text() == "a b"

    page.panel.progress.setFocus()
    qtbot.keyClick(page.panel.progress, Qt.Key.Key_Space)
    assert not page.states[-1].is_running


def test_space_on_a_focused_button_presses_that_button(qtbot: QtBot) -> None:
    page, _, _ = make_page(qtbot)
    button = page.panel.add_minute_button
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert len(page.states) == 1
    assert page.states[0].added_seconds == 60
    assert not page.states[0].is_running
    assert page.panel.remaining_label.text() == "06:00"
    assert "+1 min" in page.panel.status_label.text()


def test_minute_keys_add_and_take_time(qtbot: QtBot) -> None:
    page, _, _ = make_page(qtbot)
    page.panel.progress.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert page.states[-1].added_seconds == 120
    qtbot.keyClick(page, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert page.states[-1].added_seconds == 60
    assert page.panel.remaining_label.text() == "06:00"


def test_segment_keys_ask_the_runner_but_page_keys_stay_with_text(qtbot: QtBot) -> None:
    page, _, _ = make_page(qtbot)
    asked: list[str] = []
    page.panel.next_requested.connect(lambda: asked.append("next"))
    page.panel.previous_requested.connect(lambda: asked.append("previous"))

    page.field.setFocus()
    qtbot.keyClick(page.field, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert asked == []  # word jump in the text field

    page.notes.setFocus()
    qtbot.keyClick(page.notes, Qt.Key.Key_PageDown)
    assert asked == []

    page.panel.progress.setFocus()
    qtbot.keyClick(page.panel.progress, Qt.Key.Key_PageDown)
    qtbot.keyClick(page.panel.progress, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.panel.progress, Qt.Key.Key_PageUp)
    qtbot.keyClick(page.panel.progress, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["next", "next", "previous", "previous"]


def test_time_up_turns_red_says_over_pulses_and_chimes_once(qtbot: QtBot) -> None:
    page, clock, chimes = make_page(qtbot, minutes=1)
    panel = page.panel
    normal = panel.remaining_label.palette().color(QPalette.ColorRole.WindowText)
    panel.toggle()
    clock.advance(59)
    panel.refresh()
    assert not panel.is_showing_overrun
    assert chimes == []

    clock.advance(1.2)
    panel.refresh()
    assert panel.remaining_label.text() == "+00:01"
    assert panel.status_label.text().startswith("Over time")
    assert panel.is_showing_overrun
    assert panel.is_pulsing
    red = panel.remaining_label.palette().color(QPalette.ColorRole.WindowText)
    assert red != normal
    assert red == overrun_colour(panel.palette())
    assert chimes == [1]

    clock.advance(0.5)
    panel.refresh()
    assert not panel.is_pulsing  # the off half of the pulse
    clock.advance(30)
    panel.refresh()
    assert not panel.is_pulsing  # pulsing stops; the red stays
    assert panel.is_showing_overrun
    assert chimes == [1]

    qtbot.mouseClick(panel.add_minute_button, Qt.MouseButton.LeftButton)
    assert not panel.is_showing_overrun
    clock.advance(60)
    panel.refresh()
    assert chimes == [1, 1]


def test_sound_setting_off_means_no_chime(qtbot: QtBot) -> None:
    page, clock, chimes = make_page(qtbot, minutes=1, sound=False)
    page.panel.toggle()
    clock.advance(61)
    page.panel.refresh()
    assert page.panel.is_showing_overrun
    assert chimes == []


def test_a_segment_already_over_when_shown_does_not_chime_again(qtbot: QtBot) -> None:
    page, clock, chimes = make_page(qtbot, minutes=1)
    over = TimerState(planned_seconds=60, elapsed_before=90, running_since=clock.now)
    page.panel.show_timer(over, "Icebreaker")
    clock.advance(5)
    page.panel.refresh()
    assert page.panel.remaining_label.text() == "+00:35"
    assert chimes == []


def test_no_segment_disables_the_controls(qtbot: QtBot) -> None:
    page, _, _ = make_page(qtbot)
    page.panel.show_timer(None)
    assert page.panel.remaining_label.text() == "--:--"
    assert not page.panel.start_pause_button.isEnabled()
    page.panel.progress.setFocus()
    qtbot.keyClick(page.panel.progress, Qt.Key.Key_Space)
    assert page.states == []


def test_big_timer_follows_the_app_font(qtbot: QtBot) -> None:
    page, _, _ = make_page(qtbot)
    panel = page.panel
    base = panel.font().pointSizeF()
    assert panel.remaining_label.font().pointSizeF() == base * BIG_TIMER_SCALE
    larger = panel.font()
    larger.setPointSizeF(base * 2)
    panel.setFont(larger)
    assert panel.remaining_label.font().pointSizeF() == base * 2 * BIG_TIMER_SCALE
    assert panel.status_label.font().pointSizeF() == base * 2


def test_overrun_red_reads_on_light_and_dark_backgrounds() -> None:
    def contrast(a: QColor, b: QColor) -> float:
        def luminance(c: QColor) -> float:
            def channel(v: float) -> float:
                return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

            return (
                0.2126 * channel(c.redF())
                + 0.7152 * channel(c.greenF())
                + 0.0722 * channel(c.blueF())
            )

        light, dark = sorted((luminance(a), luminance(b)), reverse=True)
        return (light + 0.05) / (dark + 0.05)

    for window in (QColor("#ffffff"), QColor("#efefef"), QColor("#1e1e1e"), QColor("#2d2d2d")):
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Window, window)
        assert contrast(overrun_colour(palette), window) >= 4.5


def test_every_control_has_an_accessible_name_and_a_key_in_its_tooltip(qtbot: QtBot) -> None:
    page, _, _ = make_page(qtbot)
    panel = page.panel
    for button in (
        panel.start_pause_button,
        panel.add_minute_button,
        panel.remove_minute_button,
        panel.previous_button,
        panel.next_button,
    ):
        assert button.accessibleName()
        assert "Ctrl+" in button.toolTip()
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert "Space" in panel.start_pause_button.toolTip()
