"""A full call of sixty people, every one of them typing something awkward, still renders whole."""

from __future__ import annotations

import re

from cofacilitator.export_markdown import export_session
from cofacilitator.store.database import Store
from cofacilitator.store.models import (
    Attendance,
    AttendanceStatus,
    AuthorKind,
    FeedbackItem,
    Note,
    QAEntry,
    TableRow,
)
from tests.export.html_reading import Page, read_page
from tests.export.sample_cohort import add_rows, new_cohort, new_run, sample_module

PEOPLE = 60
NOTE_PROMPTS = (("talk", "talk-notes"), ("why", "project-story"), ("why", "project-next"),
                ("why", "you"), ("takeaways", "takeaway"))  # fmt: skip


def awkward(i: int) -> str:
    return f"Idea {i} with *stars* and a | pipe\n# not a heading {i}\n- not a list\n1. not numbered"


def seed_big_call(store: Store) -> tuple[dict[str, object], int]:
    module = sample_module(1)
    cohort_id, people = new_cohort(
        store, {f"Person {i:02d} Surname": i % 3 != 0 for i in range(PEOPLE)}
    )
    run_id = new_run(store, cohort_id, module)
    ids = list(people.values())
    rows: list[object] = []
    for i, pid in enumerate(ids):
        rows.append(
            Attendance(
                run_id=run_id, participant_id=pid, status=AttendanceStatus.PRESENT, answer=f"> {i}"
            )
        )
        for segment, prompt in NOTE_PROMPTS:
            rows.append(
                Note(
                    run_id=run_id,
                    segment_id=segment,
                    prompt_id=prompt,
                    author_kind=AuthorKind.PARTICIPANT,
                    participant_id=pid,
                    text=awkward(i),
                )
            )
        for position in range(2):
            rows.append(
                TableRow(
                    run_id=run_id,
                    segment_id="purpose",
                    participant_id=pid,
                    position=2 * i + position,
                    cells={"Project": f"P|{i}", "Purpose": awkward(i), "Outcomes": "<b>x</b>"},
                )
            )
        rows.append(FeedbackItem(run_id=run_id, kind="plus", text=awkward(i)))
    rows.extend(
        QAEntry(run_id=run_id, segment_id="qa", question=awkward(i), asked_by_id=ids[i])
        for i in range(10)
    )
    add_rows(store, *rows)
    return {module.id: module}, run_id


def section(html: str, title: str) -> Page:
    """The part of the page under the ``<h2>`` with this title."""
    return read_page(html.split(f"<h2>{title}</h2>", 1)[1].split("<h2>", 1)[0])


def test_sixty_people_of_notes_survive_the_markdown_conversion(store: Store) -> None:
    modules, run_id = seed_big_call(store)
    markdown = export_session(store, modules, run_id)
    html = export_session(store, modules, run_id, "html")
    page = read_page(html)

    headings = sum(page.count(f"h{level}") for level in range(1, 7))
    assert headings == len(re.findall(r"^#{1,6} ", markdown, re.MULTILINE))
    assert page.count("ol") == 0
    assert section(html, "Roll call").count("li") == PEOPLE
    assert section(html, "Why community?").count("li") == PEOPLE
    assert section(html, "Starting with why").count("li") == 3 * PEOPLE
    assert section(html, "Key takeaways").count("li") == PEOPLE
    assert section(html, "Q&amp;A and suggestions").count("li") == 10
    assert section(html, "Feedback from this session").count("li") == PEOPLE

    table = section(html, "Purpose and outcomes")
    assert table.count("tr") == 1 + 2 * PEOPLE
    assert table.count("th") == 4
    assert table.count("td") == 4 * 2 * PEOPLE
    assert table.count("b") == 0
    cells = table.text_in("td")
    assert "P|59" in cells
    assert (
        "Idea 59 with *stars* and a | pipe / # not a heading 59 / - not a list / 1. not numbered"
        in cells
    )

    why = section(html, "Starting with why")
    assert why.count("br") == 3 * 3 * PEOPLE
    assert why.count("em") == 1  # the prompt's details line, nothing from the notes
