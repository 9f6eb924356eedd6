"""What people typed prints as typed; module Markdown renders, but nothing active gets through."""

from __future__ import annotations

import pytest

from cofacilitator.markdown_text import (
    is_safe_link,
    neutralize_raw_html,
    plain_cell,
    plain_inline,
    plain_lines,
    render_markdown_html,
)
from tests.export.html_reading import read_page


def rendered_item(text: str) -> str:
    """A note rendered as the exports render it: one list item, lines as hard breaks."""
    return render_markdown_html("- Asha / " + "  \n  ".join(plain_lines(text)))


@pytest.mark.parametrize(
    ("typed", "tag"),
    [
        ("# heading", "h1"),
        ("## heading", "h2"),
        ("> a quote", "blockquote"),
        ("- a dash", "ul"),
        ("+ a plus", "ul"),
        ("* a star", "ul"),
        ("1. first", "ol"),
        ("2) second", "ol"),
        ("**bold**", "strong"),
        ("__bold__", "strong"),
        ("*em* and _em_", "em"),
        ("`code`", "code"),
        ("```\ncode\n```", "pre"),
        ("    indented code", "pre"),
        ("<script>alert(1)</script>", "script"),
        ("<img src=http://evil/x.png>", "img"),
        ("![x](http://evil/x.png)", "img"),
        ("[link](javascript:alert(1))", "a"),
        ("[ref]: javascript:alert(1)\n[x][ref]", "a"),
        ("line\n---", "hr"),
        ("line\n===", "h1"),
        ("| a | b |\n|---|---|\n| c | d |", "table"),
    ],
)
def test_typed_markup_stays_literal(typed: str, tag: str) -> None:
    page = read_page(rendered_item(typed))
    assert page.count(tag) == (1 if tag == "ul" else 0)
    shown = page.all_text().replace("\n", " ")
    for line in typed.splitlines():
        assert line.strip() in shown


def test_lines_of_a_note_stay_lines_of_one_list_item() -> None:
    page = read_page(rendered_item("first line\n\n# second line\n- third line"))
    assert page.count("li") == 1
    assert page.count("br") == 2
    assert [t.strip() for t in page.text_in("li")] == [
        "Asha / first line",
        "# second line",
        "- third line",
    ]


def test_html_characters_and_entities_survive_as_text() -> None:
    typed = "R&D <3 &lt;b&gt; & &amp; <!-- hidden -->"
    assert read_page(rendered_item(typed)).all_text().strip() == f"Asha / {typed}"


def test_a_pipe_in_a_table_cell_does_not_add_a_column() -> None:
    source = "| Name | Purpose |\n| --- | --- |\n" + f"| Ben | {plain_cell('| pipe |')} |"
    page = read_page(render_markdown_html(source))
    assert page.count("td") == 2
    assert page.text_in("td") == ["Ben", "| pipe |"]


def test_a_note_on_several_lines_joins_in_a_table_cell() -> None:
    assert plain_cell("first\nsecond\n\nthird") == "first / second / third"


def test_plain_inline_is_one_line_escaped_only_where_it_would_format() -> None:
    assert plain_inline("Room\n#1") == "Room #1"
    assert plain_inline("2.1 Purpose") == "2.1 Purpose"
    assert plain_inline("2.1 Purpose", line_start=True) == "2\\.1 Purpose"
    assert plain_inline("Room ##") == "Room \\#\\#"


def test_a_typed_url_stays_whole_and_clickable() -> None:
    typed = "see https://example.org/guide_v2?a=1&b=2 (or http://x.org/a_(b)), thanks"
    page = read_page(rendered_item(typed))
    assert page.urls == ["https://example.org/guide_v2?a=1&b=2", "http://x.org/a_(b)"]
    assert page.all_text().strip() == f"Asha / {typed}"


def test_a_url_inside_markup_is_not_linked() -> None:
    page = read_page(rendered_item('<a href="http://evil/x">x</a> src=http://evil/y'))
    assert page.urls == []


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org", True),
        ("http://example.org/a", True),
        ("mailto:someone@example.org", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("java\nscript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("file:///etc/passwd", False),
        ("#", False),
        ("", False),
        ("relative/page.html", False),
    ],
)
def test_only_web_and_mail_links_are_safe(url: str, safe: bool) -> None:
    assert is_safe_link(url) is safe


def test_module_markdown_renders_but_raw_html_shows_as_text() -> None:
    body = (
        "Grow **from the inside out**.\n\n"
        "<script>alert(1)</script>\n\n"
        '<div onclick="x()">block</div>\n\n'
        "Inline <b>bold</b> and `<code>` and [site](https://ok.example/)."
    )
    page = read_page(render_markdown_html(neutralize_raw_html(body)))
    assert page.count("strong") == 1
    assert page.count("script") == page.count("div") == page.count("b") == 0
    assert page.urls == ["https://ok.example/"]
    text = page.all_text()
    assert "<script>alert(1)</script>" in text
    assert "<b>bold</b>" in text
    assert page.text_in("code") == ["<code>"]


def test_the_renderer_alone_also_keeps_raw_html_out() -> None:
    page = read_page(render_markdown_html("<iframe src='https://evil/'></iframe>\n\nok <b>x</b>"))
    assert page.count("iframe") == page.count("b") == 0
    assert page.urls == []


def test_unsafe_links_become_text_and_images_their_description() -> None:
    source = (
        "[click](javascript:alert(1)) [pending](#) [rel](page.html) "
        "![a wheel](http://evil/x.png) ![](figures/x.svg) [ok](https://ok.example/a)"
    )
    page = read_page(render_markdown_html(source))
    assert page.count("img") == 0
    assert page.urls == ["https://ok.example/a"]
    assert "click" in page.all_text()
    assert "[a wheel]" in page.all_text()
