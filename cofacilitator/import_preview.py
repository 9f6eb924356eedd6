"""Importing into a session's record in two steps: a preview of what would be added, and a plan.

An importer (a filled-in shared document, ``document_import``; a saved chat, ``chat_import``)
turns what it reads into proposals (a note, a table row, a feedback item, a question, a roll-call
answer), each by an :class:`Author` matched to the roster. :func:`build_preview` sorts them by
kind, lists the names nobody on the roster has (for the facilitator to take in as walk-ins or to
keep anonymous) and marks what the store already holds, so importing the same document again, or
a later download of it with a few more answers, adds only what is new: the same run, segment,
prompt, author and text, spacing aside, is never added twice. Nothing is stored here; storing a
preview, with the facilitator's decisions, is ``import_apply``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from cofacilitator.name_matching import MatchStatus, NameMatch, name_key
from cofacilitator.sessions.schema import FeedbackKind
from cofacilitator.store.models import (
    Attendance,
    AuthorKind,
    FeedbackItem,
    Note,
    NoteSource,
    QAEntry,
    SessionRun,
    TableRow,
)


class SessionNotFound(LookupError):
    """The run, or the module it uses, is not there; the message is meant for the facilitator."""


class Decision(StrEnum):
    """What to do with a name nobody on the roster has."""

    WALK_IN = "walk_in"
    """Add them to the roster as a walk-in; their lines are theirs."""
    ANONYMOUS = "anonymous"
    """Keep their lines without a name (a roll-call line, which is only about a person, is
    dropped)."""


@dataclass(frozen=True)
class Author:
    """Who a line is from, as far as the roster tells."""

    status: MatchStatus
    written: str = ""
    """The name as written in the document or chat; empty when none was."""
    participant_id: int | None = None
    name: str = ""
    """The roster's display name, for a matched person."""

    @property
    def shown(self) -> str:
        if self.status is MatchStatus.PERSON:
            return self.name
        if self.status is MatchStatus.FACILITATOR:
            return self.written or "Facilitator"
        if self.status is MatchStatus.ANONYMOUS:
            return "Anonymous"
        return f"{self.written} ({self.status.value})"


ANONYMOUS_AUTHOR = Author(MatchStatus.ANONYMOUS)


@dataclass(frozen=True)
class ProposedNote:
    segment_id: str
    prompt_id: str
    author: Author
    text: str
    duplicate: bool = False
    """Already in the store, or repeated in the document: skipped (for an unknown name, as if
    it is kept anonymous; a walk-in's lines are always new)."""


@dataclass(frozen=True)
class ProposedRow:
    segment_id: str
    author: Author
    cells: tuple[str, ...]
    """In the order of ``columns``, the segment's columns."""
    columns: tuple[str, ...]
    duplicate: bool = False


@dataclass(frozen=True)
class ProposedFeedback:
    kind: FeedbackKind
    author: Author
    text: str
    duplicate: bool = False


@dataclass(frozen=True)
class ProposedQuestion:
    segment_id: str
    author: Author
    text: str
    duplicate: bool = False


@dataclass(frozen=True)
class ProposedRollCall:
    segment_id: str
    author: Author
    answer: str
    duplicate: bool = False
    """The person already has a roll-call answer in this run, which is kept."""


Proposal = ProposedNote | ProposedRow | ProposedFeedback | ProposedQuestion | ProposedRollCall


@dataclass(frozen=True)
class ImportPlan:
    """What storing a preview with given decisions adds and what it skips, in document order."""

    added: tuple[Proposal, ...]
    skipped: tuple[Proposal, ...]


@dataclass(frozen=True)
class ImportPreview:
    run_id: int
    cohort_id: int
    source: NoteSource
    notes: tuple[ProposedNote, ...] = ()
    rows: tuple[ProposedRow, ...] = ()
    feedback: tuple[ProposedFeedback, ...] = ()
    questions: tuple[ProposedQuestion, ...] = ()
    roll_call: tuple[ProposedRollCall, ...] = ()
    unknown_names: tuple[str, ...] = ()
    """Names nobody on the roster has, each once, as first written: decide walk-in or anonymous."""
    ambiguous_names: tuple[str, ...] = ()
    """Names that fit several people (two Sams); their lines are kept anonymous."""
    private_skipped: int = 0
    """Private chat messages left out."""
    existing: frozenset[Hashable] = field(default=frozenset(), repr=False, compare=False)
    """What the store held when the preview was made, to tell what is new."""

    @property
    def proposals(self) -> tuple[Proposal, ...]:
        return (*self.roll_call, *self.notes, *self.rows, *self.questions, *self.feedback)

    def plan(self, decisions: Mapping[str, Decision | str] | None = None) -> ImportPlan:
        """Exactly what ``import_apply.apply_preview`` adds with these decisions (unknown names not
        decided are kept anonymous), given the store as it was at preview time."""
        return plan_proposals(self.proposals, decided_names(self, decisions or {}), self.existing)


