"""The facilitator's read-only answers: text stays text, the maps are pictures, status in words."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cofacilitator.assignment_store import import_handbacks, save_draft, submit
from cofacilitator.handback import write_handback
from cofacilitator.store.models import AssignmentResponse, ResponseStatus
from cofacilitator.ui.answers_view import (
    PICTURE_SCHEME,
    AnswersView,
    SaveChooser,
    choose_answers_path,
    status_text,
)
from cofacilitator.ui.events import Events
from cofacilitator.ui.markdown_view import MarkdownView
from tests.export.html_reading import read_page

from .conftest import Exchange, Shoot, Show

HOSTILE = 'Our logo: <img src="http://example.org/x.png"> and <script>alert("hi")</script>'
MAP = [
    {"name": "Funders", "note": "Annual report", "power": 0.8, "interest": 0.3},
    {"name": "Core team", "note": "", "power": 0.9, "interest": 0.85},
]
MOUNTAIN = [
    {"band": band, "who": f"People at {band}", "moves_up": "A personal invitation"}
    for band in ("First contact", "Observer", "Participant", "Contributor", "Leader")
]


def image_sources(view: MarkdownView) -> list[str]:
    """Every image the document shows, by its source."""
    sources = []
    block = view.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            form = iterator.fragment().charFormat()
            if form.isImageFormat():
                sources.append(form.toImageFormat().name())
            iterator += 1
        block = block.next()
    return sources


def import_answers(exchange: Exchange, number: int, values: dict[str, object]) -> None:
    """Ada answers in her app, hands back, and the facilitator imports the file."""
    ada = exchange.join()
    module = exchange.module(number)
    submit(exchange.participant, ada, module, values)
    path = exchange.tmp / f"ada-{number}.md"
    write_handback(exchange.participant, ada, module, path)
    report = import_handbacks(exchange.facilitator, [path], exchange.catalog)
    assert report.imported, report.outcomes


def make_view(
    show: Show,
    exchange: Exchange,
    events: Events | None = None,
    choose_save_path: SaveChooser = choose_answers_path,
) -> AnswersView:
    opened: list[QUrl] = []
    view = AnswersView(
        exchange.facilitator,
        exchange.catalog,
        events or Events(),
        open_link=opened.append,
        choose_save_path=choose_save_path,
    )
    show(view)
    view.set_cohort(exchange.cohort_id)
    return view


def test_typed_markup_is_shown_as_typed_and_loads_nothing(
    qtbot: QtBot, show: Show, exchange: Exchange
) -> None:
    import_answers(exchange, 1, {"origin-story": HOSTILE, "pathways": ["<b>bold?</b>"]})
    view = make_view(show, exchange)
    view.show_answers(exchange.ada, "community-narrative")
    text = view.document.toPlainText()
    assert HOSTILE in text
    assert "<b>bold?</b>" in text
    assert image_sources(view.document) == []
    assert view.status.text().startswith("Imported on ")


def test_the_map_and_the_mountain_are_pictures(
    qtbot: QtBot, show: Show, shoot: Shoot, exchange: Exchange
) -> None:
    import_answers(exchange, 2, {"stakeholder-map": MAP})
    view = make_view(show, exchange)
    view.show_answers(exchange.ada, "community-of-practice-basics")
    [source] = image_sources(view.document)
    assert source.startswith(f"{PICTURE_SCHEME}:")
    image = view.document.document().resource(
        QTextDocument.ResourceType.ImageResource.value, QUrl(source)
    )
    assert isinstance(image, QImage) and not image.isNull()
    text = view.document.toPlainText()
    assert "Funders: Annual report" in text, "notes the picture has no room for are listed"
    assert "Keep satisfied" not in text, "the quadrants are in the picture, not in a list"
    shoot(view, "answers-map")

    exchange_mountain = {"mountain": MOUNTAIN}
    ada = exchange.join()
    submit(exchange.participant, ada, exchange.module(3), exchange_mountain)
    path = exchange.tmp / "ada-3.md"
    write_handback(exchange.participant, ada, exchange.module(3), path)
    events = Events()
    view_events = make_view(show, exchange, events)
    view_events.show_answers(exchange.ada, "community-engagement")
    assert view_events.status.text() == "No answers yet."
    import_handbacks(exchange.facilitator, [path], exchange.catalog)
    with exchange.facilitator.session_factory() as s:
        response_id = s.scalars(
            select(AssignmentResponse.id).where(
                AssignmentResponse.module_id == "community-engagement"
            )
        ).one()
    events.assignment_did_import.emit(response_id)
    assert view_events.status.text().startswith("Imported on ")
    assert len(image_sources(view_events.document)) == 1
    assert "People at Leader" not in view_events.document.toPlainText()


def test_status_in_words(exchange: Exchange) -> None:
    ada = exchange.ada
    assert status_text(None) == "No answers yet."
    draft = save_draft(exchange.facilitator, ada, "community-narrative", {"pathways": ["x"]})
    assert status_text(draft).startswith("Draft (version 1, last saved ")
    submitted = submit(exchange.facilitator, ada, exchange.module(1), {"pathways": ["x"]})
    assert status_text(submitted).startswith("Submitted on ")
    imported = replace(
        submitted,
        status=ResponseStatus.IMPORTED,
        version=2,
        imported_at=datetime(2026, 10, 21, 12, 0),
        submitted_at=datetime(2026, 10, 20, 12, 0),
    )
    assert (
        status_text(imported) == "Imported on 21 Oct 2026 (version 2, handed back on 20 Oct 2026)."
    )


def test_export_as_html_saves_the_shown_answers_with_the_mountain_drawn(
    qtbot: QtBot, show: Show, exchange: Exchange
) -> None:
    import_answers(exchange, 3, {"mountain": MOUNTAIN})
    target = exchange.tmp / "ada.html"
    suggested: list[str] = []

    def choose(parent: QWidget, suggestion: str) -> str:
        suggested.append(suggestion)
        return str(target)

    view = make_view(show, exchange, choose_save_path=choose)
    view.show_answers(exchange.ada, "community-narrative")
    assert not view.export_button.isEnabled(), "nothing to export before answers arrive"
    view.show_answers(exchange.ada, "community-engagement")
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)

    assert suggested[0].endswith("session-3.html")
    page = read_page(target.read_text(encoding="utf-8"))
    (picture,) = page.images
    assert picture[0].startswith("data:image/svg+xml;base64,")
    assert "Leader: People at Leader" in picture[1]
    assert view.status.text() == "Exported to ada.html."
