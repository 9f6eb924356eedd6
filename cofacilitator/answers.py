"""Answers to assignment fields: their empty form, their checking, and their human rendering.

One place decides what an answer of each ``FieldKind`` may look like (the shapes of
``docs/answer-values.md``), so the assignment forms, the store, hand-back files and the exports
agree. Checking is strict where a wrong shape would be stored and shown later (unknown keys,
wrong types, numbers out of range, text longer than anyone types) and lenient where a module
may have grown since the answer was written: a missing column, milestone or band reads as empty.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from cofacilitator.markdown_text import (
    neutralize_raw_html,
    plain_block,
    plain_cell,
    plain_inline,
)
from cofacilitator.session_outline import markdown_table
from cofacilitator.sessions.schema import (
    INFORMATION_MAP_COLUMNS,
    RESOURCE_KINDS,
    STAKEHOLDER_QUADRANTS,
    Assignment,
    FieldKind,
    FormField,
)

TEXT_LIMIT = 50_000
"""Characters in one Markdown answer (long text, a charter section): a long essay fits."""
PARAGRAPH_LIMIT = 5_000
"""Characters in a table cell, list item, note or definition."""
LINE_LIMIT = 2_000
"""Characters in a name, title, link or picked value."""
ROW_LIMIT = 500
"""Rows or items in one answer; far more than a form is ever filled with."""

HIGH = 0.5
"""Power or interest at or above this is "high" on the stakeholder map."""

INFORMATION_MAP_KEYS: tuple[str, ...] = tuple(c.lower() for c in INFORMATION_MAP_COLUMNS)


def empty_value(field: FormField) -> Any:
    """The value a fresh form starts from: every key present, nothing written."""
    kind = field.kind
    if kind is FieldKind.LONG_TEXT:
        return ""
    if kind is FieldKind.PICK_VALUES:
        return {"picked": [], "defined": "", "definition": "", "example": ""}
    if kind is FieldKind.ROADMAP:
        return dict.fromkeys(field.milestones, "")
    if kind is FieldKind.CHARTER:
        return dict.fromkeys(field.sections, "")
    if kind is FieldKind.MOUNTAIN:
        return [{"band": band, "who": "", "moves_up": ""} for band in field.bands]
    if kind is FieldKind.VALUE_EXCHANGE:
        return {"give": [], "get": []}
    return []


def is_blank(field: FormField, value: Any) -> bool:
    """True when the value holds nothing a person wrote, whatever its shape.

    Labels the form fills in by itself (a mountain's band names, a resource's kind) and the
    stakeholder map's slider positions do not count as writing.
    """
    ignored = {FieldKind.MOUNTAIN: {"band"}, FieldKind.RESOURCES: {"kind"}}.get(field.kind, set())
    return not _has_text(value, ignored)


def answered_values(assignment: Assignment, values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` without the fields left blank: a field with no answer is absent."""
    fields = {f.id: f for f in assignment.fields}
    return {
        key: value
        for key, value in values.items()
        if key not in fields or not is_blank(fields[key], value)
    }


def validate_value(field: FormField, value: Any) -> list[str]:
    """Every way ``value`` does not fit ``field``, in plain words; empty when it fits."""
    return _VALIDATORS[field.kind](field, value)


def validate_answers(assignment: Assignment, values: Any) -> list[str]:
    """Problems with a whole set of answers, each prefixed with the field's label."""
    if not isinstance(values, dict):
        return ["the answers are not a set of fields"]
    fields = {f.id: f for f in assignment.fields}
    problems: list[str] = []
    for key, value in values.items():
        field = fields.get(key)
        if field is None:
            problems.append(f"{key!r} is not a field of {assignment.title!r}")
            continue
        problems.extend(f"{field.label}: {problem}" for problem in validate_value(field, value))
    return problems


def quadrant(power: float, interest: float) -> str:
    """The stakeholder-map quadrant id (``STAKEHOLDER_QUADRANTS``) for a power/interest point."""
    if power >= HIGH:
        return "manage_closely" if interest >= HIGH else "keep_satisfied"
    return "inform_regularly" if interest >= HIGH else "monitor"


def answers_to_markdown(
    assignment: Assignment, values: Mapping[str, Any], *, heading_level: int = 2
) -> str:
    """The answers as a Markdown document section, one heading per field in form order.

    A value that does not fit its field (a draft still being filled in, or answers to an older
    version of the module) is said not to fit rather than shown wrongly. Text people typed can
    never become markup: plain text is escaped, and Markdown answers (long text, charter sections)
    keep their formatting but show raw HTML as text, which also keeps them from ever opening or
    closing the machine-readable block of a hand-back file.
    """
    hashes = "#" * heading_level
    parts: list[str] = []
    for field in assignment.fields:
        parts.append(f"{hashes} {plain_inline(field.label)}")
        value = values.get(field.id)
        if value is None or is_blank(field, value):
            parts.append(_NO_ANSWER)
        elif validate_value(field, value):
            parts.append(_UNREADABLE)
        else:
            parts.append(_RENDERERS[field.kind](field, value, heading_level + 1))
    return "\n\n".join(parts) + "\n"


