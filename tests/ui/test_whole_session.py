"""A whole session through the runner, as a facilitator runs it: a new cohort, the shipped
Sessions 1 and 3, every segment reached with the runner's next-segment key, and what the store
holds at the end.

Session 1 has the welcome (guidelines), the roll call and a silent-notes segment; Session 3 the
breakout rooms. Both end with feedback. Only the clocks are fakes; the panes, the store and the
keys are the real ones.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cofacilitator.attendance import list_attendance
from cofacilitator.cohorts import ParticipantDetails, add_participant, create_cohort
from cofacilitator.guidelines import AcknowledgedHow, acknowledgement_roll
from cofacilitator.notes import list_notes
from cofacilitator.runs import RunStatus, ensure_runs, get_run, load_timer_states
from cofacilitator.session_records import list_breakout_rooms, list_feedback
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.sessions.schema import FeedbackKind
from cofacilitator.store.database import Store
from cofacilitator.store.models import AttendanceStatus, AuthorKind, Visibility
from cofacilitator.ui.background import SynchronousRunner
from cofacilitator.ui.breakout_pane import BreakoutPane
from cofacilitator.ui.capture_panes import pane_factories
from cofacilitator.ui.events import Events
from cofacilitator.ui.feedback_pane import FeedbackPane
from cofacilitator.ui.guidelines_pane import GuidelinesPane
from cofacilitator.ui.notes_pane import NotesPane
from cofacilitator.ui.roll_call_pane import RollCallPane
from cofacilitator.ui.runner_page import RunnerPage
from tests.ui.fake_clock import FakeClock
from tests.ui.panes.conftest import pick
from tests.ui.showing import show_active

NAMES = ("Ada Lovelace", "Ben Okri", "Chloe Zhao", "Dev Patel")


class Call:
    """A new cohort of four on the shipped modules, and a runner page on a fake clock."""

    def __init__(self, qtbot: QtBot, tmp_path: Path, store: Store, catalog: Catalog) -> None:
        self.qtbot = qtbot
        self.store = store
        cohort = create_cohort(store, "Winter cohort", timezone="Europe/London")
        self.cohort_id = cohort.id
        self.people = {
            name.split()[0]: add_participant(store, cohort.id, ParticipantDetails(name)).id
            for name in NAMES
        }
        self.runs = {r.module_number: r.id for r in ensure_runs(store, cohort.id, catalog.modules)}
        self.mono = FakeClock(500.0)
        self.wall = FakeClock(1_800_000_000.0)
        self.page = RunnerPage(
            store,
            Events(),
            catalog,
            pane_factories=pane_factories(catalog.get),
            backups_dir=tmp_path / "backups",
            op_runner=SynchronousRunner(),
            clock=self.mono,
            wall=self.wall,
            open_url=lambda _url: None,
            chime=lambda: None,
        )
        qtbot.addWidget(self.page)
        show_active(qtbot, self.page)

    def minutes(self, n: float) -> None:
        self.mono.advance(n * 60)
        self.wall.advance(n * 60)

    def next_segment(self, key: Qt.Key = Qt.Key.Key_Right) -> str:
        """The runner's next-segment key, pressed where the facilitator's focus rests between
        segments (the agenda); Ctrl+Right, or the bare Page Down."""
        agenda = self.page.agenda
        agenda.setFocus()
        modifier = (
            Qt.KeyboardModifier.ControlModifier
            if key == Qt.Key.Key_Right
            else Qt.KeyboardModifier.NoModifier
        )
        self.qtbot.keyClick(agenda, key, modifier)
        segment = self.page.current_segment
        assert segment is not None
        return segment.id

    def until(self, segment_id: str) -> list[str]:
        """Press next until ``segment_id``; the segments passed through, in order."""
        passed = []
        while self.page.current_segment is not None and (
            self.page.current_segment.id != segment_id
        ):
            passed.append(self.next_segment())
            assert len(passed) < 20, passed
        return passed

    def pane(self) -> object:
        QApplication.processEvents()
        return self.page.capture_pane


@pytest.fixture
def call(qtbot: QtBot, tmp_path: Path, store: Store, catalog: Catalog) -> Call:
    return Call(qtbot, tmp_path, store, catalog)


def test_session_one_from_the_welcome_to_the_feedback(qtbot: QtBot, call: Call) -> None:
    page, people = call.page, call.people
    run_id = call.runs[1]
    page.open_run(run_id)
    assert get_run(call.store, run_id).status is RunStatus.RUNNING
    page.agenda.setFocus()
    qtbot.keyClick(page.agenda, Qt.Key.Key_Space)  # start the clock

    # The welcome: the guidelines, and Ada says she agrees.
    welcome = call.pane()
    assert isinstance(welcome, GuidelinesPane)
    ada_box = welcome.boxes[people["Ada"]]
    qtbot.mouseClick(ada_box, Qt.MouseButton.LeftButton, pos=QPoint(8, ada_box.height() // 2))
    call.minutes(5)

    # The roll call: statuses by click, Ada's answer typed (saved when the segment is left).
    assert call.next_segment() == "roll-call"
    roll = call.pane()
    assert isinstance(roll, RollCallPane)
    assert roll.count_label.text() == "0 of 4 here · 4 not marked yet"
    rows = roll.rows
    click = Qt.MouseButton.LeftButton
    qtbot.mouseClick(rows[people["Ada"]].status_buttons[AttendanceStatus.PRESENT], click)
    qtbot.mouseClick(rows[people["Ben"]].status_buttons[AttendanceStatus.LATE], click)
    qtbot.mouseClick(rows[people["Chloe"]].status_buttons[AttendanceStatus.PRESENT], click)
    qtbot.mouseClick(rows[people["Dev"]].status_buttons[AttendanceStatus.ABSENT], click)
    answer = rows[people["Ada"]].answer_edit
    assert answer is not None
    answer.setFocus()
    qtbot.keyClicks(answer, "Ada / maintainer / @ada")
    assert roll.count_label.text() == "3 of 4 here · 1 late"
    call.minutes(10)

    # On to the first silent notes, one segment at a time; Page Down works as well.
    assert call.next_segment(Qt.Key.Key_PageDown) == "icebreaker"
    assert call.until("silent-notes-why") == [
        "presentation-community-cop",
        "open-discussion",
        "starting-with-why",
        "silent-notes-why",
    ]
    notes = call.pane()
    assert isinstance(notes, NotesPane)
    authors = [notes.author_box.itemText(i) for i in range(notes.author_box.count())]
    assert authors == ["Anonymous", "Facilitator", "", *NAMES]
    for who, visibility, text in (
        ("Ada Lovelace", "Shared", "People who care"),
        ("Ben Okri", "Private", "Funding runs out in May"),
        ("Facilitator", "Off the record", "Check in with Ben"),
    ):
        pick(qtbot, notes.author_box, who)
        pick(qtbot, notes.visibility_box, visibility)
        notes.entry.setFocus()
        qtbot.keyClicks(notes.entry, text)
        qtbot.keyClick(notes.entry, Qt.Key.Key_Return)
    call.minutes(15)

    # To the feedback, the last segment.
    assert call.until("feedback")[-1] == "feedback"
    feedback = call.pane()
    assert isinstance(feedback, FeedbackPane)
    worked = feedback.columns[FeedbackKind.PLUS]
    worked.entry.setFocus()
    qtbot.keyClicks(worked.entry, "The silent notes")
    qtbot.keyClick(worked.entry, Qt.Key.Key_Return)
    pick(qtbot, feedback.from_box, "Chloe Zhao")
    unclear = feedback.columns[FeedbackKind.UNCLEAR]
    unclear.entry.setFocus()
    qtbot.keyClicks(unclear.entry, "Where the notes go")
    qtbot.keyClick(unclear.entry, Qt.Key.Key_Return)
    call.minutes(5)

    assert page.timer_panel.next_button.text() == "Finish ▶"
    call.next_segment()  # the last "next" ends the session

    # What the store holds.
    run = get_run(call.store, run_id)
    assert run.status is RunStatus.ENDED
    assert run.current_segment == "feedback"
    attendance = {a.participant_id: a for a in list_attendance(call.store, run_id)}
    assert {p: a.status for p, a in attendance.items()} == {
        people["Ada"]: AttendanceStatus.PRESENT,
        people["Ben"]: AttendanceStatus.LATE,
        people["Chloe"]: AttendanceStatus.PRESENT,
        people["Dev"]: AttendanceStatus.ABSENT,
    }
    assert attendance[people["Ada"]].answer == "Ada / maintainer / @ada"
    roll_of_guidelines = acknowledgement_roll(call.store, call.cohort_id)
    assert [(a.participant_id, a.how) for a in roll_of_guidelines.acknowledged] == [
        (people["Ada"], AcknowledgedHow.CALL)
    ]
    stored_notes = [
        (n.author_kind, n.participant_id, n.text, n.visibility)
        for n in list_notes(call.store, run_id, segment_id="silent-notes-why")
    ]
    assert stored_notes == [
        (AuthorKind.PARTICIPANT, people["Ada"], "People who care", Visibility.SHARED),
        (AuthorKind.PARTICIPANT, people["Ben"], "Funding runs out in May", Visibility.PRIVATE),
        (AuthorKind.FACILITATOR, None, "Check in with Ben", Visibility.OFF_RECORD),
    ]
    assert [(f.kind, f.text, f.participant_id) for f in list_feedback(call.store, run_id)] == [
        (FeedbackKind.PLUS, "The silent notes", None),
        (FeedbackKind.UNCLEAR, "Where the notes go", people["Chloe"]),
    ]
    timers = load_timer_states(call.store, run_id)
    assert timers["guidelines"].elapsed_before == pytest.approx(5 * 60)
    assert timers["roll-call"].elapsed_before == pytest.approx(10 * 60)
    assert all(state.is_finished for state in timers.values())


def test_session_three_splits_the_people_present_into_rooms(qtbot: QtBot, call: Call) -> None:
    page, people = call.page, call.people
    run_id = call.runs[3]
    page.open_run(run_id)
    roll = call.pane()
    assert isinstance(roll, RollCallPane)
    click = Qt.MouseButton.LeftButton
    for name, status in (
        ("Ada", AttendanceStatus.PRESENT),
        ("Ben", AttendanceStatus.PRESENT),
        ("Chloe", AttendanceStatus.LATE),
        ("Dev", AttendanceStatus.ABSENT),
    ):
        qtbot.mouseClick(roll.rows[people[name]].status_buttons[status], click)

    assert call.until("mapping-engagement") == [
        "assignment-sharing",
        "presentation-participation",
        "mapping-engagement",
    ]
    rooms = call.pane()
    assert isinstance(rooms, BreakoutPane)
    rooms.size_spin.setFocus()
    rooms.size_spin.selectAll()
    qtbot.keyClicks(rooms.size_spin, "2")
    pick(qtbot, rooms.mode_box, "rooms")
    qtbot.mouseClick(rooms.split_button, Qt.MouseButton.LeftButton)

    assert call.until("feedback")[-1] == "feedback"
    feedback = call.pane()
    assert isinstance(feedback, FeedbackPane)
    takeaway = feedback.columns[FeedbackKind.TAKEAWAY]
    takeaway.entry.setFocus()
    qtbot.keyClicks(takeaway.entry, "Rooms of two work")
    qtbot.keyClick(takeaway.entry, Qt.Key.Key_Return)
    call.next_segment()

    assert get_run(call.store, run_id).status is RunStatus.ENDED
    stored_rooms = list_breakout_rooms(call.store, run_id, "mapping-engagement")
    assert len(stored_rooms) == 2
    members = [set(room.member_ids) for room in stored_rooms]
    assert set().union(*members) == {people["Ada"], people["Ben"], people["Chloe"]}
    assert sum(len(m) for m in members) == 3  # nobody in two rooms, Dev (absent) in none
    assert all(room.prompt for room in stored_rooms)  # the segment's prompts handed round
    assert [(f.kind, f.text) for f in list_feedback(call.store, run_id)] == [
        (FeedbackKind.TAKEAWAY, "Rooms of two work")
    ]
