"""Feedback, Q&A, fill-in tables and breakout rooms, as recorded during and after a call."""

from __future__ import annotations

from datetime import datetime

import pytest

from cofacilitator.breakouts import Arrangement, Room
from cofacilitator.notes import add_note, list_notes
from cofacilitator.runs import RunView, end_run, start_run
from cofacilitator.session_records import (
    add_feedback,
    add_question,
    add_table_row,
    answer_question,
    arrangement_of,
    delete_feedback,
    delete_question,
    delete_table_row,
    edit_feedback,
    edit_question,
    edit_table_row,
    list_breakout_rooms,
    list_feedback,
    list_questions,
    list_table_rows,
    reorder_table_rows,
    save_breakout_rooms,
)
from cofacilitator.sessions.schema import FeedbackKind, Module
from cofacilitator.store.database import Store
from cofacilitator.store.models import AnsweredWhen, Visibility


def test_feedback_is_anonymous_unless_someone_signs_it(
    store: Store, runs: list[RunView], people: list[int]
) -> None:
    run = runs[0].id
    plus = add_feedback(store, run, FeedbackKind.PLUS, "The timer kept us calm")
    takeaway = add_feedback(
        store, run, FeedbackKind.TAKEAWAY, "Start with why", participant_id=people[0]
    )
    assert plus.participant_id is None and takeaway.participant_id == people[0]
    changed = edit_feedback(store, plus.id, kind=FeedbackKind.SURPRISE, text="Silence helped")
    assert (changed.kind, changed.text) == (FeedbackKind.SURPRISE, "Silence helped")
    assert delete_feedback(store, takeaway.id) == takeaway
    assert list_feedback(store, run) == [changed]


def test_questions_answered_live_after_or_never(
    store: Store, runs: list[RunView], modules: tuple[Module, ...], people: list[int]
) -> None:
    run = runs[0].id
    start_run(store, run, modules[0])
    live = add_question(
        store, run, "Is the recording shared?", segment_id="qa", asked_by_id=people[0]
    )
    later = add_question(store, run, "Which reading first?", segment_id="qa")
    never = add_question(store, run, "Can we meet in person?", segment_id="qa")
    answered_live = answer_question(store, live.id, "Yes, the presentation only.", "Noor")
    assert answered_live.answered_when is AnsweredWhen.LIVE and answered_live.is_answered
    end_run(store, run)

    answered_after = answer_question(store, later.id, "The Turing Way chapter.", "Ben")
    assert answered_after.answered_when is AnsweredWhen.AFTER
    edited = edit_question(
        store, later.id, question="Which reading should we start with?", at=datetime(2026, 10, 4)
    )
    assert edited.question == "Which reading should we start with?"
    assert edited.answer == "The Turing Way chapter." and edited.edited_at == datetime(2026, 10, 4)

    assert [q.is_answered for q in list_questions(store, run)] == [True, True, False]
    unanswered = answer_question(store, live.id, "  ", "Noor")
    assert unanswered.answered_when is None and not unanswered.is_answered
    assert delete_question(store, never.id).question == "Can we meet in person?"
    assert len(list_questions(store, run)) == 2


def test_one_person_can_add_several_table_rows_and_rows_can_be_reordered(
    store: Store, runs: list[RunView], people: list[int]
) -> None:
    run, ada, ben, _ = runs[1].id, *people
    first = add_table_row(
        store, run, "table", {"Project": "Maps", "Purpose": "Share data"}, participant_id=ada
    )
    second = add_table_row(store, run, "table", {"Project": "Docs"}, participant_id=ada)
    third = add_table_row(store, run, "table", {"Project": "Meetups"}, participant_id=ben)
    assert [r.position for r in (first, second, third)] == [0, 1, 2]
    assert [r.participant_id for r in list_table_rows(store, run, "table")] == [ada, ada, ben]

    edited = edit_table_row(
        store, second.id, cells={"Purpose": "Onboarding"}, visibility=Visibility.PRIVATE
    )
    assert edited.cells == {"Project": "Docs", "Purpose": "Onboarding"}
    reordered = reorder_table_rows(store, run, "table", [third.id, first.id, second.id])
    assert [r.id for r in reordered] == [third.id, first.id, second.id]
    with pytest.raises(ValueError, match="every row"):
        reorder_table_rows(store, run, "table", [third.id, first.id])
    delete_table_row(store, first.id)
    assert [r.cells["Project"] for r in list_table_rows(store, run)] == ["Meetups", "Docs"]


def test_saving_breakout_rooms_replaces_the_arrangement_and_keeps_room_notes(
    store: Store, runs: list[RunView], people: list[int]
) -> None:
    run, ada, ben, chloe = runs[0].id, *people
    rooms = save_breakout_rooms(
        store,
        run,
        "rooms",
        Arrangement(
            (Room("Room 1", (ada, ben), "Who holds the history?"), Room("Room 2", (chloe,)))
        ),
    )
    assert [(r.name, r.member_ids, r.prompt) for r in rooms] == [
        ("Room 1", (ada, ben), "Who holds the history?"),
        ("Room 2", (chloe,), ""),
    ]
    kept = add_note(
        store, run, "rooms", "Founders' emails", room_id=rooms[0].id, participant_id=ada
    )
    orphan = add_note(store, run, "rooms", "Ask the funder", room_id=rooms[1].id)

    replaced = save_breakout_rooms(
        store, run, "rooms", Arrangement((Room("Garden", (ben, ada, chloe), "Start anywhere"),))
    )
    assert [(r.id, r.name, r.member_ids) for r in replaced] == [
        (rooms[0].id, "Garden", (ben, ada, chloe))
    ]
    assert list_breakout_rooms(store, run) == replaced
    assert arrangement_of(replaced) == Arrangement(
        (Room("Garden", (ben, ada, chloe), "Start anywhere"),)
    )
    notes = {n.id: n.room_id for n in list_notes(store, run, segment_id="rooms")}
    assert notes == {kept.id: rooms[0].id, orphan.id: None}


def test_a_person_in_two_rooms_or_from_elsewhere_is_refused(
    store: Store, runs: list[RunView], people: list[int]
) -> None:
    run, ada, ben, _ = runs[0].id, *people
    with pytest.raises(ValueError, match="two rooms"):
        save_breakout_rooms(
            store, run, "rooms", Arrangement((Room("A", (ada,)), Room("B", (ada, ben))))
        )
    with pytest.raises(ValueError, match="roster"):
        save_breakout_rooms(store, run, "rooms", Arrangement((Room("A", (ada, 9999)),)))
    assert list_breakout_rooms(store, run) == []
