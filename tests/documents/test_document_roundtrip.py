"""A blank shared document, filled in by the cohort, downloaded in each format and imported."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from cofacilitator.attendance import list_attendance
from cofacilitator.cohorts import find_cohort, list_participants
from cofacilitator.demo import DEMO_COHORT_NAME
from cofacilitator.document_formats import read_document_bytes
from cofacilitator.document_import import preview_document
from cofacilitator.export_markdown import export_session
from cofacilitator.import_apply import apply_preview
from cofacilitator.import_preview import Decision
from cofacilitator.notes import add_note, list_notes
from cofacilitator.runs import list_runs
from cofacilitator.session_records import list_feedback, list_questions, list_table_rows
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.sessions.schema import FeedbackKind
from cofacilitator.shared_document import blank_session_document
from cofacilitator.store.database import Store
from cofacilitator.store.models import (
    Attendance,
    AuthorKind,
    FeedbackItem,
    Note,
    NoteSource,
    Participant,
    QAEntry,
    TableRow,
)
from tests.documents.conftest import Fresh
from tests.documents.filling import add_after_slot, fill_slot, saved_as

FORMATS = (".md", ".txt", ".html", ".docx")
ICEBREAKER = "What is one characteristic about a community you most admire?"
Q1 = "Q1: What trend do we see in these scenarios?"
Q2 = "Q2: What are the differences?"
STORY = (
    "What is your community project's story, and who started it? Why is it important to "
    "build this community: what is the purpose?"
)
TAKEAWAY = "What is one thing you are taking away from this session?"


def filled_session_one(store: Store, catalog: Catalog, fresh: Fresh) -> str:
    """Session 1 as the cohort leaves it: some slots filled, most left empty."""
    text = blank_session_document(store, catalog, fresh.runs[1]).markdown
    text = fill_slot(
        text, "Roll call", "- Lin Wei / ", "- Lin Wei / RSE network lead / github:linwei / 🧩"
    )
    text = fill_slot(
        text, ICEBREAKER, "- Siobhán Kelly / ", "- Siobhan Kelly / Generosity with time."
    )
    text = fill_slot(text, Q1, "- Amara Okafor / ", "- Amara / Each one started with two people.")
    text = fill_slot(text, Q2, "- Priya Raghunathan / ", "- @priya_r / Funding, mostly.")
    text = fill_slot(
        text,
        STORY,
        "- Mateo Fernández / ",
        "- Mateo  Fernández / Two maintainers started it in 2019.  \n  It grew at conferences.",
    )
    text = fill_slot(text, TAKEAWAY, "- Hana Sato / ", "- Hana Sato / Write the origin story down.")
    text = add_after_slot(
        text,
        TAKEAWAY,
        "- Hana Sato / Write the origin story down.",
        "- Noor Haddad / Theme: purpose first.",
    )
    text = fill_slot(text, "Q&A and suggestions", "* ", "- Will the slides be shared?")
    text = fill_slot(
        text, "Q&A and suggestions", "* ", "- Lin Wei / Is there a template for interviews?"
    )
    text = fill_slot(text, "Plus", "* ", "- Timer on screen kept us relaxed.")
    text = fill_slot(text, "Delta", "* ", "- Yusuf Demir / The presentation could be shorter.")
    return text


def stored_notes(store: Store, fresh: Fresh) -> set[tuple[str, str, AuthorKind, int | None, str]]:
    return {
        (n.segment_id, n.prompt_id, n.author_kind, n.participant_id, n.text)
        for n in list_notes(store, fresh.runs[1])
    }


def row_counts(store: Store) -> dict[str, int]:
    with store.session_factory() as s:
        return {
            model.__name__: s.scalar(select(func.count()).select_from(model)) or 0
            for model in (Note, TableRow, FeedbackItem, QAEntry, Attendance, Participant)
        }


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_filled_document_in_every_format_adds_exactly_what_the_cohort_wrote(
    store: Store, catalog: Catalog, fresh: Fresh, suffix: str
) -> None:
    data = saved_as(filled_session_one(store, catalog, fresh), suffix)
    preview = preview_document(store, catalog, fresh.runs[1], read_document_bytes(data, suffix))
    assert preview.unknown_names == ()
    result = apply_preview(store, preview)

    people = fresh.people
    assert stored_notes(store, fresh) == {
        (
            "icebreaker",
            "admired-characteristic",
            AuthorKind.PARTICIPANT,
            people["Siobhán Kelly"],
            "Generosity with time.",
        ),
        (
            "open-discussion",
            "q1-trend",
            AuthorKind.PARTICIPANT,
            people["Amara Okafor"],
            "Each one started with two people.",
        ),
        (
            "open-discussion",
            "q2-differences",
            AuthorKind.PARTICIPANT,
            people["Priya Raghunathan"],
            "Funding, mostly.",
        ),
        (
            "silent-notes-why",
            "project-story",
            AuthorKind.PARTICIPANT,
            people["Mateo Fernández"],
            "Two maintainers started it in 2019.\nIt grew at conferences.",
        ),
        (
            "key-takeaways",
            "takeaway",
            AuthorKind.PARTICIPANT,
            people["Hana Sato"],
            "Write the origin story down.",
        ),
        ("key-takeaways", "takeaway", AuthorKind.FACILITATOR, None, "Theme: purpose first."),
    }
    assert {n.source for n in list_notes(store, fresh.runs[1])} == {NoteSource.DOCUMENT}
    assert {(q.question, q.asked_by_id) for q in list_questions(store, fresh.runs[1])} == {
        ("Will the slides be shared?", None),
        ("Is there a template for interviews?", people["Lin Wei"]),
    }
    assert {(f.kind, f.text, f.participant_id) for f in list_feedback(store, fresh.runs[1])} == {
        (FeedbackKind.PLUS, "Timer on screen kept us relaxed.", None),
        (FeedbackKind.DELTA, "The presentation could be shorter.", people["Yusuf Demir"]),
    }
    assert [(a.participant_id, a.answer) for a in list_attendance(store, fresh.runs[1])] == [
        (people["Lin Wei"], "RSE network lead / github:linwei / 🧩")
    ]
    assert result.added == 11
    assert result.walk_ins == ()


@pytest.mark.parametrize("suffix", FORMATS)
def test_importing_the_same_document_twice_adds_nothing_the_second_time(
    store: Store, catalog: Catalog, fresh: Fresh, suffix: str
) -> None:
    lines = read_document_bytes(saved_as(filled_session_one(store, catalog, fresh), suffix), suffix)
    apply_preview(store, preview_document(store, catalog, fresh.runs[1], lines))
    before = row_counts(store)

    again = preview_document(store, catalog, fresh.runs[1], lines)
    result = apply_preview(store, again)

    assert again.plan().added == ()
    assert all(p.duplicate for p in again.proposals)
    assert result.added == 0
    assert row_counts(store) == before


def test_a_later_download_with_one_more_answer_adds_only_that_answer(
    store: Store, catalog: Catalog, fresh: Fresh
) -> None:
    text = filled_session_one(store, catalog, fresh)
    apply_preview(store, preview_document(store, catalog, fresh.runs[1], text))
    more = fill_slot(text, Q2, "- Lin Wei / ", "- Lin Wei / Who   the community serves.")

    result = apply_preview(store, preview_document(store, catalog, fresh.runs[1], more))

    assert (result.notes_added, result.added) == (1, 1)
    assert (
        "open-discussion",
        "q2-differences",
        AuthorKind.PARTICIPANT,
        fresh.people["Lin Wei"],
        "Who   the community serves.",
    ) in stored_notes(store, fresh)


def test_a_preview_that_is_never_applied_stores_nothing(
    store: Store, catalog: Catalog, fresh: Fresh
) -> None:
    text = add_after_slot(
        filled_session_one(store, catalog, fresh), Q1, "- Lin Wei / ", "- Bob Marley / Hi!"
    )
    before = row_counts(store)

    preview = preview_document(store, catalog, fresh.runs[1], text)

    assert len(preview.plan().added) == 12
    assert preview.unknown_names == ("Bob Marley",)
    assert row_counts(store) == before


@pytest.mark.parametrize(
    ("decision", "kind", "walk_ins"),
    [(Decision.WALK_IN, AuthorKind.PARTICIPANT, 1), (Decision.ANONYMOUS, AuthorKind.ANONYMOUS, 0)],
)
def test_a_name_not_on_the_roster_becomes_a_walk_in_or_stays_anonymous_as_decided(
    store: Store,
    catalog: Catalog,
    fresh: Fresh,
    decision: Decision,
    kind: AuthorKind,
    walk_ins: int,
) -> None:
    text = fill_slot(
        blank_session_document(store, catalog, fresh.runs[1]).markdown,
        Q1,
        "- Lin Wei / ",
        "- Bob  Marley / I came along with Lin.",
    )
    preview = preview_document(store, catalog, fresh.runs[1], text)
    assert preview.unknown_names == ("Bob Marley",)
    assert preview.notes[0].author.status.value == "unknown"

    result = apply_preview(store, preview, {"bob marley": decision})

    [note] = list_notes(store, fresh.runs[1])
    assert (note.author_kind, note.text) == (kind, "I came along with Lin.")
    added = [p for p in list_participants(store, fresh.cohort_id) if p.is_walk_in]
    assert len(added) == len(result.walk_ins) == walk_ins
    if walk_ins:
        assert added[0].display_name == "Bob Marley"
        assert note.participant_id == added[0].id
        again = preview_document(store, catalog, fresh.runs[1], text)
        assert again.unknown_names == () and again.plan().added == ()


def test_a_decision_the_preview_cannot_take_is_refused_and_nothing_is_stored(
    store: Store, catalog: Catalog, fresh: Fresh
) -> None:
    text = add_after_slot(
        filled_session_one(store, catalog, fresh), Q1, "- Lin Wei / ", "- Bob Marley / Hi!"
    )
    preview = preview_document(store, catalog, fresh.runs[1], text)
    before = row_counts(store)

    with pytest.raises(ValueError, match="Zed"):
        apply_preview(store, preview, {"Zed": "walk_in"})
    with pytest.raises(ValueError, match="maybe"):
        apply_preview(store, preview, {"Bob Marley": "maybe"})
    assert row_counts(store) == before


@pytest.mark.parametrize("suffix", FORMATS)
def test_fill_in_table_rows_come_back_as_rows_of_the_right_people(
    store: Store, catalog: Catalog, fresh: Fresh, suffix: str
) -> None:
    text = blank_session_document(store, catalog, fresh.runs[2]).markdown
    text = text.replace(
        "| Lin Wei |   |   |   |", "| Lin Wei | RSE network | Share skills | A training plan |", 1
    )
    text = text.replace(
        "| Hana Sato |   |   |   |", "| Hana | Reading group | Learn together |   |", 1
    )
    lines = read_document_bytes(saved_as(text, suffix), suffix)

    apply_preview(store, preview_document(store, catalog, fresh.runs[2], lines))

    assert [(r.participant_id, r.cells) for r in list_table_rows(store, fresh.runs[2])] == [
        (
            fresh.people["Lin Wei"],
            {
                "Project/subproject": "RSE network",
                "Purpose": "Share skills",
                "Outcomes": "A training plan",
            },
        ),
        (
            fresh.people["Hana Sato"],
            {"Project/subproject": "Reading group", "Purpose": "Learn together", "Outcomes": ""},
        ),
    ]


def test_empty_slots_and_the_curriculum_placeholders_add_nothing(
    store: Store, catalog: Catalog, fresh: Fresh
) -> None:
    text = blank_session_document(store, catalog, fresh.runs[1]).markdown
    for placeholder in ("- *Name / answer*", "- Participants response ...", "-", "- Lin Wei /"):
        text = add_after_slot(text, ICEBREAKER, "- Lin Wei / ", placeholder)

    preview = preview_document(store, catalog, fresh.runs[1], text)

    assert preview.proposals == ()
    assert preview.unknown_names == ()


def test_a_note_already_taken_live_is_not_added_again_whatever_its_spacing(
    store: Store, catalog: Catalog, fresh: Fresh
) -> None:
    add_note(
        store,
        fresh.runs[1],
        "icebreaker",
        "Generosity  with\ntime.",
        prompt_id="admired-characteristic",
        participant_id=fresh.people["Siobhán Kelly"],
    )

    preview = preview_document(
        store, catalog, fresh.runs[1], filled_session_one(store, catalog, fresh)
    )

    [siobhan] = [n for n in preview.notes if n.prompt_id == "admired-characteristic"]
    assert siobhan.duplicate
    assert apply_preview(store, preview).notes_added == 5


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_reading_back_a_sessions_own_export_adds_nothing(
    demo_store: Store, catalog: Catalog, number: int
) -> None:
    """Exports print the same outline, pseudonyms, rooms and unsigned feedback: all of it is
    recognised as what the store already holds."""
    cohort = find_cohort(demo_store, DEMO_COHORT_NAME)
    assert cohort is not None
    run = next(r for r in list_runs(demo_store, cohort.id) if r.module_number == number)
    exported = export_session(demo_store, catalog, run.id)

    preview = preview_document(demo_store, catalog, run.id, exported)

    assert preview.notes, "the export's notes were found"
    assert preview.plan().added == ()
    assert preview.unknown_names == () and preview.ambiguous_names == ()


def test_two_prompts_with_the_same_words_in_different_groups_keep_their_answers_apart(
    store: Store, catalog: Catalog, fresh: Fresh
) -> None:
    text = blank_session_document(store, catalog, fresh.runs[2]).markdown
    first = text.index("#### Anything else?")
    second = text.index("#### Anything else?", first + 1)
    text = (
        text[:first]
        + text[first:second].replace("- Lin Wei / \n", "- Lin Wei / A shared drive.\n", 1)
        + text[second:].replace("- Lin Wei / \n", "- Lin Wei / A monthly call.\n", 1)
    )

    for suffix in (".md", ".txt"):
        lines = read_document_bytes(saved_as(text, suffix), suffix)
        preview = preview_document(store, catalog, fresh.runs[2], lines)
        assert [(n.prompt_id, n.text) for n in preview.notes] == [
            ("resources-anything-else", "A shared drive."),
            ("engagement-anything-else", "A monthly call."),
        ]
