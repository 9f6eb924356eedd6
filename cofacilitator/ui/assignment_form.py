"""One module's assignment as a form the participant fills in their own time, offline.

The form is built from the module's field definitions, so a facilitator's own module gets a form
too. What is typed is saved as a draft a moment after typing pauses (``assignment_store.save_draft``
through the shared debounced autosave; nothing is ever only on screen). "Share with facilitator"
checks the answers, asks where to save the hand-back file, marks the answers submitted and writes
the file, which the participant then sends however they like: the app needs no network.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.answers import answered_values, empty_value, validate_answers
from cofacilitator.assignment_store import (
    InvalidAnswers,
    ResponseView,
    get_response,
    save_draft,
    submit,
)
from cofacilitator.cohorts import get_participant
from cofacilitator.handback import suggested_filename, write_handback
from cofacilitator.markdown_text import render_markdown_html
from cofacilitator.sessions.schema import Assignment, FieldKind, FormField, Module
from cofacilitator.store.database import Store
from cofacilitator.store.models import ResponseStatus
from cofacilitator.ui.autosave import Autosave, SaveIndicator
from cofacilitator.ui.file_choosers import ask_save_path
from cofacilitator.ui.form_fields import (
    FieldWidget,
    LongTextField,
    charter_field,
    quiet_label,
    roadmap_field,
)
from cofacilitator.ui.list_fields import ListField, ValueExchangeField
from cofacilitator.ui.mountain_view import MountainField
from cofacilitator.ui.pick_values_field import PickValuesField
from cofacilitator.ui.stakeholder_map import StakeholderMapField
from cofacilitator.ui.table_fields import InformationMapField, ResourcesField, TableField

CONTENT_WIDTH = 1040
"""Beyond this, lines of help text get too long to read and boxes too wide to fill."""

SavePathChooser = Callable[[QWidget, str], Path | None]
"""Asks where to save the hand-back file, given a suggested file name; None: cancelled."""

AUTOSAVE_MS = 500
"""Well under the second the product promises between a pause in typing and the store."""


def choose_handback_path(parent: QWidget, suggested: str) -> Path | None:
    path = ask_save_path(
        parent,
        "Save your answers to send to your facilitator",
        str(Path.home() / suggested),
        "Markdown files (*.md);;All files (*)",
    )
    return Path(path) if path else None


class CentredColumn(QWidget):
    """Holds ``content`` at most ``CONTENT_WIDTH`` wide, centred, however wide the window."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.addWidget(content)

    def resizeEvent(self, event: QResizeEvent) -> None:
        side = max(0, (event.size().width() - CONTENT_WIDTH) // 2)
        self._layout.setContentsMargins(side, 0, side, 0)
        super().resizeEvent(event)


def field_widget(field: FormField, module: Module) -> FieldWidget:
    """The answer widget for ``field``; pick-values offers its own options, else the module's."""
    kind = field.kind
    if kind is FieldKind.PICK_VALUES:
        return PickValuesField(field, field.options or module.values)
    if kind is FieldKind.ROADMAP:
        return roadmap_field(field)
    if kind is FieldKind.CHARTER:
        return charter_field(field)
    return _WIDGETS[kind](field)


_WIDGETS: dict[FieldKind, Callable[[FormField], FieldWidget]] = {
    FieldKind.LONG_TEXT: LongTextField,
    FieldKind.TABLE: TableField,
    FieldKind.LIST: ListField,
    FieldKind.STAKEHOLDER_MAP: StakeholderMapField,
    FieldKind.MOUNTAIN: MountainField,
    FieldKind.INFORMATION_MAP: InformationMapField,
    FieldKind.VALUE_EXCHANGE: ValueExchangeField,
    FieldKind.RESOURCES: ResourcesField,
}


def day_and_time(moment: datetime) -> str:
    """Stored times are UTC; shown in the participant's local time, unambiguous in any locale."""
    local = moment.replace(tzinfo=UTC).astimezone()
    return f"{local.day} {local:%b %Y}, {local:%H:%M}"


def standing_text(response: ResponseView | None) -> str:
    """Where the answers stand, and what the participant can do next, in one sentence."""
    if response is None:
        return "Not started. Your answers are saved on this computer as you type."
    if response.status is ResponseStatus.DRAFT:
        return (
            f"Draft, last saved {day_and_time(response.updated_at)}. "
            "Share it with your facilitator when it is ready."
        )
    shared = response.submitted_at or response.updated_at
    return (
        f"Shared (version {response.version}) on {day_and_time(shared)}. Changes you make now "
        "start a new version; share again to send them."
    )


class AssignmentForm(QWidget):
    """The form for ``module``'s assignment, filled in by ``participant_id``.

    ``saved`` says a draft reached the store; ``shared`` carries the path of a hand-back file
    just written. Both let the participant window refresh what it shows about the assignment.
    """

    saved = Signal()
    shared = Signal(str)

    def __init__(
        self,
        store: Store,
        participant_id: int,
        module: Module,
        *,
        autosave_ms: int = AUTOSAVE_MS,
        choose_path: SavePathChooser = choose_handback_path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if module.assignment is None:
            raise ValueError(f"module {module.id!r} has no assignment")
        self.store = store
        self.participant_id = participant_id
        self.module = module
        self.assignment: Assignment = module.assignment
        self._choose_path = choose_path
        self.setAccessibleName(f"Assignment: {self.assignment.title}")

        self.autosave = Autosave(autosave_ms, self)
        self.autosave.watch(self)
        self.fields: dict[str, FieldWidget] = {}

        content = QWidget()
        body = QVBoxLayout(content)
        body.setContentsMargins(16, 12, 16, 16)
        body.setSpacing(6)
        title = QLabel(f"<h2>{html.escape(self.assignment.title)}</h2>")
        title.setAccessibleName(self.assignment.title)
        body.addWidget(title)
        session = quiet_label(f"Session {module.number}: {module.title}")
        body.addWidget(session)
        brief = QLabel(render_markdown_html(self.assignment.body))
        brief.setWordWrap(True)
        brief.setTextFormat(Qt.TextFormat.RichText)
        brief.setOpenExternalLinks(True)
        brief.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        brief.setAccessibleName("What the assignment asks")
        body.addWidget(brief)
        for field in self.assignment.fields:
            body.addWidget(self._field_block(field))
        body.addStretch(1)

        self.scroll = QScrollArea(self)
        self.scroll.setWidget(CentredColumn(content))
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setAccessibleName(f"Form: {self.assignment.title}")

        self.standing = QLabel(self)
        self.standing.setWordWrap(True)
        self.standing.setAccessibleName("Where these answers stand")
        self.indicator = SaveIndicator(self.autosave, self)
        self.share_button = QPushButton("&Share with facilitator…", self)
        self.share_button.setAccessibleName("Share the answers with your facilitator")
        self.share_button.setToolTip(
            "Marks the answers as done and saves them as a file to send to your facilitator"
        )
        self.share_button.clicked.connect(self.share)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAccessibleName("Sharing result")
        self.message.hide()

        footer = QHBoxLayout()
        footer.setContentsMargins(16, 6, 16, 8)
        footer.addWidget(self.standing, 1)
        footer.addWidget(self.indicator)
        footer.addWidget(self.share_button)
        rule = QFrame(self)
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(rule)
        layout.addWidget(self.message)
        layout.addLayout(footer)
        self.message.setContentsMargins(16, 6, 16, 0)
        self._load()

    # ------------------------------------------------------------------ values

    def values(self) -> dict[str, Any]:
        """The answers as stored: fields left blank are absent, as ``submit`` keeps them."""
        raw = {field_id: widget.value() for field_id, widget in self.fields.items()}
        return answered_values(self.assignment, raw)

    def set_values(self, values: dict[str, Any]) -> None:
        for field in self.assignment.fields:
            self.fields[field.id].set_value(values.get(field.id, empty_value(field)))

    def flush(self) -> None:
        """Write a pending draft now (before closing, or before sharing)."""
        self.autosave.flush()

    def write_draft(self) -> None:
        """Save what the form shows as the draft, whether or not anything was typed."""
        response = save_draft(self.store, self.participant_id, self.module.id, self.values())
        self._show_standing(response)
        self.saved.emit()

    # ------------------------------------------------------------------ sharing

    def share(self) -> Path | None:
        """Check, ask where to save, submit and write the hand-back file; its path, or None."""
        self.flush()
        values = self.values()
        if not values:
            self._say("Nothing is filled in yet: there is nothing to share.")
            return None
        problems = validate_answers(self.assignment, values)
        if problems:
            self._say("Before sharing, please fix: " + "; ".join(problems) + ".")
            return None
        name = get_participant(self.store, self.participant_id).display_name
        path = self._choose_path(self, suggested_filename(name, self.module))
        if path is None:
            return None
        try:
            submit(self.store, self.participant_id, self.module, values)
            write_handback(self.store, self.participant_id, self.module, path)
        except InvalidAnswers as error:
            self._say("Before sharing, please fix: " + "; ".join(error.problems) + ".")
            return None
        except OSError as error:
            self._say(
                f"The file could not be saved ({error.strerror or error}). Try another folder."
            )
            return None
        empty = [f.label for f in self.assignment.fields if not f.optional and f.id not in values]
        left_blank = f" Left blank: {', '.join(empty)}." if empty else ""
        self._say(
            f"Saved as {path.name} in the folder {path.parent.name or path.parent}. Send this "
            f"file to your facilitator (by mail or chat); they import it into their app."
            f"{left_blank}"
        )
        self.message.setToolTip(str(path))
        self._show_standing()
        self.shared.emit(str(path))
        return path

    # ------------------------------------------------------------------ internals

    def _field_block(self, field: FormField) -> QWidget:
        block = QWidget()
        layout = QVBoxLayout(block)
        layout.setContentsMargins(0, 14, 0, 0)
        layout.setSpacing(4)
        widget = field_widget(field, self.module)
        widget.setParent(block)
        optional = " <i>(optional)</i>" if field.optional else ""
        label = QLabel(f"<b>{html.escape(field.label)}</b>{optional}")
        label.setBuddy(widget)
        layout.addWidget(label)
        if field.help:
            layout.addWidget(quiet_label(field.help))
        layout.addWidget(widget)
        widget.changed.connect(self._edited)
        self.fields[field.id] = widget
        return block

    def _load(self) -> None:
        response = get_response(self.store, self.participant_id, self.module.id)
        self.set_values(response.values if response is not None else {})
        self._show_standing(response)

    def _edited(self) -> None:
        self.message.hide()
        self.autosave.schedule("answers", self.write_draft)

    def _show_standing(self, response: ResponseView | None = None) -> None:
        if response is None:
            response = get_response(self.store, self.participant_id, self.module.id)
        self.standing.setText(standing_text(response))

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
