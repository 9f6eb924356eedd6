"""Take space, give space: who has been heard in the call, and who has not yet.

The facilitator marks a person each time they speak; a note they write counts the same, because
writing is how quieter people take part. The point is not a score but a nudge: the list of people
present and not heard yet is what the facilitator looks at before inviting someone in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from random import Random

PersonId = int
"""An opaque id of a person, as the store numbers them."""


@dataclass(frozen=True)
class SpeakingBalance:
    """Contributions per present person, most first; ties keep the order people were given in.

    ``not_heard`` lists, in that same given order, everyone present with no contribution yet.
    """

    tally: tuple[tuple[PersonId, int], ...]
    not_heard: tuple[PersonId, ...]

    @property
    def total(self) -> int:
        return sum(count for _, count in self.tally)

    def count(self, person: PersonId) -> int:
        return dict(self.tally).get(person, 0)

    def share(self, person: PersonId) -> float:
        """The person's part of all contributions, 0 when nobody has spoken yet."""
        total = self.total
        return self.count(person) / total if total else 0.0


def speaking_balance(
    present: Sequence[PersonId], contributions: Iterable[PersonId]
) -> SpeakingBalance:
    """Tally one contribution per entry (a time someone spoke, or a note they wrote).

    Only people present are tallied: the balance is about the room as it is now, so someone who
    spoke and then left no longer weighs on it.
    """
    people = list(dict.fromkeys(present))
    here = frozenset(people)
    counts = Counter(person for person in contributions if person in here)
    position = {person: index for index, person in enumerate(people)}
    ordered = sorted(people, key=lambda person: (-counts[person], position[person]))
    tally = tuple((person, counts[person]) for person in ordered)
    not_heard = tuple(person for person in people if counts[person] == 0)
    return SpeakingBalance(tally, not_heard)


def sharing_order(
    candidates: Sequence[PersonId],
    absent: Iterable[PersonId],
    rng: Random,
    by_hand: Sequence[PersonId] | None = None,
) -> list[PersonId]:
    """Who shares their assignment when, in the sharing round; absent people are skipped.

    Without ``by_hand`` the order is random. With it, the facilitator's order is kept, and any
    candidate it leaves out comes after, in the order given, so nobody present is forgotten.
    People in ``by_hand`` who are not candidates are ignored.
    """
    away = frozenset(absent)
    sharing = [person for person in dict.fromkeys(candidates) if person not in away]
    if by_hand is None:
        rng.shuffle(sharing)
        return sharing
    eligible = frozenset(sharing)
    chosen = [person for person in dict.fromkeys(by_hand) if person in eligible]
    picked = frozenset(chosen)
    return chosen + [person for person in sharing if person not in picked]
