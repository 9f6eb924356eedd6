"""Who appears under which name in an export.

A participant who has not agreed to be named (or everyone, when the facilitator asks for it)
appears as "Participant A", "Participant B", ... The letters are dealt once per cohort, over the
whole roster in participant id order, so one person carries the same pseudonym in every file of
that cohort, whether or not that file pseudonymizes everyone, and whoever else gives or withdraws
consent later.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

ANONYMOUS = "Anonymous"
FACILITATOR = "Facilitator"
PSEUDONYM_PREFIX = "Participant"
WITHHELD = "(withheld)"
"""Printed instead of a pseudonymized person's social handle or e-mail address."""

_HANDLE_SEPARATORS = re.compile(r"[\s,;]+")


def pseudonym_letters(index: int) -> str:
    """Spreadsheet-style column letters: 0 is A, 25 is Z, 26 is AA, 701 is ZZ, 702 is AAA."""
    if index < 0:
        raise ValueError("a pseudonym index cannot be negative")
    letters = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def assign_pseudonyms(participant_ids: Iterable[int]) -> dict[int, str]:
    """Pseudonyms for a cohort's whole roster; the order of ``participant_ids`` does not matter."""
    return {
        participant_id: f"{PSEUDONYM_PREFIX} {pseudonym_letters(index)}"
        for index, participant_id in enumerate(sorted(set(participant_ids)))
    }


@dataclass(frozen=True)
class Person:
    id: int
    display_name: str
    consent_named: bool
    handles: str = ""
    """As on the roster: "@someone, github:someone"."""
    email: str = ""


class NameBook:
    """The names of one export, and a count of the pseudonyms it actually used.

    Every name the exports print goes through here, so the privacy rules live in one place; the
    count feeds the note at the top of the document that says which rules were applied.
    """

    def __init__(self, roster: Iterable[Person], *, pseudonymize_all: bool) -> None:
        people = list(roster)
        pseudonyms = assign_pseudonyms(person.id for person in people)
        hidden = [p for p in people if pseudonymize_all or not p.consent_named]
        self._pseudonym_ids = {person.id for person in hidden}
        self._names = {
            person.id: pseudonyms[person.id]
            if person.id in self._pseudonym_ids
            else person.display_name
            for person in people
        }
        self._display = {person.id: person.display_name for person in people}
        self._hidden = {_name_key(p.display_name): pseudonyms[p.id] for p in hidden}
        self._used: set[str] = set()
        self._mentions = _mention_pattern(self._hidden)
        self._identifiers = _identifier_pattern(hidden)
        # Plain substring tests that rule most texts out before a regex with dozens of
        # alternatives runs over them: a long session has thousands of notes.
        self._mention_hints = tuple({key.split(" ")[0] for key in self._hidden if " " in key})
        self._identifier_hints = _identifier_tokens(hidden)

    @property
    def pseudonyms_used(self) -> int:
        """How many different people appeared under a pseudonym so far."""
        return len(self._used)

    def name(self, participant_id: int | None) -> str:
        """The name to print for a participant; an unknown id is never guessed at."""
        if participant_id is None:
            return ANONYMOUS
        name = self._names.get(participant_id)
        if name is None:
            return ANONYMOUS
        if participant_id in self._pseudonym_ids:
            self._used.add(name)
        return name

    def named_by_hand(self, text: str) -> str:
        """A name typed by someone (who answered a question): a pseudonymized participant's own
        name is replaced, anyone else's (a facilitator, a guest) is kept."""
        pseudonym = self._hidden.get(_name_key(text))
        if pseudonym is not None:
            self._used.add(pseudonym)
            return pseudonym
        return self.scrubbed(text)

    def own_answer(self, participant_id: int, text: str) -> str:
        """An answer with the writer's own name taken off its front.

        People answer a roll call the way the shared document shows it, "Name / answer"; the
        export prints the name itself, and under a pseudonym the typed name must go anyway.
        """
        name = self._display.get(participant_id, "")
        stripped = text.lstrip()
        if name and stripped.lower().startswith(name.lower()):
            rest = stripped[len(name) :].lstrip()
            if rest.startswith(("/", ":")):
                text = rest[1:].strip()
        return self.scrubbed(text)

    def scrubbed(self, text: str) -> str:
        """Free text with pseudonymized people's full names, social handles and e-mail
        addresses replaced.

        Only names of two words or more are looked for: a one-word name ("Will", "Hope") is too
        often an ordinary word to replace without garbling what people wrote.
        """
        if not text:
            return text
        lowered = text.lower()
        if self._identifiers is not None and any(t in lowered for t in self._identifier_hints):
            text = self._identifiers.sub(WITHHELD, text)
        if self._mentions is None or not any(hint in lowered for hint in self._mention_hints):
            return text

        def replace(match: re.Match[str]) -> str:
            # Case-insensitive matching and lower() can disagree on a few letters; a mention
            # that cannot be looked up still must not print the name.
            pseudonym = self._hidden.get(_name_key(match.group(0)), PSEUDONYM_PREFIX)
            self._used.add(pseudonym)
            return pseudonym

        return self._mentions.sub(replace, text)


def _name_key(name: str) -> str:
    return " ".join(name.split()).lower()


def _mention_pattern(hidden: dict[str, str]) -> re.Pattern[str] | None:
    names = sorted((key for key in hidden if " " in key), key=len, reverse=True)
    if not names:
        return None
    alternatives = "|".join(r"\s+".join(re.escape(word) for word in n.split(" ")) for n in names)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _identifier_tokens(hidden: Iterable[Person]) -> tuple[str, ...]:
    """Handles and addresses as typed on the roster, lower-cased; a token shorter than three
    characters ("@a") would match too much ordinary text to be worth it."""
    tokens = set()
    for person in hidden:
        tokens.update(t for t in _HANDLE_SEPARATORS.split(person.handles) if len(t) >= 3)
        if person.email.strip():
            tokens.add(person.email.strip())
    return tuple(sorted(token.lower() for token in tokens))


def _identifier_pattern(hidden: Iterable[Person]) -> re.Pattern[str] | None:
    tokens = _identifier_tokens(hidden)
    if not tokens:
        return None
    alternatives = "|".join(re.escape(token) for token in sorted(tokens, key=len, reverse=True))
    return re.compile(rf"(?<![\w@])(?:{alternatives})(?![\w@])", re.IGNORECASE)
