"""The HTML form of an export: the Markdown document rendered into one self-contained page.

Markdown stays the reference; this page is what a participant can open from an email without the
app. Everything it needs is inline (no stylesheet, font, script or image is fetched), it follows the
reader's light or dark preference, and it prints cleanly.

A module's figures are the one thing the page has that the Markdown only describes: each is
embedded as a ``data:`` URI in an ``<img>``, so the page still fetches nothing. Image files are
found as the app finds them (``sessions.loader.find_figure``: beside the module file, then under
the shipped ``resources/``, never outside those folders); an SVG shown through ``<img>`` runs no
script and loads nothing. A figure whose file is missing, too large or of another type keeps its
words, as in the Markdown.
"""

from __future__ import annotations

import base64
from html import escape

from cofacilitator.markdown_text import render_markdown_html
from cofacilitator.session_outline import FigureBlock, MarkdownDocument
from cofacilitator.sessions.loader import find_figure

IMAGE_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
}
FIGURE_SIZE_LIMIT = 2_000_000
"""Bytes of one image file embedded at most; a figure is a diagram, not a photo archive."""

PAGE_CSS = """
:root {
  color-scheme: light dark;
  --text: #1f2328;
  --muted: #59636e;
  --background: #fdfdfc;
  --rule: #d8dee4;
  --quote: #f3f4f1;
  --link: #0b5cad;
}
@media (prefers-color-scheme: dark) {
  :root {
    --text: #e6e6e3;
    --muted: #a3aab2;
    --background: #181a1b;
    --rule: #3a3f44;
    --quote: #222527;
    --link: #7cb7f5;
  }
}
html { background: var(--background); color: var(--text); }
body {
  margin: 0 auto;
  max-width: 46rem;
  padding: 2rem 1.25rem 4rem;
  font: 17px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  overflow-wrap: break-word;
}
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.8em 0 0.5em; }
h1 { font-size: 1.9rem; margin-top: 0; }
h2 { font-size: 1.45rem; border-bottom: 1px solid var(--rule); padding-bottom: 0.2em; }
h3 { font-size: 1.2rem; }
h4, h5, h6 { font-size: 1.02rem; }
a { color: var(--link); }
blockquote {
  margin: 1em 0;
  padding: 0.5em 1em;
  border-left: 4px solid var(--rule);
  background: var(--quote);
  color: var(--muted);
}
blockquote p { margin: 0.3em 0; }
ul, ol { padding-left: 1.6em; }
li { margin: 0.25em 0; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; font-size: 0.95em; }
th, td {
  border: 1px solid var(--rule);
  padding: 0.35em 0.6em;
  text-align: left;
  vertical-align: top;
}
th { background: var(--quote); }
figure { margin: 1.5em 0; text-align: center; }
figure img {
  max-width: 100%;
  height: auto;
  padding: 0.5em;
  box-sizing: border-box;
  background: #fff;
  border-radius: 4px;
}
figcaption { margin-top: 0.4em; color: var(--muted); font-style: italic; font-size: 0.95em; }
hr { border: 0; border-top: 1px solid var(--rule); margin: 2.5em 0 1.5em; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9em; }
@media print {
  html { background: #fff; color: #000; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  a { color: inherit; }
  h2, h3 { break-after: avoid; }
  tr, li, figure { break-inside: avoid; }
}
"""


def html_page(document: MarkdownDocument | str, title: str) -> str:
    """A complete HTML document for an export, its figures drawn."""
    return page_around(document_html(document), title)


def page_around(body: str, title: str) -> str:
    """``body`` (HTML already made safe) in the exports' self-contained page, so every export
    looks and prints alike."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>{PAGE_CSS}</style>\n"
        "</head>\n"
        "<body>\n"
        "<main>\n"
        f"{body}\n"
        "</main>\n"
        "</body>\n"
        "</html>\n"
    )


def document_html(document: MarkdownDocument | str) -> str:
    """The body of the page: each Markdown run rendered safely, each figure embedded."""
    if isinstance(document, str):
        return render_markdown_html(document)
    return "\n".join(
        figure_html(part) if isinstance(part, FigureBlock) else render_markdown_html(part)
        for part in document.parts()
    )


def figure_html(block: FigureBlock) -> str:
    """A ``<figure>`` with the image inline and its caption, or the Markdown's words for it when
    the image cannot be embedded."""
    source = figure_data_uri(block)
    if source is None:
        return render_markdown_html(block.markdown())
    figure = block.figure
    caption = figure.caption.strip()
    alt = figure.alt.strip() or caption
    lines = ["<figure>", f'<img src="{source}" alt="{escape(alt)}">']
    if caption:
        lines.append(f"<figcaption>{escape(caption)}</figcaption>")
    lines.append("</figure>")
    return "\n".join(lines)


def figure_data_uri(block: FigureBlock) -> str | None:
    """The figure's image file as a ``data:`` URI, or ``None`` when there is none to embed."""
    path = find_figure(block.module_source, block.figure.path)
    if path is None:
        return None
    media_type = IMAGE_TYPES.get(path.suffix.lower())
    if media_type is None:
        return None
    try:
        if path.stat().st_size > FIGURE_SIZE_LIMIT:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"
