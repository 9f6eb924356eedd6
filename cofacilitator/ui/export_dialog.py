"""Export: one session's notes, or a whole cohort's, to a Markdown or HTML file the user keeps.

The runner and the cohort overview both open this dialog through :func:`open_export_dialog`. It
asks only what the export needs (which notes, which format, whether to hide every name), then the
save-file chooser asks where. The export reads the store and writes the file off the UI thread
(``run_op``), atomically, so a call in progress never freezes and a crash never leaves half a
file. The outcome is shown in the dialog itself rather than in another modal box: a failure says
why in plain words, a success offers to open the folder. The folder is remembered in the
settings, so the next export starts where the last one went.

The privacy rules are not options here: they are applied by the core on every export. The
dialog says so, so nobody ticks the pseudonym box thinking it is what keeps private notes out.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid
from sqlalchemy.exc import NoResultFound

from cofacilitator.atomic_write import write_text_atomic
from cofacilitator.cohorts import get_cohort
from cofacilitator.export_markdown import ExportFormat, export_cohort, export_session
from cofacilitator.export_model import ExportError, ModuleLookup
from cofacilitator.runs import get_run, list_runs
from cofacilitator.store.database import Store
from cofacilitator.ui.background import Runner, run_op
from cofacilitator.ui.file_choosers import ask_save_path
from cofacilitator.ui.markdown_view import LinkOpener
from cofacilitator.ui.settings import SettingsFile

SaveFileChooser = Callable[[QWidget, Path, ExportFormat], str | None]
"""Asks where to save, starting at the suggested path; ``None`` when the user cancels.
Tests hand in one that answers without a dialog."""

FORMAT_FILTERS: dict[ExportFormat, str] = {
    ExportFormat.MARKDOWN: "Markdown (*.md)",
    ExportFormat.HTML: "Web page (*.html)",
}
PRIVACY_NOTE = (
    "People who have not agreed to be named always appear under a pseudonym. Private and "
    "off-the-record notes are never included."
)


def choose_export_file(parent: QWidget, suggested: Path, fmt: ExportFormat) -> str | None:
    """The platform's save dialog; it asks before replacing an existing file."""
    return ask_save_path(
        parent, "Export session notes", str(suggested), f"{FORMAT_FILTERS[fmt]};;All files (*)"
    )


def slug(text: str, fallback: str) -> str:
    """Words of ``text`` joined by hyphens: safe in a file name on every file system."""
    return re.sub(r"[^\w]+", "-", text.casefold()).strip("-_")[:60] or fallback


@dataclass(frozen=True)
class ExportSubject:
    """What the dialog can export, read once when it opens: labels and file names, no ORM."""

    run_id: int | None
    cohort_id: int | None
    session_label: str
    cohort_label: str
    session_stem: str
    cohort_stem: str


def describe_subject(
    store: Store, modules: ModuleLookup, run_id: int | None, cohort_id: int | None
) -> ExportSubject:
    """Titles for the choices and default file names such as
    ``demo-cohort-session-2-community-of-practice-basics``.

    A run or cohort that cannot be read still gets a dialog with neutral wording: the export
    itself then reports the problem in the core's own words.
    """
    session_label, session_stem = "This &session", "session-notes"
    if run_id is not None:
        try:
            run = get_run(store, run_id)
        except NoResultFound:
            run = None
        if run is not None:
            cohort_id = run.cohort_id if cohort_id is None else cohort_id
            module = modules.get(run.module_id)
            title = f"Session {run.module_number}" + (f": {module.title}" if module else "")
            session_label = f"This &session ({_literal(title)})"
            session_stem = f"session-{run.module_number}" + (
                f"-{slug(module.title, 'notes')}" if module else ""
            )
    cohort_label, cohort_stem = "The &whole cohort", "cohort-session-notes"
    if cohort_id is not None:
        try:
            cohort_name = get_cohort(store, cohort_id).name
        except NoResultFound:
            cohort_name = ""
        if cohort_name:
            count = len(list_runs(store, cohort_id))
            sessions = "1 session" if count == 1 else f"{count} sessions"
            cohort_label = f"The &whole cohort ({_literal(cohort_name)}, {sessions})"
            cohort_stem = f"{slug(cohort_name, 'cohort')}-session-notes"
            session_stem = f"{slug(cohort_name, 'cohort')}-{session_stem}"
    return ExportSubject(run_id, cohort_id, session_label, cohort_label, session_stem, cohort_stem)