# ------------------------------------------------------------------------------ validation


def _text_problems(value: Any, limit: int, what: str = "the answer") -> list[str]:
    if not isinstance(value, str):
        return [f"{what} should be text"]
    if len(value) > limit:
        return [f"{what} is longer than {limit:,} characters"]
    return []


def _record_problems(
    record: Any,
    what: str,
    texts: Mapping[str, int],
    *,
    others: frozenset[str] = frozenset(),
    required: frozenset[str] = frozenset(),
) -> list[str]:
    """A JSON object with text entries (``texts``: key -> length limit) and ``others``, which
    the caller checks; a missing entry reads as empty unless it is ``required``."""
    if not isinstance(record, dict):
        return [f"{what} should be a set of named entries"]
    problems = [f"{what} is missing {key!r}" for key in sorted(required - record.keys())]
    for key, item in record.items():
        if key in texts:
            problems.extend(_text_problems(item, texts[key], f"{what}, {key!r},"))
        elif key not in others:
            problems.append(f"{what} has an unknown entry {key!r}")
    return problems


def _list_problems(value: Any, check: Callable[[Any, str], list[str]], noun: str) -> list[str]:
    if not isinstance(value, list):
        return [f"the answer should be a list of {noun}s"]
    if len(value) > ROW_LIMIT:
        return [f"the answer has more than {ROW_LIMIT} {noun}s"]
    problems: list[str] = []
    for index, item in enumerate(value, start=1):
        problems.extend(check(item, f"{noun} {index}"))
    return problems


def _long_text(field: FormField, value: Any) -> list[str]:
    return _text_problems(value, TEXT_LIMIT)


def _plain_list(field: FormField, value: Any) -> list[str]:
    return _list_problems(
        value, lambda item, what: _text_problems(item, PARAGRAPH_LIMIT, what), "item"
    )


def _table(field: FormField, value: Any) -> list[str]:
    cells = dict.fromkeys(field.columns, PARAGRAPH_LIMIT)
    return _list_problems(value, lambda row, what: _record_problems(row, what, cells), "row")


def _unit_number(value: Any, what: str) -> list[str]:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return [f"{what} should be a number"]
    if not math.isfinite(value) or not 0 <= value <= 1:
        return [f"{what} should be between 0 and 1"]
    return []


def _stakeholder(item: Any, what: str) -> list[str]:
    texts = {"name": LINE_LIMIT, "note": PARAGRAPH_LIMIT}
    numbers = frozenset({"power", "interest"})
    problems = _record_problems(item, what, texts, others=numbers, required=numbers)
    if isinstance(item, dict):
        for key in ("power", "interest"):
            if key in item:
                problems.extend(_unit_number(item[key], f"{what}, {key},"))
    return problems


def _stakeholder_map(field: FormField, value: Any) -> list[str]:
    return _list_problems(value, _stakeholder, "stakeholder")


def _pick_values(field: FormField, value: Any) -> list[str]:
    texts = {"defined": LINE_LIMIT, "definition": PARAGRAPH_LIMIT, "example": PARAGRAPH_LIMIT}
    picked_key = frozenset({"picked"})
    problems = _record_problems(value, "the answer", texts, others=picked_key, required=picked_key)
    if problems:
        return problems
    picked = value["picked"]
    if not isinstance(picked, list) or not all(isinstance(v, str) for v in picked):
        return ["the picked values should be a list of text"]
    if any(not v.strip() or len(v) > LINE_LIMIT for v in picked):
        problems.append("a picked value is empty or too long")
    if len({v.strip().casefold() for v in picked}) != len(picked):
        problems.append("the same value is picked twice")
    if field.pick and len(picked) != field.pick:
        problems.append(f"pick exactly {field.pick} values (there are {len(picked)})")
    defined = value.get("defined", "")
    if defined and defined not in picked:
        problems.append(f"the value described, {defined!r}, is not one of the picked values")
    return problems


def _roadmap(field: FormField, value: Any) -> list[str]:
    return _record_problems(value, "the answer", dict.fromkeys(field.milestones, PARAGRAPH_LIMIT))


def _charter(field: FormField, value: Any) -> list[str]:
    return _record_problems(value, "the answer", dict.fromkeys(field.sections, TEXT_LIMIT))


