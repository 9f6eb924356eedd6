"""Importing hand-back files: choose or drop one or many, and see plainly what became of each.

Each file is imported or refused on its own (``assignment_store.import_handbacks``), off the UI
thread through the app's one background helper. The result lists every file with a word and a
symbol (imported, already imported, refused) and the reason in full, so a facilitator can tell a
participant exactly what to send again. Every answer that changed is announced with
``assignment_did_import``; the views showing it re-read the store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.assignment_store import (
    ImportOutcome,
    ImportReport,
    ImportStatus,
    get_response,
    import_handbacks,
)
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.store.database import Store
from cofacilitator.ui.background import Runner, run_op
from cofacilitator.ui.events import Events

FilesChooser = Callable[[QWidget], list[Path]]

OUTCOME_WORDS = {
    ImportStatus.IMPORTED: "✓ Imported",
    ImportStatus.ALREADY_IMPORTED: "= Already imported",
    ImportStatus.REFUSED: "✗ Refused",
}


def choose_handback_files(parent: QWidget) -> list[Path]:
    paths, _filter = QFileDialog.getOpenFileNames(
        parent,
        "Choose the hand-back files participants sent",
        str(Path.home()),
        "Hand-back files (*.md);;All files (*)",
    )
    return [Path(path) for path in paths]


def outcome_text(outcome: ImportOutcome) -> str:
    """The word for what happened, then the core's own sentence, which names the file."""
    return f"{OUTCOME_WORDS[outcome.status]}: {outcome.message}"


def report_summary(report: ImportReport) -> str:
    parts = [f"{len(report.imported)} imported"]
    if report.already_imported:
        parts.append(f"{len(report.already_imported)} already imported")
    if report.refused:
        parts.append(f"{len(report.refused)} refused")
    files = len(report.outcomes)
    return f"{files} file{'s' if files != 1 else ''}: " + ", ".join(parts) + "."


class ImportDialog(QDialog):
    """Import hand-back files into ``cohort_id`` (or any cohort of the store when None)."""

    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        events: Events,
        *,
        cohort_id: int | None = None,
        runner: Runner | None = None,
        choose_files: FilesChooser = choose_handback_files,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import hand-back files")
        self.setAccessibleName("Import hand-back files")
        self.setAcceptDrops(True)
        self.store = store
        self.catalog = catalog
        self.events = events
        self.cohort_id = cohort_id
        self._runner = runner
        self._choose_files = choose_files
        self.report: ImportReport | None = None

        intro = QLabel(
            "Drop the files participants sent you here, or choose them. Each file is checked "
            "whole: it is imported, or it is refused with the reason and nothing of it is kept."
        )
        intro.setWordWrap(True)
        self.choose_button = QPushButton("&Choose files…", self)
        self.choose_button.setAccessibleName("Choose hand-back files to import")
        self.choose_button.clicked.connect(self.choose_and_import)
        self.progress = QLabel(self)
        self.progress.setAccessibleName("Import progress")
        self.progress.setWordWrap(True)
        self.results = QListWidget(self)
        self.results.setAccessibleName("What happened to each file")
        self.results.setWordWrap(True)
        self.results.setSpacing(4)
        self.results.setTextElideMode(Qt.TextElideMode.ElideNone)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.progress)
        layout.addWidget(self.results, 1)
        layout.addWidget(buttons)
        self.resize(760, 460)

    def choose_and_import(self) -> None:
        paths = self._choose_files(self)
        if paths:
            self.import_paths(paths)

    def import_paths(self, paths: Sequence[Path]) -> None:
        """Import ``paths`` in the background; the list fills in when it is done."""
        files = [Path(p) for p in paths]
        store, catalog, cohort_id = self.store, self.catalog, self.cohort_id
        self.choose_button.setEnabled(False)
        self.progress.setText(f"Importing {len(files)} file{'s' if len(files) != 1 else ''}…")
        run_op(
            self,
            lambda: import_handbacks(store, files, catalog, cohort_id=cohort_id),
            self._imported,
            self._failed,
            runner=self._runner,
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.import_paths(files)

    def _imported(self, report: ImportReport) -> None:
        self.report = report
        self.choose_button.setEnabled(True)
        self.progress.setText(report_summary(report))
        style = self.style()
        icons = {
            ImportStatus.IMPORTED: style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton),
            ImportStatus.ALREADY_IMPORTED: style.standardIcon(
                QStyle.StandardPixmap.SP_MessageBoxInformation
            ),
            ImportStatus.REFUSED: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        }
        for outcome in report.outcomes:
            item = QListWidgetItem(icons[outcome.status], outcome_text(outcome))
            item.setToolTip(str(outcome.path))
            self.results.addItem(item)
        self.results.scrollToBottom()
        for participant_id, module_id in report.changed:
            response = get_response(self.store, participant_id, module_id)
            if response is not None:
                self.events.assignment_did_import.emit(response.id)

    def _failed(self, error: BaseException) -> None:
        self.choose_button.setEnabled(True)
        self.progress.setText(f"The import stopped: {error}")
