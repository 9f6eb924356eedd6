"""Assignments for participants who do not use the app: a document to fill in and send back.

Not everyone in a cohort installs anything. For them a module's assignment is saved as an
ordinary document (Markdown, or Word through python-docx) with a heading per field, tables with
the field's columns and empty rows, a two-by-two grid for the stakeholder map, a row per band of
the mountain, a heading per charter section and roadmap milestone, and lists for what members
give and get. The participant fills it in with whatever they have and sends it back; importing
it reads the answers into the same shape the app's forms produce (``docs/answer-values.md``).

The document names the participant and the cohort at the top, so an import knows whose answers
they are; a file is refused whole, with the hand-back exchange's reasons (another cohort,
someone not on the roster, answers that do not fit the form...), and stored like a hand-back
file: the answers it replaces go to the history. A participant may instead answer with a link to
their own copy of the document, recorded by :func:`record_assignment_link`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cofacilitator.answers import answered_values, quadrant, validate_answers
from cofacilitator.assignment_store import (
    ImportOutcome,
    ImportReport,
    ImportStatus,
    store_handback,
)
from cofacilitator.atomic_write import write_bytes_atomic
from cofacilitator.document_formats import (
    SUPPORTED_SUFFIXES,
    DocLine,
    DocumentFormatError,
    LineKind,
    heading,
    item,
    lines_to_docx,
    lines_to_markdown,
    paragraph,
    paragraph_break,
    read_document_bytes,
    read_markdown,
    row,
)
from cofacilitator.document_import import heading_key
from cofacilitator.handback import MAX_BYTES, HandBack, HandBackRefused, RefusalKind
from cofacilitator.markdown_text import is_safe_link, neutralize_raw_html, plain_inline
from cofacilitator.name_matching import MatchStatus, name_key, roster_matcher
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.sessions.schema import (
    INFORMATION_MAP_COLUMNS,
    RESOURCE_KINDS,
    STAKEHOLDER_QUADRANTS,
    Assignment,
    FieldKind,
    FormField,
    Module,
)
from cofacilitator.store.database import Store
from cofacilitator.store.models import (
    AssignmentResponse,
    Cohort,
    Participant,
    ResponseStatus,
    utcnow,
)

EMPTY_ROWS = 3
"""Empty table rows and list items in a blank document: room to start, and editors add more."""
HIGH, LOW = 0.75, 0.25
"""Where a stakeholder placed in a quadrant by name sits on the power/interest grid."""
LINK_LIMIT = 500
INSTRUCTIONS = (
    "Write your answers under each heading, add rows or bullets as you need, then send this file "
    "back to your facilitator. Keep the headings and the three lines above as they are: they say "
    "whose answers these are."
)
PICK_PARTS = ("Values picked", "The value you describe", "What it means to you", "An example")
MOUNTAIN_COLUMNS = ("Band", "Who is here", "What helps them move up")
RESOURCE_COLUMNS = ("Title", "Link", "Kind")
EXCHANGE_PARTS = (("give", "What members give"), ("get", "What members get"))
_PROBLEMS_SHOWN = 3
_HEADER = re.compile(r"^(participant|cohort)\s*:\s*(.+)$", re.IGNORECASE)
_SESSION = re.compile(r"^session\s+(\d{1,3})\s*:\s*(.*)$", re.IGNORECASE)
_POSITION = re.compile(
    r"\s*\(\s*power\s+(?P<power>[\d.]+)\s*,\s*interest\s+(?P<interest>[\d.]+)\s*\)\s*$",
    re.IGNORECASE,
)


class DocumentFormat(StrEnum):
    MARKDOWN = "md"
    DOCX = "docx"


# ------------------------------------------------------------------------------ writing


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
    assignment = _assignment(module)
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
    _assignment(module)
    with store.session_factory() as s:
        participant = s.get_one(Participant, participant_id)
        cohort_name = s.get_one(Cohort, participant.cohort_id).name
        response = _find(s, participant_id, module.id)
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


# ------------------------------------------------------------------------------ reading


class _Malformed(ValueError):
    """A field's layout was changed beyond reading; the message names the field."""


