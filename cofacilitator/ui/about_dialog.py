"""The About box, which is also where the app keeps its promise to the curriculum's author.

The sessions are adapted from a CC BY 4.0 curriculum: the licence asks for credit, a link to the
licence and a statement of what changed, in any reasonable manner. This box gives all three for
the series, and each loaded module's own attribution, so a facilitator's own module credits its
sources the same way. It also names the code's licence and the libraries the app stands on.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from importlib import metadata

from PySide6.QtCore import qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from cofacilitator import __version__
from cofacilitator.markdown_text import plain_inline, render_markdown_html
from cofacilitator.sessions.schema import Module
from cofacilitator.ui.markdown_view import LinkOpener, MarkdownView

APP_DESCRIPTION = (
    "A calm, offline-first co-facilitator for cohort-based community-building training: it "
    "walks you through each session's segments with a timer, keeps the notes, attendance and "
    "feedback of every call, and hands out and collects the assignments."
)
CURRICULUM_TITLE = "Foundational Community Building and Engagement Training"
CURRICULUM_AUTHOR = "Malvika Sharan"
CC_BY_URL = "https://creativecommons.org/licenses/by/4.0/"
MIT_URL = "https://opensource.org/license/mit"
CHANGES_MADE = (
    "the sessions' prose, scenarios and instructions are reworded; the shared-document layout is "
    "restructured into timed segments with note prompts and assignment forms; the participation "
    "guidelines are rewritten as an opening segment; timings are added; the stakeholder map is "
    "redrawn; small corrections are noted in each module's attribution below. Epigraph quotes "
    "are unchanged. This adaptation is not endorsed by the author."
)

#: (distribution name, shown name, licence) of the libraries the app is built on.
LIBRARIES: tuple[tuple[str, str, str], ...] = (
    ("PySide6_Essentials", "PySide6 (Qt for Python)", "LGPL-3.0"),
    ("SQLAlchemy", "SQLAlchemy", "MIT"),
    ("alembic", "Alembic", "MIT"),
    ("Markdown", "Python-Markdown", "BSD-3-Clause"),
    ("platformdirs", "platformdirs", "MIT"),
    ("icalendar", "icalendar", "BSD-2-Clause"),
    ("python-docx", "python-docx", "MIT"),
    ("tzdata", "tzdata", "Apache-2.0"),
)


def _version_of(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def about_html(modules: Sequence[Module]) -> str:
    """The About text; kept apart from the dialog so exports could reuse it."""
    e = html.escape
    parts = [
        f"<h1>cofacilitator {e(__version__)}</h1>",
        f"<p>{e(APP_DESCRIPTION)}</p>",
        "<h2>The curriculum</h2>",
        f"<p>Adapted from “{e(CURRICULUM_TITLE)}” by {e(CURRICULUM_AUTHOR)}, licensed "
        f'<a href="{CC_BY_URL}">CC BY 4.0</a>.</p>',
        f"<p>Changes made: {e(CHANGES_MADE)}</p>",
    ]
    if modules:
        parts.append("<h2>Modules</h2>")
        for module in modules:
            parts.append(f"<h3>Session {module.number}: {e(module.title)}</h3>")
            if module.attribution:
                parts.append(render_markdown_html(plain_inline(module.attribution)))
            else:
                parts.append("<p><i>This module gives no attribution.</i></p>")
    parts.append("<h2>The code</h2>")
    parts.append(
        f'<p>cofacilitator is free software under the <a href="{MIT_URL}">MIT licence</a>.</p>'
    )
    parts.append("<p>It is built with:</p><ul>")
    for distribution, name, licence in LIBRARIES:
        parts.append(f"<li>{e(name)} {e(_version_of(distribution))} ({e(licence)})</li>")
    parts.append(f"<li>Qt {e(qVersion())} (LGPL-3.0)</li></ul>")
    return "\n".join(parts)


class AboutDialog(QDialog):
    """Shown from Help > About; links open in the browser only when clicked, never by themselves."""

    def __init__(
        self,
        modules: Sequence[Module],
        parent: QWidget | None = None,
        *,
        open_link: LinkOpener = QDesktopServices.openUrl,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("About cofacilitator")
        self.setAccessibleName("About cofacilitator")
        self.resize(760, 640)

        self._view = MarkdownView(open_link=open_link)
        self._view.setAccessibleName("About cofacilitator")
        self._view.setAccessibleDescription("Version, attribution of the curriculum, licences")
        self._view.setHtml(about_html(modules))

        hint = QLabel("Links open in your web browser.")
        hint.setAccessibleName("Links open in your web browser")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close the About box")

        layout = QVBoxLayout(self)
        layout.addWidget(self._view, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        close.setFocus()

    @property
    def view(self) -> MarkdownView:
        return self._view

    def text(self) -> str:
        return self._view.toPlainText()

    def html(self) -> str:
        return self._view.toHtml()
