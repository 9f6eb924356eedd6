"""The blank shared document for one session, for the cohort to fill in during the call.

The curriculum asks for "a shared document for each session with information guiding the format,
space for documenting notes collaboratively", with the date, time and joining link at the top and
room for feedback at the end. This is that document, laid out exactly as the session export is
(same headings, in the same order, with the same prompt texts), so that once the cohort has filled
it in, ``document_import`` finds every answer under the prompt it belongs to. Each active person
on the roster gets a "Name / " line to write after; pseudonyms are not applied, because the
document is for the cohort, who know each other's names.

The outline itself is the export's (``session_outline``): this module only fills it with room to
write instead of notes, so the two cannot drift apart; a test checks they match.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from cofacilitator.export_model import ExportError, ModuleLookup
from cofacilitator.markdown_text import is_safe_link, plain_cell, plain_inline, render_markdown_html
from cofacilitator.session_outline import (
    MarkdownDocument,
    RoomSection,
    SegmentFill,
    link_target,
    markdown_table,
    session_outline,
    session_title,
)
from cofacilitator.sessions.schema import FeedbackKind, Module, Prompt, Segment, SegmentKind
from cofacilitator.store.database import Store
from cofacilitator.store.models import Cohort, Participant, SessionRun

SLOT_SEPARATOR = " / "
"""Between a name and what they write: the curriculum's "Name / answer"."""
EMPTY_BULLETS = 3
"""Empty bullets under the Q&A and each feedback heading, as the curriculum leaves them."""
GUIDELINES_REMINDER = (
    "Take space, give space: if you usually hold back, speak up; if you usually speak first, "
    "leave room for others. Quiet moments are welcome, and you can leave and come back as it "
    "suits you. Concerns go to the facilitator privately."
)
_TABLE_ATTRIBUTES = '<table border="1" cellpadding="4" style="border-collapse: collapse">'


@dataclass(frozen=True)
class BlankSession:
    """What the blank document is made from, read from the store in one go."""

    module: Module
    cohort_name: str
    people: tuple[str, ...]
    """Display names of the active roster (nobody who withdrew), in roster order."""
    facilitators: tuple[str, ...] = ()
    scheduled_date: date | None = None
    start_time: str = ""
    timezone: str = ""
    join_link: str = ""
    skipped_segments: tuple[str, ...] = ()


@dataclass(frozen=True)
class BlankDocument:
    """The same document twice: Markdown to save, HTML for the clipboard (headings, lists and
    tables survive a paste into a document editor; plain text goes alongside it)."""

    title: str
    markdown: str
    html: str


def read_blank_session(store: Store, modules: ModuleLookup, run_id: int) -> BlankSession:
    """Raises ``ExportError`` when the run does not exist or its module is not installed."""
    with store.session_factory() as s:
        run = s.get(SessionRun, run_id)
        if run is None:
            raise ExportError(f"There is no session run {run_id}.")
        module = modules.get(run.module_id)
        if module is None:
            raise ExportError(
                f"Session {run.module_number} uses the module '{run.module_id}', which is not "
                "installed: add its module file to make its shared document."
            )
        cohort = s.get_one(Cohort, run.cohort_id)
        people = tuple(
            s.scalars(
                select(Participant.display_name)
                .where(Participant.cohort_id == cohort.id, Participant.withdrawn_at.is_(None))
                .order_by(Participant.id)
            )
        )
        facilitators = tuple(
            str(entry.get("name", "")).strip()
            for entry in cohort.facilitators or []
            if isinstance(entry, dict) and str(entry.get("name", "")).strip()
        )
        return BlankSession(
            module=module,
            cohort_name=cohort.name,
            people=people,
            facilitators=facilitators,
            scheduled_date=run.scheduled_date,
            start_time=run.start_time,
            timezone=run.timezone or cohort.timezone,
            join_link=run.join_link,
            skipped_segments=tuple(run.skipped_segments or ()),
        )