@dataclass(frozen=True)
class DocumentHeader:
    participant: str
    cohort: str
    session: int
    session_title: str


def read_header(lines: Sequence[DocLine]) -> DocumentHeader | None:
    """Whose answers, for which cohort and session: the three lines at the top."""
    found: dict[str, str] = {}
    session: tuple[int, str] | None = None
    for line in lines:
        if line.kind not in (LineKind.ITEM, LineKind.TEXT):
            continue
        text = " ".join(line.text.split())
        header = _HEADER.match(text)
        if header and header.group(1).lower() not in found:
            found[header.group(1).lower()] = header.group(2).strip()
        numbered = _SESSION.match(text)
        if numbered and session is None:
            session = (int(numbered.group(1)), numbered.group(2).strip())
        if len(found) == 2 and session is not None:
            return DocumentHeader(found["participant"], found["cohort"], *session)
    return None


def read_answers(assignment: Assignment, lines: Sequence[DocLine]) -> dict[str, Any]:
    """The answers written under each field's heading, blank fields left out.

    Raises ``_Malformed`` when no field heading is left or a field's layout cannot be read.
    """
    labels: dict[str, FormField] = {}
    for field in assignment.fields:
        labels[heading_key(field.label)] = field
        labels[heading_key(f"{field.label} (optional)")] = field
    sections: dict[str, list[DocLine]] = {}
    current: FormField | None = None
    for line in lines:
        if line.kind in (LineKind.HEADING, LineKind.TEXT) and heading_key(line.text) in labels:
            current = labels[heading_key(line.text)]
            sections.setdefault(current.id, [])
        elif current is not None:
            if (
                line.kind is LineKind.TEXT
                and current.help
                and heading_key(line.text) == heading_key(current.help)
            ):
                continue
            sections[current.id].append(line)
    if not sections:
        raise _Malformed("none of the assignment's headings are left in it")
    values = {
        field.id: _FIELD_READERS[field.kind](field, sections[field.id])
        for field in assignment.fields
        if field.id in sections
    }
    return answered_values(assignment, values)


def _parts(lines: Sequence[DocLine], names: Sequence[str]) -> dict[str, list[DocLine]]:
    """Lines under each of a field's sub-headings (a charter's sections, a mountain's parts)."""
    keys = {heading_key(name): name for name in names}
    parts: dict[str, list[DocLine]] = {name: [] for name in names}
    current: str | None = None
    for line in lines:
        if line.kind in (LineKind.HEADING, LineKind.TEXT) and heading_key(line.text) in keys:
            current = keys[heading_key(line.text)]
        elif current is not None:
            parts[current].append(line)
    return parts


def _markdown_of(lines: Sequence[DocLine]) -> str:
    """What was written, as Markdown: paragraphs, lists, and the Markdown a ``.md`` file kept."""
    out: list[str] = []
    previous: DocLine | None = None
    for line in lines:
        if line.kind is LineKind.BREAK:
            previous = None
            continue
        source = line.markdown or line.text
        if not source.strip():
            continue
        if line.kind is LineKind.ITEM:
            text = "  " * (max(line.level, 1) - 1) + "- " + source.replace("\n", "\n    ")
        elif line.kind is LineKind.HEADING:
            text = f"{'#' * min(max(line.level, 3), 6)} {source}"
        elif line.kind is LineKind.ROW:
            text = " | ".join(line.cells)
        else:
            text = source
        joined = (
            previous is not None
            and previous.kind is line.kind
            and line.kind
            in (
                LineKind.ITEM,
                LineKind.TEXT,
            )
        )
        if out:
            out.append("\n" if joined else "\n\n")
        out.append(text)
        previous = line
    return "".join(out).strip()


def _texts(lines: Sequence[DocLine]) -> list[str]:
    """List entries: bullets, or paragraphs from someone who did not use bullets."""
    return [
        line.text.strip()
        for line in lines
        if line.kind in (LineKind.ITEM, LineKind.TEXT) and line.text.strip()
    ]


