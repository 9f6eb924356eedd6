"""The facilitator's view of one participant's answers to one session's assignment.

Answers arrive from people's own machines, so they are shown read-only and as text: every field
goes through ``answers_to_markdown`` and the app's safe renderer, which turn raw HTML, scripts and
remote images into the characters that were typed. The two answers that are pictures on paper,
the stakeholder map and the mountain of engagement, are drawn as pictures here too, made by the
app from the answer's numbers and words, never loaded from anywhere. The same answers can be saved
as a self-contained HTML page (``export_answers``) to send or keep.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.answers import answers_to_markdown, is_blank, validate_value
from cofacilitator.assignment_store import ResponseView, get_response
from cofacilitator.atomic_write import write_text_atomic
from cofacilitator.cohorts import get_participant, list_participants
from cofacilitator.export_answers import answers_html
from cofacilitator.export_model import ExportError
from cofacilitator.markdown_text import plain_inline, render_markdown_html
from cofacilitator.runs import list_runs
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.sessions.schema import Assignment, FieldKind, FormField, Module
from cofacilitator.store.database import Store
from cofacilitator.store.models import ResponseStatus
from cofacilitator.ui.date_text import local_moment, short_day_text
from cofacilitator.ui.events import Events
from cofacilitator.ui.export_dialog import slug
from cofacilitator.ui.file_choosers import ask_save_path
from cofacilitator.ui.markdown_view import LinkOpener, MarkdownView
from cofacilitator.ui.mountain_view import mountain_description, mountain_image, rows_of
from cofacilitator.ui.reload_when_shown import ReloadWhenShown
from cofacilitator.ui.stakeholder_scene import (
    picture_description,
    stakeholder_map_image,
    stakeholders_of,
)

PICTURE_WIDTH = 720
PICTURE_SCHEME = "answer-picture"
"""Pictures are put into the document by the app under this scheme; nothing else resolves."""
TABLE_STYLE = " th, td { padding: 3px 14px 3px 0px; }"
"""Answers are mostly tables; without padding their columns run together."""
PICTURE_KINDS = frozenset({FieldKind.STAKEHOLDER_MAP, FieldKind.MOUNTAIN})

SaveChooser = Callable[[QWidget, str], str | None]


def choose_answers_path(parent: QWidget, suggested: str) -> str | None:
    """The platform's save dialog; it asks before replacing an existing file."""
    return ask_save_path(parent, "Export answers as HTML", suggested, "Web pages (*.html)")


def status_text(response: ResponseView | None) -> str:
    """none / draft / submitted / imported at DATE, in words."""
    if response is None:
        return "No answers yet."
    version = f"version {response.version}"
    handed_back = short_day_text(local_moment(response.submitted_at or response.updated_at))
    if response.status is ResponseStatus.DRAFT:
        saved = short_day_text(local_moment(response.updated_at))
        return f"Draft ({version}, last saved {saved}): not handed back."
    if response.status is ResponseStatus.SUBMITTED:
        return f"Submitted on {handed_back} ({version}), not imported."
    imported = (
        short_day_text(local_moment(response.imported_at))
        if response.imported_at
        else "an unknown date"
    )
    return f"Imported on {imported} ({version}, handed back on {handed_back})."


@dataclass(frozen=True)
class Picture:
    """An image the document shows at ``url``, with its description."""

    url: QUrl
    description: str
    image: Any


def answers_document(
    assignment: Assignment, values: dict[str, Any], view: QWidget
) -> tuple[str, list[Picture]]:
    """HTML for the answers, field by field, and the pictures it refers to.

    Text comes from ``answers_to_markdown`` one field at a time, so each field is rendered the
    way exports and hand-back files render it; a picture field with a readable answer becomes
    its heading and a picture drawn with ``view``'s palette and font.
    """
    parts: list[str] = []
    pictures: list[Picture] = []
    for index, field in enumerate(assignment.fields):
        value = values.get(field.id)
        drawable = (
            field.kind in PICTURE_KINDS
            and value is not None
            and not is_blank(field, value)
            and not validate_value(field, value)
        )
        if not drawable:
            single = Assignment(assignment.id, assignment.title, "", (field,))
            parts.append(render_markdown_html(answers_to_markdown(single, values)))
            continue
        picture = _picture(field, value, index, view)
        pictures.append(picture)
        parts.append(render_markdown_html(f"## {plain_inline(field.label)}"))
        parts.append(
            # The reading line height would add a third of the picture's height below it.
            f'<p style="line-height:100%"><img src="{picture.url.toString()}" '
            f'width="{PICTURE_WIDTH}" '
            f'alt="{html.escape(picture.description)}"></p>'
        )
        notes = _stakeholder_notes(value) if field.kind is FieldKind.STAKEHOLDER_MAP else ""
        if notes:
            parts.append(render_markdown_html(notes))
    return "\n".join(parts), pictures


def _picture(field: FormField, value: Any, index: int, view: QWidget) -> Picture:
    url = QUrl(f"{PICTURE_SCHEME}:{index}")
    if field.kind is FieldKind.STAKEHOLDER_MAP:
        entries = stakeholders_of(value)
        image = stakeholder_map_image(value, view.palette(), PICTURE_WIDTH)
        return Picture(url, picture_description(entries), image)
    rows = rows_of(field.bands, value)
    image = mountain_image(rows, view.palette(), view.font(), PICTURE_WIDTH)
    return Picture(url, mountain_description(rows), image)


def _stakeholder_notes(value: Any) -> str:
    """The notes people wrote on stakeholders, which the picture has no room for."""
    lines = [
        f"- **{plain_inline(e['name']) or '(unnamed)'}**: {plain_inline(e['note'])}"
        for e in stakeholders_of(value)
        if e["note"].strip()
    ]
    return "Notes on stakeholders:\n\n" + "\n".join(lines) if lines else ""


