"""Documents as a list of lines: what a shared document or a filled form says, whatever wrote it.

A facilitator gets the session document back however the cohort's editor downloads it: Markdown,
plain text, HTML or Word (Google Docs and LibreOffice both write all four). Reading any of them
gives the same few kinds of line (headings with their level, list items with their depth, table
rows, paragraphs), so the importers look for structure once, not once per format. Formatting is
dropped on the way in: a name in bold is still the name. Writing goes the other way, from lines
to Markdown or to a ``.docx`` made with python-docx.

Every file is read as untrusted: anything unreadable raises ``DocumentFormatError`` and nothing
else.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import docx
from docx.document import Document as WordDocument
from docx.table import Table
from docx.text.paragraph import Paragraph

from cofacilitator.markdown_text import plain_block, plain_cell, plain_inline

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
DOCX_SUFFIXES = frozenset({".docx"})
SUPPORTED_SUFFIXES = MARKDOWN_SUFFIXES | HTML_SUFFIXES | DOCX_SUFFIXES


class DocumentFormatError(ValueError):
    """The document cannot be read; the message says why in words a facilitator understands."""


class LineKind(StrEnum):
    HEADING = "heading"
    ITEM = "item"
    TEXT = "text"
    ROW = "row"
    BREAK = "break"
    """The end of a paragraph: where Markdown has a blank line."""


@dataclass(frozen=True)
class DocLine:
    """One line of a document with its formatting dropped.

    ``level`` is a heading's level (0 in plain text, where headings are not marked), a list
    item's depth (1 for a top-level item), or, for a table row, the number of the table it is in,
    so two tables one after the other stay apart. ``markdown`` is the line's own Markdown when it
    came from Markdown, or the Markdown a writer should print; empty means "the plain text".
    """

    kind: LineKind
    text: str = ""
    level: int = 0
    cells: tuple[str, ...] = ()
    markdown: str = ""


# ------------------------------------------------------------------------------ building lines


def heading(text: str, level: int) -> DocLine:
    return DocLine(LineKind.HEADING, text, level)


def item(text: str, level: int = 1) -> DocLine:
    return DocLine(LineKind.ITEM, text, level)


def paragraph(text: str) -> DocLine:
    return DocLine(LineKind.TEXT, text)


def markdown_paragraph(source: str) -> DocLine:
    """Module content or a Markdown answer: printed as Markdown, its text read back from it."""
    lines = read_markdown(source)
    text = "\n".join(line.text for line in lines if line.kind is not LineKind.BREAK)
    return DocLine(LineKind.TEXT, text, markdown=source.strip("\n"))


def row(cells: Iterable[str], table: int) -> DocLine:
    return DocLine(LineKind.ROW, level=table, cells=tuple(cells))


def paragraph_break() -> DocLine:
    return DocLine(LineKind.BREAK)


# ------------------------------------------------------------------------------ reading


def read_document_file(path: Path) -> tuple[DocLine, ...]:
    """The lines of a ``.md``, ``.txt``, ``.html`` or ``.docx`` file, chosen by its suffix."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentFormatError(
            f"{path.name} is not a document this app reads; save it as .docx, .html, .md or .txt."
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DocumentFormatError(
            f"{path.name} could not be read ({error.strerror or error})."
        ) from error
    return read_document_bytes(data, suffix, source=path.name)


def read_document_bytes(
    data: bytes, suffix: str, *, source: str = "The document"
) -> tuple[DocLine, ...]:
    suffix = suffix.lower() if suffix.startswith(".") else f".{suffix.lower()}"
    if suffix in DOCX_SUFFIXES:
        return read_docx(data, source=source)
    if suffix in HTML_SUFFIXES:
        return read_html(decode_text(data))
    if suffix in MARKDOWN_SUFFIXES:
        return read_markdown(decode_text(data))
    raise DocumentFormatError(f"{source} is not a .docx, .html, .md or .txt document.")


