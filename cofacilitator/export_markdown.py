"""Session notes as Markdown, in the shape of the curriculum's shared session document.

One file per session run: title, cohort, date, facilitators, attendance, the epigraph and key
lessons, then each segment with its "Name / answer" notes, rooms, tables, questions and feedback,
then the readings, the assignment for next time and the curriculum's attribution. The cohort file
puts attendance and assignment tables in front of all its sessions. Markdown is the reference
format; the HTML page is rendered from it (see ``export_html``).

Everything people wrote goes through ``markdown_text.plain_*`` so it prints literally; module
content (bodies written by facilitators) is kept as Markdown with raw HTML neutralised.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from enum import StrEnum

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
from cofacilitator.sessions.schema import FEEDBACK_QUESTIONS, FeedbackKind, Module, SegmentKind
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
    doc = _Document()
    doc.heading(1, plain_inline(session_title(export.session.module)))
    doc.add(_rules_note(export.rules))
    _session_body(doc, export.session, level=1, standalone=True)
    doc.add(_generated_line(export.generated_by))
    return doc.text()


def cohort_markdown(export: CohortExport) -> str:
    doc = _Document()
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


class _Document:
    """Markdown blocks, separated by one blank line."""

    def __init__(self) -> None:
        self._blocks: list[str] = []

    def add(self, block: str) -> None:
        self._blocks.append(block)

    def heading(self, level: int, text: str) -> None:
        self._blocks.append(f"{'#' * min(level, 6)} {text}")

    def text(self) -> str:
        return "\n\n".join(self._blocks) + "\n"


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


def _session_body(doc: _Document, session: SessionNotes, *, level: int, standalone: bool) -> None:
    module = session.module
    doc.add("\n".join(_facts(session, standalone=standalone)))
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
    for segment in session.segments:
        _segment(doc, segment, level + 1)
    _readings(doc, module, level + 1)
    _assignment(doc, module, level + 1)
    if module.attribution.strip():
        doc.add("---")
        doc.add(plain_inline(module.attribution, line_start=True))


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


def _segment(doc: _Document, notes: SegmentNotes, level: int) -> None:
    segment = notes.segment
    doc.heading(level, plain_inline(segment.title))
    if segment.body.strip():
        doc.add(_module_markdown(segment.body, level))
    if segment.slides.strip():
        slides = segment.slides.strip()
        doc.add(
            f"Slides: <{_link_target(slides)}>"
            if is_safe_link(slides)
            else f"Slides: {LINK_PENDING}"
        )
    for figure in segment.figures:
        doc.add(f"*{plain_inline(figure.caption or figure.alt)}*")
    kind = segment.kind
    if kind is SegmentKind.ROLL_CALL:
        for prompt in segment.prompts:
            doc.add(f"*{plain_inline(prompt.text)}*")
        if notes.roll_call:
            doc.add("\n".join(_roll_call_item(line) for line in notes.roll_call))
        else:
            doc.add("*No roll-call answers recorded.*")
    elif kind is SegmentKind.ASSIGNMENT_SHARING:
        doc.heading(level + 1, "Shared from the assignment")
        if notes.sharers:
            doc.add(
                "\n".join(
                    f"{i}. {plain_inline(n, line_start=True)}"
                    for i, n in enumerate(notes.sharers, 1)
                )
            )
        else:
            doc.add("*No one shared yet.*")
    _prompts(doc, notes, level)
    if notes.other_notes:
        if kind is not SegmentKind.ASSIGNMENT_SHARING:
            doc.heading(level + 1, "Other notes")
        doc.add(_notes_list(notes.other_notes))
    _rooms(doc, notes, level)
    if kind is SegmentKind.FILL_IN_TABLE:
        _table(doc, notes)
    if kind is SegmentKind.QA or notes.questions:
        if notes.questions:
            doc.add("\n".join(_question_item(q) for q in notes.questions))
        else:
            doc.add("*No questions.*")
    for feedback in notes.feedback:
        doc.heading(level + 1, FEEDBACK_LABELS[feedback.kind])
        doc.add(f"*{plain_inline(FEEDBACK_QUESTIONS[feedback.kind])}*")
        if feedback.items:
            doc.add("\n".join(_list_item(plain_lines(item)) for item in feedback.items))
        else:
            doc.add("*None.*")


def _prompts(doc: _Document, notes: SegmentNotes, level: int) -> None:
    group = ""
    for entry in notes.prompts:
        prompt = entry.prompt
        if prompt.group and prompt.group != group:
            doc.heading(level + 1, plain_inline(prompt.group))
        group = prompt.group
        if notes.rooms and not entry.notes:
            # The rooms answered it; their notes follow under each room.
            doc.add(f"*{plain_inline(prompt.text)}*")
            continue
        doc.heading(level + (2 if group else 1), plain_inline(prompt.text))
        if prompt.details:
            doc.add(f"*{' · '.join(plain_inline(detail) for detail in prompt.details)}*")
        doc.add(_notes_list(entry.notes) if entry.notes else "*No notes.*")


def _rooms(doc: _Document, notes: SegmentNotes, level: int) -> None:
    if not notes.rooms:
        return
    doc.heading(level + 1, "Breakout rooms")
    for room in notes.rooms:
        doc.heading(level + 2, plain_inline(room.name) or "Room")
        if room.prompt.strip():
            doc.add(f"*{plain_inline(room.prompt)}*")
        members = ", ".join(plain_inline(name) for name in room.members) or "nobody"
        doc.add(f"Members: {members}")
        doc.add(_notes_list(room.notes) if room.notes else "*No notes.*")


def _table(doc: _Document, notes: SegmentNotes) -> None:
    if not notes.table:
        doc.add("*No rows yet.*")
        return
    header = ["Name", *notes.segment.columns]
    lines = [_table_row(plain_cell(cell) for cell in header), _table_row("---" for _ in header)]
    for entry in notes.table:
        lines.append(_table_row([plain_cell(entry.author), *map(plain_cell, entry.cells)]))
    doc.add("\n".join(lines))


def _table_row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _cohort_table(
    labels: Sequence[str], rows: Sequence[CohortRow], total_label: str, totals: Sequence[str]
) -> str:
    lines = [_table_row(["Name", *labels]), _table_row("---" for _ in range(len(labels) + 1))]
    for row in rows:
        lines.append(_table_row([plain_cell(row.name), *map(plain_cell, row.cells)]))
    lines.append(_table_row([f"**{total_label}**", *totals]))
    return "\n".join(lines)


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


def _module_markdown(body: str, level: int) -> str:
    """A module body, safe to embed: raw HTML neutralised and its headings placed under the
    segment's own, so a body heading cannot break the document outline."""
    safe = neutralize_raw_html(body.strip())
    return _BODY_HEADING.sub(lambda m: "#" * min(len(m.group(1)) + level, 6), safe)


def _readings(doc: _Document, module: Module, level: int) -> None:
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
                entry = f"[{title}]({_link_target(url)})"
            else:
                entry = f"{title} {LINK_PENDING}"
            if reading.note.strip():
                entry += f" — {plain_inline(reading.note)}"
            items.append(f"- {entry}")
        doc.add("\n".join(items))


def _link_target(url: str) -> str:
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


def _assignment(doc: _Document, module: Module, level: int) -> None:
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
