"""Session notes as Markdown, in the shape of the curriculum's shared session document.

One file per session run: title, cohort, date, facilitators, attendance, the epigraph and key
lessons, then each segment with its "Name / answer" notes, rooms, tables, questions and feedback,
then the readings, the assignment for next time and the curriculum's attribution. The cohort file
puts attendance and assignment tables in front of all its sessions. Markdown is the reference
format; the HTML page is rendered from it (see ``export_html``).

Everything people wrote goes through ``markdown_text.plain_*`` so it prints literally; module
content (bodies written by facilitators) is kept as Markdown with raw HTML neutralised.

The outline of a session (which headings, in which order, with the module's own content) is
public, :func:`session_outline` filled through a :class:`SegmentFill`, because the blank shared
document (``shared_document``) is the same outline filled with room to write instead of notes:
one outline is what lets ``document_import`` read a filled-in blank back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from cofacilitator.export_html import html_page
from cofacilitator.export_model import (
    AppliedRules,
    AssignmentMark,
    AttendanceMark,
    CohortExport,
    CohortRow,
    Line,
    ModuleLookup,
    Question,
    RollCallLine,
    RoomNotes,
    SegmentNotes,
    SessionExport,
    SessionNotes,
    build_cohort_export,
    build_session_export,
)
from cofacilitator.markdown_text import (
    is_safe_link,
    neutralize_raw_html,
    plain_cell,
    plain_inline,
    plain_lines,
)
from cofacilitator.sessions.schema import (
    FEEDBACK_QUESTIONS,
    FeedbackKind,
    Module,
    Prompt,
    Segment,
    SegmentKind,
)
from cofacilitator.store.database import Store
from cofacilitator.store.models import AnsweredWhen

FEEDBACK_LABELS: dict[FeedbackKind, str] = {
    FeedbackKind.PLUS: "Plus",
    FeedbackKind.DELTA: "Delta",
    FeedbackKind.SURPRISE: "Surprised",
    FeedbackKind.UNCLEAR: "Unclear",
    FeedbackKind.TAKEAWAY: "Personal takeaways",
}

LINK_PENDING = "(link to be added)"
HARD_BREAK = "  \n"
_BODY_HEADING = re.compile(r"^(#{1,6})(?=[ \t]|$)", re.MULTILINE)


class ExportFormat(StrEnum):
    MARKDOWN = "md"
    HTML = "html"


def export_session(
    store: Store,
    modules: ModuleLookup,
    run_id: int,
    fmt: ExportFormat | str = ExportFormat.MARKDOWN,
    pseudonymize: bool = False,
    *,
    generated_by: str | None = None,
) -> str:
    """The notes of one session run as a Markdown or HTML document.

    Raises ``ExportError`` when the run does not exist or its module is not installed.
    """
    with store.session_factory() as s:
        export = build_session_export(
            s, modules, run_id, pseudonymize=pseudonymize, generated_by=generated_by
        )
    source = session_markdown(export)
    if ExportFormat(fmt) is ExportFormat.HTML:
        return html_page(source, session_title(export.session.module))
    return source


def export_cohort(
    store: Store,
    modules: ModuleLookup,
    cohort_id: int,
    fmt: ExportFormat | str = ExportFormat.MARKDOWN,
    pseudonymize: bool = False,
    *,
    generated_by: str | None = None,
) -> str:
    """The whole series of a cohort in one Markdown or HTML document."""
    with store.session_factory() as s:
        export = build_cohort_export(
            s, modules, cohort_id, pseudonymize=pseudonymize, generated_by=generated_by
        )
    source = cohort_markdown(export)
    if ExportFormat(fmt) is ExportFormat.HTML:
        return html_page(source, cohort_title(export.cohort_name))
    return source


def session_title(module: Module) -> str:
    return f"Session {module.number}: {module.title}"


def cohort_title(cohort_name: str) -> str:
    return f"{cohort_name}: session notes"


def session_markdown(export: SessionExport) -> str:
    doc = MarkdownDocument()
    doc.heading(1, plain_inline(session_title(export.session.module)))
    doc.add(_rules_note(export.rules))
    _session_body(doc, export.session, level=1, standalone=True)
    doc.add(_generated_line(export.generated_by))
    return doc.text()


def cohort_markdown(export: CohortExport) -> str:
    doc = MarkdownDocument()
    doc.heading(1, plain_inline(cohort_title(export.cohort_name)))
    doc.add(_rules_note(export.rules))
    facts = [f"- **Sessions:** {len(export.sessions)}"]
    facts.append(f"- **Participants:** {len(export.attendance)}")
    if export.facilitators:
        facts.append(f"- **Facilitators:** {', '.join(map(plain_inline, export.facilitators))}")
    doc.add("\n".join(facts))
    doc.heading(2, "Attendance")
    if export.attendance and export.session_labels:
        totals = []
        for column in range(len(export.session_labels)):
            marks = [AttendanceMark(row.cells[column]) for row in export.attendance]
            attended = sum(1 for mark in marks if mark.attended)
            totals.append(f"{attended} of {sum(1 for mark in marks if mark.on_roster)}")
        doc.add(_cohort_table(export.session_labels, export.attendance, "Attended", totals))
    else:
        doc.add("*No attendance recorded yet.*")
    doc.heading(2, "Assignments")
    if export.assignments and export.assignment_labels:
        doc.add("Assignments handed in, by the session that set them.")
        handed_in = (AssignmentMark.SUBMITTED, AssignmentMark.IMPORTED)
        totals = [
            f"{sum(1 for row in export.assignments if row.cells[column] in handed_in)} "
            f"of {len(export.assignments)}"
            for column in range(len(export.assignment_labels))
        ]
        doc.add(_cohort_table(export.assignment_labels, export.assignments, "Submitted", totals))
    else:
        doc.add("*No assignments in this series.*")
    for session in export.sessions:
        doc.heading(2, plain_inline(session_title(session.module)))
        _session_body(doc, session, level=2, standalone=False)
    doc.add(_generated_line(export.generated_by))
    return doc.text()


class MarkdownDocument:
    """Markdown blocks, separated by one blank line: the session export and the blank shared
    document are both written into one, so they are spaced alike."""

    def __init__(self) -> None:
        self._blocks: list[str] = []

    def add(self, block: str) -> None:
        self._blocks.append(block)

    def heading(self, level: int, text: str) -> None:
        self._blocks.append(f"{'#' * min(level, 6)} {text}")

    def text(self) -> str:
        return "\n\n".join(self._blocks) + "\n"


# ------------------------------------------------------------------------------ the outline


@dataclass(frozen=True)
class RoomSection:
    """A breakout room in a segment's outline: its heading and the blocks under it."""

    title: str
    blocks: tuple[str, ...]


