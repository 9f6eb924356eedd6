"""A past session keeps the people who withdrew since: the demo's Kwame Asante withdrew before
Session 4, and Sessions 1-3 still show him in the roll call, the tally, the sharing round and the
breakout rooms."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cofacilitator.cohorts import list_cohorts, withdraw_participant
from cofacilitator.runs import RunView, list_runs, start_run
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.store.database import Store
from cofacilitator.ui.breakout_pane import BreakoutPane
from cofacilitator.ui.events import Events
from cofacilitator.ui.notes_pane import NotesPane
from cofacilitator.ui.pane_context import PaneContext
from cofacilitator.ui.roll_call_pane import RollCallPane
from cofacilitator.ui.sharing_pane import SharingPane
from cofacilitator.ui.speaking_panel import SpeakingPanel

from .conftest import Cohort, Show

KWAME = "Kwame Asante"


def demo_runs(store: Store) -> tuple[int, dict[int, RunView]]:
    cohort = list_cohorts(store)[0]
    return cohort.id, {run.module_number: run for run in list_runs(store, cohort.id)}


def demo_context(store: Store, catalog: Catalog, number: int, segment_id: str) -> PaneContext:
    cohort_id, runs = demo_runs(store)
    module = catalog.get(runs[number].module_id)
    assert module is not None
    return PaneContext(
        store=store,
        events=Events(),
        cohort_id=cohort_id,
        run_id=runs[number].id,
        module=module,
        segment=module.segment(segment_id),
    )


def test_the_first_sessions_roll_call_still_has_everyone_who_came(
    demo_store: Store, catalog: Catalog, show: Show
) -> None:
    first = show(RollCallPane(demo_context(demo_store, catalog, 1, "roll-call")))
    assert first.count_label.text().startswith("8 of 8 here")
    assert KWAME in [row.person.display_name for row in first.rows.values()]

    last = show(RollCallPane(demo_context(demo_store, catalog, 4, "roll-call")))
    assert last.count_label.text().startswith("7 of 7 here")
    assert KWAME not in [row.person.display_name for row in last.rows.values()]


def test_the_tally_the_sharing_round_and_the_note_authors_of_a_past_session(
    qtbot: QtBot, demo_store: Store, catalog: Catalog, show: Show
) -> None:
    cohort_id, runs = demo_runs(demo_store)
    tally = SpeakingPanel(demo_store, Events(), cohort_id, runs[1].id)
    qtbot.addWidget(tally)
    assert KWAME in [voice.name for voice in tally.snapshot.voices]
    assert len(tally.snapshot.voices) == 8

    sharing = show(
        SharingPane(
            demo_context(demo_store, catalog, 2, "assignment-sharing"), find_module=catalog.get
        )
    )
    order = [sharing.order_list.item(row).text() for row in range(sharing.order_list.count())]
    assert any(KWAME in line for line in order)
    assert sharing.summary_label.text() == "Session 1 assignment: 8 of 8 handed in"

    notes = show(NotesPane(demo_context(demo_store, catalog, 1, "silent-notes-why")))
    authors = [notes.author_box.itemText(i) for i in range(notes.author_box.count())]
    assert KWAME in authors
    later = show(NotesPane(demo_context(demo_store, catalog, 4, "vision")))
    assert KWAME not in [later.author_box.itemText(i) for i in range(later.author_box.count())]


def test_rooms_of_a_started_session_split_whoever_was_on_the_roster_then(
    qtbot: QtBot, cohort: Cohort, show: Show
) -> None:
    """Nobody marked present yet: the run's whole roster is split, withdrawn-since included."""
    module = cohort.modules[3]
    run = cohort.runs[3]
    start_run(cohort.store, run.id, module, at=datetime(2026, 10, 15, 15, 0))
    withdraw_participant(cohort.store, cohort.people["Ben"], at=datetime(2026, 10, 19, 9, 30))

    pane = show(BreakoutPane(cohort.context(3, "mapping-engagement")))
    qtbot.mouseClick(pane.split_button, Qt.MouseButton.LeftButton)
    in_rooms = {person for room in pane.arrangement.rooms for person in room.members}
    assert in_rooms == set(cohort.people.values())


def test_a_long_name_in_the_sharing_round_is_read_whole(
    demo_store: Store, catalog: Catalog, show: Show
) -> None:
    """ "Priya Raghunathan (sha" once: the line ran under the answers beside it."""
    pane = show(
        SharingPane(
            demo_context(demo_store, catalog, 2, "assignment-sharing"), find_module=catalog.get
        )
    )
    listing = pane.order_list
    metrics = listing.fontMetrics()
    indicator = listing.style().pixelMetric(listing.style().PixelMetric.PM_IndicatorWidth)
    for row in range(listing.count()):
        item = listing.item(row)
        one_line = metrics.horizontalAdvance(item.text()) + indicator
        wrapped = listing.visualItemRect(item).height() > metrics.lineSpacing() * 1.5
        assert one_line <= listing.viewport().width() or wrapped, item.text()
    lines = [listing.item(row).text() for row in range(listing.count())]
    assert any(line.endswith(". Priya Raghunathan (shared)") for line in lines), lines


def test_long_roll_call_answers_show_from_their_start(
    demo_store: Store, catalog: Catalog, show: Show
) -> None:
    pane = show(RollCallPane(demo_context(demo_store, catalog, 1, "roll-call")))
    answers = [row.answer_edit for row in pane.rows.values() if row.answer_edit is not None]
    long_ones = [
        edit for edit in answers if edit.fontMetrics().horizontalAdvance(edit.text()) > edit.width()
    ]
    assert long_ones  # the demo's answers are longer than the field
    for edit in long_ones:
        assert edit.cursorPosition() == 0
        assert edit.cursorRect().left() < edit.fontMetrics().horizontalAdvance("M")
