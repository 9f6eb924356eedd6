"""A filled-in shared document, read back into the session's record in two steps.

First :func:`preview_document` works out exactly what the document would add: each "Name /
answer" line under a prompt becomes a note, each filled row of a fill-in table a table row, each
feedback bullet a feedback item (anonymous unless it starts with someone's name), each Q&A bullet
a question, each roll-call line that person's roll-call answer. Names are matched to the roster
(``name_matching``); names nobody on the roster has are listed for the facilitator to take in as
walk-ins or to keep anonymous. Nothing is stored. Then :func:`apply_preview` stores all of it in
one transaction, with the facilitator's decisions; not calling it is how an import is cancelled.

What the store already holds is never added twice (same run, segment, prompt, author and text,
spacing aside), so importing the same document again, or a later download of it with a few more
answers, adds only what is new. The chat importer (``chat_import``) proposes notes the same way
and is applied by the same function.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cofacilitator.cohorts import ParticipantView
from cofacilitator.document_formats import DocLine, LineKind, read_markdown
from cofacilitator.export_markdown import FEEDBACK_LABELS
from cofacilitator.export_model import ModuleLookup
from cofacilitator.name_matching import (
    MatchStatus,
    NameMatch,
    RosterMatcher,
    looks_like_name,
    name_key,
    roster_matcher,
    tidy_name,
)
from cofacilitator.sessions.schema import FeedbackKind, Module, Prompt, Segment, SegmentKind
from cofacilitator.store.database import Store
from cofacilitator.store.models import (
    Attendance,
    AttendanceStatus,
    AuthorKind,
    FeedbackItem,
    Note,
    NoteSource,
    Participant,
    QAEntry,
    SessionRun,
    TableRow,
    Visibility,
    utcnow,
)

WALK_IN_NAME_LIMIT = 200


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
        """Exactly what :func:`apply_preview` adds with these decisions (unknown names not
        decided are kept anonymous), given the store as it was at preview time."""
        return _plan(self.proposals, _decided(self, decisions or {}), self.existing)


@dataclass(frozen=True)
class ImportResult:
    """What one import stored, for the UI to announce."""

    run_id: int
    notes_added: int
    rows_added: int
    feedback_added: int
    questions_added: int
    roll_call_added: int
    skipped: int
    walk_ins: tuple[ParticipantView, ...]

    @property
    def added(self) -> int:
        return (
            self.notes_added
            + self.rows_added
            + self.feedback_added
            + self.questions_added
            + self.roll_call_added
        )


# ------------------------------------------------------------------------------ preview


def preview_document(
    store: Store, modules: ModuleLookup, run_id: int, document: str | Sequence[DocLine]
) -> ImportPreview:
    """What ``document`` (pasted text, or the lines of a file from ``document_formats``) would add
    to the run. Reads only. Raises ``SessionNotFound`` for a missing run or module."""
    lines = read_markdown(document) if isinstance(document, str) else tuple(document)
    with store.session_factory() as s:
        run = _run(s, run_id)
        module = modules.get(run.module_id)
        if module is None:
            raise SessionNotFound(
                f"Session {run.module_number} uses the module '{run.module_id}', which is not "
                "installed: add its module file to import its shared document."
            )
        matcher = roster_matcher(s, run.cohort_id)
        found = _DocumentReader(module, matcher).read(lines)
        return build_preview(s, run, NoteSource.DOCUMENT, found)


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
    skipped = {id(p) for p in _plan(found, {}, existing).skipped}
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


# ------------------------------------------------------------------------------ apply


def apply_preview(
    store: Store, preview: ImportPreview, decisions: Mapping[str, Decision | str] | None = None
) -> ImportResult:
    """Store the preview in one transaction: everything or, on any error, nothing.

    ``decisions`` maps unknown names (as the preview lists them; spelling and accents aside) to
    ``"walk_in"`` or ``"anonymous"``; a name left out is kept anonymous. What the store gained
    since the preview is checked again, so nothing is added twice. Raises ``ValueError`` for a
    decision about a name the preview does not list, or when the roster lost someone the preview
    matched.
    """
    decided = _decided(preview, decisions or {})
    with store.session_factory() as s, s.begin():
        run = _run(s, preview.run_id)
        if run.cohort_id != preview.cohort_id:
            raise ValueError("the session belongs to another cohort than the preview")
        _check_people(s, preview)
        walk_ins: dict[str, Participant] = {}
        for key, decision in decided.items():
            if decision is Decision.WALK_IN:
                written = next(n for n in preview.unknown_names if name_key(n) == key)
                person = Participant(
                    cohort_id=run.cohort_id,
                    display_name=tidy_name(written)[:WALK_IN_NAME_LIMIT],
                    is_walk_in=True,
                )
                s.add(person)
                walk_ins[key] = person
        s.flush()
        plan = _plan(preview.proposals, decided, frozenset(existing_keys(s, run.id)))
        writer = _Writer(s, run, preview.source, {k: p.id for k, p in walk_ins.items()})
        for proposal in plan.added:
            writer.add(proposal)
        s.flush()
        return ImportResult(
            run_id=run.id,
            notes_added=writer.counts[ProposedNote],
            rows_added=writer.counts[ProposedRow],
            feedback_added=writer.counts[ProposedFeedback],
            questions_added=writer.counts[ProposedQuestion],
            roll_call_added=writer.counts[ProposedRollCall],
            skipped=len(plan.skipped),
            walk_ins=tuple(ParticipantView.of(p) for p in walk_ins.values()),
        )


def _run(s: Session, run_id: int) -> SessionRun:
    run = s.get(SessionRun, run_id)
    if run is None:
        raise SessionNotFound(f"There is no session run {run_id}.")
    return run


def _decided(
    preview: ImportPreview, decisions: Mapping[str, Decision | str]
) -> dict[str, Decision]:
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


def _check_people(s: Session, preview: ImportPreview) -> None:
    wanted = {
        p.author.participant_id for p in preview.proposals if p.author.participant_id is not None
    }
    if not wanted:
        return
    present = set(
        s.scalars(
            select(Participant.id).where(
                Participant.id.in_(wanted), Participant.cohort_id == preview.cohort_id
            )
        )
    )
    if present != wanted:
        raise ValueError("the roster changed since the preview; preview the document again")


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


def _plan(
    proposals: Iterable[Proposal], decided: Mapping[str, Decision], existing: frozenset[Hashable]
) -> ImportPlan:
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


class _Writer:
    """Adds planned proposals to the open transaction, counting them by kind."""

    def __init__(
        self, s: Session, run: SessionRun, source: NoteSource, walk_ins: Mapping[str, int]
    ) -> None:
        self.s = s
        self.run = run
        self.source = source
        self.walk_ins = walk_ins
        self.now = utcnow()
        self.counts: dict[type, int] = dict.fromkeys(
            (ProposedNote, ProposedRow, ProposedFeedback, ProposedQuestion, ProposedRollCall), 0
        )
        self.positions: dict[str, int] = {}

    def person(self, author: Author) -> int | None:
        if author.status is MatchStatus.PERSON:
            return author.participant_id
        if author.status is MatchStatus.UNKNOWN:
            return self.walk_ins.get(name_key(author.written))
        return None

    def add(self, proposal: Proposal) -> None:
        participant_id = self.person(proposal.author)
        self.counts[type(proposal)] += 1
        if isinstance(proposal, ProposedNote):
            if participant_id is not None:
                kind = AuthorKind.PARTICIPANT
            elif proposal.author.status is MatchStatus.FACILITATOR:
                kind = AuthorKind.FACILITATOR
            else:
                kind = AuthorKind.ANONYMOUS
            self.s.add(
                Note(
                    run_id=self.run.id,
                    segment_id=proposal.segment_id,
                    prompt_id=proposal.prompt_id,
                    author_kind=kind,
                    participant_id=participant_id,
                    text=proposal.text,
                    visibility=Visibility.SHARED,
                    source=self.source,
                    created_at=self.now,
                    edited_at=self.now,
                )
            )
        elif isinstance(proposal, ProposedRow):
            self.s.add(
                TableRow(
                    run_id=self.run.id,
                    segment_id=proposal.segment_id,
                    participant_id=participant_id,
                    position=self._next_position(proposal.segment_id),
                    cells=dict(zip(proposal.columns, proposal.cells, strict=True)),
                    visibility=Visibility.SHARED,
                    edited_at=self.now,
                )
            )
        elif isinstance(proposal, ProposedFeedback):
            self.s.add(
                FeedbackItem(
                    run_id=self.run.id,
                    kind=proposal.kind.value,
                    text=proposal.text,
                    participant_id=participant_id,
                    created_at=self.now,
                )
            )
        elif isinstance(proposal, ProposedQuestion):
            self.s.add(
                QAEntry(
                    run_id=self.run.id,
                    segment_id=proposal.segment_id,
                    question=proposal.text,
                    asked_by_id=participant_id,
                    visibility=Visibility.SHARED,
                    created_at=self.now,
                    edited_at=self.now,
                )
            )
        else:
            self._roll_call(participant_id, proposal.answer)

    def _next_position(self, segment_id: str) -> int:
        if segment_id not in self.positions:
            last = self.s.scalar(
                select(func.max(TableRow.position)).where(
                    TableRow.run_id == self.run.id, TableRow.segment_id == segment_id
                )
            )
            self.positions[segment_id] = -1 if last is None else last
        self.positions[segment_id] += 1
        return self.positions[segment_id]

    def _roll_call(self, participant_id: int | None, answer: str) -> None:
        if participant_id is None:
            return
        row = self.s.scalar(
            select(Attendance).where(
                Attendance.run_id == self.run.id, Attendance.participant_id == participant_id
            )
        )
        if row is None:
            # Someone who wrote their roll-call line was at the call.
            row = Attendance(
                run_id=self.run.id, participant_id=participant_id, status=AttendanceStatus.PRESENT
            )
            self.s.add(row)
        row.answer = answer


# ------------------------------------------------------------------------ reading the document

_PLACEHOLDERS = frozenset(
    {"name / answer", "name", "answer", "participants response", "participant response", ""}
)
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
_OUTSIDE = frozenset({"key lessons", "readings"})
"""Headings of the export and the blank that are in no segment; so is the assignment's."""
_ASSIGNMENT_HEADING = "assignment for next time"
_NO_PROMPT = frozenset({"breakout rooms", "other notes", "shared from the assignment"})
"""Export headings inside a segment under which lines belong to no prompt."""
_ASKED_BY = re.compile(r"^asked by\s+(.+)$", re.IGNORECASE)
_ANSWER_LINE = re.compile(r"^(a:|answered\b|not answered yet)", re.IGNORECASE)


