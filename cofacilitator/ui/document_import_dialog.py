"""Bringing a filled-in shared document, or the call's saved chat, into a session's record.

Nothing is stored until the facilitator has seen exactly what will be: the preview lists every
line that will be added, who it is from (as matched to the roster) and where it goes. Names nobody
on the roster has are listed once each, with the choice of taking the person in as a walk-in or
keeping their lines anonymous; the list follows each choice. "Add N notes" stores all of it in one
transaction; Cancel, or closing the window, stores nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.chat_import import preview_chat
from cofacilitator.document_formats import (
    DocLine,
    DocumentFormatError,
    decode_text,
    lines_to_markdown,
    read_document_file,
)
from cofacilitator.document_import import preview_document
from cofacilitator.import_apply import ImportResult, apply_preview
from cofacilitator.import_preview import (
    Author,
    Decision,
    ImportPreview,
    Proposal,
    ProposedFeedback,
    ProposedNote,
    ProposedQuestion,
    ProposedRollCall,
    ProposedRow,
    SessionNotFound,
)
from cofacilitator.name_matching import MatchStatus, name_key
from cofacilitator.runs import get_run
from cofacilitator.session_outline import FEEDBACK_LABELS
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.sessions.schema import NOTE_KINDS, Module, SegmentKind
from cofacilitator.store.database import Store
from cofacilitator.ui.events import Events
from cofacilitator.ui.file_choosers import ask_open_path

OpenChooser = Callable[[QWidget, str], str | None]
"""Asks for a file to read, given the filter of the kinds offered; None when cancelled."""

DOCUMENT_FILTER = "Documents (*.docx *.html *.htm *.md *.markdown *.txt);;All files (*)"
CHAT_FILTER = "Saved chats (*.txt *.log);;All files (*)"
CHAT_KINDS = NOTE_KINDS | {SegmentKind.ROLL_CALL, SegmentKind.QA}
"""Segments a chat may be filed under: those whose notes are kept as notes."""


def choose_import_file(parent: QWidget, file_filter: str) -> str | None:
    return ask_open_path(parent, "Choose a file to import", file_filter)


def add_button_text(count: int) -> str:
    if count == 0:
        return "Nothing new to add"
    return f"&Add {count} note{'s' if count != 1 else ''}"


class DocumentImportDialog(QDialog):
    """Paste or choose a document (or a chat), preview it, then add it or cancel.

    ``imported`` carries the ``ImportResult`` once the notes are stored, just before the dialog
    closes; the cohort's change is announced on ``events`` too.
    """

    imported = Signal(object)

    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        events: Events,
        run_id: int,
        *,
        choose_file: OpenChooser = choose_import_file,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._catalog = catalog
        self._events = events
        self._run_id = run_id
        self._choose_file = choose_file
        run = get_run(store, run_id)
        self._cohort_id = run.cohort_id
        self._module: Module | None = catalog.get(run.module_id)
        title = self._module.title if self._module is not None else run.module_id
        self.setWindowTitle(f"Import notes into Session {run.module_number}: {title}")
        self._file_lines: tuple[DocLine, ...] | None = None
        self._filling = False
        self._preview: ImportPreview | None = None
        self._choices: dict[str, QButtonGroup] = {}
        self._bold = QFont(self.font())
        self._bold.setBold(True)

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("What to import")
        self.document_text = self._paste_box(
            "Pasted shared document",
            "Paste the filled-in shared document here (copy everything in the editor), "
            "or choose the downloaded file.",
        )
        self.document_text.textChanged.connect(self._document_edited)
        self.document_file_button = QPushButton("Choose &file…", self)
        self.document_file_button.setAccessibleName(
            "Choose a shared document file: .docx, .html, .md or .txt"
        )
        self.document_file_button.clicked.connect(self.choose_document_file)
        self.document_file_label = self._quiet_label("Shared document file")
        document_page = QWidget(self)
        document_layout = QVBoxLayout(document_page)
        document_layout.addWidget(self.document_text, 1)
        document_layout.addLayout(
            self._file_row(self.document_file_button, self.document_file_label)
        )

        self.chat_text = self._paste_box(
            "Pasted chat",
            "Paste the call's chat, or choose the saved chat file. Private messages are "
            "never imported.",
        )
        self.chat_text.textChanged.connect(self._text_changed)
        self.chat_file_button = QPushButton("Choose f&ile…", self)
        self.chat_file_button.setAccessibleName("Choose a saved chat file")
        self.chat_file_button.clicked.connect(self.choose_chat_file)
        self.chat_file_label = self._quiet_label("Chat file")
        self.segment_box = QComboBox(self)
        self.segment_box.setAccessibleName("Part of the session the chat belongs to")
        self.prompt_box = QComboBox(self)
        self.prompt_box.setAccessibleName("Prompt the chat answers")
        # Titles and prompts are long: the boxes must not widen the whole window to fit them.
        for box in (self.segment_box, self.prompt_box):
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(24)
        self._fill_segments()
        self.segment_box.currentIndexChanged.connect(lambda _i: self._fill_prompts())
        self.prompt_box.currentIndexChanged.connect(lambda _i: self._target_changed())
        target = QFormLayout()
        target.addRow("&Part of the session:", self.segment_box)
        target.addRow("Pro&mpt:", self.prompt_box)
        chat_page = QWidget(self)
        chat_layout = QVBoxLayout(chat_page)
        chat_layout.addWidget(self.chat_text, 1)
        chat_layout.addLayout(self._file_row(self.chat_file_button, self.chat_file_label))
        chat_layout.addLayout(target)
        self.tabs.addTab(document_page, "Shared &document")
        self.tabs.addTab(chat_page, "&Chat")
        self.tabs.currentChanged.connect(lambda _i: self._clear_preview())
        self.preview_button = QPushButton("&Preview", self)
        self.preview_button.setAccessibleName("Preview what would be added")
        self.preview_button.setToolTip("Reads only; nothing is stored yet")
        self.preview_button.clicked.connect(self.make_preview)
        source = QWidget(self)
        source_layout = QVBoxLayout(source)
        source_layout.setContentsMargins(0, 0, 0, 0)
        source_layout.addWidget(self.tabs, 1)
        preview_row = QHBoxLayout()
        preview_row.addStretch(1)
        preview_row.addWidget(self.preview_button)
        source_layout.addLayout(preview_row)

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("What the import would do")
        self.added_list = QListWidget(self)
        self.added_list.setAccessibleName("Notes that will be added, under where each goes")
        self.added_list.setWordWrap(True)
        self.added_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.added_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.added_list.setSpacing(1)
        self.names_box = QGroupBox("Names not on the roster", self)
        self.names_box.setAccessibleName("Names not on the roster")
        self._names_grid = QGridLayout(self.names_box)
        self.names_scroll = QScrollArea(self)
        self.names_scroll.setWidgetResizable(True)
        self.names_scroll.setWidget(self.names_box)
        self.names_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.names_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.names_scroll.setMaximumHeight(self.fontMetrics().lineSpacing() * 12)
        result = QWidget(self)
        result_layout = QVBoxLayout(result)
        result_layout.setContentsMargins(0, 0, 0, 0)
        result_layout.addWidget(self.summary)
        result_layout.addWidget(self.added_list, 3)
        result_layout.addWidget(self.names_scroll)

        splitter = QSplitter(self)
        splitter.addWidget(source)
        splitter.addWidget(result)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)

        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Import problem")
        self.add_button = QPushButton(add_button_text(0), self)
        self.add_button.setAccessibleName("Add the previewed notes to the session")
        self.add_button.clicked.connect(self.apply)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setAccessibleName("Cancel: store nothing")
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.problem, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        # Return previews; adding is always a deliberate click (or its Alt shortcut).
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        self.preview_button.setDefault(True)
        self.resize(1180, 680)
        self._clear_preview()
        if self._module is None:
            self.problem.setText(
                f"The module '{run.module_id}' of this session is not installed, so its notes "
                "cannot be read. Add its module file first."
            )
            self.preview_button.setEnabled(False)

    # ------------------------------------------------------------------------------ building

    def _paste_box(self, name: str, placeholder: str) -> QPlainTextEdit:
        box = QPlainTextEdit(self)
        box.setAccessibleName(name)
        box.setPlaceholderText(placeholder)
        box.setTabChangesFocus(True)
        return box

    def _quiet_label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setAccessibleName(name)
        label.setWordWrap(True)
        return label

    @staticmethod
    def _file_row(button: QPushButton, label: QLabel) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(button)
        row.addWidget(label, 1)
        return row

    def _fill_segments(self) -> None:
        if self._module is None:
            return
        for segment in self._module.segments:
            if segment.kind in CHAT_KINDS:
                self.segment_box.addItem(segment.title, segment.id)
        self._fill_prompts()

    def _fill_prompts(self) -> None:
        self.prompt_box.clear()
        segment_id = self.segment_box.currentData()
        if self._module is None or segment_id is None:
            return
        segment = self._module.segment(str(segment_id))
        for prompt in segment.prompts:
            self.prompt_box.addItem(prompt.text, prompt.id)
        if not segment.prompts:
            self.prompt_box.addItem("(the part as a whole)", "")
        self.prompt_box.setEnabled(len(segment.prompts) > 1)

    def choose_target(self, segment_id: str, prompt_id: str = "") -> None:
        """Where chat messages go, as the two boxes would be set by hand."""
        self.segment_box.setCurrentIndex(self.segment_box.findData(segment_id))
        self.prompt_box.setCurrentIndex(max(0, self.prompt_box.findData(prompt_id)))

    # ------------------------------------------------------------------------------ sources

    def choose_document_file(self) -> None:
        chosen = self._choose_file(self, DOCUMENT_FILTER)
        if not chosen:
            return
        path = Path(chosen)
        try:
            lines = read_document_file(path)
        except DocumentFormatError as problem:
            self.problem.setText(str(problem))
            return
        self._filling = True
        self.document_text.setPlainText(lines_to_markdown(lines))
        self._filling = False
        self._file_lines = lines
        self.document_file_label.setText(f"Read from {path.name}.")
        self.tabs.setCurrentIndex(0)
        self.make_preview()

    def choose_chat_file(self) -> None:
        chosen = self._choose_file(self, CHAT_FILTER)
        if not chosen:
            return
        path = Path(chosen)
        try:
            text = decode_text(path.read_bytes())
        except OSError as error:
            self.problem.setText(f"{path.name} could not be read ({error.strerror or error}).")
            return
        self._filling = True
        self.chat_text.setPlainText(text)
        self._filling = False
        self.chat_file_label.setText(f"Read from {path.name}.")
        self.tabs.setCurrentIndex(1)
        self.make_preview()

    def _text_changed(self) -> None:
        """What is shown must be what is added: any edit asks for a fresh preview."""
        if not self._filling:
            self._clear_preview()

    def _document_edited(self) -> None:
        """An edit after reading a file means the edited text is what the facilitator wants."""
        if not self._filling and self._file_lines is not None:
            self._file_lines = None
            self.document_file_label.setText("Edited after reading the file: the text is used.")
        self._text_changed()

    def _target_changed(self) -> None:
        if self._preview is not None and self.tabs.currentIndex() == 1:
            self.make_preview()

    # ------------------------------------------------------------------------------ preview

    @property
    def preview(self) -> ImportPreview | None:
        return self._preview

    def make_preview(self) -> ImportPreview | None:
        """Work out what would be added; stores nothing."""
        self.problem.clear()
        try:
            if self.tabs.currentIndex() == 0:
                text = self.document_text.toPlainText()
                if self._file_lines is None and not text.strip():
                    self.problem.setText("Paste the document or choose its file first.")
                    return None
                source: str | tuple[DocLine, ...] = (
                    self._file_lines if self._file_lines is not None else text
                )
                preview = preview_document(self._store, self._catalog, self._run_id, source)
            else:
                text = self.chat_text.toPlainText()
                if not text.strip():
                    self.problem.setText("Paste the chat or choose its file first.")
                    return None
                segment_id = self.segment_box.currentData()
                if segment_id is None:
                    self.problem.setText("This session has no part a chat can go under.")
                    return None
                preview = preview_chat(
                    self._store,
                    self._catalog,
                    self._run_id,
                    str(segment_id),
                    str(self.prompt_box.currentData() or ""),
                    text,
                )
        except (SessionNotFound, ValueError) as problem:
            self._clear_preview()
            self.problem.setText(str(problem))
            return None
        self._preview = preview
        self._build_choices(preview)
        self._show_plan()
        return preview

    def _clear_preview(self) -> None:
        self._preview = None
        self._build_choices(None)
        self.added_list.clear()
        self.summary.setText(
            "Paste or choose what to import, then Preview. Nothing is stored until you add it."
        )
        self.add_button.setText(add_button_text(0))
        self.add_button.setEnabled(False)

    def _build_choices(self, preview: ImportPreview | None) -> None:
        while self._names_grid.count():
            item = self._names_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._choices = {}
        names = preview.unknown_names if preview is not None else ()
        ambiguous = preview.ambiguous_names if preview is not None else ()
        self.names_scroll.setVisible(bool(names or ambiguous))
        if not (names or ambiguous):
            return
        counts = self._lines_per_name(preview)
        intro = QLabel(
            "Nobody on the roster has these names. Take each person in as a walk-in, or keep "
            "their lines without a name.",
            self.names_box,
        )
        intro.setWordWrap(True)
        self._names_grid.addWidget(intro, 0, 0, 1, 3)
        for row, name in enumerate(names, start=1):
            count = counts.get(name_key(name), 0)
            label = QLabel(f"<b>{name}</b> ({count} line{'s' if count != 1 else ''})")
            label.setAccessibleName(f"{name}, {count} lines")
            walk_in = QRadioButton("Add as walk-in", self.names_box)
            walk_in.setAccessibleName(f"Add {name} to the roster as a walk-in")
            anonymous = QRadioButton("Keep anonymous", self.names_box)
            anonymous.setAccessibleName(f"Keep the lines of {name} anonymous")
            anonymous.setChecked(True)
            group = QButtonGroup(self.names_box)
            group.addButton(walk_in, 0)
            group.addButton(anonymous, 1)
            group.idToggled.connect(lambda _id, on: on and self._show_plan())
            self._choices[name] = group
            self._names_grid.addWidget(label, row, 0)
            self._names_grid.addWidget(walk_in, row, 1)
            self._names_grid.addWidget(anonymous, row, 2)
        if ambiguous:
            note = QLabel(
                f"{', '.join(ambiguous)}: more than one person on the roster has "
                f"{'this name' if len(ambiguous) == 1 else 'these names'}, so those lines are "
                "kept anonymous. Write the full name in the document to tell them apart.",
                self.names_box,
            )
            note.setWordWrap(True)
            self._names_grid.addWidget(note, len(names) + 1, 0, 1, 3)
        self._names_grid.setColumnStretch(0, 1)
        self._names_grid.setRowStretch(len(names) + 2, 1)
        # As tall as the choices need, up to the cap; beyond it the box scrolls.
        self._names_grid.activate()
        self.names_scroll.setMinimumHeight(
            min(self.names_box.sizeHint().height(), self.names_scroll.maximumHeight())
        )

    @staticmethod
    def _lines_per_name(preview: ImportPreview | None) -> dict[str, int]:
        counts: dict[str, int] = {}
        for proposal in preview.proposals if preview is not None else ():
            if proposal.author.status is MatchStatus.UNKNOWN:
                key = name_key(proposal.author.written)
                counts[key] = counts.get(key, 0) + 1
        return counts

    def decisions(self) -> dict[str, Decision]:
        """Each unknown name with the choice shown beside it."""
        return {
            name: Decision.WALK_IN if group.checkedId() == 0 else Decision.ANONYMOUS
            for name, group in self._choices.items()
        }

    def set_decision(self, name: str, decision: Decision) -> None:
        group = self._choices[name]
        group.button(0 if decision is Decision.WALK_IN else 1).click()

    def _show_plan(self) -> None:
        preview = self._preview
        if preview is None:
            return
        decisions = self.decisions()
        plan = preview.plan(decisions)
        walk_ins = {name_key(n) for n, d in decisions.items() if d is Decision.WALK_IN}
        self.added_list.clear()
        place = ""
        for proposal in plan.added:
            who, where, text = self._describe(proposal, walk_ins)
            if where != place:
                place = where
                heading = QListWidgetItem(where, self.added_list)
                heading.setFont(self._bold)
                heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item = QListWidgetItem(f"    {who}: {text}", self.added_list)
            item.setData(Qt.ItemDataRole.UserRole, who)
        count = len(plan.added)
        parts = [
            f"{count} note{'s' if count != 1 else ''} will be added."
            if count
            else "Nothing new: everything here is in the record already, or has no name and "
            "no text to keep."
        ]
        if plan.skipped:
            parts.append(
                f"{len(plan.skipped)} line{'s' if len(plan.skipped) != 1 else ''} already in the "
                "record (or not kept) will be left out."
            )
        if preview.private_skipped:
            parts.append(
                f"{preview.private_skipped} private message"
                f"{'s were' if preview.private_skipped != 1 else ' was'} left out."
            )
        self.summary.setText(" ".join(parts))
        self.add_button.setText(add_button_text(count))
        self.add_button.setEnabled(count > 0)

    def _describe(self, proposal: Proposal, walk_ins: set[str]) -> tuple[str, str, str]:
        who = self._who(proposal.author, walk_ins)
        if isinstance(proposal, ProposedRollCall):
            return who, f"{self._segment_title(proposal.segment_id)} (roll call)", proposal.answer
        if isinstance(proposal, ProposedNote):
            return who, self._prompt_title(proposal.segment_id, proposal.prompt_id), proposal.text
        if isinstance(proposal, ProposedRow):
            cells = "; ".join(
                f"{column}: {cell}"
                for column, cell in zip(proposal.columns, proposal.cells, strict=True)
                if cell.strip()
            )
            return who, f"{self._segment_title(proposal.segment_id)} (table row)", cells
        if isinstance(proposal, ProposedQuestion):
            return who, f"{self._segment_title(proposal.segment_id)} (question)", proposal.text
        assert isinstance(proposal, ProposedFeedback)
        return who, f"Feedback: {FEEDBACK_LABELS[proposal.kind]}", proposal.text

    @staticmethod
    def _who(author: Author, walk_ins: set[str]) -> str:
        if author.status is MatchStatus.UNKNOWN:
            if name_key(author.written) in walk_ins:
                return f"{author.written} (new walk-in)"
            return "Anonymous"
        if author.status is MatchStatus.AMBIGUOUS:
            return "Anonymous"
        return author.shown

    def _segment_title(self, segment_id: str) -> str:
        if self._module is None:
            return segment_id
        try:
            return self._module.segment(segment_id).title
        except KeyError:
            return segment_id

    def _prompt_title(self, segment_id: str, prompt_id: str) -> str:
        title = self._segment_title(segment_id)
        if self._module is None or not prompt_id:
            return title
        try:
            segment = self._module.segment(segment_id)
        except KeyError:
            return title
        prompt = next((p for p in segment.prompts if p.id == prompt_id), None)
        return f"{title} › {prompt.text}" if prompt is not None else title

    # ------------------------------------------------------------------------------ apply

    def apply(self) -> ImportResult | None:
        """Store the preview as shown, in one transaction, and close."""
        preview = self._preview
        if preview is None:
            return None
        try:
            result = apply_preview(self._store, preview, self.decisions())
        except (SessionNotFound, ValueError) as problem:
            self.problem.setText(f"Nothing was added: {problem}")
            self.make_preview()
            return None
        self._events.cohort_did_change.emit(self._cohort_id)
        self.imported.emit(result)
        self.accept()
        return result