def _rows(field: FormField, lines: Sequence[DocLine], columns: Sequence[str]) -> list[list[str]]:
    """The filled rows of the field's table, cells in ``columns`` order, by the header's words."""
    rows = [line for line in lines if line.kind is LineKind.ROW]
    if not rows:
        return []
    header = [heading_key(cell) for cell in rows[0].cells]
    positions = [
        header.index(heading_key(c)) if heading_key(c) in header else None for c in columns
    ]
    if all(position is None for position in positions):
        raise _Malformed(f"the table under {field.label!r} lost its column headings")
    found = []
    for line in rows[1:]:
        if line.level != rows[0].level:
            continue
        cells = [
            line.cells[p].strip() if p is not None and p < len(line.cells) else ""
            for p in positions
        ]
        if any(cells):
            found.append(cells)
    return found


def _read_long_text(field: FormField, lines: Sequence[DocLine]) -> Any:
    return _markdown_of(lines)


def _read_list(field: FormField, lines: Sequence[DocLine]) -> Any:
    return _texts(lines)


def _read_table(field: FormField, lines: Sequence[DocLine]) -> Any:
    return [
        dict(zip(field.columns, cells, strict=True)) for cells in _rows(field, lines, field.columns)
    ]


def _read_information_map(field: FormField, lines: Sequence[DocLine]) -> Any:
    keys = [column.lower() for column in INFORMATION_MAP_COLUMNS]
    return [
        dict(zip(keys, cells, strict=True))
        for cells in _rows(field, lines, INFORMATION_MAP_COLUMNS)
    ]


def _read_resources(field: FormField, lines: Sequence[DocLine]) -> Any:
    kinds = {heading_key(kind): kind for kind in RESOURCE_KINDS}
    resources = []
    for title, link, kind in _rows(field, lines, RESOURCE_COLUMNS):
        # A resource nobody gave a kind is "other"; a kind the app does not know is refused.
        known = kinds.get(heading_key(kind), kind) if kind else "other"
        resources.append({"title": title, "link": link, "kind": known})
    return resources


def _read_mountain(field: FormField, lines: Sequence[DocLine]) -> Any:
    bands = {heading_key(band): band for band in field.bands}
    written: dict[str, dict[str, str]] = {}
    order: list[str] = []
    for band, who, moves_up in _rows(field, lines, MOUNTAIN_COLUMNS):
        name = bands.get(heading_key(band), band)
        written[name] = {"band": name, "who": who, "moves_up": moves_up}
        order.append(name)
    value = [written.get(band, {"band": band, "who": "", "moves_up": ""}) for band in field.bands]
    # A band the mountain does not have is kept, so the answer is refused rather than lost.
    value.extend(written[name] for name in order if name not in field.bands)
    return value


def _stakeholder(text: str, quadrant_id: str) -> dict[str, Any]:
    name, _, note = text.partition(":")
    position = _POSITION.search(name)
    power = HIGH if quadrant_id in ("keep_satisfied", "manage_closely") else LOW
    interest = HIGH if quadrant_id in ("manage_closely", "inform_regularly") else LOW
    if position is not None:
        name = name[: position.start()]
        try:
            written = (float(position.group("power")), float(position.group("interest")))
        except ValueError:
            written = (power, interest)
        # The quadrant it was written in wins over numbers left from where it was before.
        if all(0 <= n <= 1 for n in written) and quadrant(*written) == quadrant_id:
            power, interest = written
    return {"name": name.strip(), "note": note.strip(), "power": power, "interest": interest}


def _read_stakeholder_map(field: FormField, lines: Sequence[DocLine]) -> Any:
    titles = {heading_key(title): quadrant_id for quadrant_id, title in STAKEHOLDER_QUADRANTS}
    entries: list[tuple[str, str]] = []
    for line in lines:
        if line.kind is LineKind.ROW:
            for cell in line.cells:
                first, _, rest = cell.partition("\n")
                if heading_key(first) in titles:
                    entries.extend((titles[heading_key(first)], t) for t in rest.split("\n"))
    current: str | None = None
    for line in lines:
        key = heading_key(line.text)
        if line.kind in (LineKind.HEADING, LineKind.TEXT) and key in titles:
            current = titles[key]
        elif current is not None and line.kind in (LineKind.ITEM, LineKind.TEXT):
            entries.append((current, line.text))
    order = [quadrant_id for quadrant_id, _ in STAKEHOLDER_QUADRANTS]
    entries.sort(key=lambda entry: order.index(entry[0]))
    return [_stakeholder(text, quadrant_id) for quadrant_id, text in entries if text.strip()]


