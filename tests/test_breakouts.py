"""Breakout rooms: fair at a glance, reproducible with a seed, and easy to fix by hand."""

from __future__ import annotations

from collections.abc import MutableSequence
from random import Random
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cofacilitator.breakouts import (
    Arrangement,
    Room,
    broadcast_text,
    move,
    reshuffle,
    room_names,
    split_by_count,
    split_by_size,
)

people_lists = st.lists(st.integers(min_value=0, max_value=10_000), unique=True, max_size=60)


def assert_everyone_placed_once(arrangement: Arrangement, people: list[int]) -> None:
    placed = arrangement.people
    assert sorted(placed) == sorted(people)


def assert_balanced(arrangement: Arrangement) -> None:
    sizes = arrangement.sizes
    if sizes:
        assert max(sizes) - min(sizes) <= 1
        assert min(sizes) >= 1


@given(people=people_lists, rooms=st.integers(min_value=1, max_value=20), seed=st.integers())
def test_split_by_count_places_everyone_once_in_balanced_rooms(
    people: list[int], rooms: int, seed: int
) -> None:
    arrangement = split_by_count(people, rooms, Random(seed))
    assert_everyone_placed_once(arrangement, people)
    assert_balanced(arrangement)
    assert len(arrangement.rooms) == min(rooms, len(people))


@given(people=people_lists, size=st.integers(min_value=1, max_value=12), seed=st.integers())
def test_split_by_size_places_everyone_once_in_balanced_rooms(
    people: list[int], size: int, seed: int
) -> None:
    arrangement = split_by_size(people, size, Random(seed))
    assert_everyone_placed_once(arrangement, people)
    assert_balanced(arrangement)
    largest_allowed = 3 if size == 2 else size
    assert all(room_size <= largest_allowed for room_size in arrangement.sizes)
    if size >= 2 and len(people) >= 2:
        assert 1 not in arrangement.sizes


def test_split_by_size_gives_the_rooms_a_facilitator_expects() -> None:
    rng = Random(1)
    assert split_by_size(range(10), 3, rng).sizes == (3, 3, 2, 2)
    assert split_by_size(range(12), 4, rng).sizes == (4, 4, 4)
    assert split_by_size(range(7), 2, rng).sizes == (3, 2, 2)
    assert split_by_size(range(3), 2, rng).sizes == (3,)
    assert split_by_size(range(4), 3, rng).sizes == (2, 2)


def test_rooms_are_named_in_order() -> None:
    assert room_names(3) == ["Room 1", "Room 2", "Room 3"]
    assert room_names(0) == []
    arrangement = split_by_count(range(9), 3, Random(0))
    assert [room.name for room in arrangement.rooms] == ["Room 1", "Room 2", "Room 3"]


def test_a_seeded_split_is_reproducible_and_seeds_differ() -> None:
    people = list(range(20))
    first = split_by_count(people, 4, Random(7))
    again = split_by_count(people, 4, Random(7))
    other = split_by_count(people, 4, Random(8))
    assert first == again
    assert first.groups() != other.groups()


def test_nobody_present_means_no_rooms() -> None:
    assert split_by_count([], 3, Random(0)) == Arrangement()
    assert split_by_size([], 3, Random(0)) == Arrangement()
    assert broadcast_text([], 10, {}) == "Breakout rooms: 10 minutes."


def test_more_rooms_than_people_opens_only_as_many_rooms_as_people() -> None:
    arrangement = split_by_count([1, 2, 3], 5, Random(0))
    assert arrangement.sizes == (1, 1, 1)


def test_rooms_of_one_when_asked_for() -> None:
    arrangement = split_by_size([1, 2, 3], 1, Random(0))
    assert arrangement.sizes == (1, 1, 1)


def test_one_person_gets_a_room_of_their_own() -> None:
    assert split_by_size([5], 3, Random(0)).sizes == (1,)


def test_a_person_listed_twice_is_placed_once() -> None:
    arrangement = split_by_count([1, 2, 2, 3], 2, Random(0))
    assert sorted(arrangement.people) == [1, 2, 3]


def test_impossible_requests_are_refused() -> None:
    with pytest.raises(ValueError):
        split_by_count([1, 2], 0, Random(0))
    with pytest.raises(ValueError):
        split_by_size([1, 2], 0, Random(0))


