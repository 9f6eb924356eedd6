"""The shape of a training module, as plain frozen data.

Everything the runner, the store, the exports and the assignment forms know about a session comes
from these classes, so a facilitator's own module file gets exactly the same treatment as the four
shipped ones. Nothing here knows about files or Qt: see ``loader.py`` for reading TOML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class SegmentKind(StrEnum):
    """What happens in a segment, and so which capture pane the runner shows for it."""

    GUIDELINES = "guidelines"
    ROLL_CALL = "roll_call"
    ICEBREAKER = "icebreaker"
    PRESENTATION = "presentation"
    OPEN_DISCUSSION = "open_discussion"
    SILENT_NOTES = "silent_notes"
    BREAKOUT = "breakout"
    FILL_IN_TABLE = "fill_in_table"
    ASSIGNMENT_SHARING = "assignment_sharing"
    KEY_TAKEAWAYS = "key_takeaways"
    QA = "qa"
    FEEDBACK = "feedback"


#: Kinds whose prompts collect "Name / answer" notes.
NOTE_KINDS = frozenset(
    {
        SegmentKind.ICEBREAKER,
        SegmentKind.OPEN_DISCUSSION,
        SegmentKind.SILENT_NOTES,
        SegmentKind.KEY_TAKEAWAYS,
        SegmentKind.BREAKOUT,
        SegmentKind.PRESENTATION,
    }
)

#: Kinds that must carry at least one prompt to be usable.
KINDS_NEEDING_PROMPTS = frozenset(
    {SegmentKind.OPEN_DISCUSSION, SegmentKind.SILENT_NOTES, SegmentKind.BREAKOUT}
)


class FieldKind(StrEnum):
    """Assignment (and roll-call answer) field types; each has its own form widget."""

    LONG_TEXT = "long_text"
    TABLE = "table"
    LIST = "list"
    STAKEHOLDER_MAP = "stakeholder_map"
    PICK_VALUES = "pick_values"
    ROADMAP = "roadmap"
    CHARTER = "charter"
    MOUNTAIN = "mountain"
    INFORMATION_MAP = "information_map"
    VALUE_EXCHANGE = "value_exchange"
    RESOURCES = "resources"


class FeedbackKind(StrEnum):
    """The columns of the end-of-session feedback; the curriculum's plus/delta plus reflections."""

    PLUS = "plus"
    DELTA = "delta"
    SURPRISE = "surprise"
    UNCLEAR = "unclear"
    TAKEAWAY = "takeaway"


FEEDBACK_QUESTIONS: dict[FeedbackKind, str] = {
    FeedbackKind.PLUS: "What worked?",
    FeedbackKind.DELTA: "What didn't work? What would you change?",
    FeedbackKind.SURPRISE: "What surprised you?",
    FeedbackKind.UNCLEAR: "What was not clear?",
    FeedbackKind.TAKEAWAY: "What was your main takeaway, personally?",
}

#: The power/interest grid, in reading order (top-left, top-right, bottom-left, bottom-right).
STAKEHOLDER_QUADRANTS: tuple[tuple[str, str], ...] = (
    ("keep_satisfied", "Keep satisfied (high power, low interest)"),
    ("manage_closely", "Manage closely (high power, high interest)"),
    ("monitor", "Monitor and anticipate needs (low power, low interest)"),
    ("inform_regularly", "Inform regularly (low power, high interest)"),
)

RESOURCE_KINDS: tuple[str, ...] = (
    "annual report",
    "health report",
    "code of conduct",
    "contributing guideline",
    "strategy",
    "communication",
    "other",
)

INFORMATION_MAP_COLUMNS: tuple[str, ...] = ("Channel", "Audience", "Purpose", "Frequency")


@dataclass(frozen=True)
class Quote:
    text: str
    author: str
    source: str = ""


@dataclass(frozen=True)
class Prompt:
    """One question that collects answers. ``group`` is a heading shared by several prompts
    (Session 1's "Project:" and "You:"); ``details`` are sub-questions shown under it."""

    id: str
    text: str
    group: str = ""
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class Figure:
    """An image shipped under ``resources/`` (path relative to it) with its description."""

    path: str
    alt: str
    caption: str = ""


@dataclass(frozen=True)
class FormField:
    """One field of an assignment form, or the answer shape of a roll-call.

    Only the attributes its kind uses are set: ``columns`` for tables, ``pick`` and ``options``
    for pick-N-values, ``milestones`` for roadmaps, ``sections`` for charters, ``bands`` for the
    mountain of engagement.
    """

    id: str
    kind: FieldKind
    label: str
    help: str = ""
    columns: tuple[str, ...] = ()
    pick: int = 0
    options: tuple[str, ...] = ()
    milestones: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    bands: tuple[str, ...] = ()
    optional: bool = False


@dataclass(frozen=True)
class Segment:
    id: str
    kind: SegmentKind
    title: str
    minutes: int
    body: str = ""
    prompts: tuple[Prompt, ...] = ()
    recordable: bool = False
    optional: bool = False
    columns: tuple[str, ...] = ()
    slides: str = ""
    figures: tuple[Figure, ...] = ()
    answer: FormField | None = None
    """For a roll-call whose answer is a form (Session 4's pick three values)."""


@dataclass(frozen=True)
class Reading:
    title: str
    url: str
    note: str = ""

    @property
    def link_pending(self) -> bool:
        """The curriculum marks links still to be added with ``#`` or nothing."""
        return self.url.strip() in ("", "#")


@dataclass(frozen=True)
class ReadingGroup:
    title: str
    readings: tuple[Reading, ...]


@dataclass(frozen=True)
class Assignment:
    id: str
    title: str
    body: str
    fields: tuple[FormField, ...]


@dataclass(frozen=True)
class Module:
    id: str
    version: int
    number: int
    title: str
    epigraph: Quote
    key_lessons: tuple[str, ...]
    segments: tuple[Segment, ...]
    summary: str = ""
    assignment: Assignment | None = None
    readings: tuple[ReadingGroup, ...] = ()
    attribution: str = ""
    source: str = ""
    """The file the module was read from; empty for modules built in code."""
    values: tuple[str, ...] = field(default=())
    """Values offered to pick-N-values fields that name no options of their own."""

    @property
    def planned_minutes(self) -> int:
        return sum(s.minutes for s in self.segments)

    @property
    def required_minutes(self) -> int:
        return sum(s.minutes for s in self.segments if not s.optional)

    def segment(self, segment_id: str) -> Segment:
        for segment in self.segments:
            if segment.id == segment_id:
                return segment
        raise KeyError(segment_id)

    def segment_index(self, segment_id: str) -> int:
        for index, segment in enumerate(self.segments):
            if segment.id == segment_id:
                return index
        raise KeyError(segment_id)