def _read_pick_values(field: FormField, lines: Sequence[DocLine]) -> Any:
    picked_part, described, meaning, example = PICK_PARTS
    parts = _parts(lines, PICK_PARTS)
    picked = _texts(parts[picked_part])
    defined = " ".join(_texts(parts[described]))
    same = [value for value in picked if heading_key(value) == heading_key(defined)]
    return {
        "picked": picked,
        "defined": same[0] if same else defined,
        "definition": _markdown_of(parts[meaning]),
        "example": _markdown_of(parts[example]),
    }


def _read_roadmap(field: FormField, lines: Sequence[DocLine]) -> Any:
    parts = _parts(lines, field.milestones)
    return {milestone: _markdown_of(parts[milestone]) for milestone in field.milestones}


def _read_charter(field: FormField, lines: Sequence[DocLine]) -> Any:
    parts = _parts(lines, field.sections)
    return {section: _markdown_of(parts[section]) for section in field.sections}


def _read_value_exchange(field: FormField, lines: Sequence[DocLine]) -> Any:
    parts = _parts(lines, [title for _, title in EXCHANGE_PARTS])
    return {key: _texts(parts[title]) for key, title in EXCHANGE_PARTS}


_FIELD_READERS: dict[FieldKind, Callable[[FormField, Sequence[DocLine]], Any]] = {
    FieldKind.LONG_TEXT: _read_long_text,
    FieldKind.TABLE: _read_table,
    FieldKind.LIST: _read_list,
    FieldKind.STAKEHOLDER_MAP: _read_stakeholder_map,
    FieldKind.PICK_VALUES: _read_pick_values,
    FieldKind.ROADMAP: _read_roadmap,
    FieldKind.CHARTER: _read_charter,
    FieldKind.MOUNTAIN: _read_mountain,
    FieldKind.INFORMATION_MAP: _read_information_map,
    FieldKind.VALUE_EXCHANGE: _read_value_exchange,
    FieldKind.RESOURCES: _read_resources,
}


# ------------------------------------------------------------------------------ importing


class Change(StrEnum):
    NEW = "new"
    REPLACES = "replaces"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class AssignmentDocument:
    """A filled document, checked and matched, ready to store: the preview of its import."""

    source: str
    cohort_id: int
    cohort_name: str
    participant_id: int
    participant_name: str
    module_id: str
    module_version: int
    assignment: Assignment
    values: dict[str, Any]
    change: Change
    current_version: int | None
    """The version of the answers already stored, which these would replace."""


