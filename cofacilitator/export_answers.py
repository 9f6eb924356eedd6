"""One participant's answers to one session's assignment as a page to keep or send.

The curriculum asks for the stakeholder map and the mountain of engagement to be drawn where a
picture says more, in the facilitator's view and in the HTML export alike. The page says every
answer in words, as ``answers_to_markdown`` does for hand-back files, and puts the picture
(``answer_pictures``, inline as a ``data:`` URI, so the page fetches nothing) between a drawable
field's heading and its words. Names follow the exports' rules (``pseudonyms.NameBook``).
"""

from __future__ import annotations

from html import escape
from typing import Any

from cofacilitator.answer_pictures import answer_picture_description, answer_picture_uri
from cofacilitator.answers import answers_to_markdown
from cofacilitator.assignment_store import get_response
from cofacilitator.cohorts import get_participant
from cofacilitator.export_html import page_around
from cofacilitator.export_model import ExportError, read_name_book
from cofacilitator.markdown_text import plain_inline, render_markdown_html
from cofacilitator.pseudonyms import NameBook
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.sessions.schema import Assignment
from cofacilitator.store.database import Store
from cofacilitator.store.models import ResponseStatus


def answers_html(
    store: Store,
    catalog: Catalog,
    participant_id: int,
    module_id: str,
    *,
    pseudonymize: bool = False,
) -> str:
    """The page, or an ``ExportError`` saying why there is nothing to export."""
    module = catalog.get(module_id)
    if module is None or module.assignment is None:
        raise ExportError(f'The session "{module_id}" has no assignment to export.')
    person = get_participant(store, participant_id)
    with store.session_factory() as s:
        book = read_name_book(s, person.cohort_id, pseudonymize)
    name = book.name(participant_id)
    response = get_response(store, participant_id, module_id)
    if response is None:
        raise ExportError(f"{name} has no answers to Session {module.number} yet.")
    assignment = module.assignment
    title = f"{name}: Session {module.number}, {assignment.title}"
    parts = [f"<h1>{escape(title)}</h1>"]
    if response.status is ResponseStatus.DRAFT:
        parts.append("<p><em>A draft, not handed back yet.</em></p>")
    parts.append(answers_body(assignment, _scrubbed(response.values, book)))
    return page_around("\n".join(parts), title)


def answers_body(assignment: Assignment, values: dict[str, Any]) -> str:
    """Each field's heading, its picture when it has one, then its answer in words."""
    parts: list[str] = []
    for field in assignment.fields:
        value = values.get(field.id)
        single = Assignment(assignment.id, assignment.title, "", (field,))
        picture = answer_picture_uri(field, value)
        if picture is None:
            parts.append(render_markdown_html(answers_to_markdown(single, values)))
            continue
        # The words repeat the heading ``answers_to_markdown`` starts with; the picture goes
        # under it, and the words (notes, what helps people move up) follow.
        heading = f"## {plain_inline(field.label)}"
        words = answers_to_markdown(single, values).removeprefix(heading)
        description = answer_picture_description(field, value)
        parts.append(render_markdown_html(heading))
        parts.append(f'<figure>\n<img src="{picture}" alt="{escape(description)}">\n</figure>')
        parts.append(render_markdown_html(words))
    return "\n".join(parts)


def _scrubbed(value: Any, book: NameBook) -> Any:
    """Every text in an answer with pseudonymized people's names and handles replaced."""
    if isinstance(value, str):
        return book.scrubbed(value)
    if isinstance(value, list):
        return [_scrubbed(item, book) for item in value]
    if isinstance(value, dict):
        return {key: _scrubbed(item, book) for key, item in value.items()}
    return value
