"""Who wrote a line: names typed in a shared document or a chat, matched to the cohort's roster.

People write their names the way they are used to: without the accent the roster has, first name
only, as their handle, with a stray double space, or in a chat tool that adds pronouns after the
name. A match is only made when it points at exactly one person; anything else is left for the
facilitator to decide, because a note filed under the wrong person is worse than one filed under
nobody.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from cofacilitator.pseudonyms import ANONYMOUS, FACILITATOR, assign_pseudonyms
from cofacilitator.store.models import Cohort, Participant

MAX_NAME_WORDS = 5
MAX_NAME_LENGTH = 80
_SPACES = re.compile(r"\s+")
_HANDLE_SPLIT = re.compile(r"[\s,;]+")
_TRAILING_ASIDE = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")
"""Chat tools show "Ada Lovelace (she/her)" or "Ada (Host)"; the aside is not part of the name."""
_EDGE_NOISE = "*_~`\"'“”‘’:;,.-–—•"
_NAME_PARTICLES = frozenset(
    {"al", "bin", "bint", "da", "das", "de", "del", "der", "di", "du", "la", "le", "van", "von"}
)
"""Lower-case words inside names ("Mateo de la Cruz"); any other one means a sentence."""
_NOT_IN_A_NAME = re.compile(r"[.?!:;,()\[\]{}<>=/\\|#\d]")


class MatchStatus(StrEnum):
    PERSON = "person"
    FACILITATOR = "facilitator"
    ANONYMOUS = "anonymous"
    """Written as "Anonymous" (as exports show anonymous notes) or not written at all."""
    AMBIGUOUS = "ambiguous"
    """Fits more than one person on the roster."""
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class RosterPerson:
    id: int
    display_name: str
    handles: str = ""


@dataclass(frozen=True)
class NameMatch:
    status: MatchStatus
    written: str
    """The name as it was written, tidied (no surrounding markup or doubled spaces)."""
    person: RosterPerson | None = None


def name_key(text: str) -> str:
    """The form two spellings of one name share: accents folded, case and spacing ignored."""
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", folded).strip().casefold()


def tidy_name(text: str) -> str:
    """A written name without the emphasis, quotes and spacing a document editor put round it."""
    return _SPACES.sub(" ", text).strip().strip(_EDGE_NOISE).strip()


def looks_like_name(text: str) -> bool:
    """Whether unmatched text before a "/" is plausibly someone's name, worth offering as a
    walk-in, rather than the start of a sentence that happens to hold a slash."""
    name = tidy_name(text)
    if not name or len(name) > MAX_NAME_LENGTH:
        return False
    if name.startswith("@"):
        return " " not in name
    bare = _TRAILING_ASIDE.sub("", name)
    if not bare:
        return False
    words = bare.split(" ")
    return (
        len(words) <= MAX_NAME_WORDS
        and all(not word[0].islower() or word in _NAME_PARTICLES for word in words)
        and not words[0][0].islower()
        and not _NOT_IN_A_NAME.search(bare)
    )


class RosterMatcher:
    """Matches written names against one cohort's roster and its facilitators."""

    def __init__(self, people: Iterable[RosterPerson], facilitators: Iterable[str] = ()) -> None:
        self._full: dict[str, list[RosterPerson]] = {}
        self._first: dict[str, list[RosterPerson]] = {}
        self._handles: dict[str, list[RosterPerson]] = {}
        by_id = {person.id: person for person in people}
        for person in by_id.values():
            key = name_key(person.display_name)
            if not key:
                continue
            self._full.setdefault(key, []).append(person)
            self._first.setdefault(key.split(" ")[0], []).append(person)
            for handle in _handle_keys(person.handles):
                bucket = self._handles.setdefault(handle, [])
                if person not in bucket:
                    bucket.append(person)
        self._facilitators = {name_key(name) for name in facilitators if name_key(name)}
        # An export shows people who did not agree to be named as "Participant A", ...; the
        # letters are dealt over the whole roster, so an export read back finds its authors.
        self._pseudonyms = {
            name_key(pseudonym): by_id[person_id]
            for person_id, pseudonym in assign_pseudonyms(by_id).items()
        }

    def match(self, written: str) -> NameMatch:
        name = tidy_name(written)
        key = name_key(_TRAILING_ASIDE.sub("", name)) or name_key(name)
        if not key or key == name_key(ANONYMOUS):
            return NameMatch(MatchStatus.ANONYMOUS, name)
        if key == name_key(FACILITATOR) or key in self._facilitators:
            return NameMatch(MatchStatus.FACILITATOR, name)
        handle = _written_handle(key)
        if key in self._pseudonyms and key not in self._full:
            return NameMatch(MatchStatus.PERSON, name, self._pseudonyms[key])
        for candidates in (
            self._full.get(key),
            self._handles.get(handle) if handle else None,
            self._first.get(key) if " " not in key and not handle else None,
        ):
            if candidates:
                if len(candidates) == 1:
                    return NameMatch(MatchStatus.PERSON, name, candidates[0])
                return NameMatch(MatchStatus.AMBIGUOUS, name)
        return NameMatch(MatchStatus.UNKNOWN, name)


def _written_handle(key: str) -> str:
    """The handle in a written name that is one ("@ada", "github:ada"), else ""."""
    if " " in key:
        return ""
    if key.startswith("@"):
        return key.lstrip("@")
    prefix, colon, rest = key.partition(":")
    return rest.lstrip("@") if colon and prefix.isalpha() and rest else ""


def _handle_keys(handles: str) -> set[str]:
    """Every way a handle on the roster may be written: "@ada", "ada", and for a fediverse
    address "@ada@example.social" also "@ada"; for "github:ada" also "ada"."""
    keys: set[str] = set()
    for token in _HANDLE_SPLIT.split(handles):
        handle = name_key(token).strip(_EDGE_NOISE)
        if not handle:
            continue
        if ":" in handle and "://" not in handle:
            handle = handle.split(":", 1)[1]
        if "://" in handle:
            handle = handle.rstrip("/").rsplit("/", 1)[-1]
        bare = handle.lstrip("@")
        if not bare:
            continue
        keys.add(bare)
        keys.add(bare.split("@", 1)[0])
    return {key for key in keys if key}


def roster_matcher(s: Session, cohort_id: int) -> RosterMatcher:
    """The matcher for a cohort: everyone ever on its roster (a withdrawn person's old notes
    still name them) and its facilitators."""
    rows = s.execute(
        select(Participant.id, Participant.display_name, Participant.handles)
        .where(Participant.cohort_id == cohort_id)
        .order_by(Participant.id)
    )
    cohort = s.get_one(Cohort, cohort_id)
    facilitators = [
        str(entry.get("name", "")) for entry in cohort.facilitators or [] if isinstance(entry, dict)
    ]
    return RosterMatcher((RosterPerson(*row) for row in rows), facilitators)
