"""Markdown in and out, safely: people's words escaped so they stay words, and module content
rendered without letting raw HTML, scripts, remote images or odd link schemes through.

Two kinds of text meet in an export. What people typed (notes, answers, questions, table cells,
names) is plain text: a note that starts with "#" or "1." or holds ``<script>`` must print as
typed, never become a heading, a list or markup. Module content (segment bodies, assignment
bodies) is Markdown written by facilitators and is rendered as such, but raw HTML in it is shown
as text too. The same renderer shows module content in the app.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

#: Link schemes allowed to stay clickable; anything else (javascript:, data:, file:) becomes text.
SAFE_LINK_SCHEMES = frozenset({"http", "https", "mailto"})

HARD_BREAK = "  \n"
"""A line break that stays one inside a Markdown paragraph or list item."""
MARKDOWN_EXTENSIONS = ("tables", "sane_lists")

# A URL someone typed is kept whole (an autolink), so copying it from the Markdown file works; it
# must start a word, and it stops before characters that would end the autolink or a table cell.
_URL = re.compile(r"(?<![^\s(])https?://[^\s<>\[\]\\`|\"']+", re.IGNORECASE)
_URL_TRAILING = ".,;:!?'\""
# Characters that format anywhere in a line. "|" is escaped everywhere, not only in table cells:
# a note whose lines look like a table would otherwise become one.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]|])")
_NEEDS_ESCAPE = re.compile(r"[\\`*_\[\]|<&#]")
_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_ORDERED_MARKER = re.compile(r"^(\d+)([.)])")
_TRAILING_HASHES = re.compile(r"(#+)$")
_RAW_HTML_START = re.compile(r"<(?!(?:https?|mailto):)(?=[A-Za-z/!?])", re.IGNORECASE)
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def plain_lines(text: str) -> list[str]:
    """People's text as escaped Markdown lines, blank lines dropped.

    Callers join the lines the way their context needs: hard line breaks inside a list item, " / "
    inside a table cell, a space in a heading.
    """
    return _lines(text, line_start=True)


def plain_block(text: str) -> str:
    """People's text as typed, every line escaped, its line breaks kept as hard breaks."""
    return HARD_BREAK.join(plain_lines(text))


def plain_inline(text: str, *, line_start: bool = False) -> str:
    """People's (or a module's plain) text on one line: a heading, a name, a link title.

    ``line_start`` is for text that begins a line of the document (a list item, a paragraph),
    where "1." or "#" would otherwise start a list or a heading; elsewhere "2.1" stays as typed.
    """
    return " ".join(_lines(text, line_start=line_start))


def plain_cell(text: str) -> str:
    """Text for a Markdown table cell; a line break cannot live in a cell, so lines join with
    " / ", which reads like the "Name / answer" lines of the shared document."""
    return " / ".join(_lines(text, line_start=False))


def _lines(text: str, *, line_start: bool) -> list[str]:
    lines = []
    for raw in _CONTROL.sub("", text).replace("\t", " ").splitlines():
        line = raw.strip()
        if line:
            lines.append(_escape_line(line, line_start=line_start))
    return lines


def _escape_line(line: str, *, line_start: bool) -> str:
    if "://" not in line:
        escaped = _escape_words(line)
        return _escape_line_start(escaped) if line_start else escaped
    pieces = []
    position = 0
    for match in _URL.finditer(line):
        url = _trim_url(match.group(0))
        pieces.append(_escape_words(line[position : match.start()]))
        pieces.append(f"<{url}>")
        position = match.start() + len(url)
    pieces.append(_escape_words(line[position:]))
    escaped = "".join(pieces)
    return _escape_line_start(escaped) if line_start else escaped


def _trim_url(url: str) -> str:
    """Leave sentence punctuation and an unmatched closing parenthesis out of a typed URL."""
    while url and (
        url[-1] in _URL_TRAILING or (url[-1] == ")" and url.count(")") > url.count("("))
    ):
        url = url[:-1]
    return url


def _escape_words(text: str) -> str:
    if not _NEEDS_ESCAPE.search(text):
        return text
    text = _ENTITY_LIKE.sub("&amp;", text)
    text = text.replace("<", "&lt;")
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    # An ATX heading drops trailing "#"s; escaping them anywhere keeps "Room #" whole.
    return _TRAILING_HASHES.sub(lambda m: "\\#" * len(m.group(1)), text)


def _escape_line_start(line: str) -> str:
    """Neutralise what would make a line a heading, quote, list item, rule or fence."""
    first = line[0]
    if first in "#>+-":
        return "\\" + line
    if first == "=" or line.startswith("~~~"):
        # Neither "=" nor "~" is escapable in Python-Markdown; a character reference is, in
        # every Markdown flavour.
        return f"&#{ord(first)};{line[1:]}"
    return _ORDERED_MARKER.sub(r"\1\\\2", line)


def neutralize_raw_html(source: str) -> str:
    """Module Markdown with raw HTML turned into text; code spans and autolinks are left alone.

    Exports keep module content as Markdown, and a Markdown viewer that passes raw HTML through
    must not run a facilitator's ``<script>`` or load their ``<img>``.
    """
    pieces = []
    position = 0
    for match in _CODE_SPAN.finditer(source):
        pieces.append(_RAW_HTML_START.sub("&lt;", source[position : match.start()]))
        pieces.append(match.group(0))
        position = match.end()
    pieces.append(_RAW_HTML_START.sub("&lt;", source[position:]))
    return "".join(pieces)


def is_safe_link(url: str) -> bool:
    """True for an absolute http(s) or mailto address, the only links worth following."""
    cleaned = _CONTROL.sub("", url).strip()
    if not cleaned or any(c.isspace() for c in cleaned):
        return False
    try:
        scheme = urlsplit(cleaned).scheme
    except ValueError:
        return False
    return scheme.lower() in SAFE_LINK_SCHEMES


class _SafeTree(Treeprocessor):
    """Unsafe links become their text; every image becomes its description.

    Images are dropped because an exported page must not fetch anything, and module figures are
    shown by the app from its own resources, not through Markdown.
    """

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag == "a" and not is_safe_link(element.get("href", "")):
                element.tag = "span"
                element.attrib.clear()
            elif element.tag == "img":
                alt = element.get("alt", "")
                element.tag = "span"
                element.attrib.clear()
                element.text = f"[{alt}]" if alt else ""


class _SafeExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Without these two, raw HTML is never recognised and so comes out escaped, as text.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        # After the inline patterns (20) have made the links, before serialisation.
        md.treeprocessors.register(_SafeTree(md), "cofacilitator_safe", 15)


def render_markdown_html(source: str) -> str:
    """HTML for Markdown from a module or an export, with nothing active or remote in it.

    A new converter per call: they keep state between conversions and are not thread-safe, and
    exports run off the UI thread while the app renders module content.
    """
    converter = markdown.Markdown(
        extensions=[*MARKDOWN_EXTENSIONS, _SafeExtension()], output_format="html"
    )
    return converter.convert(source)