def build_preview(
    s: Session,
    run: SessionRun,
    source: NoteSource,
    found: Sequence[Proposal],
    *,
    private_skipped: int = 0,
) -> ImportPreview:
    """The preview of ``found`` for ``run``: sorted by kind, names listed, duplicates marked."""
    existing = frozenset(existing_keys(s, run.id))
    unknown: dict[str, str] = {}
    ambiguous: dict[str, str] = {}
    for proposal in found:
        author = proposal.author
        if author.status is MatchStatus.UNKNOWN:
            unknown.setdefault(name_key(author.written), author.written)
        elif author.status is MatchStatus.AMBIGUOUS:
            ambiguous.setdefault(name_key(author.written), author.written)
    skipped = {id(p) for p in plan_proposals(found, {}, existing).skipped}
    marked = [replace(p, duplicate=id(p) in skipped) for p in found]
    return ImportPreview(
        run_id=run.id,
        cohort_id=run.cohort_id,
        source=source,
        notes=tuple(p for p in marked if isinstance(p, ProposedNote)),
        rows=tuple(p for p in marked if isinstance(p, ProposedRow)),
        feedback=tuple(p for p in marked if isinstance(p, ProposedFeedback)),
        questions=tuple(p for p in marked if isinstance(p, ProposedQuestion)),
        roll_call=tuple(p for p in marked if isinstance(p, ProposedRollCall)),
        unknown_names=tuple(unknown.values()),
        ambiguous_names=tuple(ambiguous.values()),
        private_skipped=private_skipped,
        existing=existing,
    )


def session_run(s: Session, run_id: int) -> SessionRun:
    """The run an import goes into, or ``SessionNotFound``."""
    run = s.get(SessionRun, run_id)
    if run is None:
        raise SessionNotFound(f"There is no session run {run_id}.")
    return run


def decided_names(
    preview: ImportPreview, decisions: Mapping[str, Decision | str]
) -> dict[str, Decision]:
    """``decisions`` by name key; ``ValueError`` for a name the preview does not list, or for
    anything but a :class:`Decision`."""
    known = {name_key(name) for name in preview.unknown_names}
    decided: dict[str, Decision] = {}
    for name, decision in decisions.items():
        key = name_key(name)
        if key not in known:
            raise ValueError(f"{name!r} is not one of the unknown names of this import")
        try:
            decided[key] = Decision(decision)
        except ValueError:
            raise ValueError(
                f"decide {name!r} as 'walk_in' or 'anonymous', not {decision!r}"
            ) from None
    return decided


def _final_author(author: Author, decided: Mapping[str, Decision]) -> Author | None:
    """The author a line is stored under; None drops it (a roll-call line kept anonymous)."""
    if author.status is MatchStatus.UNKNOWN:
        if decided.get(name_key(author.written)) is Decision.WALK_IN:
            return author
        return ANONYMOUS_AUTHOR
    if author.status is MatchStatus.AMBIGUOUS:
        return ANONYMOUS_AUTHOR
    return author


def _author_key(author: Author) -> Hashable:
    if author.status is MatchStatus.PERSON:
        return ("person", author.participant_id)
    if author.status is MatchStatus.FACILITATOR:
        return ("facilitator",)
    if author.status is MatchStatus.UNKNOWN:
        return ("walk-in", name_key(author.written))
    return ("anonymous",)


def normalized(text: str) -> str:
    """Text as compared for duplicates: the same words with any spacing are the same text."""
    return " ".join(unicodedata.normalize("NFC", text).split())


_ANYONE = ("anyone",)
"""Unsigned feedback or a question matches the same words by anyone: exports print feedback
without names, and a facilitator's line has no author of its own there."""


