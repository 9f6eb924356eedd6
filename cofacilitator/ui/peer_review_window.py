"""Peer feedback windows: commenting on a peer's hand-back file, and reading the comments back.

Two windows, one for each side of the exchange the curriculum suggests for Assignment 2:

- :class:`PeerReviewWindow`, for the reviewer: the peer's answers on the left, read-only, and on
  the right a comment box per field plus an overall comment. What is typed is kept as a draft in
  the private data folder (debounced, and at once when a box loses focus or the window closes),
  so closing the window loses nothing; "Save reply…" writes the reply file the reviewer sends
  back themselves.
- :class:`PeerFeedbackWindow`, for the author: their own answers on the left, the comments on
  the right under the same field headings, with a note when the comments were written about
  another version of the answers.

:func:`review_peer_assignment` and :func:`open_feedback_on_my_assignment` are what the File menu
calls: they ask for the files, refuse unreadable ones in plain words, and open the window.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import (
    QCloseEvent,
    QDesktopServices,
    QFont,
    QKeySequence,
    QPalette,
    QShortcut,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.answers import answers_to_markdown
from cofacilitator.handback import HandBack, HandBackRefused, read_handback_file
from cofacilitator.markdown_text import plain_inline
from cofacilitator.peer_review import (
    PeerReply,
    ReplyFreshness,
    ReplyRefused,
    ReviewDraft,
    comment_sections,
    comments_to_markdown,
    freshness,
    load_review_draft,
    read_reply,
    save_review_draft,
    suggested_reply_filename,
    write_reply,
)
from cofacilitator.sessions.schema import Assignment, Module
from cofacilitator.ui.autosave import NOT_SAVED, SAVED, SAVING, Autosave
from cofacilitator.ui.markdown_view import READING_STYLE, LinkOpener, MarkdownView

OpenChooser = Callable[[QWidget, str], str | None]
"""Asks for a file to read; gets the parent and the dialog's caption."""
SaveChooser = Callable[[QWidget, str], str | None]
"""Asks where to save the reply; gets the parent and the suggested path."""
Tell = Callable[[QWidget, str, str], None]
"""Shows a problem: parent, title, message."""
Now = Callable[[], datetime]

DRAFT_DELAY_MS = 800
"""A pause in typing this long keeps the draft; short enough that a crash loses one sentence."""
COMMENT_LINES = 4
"""Lines a comment box shows before it scrolls: room for a few sentences, many boxes per screen."""

DRAFT_STATUS = {
    SAVING: "Keeping your draft…",
    SAVED: "Draft kept on this computer",
}


def choose_file_to_read(parent: QWidget, caption: str) -> str | None:
    path, _filter = QFileDialog.getOpenFileName(
        parent, caption, str(Path.home()), "Markdown files (*.md);;All files (*)"
    )
    return path or None


def choose_reply_path(parent: QWidget, suggested: str) -> str | None:
    path, _filter = QFileDialog.getSaveFileName(
        parent, "Save your reply", suggested, "Markdown files (*.md)"
    )
    return path or None


def tell_problem(parent: QWidget, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)


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
    """Ask for a peer's hand-back file and open it for comments; None if nothing opened.

    Any cohort's file is accepted: peers need not share a cohort, only the session.
    """
    chosen = choose_file(parent, "Open the hand-back file a peer sent you")
    if not chosen:
        return None
    try:
        handback = read_handback_file(Path(chosen), expected_cohort_uid=None)
    except HandBackRefused as refusal:
        tell(parent, "This file cannot be reviewed", refusal.message)
        return None
    module = _module_for(handback, modules)
    if module is None:
        tell(parent, "This file cannot be reviewed", _unknown_module(handback, Path(chosen)))
        return None
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
    chosen = choose_file(parent, "Open your hand-back file (the answers you sent)")
    if not chosen:
        return None
    try:
        handback = read_handback_file(Path(chosen), expected_cohort_uid=None)
    except HandBackRefused as refusal:
        tell(parent, "This is not your hand-back file", refusal.message)
        return None
    module = _module_for(handback, modules)
    if module is None:
        tell(parent, "These answers cannot be shown", _unknown_module(handback, Path(chosen)))
        return None
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


