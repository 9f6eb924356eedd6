"""Breakout rooms: a split by count, moves by hand (keys and a drop), prompts, notes, broadcast."""

from __future__ import annotations

from random import Random

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cofacilitator.attendance import set_attendance
from cofacilitator.breakouts import broadcast_text
from cofacilitator.notes import list_notes
from cofacilitator.runs import ensure_runs
from cofacilitator.session_records import list_breakout_rooms
from cofacilitator.sessions.schema import Module, Prompt, Quote, Segment, SegmentKind
from cofacilitator.store.models import AttendanceStatus
from cofacilitator.ui.breakout_pane import BreakoutPane
from cofacilitator.ui.breakout_rooms import PROMPT_LINES, PeopleList, elided_lines
from cofacilitator.ui.pane_context import PaneContext

from .conftest import Cohort, Shoot, Show, pick

ROOMS_MODULE = Module(
    id="rooms-practice",
    version=1,
    number=5,
    title="Practising in rooms",
    epigraph=Quote("Talk in small groups.", "Anon"),
    key_lessons=("Listening",),
    segments=(
        Segment(
            "rooms",
            SegmentKind.BREAKOUT,
            "Breakout",
            15,
            prompts=(
                Prompt("why", "Why does your community exist?"),
                Prompt("who", "Who is missing from it?"),
            ),
        ),
    ),
)


def breakout_context(cohort: Cohort) -> PaneContext:
    run = ensure_runs(cohort.store, cohort.cohort_id, [ROOMS_MODULE])[-1]
    for name, status in (
        ("Ada", AttendanceStatus.PRESENT),
        ("Ben", AttendanceStatus.PRESENT),
        ("Chloe", AttendanceStatus.LATE),
        ("Dev", AttendanceStatus.ABSENT),
    ):
        set_attendance(cohort.store, run.id, cohort.people[name], status=status)
    return PaneContext(
        store=cohort.store,
        events=cohort.events,
        cohort_id=cohort.cohort_id,
        run_id=run.id,
        module=ROOMS_MODULE,
        segment=ROOMS_MODULE.segments[0],
    )


def stored_rooms(pane: BreakoutPane) -> list[tuple[str, str, set[int]]]:
    context = pane.context
    return [
        (room.name, room.prompt, set(room.member_ids))
        for room in list_breakout_rooms(context.store, context.run_id, context.segment.id)
    ]


def split_in_two(qtbot: QtBot, pane: BreakoutPane) -> None:
    pane.size_spin.setFocus()
    pane.size_spin.selectAll()
    qtbot.keyClicks(pane.size_spin, "2")
    pick(qtbot, pane.mode_box, "rooms")
    qtbot.mouseClick(pane.split_button, Qt.MouseButton.LeftButton)


def test_split_by_count_then_move_by_hand(
    qtbot: QtBot, cohort: Cohort, show: Show, shoot: Shoot
) -> None:
    pane = show(BreakoutPane(breakout_context(cohort), rng=Random(7)))
    present = {cohort.people[n] for n in ("Ada", "Ben", "Chloe")}
    assert pane.no_rooms_label.isVisible()

    split_in_two(qtbot, pane)

    rooms = stored_rooms(pane)
    assert [(name, prompt) for name, prompt, _ in rooms] == [
        ("Room 1", "Why does your community exist?"),
        ("Room 2", "Who is missing from it?"),
    ]
    assert sorted(len(members) for _, _, members in rooms) == [1, 2]
    assert set().union(*(members for _, _, members in rooms)) == present
    assert [set(column.people.person_ids()) for column in pane.columns] == [
        members for _, _, members in rooms
    ]
    assert pane.unplaced.count() == 0

    crowded = next(c for c in pane.columns if c.people.count() == 2)
    other = next(c for c in pane.columns if c is not crowded)
    mover = crowded.people.person_ids()[0]
    crowded.people.setFocus()
    qtbot.keyClick(crowded.people, Qt.Key.Key_Home)
    assert pane.selected_label.text() == pane._names[mover]
    pick(qtbot, pane.target_box, f"Room {other.index + 1}")
    qtbot.mouseClick(pane.move_button, Qt.MouseButton.LeftButton)

    rooms = stored_rooms(pane)
    assert mover in rooms[other.index][2]
    assert mover not in rooms[crowded.index][2]
    assert other.people.currentItem().data(Qt.ItemDataRole.UserRole) == mover
    assert other.title_label.text().endswith("2 people")
    shoot(pane, "breakout")


def test_a_person_dropped_on_another_room_moves_there(
    qtbot: QtBot, cohort: Cohort, show: Show
) -> None:
    pane = show(BreakoutPane(breakout_context(cohort), rng=Random(3)))
    split_in_two(qtbot, pane)
    source, target = pane.columns
    person = source.people.person_ids()[0]

    drop_from(source.people, 0, onto=target.people)

    assert person in stored_rooms(pane)[1][2]
    assert person in target.people.person_ids()
    assert person not in source.people.person_ids()

    drop_from(target.people, target.people.person_ids().index(person), onto=pane.unplaced)
    assert person not in set().union(*(m for _, _, m in stored_rooms(pane)))
    assert pane.unplaced.person_ids() == [person]


