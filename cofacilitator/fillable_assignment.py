"""Assignments for participants who do not use the app: a document to fill in and send back.

Not everyone in a cohort installs anything. For them a module's assignment is saved as an
ordinary document (Markdown, or Word through python-docx) with a heading per field, tables with
the field's columns and empty rows, a two-by-two grid for the stakeholder map, a row per band of
the mountain, a heading per charter section and roadmap milestone, and lists for what members
give and get. The document names the participant, the cohort and the session at the top, so an
import knows whose answers they are.

The participant fills it in with whatever they have and sends it back: ``filled_assignment``
reads the answers out of it, ``assignment_document_import`` checks and stores them.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

from cofacilitator.answers import quadrant
from cofacilitator.assignment_store import assignment_of, find_response
from cofacilitator.atomic_write import write_bytes_atomic
from cofacilitator.document_formats import (
    DocLine,
    LineKind,
    heading,
    item,
    lines_to_docx,
    lines_to_markdown,
    paragraph,
    paragraph_break,
    read_markdown,
    row,
)
from cofacilitator.markdown_text import neutralize_raw_html, plain_inline
from cofacilitator.sessions.schema import (
    INFORMATION_MAP_COLUMNS,
    RESOURCE_KINDS,
    STAKEHOLDER_QUADRANTS,
    FieldKind,
    FormField,
    Module,
)
from cofacilitator.store.database import Store
from cofacilitator.store.models import Cohort, Participant

EMPTY_ROWS = 3
"""Empty table rows and list items in a blank document: room to start, and editors add more."""
INSTRUCTIONS = (
    "Write your answers under each heading, add rows or bullets as you need, then send this file "
    "back to your facilitator. Keep the headings and the three lines above as they are: they say "
    "whose answers these are."
)
PICK_PARTS = ("Values picked", "The value you describe", "What it means to you", "An example")
MOUNTAIN_COLUMNS = ("Band", "Who is here", "What helps them move up")
RESOURCE_COLUMNS = ("Title", "Link", "Kind")
EXCHANGE_PARTS = (("give", "What members give"), ("get", "What members get"))


class DocumentFormat(StrEnum):
    MARKDOWN = "md"
    DOCX = "docx"


def assignment_lines(
    module: Module,
    participant_name: str,
    cohort_name: str,
    values: Mapping[str, Any] | None = None,
    *,
    grid: bool = False,
) -> list[DocLine]:
    """The fillable document as lines, blank or with ``values`` already written in.

    ``grid`` lays the stakeholder map out as a two-by-two table (for Word); Markdown tables
    cannot hold a list in a cell, so there each quadrant is a heading with a list.
    """
    assignment = assignment_of(module)
    answers = values or {}
    lines = [
        heading(assignment.title, 1),
        _fact("Participant", participant_name),
        _fact("Cohort", cohort_name),
        _fact(f"Session {module.number}", module.title),
        _emphasised(INSTRUCTIONS),
        paragraph_break(),
    ]
    if assignment.body.strip():
        lines.extend(_markdown_lines(neutralize_raw_html(assignment.body), below=2))
    tables = itertools.count(1)
    """Numbers the tables of the document, so two tables in a row stay apart."""
    for field in assignment.fields:
        label = field.label + (" (optional)" if field.optional else "")
        lines.append(heading(label, 2))
        if field.help.strip():
            lines.extend([_emphasised(field.help), paragraph_break()])
        lines.extend(_FIELD_WRITERS[field.kind](field, answers.get(field.id), tables, grid))
    return lines


def fillable_markdown(
    module: Module,
    participant_name: str,
    cohort_name: str,
    values: Mapping[str, Any] | None = None,
) -> str:
    return lines_to_markdown(assignment_lines(module, participant_name, cohort_name, values))


def fillable_docx(
    module: Module,
    participant_name: str,
    cohort_name: str,
    values: Mapping[str, Any] | None = None,
) -> bytes:
    lines = assignment_lines(module, participant_name, cohort_name, values, grid=True)
    return lines_to_docx(lines)


def write_fillable_assignment(
    store: Store,
    participant_id: int,
    module: Module,
    path: Path,
    fmt: DocumentFormat | str = DocumentFormat.MARKDOWN,
    *,
    with_answers: bool = False,
) -> Path:
    """Save the participant's fillable document (with their current answers, if asked)."""
    assignment_of(module)
    with store.session_factory() as s:
        participant = s.get_one(Participant, participant_id)
        cohort_name = s.get_one(Cohort, participant.cohort_id).name
        response = find_response(s, participant_id, module.id)
        values = dict(response.values) if with_answers and response is not None else None
        name = participant.display_name
    if DocumentFormat(fmt) is DocumentFormat.DOCX:
        data = fillable_docx(module, name, cohort_name, values)
    else:
        data = fillable_markdown(module, name, cohort_name, values).encode("utf-8")
    return write_bytes_atomic(path, data)