class SegmentFill(Protocol):
    """What fills one segment's outline: the notes taken in it (the export) or room to take them
    (the blank shared document, ``shared_document``).

    :func:`segment_outline` places every heading and a fill only says what goes under them, so
    the two documents cannot drift apart in shape: once the cohort has filled in the blank one,
    ``document_import`` finds each answer under the heading the export would print it under.
    Blocks are Markdown with people's words already escaped; ``None`` leaves a part out.
    """

    def roll_call(self) -> str:
        """Under a roll call's question: everyone's answer."""
        ...

    def sharing_round(self) -> str | None:
        """Who shared in an assignment-sharing round; ``None`` leaves the round's heading out."""
        ...

    def prompt(self, prompt: Prompt) -> str | None:
        """Under a prompt's heading; ``None`` when breakout rooms answered it instead, so the
        prompt stands as a line of text above the rooms rather than a heading over nothing."""
        ...

    def other_notes(self) -> str | None:
        """Notes written under no prompt and in no room."""
        ...

    def rooms(self) -> Sequence[RoomSection]:
        """The segment's breakout rooms, in order."""
        ...

    def table(self, header: Sequence[str]) -> str:
        """The table of a fill-in-table segment, under these column headings (escaped)."""
        ...

    def questions(self) -> str | None:
        """The questions asked; ``None`` when the segment has no place for questions."""
        ...

    def feedback(self) -> Sequence[tuple[FeedbackKind, str]]:
        """What goes under each feedback heading the segment holds, in order."""
        ...


