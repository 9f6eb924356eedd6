"""Pseudonyms are dealt once per cohort, in roster order, and never let a real name through."""

from __future__ import annotations

import pytest

from cofacilitator.pseudonyms import NameBook, Person, assign_pseudonyms, pseudonym_letters


@pytest.mark.parametrize(
    ("index", "letters"),
    [
        (0, "A"),
        (1, "B"),
        (25, "Z"),
        (26, "AA"),
        (27, "AB"),
        (51, "AZ"),
        (52, "BA"),
        (701, "ZZ"),
        (702, "AAA"),
    ],
)
def test_letters_run_like_spreadsheet_columns(index: int, letters: str) -> None:
    assert pseudonym_letters(index) == letters


def test_pseudonyms_follow_participant_id_order_whatever_the_input_order() -> None:
    assert assign_pseudonyms([30, 10, 20]) == {
        10: "Participant A",
        20: "Participant B",
        30: "Participant C",
    }


def test_the_twenty_seventh_person_is_participant_aa() -> None:
    book = NameBook((Person(i, f"Person {i}", False) for i in range(1, 28)), pseudonymize_all=False)
    assert book.name(26) == "Participant Z"
    assert book.name(27) == "Participant AA"


def roster() -> list[Person]:
    return [
        Person(1, "Asha Verma", True),
        Person(2, "Ben Okafor", False),
        Person(3, "Chen Li", True),
    ]


def test_consent_decides_who_is_named() -> None:
    book = NameBook(roster(), pseudonymize_all=False)
    assert [book.name(i) for i in (1, 2, 3)] == ["Asha Verma", "Participant B", "Chen Li"]
    assert book.pseudonyms_used == 1


def test_a_person_keeps_their_pseudonym_when_everyone_is_pseudonymized() -> None:
    book = NameBook(roster(), pseudonymize_all=True)
    assert [book.name(i) for i in (1, 2, 3)] == ["Participant A", "Participant B", "Participant C"]
    assert book.pseudonyms_used == 3


def test_unknown_or_missing_people_are_anonymous() -> None:
    book = NameBook(roster(), pseudonymize_all=False)
    assert book.name(None) == "Anonymous"
    assert book.name(99) == "Anonymous"


def test_a_typed_name_of_a_pseudonymized_person_is_replaced() -> None:
    book = NameBook(roster(), pseudonymize_all=False)
    assert book.named_by_hand(" ben  OKAFOR ") == "Participant B"
    assert book.named_by_hand("Malvika") == "Malvika"
    assert book.named_by_hand("Asha Verma") == "Asha Verma"


def test_full_names_in_free_text_are_replaced_but_ordinary_words_are_not() -> None:
    book = NameBook([*roster(), Person(4, "Will", False)], pseudonymize_all=False)
    text = "Thanks to Ben\nOkafor and BEN OKAFOR; I will ask Chen Li. Benjamin Okafor is new."
    assert book.scrubbed(text) == (
        "Thanks to Participant B and Participant B; I will ask Chen Li. Benjamin Okafor is new."
    )
    assert book.pseudonyms_used == 1
