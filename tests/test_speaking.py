"""Speaking balance and the sharing round, as the facilitator reads them during a call."""

from __future__ import annotations

from random import Random

from hypothesis import given
from hypothesis import strategies as st

from cofacilitator.speaking import SpeakingBalance, sharing_order, speaking_balance

ADA, BEN, CHLOE, DEV, EVE = 1, 2, 3, 4, 5


def test_the_tally_puts_who_took_most_space_first() -> None:
    balance = speaking_balance([ADA, BEN, CHLOE], [BEN, ADA, BEN, BEN, ADA, CHLOE])
    assert balance.tally == ((BEN, 3), (ADA, 2), (CHLOE, 1))
    assert balance.not_heard == ()
    assert balance.total == 6
    assert balance.share(BEN) == 0.5


def test_people_present_and_not_heard_yet_are_listed_in_roster_order() -> None:
    balance = speaking_balance([ADA, BEN, CHLOE, DEV], [CHLOE, CHLOE])
    assert balance.not_heard == (ADA, BEN, DEV)
    assert balance.tally == ((CHLOE, 2), (ADA, 0), (BEN, 0), (DEV, 0))


def test_a_written_note_counts_like_speaking() -> None:
    spoke = [ADA, ADA]
    notes = [BEN]
    balance = speaking_balance([ADA, BEN], [*spoke, *notes])
    assert balance.count(BEN) == 1
    assert BEN not in balance.not_heard


def test_ties_keep_the_roster_order() -> None:
    balance = speaking_balance([DEV, ADA, CHLOE], [ADA, DEV, CHLOE, DEV, ADA])
    assert [person for person, _ in balance.tally] == [DEV, ADA, CHLOE]


def test_someone_who_left_no_longer_weighs_on_the_room() -> None:
    balance = speaking_balance([ADA, BEN], [EVE, EVE, EVE, ADA])
    assert balance.tally == ((ADA, 1), (BEN, 0))
    assert balance.count(EVE) == 0
    assert balance.total == 1


def test_before_anyone_speaks_everyone_is_waiting_to_be_heard() -> None:
    balance = speaking_balance([ADA, BEN], [])
    assert balance.not_heard == (ADA, BEN)
    assert balance.share(ADA) == 0.0


def test_an_empty_call_has_an_empty_balance() -> None:
    assert speaking_balance([], [ADA]) == SpeakingBalance((), ())


def test_someone_on_the_roster_twice_is_counted_once() -> None:
    balance = speaking_balance([ADA, ADA, BEN], [ADA])
    assert balance.tally == ((ADA, 1), (BEN, 0))


@given(
    present=st.lists(st.integers(0, 30), unique=True),
    contributions=st.lists(st.integers(0, 40)),
)
def test_every_present_person_appears_once_and_counts_add_up(
    present: list[int], contributions: list[int]
) -> None:
    balance = speaking_balance(present, contributions)
    assert sorted(person for person, _ in balance.tally) == sorted(present)
    assert balance.total == sum(1 for person in contributions if person in present)
    counts = [count for _, count in balance.tally]
    assert counts == sorted(counts, reverse=True)
    assert set(balance.not_heard) == {p for p in present if p not in contributions}


def test_the_sharing_round_skips_the_absent_in_a_random_order() -> None:
    order = sharing_order([ADA, BEN, CHLOE, DEV, EVE], absent=[CHLOE], rng=Random(4))
    assert sorted(order) == [ADA, BEN, DEV, EVE]


def test_a_seeded_sharing_round_is_reproducible() -> None:
    people = list(range(1, 13))
    first = sharing_order(people, [], Random(11))
    assert first == sharing_order(people, [], Random(11))
    assert first != sharing_order(people, [], Random(12))


def test_the_facilitators_order_is_kept_and_nobody_is_forgotten() -> None:
    order = sharing_order(
        [ADA, BEN, CHLOE, DEV, EVE],
        absent=[BEN],
        rng=Random(0),
        by_hand=[DEV, BEN, ADA, 99, DEV],
    )
    assert order == [DEV, ADA, CHLOE, EVE]


def test_a_sharing_round_with_everyone_absent_is_empty() -> None:
    assert sharing_order([ADA, BEN], absent=[ADA, BEN], rng=Random(0)) == []
    assert sharing_order([ADA, BEN], absent=[ADA, BEN], rng=Random(0), by_hand=[BEN]) == []


def test_the_candidates_list_is_not_reordered_in_place() -> None:
    candidates = [ADA, BEN, CHLOE, DEV]
    sharing_order(candidates, [], Random(1))
    assert candidates == [ADA, BEN, CHLOE, DEV]