def decode_text(data: bytes) -> str:
    """Text as editors save it: UTF-8 with or without a byte-order mark, or UTF-16 with one."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    return data.decode("utf-8-sig", errors="replace")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_BULLET = re.compile(r"^([ \t]*)(?:[-*+•●○◦▪■–]|\d{1,9}[.)])(?:[ \t]+(.*))?$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_TABLE_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")


def read_markdown(text: str) -> tuple[DocLine, ...]:
    """Markdown, or plain text as an editor downloads it (headings unmarked, "*" bullets, table
    cells separated by tabs).

    An indented line after a list item continues it (a hard line break inside one answer); every
    other line stands on its own, because plain-text downloads put a heading straight after the
    last answer above it without a blank line.
    """
    lines: list[DocLine] = []
    fenced = ""
    table = 0
    in_table = False
    for raw in _CONTROL.sub("", text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        if fenced:
            if line.strip().startswith(fenced):
                fenced = ""
            else:
                lines.append(DocLine(LineKind.TEXT, line, markdown=line))
            continue
        if not line.strip():
            in_table = False
            if lines and lines[-1].kind is not LineKind.BREAK:
                lines.append(paragraph_break())
            continue
        fence = _FENCE.match(line)
        if fence:
            fenced = fence.group(1)
            continue
        # Tabs between words make a row even when the last cells are empty (trailing tabs).
        content = raw.strip(" \r").lstrip("\t")
        is_row = line.lstrip().startswith("|") or "\t" in content
        if is_row:
            cells = _row_cells(line.strip() if line.lstrip().startswith("|") else content)
            if cells is None:
                continue
            if not in_table:
                table += 1
                in_table = True
            lines.append(DocLine(LineKind.ROW, level=table, cells=cells))
            continue
        in_table = False
        lines.extend(_markdown_line(line, lines[-1] if lines else None))
    while lines and lines[-1].kind is LineKind.BREAK:
        lines.pop()
    return tuple(_merge_continuations(lines))


def _markdown_line(line: str, previous: DocLine | None) -> list[DocLine]:
    if _RULE.match(line):
        return [paragraph_break()]
    atx = _ATX.match(line)
    if atx:
        source = (atx.group(2) or "").strip()
        return [DocLine(LineKind.HEADING, inline_text(source), len(atx.group(1)), markdown=source)]
    bullet = _BULLET.match(line)
    if bullet:
        indent = len(bullet.group(1).expandtabs(4))
        source = (bullet.group(2) or "").strip()
        return [DocLine(LineKind.ITEM, inline_text(source), 1 + indent // 2, markdown=source)]
    if previous is not None and previous.kind is LineKind.ITEM and line[:1] in (" ", "\t"):
        source = line.strip()
        # A continuation: merged into the item by _merge_continuations.
        return [DocLine(LineKind.ITEM, inline_text(source), -1, markdown=source)]
    source = _QUOTE.sub("", line).strip()
    while _QUOTE.match(source):
        source = _QUOTE.sub("", source).strip()
    if not source:
        return []
    return [DocLine(LineKind.TEXT, inline_text(source), markdown=source)]


def _merge_continuations(lines: Sequence[DocLine]) -> list[DocLine]:
    merged: list[DocLine] = []
    for line in lines:
        if line.kind is LineKind.ITEM and line.level == -1 and merged:
            last = merged[-1]
            merged[-1] = DocLine(
                LineKind.ITEM,
                f"{last.text}\n{line.text}",
                last.level,
                markdown=f"{last.markdown}\n{line.markdown}",
            )
        else:
            merged.append(line)
    return merged


def _row_cells(line: str) -> tuple[str, ...] | None:
    """The cells of a pipe-table row or a tab-separated line; None for a separator row."""
    if not line.startswith("|"):
        return tuple(inline_text(cell.strip()) for cell in line.split("\t"))
    if _TABLE_SEPARATOR.match(line):
        return None
    body = line[1:-1] if line.endswith("|") and not line.endswith("\\|") else line[1:]
    cells = re.split(r"(?<!\\)\|", body)
    return tuple(inline_text(cell.strip()) for cell in cells)


_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_PROTECTED = re.compile(r"\x00(\d+)\x01")
_CODE = re.compile(r"(`+)(.+?)\1")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>", re.IGNORECASE)
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS_STAR = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")


def inline_text(source: str) -> str:
    """Markdown inline markup down to the words: emphasis and code marks go, links keep their
    address, escapes and character references become the characters they stand for."""
    text = _CONTROL.sub("", source)
    text = _ESCAPED.sub(lambda m: f"\x00{ord(m.group(1))}\x01", text)
    text = _CODE.sub(lambda m: m.group(2).strip(), text)
    text = _IMAGE.sub(lambda m: m.group(1), text)
    text = _LINK.sub(_link_words, text)
    text = _AUTOLINK.sub(lambda m: m.group(1), text)
    for pattern in (_STRONG, _STRIKE):
        text = pattern.sub(lambda m: m.group(m.lastindex or 0), text)
    for pattern in (_EMPHASIS_STAR, _EMPHASIS_UNDERSCORE):
        text = pattern.sub(lambda m: m.group(1), text)
    text = html.unescape(text)
    return _PROTECTED.sub(lambda m: chr(int(m.group(1))), text).strip()


def _link_words(match: re.Match[str]) -> str:
    words, target = match.group(1).strip(), match.group(2).strip()
    return words if words in (target, target.removeprefix("mailto:")) else f"{words} ({target})"


class _HtmlLines(HTMLParser):
    """Block elements of an HTML document (a Google Docs download or a clipboard fragment) as
    lines. Google Docs does not nest its lists; it marks depth in the list's class name."""

    _SKIPPED = frozenset({"head", "style", "script", "title", "template", "noscript"})
    _HEADINGS: ClassVar[dict[str, int]] = {f"h{n}": n for n in range(1, 7)}
    _PARAGRAPHS = frozenset({"p", "div", "blockquote", "pre"})
    _DOCS_DEPTH = re.compile(r"lst-kix_\w+-(\d+)")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[DocLine] = []
        self._buffer: list[str] = []
        self._heading = 0
        self._skipping = 0
        self._depths: list[int] = []
        self._items: list[int] = []
        """The depth of each open <li>."""
        self._tables = 0
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIPPED:
            self._skipping += 1
        elif self._skipping:
            return
        elif tag in self._HEADINGS:
            self._flush()
            self._heading = self._HEADINGS[tag]
        elif tag in ("ul", "ol"):
            self._flush()
            classes = dict(attrs).get("class") or ""
            docs_depth = self._DOCS_DEPTH.search(classes)
            depth = int(docs_depth.group(1)) + 1 if docs_depth else len(self._depths) + 1
            self._depths.append(depth)
        elif tag == "li":
            self._flush()
            self._items.append(self._depths[-1] if self._depths else 1)
        elif tag == "br":
            self._text("\n")
        elif tag in self._PARAGRAPHS:
            if self._cell is not None or self._items:
                self._text("\n")
            else:
                self._flush()
        elif tag == "table":
            self._flush()
            self._tables += 1
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif self._skipping:
            return
        elif tag in self._HEADINGS:
            self._flush()
        elif tag == "li":
            self._flush()
            if self._items:
                self._items.pop()
        elif tag in ("ul", "ol"):
            self._flush()
            if self._depths:
                self._depths.pop()
        elif tag in self._PARAGRAPHS:
            if self._cell is None and not self._items:
                self._flush()
                self.lines.append(paragraph_break())
        elif tag in ("td", "th") and self._cell is not None:
            if self._row is not None:
                self._row.append(_tidy_block("".join(self._cell)))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._row:
                self.lines.append(DocLine(LineKind.ROW, level=self._tables, cells=tuple(self._row)))
            self._row = None

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._text(re.sub(r"\s+", " ", data))

    def _text(self, text: str) -> None:
        (self._cell if self._cell is not None else self._buffer).append(text)

    def _flush(self) -> None:
        text = _tidy_block("".join(self._buffer))
        if text:
            if self._heading:
                self.lines.append(DocLine(LineKind.HEADING, text, self._heading))
            elif self._items:
                self.lines.append(DocLine(LineKind.ITEM, text, self._items[-1]))
            else:
                self.lines.append(DocLine(LineKind.TEXT, text))
        self._buffer = []
        self._heading = 0

    def close(self) -> None:
        super().close()
        self._flush()


