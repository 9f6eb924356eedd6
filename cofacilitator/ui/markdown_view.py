"""A read-only view of module text that never reaches the network.

Module files can come from anyone, and a facilitator may open the app in a call with
participants' data on screen. So the view loads nothing by itself: remote images and style sheets
are refused in :meth:`MarkdownView.loadResource`, and only files under the shipped ``resources/``
folder are read. A link opens in the browser only when the facilitator clicks it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPainter, QTextCursor, QTextDocument
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QTextBrowser, QWidget

from cofacilitator.markdown_text import render_markdown_html
from cofacilitator.paths import resources_dir

LinkOpener = Callable[[QUrl], object]

#: Schemes a click may hand to the system browser or mail client.
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})

#: Pixel density SVG figures are drawn at, so they stay sharp on high-DPI screens.
SVG_RENDER_RATIO = 2.0

#: Spacing only: colours come from the palette, so the text follows light and dark themes.
READING_STYLE = "p, li { line-height: 135%; } h2 { margin-top: 18px; } h3 { margin-top: 12px; }"


class MarkdownView(QTextBrowser):
    """Shows Markdown or prepared HTML; loads only local files under ``resources_root``."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        open_link: LinkOpener = QDesktopServices.openUrl,
        resources_root: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self._open_link = open_link
        self._resources_root = (resources_root or resources_dir()).resolve()
        self.setReadOnly(True)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.document().setDocumentMargin(20)
        self.document().setDefaultStyleSheet(READING_STYLE)
        self.anchorClicked.connect(self._follow)

    def set_markdown(self, text: str) -> None:
        """Module content: the app's safe renderer, the same one the exports use."""
        self.setHtml(render_markdown_html(text))

    def set_guide_markdown(self, text: str) -> None:
        """The app's own guides, which need code blocks: Qt's GitHub-flavoured reader, no HTML."""
        features = (
            QTextDocument.MarkdownFeature.MarkdownDialectGitHub
            | QTextDocument.MarkdownFeature.MarkdownNoHTML
        )
        self.document().setMarkdown(text, features)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def loadResource(self, kind: int, url: QUrl) -> object:
        """Images from local files under the resources folder; nothing else, ever."""
        path = self._local_path(url)
        if path is None or kind != QTextDocument.ResourceType.ImageResource.value:
            return None
        if path.suffix.lower() == ".svg":
            return _render_svg(path)
        image = QImage(str(path))
        return None if image.isNull() else image

    def _local_path(self, url: QUrl) -> Path | None:
        if url.scheme() == "file":
            candidate = Path(url.toLocalFile())
        elif url.scheme() == "" and not url.host():
            candidate = self._resources_root / url.path()
        else:
            return None
        try:
            resolved = candidate.resolve()
        except OSError:
            return None
        if not resolved.is_relative_to(self._resources_root) or not resolved.is_file():
            return None
        return resolved

    def _follow(self, url: QUrl) -> None:
        if url.scheme() in EXTERNAL_SCHEMES:
            self._open_link(url)
        elif url.hasFragment() and not url.path():
            self.scrollToAnchor(url.fragment())


def _render_svg(path: Path) -> QImage | None:
    renderer = QSvgRenderer(str(path))
    if not renderer.isValid():
        return None
    size: QSize = renderer.defaultSize()
    image = QImage(
        int(size.width() * SVG_RENDER_RATIO),
        int(size.height() * SVG_RENDER_RATIO),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    image.setDevicePixelRatio(SVG_RENDER_RATIO)
    return image
