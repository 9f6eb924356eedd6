"""The answers in a filled-in assignment document (``fillable_assignment``), read back into the
shape the app's forms produce (``docs/answer-values.md``).

People edit the document with whatever they have, so reading is forgiving about everything but
the headings: the field headings and the three lines at the top that say whose answers these are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from cofacilitator.answers import answered_values, quadrant
from cofacilitator.document_formats import DocLine, LineKind
from cofacilitator.document_import import heading_key
from cofacilitator.fillable_assignment import (
    EXCHANGE_PARTS,
    MOUNTAIN_COLUMNS,
    PICK_PARTS,
    RESOURCE_COLUMNS,
)
from cofacilitator.sessions.schema import (
    INFORMATION_MAP_COLUMNS,
    RESOURCE_KINDS,
    STAKEHOLDER_QUADRANTS,
    Assignment,
    FieldKind,
    FormField,
)

HIGH, LOW = 0.75, 0.25
"""Where a stakeholder placed in a quadrant by name sits on the power/interest grid."""
_HEADER = re.compile(r"^(participant|cohort)\s*:\s*(.+)$", re.IGNORECASE)
_SESSION = re.compile(r"^session\s+(\d{1,3})\s*:\s*(.*)$", re.IGNORECASE)
_POSITION = re.compile(
    r"\s*\(\s*power\s+(?P<power>[\d.]+)\s*,\s*interest\s+(?P<interest>[\d.]+)\s*\)\s*$",
    re.IGNORECASE,
)


class UnreadableLayout(ValueError):
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

    Raises ``UnreadableLayout`` when no field heading is left or a field's layout cannot be read.
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
        raise UnreadableLayout("none of the assignment's headings are left in it")
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
        raise UnreadableLayout(f"the table under {field.label!r} lost its column headings")
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