def _mountain(field: FormField, value: Any) -> list[str]:
    texts = {"who": PARAGRAPH_LIMIT, "moves_up": PARAGRAPH_LIMIT, "band": LINE_LIMIT}
    problems = _list_problems(
        value,
        lambda row, what: _record_problems(row, what, texts, required=frozenset({"band"})),
        "band",
    )
    if problems:
        return problems
    bands = [row["band"] for row in value]
    if len(set(bands)) != len(bands):
        problems.append("a band appears twice")
    if field.bands:
        unknown = [band for band in bands if band not in field.bands]
        problems.extend(f"{band!r} is not a band of this mountain" for band in unknown)
        known = [band for band in bands if band in field.bands]
        if known != sorted(known, key=field.bands.index):
            problems.append("the bands should go from the bottom of the mountain to the top")
    return problems


def _information_map(field: FormField, value: Any) -> list[str]:
    cells = dict.fromkeys(INFORMATION_MAP_KEYS, PARAGRAPH_LIMIT)
    return _list_problems(value, lambda row, what: _record_problems(row, what, cells), "row")


def _value_exchange(field: FormField, value: Any) -> list[str]:
    problems = _record_problems(value, "the answer", {}, others=frozenset({"give", "get"}))
    if isinstance(value, dict):
        for key in ("give", "get"):
            if key in value:
                problems.extend(f"{key!r}: {p}" for p in _plain_list(field, value[key]))
    return problems


def _resource(item: Any, what: str) -> list[str]:
    texts = {"title": LINE_LIMIT, "link": LINE_LIMIT}
    kind = frozenset({"kind"})
    problems = _record_problems(item, what, texts, others=kind, required=kind)
    if isinstance(item, dict) and "kind" in item and item["kind"] not in RESOURCE_KINDS:
        problems.append(f"{what} has a kind the app does not know: {item['kind']!r}")
    return problems


def _resources(field: FormField, value: Any) -> list[str]:
    return _list_problems(value, _resource, "resource")


_VALIDATORS: dict[FieldKind, Callable[[FormField, Any], list[str]]] = {
    FieldKind.LONG_TEXT: _long_text,
    FieldKind.TABLE: _table,
    FieldKind.LIST: _plain_list,
    FieldKind.STAKEHOLDER_MAP: _stakeholder_map,
    FieldKind.PICK_VALUES: _pick_values,
    FieldKind.ROADMAP: _roadmap,
    FieldKind.CHARTER: _charter,
    FieldKind.MOUNTAIN: _mountain,
    FieldKind.INFORMATION_MAP: _information_map,
    FieldKind.VALUE_EXCHANGE: _value_exchange,
    FieldKind.RESOURCES: _resources,
}


def _has_text(value: Any, ignored: set[str]) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return any(_has_text(item, ignored) for item in value)
    if isinstance(value, dict):
        return any(_has_text(item, ignored) for key, item in value.items() if key not in ignored)
    return False


# ------------------------------------------------------------------------------ rendering

_NO_ANSWER = "*No answer.*"
_UNREADABLE = "*This answer does not fit the form and cannot be shown.*"
_NOT_FILLED = "*not filled in*"
_CONTINUATION = re.compile(r"(?<=\n)(?=[^\n])")
"""The start of every non-empty line but the first."""
_ATX_HEADING = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _bullets(items: list[str]) -> str:
    """A Markdown list whose items may span lines: continuations are indented under the bullet,
    four spaces, as Python-Markdown wants for anything nested in a list item."""
    return "\n".join("- " + _CONTINUATION.sub("    ", item) for item in items)


def _render_long_text(field: FormField, value: Any, level: int) -> str:
    """A person's Markdown, kept as Markdown but unable to hide or inject anything.

    Raw HTML becomes text, and so does a comment opener even inside code: the only HTML comments
    in a hand-back file are then the app's own. Control characters go, because Python-Markdown
    uses some of them as internal placeholders. Headings move down to sit under the field's.
    """
    text = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    text = neutralize_raw_html(text).replace("<!--", "&lt;!--")
    return _demote_headings(text, level - 1).strip("\n")


def _demote_headings(text: str, by: int) -> str:
    """ATX headings ``by`` levels deeper (at most six), leaving fenced code alone."""
    lines = text.split("\n")
    fence = ""
    for index, line in enumerate(lines):
        stripped = line.lstrip(" ")
        if fence:
            if stripped.startswith(fence):
                fence = ""
        elif stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
        else:
            lines[index] = _ATX_HEADING.sub(
                lambda m: m.group(1) + "#" * min(6, len(m.group(2)) + by), line
            )
    return "\n".join(lines)


def _render_list(field: FormField, value: Any, level: int) -> str:
    return _bullets([plain_block(item) for item in value if item.strip()])