def _fact(label: str, value: str) -> DocLine:
    return DocLine(
        LineKind.ITEM, f"{label}: {value}", 1, markdown=f"**{label}:** {plain_inline(value)}"
    )


def _emphasised(text: str) -> DocLine:
    """A line of guidance, in italics, a paragraph of its own."""
    return DocLine(LineKind.TEXT, text, markdown=f"*{plain_inline(text)}*")


def _markdown_lines(source: str, *, below: int) -> list[DocLine]:
    """Markdown (a module body, a long answer) as lines, its headings moved below ``below``."""
    lines = []
    for line in read_markdown(source):
        if line.kind is LineKind.HEADING:
            line = DocLine(
                LineKind.HEADING, line.text, min(line.level + below, 6), markdown=line.markdown
            )
        lines.append(line)
    return [*lines, paragraph_break()]


def _table(
    headers: Sequence[str], rows: Iterable[Sequence[str]], tables: Iterator[int]
) -> list[DocLine]:
    number = next(tables)
    body = [row(cells, number) for cells in rows] or [
        row(("",) * len(headers), number) for _ in range(EMPTY_ROWS)
    ]
    return [row(headers, number), *body]


def _items(texts: Sequence[str], blank: int = EMPTY_ROWS) -> list[DocLine]:
    return [item(text) for text in texts] or [item("") for _ in range(blank)]


