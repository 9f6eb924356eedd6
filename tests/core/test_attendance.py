"""Attendance, stepping out and back, the speaking tally and the sharing round."""

from __future__ import annotations

from datetime import datetime

import pytest

from cofacilitator.attendance import (
    EventKind,
    add_speaking_turn,
    list_attendance,
    list_sharing_turns,
    mark_shared,
    record_left,
    record_returned,
    set_attendance,
    set_sharing_order,
    speaking_counts,
    speaking_order,
    undo_speaking_turn,
)
from cofacilitator.runs import RunView
from cofacilitator.store.database import Store
from cofacilitator.store.models import AttendanceStatus

AT_FOUR = datetime(2026, 10, 1, 15, 0)


def test_answering_the_roll_call_marks_someone_present(
    store: Store, runs: list[RunView], people: list[int]
) -> None:
    ada, ben, _ = people
    answered = set_attendance(store, runs[0].id, ada, answer="Ada / maintainer", emoji="🌱")
    assert (answered.status, answered.answer, answered.emoji) == (
        AttendanceStatus.PRESENT,
        "Ada / maintainer",
        "🌱",
    )
    late = set_attendance(store, runs[0].id, ben, status=AttendanceStatus.LATE)
    picked = {"values": {"picked": ["Kindness", "Curiosity", "Openness"], "defined": "Kindness"}}
    updated = set_attendance(store, runs[0].id, ben, answer_values=picked)
    assert updated.status is AttendanceStatus.LATE and updated.answer_values == picked
    assert late.answer == updated.answer == ""
    assert [a.participant_id for a in list_attendance(store, runs[0].id)] == [ada, ben]


def test_leaving_and_coming_back_is_recorded_in_order(
    store: Store, runs: list[RunView], people: list[int]
) -> None:
    run, ada = runs[0].id, people[0]
    with pytest.raises(ValueError, match="only someone who stepped out"):
        record_returned(store, run, ada)
    out = record_left(store, run, ada, at=AT_FOUR)
    assert out.is_out and out.status is AttendanceStatus.PRESENT
    with pytest.raises(ValueError, match="already marked"):
        record_left(store, run, ada)
    back = record_returned(store, run, ada, at=datetime(2026, 10, 1, 15, 12))
    assert not back.is_out and back.came_back
    assert [(e.kind, e.at.minute) for e in back.events] == [
        (EventKind.LEFT, 0),
        (EventKind.RETURNED, 12),
    ]
    [stored] = list_attendance(store, run)
    assert stored.events == back.events


def test_ticks_count_per_person_and_can_be_taken_back(
    store: Store, runs: list[RunView], people: list[int]
) -> None:
    run, ada, ben, _ = runs[0].id, *people
    for minute, person in enumerate([ada, ben, ada, ada]):
        count = add_speaking_turn(store, run, person, at=AT_FOUR.replace(minute=minute))
    assert count.count == 3
    assert speaking_counts(store, run) == {ada: 3, ben: 1}
    assert speaking_order(store, run) == [ada, ben, ada, ada]
    assert undo_speaking_turn(store, run, ada).count == 2
    assert speaking_order(store, run) == [ada, ben, ada]
    assert undo_speaking_turn(store, runs[1].id, ada).count == 0


def test_the_sharing_round_keeps_its_order_and_who_has_shared(
    store: Store, runs: list[RunView], people: list[int]
) -> None:
    run, ada, ben, chloe = runs[1].id, *people
    turns = set_sharing_order(store, run, [chloe, ada, ben])
    assert [(t.participant_id, t.position) for t in turns] == [(chloe, 0), (ada, 1), (ben, 2)]
    shared = mark_shared(store, run, ada, at=AT_FOUR)
    assert shared.has_shared and shared.shared_at == AT_FOUR
    reordered = set_sharing_order(store, run, [ada, chloe])
    assert [(t.participant_id, t.has_shared) for t in reordered] == [(ada, True), (chloe, False)]
    joined = mark_shared(store, run, ben)
    assert joined.position == 2 and joined.has_shared
    assert not mark_shared(store, run, ada, shared=False).has_shared
    assert [t.participant_id for t in list_sharing_turns(store, run)] == [ada, chloe, ben]