def _module_for(handback: HandBack, modules: Sequence[Module]) -> Module | None:
    for module in modules:
        if module.id == handback.module_id:
            assignment = module.assignment
            return module if assignment and assignment.id == handback.assignment_id else None
    return None


def _unknown_module(handback: HandBack, path: Path) -> str:
    return (
        f"{path.name} holds answers to an assignment this app does not have "
        f"({handback.assignment_id!r} of module {handback.module_id!r}). The session may be "
        "one a facilitator wrote themselves: ask them for the module file."
    )


# ------------------------------------------------------------------------------ shared parts


def _answers_markdown(handback: HandBack, assignment: Assignment, title: str) -> str:
    saved = handback.saved_at.strftime("%Y-%m-%d")
    return (
        f"# {plain_inline(title)}\n\n"
        f"*Version {handback.response_version} of these answers, saved {saved}.*\n\n"
        + answers_to_markdown(assignment, handback.values, heading_level=2)
    )


def _reading_view(accessible_name: str, open_link: LinkOpener) -> MarkdownView:
    """A Markdown view whose answer tables have ruled, padded cells: without them the columns
    of a table answer run into each other. The rule takes the palette's mid colour, so it
    follows light and dark themes."""
    view = MarkdownView(open_link=open_link)
    view.setAccessibleName(accessible_name)
    rule = view.palette().color(QPalette.ColorRole.Mid).name()
    view.document().setDefaultStyleSheet(
        f"{READING_STYLE} table {{ border-collapse: collapse; margin-top: 4px; }} "
        f"th, td {{ padding: 3px 8px; border: 1px solid {rule}; }} th {{ text-align: left; }}"
    )
    return view


def _field_headings(view: QTextBrowser) -> list[int]:
    """Document positions of the level-2 headings: one per field in an answers document."""
    positions = []
    block = view.document().begin()
    while block.isValid():
        if block.blockFormat().headingLevel() == 2:
            positions.append(block.position())
        block = block.next()
    return positions


def _scroll_to_heading(view: QTextBrowser, index: int) -> None:
    """Put the ``index``-th field heading of ``view`` at the top of its viewport."""
    headings = _field_headings(view)
    if not 0 <= index < len(headings):
        return
    block = view.document().findBlock(headings[index])
    top = view.document().documentLayout().blockBoundingRect(block).top()
    view.verticalScrollBar().setValue(int(top))


