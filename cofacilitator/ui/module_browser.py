"""The module browser: read a session's plan before running it.

A facilitator prepares a call by reading the whole session once: why it matters (epigraph, key
lessons), the agenda with its timings and what may be recorded, then each segment's text, prompts
and figures, the assignment and the readings. This page shows exactly that, from the loaded
modules, as one calm scrolling document. It only reads; nothing here writes to the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QDesktopServices, QPalette
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.markdown_text import render_markdown_html
from cofacilitator.sessions.schema import (
    Assignment,
    FieldKind,
    FormField,
    Module,
    ReadingGroup,
    Segment,
    SegmentKind,
)
from cofacilitator.ui.markdown_view import LinkOpener, MarkdownView
from cofacilitator.ui.palette_colours import tint
from cofacilitator.ui.segment_content import (
    PENDING_SLIDES_HTML,
    epigraph_html,
    escaped,
    figure_html,
    prompts_html,
    slides_link,
)

KIND_LABELS: dict[SegmentKind, str] = {
    SegmentKind.GUIDELINES: "Guidelines",
    SegmentKind.ROLL_CALL: "Roll call",
    SegmentKind.ICEBREAKER: "Icebreaker",
    SegmentKind.PRESENTATION: "Presentation",
    SegmentKind.OPEN_DISCUSSION: "Open discussion",
    SegmentKind.SILENT_NOTES: "Silent notes",
    SegmentKind.BREAKOUT: "Breakout groups",
    SegmentKind.FILL_IN_TABLE: "Fill-in table",
    SegmentKind.ASSIGNMENT_SHARING: "Assignment sharing",
    SegmentKind.KEY_TAKEAWAYS: "Key takeaways",
    SegmentKind.QA: "Questions and answers",
    SegmentKind.FEEDBACK: "Feedback",
}

FIELD_LABELS: dict[FieldKind, str] = {
    FieldKind.LONG_TEXT: "free text",
    FieldKind.TABLE: "table",
    FieldKind.LIST: "list",
    FieldKind.STAKEHOLDER_MAP: "stakeholder map",
    FieldKind.PICK_VALUES: "pick values",
    FieldKind.ROADMAP: "roadmap",
    FieldKind.CHARTER: "charter",
    FieldKind.MOUNTAIN: "mountain of engagement",
    FieldKind.INFORMATION_MAP: "information map",
    FieldKind.VALUE_EXCHANGE: "value exchange",
    FieldKind.RESOURCES: "resources",
}

#: Width figures are shown at, in device-independent pixels.
FIGURE_WIDTH = 480

# Badge hues are blended into the palette's base colour, so they read as a light tint on a light
# theme and a dark tint on a dark one, with the palette's own text colour on top.
_RECORDABLE_HUE = QColor(46, 125, 50)
_NOT_RECORDABLE_HUE = QColor(198, 40, 40)
_OPTIONAL_HUE = QColor(25, 118, 210)


def module_list_label(module: Module) -> str:
    return f"{module.number}  {module.title}  · {module.planned_minutes} min"


class _Html:
    """Builds one module's page; every text from the file is escaped on the way in."""

    def __init__(self, palette: QPalette) -> None:
        self._palette = palette
        self._parts: list[str] = []

    def text(self) -> str:
        return "\n".join(self._parts)

    def add(self, fragment: str) -> None:
        self._parts.append(fragment)

    def badge(self, label: str, hue: QColor) -> str:
        colour = tint(self._palette, hue).name()
        return f'<span style="background-color:{colour}">&nbsp;{escaped(label)}&nbsp;</span>'

    def recording_badge(self, segment: Segment) -> str:
        if segment.recordable:
            return self.badge("May be recorded", _RECORDABLE_HUE)
        return self.badge("Not recorded", _NOT_RECORDABLE_HUE)

    def optional_badge(self) -> str:
        return self.badge("Optional", _OPTIONAL_HUE)

    def rule_colour(self) -> str:
        return self._palette.color(QPalette.ColorRole.Mid).name()


def _minutes_clock(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours}:{rest:02d}"


