"""The blank shared document of a session: what the cohort sees before the call."""

from __future__ import annotations

import re
from datetime import date

import pytest

from cofacilitator.document_formats import LineKind, read_html
from cofacilitator.export_markdown import export_session
from cofacilitator.export_model import ExportError
from cofacilitator.schedule import schedule_run
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.shared_document import GUIDELINES_REMINDER, blank_session_document
from cofacilitator.store.database import Store
from tests.documents.conftest import COHORT_NAME, Fresh

ACTIVE = (
    "Amara Okafor",
    "Lin Wei",
    "Priya Raghunathan",
    "Mateo Fernández",
    "Siobhán Kelly",
    "Yusuf Demir",
    "Hana Sato",
)


def headings(markdown: str) -> list[str]:
    return [line for line in markdown.split("\n") if re.match(r"#{1,6} ", line)]


def section(markdown: str, title: str) -> str:
    """The text under the heading ``title``, up to the next heading."""
    start = markdown.index(f" {title}\n")
    following = re.search(r"\n#{1,6} ", markdown[start + len(title) + 2 :])
    end = start + len(title) + 2 + following.start() if following else len(markdown)
    return markdown[start:end]


def test_the_top_says_which_session_when_and_where_and_how_we_work_together(
    store: Store, catalog: Catalog, fresh: Fresh
) -> None:
    schedule_run(
        store,
        fresh.runs[1],
        on=date(2026, 10, 1),
        start_time="16:00",
        timezone="Europe/London",
        join_link="https://call.example.org/x",
    )

    blank = blank_session_document(store, catalog, fresh.runs[1])

    assert blank.title == "Session 1: Community Narrative"
    top = blank.markdown.split("## Key lessons")[0]
    assert top.startswith("# Session 1: Community Narrative\n")
    assert f"- **Cohort:** {COHORT_NAME}" in top
    assert "- **Date:** 2026-10-01, 16:00 (Europe/London)" in top
    assert "- **Joining link:** <https://call.example.org/x>" in top
    assert "- **Facilitators:** Noor Haddad, Jonas Berg" in top
    assert f"*{GUIDELINES_REMINDER}*" in top
    assert "> I've learned that people will forget what you said" in top


def test_an_unscheduled_session_leaves_date_and_link_out(
    store: Store, catalog: Catalog, fresh: Fresh
) -> None:
    top = blank_session_document(store, catalog, fresh.runs[1]).markdown.split("## Key")[0]
    assert "**Date:**" not in top and "**Joining link:**" not in top


def test_every_prompt_has_a_line_for_each_active_person_under_their_own_name(
    store: Store, catalog: Catalog, fresh: Fresh
) -> None:
    markdown = blank_session_document(store, catalog, fresh.runs[1]).markdown
    slots = "\n".join(f"- {name} / " for name in ACTIVE)

    for prompt in ("What is one characteristic about a community you most admire?", "Roll call"):
        assert slots in section(markdown, prompt)
    assert "Kwame Asante" not in markdown, "withdrawn people get no line"
    assert "Participant A" not in markdown, "the cohort's own document uses real names"
    assert markdown.count(slots) == 1 + sum(
        len(segment.prompts) for segment in catalog.modules[0].segments[2:]
    )


def test_tables_feedback_and_questions_have_room_to_write(
    store: Store, catalog: Catalog, fresh: Fresh
) -> None:
    markdown = blank_session_document(store, catalog, fresh.runs[2]).markdown

    table = section(markdown, "Purpose and outcomes")
    assert "| Name | Project/subproject | Purpose | Outcomes |" in table
    assert all(f"| {name} |   |   |   |" in table for name in ACTIVE)
    for label, question in (
        ("Plus", "What worked?"),
        ("Delta", "What didn't work? What would you change?"),
        ("Surprised", "What surprised you?"),
        ("Unclear", "What was not clear?"),
        ("Personal takeaways", "What was your main takeaway, personally?"),
    ):
        assert f"### {label}\n\n*{question}*\n\n* \n* \n* " in markdown
    assert "* \n* \n* " in section(markdown, "Q&A and suggestions")


def test_the_clipboard_html_keeps_headings_lists_and_tables(
    store: Store, catalog: Catalog, fresh: Fresh
) -> None:
    html = blank_session_document(store, catalog, fresh.runs[2]).html

    assert "<h1>Session 2: Community of Practice Basics</h1>" in html
    assert '<table border="1"' in html and "<th>Project/subproject</th>" in html
    lines = read_html(html)
    assert ("item", "Lin Wei /") in [(line.kind.value, line.text) for line in lines]
    assert [line.text for line in lines if line.kind is LineKind.HEADING].count("Plus") == 1
    assert "<h2>-</h2>" not in html and "<h2>*</h2>" not in html


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_the_blank_has_the_outline_of_the_session_export_so_answers_find_their_prompts(
    store: Store, catalog: Catalog, fresh: Fresh, number: int
) -> None:
    blank = blank_session_document(store, catalog, fresh.runs[number]).markdown
    export = export_session(store, catalog, fresh.runs[number])

    sharing_round = "### Shared from the assignment"
    assert headings(blank) == [h for h in headings(export) if h != sharing_round]


def test_a_session_whose_module_is_missing_cannot_have_a_document(
    store: Store, catalog: Catalog, fresh: Fresh
) -> None:
    with pytest.raises(ExportError, match="not installed"):
        blank_session_document(store, {}, fresh.runs[1])
