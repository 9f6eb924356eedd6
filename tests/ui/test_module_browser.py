"""The module browser shows the shipped modules' plans, safely, and follows the palette."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QPalette, QTextCursor, QTextDocument
from pytestqt.qtbot import QtBot

from cofacilitator.paths import resources_dir
from cofacilitator.sessions.schema import Module, Prompt, Quote, Segment, SegmentKind
from cofacilitator.ui.markdown_view import MarkdownView
from cofacilitator.ui.module_browser import FIGURE_WIDTH, ModuleBrowser, module_list_label


def make_browser(
    qtbot: QtBot, modules: tuple[Module, ...], opened: list[QUrl] | None = None
) -> ModuleBrowser:
    sink = opened if opened is not None else []
    browser = ModuleBrowser(modules, open_link=lambda url: sink.append(url))
    qtbot.addWidget(browser)
    browser.resize(1280, 720)
    browser.show()
    qtbot.waitExposed(browser)
    return browser


def scroll_to_text(view: MarkdownView, text: str) -> QPoint:
    """Bring the first ``text`` into view and return where to click on it."""
    cursor = view.document().find(text)
    assert not cursor.isNull(), text
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    middle = QTextCursor(cursor)
    middle.setPosition((cursor.selectionStart() + cursor.selectionEnd()) // 2)
    return view.cursorRect(middle).center()


def click_text(qtbot: QtBot, view: MarkdownView, text: str) -> None:
    """Click on ``text`` with the mouse, as a facilitator would."""
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=scroll_to_text(view, text))


def test_lists_every_module_with_its_minutes(
    qtbot: QtBot, shipped_modules: tuple[Module, ...]
) -> None:
    browser = make_browser(qtbot, shipped_modules)
    items = [browser.module_list.item(row).text() for row in range(browser.module_list.count())]

    assert items[0] == "1  Community Narrative  · 88 min"
    assert items == [module_list_label(module) for module in shipped_modules]
    assert len(items) == 4


def test_the_keyboard_moves_through_the_modules(
    qtbot: QtBot, shipped_modules: tuple[Module, ...]
) -> None:
    browser = make_browser(qtbot, shipped_modules)
    browser.module_list.setFocus()
    with qtbot.waitSignal(browser.module_selected) as selected:
        qtbot.keyClick(browser.module_list, Qt.Key.Key_Down)

    assert selected.args == ["community-of-practice-basics"]
    assert "Session 2: Community of Practice Basics" in browser.view.toPlainText()


def test_shows_the_whole_plan_of_a_module(
    qtbot: QtBot, shipped_modules: tuple[Module, ...]
) -> None:
    browser = make_browser(qtbot, shipped_modules)
    browser.select_module("community-of-practice-basics")
    text = browser.view.toPlainText()
    module = browser.current_module
    assert module is not None

    assert module.epigraph.text[:40] in text
    assert all(lesson in text for lesson in module.key_lessons)
    assert "Agenda" in text
    for segment in module.segments:
        assert segment.title in text
    assert "May be recorded" in text and "Not recorded" in text
    assert "Optional" in text
    assert "Place your stakeholders on the grid" in text
    assert text.count("Place your stakeholders on the grid") == 1
    assert module.assignment is not None
    assert f"Assignment: {module.assignment.title}" in text
    assert all(field.label in text for field in module.assignment.fields)
    assert "Readings" in text


def test_figures_are_drawn_from_the_resources_folder(
    qtbot: QtBot, shipped_modules: tuple[Module, ...]
) -> None:
    browser = make_browser(qtbot, shipped_modules)
    browser.select_module("community-of-practice-basics")
    browser.view.scrollToAnchor("segment-7")

    image = browser.view.document().resource(
        QTextDocument.ResourceType.ImageResource.value, QUrl("figures/stakeholder-map.svg")
    )
    assert isinstance(image, QImage) and not image.isNull()
    caption = browser.view.document().find("Figure: Stakeholder map with four quadrants")
    assert not caption.isNull()
    layout = browser.view.document().documentLayout()
    figure = layout.blockBoundingRect(caption.block().previous())
    assert figure.height() == pytest.approx(FIGURE_WIDTH * image.height() / image.width())
    gap = layout.blockBoundingRect(caption.block()).top() - figure.bottom()
    assert gap < 40, "the figure's line must not be stretched by the reading line height"


def test_a_reading_opens_in_the_browser_only_when_clicked(
    qtbot: QtBot, shipped_modules: tuple[Module, ...]
) -> None:
    opened: list[QUrl] = []
    browser = make_browser(qtbot, shipped_modules, opened)
    assert opened == []

    click_text(qtbot, browser.view, "The Turing Way - Managing a new community")

    assert [url.toString() for url in opened] == [
        "https://the-turing-way.netlify.app/collaboration/new-community.html"
    ]


def test_an_agenda_link_scrolls_to_its_segment_without_leaving_the_app(
    qtbot: QtBot, shipped_modules: tuple[Module, ...]
) -> None:
    opened: list[QUrl] = []
    browser = make_browser(qtbot, shipped_modules, opened)
    scrollbar = browser.view.verticalScrollBar()
    link = scroll_to_text(browser.view, "Feedback from this session")
    before = scrollbar.value()

    qtbot.mouseClick(browser.view.viewport(), Qt.MouseButton.LeftButton, pos=link)

    assert opened == []
    assert scrollbar.value() > before + browser.view.viewport().height()


def test_raw_html_in_a_module_file_stays_text(qtbot: QtBot) -> None:
    hostile = Module(
        id="own",
        version=1,
        number=5,
        title="<b>Own</b> module",
        epigraph=Quote("<script>alert(1)</script>", "Someone"),
        key_lessons=("<i>lesson</i>",),
        segments=(
            Segment(
                "s",
                SegmentKind.OPEN_DISCUSSION,
                "Talk",
                10,
                body='Look: <img src="http://example.com/track.png"> and <script>x()</script>',
                prompts=(Prompt("p", "<u>Why</u>?"),),
            ),
        ),
    )
    browser = make_browser(qtbot, (hostile,))
    text = browser.view.toPlainText()
    html = browser.view.toHtml()

    assert "<b>Own</b> module" in text
    assert "<script>alert(1)</script>" in text
    assert '<img src="http://example.com/track.png">' in text
    assert "<u>Why</u>?" in text
    assert "<img" not in html
    assert "<script" not in html


def test_no_modules_says_where_module_files_go(qtbot: QtBot) -> None:
    browser = ModuleBrowser((), user_modules_dir=resources_dir())
    qtbot.addWidget(browser)
    browser.show()

    assert browser.current_module is None
    assert "No modules could be loaded" in browser._empty.text()
    assert str(resources_dir()) in browser._empty.text()


def test_badges_follow_a_dark_palette(qtbot: QtBot, shipped_modules: tuple[Module, ...]) -> None:
    browser = make_browser(qtbot, shipped_modules)
    light_html = browser.view.toHtml()
    dark = QPalette(browser.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor(30, 30, 30))
    dark.setColor(QPalette.ColorRole.Text, QColor(230, 230, 230))
    browser.setPalette(dark)

    dark_html = browser.view.toHtml()
    assert dark_html != light_html
    assert "#ffffff" not in dark_html.lower()


def test_controls_have_names_for_screen_readers(
    qtbot: QtBot, shipped_modules: tuple[Module, ...]
) -> None:
    browser = make_browser(qtbot, shipped_modules)
    assert browser.module_list.accessibleName() == "Modules"
    assert browser.view.accessibleName() == "Module plan"
