"""Hand the blank shared document of a session to the cohort's document editor, or keep it.

The cohort fills in one shared document per session (Google Docs, HackMD, Etherpad, Word online).
Copying puts the document on the clipboard twice over: as HTML, so a rich editor keeps its
headings, lists and tables, and as plain Markdown, so a Markdown pad gets the source. Saving writes
the Markdown to a file, whole or not at all, like every file the facilitator keeps.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from cofacilitator.atomic_write import write_text_atomic
from cofacilitator.export_model import ExportError, ModuleLookup
from cofacilitator.shared_document import BlankDocument, blank_session_document
from cofacilitator.store.database import Store
from cofacilitator.ui.file_choosers import ask_save_path

SaveChooser = Callable[[QWidget, str], str | None]
"""Asks where to save, given the suggested file name; None when the facilitator cancels."""


def choose_markdown_path(parent: QWidget, suggested: str) -> str | None:
    return ask_save_path(
        parent, "Save the shared document", suggested, "Markdown (*.md);;All files (*)"
    )


def blank_document_mime(document: BlankDocument) -> QMimeData:
    """Rich text for document editors and the Markdown source for everything else."""
    data = QMimeData()
    data.setHtml(document.html)
    data.setText(document.markdown)
    return data


def suggested_markdown_name(document: BlankDocument) -> str:
    """ "Session 2: Community of practice" becomes session-2-community-of-practice.md."""
    words = re.sub(r"[^\w]+", "-", document.title.casefold()).strip("-_")[:80]
    return f"{words or 'shared-document'}.md"


class SharedDocumentActions(QWidget):
    """Two buttons for one session's blank shared document, and a line saying what happened."""

    def __init__(
        self,
        store: Store,
        modules: ModuleLookup,
        *,
        choose_save: SaveChooser = choose_markdown_path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Shared document of the session")
        self._store = store
        self._modules = modules
        self._choose_save = choose_save
        self._run_id: int | None = None

        self.copy_button = QPushButton("&Copy shared document", self)
        self.copy_button.setAccessibleName("Copy the blank shared document to the clipboard")
        self.copy_button.setToolTip(
            "Copies the session's blank document with its headings, lists and tables, "
            "ready to paste into the cohort's shared editor (Markdown for Markdown pads)"
        )
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        self.save_button = QPushButton("Save as .&md…", self)
        self.save_button.setAccessibleName("Save the blank shared document as a Markdown file")
        self.save_button.clicked.connect(self.save_markdown)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Shared document message")

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.set_run(None)

    def set_run(self, run_id: int | None) -> None:
        """The session whose document the buttons make; None disables them."""
        if run_id != self._run_id:
            self.status.clear()
        self._run_id = run_id
        self.copy_button.setEnabled(run_id is not None)
        self.save_button.setEnabled(run_id is not None)

    def _document(self) -> BlankDocument | None:
        if self._run_id is None:
            return None
        try:
            return blank_session_document(self._store, self._modules, self._run_id)
        except ExportError as problem:
            self.status.setText(str(problem))
            return None

    def copy_to_clipboard(self) -> BlankDocument | None:
        document = self._document()
        if document is None:
            return None
        QGuiApplication.clipboard().setMimeData(blank_document_mime(document))
        self.status.setText(
            f"Copied the shared document of {document.title}. Paste it into the cohort's "
            "document editor."
        )
        return document

    def save_markdown(self) -> Path | None:
        document = self._document()
        if document is None:
            return None
        chosen = self._choose_save(self, suggested_markdown_name(document))
        if not chosen:
            return None
        path = Path(chosen)
        if not path.suffix:
            path = path.with_suffix(".md")
        try:
            written = write_text_atomic(path, document.markdown)
        except OSError as error:
            self.status.setText(f"{path.name} could not be saved ({error.strerror or error}).")
            return None
        self.status.setText(f"Saved {written.name}.")
        return written