class ExportDialog(QDialog):
    """Choose what to export and how, then where; the export runs in the background."""

    def __init__(
        self,
        store: Store,
        modules: ModuleLookup,
        settings: SettingsFile | None,
        *,
        run_id: int | None = None,
        cohort_id: int | None = None,
        runner: Runner | None = None,
        choose_file: SaveFileChooser = choose_export_file,
        open_folder: LinkOpener = QDesktopServices.openUrl,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if run_id is None and cohort_id is None:
            raise ValueError("an export needs a session run or a cohort")
        self._store = store
        self._modules = modules
        self._settings = settings
        self._runner = runner
        self._choose_file = choose_file
        self._open_folder = open_folder
        self._subject = describe_subject(store, modules, run_id, cohort_id)
        self._busy = False
        self._written: Path | None = None

        self.setWindowTitle("Export session notes")
        self.setAccessibleName("Export session notes")
        self.setMinimumWidth(520)

        self.session_choice = QRadioButton(self._subject.session_label)
        self.session_choice.setAccessibleName("Export this session")
        self.session_choice.setEnabled(run_id is not None)
        self.cohort_choice = QRadioButton(self._subject.cohort_label)
        self.cohort_choice.setAccessibleName("Export the whole cohort")
        self.cohort_choice.setEnabled(self._subject.cohort_id is not None)
        scope = QButtonGroup(self)
        scope.addButton(self.session_choice)
        scope.addButton(self.cohort_choice)
        (self.session_choice if run_id is not None else self.cohort_choice).setChecked(True)

        self.markdown_choice = QRadioButton("&Markdown (.md)")
        self.markdown_choice.setAccessibleName("Markdown format")
        self.markdown_choice.setToolTip("Plain text that reads well anywhere and pastes into docs")
        self.html_choice = QRadioButton("&HTML web page (.html)")
        self.html_choice.setAccessibleName("HTML format")
        self.html_choice.setToolTip("A single page that opens in any web browser")
        formats = QButtonGroup(self)
        formats.addButton(self.markdown_choice)
        formats.addButton(self.html_choice)
        self.markdown_choice.setChecked(True)

        self.pseudonyms_box = QCheckBox("Use &pseudonyms for everyone")
        self.pseudonyms_box.setAccessibleName("Use pseudonyms for everyone")
        privacy = QLabel(PRIVACY_NOTE)
        privacy.setWordWrap(True)
        privacy.setAccessibleName("What is never exported")
        privacy.setAccessibleDescription(PRIVACY_NOTE)

        form = QFormLayout()
        form.addRow("Export:", _stacked(self.session_choice, self.cohort_choice))
        form.addRow("Format:", _stacked(self.markdown_choice, self.html_choice))
        form.addRow("Names:", _stacked(self.pseudonyms_box, privacy))

        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setAccessibleDescription("How the export went")
        self.open_folder_button = QPushButton("Open &folder")
        self.open_folder_button.setAccessibleName("Open the folder of the exported file")
        self.open_folder_button.clicked.connect(self._show_folder)
        self.open_folder_button.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = buttons.addButton("&Export…", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setAccessibleName("Choose a file and export")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAccessibleName("Close the export dialog")
        buttons.rejected.connect(self.reject)

        form.setVerticalSpacing(8)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(12)
        layout.addWidget(self.message_label)
        # "Open folder" sits on the left, apart from the buttons that act on the dialog.
        bottom = QHBoxLayout()
        bottom.addWidget(self.open_folder_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        # Qt sizes a dialog's height at its narrowest, where the labels wrap most; measured at
        # the real width instead, the dialog opens without gaps.
        width = max(self.minimumWidth(), self.sizeHint().width())
        self.resize(width, self._height_for(width))
        self.export_button.setFocus()

    # ------------------------------------------------------------------------------ choices

    @property
    def format(self) -> ExportFormat:
        return ExportFormat.HTML if self.html_choice.isChecked() else ExportFormat.MARKDOWN

    @property
    def exports_cohort(self) -> bool:
        return self.cohort_choice.isChecked()

    def suggested_path(self) -> Path:
        """The remembered folder (if it still exists) and a name made of cohort and session."""
        remembered = self._settings.current.last_export_folder if self._settings else ""
        folder = Path(remembered) if remembered and Path(remembered).is_dir() else Path.home()
        stem = self._subject.cohort_stem if self.exports_cohort else self._subject.session_stem
        return folder / f"{stem}.{self.format.value}"

    # ------------------------------------------------------------------------------ export

    def export(self) -> None:
        """Ask where, then export and write in the background; the dialog waits, visibly."""
        if self._busy:
            return
        fmt = self.format
        chosen = self._choose_file(self, self.suggested_path(), fmt)
        if not chosen:
            return
        target = Path(chosen).expanduser()
        if not target.suffix:
            target = target.with_suffix(f".{fmt.value}")
        store, modules = self._store, self._modules
        pseudonymize = self.pseudonyms_box.isChecked()
        run_id, cohort_id = self._subject.run_id, self._subject.cohort_id
        exports_cohort = self.exports_cohort

        def work() -> Path:
            # The disabled choice guarantees the id it needs; the other id may be None.
            if exports_cohort:
                assert cohort_id is not None
                text = export_cohort(store, modules, cohort_id, fmt, pseudonymize)
            else:
                assert run_id is not None
                text = export_session(store, modules, run_id, fmt, pseudonymize)
            return write_text_atomic(target, text)

        self._set_busy(True)
        self._show_message("Exporting…", folder=None)
        run_op(
            self.parentWidget(),
            work,
            self._exported,
            lambda error: self._failed(error, target),
            "Exporting session notes…",
            runner=self._runner,
        )

    def _exported(self, written: Path) -> None:
        if self._settings is not None:
            # The file is written; failing to remember its folder must not turn that into an
            # error, so a settings file that cannot be saved is left as it was.
            with contextlib.suppress(OSError):
                self._settings.update(last_export_folder=str(written.parent))
        if not isValid(self):
            return
        self._written = written
        self._set_busy(False)
        self._show_message(f"Exported to {written.name}\nin {written.parent}.", folder=written)
        self.open_folder_button.setFocus()

    def _failed(self, error: BaseException, target: Path) -> None:
        if not isValid(self):
            return
        self._set_busy(False)
        self._show_message(f"Nothing was exported. {failure_text(error, target)}", folder=None)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (
            self.export_button,
            self.close_button,
            self.session_choice,
            self.cohort_choice,
            self.markdown_choice,
            self.html_choice,
            self.pseudonyms_box,
        ):
            widget.setEnabled(not busy and self._offered(widget))

    def _offered(self, widget: QWidget) -> bool:
        """Choices the subject does not offer stay disabled after an export, too."""
        if widget is self.session_choice:
            return self._subject.run_id is not None
        if widget is self.cohort_choice:
            return self._subject.cohort_id is not None
        return True

    def _show_message(self, text: str, *, folder: Path | None) -> None:
        self.message_label.setText(text)
        self.open_folder_button.setVisible(folder is not None)
        needed = self._height_for(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _height_for(self, width: int) -> int:
        """The height the wrapped labels need at ``width``: a long message must not squeeze
        the privacy note above it."""
        layout = self.layout()
        layout.activate()
        return layout.totalHeightForWidth(width)

    def _show_folder(self) -> None:
        if self._written is not None:
            self._open_folder(QUrl.fromLocalFile(str(self._written.parent)))

    def message(self) -> str:
        """What the dialog says about the last export, for tests and screenshots."""
        return self.message_label.text()

    def reject(self) -> None:
        """Escape and the window's close button wait while the file is being written: the
        outcome, good or bad, is shown here and nowhere else."""
        if not self._busy:
            super().reject()


def _literal(text: str) -> str:
    """Text shown in a button label, its ampersands kept rather than read as shortcuts."""
    return text.replace("&", "&&")


def failure_text(error: BaseException, target: Path) -> str:
    """A sentence for the facilitator: the core's own message, or what the system refused."""
    if isinstance(error, ExportError):
        return str(error)
    if isinstance(error, OSError):
        return f"{target} could not be written: {error.strerror or error}."
    return f"Something went wrong: {error}"


def _stacked(*widgets: QWidget) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        column.addWidget(widget)
    return box


def open_export_dialog(
    parent: QWidget | None,
    store: Store,
    modules: ModuleLookup,
    settings: SettingsFile | None,
    *,
    run_id: int | None = None,
    cohort_id: int | None = None,
    runner: Runner | None = None,
    choose_file: SaveFileChooser | None = None,
    open_folder: LinkOpener | None = None,
) -> ExportDialog:
    """Open the export dialog over ``parent`` without blocking it, and return it.

    Give ``run_id`` from the runner (the cohort is found from the run) and ``cohort_id`` from
    the cohort overview. The dialog deletes itself when closed.
    """
    dialog = ExportDialog(
        store,
        modules,
        settings,
        run_id=run_id,
        cohort_id=cohort_id,
        runner=runner,
        choose_file=choose_file or choose_export_file,
        open_folder=open_folder or QDesktopServices.openUrl,
        parent=parent,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