def drop_from(source: PeopleList, row: int, *, onto: PeopleList) -> None:
    """What a mouse drag delivers: the source's own drag data entering the target's viewport,
    moving over it and dropped there."""
    data = source.mimeData([source.item(row)])
    where = QPoint(onto.viewport().width() // 2, 4)
    args = (
        Qt.DropAction.MoveAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    for event in (
        QDragEnterEvent(where, *args),
        QDragMoveEvent(where, *args),
        QDropEvent(where, *args),
    ):
        QApplication.sendEvent(onto.viewport(), event)
        assert event.isAccepted()


def test_empty_rooms_are_filled_by_hand(qtbot: QtBot, cohort: Cohort, show: Show) -> None:
    pane = show(BreakoutPane(breakout_context(cohort), rng=Random(1)))
    pane.size_spin.setFocus()
    pane.size_spin.selectAll()
    qtbot.keyClicks(pane.size_spin, "2")
    qtbot.mouseClick(pane.empty_button, Qt.MouseButton.LeftButton)
    assert [members for _, _, members in stored_rooms(pane)] == [set(), set()]
    assert pane.unplaced.person_ids() == [cohort.people[n] for n in ("Ada", "Ben", "Chloe")]

    pane.unplaced.setFocus()
    qtbot.keyClick(pane.unplaced, Qt.Key.Key_End)
    pick(qtbot, pane.target_box, "Room 2")
    pane.move_button.setFocus()
    qtbot.keyClick(pane.move_button, Qt.Key.Key_Space)
    assert stored_rooms(pane)[1][2] == {cohort.people["Chloe"]}


def test_prompt_and_notes_per_room_are_saved(qtbot: QtBot, cohort: Cohort, show: Show) -> None:
    pane = show(BreakoutPane(breakout_context(cohort), rng=Random(7)))
    split_in_two(qtbot, pane)
    first = pane.columns[0]

    first.prompt_box.setFocus()
    first.prompt_box.lineEdit().selectAll()
    qtbot.keyClicks(first.prompt_box, "What keeps people here?")
    first.notes_edit.setFocus()
    qtbot.keyClicks(first.notes_edit, "Friendly reviews")

    room = list_breakout_rooms(cohort.store, pane.context.run_id)[0]
    qtbot.waitUntil(
        lambda: (
            [n.text for n in list_notes(cohort.store, pane.context.run_id, room_id=room.id)]
            == ["Friendly reviews"]
        ),
        timeout=1000,
    )
    assert stored_rooms(pane)[0][1] == "What keeps people here?"


def test_copy_broadcast_text_and_reshuffle(qtbot: QtBot, cohort: Cohort, show: Show) -> None:
    pane = show(BreakoutPane(breakout_context(cohort), rng=Random(7)))
    split_in_two(qtbot, pane)
    before = pane.arrangement

    qtbot.mouseClick(pane.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == broadcast_text(before.rooms, 15, pane._names)
    assert pane.message_label.text() == "Broadcast text copied."

    qtbot.mouseClick(pane.reshuffle_button, Qt.MouseButton.LeftButton)
    assert pane.arrangement.groups() != before.groups()
    assert [m for _, _, m in stored_rooms(pane)] == [set(r.members) for r in pane.arrangement.rooms]


def test_a_long_prompt_is_told_apart_under_its_box_and_whole_in_its_tooltip(
    qtbot: QtBot, cohort: Cohort, show: Show
) -> None:
    """Session 3's prompts start alike ("Discover how people ..."), so the box's first words
    cannot tell two rooms apart."""
    context = cohort.context(3, "mapping-engagement")
    prompts = [prompt.text for prompt in context.segment.prompts]
    pane = show(BreakoutPane(context, rng=Random(5)))
    qtbot.mouseClick(pane.split_button, Qt.MouseButton.LeftButton)
    first, second = pane.columns[:2]
    assert first.prompt_box.currentText() == prompts[0]
    assert first.prompt_box.toolTip() == prompts[0]
    assert second.prompt_box.toolTip() == prompts[1]
    for column in (first, second):
        assert not column.prompt_fits()
        assert column.prompt_label.isVisible()
        shown = column.prompt_label.text()
        assert len(shown.splitlines()) <= PROMPT_LINES
        assert shown.endswith("…")
        words = shown.replace("\n", " ").removesuffix("…").split()
        whole = column.prompt_box.currentText().split()
        assert words[:-1] == whole[: len(words) - 1]  # the prompt's own start, line by line
    assert first.prompt_label.text() != second.prompt_label.text()
    assert first.people.isVisible() and first.notes_edit.isVisible()


def test_elided_lines_keeps_short_text_whole() -> None:
    font = QApplication.font()
    assert elided_lines("Why?", font, 200, 3) == "Why?"
    assert elided_lines("one two three four five six", font, 0, 3) == "one two three four five six"