def session_outline(
    doc: MarkdownDocument,
    module: Module,
    level: int,
    segments: Iterable[tuple[Segment, SegmentFill]],
) -> None:
    """Everything of a session below its facts, one heading level under ``level`` (the session
    title's): epigraph, key lessons, each segment filled by its fill, readings, the assignment
    for next time and the curriculum's attribution."""
    epigraph = module.epigraph
    if epigraph.text.strip():
        quote = f"> {plain_inline(epigraph.text, line_start=True)}"
        credit = ", ".join(
            part
            for part in (
                plain_inline(epigraph.author),
                f"*{plain_inline(epigraph.source)}*" if epigraph.source.strip() else "",
            )
            if part
        )
        doc.add(f"{quote}\n>\n> — {credit}" if credit else quote)
    if module.key_lessons:
        doc.heading(level + 1, "Key lessons")
        doc.add(
            "\n".join(f"- {plain_inline(lesson, line_start=True)}" for lesson in module.key_lessons)
        )
    for segment, fill in segments:
        segment_outline(doc, segment, level + 1, fill)
    _readings(doc, module, level + 1)
    _assignment(doc, module, level + 1)
    if module.attribution.strip():
        doc.add("---")
        doc.add(plain_inline(module.attribution, line_start=True))


def segment_outline(doc: MarkdownDocument, segment: Segment, level: int, fill: SegmentFill) -> None:
    """One segment under a heading of ``level``: what the module says about it, then its roll
    call or sharing round, prompts, other notes, rooms, table, questions and feedback, each
    filled by ``fill``."""
    doc.heading(level, plain_inline(segment.title))
    if segment.body.strip():
        doc.add(_module_markdown(segment.body, level))
    if segment.slides.strip():
        slides = segment.slides.strip()
        doc.add(
            f"Slides: <{link_target(slides)}>"
            if is_safe_link(slides)
            else f"Slides: {LINK_PENDING}"
        )
    for figure in segment.figures:
        doc.add(f"*{plain_inline(figure.caption or figure.alt)}*")
    kind = segment.kind
    if kind is SegmentKind.ROLL_CALL:
        for prompt in segment.prompts:
            doc.add(f"*{plain_inline(prompt.text)}*")
        doc.add(fill.roll_call())
    elif kind is SegmentKind.ASSIGNMENT_SHARING:
        sharers = fill.sharing_round()
        if sharers is not None:
            doc.heading(level + 1, "Shared from the assignment")
            doc.add(sharers)
    else:
        _prompts(doc, segment, level, fill)
    other_notes = fill.other_notes()
    if other_notes is not None:
        # A sharing round's notes belong to the round: they follow its list without a heading.
        if kind is not SegmentKind.ASSIGNMENT_SHARING:
            doc.heading(level + 1, "Other notes")
        doc.add(other_notes)
    rooms = fill.rooms()
    if rooms:
        doc.heading(level + 1, "Breakout rooms")
        for room in rooms:
            doc.heading(level + 2, room.title)
            for block in room.blocks:
                doc.add(block)
    if kind is SegmentKind.FILL_IN_TABLE:
        doc.add(fill.table([plain_cell(cell) for cell in ("Name", *segment.columns)]))
    questions = fill.questions()
    if questions is not None:
        doc.add(questions)
    for feedback_kind, content in fill.feedback():
        doc.heading(level + 1, FEEDBACK_LABELS[feedback_kind])
        doc.add(f"*{plain_inline(FEEDBACK_QUESTIONS[feedback_kind])}*")
        doc.add(content)


def _prompts(doc: MarkdownDocument, segment: Segment, level: int, fill: SegmentFill) -> None:
    group = ""
    for prompt in segment.prompts:
        if prompt.group and prompt.group != group:
            doc.heading(level + 1, plain_inline(prompt.group))
        group = prompt.group
        content = fill.prompt(prompt)
        if content is None:
            doc.add(f"*{plain_inline(prompt.text)}*")
            continue
        doc.heading(level + (2 if group else 1), plain_inline(prompt.text))
        if prompt.details:
            doc.add(f"*{' · '.join(plain_inline(detail) for detail in prompt.details)}*")
        doc.add(content)


def _readings(doc: MarkdownDocument, module: Module, level: int) -> None:
    groups = [group for group in module.readings if group.readings]
    if not groups:
        return
    doc.heading(level, "Readings")
    for group in groups:
        doc.heading(level + 1, plain_inline(group.title))
        items = []
        for reading in group.readings:
            title = plain_inline(reading.title, line_start=True)
            url = reading.url.strip()
            if not reading.link_pending and is_safe_link(url):
                entry = f"[{title}]({link_target(url)})"
            else:
                entry = f"{title} {LINK_PENDING}"
            if reading.note.strip():
                entry += f" — {plain_inline(reading.note)}"
            items.append(f"- {entry}")
        doc.add("\n".join(items))