def module_html(module: Module, palette: QPalette) -> str:
    """The whole module as one HTML page, coloured from ``palette``."""
    page = _Html(palette)
    page.add(f"<h1>Session {module.number}: {escaped(module.title)}</h1>")
    if module.summary:
        page.add(f"<p>{escaped(module.summary)}</p>")
    if module.epigraph.text:
        page.add(epigraph_html(module.epigraph))
    _add_plan_summary(page, module)
    if module.key_lessons:
        page.add("<h2>Key lessons</h2><ul>")
        page.add("".join(f"<li>{escaped(lesson)}</li>" for lesson in module.key_lessons))
        page.add("</ul>")
    _add_agenda(page, module)
    for index, segment in enumerate(module.segments, start=1):
        _add_segment(page, index, segment)
    if module.assignment is not None:
        _add_assignment(page, module.assignment)
    if module.readings:
        _add_readings(page, module.readings)
    if module.attribution or module.source:
        page.add("<hr>")
    if module.attribution:
        page.add(f"<p><small>{escaped(module.attribution)}</small></p>")
    if module.source:
        page.add(f"<p><small>Module file: {escaped(module.source)}</small></p>")
    return page.text()


def _add_plan_summary(page: _Html, module: Module) -> None:
    optional = module.planned_minutes - module.required_minutes
    line = f"{module.planned_minutes} minutes planned, {len(module.segments)} segments"
    if optional:
        line += f"; {optional} of those minutes are optional"
    page.add(f"<p><b>{escaped(line)}.</b></p>")


def _add_agenda(page: _Html, module: Module) -> None:
    rule = page.rule_colour()
    head = f"style='border-bottom: 2px solid {rule}'"
    cell = f"style='border-bottom: 1px solid {rule}'"
    page.add("<h2>Agenda</h2>")
    page.add(
        '<table width="100%" cellspacing="0" cellpadding="6" style="border-collapse:collapse">'
        f"<tr><th align='left' width='70' {head}>Starts</th>"
        f"<th align='left' {head}>Segment</th>"
        f"<th align='right' width='80' {head}>Minutes</th>"
        f"<th align='left' width='160' {head}>Recording</th></tr>"
    )
    start = 0
    for index, segment in enumerate(module.segments, start=1):
        title = f'<a href="#segment-{index}">{escaped(segment.title)}</a>'
        if segment.optional:
            title += " " + page.optional_badge()
        page.add(
            f"<tr><td {cell}>{_minutes_clock(start)}</td><td {cell}>{title}</td>"
            f"<td align='right' {cell}>{segment.minutes}</td>"
            f"<td {cell}>{page.recording_badge(segment)}</td></tr>"
        )
        start += segment.minutes
    page.add("</table>")


def _add_segment(page: _Html, index: int, segment: Segment) -> None:
    page.add(f'<h2><a name="segment-{index}"></a>{escaped(segment.title)}</h2>')
    facts = [
        escaped(KIND_LABELS.get(segment.kind, str(segment.kind))),
        f"{segment.minutes} min",
        page.recording_badge(segment),
    ]
    if segment.optional:
        facts.append(page.optional_badge())
    page.add(f"<p>{' · '.join(facts)}</p>")
    link = slides_link(segment)
    if link:
        page.add(f'<p><a href="{escaped(link)}">Slides</a></p>')
    elif segment.slides:
        page.add(PENDING_SLIDES_HTML)
    if segment.body:
        page.add(render_markdown_html(segment.body))
    for figure in segment.figures:
        page.add(figure_html(figure, FIGURE_WIDTH))
    if segment.columns:
        page.add(f"<p><b>Table columns:</b> {escaped(', '.join(segment.columns))}</p>")
    if segment.prompts:
        page.add(prompts_html(segment.prompts))
    if segment.answer is not None:
        page.add("<p><b>Answer form</b></p>")
        _add_field(page, segment.answer)


def _field_shape(field: FormField) -> str:
    shape = FIELD_LABELS.get(field.kind, str(field.kind))
    if field.kind is FieldKind.PICK_VALUES and field.pick:
        shape = f"pick {field.pick} values"
    return shape


def _add_field(page: _Html, field: FormField) -> None:
    heading = f"<b>{escaped(field.label)}</b> ({escaped(_field_shape(field))})"
    if field.optional:
        heading += " " + page.optional_badge()
    page.add(f"<p>{heading}</p>")
    extras: list[str] = []
    if field.help:
        extras.append(escaped(field.help))
    for name, items in (
        ("Columns", field.columns),
        ("Options", field.options),
        ("Milestones", field.milestones),
        ("Sections", field.sections),
        ("Bands", field.bands),
    ):
        if items:
            extras.append(f"{name}: {escaped(', '.join(items))}")
    if extras:
        page.add("<ul>" + "".join(f"<li>{extra}</li>" for extra in extras) + "</ul>")


