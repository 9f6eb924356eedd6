"""A module's figures: described in words in the Markdown, drawn inline in the HTML page."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest

from cofacilitator.export_html import FIGURE_SIZE_LIMIT, figure_data_uri, figure_html, html_page
from cofacilitator.export_markdown import export_cohort, export_session
from cofacilitator.paths import resources_dir
from cofacilitator.session_outline import FigureBlock, MarkdownDocument
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.sessions.schema import Figure
from cofacilitator.store.database import Store
from tests.export.html_reading import read_page
from tests.export.sample_cohort import seed_sample_cohort
from tests.export.test_cohort_export import demo_ids

# The smallest valid PNG: one transparent pixel.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


@pytest.fixture
def module_file(tmp_path: Path) -> Path:
    """A facilitator's own module file, with a figures folder beside it."""
    folder = tmp_path / "my-modules"
    (folder / "figures").mkdir(parents=True)
    (folder / "figures" / "cycle.png").write_bytes(PIXEL)
    module = folder / "my-module.toml"
    module.write_text("format = 1\n", encoding="utf-8")
    return module


def decoded(data_uri: str) -> bytes:
    return base64.b64decode(data_uri.split(",", 1)[1])


def test_the_demo_html_draws_the_shipped_stakeholder_map(
    demo_store: Store, shipped_catalog: Catalog
) -> None:
    _, runs = demo_ids(demo_store)
    html = export_session(demo_store, shipped_catalog, runs[2], "html")
    page = read_page(html)
    [(source, alt)] = page.images
    assert source.startswith("data:image/svg+xml;base64,")
    assert decoded(source) == (resources_dir() / "figures" / "stakeholder-map.svg").read_bytes()
    assert alt.startswith("A two-by-two grid. The vertical axis is Power")
    [caption] = page.text_in("figcaption")
    assert caption.startswith("Figure: Stakeholder map with four quadrants")
    assert "figures/stakeholder-map.svg" not in html


def test_the_markdown_gives_the_caption_and_the_description_not_a_path(
    demo_store: Store, shipped_catalog: Catalog
) -> None:
    _, runs = demo_ids(demo_store)
    text = export_session(demo_store, shipped_catalog, runs[2], "md")
    assert (
        "*Figure: Stakeholder map with four quadrants: Keep satisfied (high power, low interest)"
    ) in text
    assert "high interest).*  \nImage description: A two-by-two grid." in text
    assert "stakeholder-map.svg" not in text
    assert "![" not in text


def test_a_figure_beside_a_users_module_is_embedded(module_file: Path) -> None:
    figure = Figure("figures/cycle.png", "A cycle", "Figure: the cycle")
    block = FigureBlock(figure, str(module_file))
    source = figure_data_uri(block)
    assert source is not None and source.startswith("data:image/png;base64,")
    assert decoded(source) == PIXEL
    page = read_page(figure_html(block))
    assert page.images == [(source, "A cycle")]
    assert page.text_in("figcaption") == ["Figure: the cycle"]


def test_a_figure_that_cannot_be_embedded_keeps_its_words(
    module_file: Path, tmp_path: Path
) -> None:
    folder = module_file.parent
    (folder / "notes.txt").write_text("not an image", encoding="utf-8")
    (tmp_path / "secret.svg").write_text("<svg/>", encoding="utf-8")
    os.symlink(tmp_path / "secret.svg", folder / "figures" / "link.svg")
    large = folder / "figures" / "large.png"
    large.write_bytes(PIXEL + b"\0" * FIGURE_SIZE_LIMIT)
    for path in (
        "figures/absent.png",
        "notes.txt",
        "../secret.svg",
        "figures/link.svg",
        "figures/large.png",
    ):
        block = FigureBlock(Figure(path, "A cycle", "Figure: the cycle"), str(module_file))
        assert figure_data_uri(block) is None, path
        page = read_page(figure_html(block))
        assert page.images == [], path
        assert "Figure: the cycle" in page.all_text()
        assert "Image description: A cycle" in page.all_text()


def test_figure_text_is_escaped_in_the_page(module_file: Path) -> None:
    alt = 'A "cycle" <script>alert(1)</script>'
    figure = Figure("figures/cycle.png", alt, "Fig. <b>1</b> & co")
    document = MarkdownDocument()
    document.add("Before the figure.")
    document.figure(FigureBlock(figure, str(module_file)))
    document.add("- After the figure.")
    page = read_page(html_page(document, "Figures"))
    assert page.count("script") == page.count("b") == 0
    assert [shown for _, shown in page.images] == [alt]
    assert page.text_in("figcaption") == ["Fig. <b>1</b> & co"]
    assert page.text_in("p") == ["Before the figure."]
    assert page.text_in("li") == ["After the figure."]


def test_a_sample_figure_with_no_file_prints_its_words_in_html(store: Store) -> None:
    sample = seed_sample_cohort(store)
    html = export_cohort(store, sample.modules, sample.cohort_id, "html")
    page = read_page(html)
    assert page.images == []
    assert "Figure: the skills wheel" in page.all_text()
    assert "Image description: A wheel" in page.all_text()