def _assignment(doc: MarkdownDocument, module: Module, level: int) -> None:
    assignment = module.assignment
    if assignment is None:
        return
    doc.heading(level, f"Assignment for next time: {plain_inline(assignment.title)}")
    if assignment.body.strip():
        doc.add(_module_markdown(assignment.body, level))
    if assignment.fields:
        doc.add("**To fill in:**")
        labels = [
            plain_inline(field.label, line_start=True) + (" (optional)" if field.optional else "")
            for field in assignment.fields
        ]
        doc.add("\n".join(f"- {label}" for label in labels))


def _module_markdown(body: str, level: int) -> str:
    """A module body, safe to embed: raw HTML neutralised and its headings placed under the
    segment's own, so a body heading cannot break the document outline."""
    safe = neutralize_raw_html(body.strip())
    return _BODY_HEADING.sub(lambda m: "#" * min(len(m.group(1)) + level, 6), safe)


def link_target(url: str) -> str:
    """A URL safe inside ``[text](...)`` or ``<...>``: these characters would end it early."""
    for character, encoded in (
        (" ", "%20"),
        ("(", "%28"),
        (")", "%29"),
        ("<", "%3C"),
        (">", "%3E"),
    ):
        url = url.replace(character, encoded)
    return url


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A pipe table of cells already escaped for one (``plain_cell``)."""
    lines = [_table_row(header), _table_row("---" for _ in header)]
    lines.extend(_table_row(row) for row in rows)
    return "\n".join(lines)


def _table_row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


# ------------------------------------------------------------------------------ the notes


def _rules_note(rules: AppliedRules) -> str:
    sentences = ["Private and off-the-record notes are not included."]
    count = rules.pseudonymized
    people = "1 participant appears" if count == 1 else f"{count} participants appear"
    if count and rules.pseudonymize_all:
        sentences.append(
            f'{people} under pseudonyms ("Participant A", "Participant B", ...): names were '
            "left out of this export on request."
        )
    elif count:
        sentences.append(
            f'{people} under pseudonyms ("Participant A", "Participant B", ...) because they '
            "have not agreed to be named."
        )
    elif rules.pseudonymize_all:
        sentences.append("Names were left out of this export on request.")
    else:
        sentences.append("Everyone named here has agreed to be named.")
    if count:
        sentences.append("A pseudonym is the same in every export of this cohort.")
    sentences.append(
        'Anonymous notes appear as "Anonymous" and facilitators\' notes as "Facilitator".'
    )
    return "> " + " ".join(sentences)


def _generated_line(generated_by: str) -> str:
    return f"*Generated by {plain_inline(generated_by)}.*"


def _session_body(
    doc: MarkdownDocument, session: SessionNotes, *, level: int, standalone: bool
) -> None:
    doc.add("\n".join(_facts(session, standalone=standalone)))
    filled = ((notes.segment, _NotesFill(notes)) for notes in session.segments)
    session_outline(doc, session.module, level, filled)


def _facts(session: SessionNotes, *, standalone: bool) -> list[str]:
    facts = []
    if standalone:
        facts.append(f"- **Cohort:** {plain_inline(session.cohort_name)}")
    when = "not scheduled yet"
    if session.scheduled_date is not None:
        when = session.scheduled_date.isoformat()
        if session.start_time:
            when += f", {session.start_time}"
            if session.timezone:
                when += f" ({session.timezone})"
    facts.append(f"- **Date:** {plain_inline(when)}")
    if session.facilitators:
        facts.append(f"- **Facilitators:** {', '.join(map(plain_inline, session.facilitators))}")
    facts.append(f"- **Attendance:** {session.attended} of {session.enrolled} participants")
    return facts


class _NotesFill:
    """A segment's outline filled with what was recorded in it (a :class:`SegmentFill`)."""

    def __init__(self, notes: SegmentNotes) -> None:
        self._notes = notes
        self._by_prompt = {entry.prompt.id: entry.notes for entry in notes.prompts}

    def roll_call(self) -> str:
        if not self._notes.roll_call:
            return "*No roll-call answers recorded.*"
        return "\n".join(_roll_call_item(line) for line in self._notes.roll_call)

    def sharing_round(self) -> str | None:
        sharers = self._notes.sharers
        if not sharers:
            return "*No one shared yet.*"
        return "\n".join(
            f"{i}. {plain_inline(n, line_start=True)}" for i, n in enumerate(sharers, 1)
        )

    def prompt(self, prompt: Prompt) -> str | None:
        notes = self._by_prompt.get(prompt.id, ())
        if self._notes.rooms and not notes:
            return None
        return _notes_list(notes) if notes else "*No notes.*"

    def other_notes(self) -> str | None:
        return _notes_list(self._notes.other_notes) if self._notes.other_notes else None

    def rooms(self) -> Sequence[RoomSection]:
        return [_room_section(room) for room in self._notes.rooms]

    def table(self, header: Sequence[str]) -> str:
        if not self._notes.table:
            return "*No rows yet.*"
        return markdown_table(
            header,
            (
                [plain_cell(entry.author), *map(plain_cell, entry.cells)]
                for entry in self._notes.table
            ),
        )

    def questions(self) -> str | None:
        if self._notes.questions:
            return "\n".join(_question_item(q) for q in self._notes.questions)
        return "*No questions.*" if self._notes.segment.kind is SegmentKind.QA else None

    def feedback(self) -> Sequence[tuple[FeedbackKind, str]]:
        return [
            (
                feedback.kind,
                "\n".join(_list_item(plain_lines(item)) for item in feedback.items)
                if feedback.items
                else "*None.*",
            )
            for feedback in self._notes.feedback
        ]


