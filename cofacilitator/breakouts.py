"""Splitting the people present into breakout rooms, and the message that tells them where to go.

A facilitator sets up rooms in the last seconds before a breakout, often while talking, so the
split must be fair at once: rooms never differ by more than one person, nobody is left alone in
a room when balancing can avoid it, and "shuffle" always gives a visibly new grouping. Randomness
comes from an injected :class:`random.Random`, so a seeded run is reproducible in tests.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import combinations
from random import Random

PersonId = int
"""An opaque id of a person; display names are looked up only where text is written."""

#: How many random candidates a reshuffle weighs before keeping the one with fewest reunions.
RESHUFFLE_CANDIDATES = 32


@dataclass(frozen=True)
class Room:
    name: str
    members: tuple[PersonId, ...] = ()
    prompt: str = ""


@dataclass(frozen=True)
class Arrangement:
    """Rooms in display order; every person appears in at most one room."""

    rooms: tuple[Room, ...] = ()

    @property
    def people(self) -> tuple[PersonId, ...]:
        return tuple(person for room in self.rooms for person in room.members)

    @property
    def sizes(self) -> tuple[int, ...]:
        return tuple(len(room.members) for room in self.rooms)

    def room_of(self, person: PersonId) -> int | None:
        """The index of the person's room, or None when they are in none."""
        for index, room in enumerate(self.rooms):
            if person in room.members:
                return index
        return None

    def with_prompts(self, prompts: Sequence[str]) -> Arrangement:
        """Hand the prompts out to the rooms in turn: one prompt for all, or one per room."""
        if not prompts:
            return self
        rooms = tuple(
            replace(room, prompt=prompts[index % len(prompts)])
            for index, room in enumerate(self.rooms)
        )
        return Arrangement(rooms)

    def groups(self) -> frozenset[frozenset[PersonId]]:
        """Who is with whom, regardless of room names: what participants notice of a shuffle."""
        return frozenset(frozenset(room.members) for room in self.rooms if room.members)


def room_names(n: int) -> list[str]:
    return [f"Room {number}" for number in range(1, n + 1)]


def split_by_count(people: Sequence[PersonId], rooms: int, rng: Random) -> Arrangement:
    """``rooms`` rooms, or fewer when there are fewer people: an empty room helps nobody."""
    if rooms < 1:
        raise ValueError(f"at least one room is needed, got {rooms}")
    everyone = _distinct(people)
    rng.shuffle(everyone)
    return _deal(everyone, min(rooms, len(everyone)))


def split_by_size(people: Sequence[PersonId], size: int, rng: Random) -> Arrangement:
    """Rooms of at most ``size`` people, balanced to within one.

    The one exception: with rooms of two asked for and an odd number of people, one room gets
    three rather than leaving someone on their own.
    """
    if size < 1:
        raise ValueError(f"a room holds at least one person, got {size}")
    everyone = _distinct(people)
    count = math.ceil(len(everyone) / size)
    if size >= 2:
        count = min(count, max(1, len(everyone) // 2))
    rng.shuffle(everyone)
    return _deal(everyone, count)


def reshuffle(arrangement: Arrangement, rng: Random) -> Arrangement:
    """The same people in rooms of the same sizes, grouped differently whenever that is possible.

    Among a few random candidates the one that reunites the fewest earlier pairs wins, so people
    meet new faces. Room names and prompts stay with their rooms.
    """
    people = list(arrangement.people)
    sizes = arrangement.sizes
    before = arrangement.groups()
    previous_pairs = _pairs(arrangement)
    best: Arrangement | None = None
    best_reunions = math.inf
    for _ in range(RESHUFFLE_CANDIDATES):
        rng.shuffle(people)
        candidate = _fill(arrangement, people, sizes)
        if candidate.groups() == before:
            continue
        reunions = len(_pairs(candidate) & previous_pairs)
        if reunions < best_reunions:
            best, best_reunions = candidate, reunions
        if reunions == 0:
            break
    if best is not None:
        return best
    return _swap_across(arrangement, rng)


def move(arrangement: Arrangement, person: PersonId, to_room: int) -> Arrangement:
    """Put ``person`` at the end of room ``to_room``, taking them out of any other room.

    Someone in no room yet (a latecomer) is simply added. Rooms emptied by moves stay, since the
    facilitator may be about to fill them.
    """
    if not 0 <= to_room < len(arrangement.rooms):
        raise IndexError(f"no room {to_room} among {len(arrangement.rooms)}")
    rooms = []
    for index, room in enumerate(arrangement.rooms):
        members = tuple(member for member in room.members if member != person)
        if index == to_room:
            members += (person,)
        rooms.append(replace(room, members=members))
    return Arrangement(tuple(rooms))


def broadcast_text(rooms: Sequence[Room], minutes: int, names: Mapping[PersonId, str]) -> str:
    """Plain text to paste into a video call's broadcast: who is where, what to discuss, how long.

    Empty rooms are left out; they would only send people looking for a room nobody is in.
    """
    unit = "minute" if minutes == 1 else "minutes"
    blocks = [f"Breakout rooms: {minutes} {unit}."]
    for room in rooms:
        if not room.members:
            continue
        lines = [f"{room.name}: {', '.join(names[person] for person in room.members)}"]
        if room.prompt.strip():
            lines.append(f"Prompt: {room.prompt.strip()}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _distinct(people: Iterable[PersonId]) -> list[PersonId]:
    """Each person once, in the order given, so a double entry cannot place someone twice."""
    return list(dict.fromkeys(people))


def _deal(shuffled: Sequence[PersonId], count: int) -> Arrangement:
    """Deal people round the rooms like cards, which keeps sizes within one of each other."""
    names = room_names(count)
    return Arrangement(
        tuple(Room(name, tuple(shuffled[index::count])) for index, name in enumerate(names))
    )


def _fill(template: Arrangement, people: Sequence[PersonId], sizes: Sequence[int]) -> Arrangement:
    rooms = []
    start = 0
    for room, size in zip(template.rooms, sizes, strict=True):
        rooms.append(replace(room, members=tuple(people[start : start + size])))
        start += size
    return Arrangement(tuple(rooms))


def _pairs(arrangement: Arrangement) -> set[frozenset[PersonId]]:
    return {frozenset(pair) for room in arrangement.rooms for pair in combinations(room.members, 2)}


def _swap_across(arrangement: Arrangement, rng: Random) -> Arrangement:
    """Swap one person of a shared room with someone elsewhere: always a new grouping.

    The swapped-in person now shares a room with someone they were apart from. When no room
    holds two people, or there is a single room, no other grouping exists and the arrangement is
    returned unchanged.
    """
    shared = [i for i, room in enumerate(arrangement.rooms) if len(room.members) >= 2]
    occupied = [i for i, room in enumerate(arrangement.rooms) if room.members]
    if not shared or len(occupied) < 2:
        return arrangement
    source = rng.choice(shared)
    target = rng.choice([i for i in occupied if i != source])
    leaving = rng.choice(arrangement.rooms[source].members)
    coming = rng.choice(arrangement.rooms[target].members)
    return move(move(arrangement, leaving, target), coming, source)