def _tidy_block(text: str) -> str:
    return "\n".join(part.strip() for part in text.split("\n") if part.strip())


def read_html(text: str) -> tuple[DocLine, ...]:
    parser = _HtmlLines()
    try:
        parser.feed(_CONTROL.sub("", text))
        parser.close()
    except (AssertionError, ValueError) as error:
        raise DocumentFormatError(f"the page cannot be read as HTML ({error})") from error
    return tuple(_without_repeated_breaks(parser.lines))


def _without_repeated_breaks(lines: Iterable[DocLine]) -> list[DocLine]:
    kept: list[DocLine] = []
    for line in lines:
        if line.kind is LineKind.BREAK and (not kept or kept[-1].kind is LineKind.BREAK):
            continue
        kept.append(line)
    while kept and kept[-1].kind is LineKind.BREAK:
        kept.pop()
    return kept


_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
_LIST_STYLE_DEPTH = re.compile(r"(\d)\s*$")


def read_docx(data: bytes, *, source: str = "The document") -> tuple[DocLine, ...]:
    """Paragraphs by their style (Heading N, Title, any list style or numbering) and tables, in
    the order they appear; merged table cells are read once."""
    try:
        document = docx.Document(io.BytesIO(data))
        # Looking a style up through python-docx scans the whole style sheet every time.
        style_names = {style.style_id: style.name or "" for style in document.styles}
        lines: list[DocLine] = []
        tables = 0
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                lines.extend(_docx_paragraph(block, style_names))
            elif isinstance(block, Table):
                tables += 1
                lines.extend(_docx_table(block, tables))
    except DocumentFormatError:
        raise
    except Exception as error:  # a damaged or foreign file may fail anywhere inside python-docx
        raise DocumentFormatError(
            f"{source} cannot be read as a Word document (.docx); it may be damaged."
        ) from error
    return tuple(_without_repeated_breaks(lines))


