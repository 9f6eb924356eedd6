"""What an export is read into: plain data ready to print, and the roster and names every read
starts from.

The privacy rules are applied while reading, once: private and off-the-record rows are never
selected, and every name goes through a :class:`~cofacilitator.pseudonyms.NameBook`. The renderers
get only what may leave the app, so they cannot leak what they never see. Concerns are never read.
One session run is read by ``session_export``, a whole cohort by ``cohort_export``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from cofacilitator import __version__
from cofacilitator.pseudonyms import NameBook, Person
from cofacilitator.sessions.schema import FeedbackKind, Module, Prompt, Segment
from cofacilitator.store.models import AnsweredWhen, Cohort, Participant, SessionRun


class ModuleLookup(Protocol):
    """Anything that finds a module by id: the catalog, or a plain dict in tests."""

    def get(self, module_id: str, /) -> Module | None: ...


class ExportError(LookupError):
    """What was asked for cannot be exported; the message is meant for the facilitator."""


def default_generated_by() -> str:
    return f"cofacilitator {__version__}"


@dataclass(frozen=True)
class Line:
    """One "Name / answer" line."""

    author: str
    text: str


@dataclass(frozen=True)
class PromptNotes:
    prompt: Prompt
    notes: tuple[Line, ...]


@dataclass(frozen=True)
class RoomNotes:
    name: str
    prompt: str
    members: tuple[str, ...]
    notes: tuple[Line, ...]


@dataclass(frozen=True)
class RollCallLine:
    name: str
    answer: str
    emoji: str
    picked: tuple[str, ...] = ()
    """Values picked through the roll-call form (Session 4); ``defined`` is the one described."""
    defined: str = ""
    definition: str = ""
    example: str = ""


@dataclass(frozen=True)
class TableEntry:
    author: str
    cells: tuple[str, ...]
    """In the order of the segment's columns."""


@dataclass(frozen=True)
class Question:
    text: str
    asked_by: str
    answer: str
    answered_by: str
    answered_when: AnsweredWhen | None


@dataclass(frozen=True)
class FeedbackList:
    kind: FeedbackKind
    items: tuple[str, ...]


@dataclass(frozen=True)
class SegmentNotes:
    """One segment with everything recorded in it that may be shared."""

    segment: Segment
    prompts: tuple[PromptNotes, ...] = ()
    other_notes: tuple[Line, ...] = ()
    """Notes under no prompt of the segment (and in no room): the sharing round's notes, say."""
    rooms: tuple[RoomNotes, ...] = ()
    roll_call: tuple[RollCallLine, ...] = ()
    sharers: tuple[str, ...] = ()
    table: tuple[TableEntry, ...] = ()
    questions: tuple[Question, ...] = ()
    feedback: tuple[FeedbackList, ...] = ()


@dataclass(frozen=True)
class SessionNotes:
    module: Module
    cohort_name: str
    scheduled_date: date | None
    start_time: str
    timezone: str
    facilitators: tuple[str, ...]
    attended: int
    enrolled: int
    segments: tuple[SegmentNotes, ...]
    """In module order, skipped segments left out."""


@dataclass(frozen=True)
class AppliedRules:
    """What the privacy rules changed, for the note at the top of every export."""

    pseudonymized: int
    pseudonymize_all: bool


class AttendanceMark(StrEnum):
    PRESENT = "present"
    LATE = "late"
    LEFT_EARLY = "left early"
    ABSENT = "absent"
    LEFT_AND_CAME_BACK = "left and came back"
    NOT_RECORDED = "not recorded"
    """The session has no attendance yet."""
    WITHDRAWN = "withdrawn"
    NOT_YET_JOINED = "not yet joined"
    """A walk-in, for the sessions before they first came."""

    @property
    def attended(self) -> bool:
        return self in (
            AttendanceMark.PRESENT,
            AttendanceMark.LATE,
            AttendanceMark.LEFT_EARLY,
            AttendanceMark.LEFT_AND_CAME_BACK,
        )

    @property
    def on_roster(self) -> bool:
        return self not in (AttendanceMark.WITHDRAWN, AttendanceMark.NOT_YET_JOINED)


def module_of(modules: ModuleLookup, run: SessionRun) -> Module:
    """The module a run was created from, or ``ExportError`` when it is not installed."""
    module = modules.get(run.module_id)
    if module is None:
        raise ExportError(
            f"Session {run.module_number} uses the module '{run.module_id}', which is not "
            "installed: add its module file to export this session."
        )
    return module


@dataclass(frozen=True)
class RosterMember:
    """Someone on the roster, as attendance marks need them."""

    id: int
    joined: date
    walk_in: bool
    withdrawn: date | None

    def missing_mark(self, day: date | None, *, held: bool) -> AttendanceMark:
        """What having no attendance row for a session on ``day`` means for this person."""
        if day is not None:
            if self.withdrawn is not None and self.withdrawn < day:
                return AttendanceMark.WITHDRAWN
            # Only walk-ins: a roster typed in after the first sessions must not make everyone
            # "not yet joined" for them.
            if self.walk_in and self.joined > day:
                return AttendanceMark.NOT_YET_JOINED
        elif self.withdrawn is not None:
            return AttendanceMark.WITHDRAWN
        return AttendanceMark.ABSENT if held else AttendanceMark.NOT_RECORDED


def read_roster(s: Session, cohort_id: int) -> list[RosterMember]:
    """Everyone who was ever on the cohort's roster, in the order they were added."""
    rows = s.execute(
        select(
            Participant.id,
            Participant.created_at,
            Participant.is_walk_in,
            Participant.withdrawn_at,
        )
        .where(Participant.cohort_id == cohort_id)
        .order_by(Participant.id)
    )
    return [
        RosterMember(pid, created.date(), walk_in, withdrawn.date() if withdrawn else None)
        for pid, created, walk_in, withdrawn in rows
    ]


def read_name_book(s: Session, cohort_id: int, pseudonymize: bool) -> NameBook:
    """How the cohort's people are named in an export (pseudonyms where consent is missing)."""
    rows = s.execute(
        select(
            Participant.id,
            Participant.display_name,
            Participant.consent_named,
            Participant.handles,
            Participant.email,
        ).where(Participant.cohort_id == cohort_id)
    )
    return NameBook((Person(*row) for row in rows), pseudonymize_all=pseudonymize)


def facilitator_names(cohort: Cohort) -> tuple[str, ...]:
    names = []
    for entry in cohort.facilitators or []:
        name = str(entry.get("name", "")).strip() if isinstance(entry, dict) else str(entry)
        if name:
            names.append(name)
    return tuple(names)
