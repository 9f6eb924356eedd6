"""Peer feedback: the reviewer's window, and the File menu's two ways into the exchange.

The curriculum suggests that peers comment on each other's answers to Assignment 2.
:class:`PeerReviewWindow` is the reviewer's side: the peer's answers on the left, read-only, and
on the right a comment box per field plus an overall comment. What is typed is kept as a draft in
the private data folder (debounced, and at once when a box loses focus or the window closes), so
closing the window loses nothing; "Save reply…" writes the reply file the reviewer sends back
themselves. The author reads the comments in :class:`PeerFeedbackWindow`.

:func:`review_peer_assignment` and :func:`open_feedback_on_my_assignment` are what the File menu
calls: they ask for the files, refuse unreadable ones in plain words, and open the window.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent, QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.handback import HandBack
from cofacilitator.peer_review import (
    PeerReply,
    ReplyRefused,
    ReviewDraft,
    load_review_draft,
    read_reply,
    save_review_draft,
    suggested_reply_filename,
    write_reply,
)
from cofacilitator.sessions.schema import Module
from cofacilitator.ui.autosave import NOT_SAVED, SAVED, SAVING, Autosave
from cofacilitator.ui.file_choosers import ask_save_path
from cofacilitator.ui.handback_reading import (
    OpenChooser,
    Tell,
    answers_markdown,
    choose_file_to_read,
    open_handback,
    plain_label,
    reading_view,
    scroll_to_heading,
    session_line,
    tell_problem,
)
from cofacilitator.ui.markdown_view import LinkOpener, MarkdownView
from cofacilitator.ui.peer_feedback_window import PeerFeedbackWindow

SaveChooser = Callable[[QWidget, str], str | None]
"""Asks where to save the reply; gets the parent and the suggested path."""
Now = Callable[[], datetime]
DRAFT_DELAY_MS = 800
"""A pause in typing this long keeps the draft; short enough that a crash loses one sentence."""
COMMENT_LINES = 4
"""Lines a comment box shows before it scrolls: room for a few sentences, many boxes per screen."""

DRAFT_STATUS = {
    SAVING: "Keeping your draft…",
    SAVED: "Draft kept on this computer",
}


def choose_reply_path(parent: QWidget, suggested: str) -> str | None:
    return ask_save_path(parent, "Save your reply", suggested, "Markdown files (*.md)")


def utc_now() -> datetime:
    return datetime.now(UTC)


# ------------------------------------------------------------------------------ opening


def review_peer_assignment(
    parent: QWidget,
    modules: Sequence[Module],
    drafts: Path,
    *,
    choose_file: OpenChooser = choose_file_to_read,
    choose_save_path: SaveChooser = choose_reply_path,
    tell: Tell = tell_problem,
    now: Now = utc_now,
    open_link: LinkOpener = QDesktopServices.openUrl,
) -> PeerReviewWindow | None:
    """Ask for a peer's hand-back file and open it for comments; None if nothing opened."""
    opened = open_handback(
        parent,
        modules,
        "Open the hand-back file a peer sent you",
        refused="This file cannot be reviewed",
        unknown="This file cannot be reviewed",
        choose_file=choose_file,
        tell=tell,
    )
    if opened is None:
        return None
    handback, module = opened
    window = PeerReviewWindow(
        handback,
        module,
        drafts,
        parent=parent,
        choose_save_path=choose_save_path,
        tell=tell,
        now=now,
        open_link=open_link,
    )
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return window


def open_feedback_on_my_assignment(
    parent: QWidget,
    modules: Sequence[Module],
    *,
    choose_file: OpenChooser = choose_file_to_read,
    tell: Tell = tell_problem,
    open_link: LinkOpener = QDesktopServices.openUrl,
) -> PeerFeedbackWindow | None:
    """Ask for the author's own hand-back file, then the reply about it, and show them together."""
    opened = open_handback(
        parent,
        modules,
        "Open your hand-back file (the answers you sent)",
        refused="This is not your hand-back file",
        unknown="These answers cannot be shown",
        choose_file=choose_file,
        tell=tell,
    )
    if opened is None:
        return None
    handback, module = opened
    chosen_reply = choose_file(parent, "Open the feedback file you received")
    if not chosen_reply:
        return None
    try:
        reply = read_reply(Path(chosen_reply), about=handback)
    except ReplyRefused as refusal:
        tell(parent, "This feedback cannot be opened", refusal.message)
        return None
    window = PeerFeedbackWindow(handback, reply, module, parent=parent, open_link=open_link)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return window