def heading_key(text: str) -> str:
    """A heading as compared with the module's titles and prompts: editors curl quotes, add
    non-breaking spaces, and a heading may keep stray emphasis marks or a trailing colon."""
    plain = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return " ".join(plain.split()).strip("*_ :").casefold()


def _is_placeholder(text: str) -> bool:
    return heading_key(text).rstrip(".… ") in _PLACEHOLDERS


@dataclass
class _Open:
    """A list item being read: nested items below it continue the same answer."""

    kind: str
    level: int
    lines: list[str]
    segment: Segment
    prompt: Prompt | None = None
    feedback: FeedbackKind | None = None


class _DocumentReader:
    """Walks the document's lines, following its headings through the module's outline."""

    def __init__(self, module: Module, matcher: RosterMatcher) -> None:
        self.matcher = matcher
        self.segments = {heading_key(s.title): s for s in module.segments}
        self.feedback_segment = next(
            (s.id for s in module.segments if s.kind is SegmentKind.FEEDBACK), None
        )
        self.feedback_labels = {heading_key(label): kind for kind, label in FEEDBACK_LABELS.items()}
        self.found: list[Proposal] = []
        self.segment: Segment | None = None
        self.segment_level = 0
        self.prompt: Prompt | None = None
        self.group = ""
        self.past_prompts = False
        self.feedback: FeedbackKind | None = None
        self.table = 0
        self.header: tuple[int | None, tuple[int | None, ...]] | None = None
        self.open: _Open | None = None

    def read(self, lines: Iterable[DocLine]) -> list[Proposal]:
        for line in lines:
            if line.kind is LineKind.HEADING:
                self._close()
            if line.kind in (LineKind.HEADING, LineKind.TEXT) and self._structure(line):
                continue
            if line.kind is LineKind.ITEM:
                self._item(line)
            elif line.kind is LineKind.ROW:
                self._close()
                self._row(line)
            elif line.kind is LineKind.TEXT:
                self._close()
                self._text(line)
        self._close()
        return self.found

    # -------------------------------------------------------------------------- structure

    def _structure(self, line: DocLine) -> bool:
        """Follow a heading (or a plain line that is one in a plain-text download)."""
        key = heading_key(line.text)
        segment = self.segment
        if segment is not None:
            prompt = None if self.past_prompts else self._prompt_titled(segment, key)
            if prompt is not None:
                self._close()
                self.prompt, self.group, self.feedback = prompt, prompt.group, None
                return True
            groups = {heading_key(p.group): p.group for p in segment.prompts if p.group}
            if key in groups or key in _NO_PROMPT:
                self._close()
                self.prompt, self.group, self.feedback = None, groups.get(key, ""), None
                # A room repeats the prompt it discussed; its notes stay with the room.
                self.past_prompts = key in _NO_PROMPT
                return True
            if segment.id == self.feedback_segment and key in self.feedback_labels:
                self._close()
                self.prompt, self.feedback = None, self.feedback_labels[key]
                return True
        if key in self.segments:
            self._close()
            self.segment = self.segments[key]
            self.segment_level = line.level
            self.prompt = self.feedback = None
            self.group = ""
            self.past_prompts = False
            self.header = None
            return True
        leaves = (
            key in _OUTSIDE
            or key.startswith(_ASSIGNMENT_HEADING)
            or (
                line.kind is LineKind.HEADING
                and line.level > 0
                and self.segment_level > 0
                and line.level <= self.segment_level
            )
        )
        if leaves:
            self._close()
            self.segment = self.prompt = self.feedback = None
            return True
        return line.kind is LineKind.HEADING

    def _prompt_titled(self, segment: Segment, key: str) -> Prompt | None:
        """The prompt a heading names; two groups may both end with "Anything else?", so the
        one in the group being read wins, then the first one after the prompt being read."""
        titled = [p for p in segment.prompts if heading_key(p.text) == key]
        if len(titled) <= 1:
            return titled[0] if titled else None
        in_group = [p for p in titled if p.group == self.group]
        if in_group:
            return in_group[0]
        order = list(segment.prompts)
        after = order.index(self.prompt) if self.prompt in order else -1
        return next((p for p in titled if order.index(p) > after), titled[0])

    # -------------------------------------------------------------------------- content

    def _item(self, line: DocLine) -> None:
        if self.open is not None and line.level > self.open.level:
            self.open.lines.append(line.text)
            return
        self._close()
        segment = self.segment
        if segment is None or not line.text.strip():
            return
        if segment.kind is SegmentKind.ROLL_CALL:
            self.open = _Open("roll-call", line.level, [line.text], segment)
        elif self.feedback is not None:
            self.open = _Open("feedback", line.level, [line.text], segment, feedback=self.feedback)
        elif self.prompt is not None:
            self.open = _Open("note", line.level, [line.text], segment, self.prompt)
        elif segment.kind is SegmentKind.QA:
            self.open = _Open("question", line.level, [line.text], segment)

    def _text(self, line: DocLine) -> None:
        """A paragraph under a prompt is a note only when it starts with a roster name."""
        if (
            self.segment is None
            or self.prompt is None
            or self.segment.kind is SegmentKind.ROLL_CALL
        ):
            return
        name, separator, answer = line.text.partition("/")
        if not separator:
            return
        match = self.matcher.match(name)
        if match.status in (MatchStatus.PERSON, MatchStatus.FACILITATOR) and answer.strip():
            self.found.append(
                ProposedNote(self.segment.id, self.prompt.id, author_of(match), answer.strip())
            )

    def _close(self) -> None:
        entry, self.open = self.open, None
        if entry is None:
            return
        text = "\n".join(part for part in entry.lines if part.strip()).strip()
        if not text or _is_placeholder(text):
            return
        if entry.kind == "note" and entry.prompt is not None:
            split = self._named(text)
            if split is not None:
                author, answer = split
                self.found.append(ProposedNote(entry.segment.id, entry.prompt.id, author, answer))
        elif entry.kind == "roll-call":
            split = self._named(text)
            if split is not None and split[0].status in (MatchStatus.PERSON, MatchStatus.UNKNOWN):
                self.found.append(ProposedRollCall(entry.segment.id, split[0], split[1]))
        elif entry.kind == "feedback" and entry.feedback is not None:
            author, said = self._maybe_named(text)
            self.found.append(ProposedFeedback(entry.feedback, author, said))
        elif entry.kind == "question":
            question = self._question(entry.segment, text)
            if question is not None:
                self.found.append(question)

    def _named(self, text: str) -> tuple[Author, str] | None:
        """ "Name / answer" read as (author, answer); None for an empty slot or a placeholder.

        Text with no "/" is an anonymous line unless it is only a name (a slot whose "/" an
        editor trimmed). When what stands before the "/" is no one's name and does not look
        like one, the "/" was part of the sentence and the whole line is anonymous.
        """
        first, newline, rest = text.partition("\n")
        name, separator, answer = first.partition("/")
        if not separator:
            match = self.matcher.match(first)
            only_a_name = match.status in (MatchStatus.PERSON, MatchStatus.FACILITATOR)
            if (only_a_name and not rest.strip()) or _is_placeholder(first):
                return None
            return ANONYMOUS_AUTHOR, text
        answer = (answer.strip() + (newline + rest if rest.strip() else "")).strip()
        if _is_placeholder(name) and (not answer or _is_placeholder(answer)):
            return None
        match = self.matcher.match(name)
        if match.status is MatchStatus.UNKNOWN and not looks_like_name(name):
            return ANONYMOUS_AUTHOR, text
        if not answer or _is_placeholder(answer):
            return None
        return author_of(match), answer

    def _maybe_named(self, text: str) -> tuple[Author, str]:
        """Feedback and questions are anonymous unless they start with a roster name."""
        name, separator, rest = text.partition("/")
        if separator and rest.strip():
            match = self.matcher.match(name)
            if match.status is MatchStatus.PERSON:
                return author_of(match), rest.strip()
            if match.status in (MatchStatus.ANONYMOUS, MatchStatus.FACILITATOR):
                # Feedback and questions have no facilitator author: kept unsigned.
                return ANONYMOUS_AUTHOR, rest.strip()
        return ANONYMOUS_AUTHOR, text

    def _question(self, segment: Segment, text: str) -> ProposedQuestion | None:
        """A Q&A bullet, or the question of an exported one ("Q: ...", "Asked by ...")."""
        kept: list[str] = []
        asked_by: Author | None = None
        for part in text.split("\n"):
            asked = _ASKED_BY.match(part.strip())
            if asked:
                match = self.matcher.match(asked.group(1))
                asked_by = author_of(match) if match.status is MatchStatus.PERSON else None
            elif not _ANSWER_LINE.match(part.strip()):
                kept.append(part)
        question = "\n".join(kept).strip()
        question = re.sub(r"^q:\s*", "", question, flags=re.IGNORECASE).strip()
        if not question or _is_placeholder(question):
            return None
        if asked_by is not None:
            return ProposedQuestion(segment.id, asked_by, question)
        author, said = self._maybe_named(question)
        return ProposedQuestion(segment.id, author, said)

    def _row(self, line: DocLine) -> None:
        segment = self.segment
        if segment is None or segment.kind is not SegmentKind.FILL_IN_TABLE:
            return
        if line.level != self.table or self.header is None:
            self.table = line.level
            self.header = _table_header(segment.columns, line.cells)
            return
        name_index, column_indexes = self.header
        cells = tuple(
            line.cells[i].strip() if i is not None and i < len(line.cells) else ""
            for i in column_indexes
        )
        if not any(cells):
            return
        written = (
            line.cells[name_index]
            if name_index is not None and name_index < len(line.cells)
            else ""
        )
        match = self.matcher.match(written)
        # A table row has no author kind of its own: a facilitator's row is stored unnamed.
        unnamed = match.status is MatchStatus.FACILITATOR or (
            match.status is MatchStatus.UNKNOWN and not looks_like_name(written)
        )
        author = ANONYMOUS_AUTHOR if unnamed else author_of(match)
        self.found.append(ProposedRow(segment.id, author, cells, segment.columns))


def author_of(match: NameMatch) -> Author:
    """The author a roster match stands for."""
    if match.person is not None:
        return Author(MatchStatus.PERSON, match.written, match.person.id, match.person.display_name)
    if match.status is MatchStatus.ANONYMOUS:
        return ANONYMOUS_AUTHOR
    return Author(match.status, match.written)


def _table_header(
    columns: Sequence[str], header: Sequence[str]
) -> tuple[int | None, tuple[int | None, ...]]:
    """Where the name and each of the segment's columns are in a table, by the header's words;
    by position when the header says nothing recognisable."""
    keys = [heading_key(cell) for cell in header]
    name_index = keys.index("name") if "name" in keys else None
    wanted = [heading_key(column) for column in columns]
    found = tuple(keys.index(k) if k in keys else None for k in wanted)
    if any(index is not None for index in found):
        return name_index, found
    if len(header) == len(columns) + 1:
        return 0, tuple(range(1, len(columns) + 1))
    return None, tuple(range(len(columns)))