def _docx_paragraph(block: Paragraph, style_names: Mapping[str, str]) -> list[DocLine]:
    text = _tidy_block(_CONTROL.sub("", block.text.replace("\t", " ")))
    style = style_names.get(block._p.style or "", "")
    heading_style = _HEADING_STYLE.match(style)
    if heading_style or style.lower() == "title":
        level = int(heading_style.group(1)) if heading_style else 1
        return [DocLine(LineKind.HEADING, text, level)] if text else []
    properties = block._p.pPr
    numbering = properties.numPr if properties is not None else None
    if numbering is not None or style.lower().startswith("list"):
        depth = 1
        if numbering is not None and numbering.ilvl is not None:
            depth = int(numbering.ilvl.val) + 1
        elif (suffix := _LIST_STYLE_DEPTH.search(style)) is not None:
            depth = int(suffix.group(1))
        return [DocLine(LineKind.ITEM, text, depth)] if text else []
    return [DocLine(LineKind.TEXT, text), paragraph_break()] if text else [paragraph_break()]


def _docx_table(table: Table, number: int) -> list[DocLine]:
    lines = []
    for table_row in table.rows:
        cells: list[str] = []
        seen: list[object] = []
        for cell in table_row.cells:
            if any(cell._tc is other for other in seen):
                continue
            seen.append(cell._tc)
            text = "\n".join(p.text for p in cell.paragraphs)
            cells.append(_tidy_block(_CONTROL.sub("", text.replace("\t", " "))))
        lines.append(DocLine(LineKind.ROW, level=number, cells=tuple(cells)))
    return lines


