"""The session runner, driven by keys and clicks against a real store and a fake clock."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import ClassVar

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from cofacilitator.attendance import set_attendance, speaking_counts
from cofacilitator.cohorts import ParticipantDetails, add_participant, create_cohort
from cofacilitator.notes import add_note
from cofacilitator.runs import RunStatus, ensure_runs, get_run, load_timer_states
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.sessions.schema import SegmentKind
from cofacilitator.store.database import Store
from cofacilitator.timer import TimerState
from cofacilitator.ui.background import SynchronousRunner
from cofacilitator.ui.capture_panes import pane_factories
from cofacilitator.ui.events import Events
from cofacilitator.ui.export_dialog import ExportDialog
from cofacilitator.ui.pane_context import CapturePane, PaneContext
from cofacilitator.ui.pane_holder import NOTHING_TO_CAPTURE
from cofacilitator.ui.runner_page import RunnerPage
from cofacilitator.ui.settings import SettingsFile
from cofacilitator.ui.speaking_panel import SpeakingPanel
from tests.ui.fake_clock import FakeClock
from tests.ui.showing import show_active

PEOPLE = ("Ada Lovelace", "Grace Hopper", "Katherine Johnson")


class World:
    """One store with a cohort, its runs and three people; clocks the test moves by hand."""

    def __init__(self, tmp_path: Path, catalog: Catalog, store: Store) -> None:
        self.tmp_path = tmp_path
        self.store = store
        self.catalog = catalog
        self.events = Events()
        self.cohort = create_cohort(self.store, "Spring cohort")
        self.people = [
            add_participant(self.store, self.cohort.id, ParticipantDetails(name)).id
            for name in PEOPLE
        ]
        self.runs = ensure_runs(self.store, self.cohort.id, catalog.modules)
        self.wall = FakeClock(1_800_000_000.0)
        self.mono = FakeClock(500.0)
        self.opened: list[QUrl] = []
        self.chimes: list[int] = []

    def run_of(self, number: int) -> int:
        return next(run.id for run in self.runs if run.module_number == number)

    def advance(self, seconds: float) -> None:
        self.wall.advance(seconds)
        self.mono.advance(seconds)

    def page(self, qtbot: QtBot, *, owned: bool = True, **kwargs: object) -> RunnerPage:
        """A shown runner page; ``owned=False`` leaves its destruction to the test."""
        page = RunnerPage(
            self.store,
            self.events,
            self.catalog,
            backups_dir=self.tmp_path / "backups",
            op_runner=SynchronousRunner(),
            clock=self.mono,
            wall=self.wall,
            open_url=self.opened.append,
            chime=lambda: self.chimes.append(1),
            **kwargs,  # type: ignore[arg-type]
        )
        if owned:
            qtbot.addWidget(page)
        return show_active(qtbot, page)


@pytest.fixture
def world(tmp_path: Path, catalog: Catalog, store: Store) -> World:
    return World(tmp_path, catalog, store)


def focus_outside_text(page: RunnerPage) -> None:
    page.agenda.setFocus()


def tab_through(qtbot: QtBot, presses: int) -> list[str]:
    """Press Tab ``presses`` times; the names of the widgets the focus went to, in order."""
    seen = []
    for _ in range(presses):
        focus = QApplication.focusWidget()
        assert focus is not None
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None
        seen.append(now.accessibleName())
    return seen


def test_opening_a_new_run_backs_up_starts_it_and_shows_the_first_segment(
    qtbot: QtBot, world: World
) -> None:
    page = world.page(qtbot)
    run_id = world.run_of(1)
    page.open_run(run_id)

    assert get_run(world.store, run_id).status is RunStatus.RUNNING
    backups = list((world.tmp_path / "backups").glob("*before-run*.sqlite"))
    assert len(backups) == 1
    assert page.current_segment is not None
    assert page.current_segment.id == "guidelines"
    assert "Session 1: Community Narrative — Spring cohort" in page.title_label.text()
    assert page.state_label.text().startswith("In progress")
    assert page.agenda.count() == len(page.module.segments)  # type: ignore[union-attr]
    assert page.agenda.item(0).text().startswith("▶ Welcome")
    assert page.agenda.item(0).font().bold()
    assert "Cormac Russell" in page.content.toPlainText()
    assert page.timer_panel.remaining_label.text() == "05:00"


def test_epigraph_opens_the_roll_call_and_prompts_sit_under_their_groups(
    qtbot: QtBot, world: World
) -> None:
    page = world.page(qtbot)
    page.open_run(world.run_of(1))
    page.go_to("roll-call")
    assert "Maya Angelou" in page.content.toPlainText()
    page.go_to("silent-notes-why")
    text = page.content.toPlainText()
    assert "Maya Angelou" not in text
    assert text.index("Project: Why does the project need a community?") < text.index(
        "You: Why do you"
    )
    assert text.count("Project: Why does the project need a community?") == 1


def test_timer_actions_are_written_at_once_and_next_finishes_the_segment(
    qtbot: QtBot, world: World
) -> None:
    page = world.page(qtbot)
    run_id = world.run_of(1)
    page.open_run(run_id)
    focus_outside_text(page)

    qtbot.keyClick(page.agenda, Qt.Key.Key_Space)
    assert load_timer_states(world.store, run_id)["guidelines"].is_running
    world.advance(6 * 60 + 10)
    qtbot.keyClick(page.agenda, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)

    states = load_timer_states(world.store, run_id)
    assert states["guidelines"].is_finished
    assert states["guidelines"].elapsed_before == pytest.approx(370)
    assert states["roll-call"].is_running  # the clock keeps going into the next segment
    assert get_run(world.store, run_id).current_segment == "roll-call"
    assert page.agenda.item(0).text().endswith("took 6 min")
    assert page.agenda.item(1).text().startswith("▶ Roll call")
    assert "Elapsed 06:10" in page.totals_label.text()

    qtbot.keyClick(page.agenda, Qt.Key.Key_PageUp)
    assert get_run(world.store, run_id).current_segment == "guidelines"
    assert not load_timer_states(world.store, run_id)["roll-call"].is_running


def test_closing_mid_segment_and_reopening_resumes_segment_and_time(
    qtbot: QtBot, world: World
) -> None:
    run_id = world.run_of(1)
    page = world.page(qtbot, owned=False)
    page.open_run(run_id)
    page.go_to("roll-call")
    page.timer_panel.start()
    world.advance(125)
    page.timer_panel.refresh()
    assert page.timer_panel.remaining_label.text() == "07:55"
    with qtbot.waitSignal(page.destroyed):
        page.deleteLater()

    world.wall.advance(30)  # the app was closed for half a minute; the call went on
    world.mono = FakeClock(42.0)  # a new process has a new monotonic origin
    reopened = world.page(qtbot)
    assert [b.text() for b in reopened.resume_buttons] == [
        "Resume session 1: Community Narrative — Spring cohort"
    ]
    qtbot.mouseClick(reopened.resume_buttons[0], Qt.MouseButton.LeftButton)

    assert reopened.current_segment is not None
    assert reopened.current_segment.id == "roll-call"
    assert reopened.timer_panel.remaining_label.text() == "07:25"
    world.advance(5)
    reopened.timer_panel.refresh()
    assert reopened.timer_panel.remaining_label.text() == "07:20"
    assert len(list((world.tmp_path / "backups").glob("*.sqlite"))) == 1


def test_optional_segment_is_marked_and_skipped_with_ctrl_k(qtbot: QtBot, world: World) -> None:
    run_id = world.run_of(2)
    page = world.page(qtbot)
    page.open_run(run_id)
    module = page.module
    assert module is not None
    row = module.segment_index("prioritising-stakeholders")
    assert "optional" in page.agenda.item(row).text()
    planned_before = page.totals_label.text()
    assert "Planned 98 min (88 min without optional segments)" in planned_before

    page.agenda.setFocus()
    page.agenda.setCurrentRow(row)
    assert page.skip_button.isEnabled()
    qtbot.keyClick(page.agenda, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)

    assert get_run(world.store, run_id).skipped_segments == ("prioritising-stakeholders",)
    assert page.agenda.item(row).text().endswith("skipped")
    assert page.agenda.item(row).font().strikeOut()
    assert "Planned 88 min" in page.totals_label.text()
    assert page.skip_button.text().startswith("Restore")

    page.go_to("identifying-stakeholders")
    page.go_next()
    assert page.current_segment is not None
    assert page.current_segment.id == "resources-platforms"

    page.agenda.setCurrentRow(row)
    qtbot.keyClick(page.agenda, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert get_run(world.store, run_id).skipped_segments == ()

    page.agenda.setCurrentRow(0)
    assert not page.skip_button.isEnabled()
    qtbot.keyClick(page.agenda, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert get_run(world.store, run_id).skipped_segments == ()


def test_enter_on_an_agenda_item_goes_to_that_segment(qtbot: QtBot, world: World) -> None:
    page = world.page(qtbot)
    page.open_run(world.run_of(1))
    page.agenda.setFocus()
    page.agenda.setCurrentRow(4)
    qtbot.keyClick(page.agenda, Qt.Key.Key_Return)
    assert page.current_segment is not None
    assert page.current_segment.id == "open-discussion"


class RecordingPane(CapturePane):
    """A stand-in capture pane that notes what the runner gives it and asks of it."""

    made: ClassVar[list[PaneContext]] = []
    flushed: ClassVar[list[str]] = []

    def __init__(self, context: PaneContext) -> None:
        super().__init__(context)
        RecordingPane.made.append(context)
        self.setAccessibleName("Recording pane")

    def flush(self) -> None:
        RecordingPane.flushed.append(self.context.segment.id)


def test_capture_pane_comes_from_the_factory_and_is_flushed_on_leaving(
    qtbot: QtBot, world: World
) -> None:
    RecordingPane.made.clear()
    RecordingPane.flushed.clear()
    page = world.page(qtbot, pane_factories={SegmentKind.ROLL_CALL: RecordingPane})
    run_id = world.run_of(1)
    page.open_run(run_id)
    assert isinstance(page.capture_pane, QLabel)
    assert page.capture_pane.text() == NOTHING_TO_CAPTURE

    page.go_next()
    assert isinstance(page.capture_pane, RecordingPane)
    context = RecordingPane.made[-1]
    assert (context.run_id, context.cohort_id, context.segment.id) == (
        run_id,
        world.cohort.id,
        "roll-call",
    )
    assert context.store is world.store
    assert context.events is world.events

    page.go_next()
    assert RecordingPane.flushed == ["roll-call"]
    assert isinstance(page.capture_pane, QLabel)


def test_presenter_clock_follows_the_segment_and_never_shows_the_tally(
    qtbot: QtBot, world: World
) -> None:
    run_id = world.run_of(1)
    for person in world.people:
        set_attendance(world.store, run_id, person)
    page = world.page(qtbot)
    page.open_run(run_id)
    focus_outside_text(page)
    qtbot.keyClick(page.agenda, Qt.Key.Key_F5)
    presenter = page.presenter
    assert presenter is not None
    qtbot.waitUntil(presenter.isVisible)
    assert presenter.title_text == "Welcome and participation guidelines"
    assert presenter.next_text == "Next: Roll call"
    assert presenter.banner_text == "Please do not record"

    page.go_to("presentation-community-cop")
    assert presenter.title_text == "Community and Community of Practice (CoP)"
    assert presenter.banner_text == "May be recorded"
    page.timer_panel.start()
    world.advance(60)
    presenter.refresh()
    assert presenter.time_text == "14:00"
    shown = " ".join(label.text() for label in presenter.findChildren(QLabel))
    assert not any(name in shown for name in PEOPLE)
    assert not presenter.findChildren(SpeakingPanel)

    qtbot.keyClick(page.agenda, Qt.Key.Key_F5)
    assert not presenter.isVisible()


def test_slides_button_opens_a_real_link_and_waits_for_a_pending_one(
    qtbot: QtBot, world: World
) -> None:
    shipped = world.catalog.get("community-narrative")
    assert shipped is not None
    with_link = replace(
        shipped,
        segments=tuple(
            replace(s, slides="https://example.org/slides") if s.id == "open-discussion" else s
            for s in shipped.segments
        ),
    )
    entry = world.catalog.entry("community-narrative")
    assert entry is not None
    world.catalog = Catalog((replace(entry, module=with_link),), ())
    page = world.page(qtbot)
    page.open_run(world.run_of(1))
    page.go_to("presentation-community-cop")
    assert page.slides_button.isVisible()
    assert not page.slides_button.isEnabled()
    assert "link still to be added" in page.content.toPlainText()

    page.go_to("open-discussion")
    assert page.slides_button.isEnabled()
    qtbot.mouseClick(page.slides_button, Qt.MouseButton.LeftButton)
    assert world.opened == [QUrl("https://example.org/slides")]

    page.go_to("roll-call")
    assert not page.slides_button.isVisible()


def test_finishing_the_last_segment_ends_the_run_and_it_can_be_reopened(
    qtbot: QtBot, world: World
) -> None:
    run_id = world.run_of(1)
    page = world.page(qtbot)
    page.open_run(run_id)
    page.go_to("feedback")
    assert page.timer_panel.next_button.text() == "Finish ▶"
    page.timer_panel.start()
    world.advance(240)
    qtbot.mouseClick(page.timer_panel.next_button, Qt.MouseButton.LeftButton)

    run = get_run(world.store, run_id)
    assert run.status is RunStatus.ENDED
    assert load_timer_states(world.store, run_id)["feedback"].is_finished
    assert page.state_label.text().startswith("Ended")
    assert not page.timer_panel.start_pause_button.isEnabled()
    assert page.agenda.item(page.agenda.count() - 1).text().endswith("took 4 min")

    assert page.capture_pane is not None  # notes stay editable after the call
    assert not page.timer_panel.next_button.isEnabled()
    qtbot.mouseClick(page.timer_panel.previous_button, Qt.MouseButton.LeftButton)
    assert page.current_segment is not None
    assert page.current_segment.id == "qa"
    assert page.timer_panel.timer is None
    assert "qa" not in load_timer_states(world.store, run_id)
    assert get_run(world.store, run_id).status is RunStatus.ENDED

    qtbot.mouseClick(page.end_button, Qt.MouseButton.LeftButton)
    assert get_run(world.store, run_id).status is RunStatus.RUNNING
    assert page.timer_panel.start_pause_button.isEnabled()


def test_speaking_tally_counts_clicks_keys_and_notes(qtbot: QtBot, world: World) -> None:
    run_id = world.run_of(1)
    ada, grace, katherine = world.people
    for person in (ada, grace):
        set_attendance(world.store, run_id, person)
    page = world.page(qtbot)
    page.open_run(run_id)
    panel = page.speaking_panel
    assert panel is not None
    assert [b.text() for b in panel.tally_buttons] == ["Ada Lovelace", "Grace Hopper"]
    assert panel.not_heard_label.text() == "Not heard yet: Ada Lovelace, Grace Hopper"

    qtbot.mouseClick(panel.tally_buttons[0], Qt.MouseButton.LeftButton)
    panel.tally_buttons[0].setFocus()
    qtbot.keyClick(panel.tally_buttons[0], Qt.Key.Key_1)
    assert speaking_counts(world.store, run_id) == {ada: 2}
    assert panel.count_labels[0].text() == "spoke 2×"
    assert panel.not_heard_label.text() == "Not heard yet: Grace Hopper"
    assert panel.tally_buttons[0].hasFocus()

    note = add_note(world.store, run_id, "roll-call", "Hello", participant_id=grace)
    world.events.note_did_save.emit(note.id)
    assert panel.count_labels[1].text() == "1 note"
    assert panel.not_heard_label.text() == "Everyone present has been heard."

    qtbot.keyClick(panel.tally_buttons[0], Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert speaking_counts(world.store, run_id) == {ada: 1}

    set_attendance(world.store, run_id, katherine)
    world.events.cohort_did_change.emit(world.cohort.id)
    assert [b.text() for b in panel.tally_buttons][-1] == "Katherine Johnson"
    page.agenda.setFocus()
    qtbot.keyClick(page.agenda, Qt.Key.Key_3)
    assert speaking_counts(world.store, run_id) == {ada: 1}  # digits tally only in the panel


def clipped(page: QWidget) -> list[str]:
    """Visible buttons and labels smaller than their text needs."""
    found = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QAbstractButton):
            if widget.width() < widget.minimumSizeHint().width():
                found.append(widget.text())
        elif isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap():
                if widget.height() < widget.heightForWidth(widget.width()):
                    found.append(widget.text())
            elif widget.width() < widget.sizeHint().width() or (
                widget.height() < widget.sizeHint().height()
            ):
                found.append(widget.text())
    return found


def test_fits_1280_by_720_with_nothing_clipped(qtbot: QtBot, world: World) -> None:
    run_id = world.run_of(2)
    for person in world.people:
        set_attendance(world.store, run_id, person)
    page = world.page(qtbot)
    page.open_run(run_id)
    page.go_to("prioritising-stakeholders")
    page.timer_panel.start()
    world.advance(11 * 60)
    page.timer_panel.refresh()
    label = page.timer_panel.remaining_label
    # A new segment title re-wraps; the layouts settle over a few turns of the event loop.
    qtbot.waitUntil(lambda: not clipped(page), timeout=2000)
    for widget in page.findChildren(QAbstractButton):
        if widget.isVisible():
            assert widget.accessibleName(), widget.text()
    assert label.text() == "+01:00"
    assert page.width() == 1280
    assert page.content.height() > page.capture_pane.height() * 3  # type: ignore[union-attr]
    page.grab().save(str(world.tmp_path / "runner.png"))


def test_idle_page_says_how_to_start(qtbot: QtBot, world: World) -> None:
    page = world.page(qtbot)
    assert "Choose Run on a cohort's overview" in page.idle_label.text()
    assert page.resume_buttons == []


def test_timer_state_of_a_fresh_segment_is_the_planned_time(qtbot: QtBot, world: World) -> None:
    page = world.page(qtbot)
    page.open_run(world.run_of(1))
    page.go_to("silent-notes-why")
    timer = page.timer_panel.timer
    assert timer is not None
    assert timer.state == TimerState.planned(15)
    assert "silent-notes-why" not in load_timer_states(world.store, world.run_of(1))


def test_tab_walks_agenda_content_timer_tally_then_header(qtbot: QtBot, world: World) -> None:
    run_id = world.run_of(1)
    set_attendance(world.store, run_id, world.people[0])
    settings = SettingsFile(world.tmp_path / "settings.json")
    page = world.page(qtbot, settings=settings)
    page.open_run(run_id)
    page.go_to("presentation-community-cop")
    page.agenda.setFocus()
    seen = [page.agenda.accessibleName(), *tab_through(qtbot, 16)]
    assert seen == [
        "Agenda",
        "Segment content",
        "Start or pause the timer",
        "Take one minute off",
        "Add one minute",
        "Previous segment",
        "Next segment",
        "Chime when a segment's time is up",
        "Take space, give space",
        "Tally Ada Lovelace",
        "Hide the segment's text",
        "Show or hide the presenter clock window",
        "Export this session's notes",
        "End the session",
        "Agenda",
        "Segment content",
        "Start or pause the timer",
    ]


def test_chime_follows_the_setting_and_the_checkbox_writes_it(qtbot: QtBot, world: World) -> None:
    settings = SettingsFile(world.tmp_path / "settings.json")
    page = world.page(qtbot, settings=settings)
    page.open_run(world.run_of(1))
    assert page.sound_box.isChecked()
    page.sound_box.setFocus()
    qtbot.keyClick(page.sound_box, Qt.Key.Key_Space)
    assert not settings.current.sound_on
    assert not SettingsFile(world.tmp_path / "settings.json").current.sound_on

    page.timer_panel.start()
    world.advance(5 * 60 + 1)
    page.timer_panel.refresh()
    assert page.timer_panel.is_showing_overrun
    assert world.chimes == []

    qtbot.keyClick(page.sound_box, Qt.Key.Key_Space)
    page.go_next()
    page.timer_panel.start()
    world.advance(10 * 60 + 1)
    page.timer_panel.refresh()
    assert world.chimes == [1]


def test_text_scales_with_the_app_font(qtbot: QtBot, world: World) -> None:
    page = world.page(qtbot)
    page.open_run(world.run_of(1))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before_timer = page.timer_panel.remaining_label.font().pointSizeF()
    before_title = page.title_label.font().pointSizeF()
    before_agenda = page.agenda.item(0).font().pointSizeF()
    larger = app.font()
    larger.setPointSizeF(larger.pointSizeF() * 1.5)
    app.setFont(larger)
    qtbot.waitUntil(
        lambda: page.timer_panel.remaining_label.font().pointSizeF() > before_timer * 1.4
    )
    assert page.title_label.font().pointSizeF() > before_title * 1.4
    assert page.agenda.item(0).font().pointSizeF() > before_agenda * 1.4


class TwoFieldPane(CapturePane):
    """A compound pane whose fields are made after the page's widgets, as real panes are."""

    def __init__(self, context: PaneContext) -> None:
        super().__init__(context)
        layout = QVBoxLayout(self)
        self.top = QLineEdit(self)
        self.top.setAccessibleName("Top field")
        self.bottom = QLineEdit(self)
        self.bottom.setAccessibleName("Bottom field")
        layout.addWidget(self.top)
        layout.addWidget(self.bottom)