def _text_value(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _write_long_text(
    field: FormField, value: Any, tables: Iterator[int], grid: bool
) -> list[DocLine]:
    text = _text_value(value)
    return _markdown_lines(text, below=2) if text.strip() else [paragraph(""), paragraph_break()]


def _write_list(field: FormField, value: Any, tables: Iterator[int], grid: bool) -> list[DocLine]:
    return _items([str(v) for v in value or [] if str(v).strip()])


def _write_table(field: FormField, value: Any, tables: Iterator[int], grid: bool) -> list[DocLine]:
    rows = [[str(r.get(c, "")) for c in field.columns] for r in value or []]
    return _table(field.columns, rows, tables)


def _write_information_map(
    field: FormField, value: Any, tables: Iterator[int], grid: bool
) -> list[DocLine]:
    keys = [c.lower() for c in INFORMATION_MAP_COLUMNS]
    return _table(
        INFORMATION_MAP_COLUMNS, [[str(r.get(k, "")) for k in keys] for r in value or []], tables
    )


def _write_resources(
    field: FormField, value: Any, tables: Iterator[int], grid: bool
) -> list[DocLine]:
    rows = [
        [str(r.get("title", "")), str(r.get("link", "")), str(r.get("kind", ""))]
        for r in value or []
    ]
    kinds = _emphasised(f"Kind is one of: {', '.join(RESOURCE_KINDS)}.")
    return [kinds, paragraph_break(), *_table(RESOURCE_COLUMNS, rows, tables)]


def _write_mountain(
    field: FormField, value: Any, tables: Iterator[int], grid: bool
) -> list[DocLine]:
    by_band = {r.get("band"): r for r in value or [] if isinstance(r, dict)}
    rows = [
        [
            band,
            str(by_band.get(band, {}).get("who", "")),
            str(by_band.get(band, {}).get("moves_up", "")),
        ]
        for band in reversed(field.bands)
    ]
    note = _emphasised("The top of the mountain comes first; the first contact is at the bottom.")
    return [note, paragraph_break(), *_table(MOUNTAIN_COLUMNS, rows, tables)]


def _stakeholder_text(entry: Mapping[str, Any]) -> str:
    line = f"{entry.get('name', '')} (power {entry['power']:g}, interest {entry['interest']:g})"
    note = " ".join(str(entry.get("note", "")).split())
    return f"{line}: {note}" if note else line


def _write_stakeholder_map(
    field: FormField, value: Any, tables: Iterator[int], grid: bool
) -> list[DocLine]:
    placed: dict[str, list[str]] = {quadrant_id: [] for quadrant_id, _ in STAKEHOLDER_QUADRANTS}
    for entry in value or []:
        placed[quadrant(entry["power"], entry["interest"])].append(_stakeholder_text(entry))
    if grid:
        number = next(tables)
        cells = [
            "\n".join([title, *placed[quadrant_id]]) for quadrant_id, title in STAKEHOLDER_QUADRANTS
        ]
        return [row(cells[:2], number), row(cells[2:], number)]
    lines: list[DocLine] = []
    for quadrant_id, title in STAKEHOLDER_QUADRANTS:
        lines.append(heading(title, 3))
        lines.extend(_items(placed[quadrant_id], blank=1))
    return lines


def _write_pick_values(
    field: FormField, value: Any, tables: Iterator[int], grid: bool
) -> list[DocLine]:
    answer = value if isinstance(value, dict) else {}
    picked, described, meaning, example = PICK_PARTS
    lines = []
    if field.options:
        lines.extend([_emphasised(f"Choose from: {', '.join(field.options)}."), paragraph_break()])
    lines.append(heading(picked, 3))
    lines.extend(_items([str(v) for v in answer.get("picked", [])], blank=field.pick or EMPTY_ROWS))
    for part, key in ((described, "defined"), (meaning, "definition"), (example, "example")):
        lines.append(heading(part, 3))
        lines.extend(_write_long_text(field, answer.get(key, ""), tables, grid))
    return lines


def _write_sections(names: Sequence[str], value: Any) -> list[DocLine]:
    answer = value if isinstance(value, dict) else {}
    lines: list[DocLine] = []
    for name in names:
        lines.append(heading(name, 3))
        text = _text_value(answer.get(name, ""))
        lines.extend(
            _markdown_lines(text, below=3) if text.strip() else [paragraph(""), paragraph_break()]
        )
    return lines


def _write_roadmap(
    field: FormField, value: Any, tables: Iterator[int], grid: bool
) -> list[DocLine]:
    return _write_sections(field.milestones, value)


def _write_charter(
    field: FormField, value: Any, tables: Iterator[int], grid: bool
) -> list[DocLine]:
    return _write_sections(field.sections, value)


def _write_value_exchange(
    field: FormField, value: Any, tables: Iterator[int], grid: bool
) -> list[DocLine]:
    answer = value if isinstance(value, dict) else {}
    lines: list[DocLine] = []
    for key, title in EXCHANGE_PARTS:
        lines.append(heading(title, 3))
        lines.extend(_items([str(v) for v in answer.get(key, []) if str(v).strip()]))
    return lines


_FIELD_WRITERS: dict[FieldKind, Callable[[FormField, Any, Iterator[int], bool], list[DocLine]]] = {
    FieldKind.LONG_TEXT: _write_long_text,
    FieldKind.TABLE: _write_table,
    FieldKind.LIST: _write_list,
    FieldKind.STAKEHOLDER_MAP: _write_stakeholder_map,
    FieldKind.PICK_VALUES: _write_pick_values,
    FieldKind.ROADMAP: _write_roadmap,
    FieldKind.CHARTER: _write_charter,
    FieldKind.MOUNTAIN: _write_mountain,
    FieldKind.INFORMATION_MAP: _write_information_map,
    FieldKind.VALUE_EXCHANGE: _write_value_exchange,
    FieldKind.RESOURCES: _write_resources,
}