# ------------------------------------------------------------------------------ reviewer


class PeerReviewWindow(QWidget):
    """A peer's answers, read-only, beside a comment box per field; saves a reply file.

    Every edit goes to the draft for these answers (``drafts`` folder); the reply file is only
    written when the reviewer asks, to a place they choose, and leaves the app only when they
    send it.
    """

    def __init__(
        self,
        handback: HandBack,
        module: Module,
        drafts: Path,
        *,
        parent: QWidget | None = None,
        choose_save_path: SaveChooser = choose_reply_path,
        tell: Tell = tell_problem,
        now: Now = utc_now,
        open_link: LinkOpener = QDesktopServices.openUrl,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        if module.assignment is None:
            raise ValueError(f"module {module.id!r} has no assignment to review")
        self._handback = handback
        self._module = module
        self._assignment = module.assignment
        self._drafts = drafts
        self._choose_save_path = choose_save_path
        self._tell = tell
        self._now = now
        self._last_saved: Path | None = None
        author = handback.participant_name
        self.setWindowTitle(f"Feedback on {author}'s answers")
        self.setAccessibleName(f"Feedback on {author}'s answers")

        self._answers = reading_view(f"{author}'s answers, read-only", open_link)
        self._answers.set_markdown(
            answers_markdown(handback, self._assignment, f"{author}'s answers")
        )

        self._name = QLineEdit()
        self._name.setAccessibleName("Your name")
        self._name.setPlaceholderText("How your name appears on the reply")
        self._overall = self._comment_box("Overall comment")
        self._comments: dict[str, QPlainTextEdit] = {}
        for form_field in self._assignment.fields:
            self._comments[form_field.id] = self._comment_box(f"Comment on {form_field.label}")

        self._autosave = Autosave(DRAFT_DELAY_MS, self)
        self._status = plain_label("", muted=True)
        self._status.setAccessibleName("Draft status")
        self._autosave.status_changed.connect(self._show_draft_status)
        self._fill_from_draft()
        for editor in (self._name, self._overall, *self._comments.values()):
            self._autosave.watch(editor)
        self._name.textChanged.connect(self._draft_changed)
        self._overall.textChanged.connect(self._draft_changed)
        for editor in self._comments.values():
            editor.textChanged.connect(self._draft_changed)

        self._save = QPushButton("&Save reply…")
        self._save.setAccessibleName("Save reply")
        self._save.setToolTip(f"Write your comments to a file to send to {author}")
        self._save.clicked.connect(self.save_reply)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save_reply)
        close = QPushButton("&Close")
        close.setAccessibleName("Close")
        close.clicked.connect(self.close)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._answers)
        splitter.addWidget(self._comment_form())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        buttons = QHBoxLayout()
        buttons.addWidget(self._status, 1)
        buttons.addWidget(self._save)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                f"Your feedback on {author}'s answers to “{self._assignment.title}”", bold=True
            )
        )
        layout.addWidget(
            plain_label(
                f"{session_line(module)}. Your comments stay on this computer until you save a "
                f"reply and send it to {author} yourself; they never go to a facilitator.",
                muted=True,
            )
        )
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        (self._overall if self._name.text() else self._name).setFocus()
        self.resize(1280, 720)

    # For tests and the code that opens the window ---------------------------------------------

    @property
    def answers_view(self) -> MarkdownView:
        return self._answers

    @property
    def name_edit(self) -> QLineEdit:
        return self._name

    @property
    def overall_edit(self) -> QPlainTextEdit:
        return self._overall

    def comment_edit(self, field_id: str) -> QPlainTextEdit:
        return self._comments[field_id]

    @property
    def save_button(self) -> QPushButton:
        return self._save

    @property
    def status_text(self) -> str:
        return self._status.text()

    @property
    def last_saved(self) -> Path | None:
        return self._last_saved

    def draft(self) -> ReviewDraft:
        return ReviewDraft(
            reviewer_name=self._name.text(),
            comments={key: box.toPlainText() for key, box in self._comments.items()},
            overall=self._overall.toPlainText(),
        )

    def keep_draft(self) -> None:
        """Write the draft now instead of after the typing pause."""
        self._autosave.flush()

    def reply(self) -> PeerReply:
        """The reply as it would be saved now."""
        draft = self.draft()
        return PeerReply.about(
            self._handback,
            reviewer_name=draft.reviewer_name,
            comments=draft.comments,
            overall=draft.overall,
            saved_at=self._now(),
        )

    def save_reply(self) -> Path | None:
        """Ask where, then write the reply file; the path written, or None."""
        reply = self.reply()
        if not reply.reviewer_name:
            self._tell(self, "Your name is missing", "Write your name, so it says who wrote it.")
            self._name.setFocus()
            return None
        if not reply.comments and not reply.overall:
            self._tell(self, "Nothing to send yet", "Write at least one comment first.")
            self._overall.setFocus()
            return None
        folder = self._last_saved.parent if self._last_saved else Path.home()
        suggested = folder / suggested_reply_filename(reply, self._module)
        chosen = self._choose_save_path(self, str(suggested))
        if not chosen:
            return None
        try:
            path = write_reply(reply, self._module, Path(chosen))
        except OSError as error:
            self._tell(self, "The reply was not saved", f"{chosen} could not be written: {error}")
            return None
        self._last_saved = path
        self._autosave.flush()
        self._status.setText(
            f"Reply saved as {path.name}. Send it to {reply.author_name} yourself."
        )
        return path

    # Internals --------------------------------------------------------------------------------

    def _comment_box(self, accessible_name: str) -> QPlainTextEdit:
        box = QPlainTextEdit()
        box.setAccessibleName(accessible_name)
        box.setTabChangesFocus(True)
        box.setPlaceholderText("Optional")
        self._fit_box(box)
        return box

    def _fit_box(self, box: QPlainTextEdit) -> None:
        """``COMMENT_LINES`` lines high at the current text size; longer comments scroll."""
        margins = box.contentsMargins().top() + box.contentsMargins().bottom()
        document_margin = 2 * box.document().documentMargin()
        lines = COMMENT_LINES * box.fontMetrics().lineSpacing()
        box.setFixedHeight(int(lines + document_margin + margins + 2 * box.frameWidth()))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            for box in (self._overall, *self._comments.values()):
                self._fit_box(box)

    def _comment_form(self) -> QScrollArea:
        form = QWidget()
        column = QVBoxLayout(form)
        name_label = plain_label("Your name", bold=True)
        name_label.setBuddy(self._name)
        column.addWidget(name_label)
        column.addWidget(self._name)
        column.addSpacing(8)
        overall_label = plain_label("Overall comment", bold=True)
        overall_label.setBuddy(self._overall)
        column.addWidget(overall_label)
        column.addWidget(self._overall)
        for index, form_field in enumerate(self._assignment.fields):
            column.addSpacing(8)
            label = plain_label(form_field.label, bold=True)
            box = self._comments[form_field.id]
            label.setBuddy(box)
            column.addWidget(label)
            column.addWidget(box)
            box.installEventFilter(_ScrollOnFocus(self._answers, index, box))
        column.addStretch(1)
        scroller = QScrollArea()
        scroller.setAccessibleName("Your comments")
        scroller.setWidgetResizable(True)
        scroller.setWidget(form)
        scroller.setMinimumWidth(360)
        return scroller

    def _fill_from_draft(self) -> None:
        draft = load_review_draft(self._drafts, self._handback)
        if draft is None:
            return
        self._name.setText(draft.reviewer_name)
        self._overall.setPlainText(draft.overall)
        for key, box in self._comments.items():
            box.setPlainText(draft.comments.get(key, ""))
        self._status.setText("Your draft from last time")

    def _draft_changed(self) -> None:
        self._autosave.schedule("draft", self._keep_draft)

    def _keep_draft(self) -> None:
        save_review_draft(self._drafts, self._handback, self.draft())

    def _show_draft_status(self, status: str) -> None:
        if status.startswith(NOT_SAVED):
            self._status.setText(f"Draft not kept{status.removeprefix(NOT_SAVED)}")
        else:
            self._status.setText(DRAFT_STATUS.get(status, status))

    def closeEvent(self, event: QCloseEvent) -> None:
        self._autosave.flush()
        super().closeEvent(event)


class _ScrollOnFocus(QObject):
    """Brings the answer a comment box is about into view when the box gets the focus."""

    def __init__(self, view: QTextBrowser, field_index: int, parent: QObject) -> None:
        super().__init__(parent)
        self._view = view
        self._index = field_index

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            scroll_to_heading(self._view, self._index)
        return False