def test_tab_enters_a_compound_pane_at_its_top_and_leaves_to_the_timer(
    qtbot: QtBot, world: World
) -> None:
    page = world.page(qtbot, pane_factories={SegmentKind.ROLL_CALL: TwoFieldPane})
    page.open_run(world.run_of(1))
    page.go_to("roll-call")
    page.content.setFocus()
    seen = tab_through(qtbot, 3)
    assert seen == ["Top field", "Bottom field", "Start or pause the timer"]


def test_switching_runs_on_an_open_page_shows_each_run_where_it_stands(
    qtbot: QtBot, world: World
) -> None:
    """Session 1, then Session 3, then Session 1 again: the agenda is rebuilt quietly, so
    nothing reads a row of the run shown before through the new module (clearing the list
    once moved its selection onto Session 3's "assignment-sharing" and raised a KeyError)."""
    page = world.page(qtbot, pane_factories=pane_factories(world.catalog.get))
    first, third = world.run_of(1), world.run_of(3)
    page.open_run(first)
    page.go_to("aligning-purpose")
    page.agenda.setFocus()
    page.agenda.setCurrentRow(page.agenda.count() - 1)  # "feedback", row 10 in Session 1

    page.open_run(third)
    assert page.run is not None and page.run.id == third
    assert page.current_segment is not None and page.current_segment.id == "roll-call"
    assert page.agenda.count() == 8
    assert page.agenda.currentItem().text().startswith("▶ Roll call")
    assert "Session 3: Community Engagement" in page.title_label.text()
    assert page.skip_button.text().startswith("Skip")
    # Left on its first row, whose neighbour "assignment-sharing" Session 1 does not have.
    page.agenda.setFocus()

    page.open_run(first)
    assert page.run is not None and page.run.id == first
    assert page.current_segment is not None and page.current_segment.id == "aligning-purpose"
    assert page.agenda.count() == 11
    assert page.agenda.currentRow() == 7
    assert page.agenda.currentItem().text().startswith("▶ ")
    qtbot.keyClick(page.agenda, Qt.Key.Key_Down)
    qtbot.keyClick(page.agenda, Qt.Key.Key_Return)
    assert page.current_segment.id == "key-takeaways"


