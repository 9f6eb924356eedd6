"""Names as people write them, matched to one person on the roster or to no one."""

from __future__ import annotations

import pytest

from cofacilitator.name_matching import (
    MatchStatus,
    RosterMatcher,
    RosterPerson,
    looks_like_name,
    name_key,
)

ROSTER = (
    RosterPerson(1, "Siobhán Kelly"),
    RosterPerson(2, "Ada Lovelace", "@ada, github:adal"),
    RosterPerson(3, "Mateo Fernández", "@mateo@fosstodon.org"),
    RosterPerson(4, "Sam Green"),
    RosterPerson(5, "Sam Brown"),
    RosterPerson(6, "Lin Wei"),
)


@pytest.fixture
def matcher() -> RosterMatcher:
    return RosterMatcher(ROSTER, facilitators=["Noor Haddad"])


@pytest.mark.parametrize(
    ("written", "person"),
    [
        ("Siobhán Kelly", 1),
        ("siobhan kelly", 1),
        ("SIOBHAN   KELLY", 1),
        ("**Siobhan Kelly**", 1),
        ("Siobhan", 1),
        ("@ada", 2),
        ("github:adal", 2),
        ("Ada", 2),
        ("@mateo", 3),
        ("@mateo@fosstodon.org", 3),
        ("Mateo  Fernandez", 3),
        ("Lin Wei (they/them)", 6),
        ("Sam Green", 4),
    ],
)
def test_a_name_written_another_way_still_finds_the_one_person(
    matcher: RosterMatcher, written: str, person: int
) -> None:
    match = matcher.match(written)
    assert match.status is MatchStatus.PERSON
    assert match.person is not None and match.person.id == person


def test_a_first_name_two_people_share_matches_no_one(matcher: RosterMatcher) -> None:
    assert matcher.match("Sam").status is MatchStatus.AMBIGUOUS
    assert matcher.match("sam").person is None


def test_facilitators_anonymous_and_strangers_are_told_apart(matcher: RosterMatcher) -> None:
    assert matcher.match("Noor  Haddad").status is MatchStatus.FACILITATOR
    assert matcher.match("Facilitator").status is MatchStatus.FACILITATOR
    assert matcher.match("Anonymous").status is MatchStatus.ANONYMOUS
    assert matcher.match("  ").status is MatchStatus.ANONYMOUS
    assert matcher.match("Bob Marley").status is MatchStatus.UNKNOWN
    assert matcher.match("@bob").status is MatchStatus.UNKNOWN
    assert matcher.match("Ada Byron").status is MatchStatus.UNKNOWN


def test_a_handle_is_only_a_handle_when_written_as_one() -> None:
    matcher = RosterMatcher([RosterPerson(1, "Ada Lovelace"), RosterPerson(2, "Bea", "@ada")])
    assert matcher.match("Ada").person == RosterPerson(1, "Ada Lovelace")
    assert matcher.match("@ada").person == RosterPerson(2, "Bea", "@ada")


def test_name_keys_fold_accents_case_and_spacing() -> None:
    assert name_key(" Zoë  Ó Súilleabháin ") == name_key("zoe o suilleabhain")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bob Marley", True),
        ("Mateo de la Cruz", True),
        ("@bob", True),
        ("李雷", True),
        ("Jo (she/her)", True),
        ("I think input", False),
        ("the answer is", False),
        ("Q1", False),
        ("(she/her)", False),
        ("Well. Then", False),
        ("One two three four five six", False),
    ],
)
def test_only_text_that_looks_like_a_name_is_offered_as_a_walk_in(
    text: str, expected: bool
) -> None:
    assert looks_like_name(text) is expected
