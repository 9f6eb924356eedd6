"""Turn a parsed TOML document into a ``Module``, collecting every problem on the way.

A facilitator editing a module by hand should see all of a file's mistakes in one run, each with
the key it concerns, so this code never stops at the first one: it reads what it can, reports what
it cannot, and builds the ``Module`` only when nothing was an error. It knows nothing about files
or lines; ``loader.py`` places each finding on a line with ``locate.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from cofacilitator.sessions.locate import KeyPath
from cofacilitator.sessions.schema import (
    KINDS_NEEDING_PROMPTS,
    Assignment,
    FieldKind,
    Figure,
    FormField,
    Module,
    Prompt,
    Quote,
    Reading,
    ReadingGroup,
    Segment,
    SegmentKind,
)
from cofacilitator.sessions.typed_table import Finding, Findings, TypedTable, type_name

SUPPORTED_FORMAT = 1
DEFAULT_READINGS_TITLE = "Reading recommendation"
PENDING_LINK = "link still to be added"
"""How a warning about a link not yet filled in ends; ``modules list`` counts these apart."""

# The keys each table may hold; anything else is reported as a likely typo.
# fmt: off
MODULE_KEYS = frozenset({
    "format", "id", "version", "number", "title", "summary", "attribution", "key_lessons",
    "values", "epigraph", "segments", "assignment", "readings",
})
EPIGRAPH_KEYS = frozenset({"text", "author", "source"})
SEGMENT_KEYS = frozenset({
    "id", "kind", "title", "minutes", "recordable", "optional", "slides", "columns", "body",
    "prompts", "figures", "answer",
})
PROMPT_KEYS = frozenset({"id", "text", "group", "details"})
FIGURE_KEYS = frozenset({"path", "alt", "caption"})
FIELD_KEYS = frozenset({
    "id", "kind", "label", "help", "columns", "pick", "options", "milestones", "sections",
    "bands", "optional",
})
ASSIGNMENT_KEYS = frozenset({"id", "title", "body", "fields"})
READING_GROUP_KEYS = frozenset({"title", "items"})
READING_KEYS = frozenset({"title", "url", "note"})
# fmt: on

#: The list a field kind cannot do without; ``pick_values`` is checked on its own.
REQUIRED_FIELD_LISTS: dict[FieldKind, str] = {
    FieldKind.TABLE: "columns",
    FieldKind.ROADMAP: "milestones",
    FieldKind.CHARTER: "sections",
    FieldKind.MOUNTAIN: "bands",
}
_KIND_OF_FIELD_KEY: dict[str, FieldKind] = {
    **{key: kind for kind, key in REQUIRED_FIELD_LISTS.items()},
    "options": FieldKind.PICK_VALUES,
    "pick": FieldKind.PICK_VALUES,
}


def is_inside_path(path: str) -> bool:
    """Whether a figure path stays inside the folder it is looked up in.

    Module files are shared between facilitators; a figure such as ``/home/x/.ssh/id`` or
    ``../../private.png`` would otherwise be shown, and exported, from anywhere on the disk.
    """
    posix, windows = PurePosixPath(path), PureWindowsPath(path)
    return not (posix.is_absolute() or windows.anchor or ".." in windows.parts)


def build_module(
    data: dict[str, Any], source: str, figure_exists: Callable[[str], bool]
) -> tuple[Module | None, list[Finding]]:
    """The module, or ``None`` if any finding is an error; warnings never withhold the module."""
    findings = Findings()
    module = _ModuleBuilder(findings, figure_exists).build(data, source)
    return (None if findings.has_errors else module), findings.items


def _a(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


class _ModuleBuilder:
    def __init__(self, findings: Findings, figure_exists: Callable[[str], bool]) -> None:
        self.findings = findings
        self.figure_exists = figure_exists
        self.values: tuple[str, ...] = ()

    def build(self, data: dict[str, Any], source: str) -> Module | None:
        if not data:
            self.findings.error(
                (),
                "",
                "file is empty: a module needs at least format, id, version, number, "
                "title, epigraph and one [[segments]]",
            )
            return None
        if not self._format_supported(data):
            return None
        top = TypedTable(data, (), "", MODULE_KEYS, self.findings)
        module_id = top.slug()
        version = top.whole("version", minimum=1)
        number = top.whole("number", minimum=1)
        title = top.text("title", required=True)
        summary = top.text("summary")
        attribution = top.text("attribution")
        key_lessons = top.texts("key_lessons")
        self.values = top.texts("values")
        epigraph = self._epigraph(top)
        segments = self._segments(top)
        assignment = None
        assignment_table = top.table("assignment", "assignment", ASSIGNMENT_KEYS)
        if assignment_table is not None:
            assignment = self._assignment(assignment_table)
        readings = tuple(self._reading_groups(top))
        if self.findings.has_errors or epigraph is None:
            return None
        return Module(
            id=module_id,
            version=version,
            number=number,
            title=title,
            epigraph=epigraph,
            key_lessons=key_lessons,
            segments=segments,
            summary=summary,
            assignment=assignment,
            readings=readings,
            attribution=attribution,
            source=source,
            values=self.values,
        )

    def _format_supported(self, data: dict[str, Any]) -> bool:
        """A newer format is reported alone: its other "problems" are likely just new features."""
        value = data.get("format")
        where: KeyPath = ("format",)
        if value is None:
            self.findings.error(
                where,
                "",
                f"'format' is missing (add 'format = {SUPPORTED_FORMAT}' at the top of the file)",
            )
        elif isinstance(value, bool) or not isinstance(value, int):
            self.findings.error(
                where, "", f"'format' should be a whole number, not {type_name(value)}"
            )
        elif value > SUPPORTED_FORMAT:
            self.findings.error(
                where,
                "",
                f"written for a newer cofacilitator (format {value}); "
                f"this version reads format {SUPPORTED_FORMAT}",
            )
            return False
        elif value < 1:
            self.findings.error(where, "", f"'format' must be {SUPPORTED_FORMAT}, not {value}")
        return True

    def _epigraph(self, top: TypedTable) -> Quote | None:
        if "epigraph" not in top.data:
            top.error("epigraph", "'epigraph' is missing (add an [epigraph] with text and author)")
            return None
        table = top.table("epigraph", "epigraph", EPIGRAPH_KEYS)
        if table is None:
            return None
        return Quote(
            text=table.text("text", required=True),
            author=table.text("author", required=True),
            source=table.text("source"),
        )

    def _segments(self, top: TypedTable) -> tuple[Segment, ...]:
        if "segments" not in top.data or top.data["segments"] == []:
            top.error("segments", "a module needs at least one [[segments]]")
            return ()
        segments: list[Segment] = []
        first_use: dict[str, int] = {}
        for index, data in top.tables("segments", "segments"):
            segment_id = data.get("id")
            label = f"'{segment_id}'" if isinstance(segment_id, str) and segment_id else ""
            owner = f"segment {index + 1}" + (f" ({label})" if label else "")
            table = TypedTable(data, ("segments", index), owner, SEGMENT_KEYS, self.findings)
            segment = self._segment(table)
            if isinstance(segment_id, str) and segment_id:
                if segment_id in first_use:
                    table.error(
                        "id",
                        f"duplicate segment id '{segment_id}' "
                        f"(also segment {first_use[segment_id] + 1})",
                    )
                first_use.setdefault(segment_id, index)
            if segment is not None:
                segments.append(segment)
        return tuple(segments)

    def _segment(self, table: TypedTable) -> Segment | None:
        mark = self.findings.error_count()
        segment_id = table.slug()
        kind = table.choice("kind", SegmentKind, "segment kind")
        title = table.text("title", required=True)
        minutes = table.whole("minutes", minimum=0)
        slides = table.text("slides")
        if slides.strip() == "#":
            table.warn("slides", f"slides {PENDING_LINK}")
        columns = table.texts("columns")
        if kind is SegmentKind.FILL_IN_TABLE and not columns:
            table.error(
                "columns",
                'a fill_in_table segment needs \'columns\', like columns = ["Name", "Purpose"]',
            )
        elif kind is not None and kind is not SegmentKind.FILL_IN_TABLE and columns:
            table.warn("columns", "'columns' is only used by fill_in_table segments")
        prompts = self._prompts(table)
        if (
            kind is not None
            and kind in KINDS_NEEDING_PROMPTS
            and not prompts
            and not table.data.get("prompts")
        ):
            table.error(
                "prompts", f"{_a(kind)} {kind} segment needs at least one [[segments.prompts]]"
            )
        figures = self._figures(table)
        answer = None
        answer_table = table.table("answer", f"{table.owner}, answer", FIELD_KEYS)
        if answer_table is not None:
            answer = self._field(answer_table)
        recordable = table.flag("recordable")
        optional = table.flag("optional")
        body = table.text("body")
        if self.findings.error_count() > mark or kind is None:
            return None
        return Segment(
            id=segment_id,
            kind=kind,
            title=title,
            minutes=minutes,
            body=body,
            prompts=prompts,
            recordable=recordable,
            optional=optional,
            columns=columns,
            slides=slides,
            figures=figures,
            answer=answer,
        )

    def _prompts(self, segment: TypedTable) -> tuple[Prompt, ...]:
        prompts: list[Prompt] = []
        seen: dict[str, int] = {}
        for index, data in segment.tables("prompts", "segments.prompts"):
            owner = f"{segment.owner}, prompt {index + 1}"
            mark = self.findings.error_count()
            table = TypedTable(
                data, segment.at("prompts", index), owner, PROMPT_KEYS, self.findings
            )
            prompt_id = table.slug()
            if prompt_id and prompt_id in seen:
                table.error(
                    "id",
                    f"duplicate prompt id '{prompt_id}' in this segment "
                    f"(also prompt {seen[prompt_id] + 1})",
                )
            seen.setdefault(prompt_id, index)
            prompt = Prompt(
                id=prompt_id,
                text=table.text("text", required=True),
                group=table.text("group"),
                details=table.texts("details"),
            )
            if self.findings.error_count() == mark:
                prompts.append(prompt)
        return tuple(prompts)

    def _figures(self, segment: TypedTable) -> tuple[Figure, ...]:
        figures: list[Figure] = []
        for index, data in segment.tables("figures", "segments.figures"):
            owner = f"{segment.owner}, figure {index + 1}"
            table = TypedTable(
                data, segment.at("figures", index), owner, FIGURE_KEYS, self.findings
            )
            path = table.text("path", required=True)
            if path.strip() and not is_inside_path(path):
                table.error(
                    "path",
                    f"figure path '{path}' must stay inside the module's folder "
                    "(no leading '/', drive letter or '..')",
                )
            elif path.strip() and not self.figure_exists(path):
                table.error("path", f"figure file not found: {path}")
            alt = table.text("alt", required=True)
            figures.append(Figure(path=path, alt=alt, caption=table.text("caption")))
        return tuple(figures)

    def _field(self, table: TypedTable) -> FormField | None:
        mark = self.findings.error_count()
        field_id = table.slug()
        kind = table.choice("kind", FieldKind, "field kind")
        label = table.text("label", required=True)
        help_text = table.text("help")
        optional = table.flag("optional")
        lists = {
            key: table.texts(key)
            for key in ("columns", "options", "milestones", "sections", "bands")
        }
        picking = kind is FieldKind.PICK_VALUES
        pick = table.whole("pick", minimum=1 if picking else 0, required=picking)
        if kind is not None:
            self._check_field_kind(table, kind, lists, pick)
        if self.findings.error_count() > mark or kind is None:
            return None
        return FormField(
            id=field_id,
            kind=kind,
            label=label,
            help=help_text,
            columns=lists["columns"],
            pick=pick,
            options=lists["options"],
            milestones=lists["milestones"],
            sections=lists["sections"],
            bands=lists["bands"],
            optional=optional,
        )

    def _check_field_kind(
        self, table: TypedTable, kind: FieldKind, lists: dict[str, tuple[str, ...]], pick: int
    ) -> None:
        """Each kind's own requirement, and a warning for settings the kind would ignore."""
        needed = REQUIRED_FIELD_LISTS.get(kind)
        if needed is not None and not lists[needed]:
            table.error(
                needed,
                f'{_a(kind)} {kind} field needs \'{needed}\', like {needed} = ["First", "Second"]',
            )
        if kind is FieldKind.PICK_VALUES and pick >= 1:
            offered = lists["options"] or self.values
            if len(offered) < pick:
                source = "its 'options'" if lists["options"] else "the module's 'values'"
                table.error("pick", f"'pick' is {pick} but {source} offer only {len(offered)}")
        for key, owner_kind in _KIND_OF_FIELD_KEY.items():
            present = pick if key == "pick" else lists[key]
            if present and kind is not owner_kind:
                table.warn(key, f"'{key}' is only used by {owner_kind.value} fields")

    def _assignment(self, table: TypedTable) -> Assignment | None:
        mark = self.findings.error_count()
        assignment_id = table.slug()
        title = table.text("title", required=True)
        body = table.text("body")
        fields: list[FormField] = []
        first_use: dict[str, int] = {}
        for index, data in table.tables("fields", "assignment.fields"):
            field_id = data.get("id")
            label = f" ('{field_id}')" if isinstance(field_id, str) and field_id else ""
            owner = f"assignment field {index + 1}{label}"
            field_table = TypedTable(
                data, table.at("fields", index), owner, FIELD_KEYS, self.findings
            )
            field = self._field(field_table)
            if isinstance(field_id, str) and field_id:
                if field_id in first_use:
                    field_table.error(
                        "id",
                        f"duplicate field id '{field_id}' (also field {first_use[field_id] + 1})",
                    )
                first_use.setdefault(field_id, index)
            if field is not None:
                fields.append(field)
        if not table.data.get("fields"):
            table.warn(
                "fields",
                "the assignment has no [[assignment.fields]], so participants "
                "have nothing to fill in",
            )
        if self.findings.error_count() > mark:
            return None
        return Assignment(id=assignment_id, title=title, body=body, fields=tuple(fields))

    def _reading_groups(self, top: TypedTable) -> Iterator[ReadingGroup]:
        for index, data in top.tables("readings", "readings"):
            owner = f"reading group {index + 1}"
            table = TypedTable(data, ("readings", index), owner, READING_GROUP_KEYS, self.findings)
            title = table.text("title", required=True) if "title" in data else ""
            readings: list[Reading] = []
            for item_index, item in table.tables("items", "readings.items"):
                item_title = item.get("title")
                item_owner = (
                    f"reading '{item_title}'"
                    if isinstance(item_title, str) and item_title.strip()
                    else f"{owner}, item {item_index + 1}"
                )
                item_table = TypedTable(
                    item, table.at("items", item_index), item_owner, READING_KEYS, self.findings
                )
                reading = Reading(
                    title=item_table.text("title", required=True),
                    url=item_table.text("url"),
                    note=item_table.text("note"),
                )
                if reading.link_pending:
                    item_table.warn("url", PENDING_LINK)
                readings.append(reading)
            yield ReadingGroup(title=title or DEFAULT_READINGS_TITLE, readings=tuple(readings))