def _key(proposal: Proposal, author: Author) -> Hashable:
    who = _author_key(author)
    if isinstance(proposal, ProposedNote):
        return ("note", proposal.segment_id, proposal.prompt_id, who, normalized(proposal.text))
    if isinstance(proposal, ProposedRow):
        filled = sorted(
            (column, normalized(cell))
            for column, cell in zip(proposal.columns, proposal.cells, strict=True)
            if normalized(cell)
        )
        return ("row", proposal.segment_id, who, tuple(filled))
    if isinstance(proposal, ProposedFeedback):
        who = who if author.status is MatchStatus.PERSON else _ANYONE
        return ("feedback", proposal.kind.value, who, normalized(proposal.text))
    if isinstance(proposal, ProposedQuestion):
        who = who if author.status is MatchStatus.PERSON else _ANYONE
        return ("question", normalized(proposal.text), who)
    return ("roll-call", who)


def plan_proposals(
    proposals: Iterable[Proposal], decided: Mapping[str, Decision], existing: frozenset[Hashable]
) -> ImportPlan:
    """What storing ``proposals`` adds, given the decisions and the keys already held: each
    proposal whose author is kept and whose key is new, the first time it comes."""
    seen = set(existing)
    added: list[Proposal] = []
    skipped: list[Proposal] = []
    for proposal in proposals:
        author = _final_author(proposal.author, decided)
        roll_call_without_person = isinstance(proposal, ProposedRollCall) and (
            author is None or author.status not in (MatchStatus.PERSON, MatchStatus.UNKNOWN)
        )
        if author is None or roll_call_without_person:
            skipped.append(proposal)
            continue
        key = _key(proposal, author)
        if key in seen:
            skipped.append(proposal)
        else:
            seen.add(key)
            added.append(proposal)
    return ImportPlan(tuple(added), tuple(skipped))


def existing_keys(s: Session, run_id: int) -> Iterable[Hashable]:
    """The duplicate keys of everything the run holds, as ``_key`` makes them."""

    def who(kind: AuthorKind, participant_id: int | None) -> Author:
        if kind is AuthorKind.PARTICIPANT and participant_id is not None:
            return Author(MatchStatus.PERSON, participant_id=participant_id)
        if kind is AuthorKind.FACILITATOR:
            return Author(MatchStatus.FACILITATOR)
        return ANONYMOUS_AUTHOR

    def person(participant_id: int | None) -> Author:
        return who(AuthorKind.PARTICIPANT, participant_id)

    for segment_id, prompt_id, kind, participant_id, text in s.execute(
        select(
            Note.segment_id, Note.prompt_id, Note.author_kind, Note.participant_id, Note.text
        ).where(Note.run_id == run_id)
    ):
        note = ProposedNote(segment_id, prompt_id, ANONYMOUS_AUTHOR, text)
        yield _key(note, who(kind, participant_id))
    for segment_id, participant_id, cells in s.execute(
        select(TableRow.segment_id, TableRow.participant_id, TableRow.cells).where(
            TableRow.run_id == run_id
        )
    ):
        columns = tuple(cells or {})
        values = tuple(str((cells or {}).get(c, "") or "") for c in columns)
        yield _key(
            ProposedRow(segment_id, ANONYMOUS_AUTHOR, values, columns), person(participant_id)
        )
    for kind, participant_id, text in s.execute(
        select(FeedbackItem.kind, FeedbackItem.participant_id, FeedbackItem.text).where(
            FeedbackItem.run_id == run_id
        )
    ):
        feedback = ProposedFeedback(FeedbackKind(kind), ANONYMOUS_AUTHOR, text)
        yield _key(feedback, person(participant_id))
        yield _key(feedback, ANONYMOUS_AUTHOR)
    for segment_id, question, asked_by in s.execute(
        select(QAEntry.segment_id, QAEntry.question, QAEntry.asked_by_id).where(
            QAEntry.run_id == run_id
        )
    ):
        asked = ProposedQuestion(segment_id, ANONYMOUS_AUTHOR, question)
        yield _key(asked, person(asked_by))
        yield _key(asked, ANONYMOUS_AUTHOR)
    for participant_id, answer in s.execute(
        select(Attendance.participant_id, Attendance.answer).where(Attendance.run_id == run_id)
    ):
        if answer.strip():
            yield _key(ProposedRollCall("", ANONYMOUS_AUTHOR, answer), person(participant_id))


def author_of(match: NameMatch) -> Author:
    """The author a roster match stands for."""
    if match.person is not None:
        return Author(MatchStatus.PERSON, match.written, match.person.id, match.person.display_name)
    if match.status is MatchStatus.ANONYMOUS:
        return ANONYMOUS_AUTHOR
    return Author(match.status, match.written)