def test_export_button_opens_the_dialog_on_this_session(qtbot: QtBot, world: World) -> None:
    settings = SettingsFile(world.tmp_path / "settings.json")
    page = world.page(qtbot, settings=settings)
    assert page.open_export() is None  # nothing open, nothing to export
    page.open_run(world.run_of(2))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.session_choice.isChecked()
    assert "Session 2: Community of Practice Basics" in dialog.session_choice.text()
    assert dialog.cohort_choice.isEnabled()
    assert "Spring cohort" in dialog.cohort_choice.text()
    assert dialog.suggested_path().name == (
        "spring-cohort-session-2-community-of-practice-basics.md"
    )
    dialog.close()


def test_a_short_text_leaves_the_column_to_the_pane_and_the_text_can_be_hidden(
    qtbot: QtBot, world: World
) -> None:
    page = world.page(qtbot, pane_factories=pane_factories(world.catalog.get))
    page.open_run(world.run_of(2))
    centre = page.centre
    page.go_to("qa")  # two lines of text
    qtbot.waitUntil(lambda: centre.sizes()[0] < centre.height() // 3, timeout=1000)
    text_height = page.content.document().size().height()
    assert page.content.height() <= text_height + 2 * page.content.frameWidth() + 1
    short_pane = page.capture_pane.height()  # type: ignore[union-attr]

    page.go_to("resources-platforms")  # a long text gets its share, no more
    qtbot.waitUntil(lambda: centre.sizes()[0] > centre.height() // 4, timeout=1000)
    assert centre.sizes()[0] <= centre.height() * 0.4
    assert page.capture_pane.height() < short_pane  # type: ignore[union-attr]

    page.agenda.setFocus()
    qtbot.keyClick(page.agenda, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert not page.content.isVisible()
    assert page.text_button.text() == "Show segment text"
    pane = page.capture_pane
    assert pane is not None
    qtbot.waitUntil(lambda: pane.height() > centre.height() * 0.9, timeout=1000)
    page.go_next()  # hidden it stays, segment after segment
    assert not page.content.isVisible()

    qtbot.mouseClick(page.text_button, Qt.MouseButton.LeftButton)
    assert page.content.isVisible()
    assert page.text_button.accessibleName() == "Hide the segment's text"