# ------------------------------------------------------------------------------ writing


def lines_to_markdown(lines: Sequence[DocLine]) -> str:
    """Lines as Markdown: people's text escaped so it prints as written, Markdown kept.

    Items of one list, rows of one table and lines of one paragraph (text lines with no break
    between them) stay together; everything else is set apart by a blank line.
    """
    out: list[str] = []
    previous: DocLine | None = None
    table_started: set[int] = set()
    for line in lines:
        if line.kind is LineKind.BREAK:
            previous = None
            continue
        if out and not _together(previous, line):
            out.append("")
        if line.kind is LineKind.HEADING:
            out.append(f"{'#' * min(max(line.level, 1), 6)} {_inline_markdown(line)}")
        elif line.kind is LineKind.ITEM:
            indent = "  " * (max(line.level, 1) - 1)
            body = line.markdown or plain_block(line.text)
            continuation = "\n" + indent + "  "
            # An empty item is "* ": a lone "-" under a paragraph would underline it as a heading.
            out.append(f"{indent}- " + body.replace("\n", continuation) if body else f"{indent}* ")
        elif line.kind is LineKind.ROW:
            cells = [plain_cell(cell) or " " for cell in line.cells]
            out.append("| " + " | ".join(cells) + " |")
            if line.level not in table_started:
                table_started.add(line.level)
                out.append("| " + " | ".join("---" for _ in cells) + " |")
        else:
            out.append(line.markdown or plain_block(line.text))
        previous = line
    return "\n".join(out) + "\n"


def _together(previous: DocLine | None, line: DocLine) -> bool:
    if previous is None or previous.kind is not line.kind:
        return False
    if line.kind is LineKind.ROW:
        return previous.level == line.level
    return line.kind in (LineKind.ITEM, LineKind.TEXT)


def _inline_markdown(line: DocLine) -> str:
    return line.markdown or plain_inline(line.text)


def lines_to_docx(lines: Sequence[DocLine]) -> bytes:
    """Lines as a Word document: Heading styles, bulleted list styles and grid tables, which
    every editor that opens ``.docx`` keeps when it saves the file again."""
    document = docx.Document()
    # Styles found once: python-docx looks a style named in add_paragraph up anew each time.
    styles = {
        name: document.styles[name]
        for name in (
            *(f"Heading {n}" for n in range(1, 10)),
            "List Bullet",
            "List Bullet 2",
            "List Bullet 3",
        )
    }
    pending: list[DocLine] = []
    previous: DocLine | None = None
    paragraph: Paragraph | None = None
    for line in lines:
        if pending and (line.kind is not LineKind.ROW or line.level != pending[0].level):
            _docx_add_table(document, pending)
            pending = []
        if line.kind is LineKind.ROW:
            pending.append(line)
        elif line.kind is LineKind.HEADING:
            level = min(max(line.level, 1), 9)
            document.add_paragraph(line.text, style=styles[f"Heading {level}"])
        elif line.kind is LineKind.ITEM:
            depth = min(max(line.level, 1), 3)
            name = "List Bullet" if depth == 1 else f"List Bullet {depth}"
            document.add_paragraph(line.text, style=styles[name])
        elif line.kind is LineKind.TEXT:
            if previous is not None and previous.kind is LineKind.TEXT and paragraph is not None:
                paragraph.add_run("\n" + line.text)
            else:
                paragraph = document.add_paragraph(line.text)
        previous = line
    if pending:
        _docx_add_table(document, pending)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def _docx_add_table(document: WordDocument, rows: Sequence[DocLine]) -> None:
    width = max(len(line.cells) for line in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for table_row, line in zip(table.rows, rows, strict=True):
        for cell, text in zip(table_row.cells, line.cells, strict=False):
            cell.text = text
    document.add_paragraph()
