"""The outline of a session document, shared by the notes export and the blank shared document.

Which headings, in which order, with the module's own content (epigraph, key lessons, segment
bodies, readings, the assignment, the attribution): :func:`session_outline`, filled segment by
segment through a :class:`SegmentFill`. The export (``export_markdown``) fills it with the notes
taken; the blank shared document (``shared_document``) with room to write. One outline is what
lets ``document_import`` read a filled-in blank back: each answer is found under the heading the
export would print it under.

Module content is kept as Markdown with raw HTML neutralised; everything else goes through
``markdown_text.plain_*`` so it prints literally. A module's figures are kept as
:class:`FigureBlock` s: Markdown describes them in words (a path to an image file is no use to
whoever the document is sent to) and the HTML page draws them (``export_html``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from cofacilitator.markdown_text import (
    HARD_BREAK,
    is_safe_link,
    neutralize_raw_html,
    plain_cell,
    plain_inline,
)
from cofacilitator.sessions.schema import (
    FEEDBACK_QUESTIONS,
    FeedbackKind,
    Figure,
    Module,
    Prompt,
    Segment,
    SegmentKind,
)

FEEDBACK_LABELS: dict[FeedbackKind, str] = {
    FeedbackKind.PLUS: "Plus",
    FeedbackKind.DELTA: "Delta",
    FeedbackKind.SURPRISE: "Surprised",
    FeedbackKind.UNCLEAR: "Unclear",
    FeedbackKind.TAKEAWAY: "Personal takeaways",
}

LINK_PENDING = "(link to be added)"
_BODY_HEADING = re.compile(r"^(#{1,6})(?=[ \t]|$)", re.MULTILINE)


def session_title(module: Module) -> str:
    return f"Session {module.number}: {module.title}"


@dataclass(frozen=True)
class FigureBlock:
    """A module's figure in a document: its caption and description in the Markdown, the picture
    itself only where a format can carry it (the HTML page embeds it, ``export_html``)."""

    figure: Figure
    module_source: str
    """The module file, next to which ``sessions.loader.find_figure`` looks for the image."""

    def markdown(self) -> str:
        caption = self.figure.caption.strip()
        alt = self.figure.alt.strip()
        lines = [f"*{plain_inline(caption or alt)}*"] if caption or alt else []
        if caption and alt and alt != caption:
            lines.append(f"Image description: {plain_inline(alt)}")
        return HARD_BREAK.join(lines)


class MarkdownDocument:
    """Markdown blocks, separated by one blank line: the session export and the blank shared
    document are both written into one, so they are spaced alike."""

    def __init__(self) -> None:
        self._blocks: list[str | FigureBlock] = []

    def add(self, block: str) -> None:
        self._blocks.append(block)

    def heading(self, level: int, text: str) -> None:
        self._blocks.append(f"{'#' * min(level, 6)} {text}")

    def figure(self, block: FigureBlock) -> None:
        self._blocks.append(block)

    def text(self) -> str:
        return "\n\n".join(_markdown(block) for block in self._blocks) + "\n"

    def parts(self) -> list[str | FigureBlock]:
        """The document as Markdown runs between its figures, for a format that draws them.

        A figure is a paragraph of its own, never inside a list, so splitting the Markdown at
        it renders every run exactly as the whole document would.
        """
        parts: list[str | FigureBlock] = []
        run: list[str] = []
        for block in self._blocks:
            if isinstance(block, FigureBlock):
                if run:
                    parts.append("\n\n".join(run) + "\n")
                    run = []
                parts.append(block)
            else:
                run.append(block)
        if run:
            parts.append("\n\n".join(run) + "\n")
        return parts


def _markdown(block: str | FigureBlock) -> str:
    return block.markdown() if isinstance(block, FigureBlock) else block


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
        segment_outline(doc, segment, level + 1, fill, module_source=module.source)
    _readings(doc, module, level + 1)
    _assignment(doc, module, level + 1)
    if module.attribution.strip():
        doc.add("---")
        doc.add(plain_inline(module.attribution, line_start=True))


def segment_outline(
    doc: MarkdownDocument,
    segment: Segment,
    level: int,
    fill: SegmentFill,
    *,
    module_source: str = "",
) -> None:
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
        doc.figure(FigureBlock(figure, module_source))
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
