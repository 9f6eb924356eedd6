"""Session notes as Markdown, in the shape of the curriculum's shared session document.

One file per session run: title, cohort, date, facilitators, attendance, the epigraph and key
lessons, then each segment with its "Name / answer" notes, rooms, tables, questions and feedback,
then the readings, the assignment for next time and the curriculum's attribution. The cohort file
puts attendance and assignment tables in front of all its sessions. Markdown is the reference
format; the HTML page is rendered from it (see ``export_html``).

Everything people wrote goes through ``markdown_text.plain_*`` so it prints literally. The
headings and the module's own content come from the outline the blank shared document shares
(``session_outline``); this module fills it with the notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from cofacilitator.cohort_export import (
    AssignmentMark,
    CohortExport,
    CohortRow,
    build_cohort_export,
)
from cofacilitator.export_html import html_page
from cofacilitator.export_model import (
    AppliedRules,
    AttendanceMark,
    Line,
    ModuleLookup,
    Question,
    RollCallLine,
    RoomNotes,
    SegmentNotes,
    SessionNotes,
)
from cofacilitator.markdown_text import HARD_BREAK, plain_cell, plain_inline, plain_lines
from cofacilitator.session_export import SessionExport, build_session_export
from cofacilitator.session_outline import (
    MarkdownDocument,
    RoomSection,
    markdown_table,
    session_outline,
    session_title,
)
from cofacilitator.sessions.schema import FeedbackKind, Prompt, SegmentKind
from cofacilitator.store.database import Store
from cofacilitator.store.models import AnsweredWhen


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
    document = session_document(export)
    if ExportFormat(fmt) is ExportFormat.HTML:
        return html_page(document, session_title(export.session.module))
    return document.text()


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
    document = cohort_document(export)
    if ExportFormat(fmt) is ExportFormat.HTML:
        return html_page(document, cohort_title(export.cohort_name))
    return document.text()


def cohort_title(cohort_name: str) -> str:
    return f"{cohort_name}: session notes"


def session_document(export: SessionExport) -> MarkdownDocument:
    doc = MarkdownDocument()
    doc.heading(1, plain_inline(session_title(export.session.module)))
    doc.add(_rules_note(export.rules))
    _session_body(doc, export.session, level=1, standalone=True)
    doc.add(_generated_line(export.generated_by))
    return doc


def cohort_document(export: CohortExport) -> MarkdownDocument:
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
    return doc


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
