"""Render the app's windows to ``docs/screenshots/*.png``, offscreen, from the demo cohort.

The screenshots in the docs are made by this script, never by hand, so they show the app as it
is. Each screen is a small named function that receives a :class:`Scene` (the started app on a
temporary data folder holding the demo cohort, and a clock frozen at a fixed point) and returns
the widget to photograph. Adding a screen is adding a function with ``@screen("name")``.

    python scripts/screenshots.py                 # every screen, light palette
    python scripts/screenshots.py --dark about    # one screen, dark palette, "-dark" suffix
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QStyleFactory, QWidget
from screens.around_screenshots import render_around_screenshots
from screens.form_screenshots import render_form_screenshots
from screens.peer_review_screenshots import render_peer_review_screenshots

from cofacilitator.cohorts import list_participants
from cofacilitator.demo import create_shipped_demo_cohort
from cofacilitator.paths import DataPaths
from cofacilitator.runs import (
    list_runs,
    load_timer_states,
    save_timer_state,
    set_current_segment,
    start_run,
)
from cofacilitator.store.integrity import StartupReport
from cofacilitator.timer import SegmentTimer, TimerState
from cofacilitator.ui.answers_view import AnswersView
from cofacilitator.ui.app import AppShell, make_application, start
from cofacilitator.ui.background import SynchronousRunner
from cofacilitator.ui.facilitator_actions import COHORT_MENU
from cofacilitator.ui.home_page import HomePage
from cofacilitator.ui.module_browser import ModuleBrowser
from cofacilitator.ui.presenter_clock import PresenterClock
from cofacilitator.ui.runner_page import RunnerPage

REPOSITORY = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPOSITORY / "docs" / "screenshots"
WINDOW_SIZE = (1280, 720)
FROZEN_AT = datetime(2026, 10, 1, 16, 20)
"""The demo's first session, twenty minutes in; also the date of the daily backup."""
FROZEN_WALL = FROZEN_AT.replace(tzinfo=ZoneInfo("Europe/London")).timestamp()


class FrozenClock:
    """A clock that moves only when a screen says so, so every run draws the same picture."""

    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class Scene:
    app: QApplication
    shell: AppShell
    demo_cohort_id: int
    keep: list[QWidget]
    """Widgets made by screens, kept alive until they have been photographed."""
    mono: FrozenClock = field(default_factory=FrozenClock)
    wall: FrozenClock = field(default_factory=lambda: FrozenClock(FROZEN_WALL))
    """The runner's clocks: frozen, so its timer shows the same second on every run."""

    def timer(self, minutes: int, elapsed_seconds: float) -> SegmentTimer:
        """A running timer for a segment of ``minutes``, ``elapsed_seconds`` in."""
        clock = FrozenClock()
        timer = SegmentTimer(TimerState.planned(minutes), clock=clock, wall=clock)
        timer.start()
        clock.advance(elapsed_seconds)
        return timer


Screen = Callable[[Scene], QWidget]
SCREENS: dict[str, Screen] = {}


def screen(name: str) -> Callable[[Screen], Screen]:
    def register(function: Screen) -> Screen:
        SCREENS[name] = function
        return function

    return register


def _modules_page(scene: Scene) -> ModuleBrowser:
    page = scene.shell.window.page("Modules")
    assert isinstance(page, ModuleBrowser)
    return page


@screen("module-browser")
def module_browser(scene: Scene) -> QWidget:
    window = scene.shell.window
    window.show_page("Modules")
    _modules_page(scene).select_module("community-narrative")
    return window


@screen("module-browser-figure")
def module_browser_figure(scene: Scene) -> QWidget:
    window = scene.shell.window
    window.show_page("Modules")
    browser = _modules_page(scene)
    browser.select_module("community-of-practice-basics")
    module = browser.current_module
    assert module is not None
    index = next(i for i, s in enumerate(module.segments, start=1) if s.figures)
    browser.view.scrollToAnchor(f"segment-{index}")
    return window


@screen("home")
def home(scene: Scene) -> QWidget:
    window = scene.shell.window
    page = window.page("Home")
    assert isinstance(page, HomePage)
    page.reload(select=scene.demo_cohort_id)
    window.show_page("Home")
    return window


@screen("answers-page")
def answers_page(scene: Scene) -> QWidget:
    """The Answers page in the window: one participant's Session 2 assignment, read-only."""
    window = scene.shell.window
    page = window.page("Answers")
    assert isinstance(page, AnswersView)
    person = list_participants(scene.shell.store, scene.demo_cohort_id)[0]
    module = next(m for m in scene.shell.catalog.modules if m.number == 2)
    page.set_cohort(scene.demo_cohort_id)
    page.show_answers(person.id, module.id)
    window.show_page("Answers")
    return window


