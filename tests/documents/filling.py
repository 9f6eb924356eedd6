"""Filling a blank shared document the way a cohort does, and saving it as editors download it.

The filling edits the Markdown text itself (a line under a heading, a table row), so the tests
exercise what a person types rather than anything the app wrote. The conversions stand in for
"Download as": plain text with unmarked headings, "*" bullets and tab-separated tables; HTML from
the ``markdown`` library; Word built paragraph by paragraph with python-docx.
"""

from __future__ import annotations

import io

import docx
import markdown

from cofacilitator.document_formats import LineKind, read_markdown


def fill_slot(source: str, heading: str, slot: str, written: str) -> str:
    """Replace the first ``slot`` line (e.g. "- Lin Wei / ") after the heading ``heading``."""
    lines = source.split("\n")
    start = next(i for i, line in enumerate(lines) if line.lstrip("#").strip() == heading)
    index = next(i for i in range(start, len(lines)) if lines[i] == slot)
    lines[index] = written
    return "\n".join(lines)


def add_after_slot(source: str, heading: str, slot: str, written: str) -> str:
    """Add a line of someone not on the roster below the ``slot`` line under ``heading``."""
    lines = source.split("\n")
    start = next(i for i, line in enumerate(lines) if line.lstrip("#").strip() == heading)
    index = next(i for i in range(start, len(lines)) if lines[i] == slot)
    lines.insert(index + 1, written)
    return "\n".join(lines)


def as_plain_text(source: str) -> str:
    """What a document editor's "Download as plain text" gives for the document."""
    out = []
    for line in read_markdown(source):
        if line.kind is LineKind.HEADING:
            out.append(line.text)
        elif line.kind is LineKind.ITEM:
            first, *rest = line.text.split("\n")
            indent = "    " * (line.level - 1)
            out.append(f"{indent}* {first}")
            out.extend(f"{indent}  {more}" for more in rest)
        elif line.kind is LineKind.ROW:
            out.append("\t".join(line.cells))
        elif line.kind is LineKind.TEXT:
            out.append(line.text)
        else:
            out.append("")
    return "\n".join(out) + "\n"


def as_html(source: str) -> str:
    body = markdown.markdown(source, extensions=["tables"])
    return (
        "<html><head><meta charset='utf-8'><style>p { margin: 0 }</style></head>"
        f"<body>{body}</body></html>"
    )


def as_docx(source: str) -> bytes:
    document = docx.Document()
    table_rows: list[tuple[str, ...]] = []

    def flush_table() -> None:
        if table_rows:
            table = document.add_table(rows=len(table_rows), cols=len(table_rows[0]))
            for row, cells in zip(table.rows, table_rows, strict=True):
                for cell, text in zip(row.cells, cells, strict=False):
                    cell.text = text
            table_rows.clear()

    for line in read_markdown(source):
        if line.kind is not LineKind.ROW:
            flush_table()
        if line.kind is LineKind.HEADING:
            document.add_heading(line.text, level=line.level)
        elif line.kind is LineKind.ITEM:
            style = "List Bullet" if line.level == 1 else "List Bullet 2"
            document.add_paragraph(line.text, style=style)
        elif line.kind is LineKind.TEXT:
            document.add_paragraph(line.text)
        elif line.kind is LineKind.ROW:
            table_rows.append(line.cells)
    flush_table()
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def saved_as(source: str, suffix: str) -> bytes:
    """The filled Markdown as the bytes of a file with ``suffix``."""
    if suffix == ".docx":
        return as_docx(source)
    if suffix == ".html":
        return as_html(source).encode("utf-8")
    if suffix == ".txt":
        return as_plain_text(source).encode("utf-8")
    return source.encode("utf-8")
