"""The author's side of peer feedback: their own answers beside a peer's comments on them.

The comments are shown field by field under the same headings as the answers, with a note when
they were written about another version of the answers than the file opened.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.handback import HandBack
from cofacilitator.markdown_text import plain_inline
from cofacilitator.peer_review import (
    PeerReply,
    ReplyFreshness,
    comment_sections,
    comments_to_markdown,
    freshness,
)
from cofacilitator.sessions.schema import Module
from cofacilitator.ui.handback_reading import (
    answers_markdown,
    plain_label,
    reading_view,
    scroll_to_heading,
    session_line,
)
from cofacilitator.ui.markdown_view import LinkOpener, MarkdownView


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

        self._answers = reading_view("Your answers", open_link)
        self._answers.set_markdown(answers_markdown(handback, assignment, "Your answers"))
        self._comments = reading_view(f"{reviewer}'s comments", open_link)
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
            plain_label(
                f"Feedback from {reviewer} on your answers to “{assignment.title}”", bold=True
            )
        )
        layout.addWidget(
            plain_label(
                f"{session_line(module)}. Only you have these comments, unless you pass them on.",
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
        scroll_to_heading(self._comments, index)
        if index > 0:
            scroll_to_heading(self._answers, index - 1)
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
        label = plain_label(message)
        label.setAccessibleName(message)
        row = QHBoxLayout(self)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(label, 1)