@screen("cohort-menu")
def cohort_menu(scene: Scene) -> QWidget:
    """The Cohort menu open over Home. A menu is a window of its own, which grabbing the main
    window leaves out, so the two are painted together here as the screen would show them."""
    window = home(scene)
    scene.app.processEvents()
    bar = window.menuBar()
    action = next(a for a in bar.actions() if a.text() == COHORT_MENU)
    menu = action.menu()
    assert isinstance(menu, QMenu)
    corner = bar.mapTo(window, bar.actionGeometry(action).bottomLeft())
    menu.popup(window.mapToGlobal(corner))
    scene.app.processEvents()
    picture = window.grab()
    painter = QPainter(picture)
    painter.drawPixmap(corner, menu.grab())
    painter.end()
    menu.hide()
    label = QLabel()
    label.setPixmap(picture)
    label.setFixedSize(picture.size() / picture.devicePixelRatio())
    scene.keep.append(label)
    return label


def _runner_at(scene: Scene, session: int, segment_id: str, elapsed: float) -> QWidget:
    """The runner live on one segment of a demo session: the capture pane for that kind, and
    the segment's timer running ``elapsed`` seconds in on the scene's frozen clocks.

    The demo's sessions have all ended, so the run is reopened at that segment, with the
    segments after it not timed yet: a picture of the call as it happens. Screens after these
    see the demo changed this way, so they are registered last.
    """
    window = scene.shell.window
    store = scene.shell.store
    runner = window.page("Session runner")
    assert isinstance(runner, RunnerPage)
    runner.set_clocks(scene.mono, scene.wall)
    runner.centre.show_text(True)
    runs = list_runs(store, scene.demo_cohort_id)
    run = next(r for r in runs if r.module_number == session)
    module = scene.shell.catalog.get(run.module_id)
    assert module is not None
    start_run(store, run.id, module)  # reopens the ended run; its first start is kept
    set_current_segment(store, run.id, module, segment_id)
    here = module.segment_index(segment_id)
    now = scene.wall()
    timed = load_timer_states(store, run.id)
    for earlier in module.segments[:here]:
        # A screen before may have left this one running or untimed: it took its plan.
        if earlier.id not in timed or not timed[earlier.id].is_finished:
            took = earlier.minutes * 60
            finished = TimerState(took, elapsed_before=took, started_at=now - took, stopped_at=now)
            save_timer_state(store, run.id, earlier.id, finished)
    for later in module.segments[here + 1 :]:
        save_timer_state(store, run.id, later.id, TimerState.planned(later.minutes))
    running = TimerState(
        planned_seconds=module.segment(segment_id).minutes * 60,
        elapsed_before=elapsed,
        running_since=now,
        started_at=now - elapsed,
    )
    save_timer_state(store, run.id, segment_id, running)
    runner.open_run(run.id)  # reads the run afresh, where it now stands
    window.show_page("Session runner")
    return window


RUNNER_SCREENS = {
    "runner-guidelines": (1, "guidelines", 2 * 60 + 40),
    "runner-roll-call": (1, "roll-call", 6 * 60 + 12),
    "runner-silent-notes": (1, "silent-notes-why", 9 * 60 + 5),
    "runner-breakout": (3, "mapping-engagement", 4 * 60 + 30),
    "runner-fill-in-table": (2, "identifying-stakeholders", 7 * 60 + 48),
    "runner-assignment-sharing": (2, "assignment-sharing", 5 * 60 + 20),
    "runner-qa": (2, "qa", 1 * 60 + 55),
    "runner-feedback": (2, "feedback", 3 * 60 + 10),
    "runner-roll-call-values": (4, "roll-call", 8 * 60 + 2),
}


def _runner_screen(session: int, segment_id: str, elapsed: float) -> Screen:
    return lambda scene: _runner_at(scene, session, segment_id, elapsed)


@screen("about")
def about(scene: Scene) -> QWidget:
    dialog = scene.shell.window.show_about()
    scene.keep.append(dialog)
    return dialog


def _presenter_clock(
    scene: Scene, title: str, next_title: str, recordable: bool, timer: SegmentTimer
) -> QWidget:
    clock = PresenterClock()
    clock.resize(*WINDOW_SIZE)
    clock.show_segment(title, next_title, recordable, timer)
    scene.keep.append(clock)
    return clock