def _markdown_table(headers: tuple[str, ...], rows: list[list[str]]) -> str:
    cells = ([plain_cell(cell) or " " for cell in row] for row in rows)
    return markdown_table([plain_cell(h) for h in headers], cells)


def _render_table(field: FormField, value: Any, level: int) -> str:
    rows = [[row.get(column, "") for column in field.columns] for row in value]
    return _markdown_table(field.columns, rows)


def _render_information_map(field: FormField, value: Any, level: int) -> str:
    rows = [[row.get(key, "") for key in INFORMATION_MAP_KEYS] for row in value]
    return _markdown_table(INFORMATION_MAP_COLUMNS, rows)


def _render_stakeholder_map(field: FormField, value: Any, level: int) -> str:
    sections: list[str] = []
    for quadrant_id, title in STAKEHOLDER_QUADRANTS:
        people = [
            _stakeholder_line(item)
            for item in value
            if quadrant(item["power"], item["interest"]) == quadrant_id
        ]
        sections.append(f"**{plain_inline(title)}**")
        sections.append(_bullets(people) if people else "*Nobody here.*")
    return "\n\n".join(sections)


def _stakeholder_line(item: Mapping[str, Any]) -> str:
    line = plain_inline(item.get("name", "")) or "(unnamed)"
    line += f" (power {item['power']:.2g}, interest {item['interest']:.2g})"
    note = plain_block(item.get("note", ""))
    return f"{line}: {note}" if note else line


def _render_pick_values(field: FormField, value: Any, level: int) -> str:
    picked = ", ".join(f"**{plain_inline(v)}**" for v in value["picked"])
    parts = [f"Picked: {picked}" if picked else "Picked: *none*"]
    defined = plain_inline(value.get("defined", ""))
    definition = plain_block(value.get("definition", ""))
    if defined or definition:
        parts.append(f"**{defined or 'Definition'}**: {definition or _NOT_FILLED}")
    example = plain_block(value.get("example", ""))
    if example:
        parts.append(f"*Example:* {example}")
    return "\n\n".join(parts)


def _render_roadmap(field: FormField, value: Any, level: int) -> str:
    return _bullets(
        [
            f"**{plain_inline(m)}**: {plain_block(value.get(m, '')) or _NOT_FILLED}"
            for m in field.milestones
        ]
    )


def _render_charter(field: FormField, value: Any, level: int) -> str:
    hashes = "#" * min(level, 6)
    parts: list[str] = []
    for section in field.sections:
        text = value.get(section, "")
        parts.append(f"{hashes} {plain_inline(section)}")
        parts.append(_render_long_text(field, text, level + 1) if text.strip() else _NO_ANSWER)
    return "\n\n".join(parts)


def _render_mountain(field: FormField, value: Any, level: int) -> str:
    items: list[str] = []
    for row in reversed(value):
        who = plain_block(row.get("who", "")) or _NOT_FILLED
        moves_up = plain_block(row.get("moves_up", "")) or _NOT_FILLED
        details = _bullets([f"Who is here: {who}", f"What helps them move up: {moves_up}"])
        items.append(f"**{plain_inline(row['band'])}**\n\n{details}")
    return _bullets(items)


def _render_value_exchange(field: FormField, value: Any, level: int) -> str:
    parts: list[str] = []
    for key, title in (("give", "What members give"), ("get", "What members get")):
        items = [plain_block(item) for item in value.get(key, []) if item.strip()]
        parts.append(f"**{title}**")
        parts.append(_bullets(items) if items else "*Nothing listed.*")
    return "\n\n".join(parts)


def _render_resources(field: FormField, value: Any, level: int) -> str:
    return _bullets([_resource_line(item) for item in value])


def _resource_line(item: Mapping[str, Any]) -> str:
    """Title, kind and link; a typed http(s) link becomes an autolink, anything else stays text."""
    line = f"{plain_inline(item.get('title', '')) or '(untitled)'} ({plain_inline(item['kind'])})"
    link = plain_inline(item.get("link", ""))
    return f"{line}: {link}" if link else line


_RENDERERS: dict[FieldKind, Callable[[FormField, Any, int], str]] = {
    FieldKind.LONG_TEXT: _render_long_text,
    FieldKind.TABLE: _render_table,
    FieldKind.LIST: _render_list,
    FieldKind.STAKEHOLDER_MAP: _render_stakeholder_map,
    FieldKind.PICK_VALUES: _render_pick_values,
    FieldKind.ROADMAP: _render_roadmap,
    FieldKind.CHARTER: _render_charter,
    FieldKind.MOUNTAIN: _render_mountain,
    FieldKind.INFORMATION_MAP: _render_information_map,
    FieldKind.VALUE_EXCHANGE: _render_value_exchange,
    FieldKind.RESOURCES: _render_resources,
}
