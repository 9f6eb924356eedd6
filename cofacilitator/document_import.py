"""A filled-in shared document, read back into the session's record in two steps.

First :func:`preview_document` works out exactly what the document would add: each "Name /
answer" line under a prompt becomes a note, each filled row of a fill-in table a table row, each
feedback bullet a feedback item (anonymous unless it starts with someone's name), each Q&A bullet
a question, each roll-call line that person's roll-call answer. Names are matched to the roster
(``name_matching``); names nobody on the roster has are listed for the facilitator to take in as
walk-ins or to keep anonymous. Nothing is stored. Then ``apply_preview`` stores all of it in one
transaction, with the facilitator's decisions; not calling it is how an import is cancelled.

The preview, its duplicate checks and the storing are shared with the chat importer
(``chat_import``) and live in ``import_preview`` and ``import_apply``; this module reads the
document.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cofacilitator.document_formats import DocLine, LineKind, read_markdown
from cofacilitator.export_model import ModuleLookup
from cofacilitator.import_preview import (
    ANONYMOUS_AUTHOR,
    Author,
    ImportPreview,
    Proposal,
    ProposedFeedback,
    ProposedNote,
    ProposedQuestion,
    ProposedRollCall,
    ProposedRow,
    SessionNotFound,
    author_of,
    build_preview,
    session_run,
)
from cofacilitator.name_matching import MatchStatus, RosterMatcher, looks_like_name, roster_matcher
from cofacilitator.session_outline import FEEDBACK_LABELS
from cofacilitator.sessions.schema import FeedbackKind, Module, Prompt, Segment, SegmentKind
from cofacilitator.store.database import Store
from cofacilitator.store.models import NoteSource


def preview_document(
    store: Store, modules: ModuleLookup, run_id: int, document: str | Sequence[DocLine]
) -> ImportPreview:
    """What ``document`` (pasted text, or the lines of a file from ``document_formats``) would add
    to the run. Reads only. Raises ``SessionNotFound`` for a missing run or module."""
    lines = read_markdown(document) if isinstance(document, str) else tuple(document)
    with store.session_factory() as s:
        run = session_run(s, run_id)
        module = modules.get(run.module_id)
        if module is None:
            raise SessionNotFound(
                f"Session {run.module_number} uses the module '{run.module_id}', which is not "
                "installed: add its module file to import its shared document."
            )
        matcher = roster_matcher(s, run.cohort_id)
        found = _DocumentReader(module, matcher).read(lines)
        return build_preview(s, run, NoteSource.DOCUMENT, found)


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