def _add_assignment(page: _Html, assignment: Assignment) -> None:
    page.add(f"<h2>Assignment: {escaped(assignment.title)}</h2>")
    if assignment.body:
        page.add(render_markdown_html(assignment.body))
    if assignment.fields:
        page.add("<h3>What participants fill in</h3>")
        for field in assignment.fields:
            _add_field(page, field)


def _add_readings(page: _Html, groups: Sequence[ReadingGroup]) -> None:
    page.add("<h2>Readings</h2>")
    for group in groups:
        if group.title:
            page.add(f"<h3>{escaped(group.title)}</h3>")
        page.add("<ul>")
        for reading in group.readings:
            if reading.link_pending:
                item = f"{escaped(reading.title)} <i>(link still to be added)</i>"
            else:
                item = f'<a href="{escaped(reading.url)}">{escaped(reading.title)}</a>'
            if reading.note:
                item += f"<br>{escaped(reading.note)}"
            page.add(f"<li>{item}</li>")
        page.add("</ul>")


class ModuleBrowser(QWidget):
    """The list of modules and, beside it, the selected module's plan.

    ``module_selected`` carries the id of the module now shown, for pages that follow along
    (for example a "Run this session" button elsewhere).
    """

    module_selected = Signal(str)

    def __init__(
        self,
        modules: Sequence[Module],
        parent: QWidget | None = None,
        *,
        user_modules_dir: Path | None = None,
        open_link: LinkOpener = QDesktopServices.openUrl,
    ) -> None:
        super().__init__(parent)
        self._modules: tuple[Module, ...] = ()
        self._user_modules_dir = user_modules_dir

        self._list = QListWidget()
        self._list.setAccessibleName("Modules")
        self._list.setAccessibleDescription("Choose a module to read its plan")
        self._list.setWordWrap(True)
        self._list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self._list.setSpacing(3)
        self._list.currentRowChanged.connect(self._show_row)

        list_title = QLabel("&Modules")
        list_title.setBuddy(self._list)
        list_title.setAccessibleName("Modules")

        self._empty = QLabel()
        self._empty.setWordWrap(True)
        self._empty.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._empty.setAccessibleName("No modules")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(list_title)
        left_layout.addWidget(self._list, 1)
        left_layout.addWidget(self._empty)

        self._view = MarkdownView(open_link=open_link)
        self._view.setAccessibleName("Module plan")
        self._view.setAccessibleDescription("The selected module's agenda, segments and readings")

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self._view)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([320, 900])
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.setFocusProxy(self._list)
        self.set_modules(modules)

    @property
    def module_list(self) -> QListWidget:
        return self._list

    @property
    def view(self) -> MarkdownView:
        return self._view

    @property
    def current_module(self) -> Module | None:
        row = self._list.currentRow()
        return self._modules[row] if 0 <= row < len(self._modules) else None

    def set_modules(self, modules: Sequence[Module]) -> None:
        """Show a new catalog, keeping the selected module when it is still there."""
        previous = self.current_module.id if self.current_module else None
        self._modules = tuple(modules)
        self._list.blockSignals(True)
        self._list.clear()
        for module in self._modules:
            item = QListWidgetItem(module_list_label(module))
            item.setToolTip(module.summary)
            self._list.addItem(item)
        self._list.blockSignals(False)
        self._empty.setVisible(not self._modules)
        if not self._modules:
            text = "No modules could be loaded."
            if self._user_modules_dir is not None:
                text += f" Module files go in {self._user_modules_dir}."
            self._empty.setText(text)
            self._view.clear()
            return
        ids = [module.id for module in self._modules]
        self._list.setCurrentRow(ids.index(previous) if previous in ids else 0)
        self._show_row(self._list.currentRow())

    def select_module(self, module_id: str) -> bool:
        for row, module in enumerate(self._modules):
            if module.id == module_id:
                self._list.setCurrentRow(row)
                return True
        return False

    def changeEvent(self, event: QEvent) -> None:
        """Badge tints come from the palette, so a switch to dark mode redraws the page."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._show_row(self._list.currentRow())

    def _show_row(self, row: int) -> None:
        if not 0 <= row < len(self._modules):
            return
        module = self._modules[row]
        self._view.setHtml(module_html(module, self.palette()))
        self._view.setAccessibleDescription(f"Plan of session {module.number}: {module.title}")
        self.module_selected.emit(module.id)