def preview_assignment_document(
    store: Store,
    catalog: Catalog,
    data: bytes,
    suffix: str,
    *,
    source: str = "The document",
    cohort_id: int | None = None,
) -> AssignmentDocument:
    """Read and check a filled document completely; stores nothing.

    Raises ``HandBackRefused`` (never anything else) when the document cannot be imported whole.
    With ``cohort_id`` a document for any other cohort is refused.
    """
    if len(data) > MAX_BYTES:
        raise HandBackRefused(
            RefusalKind.OVERSIZED,
            f"{source} is larger than {MAX_BYTES // (1024 * 1024)} MB, far more than any "
            "assignment: it is not a filled-in assignment, or it has been damaged.",
        )
    normalized_suffix = suffix.lower() if suffix.startswith(".") else f".{suffix.lower()}"
    if normalized_suffix not in SUPPORTED_SUFFIXES:
        raise HandBackRefused(
            RefusalKind.NOT_AN_ASSIGNMENT,
            f"{source} is not a .docx, .html, .md or .txt document, so it cannot be an "
            "assignment from this app.",
        )
    try:
        lines = read_document_bytes(data, normalized_suffix, source=source)
    except DocumentFormatError as error:
        raise HandBackRefused(RefusalKind.MALFORMED, str(error)) from error
    header = read_header(lines)
    if header is None:
        hand_back = b"cofacilitator-handback" in data
        raise HandBackRefused(
            RefusalKind.NOT_AN_ASSIGNMENT,
            f"{source} is a hand-back file; import it with the other hand-back files."
            if hand_back
            else f"{source} is not a filled-in assignment: it does not say whose answers it "
            "holds (the Participant, Cohort and Session lines at the top are missing).",
        )
    module = _module_for(catalog, header, source)
    assignment = _assignment(module)
    try:
        values = read_answers(assignment, lines)
    except _Malformed as problem:
        raise HandBackRefused(
            RefusalKind.MALFORMED,
            f"{source} cannot be read as the assignment {assignment.title!r}: {problem}. "
            "Ask for the answers again in a fresh copy of the document.",
        ) from problem
    problems = validate_answers(assignment, values)
    if problems:
        shown = "; ".join(problems[:_PROBLEMS_SHOWN])
        more = len(problems) - _PROBLEMS_SHOWN
        raise HandBackRefused(
            RefusalKind.INVALID_ANSWERS,
            f"{source} holds answers that do not fit the form of {assignment.title!r}: "
            f"{shown}{f' (and {more} more)' if more > 0 else ''}.",
        )
    with store.session_factory() as s:
        cohort = _cohort_for(s, header, source, cohort_id)
        participant = _participant_for(s, cohort, header, source)
        response = _find(s, participant.id, module.id)
        change, current = _change(response, values)
        return AssignmentDocument(
            source=source,
            cohort_id=cohort.id,
            cohort_name=cohort.name,
            participant_id=participant.id,
            participant_name=participant.display_name,
            module_id=module.id,
            module_version=module.version,
            assignment=assignment,
            values=values,
            change=change,
            current_version=current,
        )


def apply_assignment_document(
    store: Store, document: AssignmentDocument, path: Path | None = None
) -> ImportOutcome:
    """Store the previewed answers in one transaction, keeping what they replace in the history.

    Stored as a hand-back file would be (``assignment_store.store_handback``), so both kinds of
    import version answers alike. A document carries no version of its own, so it is given the
    one its answers would have: the stored version for the same answers or a draft they replace,
    the next one when they replace answers handed in before.
    """
    with store.session_factory() as s, s.begin():
        participant = s.get_one(Participant, document.participant_id)
        response = _find(s, participant.id, document.module_id)
        if response is None:
            version = 1
        elif response.status is ResponseStatus.DRAFT or response.values == document.values:
            version = response.version
        else:
            version = response.version + 1
        handback = HandBack(
            cohort_uid=s.get_one(Cohort, participant.cohort_id).uid,
            cohort_name=document.cohort_name,
            participant_uid=participant.uid,
            participant_name=participant.display_name,
            module_id=document.module_id,
            module_version=document.module_version,
            assignment_id=document.assignment.id,
            response_version=version,
            saved_at=utcnow(),
            values=dict(document.values),
        )
        return store_handback(
            s,
            handback,
            document.assignment,
            path=path or Path(document.source),
            source=document.source,
        )


def import_assignment_documents(
    store: Store, paths: Iterable[Path], catalog: Catalog, *, cohort_id: int | None = None
) -> ImportReport:
    """Preview and store each filled document on its own: refused whole or imported whole."""
    outcomes = []
    for path in map(Path, paths):
        name = path.name or str(path)
        try:
            data = _read_file(path, name)
            document = preview_assignment_document(
                store, catalog, data, path.suffix, source=name, cohort_id=cohort_id
            )
            outcomes.append(apply_assignment_document(store, document, path))
        except HandBackRefused as refusal:
            outcomes.append(
                ImportOutcome(path, ImportStatus.REFUSED, refusal.message, refusal.reason_kind)
            )
    return ImportReport(tuple(outcomes))


def _read_file(path: Path, name: str) -> bytes:
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise HandBackRefused(
            RefusalKind.UNREADABLE, f"{name} could not be read ({error.strerror or error})."
        ) from error
    return data