class AnswersView(QWidget):
    """Choose a participant and a session; read their answers. Nothing here writes.

    It re-reads the store when an import is announced, and when shown after one.
    """

    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        events: Events,
        parent: QWidget | None = None,
        *,
        open_link: LinkOpener = QDesktopServices.openUrl,
        choose_save_path: SaveChooser = choose_answers_path,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Assignment answers")
        self.store = store
        self.catalog = catalog
        self._cohort_id: int | None = None
        self._reload_when_shown = ReloadWhenShown(self, self.reload)
        self._choose_save_path = choose_save_path
        self._last_folder = Path.home()

        self.participant_box = QComboBox(self)
        self.participant_box.setAccessibleName("Participant")
        self.participant_box.activated.connect(lambda _row: self.reload())
        self.session_box = QComboBox(self)
        self.session_box.setAccessibleName("Session")
        self.session_box.activated.connect(lambda _row: self.reload())
        self.status = QLabel(self)
        self.status.setAccessibleName("Status of these answers")
        self.status.setWordWrap(True)
        self.export_button = QPushButton("&Export as HTML…", self)
        self.export_button.setToolTip(
            "Save these answers as one web page, the stakeholder map and the mountain drawn"
        )
        self.export_button.clicked.connect(self.export_html)
        self.document = MarkdownView(self, open_link=open_link)
        self.document.setAccessibleName("Answers")
        style = self.document.document()
        style.setDefaultStyleSheet(style.defaultStyleSheet() + TABLE_STYLE)

        choosers = QFormLayout()
        choosers.addRow("&Participant:", self.participant_box)
        choosers.addRow("&Session:", self.session_box)
        top = QHBoxLayout()
        top.addLayout(choosers)
        top.addWidget(self.status, 1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.document, 1)
        events.assignment_did_import.connect(lambda _id: self._mark_stale())
        self._show_nothing("Choose a cohort to read its participants' answers.")

    # ------------------------------------------------------------------ choosing

    def set_cohort(self, cohort_id: int | None) -> None:
        """Offer the cohort's participants and the sessions that have an assignment."""
        self._cohort_id = cohort_id
        self.participant_box.clear()
        self.session_box.clear()
        if cohort_id is None:
            self._show_nothing("Choose a cohort to read its participants' answers.")
            return
        for person in list_participants(self.store, cohort_id):
            suffix = " (withdrawn)" if person.withdrawn_at is not None else ""
            self.participant_box.addItem(person.display_name + suffix, person.id)
        for module in self._modules(cohort_id):
            assert module.assignment is not None
            self.session_box.addItem(
                f"Session {module.number}: {module.assignment.title}", module.id
            )
        self.reload()

    def show_answers(self, participant_id: int, module_id: str) -> None:
        """Open on one participant and session (from the cohort overview's grid)."""
        person = get_participant(self.store, participant_id)
        if person.cohort_id != self._cohort_id:
            self.set_cohort(person.cohort_id)
        self.participant_box.setCurrentIndex(max(0, self.participant_box.findData(participant_id)))
        self.session_box.setCurrentIndex(max(0, self.session_box.findData(module_id)))
        self.reload()

    # ------------------------------------------------------------------ showing

    def reload(self) -> None:
        self._reload_when_shown.mark_fresh()
        self.export_button.setEnabled(False)
        participant_id = self.participant_box.currentData()
        module = self.catalog.get(self.session_box.currentData() or "")
        if participant_id is None or module is None or module.assignment is None:
            self._show_nothing("Nobody on the roster yet, or no session with an assignment.")
            return
        response = get_response(self.store, participant_id, module.id)
        self.status.setText(status_text(response))
        if response is None:
            self.document.setHtml(
                f"<h1>{html.escape(module.assignment.title)}</h1><p><i>Nothing here yet: answers "
                "appear once the participant shares them and you import their file.</i></p>"
            )
            return
        self.export_button.setEnabled(True)
        body, pictures = answers_document(module.assignment, response.values, self.document)
        self.document.setHtml(f"<h1>{html.escape(module.assignment.title)}</h1>\n{body}")
        document = self.document.document()
        for picture in pictures:
            document.addResource(
                QTextDocument.ResourceType.ImageResource.value, picture.url, picture.image
            )
        document.markContentsDirty(0, document.characterCount())

    def export_html(self) -> Path | None:
        """Ask where, then save the shown answers as a page; the path written, or None."""
        participant_id = self.participant_box.currentData()
        module = self.catalog.get(self.session_box.currentData() or "")
        if participant_id is None or module is None:
            return None
        name = slug(f"{self.participant_box.currentText()} session {module.number}", "answers")
        chosen = self._choose_save_path(self, str(self._last_folder / f"{name}.html"))
        if not chosen:
            return None
        path = Path(chosen)
        try:
            page = answers_html(self.store, self.catalog, participant_id, module.id)
            write_text_atomic(path, page)
        except (ExportError, OSError) as error:
            self.status.setText(f"The answers were not exported: {error}")
            return None
        self._last_folder = path.parent
        self.status.setText(f"Exported to {path.name}.")
        return path

    def _modules(self, cohort_id: int) -> list[Module]:
        """The cohort's sessions that have an assignment, in order; every module if no runs."""
        ids = [run.module_id for run in list_runs(self.store, cohort_id)]
        modules = [m for m in (self.catalog.get(i) for i in ids) if m is not None]
        if not ids:
            modules = list(self.catalog.modules)
        return [m for m in modules if m.assignment is not None]

    def _show_nothing(self, text: str) -> None:
        self.status.setText(text)
        self.document.clear()

    def _mark_stale(self) -> None:
        if self._cohort_id is not None:
            self._reload_when_shown.request()