@given(people=people_lists, rooms=st.integers(min_value=1, max_value=8), seed=st.integers())
def test_reshuffle_keeps_people_and_sizes_and_changes_the_groups_when_it_can(
    people: list[int], rooms: int, seed: int
) -> None:
    rng = Random(seed)
    before = split_by_count(people, rooms, rng).with_prompts(["Why are you here?"])
    after = reshuffle(before, rng)
    assert sorted(after.people) == sorted(before.people)
    assert after.sizes == before.sizes
    assert [(r.name, r.prompt) for r in after.rooms] == [(r.name, r.prompt) for r in before.rooms]
    another_grouping_exists = len(before.rooms) >= 2 and max(before.sizes) >= 2
    if another_grouping_exists:
        assert after.groups() != before.groups()
    else:
        assert after.groups() == before.groups()


def test_reshuffle_prefers_new_faces() -> None:
    before = Arrangement((Room("Room 1", (1, 2)), Room("Room 2", (3, 4))))
    after = reshuffle(before, Random(3))
    for room in after.rooms:
        assert set(room.members) not in ({1, 2}, {3, 4})


class UnluckyRandom(Random):
    """A generator whose shuffles never move anyone: the worst luck a reshuffle can have."""

    def shuffle(self, x: MutableSequence[Any]) -> None:
        return None


def test_reshuffle_changes_the_groups_even_with_the_worst_luck() -> None:
    before = Arrangement((Room("Room 1", (1, 2, 3)), Room("Room 2", (4, 5))))
    after = reshuffle(before, UnluckyRandom(0))
    assert after.groups() != before.groups()
    assert after.sizes == before.sizes


def test_move_drags_a_person_into_another_room() -> None:
    before = Arrangement((Room("Room 1", (1, 2)), Room("Room 2", (3, 4))))
    after = move(before, 2, 1)
    assert after.rooms[0].members == (1,)
    assert after.rooms[1].members == (3, 4, 2)
    assert after.room_of(2) == 1


def test_move_into_the_same_room_keeps_them_there_once() -> None:
    before = Arrangement((Room("Room 1", (1, 2)), Room("Room 2", (3,))))
    after = move(before, 1, 0)
    assert after.rooms[0].members == (2, 1)
    assert after.people.count(1) == 1


def test_a_latecomer_is_dragged_into_a_room() -> None:
    before = Arrangement((Room("Room 1", (1,)), Room("Room 2", (3,))))
    assert before.room_of(9) is None
    after = move(before, 9, 0)
    assert after.rooms[0].members == (1, 9)


def test_a_room_emptied_by_hand_stays_open() -> None:
    before = Arrangement((Room("Room 1", (1,)), Room("Room 2", (3,))))
    after = move(before, 1, 1)
    assert after.sizes == (0, 2)


def test_move_to_a_room_that_does_not_exist_is_refused() -> None:
    with pytest.raises(IndexError):
        move(Arrangement((Room("Room 1", (1,)),)), 1, 1)


def test_prompts_are_handed_out_to_rooms_in_turn() -> None:
    arrangement = split_by_count(range(6), 3, Random(0))
    assert [r.prompt for r in arrangement.with_prompts(["A", "B"]).rooms] == ["A", "B", "A"]
    assert [r.prompt for r in arrangement.with_prompts(["Same"]).rooms] == ["Same"] * 3
    assert arrangement.with_prompts([]) == arrangement


def test_broadcast_text_names_each_room_its_people_its_prompt_and_the_time() -> None:
    names = {1: "Ada Lovelace", 2: "Grace Hopper", 3: "Katherine Johnson", 4: "Alan Turing"}
    rooms = [
        Room("Room 1", (1, 2), "What brought you to this community?"),
        Room("Room 2", (3, 4), "  "),
        Room("Room 3", ()),
    ]
    assert broadcast_text(rooms, 15, names) == (
        "Breakout rooms: 15 minutes.\n"
        "\n"
        "Room 1: Ada Lovelace, Grace Hopper\n"
        "Prompt: What brought you to this community?\n"
        "\n"
        "Room 2: Katherine Johnson, Alan Turing"
    )


def test_broadcast_text_says_one_minute_not_one_minutes() -> None:
    assert broadcast_text([Room("Room 1", (1,))], 1, {1: "Ada"}).startswith(
        "Breakout rooms: 1 minute."
    )