def blank_session_document(store: Store, modules: ModuleLookup, run_id: int) -> BlankDocument:
    session = read_blank_session(store, modules, run_id)
    source = blank_markdown(session)
    return BlankDocument(session_title(session.module), source, clipboard_html(source))


def clipboard_html(source: str) -> str:
    """HTML a document editor pastes with its structure: tables get visible borders, which the
    app's export stylesheet would otherwise provide."""
    body = render_markdown_html(source).replace("<table>", _TABLE_ATTRIBUTES)
    return f'<html><head><meta charset="utf-8"></head><body>\n{body}\n</body></html>\n'


def blank_markdown(session: BlankSession) -> str:
    module = session.module
    doc = MarkdownDocument()
    doc.heading(1, plain_inline(session_title(module)))
    doc.add("\n".join(_facts(session)))
    doc.add(f"*{plain_inline(GUIDELINES_REMINDER)}*")
    # Feedback is asked once, in the module's first feedback segment, as the export prints it.
    feedback_segment = next(
        (segment.id for segment in module.segments if segment.kind is SegmentKind.FEEDBACK), None
    )
    segments: list[tuple[Segment, SegmentFill]] = [
        (segment, _BlankFill(segment, session.people, feedback=segment.id == feedback_segment))
        for segment in module.segments
        if not (segment.optional and segment.id in session.skipped_segments)
    ]
    session_outline(doc, module, 1, segments)
    return doc.text()


def _facts(session: BlankSession) -> list[str]:
    facts = [f"- **Cohort:** {plain_inline(session.cohort_name)}"]
    if session.scheduled_date is not None:
        when = session.scheduled_date.isoformat()
        if session.start_time:
            when += f", {session.start_time}"
            if session.timezone:
                when += f" ({session.timezone})"
        facts.append(f"- **Date:** {plain_inline(when)}")
    link = session.join_link.strip()
    if link:
        shown = f"<{link_target(link)}>" if is_safe_link(link) else plain_inline(link)
        facts.append(f"- **Joining link:** {shown}")
    if session.facilitators:
        facts.append(f"- **Facilitators:** {', '.join(map(plain_inline, session.facilitators))}")
    return facts


class _BlankFill:
    """A segment's outline with room to write in it (a ``SegmentFill``): a "Name / " line per
    person under each prompt, a row per person in a table, empty bullets for questions and
    feedback. What only the app records during the call (who shared their assignment, breakout
    rooms, notes under no prompt) is left out, headings and all."""

    def __init__(self, segment: Segment, people: Sequence[str], *, feedback: bool) -> None:
        self._segment = segment
        self._people = people
        self._feedback = feedback

    def roll_call(self) -> str:
        return _slots(self._people)

    def sharing_round(self) -> str | None:
        return None

    def prompt(self, prompt: Prompt) -> str | None:
        return _slots(self._people)

    def other_notes(self) -> str | None:
        return None

    def rooms(self) -> Sequence[RoomSection]:
        return ()

    def table(self, header: Sequence[str]) -> str:
        empty = [" " for _ in header[1:]]
        return markdown_table(header, ([plain_cell(name), *empty] for name in self._people))

    def questions(self) -> str | None:
        return _empty_bullets() if self._segment.kind is SegmentKind.QA else None

    def feedback(self) -> Sequence[tuple[FeedbackKind, str]]:
        if not self._feedback:
            return ()
        return [(kind, _empty_bullets()) for kind in FeedbackKind]


def _slots(people: Sequence[str]) -> str:
    """One "Name / " line per person, written after by them; a lone empty bullet when the roster
    is empty, so there is still a list to type into."""
    if not people:
        return "* "
    return "\n".join(f"- {plain_inline(name, line_start=True)}{SLOT_SEPARATOR}" for name in people)


def _empty_bullets() -> str:
    """Bullets to write in. "*", not "-": a line holding only "-" under a paragraph would make
    that paragraph a heading (a setext underline) once an editor trims the trailing space."""
    return "\n".join("* " for _ in range(EMPTY_BULLETS))
