"""A peer's hand-back file, opened and shown: the parts both peer feedback windows share.

The reviewer reads a peer's answers and the author reads their own, in the same read-only view
with one heading per field, so a comment can be put beside the answer it is about.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QLabel, QMessageBox, QTextBrowser, QWidget

from cofacilitator.answers import answers_to_markdown
from cofacilitator.handback import HandBack, HandBackRefused, read_handback_file
from cofacilitator.markdown_text import plain_inline
from cofacilitator.sessions.schema import Assignment, Module
from cofacilitator.ui.file_choosers import ask_open_path
from cofacilitator.ui.markdown_view import READING_STYLE, LinkOpener, MarkdownView

OpenChooser = Callable[[QWidget, str], str | None]
"""Asks for a file to read; gets the parent and the dialog's caption."""
Tell = Callable[[QWidget, str, str], None]
"""Shows a problem: parent, title, message."""


def choose_file_to_read(parent: QWidget, caption: str) -> str | None:
    return ask_open_path(parent, caption, "Markdown files (*.md);;All files (*)", str(Path.home()))


def tell_problem(parent: QWidget, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)


def open_handback(
    parent: QWidget,
    modules: Sequence[Module],
    caption: str,
    *,
    refused: str,
    unknown: str,
    choose_file: OpenChooser,
    tell: Tell,
) -> tuple[HandBack, Module] | None:
    """Ask for a hand-back file and find its session among ``modules``; None if the person
    cancelled or the file cannot be used, after telling them why under the title ``refused``
    (not a hand-back file) or ``unknown`` (a session this app does not have).

    Any cohort's file is accepted: peers need not share a cohort, only the session.
    """
    chosen = choose_file(parent, caption)
    if not chosen:
        return None
    try:
        handback = read_handback_file(Path(chosen), expected_cohort_uid=None)
    except HandBackRefused as refusal:
        tell(parent, refused, refusal.message)
        return None
    module = _module_for(handback, modules)
    if module is None:
        tell(parent, unknown, _unknown_module(handback, Path(chosen)))
        return None
    return handback, module


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


def answers_markdown(handback: HandBack, assignment: Assignment, title: str) -> str:
    saved = handback.saved_at.strftime("%Y-%m-%d")
    return (
        f"# {plain_inline(title)}\n\n"
        f"*Version {handback.response_version} of these answers, saved {saved}.*\n\n"
        + answers_to_markdown(assignment, handback.values, heading_level=2)
    )


def reading_view(accessible_name: str, open_link: LinkOpener) -> MarkdownView:
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


def scroll_to_heading(view: QTextBrowser, index: int) -> None:
    """Put the ``index``-th field heading of ``view`` at the top of its viewport."""
    headings = _field_headings(view)
    if not 0 <= index < len(headings):
        return
    block = view.document().findBlock(headings[index])
    top = view.document().documentLayout().blockBoundingRect(block).top()
    view.verticalScrollBar().setValue(int(top))


def plain_label(text: str, *, bold: bool = False, muted: bool = False) -> QLabel:
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


def session_line(module: Module) -> str:
    return f"Session {module.number}: {module.title}"