@screen("presenter-clock")
def presenter_clock(scene: Scene) -> QWidget:
    return _presenter_clock(
        scene,
        "Community and Community of Practice (CoP)",
        "Open discussion: patterns and differences",
        True,
        scene.timer(15, 4 * 60 + 31),
    )


@screen("presenter-clock-overrun")
def presenter_clock_overrun(scene: Scene) -> QWidget:
    return _presenter_clock(
        scene,
        "Open discussion: patterns and differences",
        "Starting with “why”",
        False,
        scene.timer(10, 10 * 60 + 37.5),
    )


# Registered last: they reopen the demo's sessions, which the screens before must see ended.
for _name, (_session, _segment, _elapsed) in RUNNER_SCREENS.items():
    screen(_name)(_runner_screen(_session, _segment, _elapsed))


@screen("runner-silent-notes-text-hidden")
def runner_text_hidden(scene: Scene) -> QWidget:
    """The notes with the segment's text hidden: the whole column for the capture pane."""
    window = _runner_at(scene, *RUNNER_SCREENS["runner-silent-notes"])
    runner = window.page("Session runner")
    assert isinstance(runner, RunnerPage)
    runner.centre.show_text(False)
    return window


class _NoQuestions:
    """A fresh data folder never has a damaged database; say so loudly if it somehow does."""

    def offer_restore(self, report: StartupReport) -> bool:
        raise RuntimeError(report.message)

    def tell(self, title: str, text: str) -> None:
        raise RuntimeError(f"{title}: {text}")


def dark_palette() -> QPalette:
    """A plain dark palette, to check that nothing hard-codes light colours."""
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#1e1e1e",
        QPalette.ColorRole.AlternateBase: "#262626",
        QPalette.ColorRole.Text: "#e8e8e8",
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e8e8e8",
        QPalette.ColorRole.Highlight: "#3d6fd1",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#8ab4f8",
        QPalette.ColorRole.LinkVisited: "#c58af9",
        QPalette.ColorRole.Mid: "#555555",
        QPalette.ColorRole.Dark: "#1a1a1a",
        QPalette.ColorRole.Light: "#4a4a4a",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a",
        QPalette.ColorRole.ToolTipBase: "#3a3a3a",
        QPalette.ColorRole.ToolTipText: "#e8e8e8",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    return palette


@contextmanager
def scene_on_demo_data(app: QApplication) -> Iterator[Scene]:
    with tempfile.TemporaryDirectory(prefix="cofacilitator-screenshots-") as folder:
        paths = DataPaths(Path(folder))
        shell = start(app, paths, prompts=_NoQuestions(), runner=SynchronousRunner(), now=FROZEN_AT)
        if shell is None:
            raise RuntimeError("the app did not start")
        try:
            demo = create_shipped_demo_cohort(shell.store)
            shell.window.resize(*WINDOW_SIZE)
            yield Scene(app, shell, demo.cohort_id, [])
        finally:
            shell.close()


def render(
    names: Sequence[str], output: Path, *, dark: bool, names_given: bool = False
) -> list[Path]:
    app = make_application(sys.argv[:1])
    if dark:
        app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(dark_palette())
    output.mkdir(parents=True, exist_ok=True)
    written = []
    with scene_on_demo_data(app) as scene:
        for name in names:
            widget = SCREENS[name](scene)
            widget.show()
            for _ in range(3):
                app.processEvents()
            path = output / f"{name}{'-dark' if dark else ''}.png"
            if not widget.grab().save(str(path)):
                raise OSError(f"could not write {path}")
            written.append(path)
            if widget is not scene.shell.window:
                widget.close()
    if not names_given:
        # Forms, participant mode, around the call and peer review render their own scenes;
        # the first two have no dark variant, and must not overwrite the light pictures.
        if not dark:
            written += render_form_screenshots(output)
            written += render_around_screenshots(output)
        written += render_peer_review_screenshots(output, suffix="-dark" if dark else "")
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "names", nargs="*", metavar="NAME", help=f"screens to render: {', '.join(SCREENS)}"
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUTPUT, help="output folder")
    parser.add_argument("--dark", action="store_true", help="use a dark palette")
    args = parser.parse_args(argv)
    unknown = [name for name in args.names if name not in SCREENS]
    if unknown:
        parser.error(f"no screen named {', '.join(unknown)}; choose from {', '.join(SCREENS)}")
    chosen = args.names or list(SCREENS)
    for path in render(chosen, args.out, dark=args.dark, names_given=bool(args.names)):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