def _plain_label(text: str, *, bold: bool = False, muted: bool = False) -> QLabel:
    """A label for text from someone's file: plain text, so a name can never become markup."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if bold:
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
    if muted:
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def _session_line(module: Module) -> str:
    return f"Session {module.number}: {module.title}"


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

        self._answers = _reading_view(f"{author}'s answers, read-only", open_link)
        self._answers.set_markdown(
            _answers_markdown(handback, self._assignment, f"{author}'s answers")
        )

        self._name = QLineEdit()
        self._name.setAccessibleName("Your name")
        self._name.setPlaceholderText("How your name appears on the reply")
        self._overall = self._comment_box("Overall comment")
        self._comments: dict[str, QPlainTextEdit] = {}
        for form_field in self._assignment.fields:
            self._comments[form_field.id] = self._comment_box(f"Comment on {form_field.label}")

        self._autosave = Autosave(DRAFT_DELAY_MS, self)
        self._status = _plain_label("", muted=True)
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
            _plain_label(
                f"Your feedback on {author}'s answers to “{self._assignment.title}”", bold=True
            )
        )
        layout.addWidget(
            _plain_label(
                f"{_session_line(module)}. Your comments stay on this computer until you save a "
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
        name_label = _plain_label("Your name", bold=True)
        name_label.setBuddy(self._name)
        column.addWidget(name_label)
        column.addWidget(self._name)
        column.addSpacing(8)
        overall_label = _plain_label("Overall comment", bold=True)
        overall_label.setBuddy(self._overall)
        column.addWidget(overall_label)
        column.addWidget(self._overall)
        for index, form_field in enumerate(self._assignment.fields):
            column.addSpacing(8)
            label = _plain_label(form_field.label, bold=True)
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
            _scroll_to_heading(self._view, self._index)
        return False


# ------------------------------------------------------------------------------ author


class PeerFeedbackWindow(QWidget):
    """The author's answers beside a peer's comments on them, field by field."""

    def __init__(
        self,
        handback: HandBack,
        reply: PeerReply,
        module: Module,
        *,
        parent: QWidget | None = None,
        open_link: LinkOpener = QDesktopServices.openUrl,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        if module.assignment is None:
            raise ValueError(f"module {module.id!r} has no assignment")
        assignment = module.assignment
        reviewer = reply.reviewer_name
        self.setWindowTitle(f"Feedback from {reviewer}")
        self.setAccessibleName(f"Feedback from {reviewer}")
        self._freshness = freshness(reply, handback)

        self._answers = _reading_view("Your answers", open_link)
        self._answers.set_markdown(_answers_markdown(handback, assignment, "Your answers"))
        self._comments = _reading_view(f"{reviewer}'s comments", open_link)
        self._comments.set_markdown(
            f"# {plain_inline(reviewer)}'s comments\n\n"
            f"*About version {reply.response_version} of your answers, written "
            f"{reply.saved_at.strftime('%Y-%m-%d')}.*\n\n" + comments_to_markdown(reply, assignment)
        )

        self._part = QComboBox()
        self._part.setAccessibleName("Go to part")
        self._part.addItems([title for title, _text in comment_sections(reply, assignment)])
        self._part.currentIndexChanged.connect(self._go_to_part)
        part_label = QLabel("&Go to part:")
        part_label.setBuddy(self._part)

        self._note = _FreshnessNote(_freshness_message(self._freshness, reply, handback))
        self._note.setVisible(self._freshness is not ReplyFreshness.CURRENT)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._answers)
        splitter.addWidget(self._comments)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)

        close = QPushButton("&Close")
        close.setAccessibleName("Close")
        close.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(part_label)
        bottom.addWidget(self._part)
        bottom.addStretch(1)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(
            _plain_label(
                f"Feedback from {reviewer} on your answers to “{assignment.title}”", bold=True
            )
        )
        layout.addWidget(
            _plain_label(
                f"{_session_line(module)}. Only you have these comments, unless you pass them on.",
                muted=True,
            )
        )
        layout.addWidget(self._note)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.resize(1280, 720)

    @property
    def freshness(self) -> ReplyFreshness:
        return self._freshness

    @property
    def note_text(self) -> str:
        """What the version note says; empty when the comments are about these very answers."""
        return self._note.message if self._freshness is not ReplyFreshness.CURRENT else ""

    @property
    def answers_view(self) -> MarkdownView:
        return self._answers

    @property
    def comments_view(self) -> MarkdownView:
        return self._comments

    @property
    def part_picker(self) -> QComboBox:
        return self._part

    def _go_to_part(self, index: int) -> None:
        """Overall is only on the right (the answers go back to their top); field ``n`` is
        heading ``n`` on the left."""
        _scroll_to_heading(self._comments, index)
        if index > 0:
            _scroll_to_heading(self._answers, index - 1)
        else:
            self._answers.verticalScrollBar().setValue(0)


def _freshness_message(state: ReplyFreshness, reply: PeerReply, handback: HandBack) -> str:
    reviewer = reply.reviewer_name
    reviewed, here = reply.response_version, handback.response_version
    if state is ReplyFreshness.OLDER_ANSWERS:
        return (
            f"{reviewer} wrote these comments about an older version of your answers "
            f"(version {reviewed}); this file holds version {here}. Some comments may be about "
            "things you have changed since."
        )
    if state is ReplyFreshness.NEWER_ANSWERS:
        return (
            f"{reviewer} wrote these comments about version {reviewed} of your answers, newer "
            f"than the version {here} in this file. Open your latest hand-back file to read "
            "them beside the answers they are about."
        )
    if state is ReplyFreshness.DIFFERENT_ANSWERS:
        return (
            f"{reviewer} wrote these comments about answers that differ from the ones in this "
            f"file, although both are version {here}."
        )
    return ""


class _FreshnessNote(QFrame):
    """A warning icon and a sentence: the words carry the meaning, the icon only draws the eye."""

    def __init__(self, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Note about the version reviewed")
        self.setAccessibleDescription(message)
        self.message = message
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size)
        )
        label = _plain_label(message)
        label.setAccessibleName(message)
        row = QHBoxLayout(self)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(label, 1)