def _module_for(catalog: Catalog, header: DocumentHeader, source: str) -> Module:
    numbered = [m for m in catalog.modules if m.number == header.session and m.assignment]
    titled = [m for m in numbered if heading_key(m.title) == heading_key(header.session_title)]
    chosen = titled or numbered
    if not chosen:
        raise HandBackRefused(
            RefusalKind.UNKNOWN_MODULE,
            f"{source} answers the assignment of session {header.session}, which this app does "
            "not have.",
        )
    return chosen[0]


def _cohort_for(s: Session, header: DocumentHeader, source: str, cohort_id: int | None) -> Cohort:
    wanted = name_key(header.cohort)
    cohorts = [c for c in s.scalars(select(Cohort)) if name_key(c.name) == wanted]
    if not cohorts:
        raise HandBackRefused(
            RefusalKind.OTHER_COHORT,
            f"{source} holds answers for a cohort this app does not have ({header.cohort!r}).",
        )
    cohort = cohorts[0]
    if cohort_id is not None and cohort.id != cohort_id:
        raise HandBackRefused(
            RefusalKind.OTHER_COHORT,
            f"{source} holds answers for another cohort ({header.cohort!r}), not for this one.",
        )
    return cohort


def _participant_for(
    s: Session, cohort: Cohort, header: DocumentHeader, source: str
) -> Participant:
    match = roster_matcher(s, cohort.id).match(header.participant)
    if match.person is None:
        fix = (
            "fits more than one person on the roster; write the full name at the top"
            if match.status is MatchStatus.AMBIGUOUS
            else "is not on the roster"
        )
        raise HandBackRefused(
            RefusalKind.UNKNOWN_PARTICIPANT,
            f"{source} is from {header.participant!r}, who {fix} of {cohort.name!r}.",
        )
    return s.get_one(Participant, match.person.id)


def _change(
    response: AssignmentResponse | None, values: Mapping[str, Any]
) -> tuple[Change, int | None]:
    if response is None:
        return Change.NEW, None
    if response.values == values and response.status is not ResponseStatus.DRAFT:
        return Change.UNCHANGED, response.version
    return Change.REPLACES, response.version


def _find(s: Session, participant_id: int, module_id: str) -> AssignmentResponse | None:
    return s.scalar(
        select(AssignmentResponse).where(
            AssignmentResponse.participant_id == participant_id,
            AssignmentResponse.module_id == module_id,
        )
    )


def _assignment(module: Module) -> Assignment:
    if module.assignment is None:
        raise ValueError(f"module {module.id!r} has no assignment")
    return module.assignment


# ------------------------------------------------------------------------------ answered by link


@dataclass(frozen=True)
class LinkedAnswer:
    participant_id: int
    module_id: str
    link: str
    status: ResponseStatus


def record_assignment_link(
    store: Store, participant_id: int, module: Module, link: str
) -> LinkedAnswer:
    """Record that the participant answered in their own copy of the document, at ``link``.

    The answer counts as handed in; answers already stored are kept as they are. An empty link
    removes it. Raises ``ValueError`` for anything but an http(s) address.
    """
    _assignment(module)
    clean = link.strip()
    if clean and (not is_safe_link(clean) or clean.lower().startswith("mailto:")):
        raise ValueError("the link should be a web address starting with https:// or http://")
    if len(clean) > LINK_LIMIT:
        raise ValueError(f"the link is longer than {LINK_LIMIT} characters")
    with store.session_factory() as s, s.begin():
        s.get_one(Participant, participant_id)
        response = _find(s, participant_id, module.id)
        now = utcnow()
        if response is None:
            response = AssignmentResponse(
                participant_id=participant_id,
                module_id=module.id,
                module_version=module.version,
                values={},
                version=1,
                status=ResponseStatus.SUBMITTED if clean else ResponseStatus.DRAFT,
                updated_at=now,
                submitted_at=now if clean else None,
            )
            s.add(response)
        elif clean and response.status is ResponseStatus.DRAFT and not response.values:
            response.status = ResponseStatus.SUBMITTED
            response.submitted_at = now
        response.link = clean
        s.flush()
        return LinkedAnswer(participant_id, module.id, response.link, response.status)
