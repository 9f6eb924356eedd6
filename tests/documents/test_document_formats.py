"""Markdown, plain text, HTML and Word read into the same lines, and lines written back."""

from __future__ import annotations

import io

import docx
import pytest
from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from cofacilitator.document_formats import (
    DocLine,
    DocumentFormatError,
    LineKind,
    heading,
    item,
    lines_to_docx,
    lines_to_markdown,
    paragraph,
    read_document_bytes,
    read_docx,
    read_html,
    read_markdown,
    row,
)


def shape(lines: tuple[DocLine, ...]) -> list[tuple[str, object]]:
    """Lines without paragraph breaks, as (kind, text or cells)."""
    return [
        (line.kind.value, line.cells if line.kind is LineKind.ROW else line.text)
        for line in lines
        if line.kind is not LineKind.BREAK
    ]


def test_markdown_keeps_headings_lists_continued_answers_and_tables_and_drops_markup() -> None:
    source = (
        "## Q1: What *trend* do we see?\n"
        "\n"
        "- **Ada** / an answer  \n"
        "  on two lines\n"
        "  - a nested point\n"
        "* \n"
        "1. numbered\n"
        "\\- not a list, [a link](https://example.org) and <https://example.org/x>\n"
        "\n"
        "| Name | Purpose |\n"
        "| --- | --- |\n"
        "| Ada | Docs \\| more |\n"
        "\n"
        "| Second | table |\n"
        "| --- | --- |\n"
        "> &#61; quoted\n"
    )
    lines = read_markdown(source)

    assert shape(lines) == [
        ("heading", "Q1: What trend do we see?"),
        ("item", "Ada / an answer\non two lines"),
        ("item", "a nested point"),
        ("item", ""),
        ("item", "numbered"),
        ("text", "- not a list, a link (https://example.org) and https://example.org/x"),
        ("row", ("Name", "Purpose")),
        ("row", ("Ada", "Docs | more")),
        ("row", ("Second", "table")),
        ("text", "= quoted"),
    ]
    rows = [line for line in lines if line.kind is LineKind.ROW]
    assert [r.level for r in rows] == [1, 1, 2]
    assert [line.level for line in lines if line.kind is LineKind.ITEM] == [1, 2, 1, 1]


def test_plain_text_reads_star_bullets_and_tab_separated_rows_with_empty_last_cells() -> None:
    lines = read_markdown(
        "Roll call\n* Ada / here\nName\tPurpose\tOutcomes\nAda\t\t\nBen\tDocs\t\n"
    )

    assert shape(lines) == [
        ("text", "Roll call"),
        ("item", "Ada / here"),
        ("row", ("Name", "Purpose", "Outcomes")),
        ("row", ("Ada", "", "")),
        ("row", ("Ben", "Docs", "")),
    ]


GOOGLE_DOCS_HTML = """<html><head><meta content="text/html; charset=UTF-8">
<style type="text/css">ol{margin:0;padding:0} .c1{font-weight:700}</style></head>
<body class="c5 doc-content">
<h2 class="c3" id="h.x"><span class="c1">Q1: What trend do we see?</span></h2>
<ul class="c2 lst-kix_abc-0 start"><li class="c0 li-bullet-0"><span>Ada / first&nbsp;line</span>
<br><span>second line</span></li></ul>
<ul class="c2 lst-kix_abc-1 start"><li class="c0 li-bullet-1"><span>nested</span></li></ul>
<p class="c4"><span>A paragraph &amp; more</span></p>
<table class="c9"><tr><td><p><span>Name</span></p></td><td><p><span>Purpose</span></p></td></tr>
<tr><td><p><span>Ada</span></p></td>
<td><p><span>Docs</span></p><p><span>and code</span></p></td></tr>
</table>
<script>alert("no")</script>
</body></html>"""


def test_a_google_docs_html_download_gives_the_same_lines() -> None:
    lines = read_html(GOOGLE_DOCS_HTML)

    assert shape(lines) == [
        ("heading", "Q1: What trend do we see?"),
        ("item", "Ada / first line\nsecond line"),
        ("item", "nested"),
        ("text", "A paragraph & more"),
        ("row", ("Name", "Purpose")),
        ("row", ("Ada", "Docs\nand code")),
    ]
    assert [line.level for line in lines if line.kind is LineKind.ITEM] == [1, 2]


def _numbered(document: WordDocument, text: str, level: int) -> None:
    """A list paragraph as Google Docs writes it: Normal style with numbering properties."""
    paragraph_ = document.add_paragraph(text)
    properties = paragraph_._p.get_or_add_pPr()
    numbering = OxmlElement("w:numPr")
    depth = OxmlElement("w:ilvl")
    depth.set(qn("w:val"), str(level))
    number = OxmlElement("w:numId")
    number.set(qn("w:val"), "1")
    numbering.append(depth)
    numbering.append(number)
    properties.append(numbering)


def test_a_word_document_reads_heading_and_list_styles_numbering_and_merged_cells() -> None:
    document = docx.Document()
    document.add_heading("Session 1: Community Narrative", 0)
    document.add_heading("Roll call", 2)
    document.add_paragraph("Ada / here", style="List Bullet")
    document.add_paragraph("deeper", style="List Bullet 2")
    _numbered(document, "Ben / numbered", 0)
    _numbered(document, "nested", 1)
    document.add_paragraph("A line\nwith a break")
    table = document.add_table(rows=2, cols=3)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Name", "Purpose"
    table.rows[0].cells[1].merge(table.rows[0].cells[2])
    table.rows[1].cells[0].text = "Ada"
    stream = io.BytesIO()
    document.save(stream)

    lines = read_docx(stream.getvalue())

    assert shape(lines) == [
        ("heading", "Session 1: Community Narrative"),
        ("heading", "Roll call"),
        ("item", "Ada / here"),
        ("item", "deeper"),
        ("item", "Ben / numbered"),
        ("item", "nested"),
        ("text", "A line\nwith a break"),
        ("row", ("Name", "Purpose")),
        ("row", ("Ada", "", "")),
    ]
    assert [line.level for line in lines if line.kind is not LineKind.BREAK][:6] == [
        1,
        2,
        1,
        2,
        1,
        2,
    ]


@pytest.mark.parametrize(
    ("data", "suffix"),
    [(b"PK\x03\x04 half a zip", ".docx"), (b"plain words", ".docx"), (b"%PDF-1.7", ".pdf")],
)
def test_a_file_that_is_not_a_readable_document_is_refused_in_words(
    data: bytes, suffix: str
) -> None:
    with pytest.raises(DocumentFormatError, match="notes"):
        read_document_bytes(data, suffix, source="notes" + suffix)


def test_text_files_are_read_whatever_their_encoding_mark() -> None:
    text = "# Café\n\n- Zoë / oui\n"
    for data in (text.encode("utf-8-sig"), text.encode("utf-16"), text.encode("utf-8")):
        assert shape(read_document_bytes(data, ".txt")) == [
            ("heading", "Café"),
            ("item", "Zoë / oui"),
        ]


def test_lines_written_as_markdown_or_word_read_back_the_same() -> None:
    lines = [
        heading("Stakeholders", 2),
        paragraph("One paragraph, with *stars* and a # kept as typed."),
        item("Ada / first"),
        item(""),
        row(["Name", "Role"], 1),
        row(["Ada", "Review | merge"], 1),
        row(["Second", "table"], 2),
    ]
    expected = shape(tuple(lines))

    assert shape(read_markdown(lines_to_markdown(lines))) == expected
    assert shape(read_docx(lines_to_docx(lines))) == [
        entry for entry in expected if entry != ("item", "")
    ]