def _room_section(room: RoomNotes) -> RoomSection:
    blocks = [f"*{plain_inline(room.prompt)}*"] if room.prompt.strip() else []
    blocks.append(f"Members: {', '.join(plain_inline(name) for name in room.members) or 'nobody'}")
    blocks.append(_notes_list(room.notes) if room.notes else "*No notes.*")
    return RoomSection(plain_inline(room.name) or "Room", tuple(blocks))


def _cohort_table(
    labels: Sequence[str], rows: Sequence[CohortRow], total_label: str, totals: Sequence[str]
) -> str:
    return markdown_table(
        ["Name", *labels],
        [
            *([plain_cell(row.name), *map(plain_cell, row.cells)] for row in rows),
            [f"**{total_label}**", *totals],
        ],
    )


def _notes_list(lines: Sequence[Line]) -> str:
    return "\n".join(
        _list_item(_joined([plain_inline(n.author, line_start=True)], plain_lines(n.text)))
        for n in lines
    )


def _roll_call_item(line: RollCallLine) -> str:
    fragments = [[plain_inline(line.name, line_start=True)]]
    if line.picked:
        values = [
            f"**{plain_inline(v)}**" if v == line.defined else plain_inline(v) for v in line.picked
        ]
        fragments.append([", ".join(values)])
    if line.answer.strip():
        fragments.append(plain_lines(line.answer))
    if line.emoji.strip():
        fragments.append([plain_inline(line.emoji)])
    lines = _joined(*fragments)
    if line.definition.strip():
        defined = f"{plain_inline(line.defined)}: " if line.defined.strip() else ""
        definition = plain_lines(line.definition)
        lines.extend([defined + definition[0], *definition[1:]])
    if line.example.strip():
        example = plain_lines(line.example)
        lines.extend([f"Example: {example[0]}", *example[1:]])
    return _list_item(lines)


def _question_item(question: Question) -> str:
    lines = _joined(["**Q:**"], plain_lines(question.text), separator=" ")
    lines.append(f"Asked by {plain_inline(question.asked_by)}")
    if question.answer.strip():
        lines.extend(_joined(["**A:**"], plain_lines(question.answer), separator=" "))
        when = {
            AnsweredWhen.LIVE: "live in the call",
            AnsweredWhen.AFTER: "after the call",
            None: "",
        }[question.answered_when]
        by = plain_inline(question.answered_by)
        if by and when:
            lines.append(f"Answered by {by}, {when}")
        elif by or when:
            lines.append(f"Answered {f'by {by}' if by else when}")
    else:
        lines.append("*Not answered yet.*")
    return _list_item(lines)


def _joined(*fragments: list[str], separator: str = " / ") -> list[str]:
    """Fragments of a line in the "Name / answer" style; a fragment's own line breaks stay."""
    lines: list[str] = []
    for fragment in fragments:
        if not fragment:
            continue
        if lines:
            lines[-1] += separator + fragment[0]
            lines.extend(fragment[1:])
        else:
            lines.extend(fragment)
    return lines


def _list_item(lines: Sequence[str], marker: str = "- ") -> str:
    """A list item whose lines are kept as hard line breaks, indented under the marker."""
    return marker + (HARD_BREAK + " " * len(marker)).join(lines)
