"""Assignments as documents for participants without the app: written blank, filled in by hand
or in Word, and imported back into their answers, or refused whole."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from sqlalchemy import func, select

from cofacilitator.assignment_document_import import (
    Change,
    apply_assignment_document,
    import_assignment_documents,
    preview_assignment_document,
    record_assignment_link,
)
from cofacilitator.assignment_store import (
    ImportStatus,
    get_response,
    import_handbacks,
    response_history,
    submit,
)
from cofacilitator.cohorts import ParticipantDetails, add_participant, create_cohort
from cofacilitator.fillable_assignment import (
    fillable_docx,
    fillable_markdown,
    write_fillable_assignment,
)
from cofacilitator.handback import MAX_BYTES, HandBackRefused, RefusalKind, write_handback
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.sessions.schema import Module
from cofacilitator.shared_document import blank_session_document
from cofacilitator.store.database import Store
from cofacilitator.store.models import AssignmentResponse, ResponseStatus
from tests.documents.conftest import COHORT_NAME, Fresh
from tests.documents.sample_answers import INTENDED

AMARA = "Amara Okafor"


def module(catalog: Catalog, module_id: str) -> Module:
    found = catalog.get(module_id)
    assert found is not None
    return found


def imported(store: Store, catalog: Catalog, data: bytes, suffix: str) -> ImportStatus:
    document = preview_assignment_document(store, catalog, data, suffix, source=f"answers{suffix}")
    return apply_assignment_document(store, document).status


def responses(store: Store) -> int:
    with store.session_factory() as s:
        return s.scalar(select(func.count()).select_from(AssignmentResponse)) or 0


@pytest.mark.parametrize("module_id", sorted(INTENDED))
@pytest.mark.parametrize("suffix", [".md", ".docx"])
def test_every_assignment_filled_in_as_a_document_comes_back_as_the_intended_answers(
    store: Store, catalog: Catalog, fresh: Fresh, module_id: str, suffix: str
) -> None:
    answers = INTENDED[module_id]
    chosen = module(catalog, module_id)
    if suffix == ".docx":
        data = fillable_docx(chosen, "Amara  Okafor", COHORT_NAME, answers)
    else:
        data = fillable_markdown(chosen, "amara okafor", COHORT_NAME, answers).encode("utf-8")

    assert imported(store, catalog, data, suffix) is ImportStatus.IMPORTED

    response = get_response(store, fresh.people[AMARA], module_id)
    assert response is not None
    assert response.values == answers
    assert (response.status, response.version) == (ResponseStatus.IMPORTED, 1)


def test_a_markdown_document_filled_in_by_hand_is_read_as_typed(
    store: Store, catalog: Catalog, fresh: Fresh
) -> None:
    narrative = module(catalog, "community-narrative")
    text = fillable_markdown(narrative, AMARA, COHORT_NAME)
    origin = (
        "*Who started the community, when, and why? What happened along the way to bring it "
        "where it is now?*\n"
    )
    text = text.replace(
        origin,
        origin + "\nIt started in 2015 as a reading group in the library.\n\n"
        "Then the lab joined, and we moved online.\n",
    )
    stakeholders = text.index("## Key stakeholders interviewed")
    empty_row = "|   |   |   |"
    text = text[:stakeholders] + text[stakeholders:].replace(
        empty_row, "| Grace | Founder | The first meetings |", 1
    ).replace(empty_row, "| Ravi | Sponsor |   |", 1)
    mission = "*In a few sentences: why does this community exist, and for whom?*\n"
    text = text.replace(mission, mission + "\nWe help newcomers publish reproducible work.\n")
    pathways = text.index("## Possible pathways you want to build")
    text = text[:pathways] + text[pathways:].replace("* \n", "- Mentoring\n", 1).replace(
        "* \n", "- Office hours with a maintainer\n", 1
    )

    imported(store, catalog, text.encode("utf-8"), ".md")

    response = get_response(store, fresh.people[AMARA], narrative.id)
    assert response is not None and response.values == INTENDED[narrative.id]


def test_a_word_document_filled_in_by_hand_is_read_as_typed(
    store: Store, catalog: Catalog, fresh: Fresh
) -> None:
    narrative = module(catalog, "community-narrative")
    document = docx.Document(io.BytesIO(fillable_docx(narrative, AMARA, COHORT_NAME)))
    paragraphs = document.paragraphs

    def first_empty_after(heading: str) -> int:
        start = next(i for i, p in enumerate(paragraphs) if p.text == heading)
        return next(i for i in range(start + 1, len(paragraphs)) if not paragraphs[i].text)

    origin = first_empty_after("Origin story")
    paragraphs[origin].text = "It started in 2015 as a reading group in the library."
    paragraphs[origin + 1].insert_paragraph_before("Then the lab joined, and we moved online.")
    paragraphs = document.paragraphs
    paragraphs[
        first_empty_after("Mission and purpose")
    ].text = "We help newcomers publish reproducible work."
    pathways = first_empty_after("Possible pathways you want to build")
    paragraphs[pathways].text = "Mentoring"
    paragraphs[pathways + 1].text = "Office hours with a maintainer"
    table = document.tables[0]
    for cell, text in zip(
        table.rows[1].cells, ["Grace", "Founder", "The first meetings"], strict=True
    ):
        cell.text = text
    for cell, text in zip(table.rows[2].cells, ["Ravi", "Sponsor", ""], strict=True):
        cell.text = text
    saved = io.BytesIO()
    document.save(saved)

    imported(store, catalog, saved.getvalue(), ".docx")

    response = get_response(store, fresh.people[AMARA], narrative.id)
    assert response is not None and response.values == INTENDED[narrative.id]


def test_a_document_imported_again_changes_nothing_and_a_changed_one_is_the_next_version(
    store: Store, catalog: Catalog, fresh: Fresh
) -> None:
    narrative = module(catalog, "community-narrative")
    first = INTENDED[narrative.id]
    data = fillable_markdown(narrative, AMARA, COHORT_NAME, first).encode("utf-8")
    assert imported(store, catalog, data, ".md") is ImportStatus.IMPORTED

    again = preview_assignment_document(store, catalog, data, ".md")
    assert (again.change, again.current_version) == (Change.UNCHANGED, 1)
    assert apply_assignment_document(store, again).status is ImportStatus.ALREADY_IMPORTED

    changed = {**first, "pathways": ["Mentoring"]}
    data = fillable_docx(narrative, AMARA, COHORT_NAME, changed)
    assert preview_assignment_document(store, catalog, data, ".docx").change is Change.REPLACES
    assert imported(store, catalog, data, ".docx") is ImportStatus.IMPORTED

    response = get_response(store, fresh.people[AMARA], narrative.id)
    assert response is not None
    assert (response.version, response.values) == (2, changed)
    [older] = response_history(store, fresh.people[AMARA], narrative.id)
    assert (older.version, older.values) == (1, first)


def test_a_document_and_a_hand_back_file_are_versioned_as_one_set_of_answers(
    store: Store, catalog: Catalog, fresh: Fresh, tmp_path: Path
) -> None:
    narrative = module(catalog, "community-narrative")
    amara = fresh.people[AMARA]
    first = INTENDED[narrative.id]
    submit(store, amara, narrative, first)
    handed_back = tmp_path / "amara.md"
    write_handback(store, amara, narrative, handed_back)
    changed = {**first, "pathways": ["Mentoring"]}
    data = fillable_markdown(narrative, AMARA, COHORT_NAME, changed).encode("utf-8")

    assert imported(store, catalog, data, ".md") is ImportStatus.IMPORTED
    report = import_handbacks(store, [handed_back], catalog)

    assert [o.reason_kind for o in report.refused] == [RefusalKind.OLDER_VERSION]
    response = get_response(store, amara, narrative.id)
    assert response is not None
    assert (response.version, response.values) == (2, changed)
    [older] = response_history(store, amara, narrative.id)
    assert (older.version, older.status, older.values) == (1, ResponseStatus.SUBMITTED, first)


def _other_cohort(store: Store, catalog: Catalog, fresh: Fresh) -> tuple[bytes, str, int | None]:
    spring = create_cohort(store, "Spring cohort")
    add_participant(store, spring.id, ParticipantDetails(AMARA))
    narrative = module(catalog, "community-narrative")
    data = fillable_markdown(narrative, AMARA, "Spring cohort", INTENDED[narrative.id])
    return data.encode("utf-8"), ".md", fresh.cohort_id


def _unknown_cohort(store: Store, catalog: Catalog, fresh: Fresh) -> tuple[bytes, str, None]:
    narrative = module(catalog, "community-narrative")
    data = fillable_markdown(narrative, AMARA, "Winter cohort", INTENDED[narrative.id])
    return data.encode("utf-8"), ".md", None


def _damaged_docx(store: Store, catalog: Catalog, fresh: Fresh) -> tuple[bytes, str, None]:
    data = fillable_docx(module(catalog, "community-narrative"), AMARA, COHORT_NAME)
    return data[: len(data) // 2], ".docx", None


def _headings_removed(store: Store, catalog: Catalog, fresh: Fresh) -> tuple[bytes, str, None]:
    text = fillable_markdown(module(catalog, "community-narrative"), AMARA, COHORT_NAME)
    kept = [line for line in text.split("\n") if not line.startswith("## ")]
    return "\n".join(kept).encode("utf-8"), ".md", None


def _session_notes(store: Store, catalog: Catalog, fresh: Fresh) -> tuple[bytes, str, None]:
    blank = blank_session_document(store, catalog, fresh.runs[1])
    return blank.markdown.encode("utf-8"), ".md", None


def _oversized(store: Store, catalog: Catalog, fresh: Fresh) -> tuple[bytes, str, None]:
    data = fillable_markdown(module(catalog, "community-narrative"), AMARA, COHORT_NAME)
    return data.encode("utf-8") + b" " * MAX_BYTES, ".md", None


def _unknown_participant(store: Store, catalog: Catalog, fresh: Fresh) -> tuple[bytes, str, None]:
    narrative = module(catalog, "community-narrative")
    data = fillable_docx(narrative, "Zed Unknown", COHORT_NAME, INTENDED[narrative.id])
    return data, ".docx", None


def _two_values_picked(store: Store, catalog: Catalog, fresh: Fresh) -> tuple[bytes, str, None]:
    charter = module(catalog, "community-charter")
    answers = INTENDED[charter.id]
    values = {**answers["community-values"], "picked": ["Kindness", "Openness"]}
    data = fillable_markdown(charter, AMARA, COHORT_NAME, {**answers, "community-values": values})
    return data.encode("utf-8"), ".md", None


def _unknown_resource_kind(store: Store, catalog: Catalog, fresh: Fresh) -> tuple[bytes, str, None]:
    engagement = module(catalog, "community-engagement")
    answers = {"resources": [{"title": "Poster", "link": "", "kind": "poster"}]}
    return fillable_docx(engagement, AMARA, COHORT_NAME, answers), ".docx", None


Maker = Callable[[Store, Catalog, Fresh], tuple[bytes, str, int | None]]


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_other_cohort, RefusalKind.OTHER_COHORT),
        (_unknown_cohort, RefusalKind.OTHER_COHORT),
        (_damaged_docx, RefusalKind.MALFORMED),
        (_headings_removed, RefusalKind.MALFORMED),
        (_session_notes, RefusalKind.NOT_AN_ASSIGNMENT),
        (_oversized, RefusalKind.OVERSIZED),
        (_unknown_participant, RefusalKind.UNKNOWN_PARTICIPANT),
        (_two_values_picked, RefusalKind.INVALID_ANSWERS),
        (_unknown_resource_kind, RefusalKind.INVALID_ANSWERS),
    ],
)
def test_a_document_that_cannot_be_imported_whole_is_refused_and_nothing_is_stored(
    store: Store, catalog: Catalog, fresh: Fresh, make: Maker, reason: RefusalKind
) -> None:
    data, suffix, cohort_id = make(store, catalog, fresh)

    with pytest.raises(HandBackRefused) as refusal:
        preview_assignment_document(
            store, catalog, data, suffix, source=f"answers{suffix}", cohort_id=cohort_id
        )

    assert refusal.value.reason_kind is reason
    assert refusal.value.message.startswith(f"answers{suffix}")
    assert responses(store) == 0


def test_importing_files_reports_each_one_and_refuses_only_the_bad_ones(
    store: Store, catalog: Catalog, fresh: Fresh, tmp_path: Path
) -> None:
    narrative = module(catalog, "community-narrative")
    good = tmp_path / "amara.docx"
    good.write_bytes(fillable_docx(narrative, AMARA, COHORT_NAME, INTENDED[narrative.id]))
    notes = tmp_path / "notes.md"
    notes.write_text(blank_session_document(store, catalog, fresh.runs[1]).markdown)
    picture = tmp_path / "map.png"
    picture.write_bytes(b"\x89PNG")

    report = import_assignment_documents(
        store, [good, notes, picture, tmp_path / "missing.md"], catalog
    )

    assert [o.status for o in report.outcomes] == [
        ImportStatus.IMPORTED,
        ImportStatus.REFUSED,
        ImportStatus.REFUSED,
        ImportStatus.REFUSED,
    ]
    assert [o.reason_kind for o in report.refused] == [
        RefusalKind.NOT_AN_ASSIGNMENT,
        RefusalKind.NOT_AN_ASSIGNMENT,
        RefusalKind.UNREADABLE,
    ]
    assert report.changed == ((fresh.people[AMARA], narrative.id),)


def test_the_fillable_document_is_written_with_or_without_the_current_answers(
    store: Store, catalog: Catalog, fresh: Fresh, tmp_path: Path
) -> None:
    narrative = module(catalog, "community-narrative")
    submit(store, fresh.people["Lin Wei"], narrative, INTENDED[narrative.id])

    blank = write_fillable_assignment(
        store, fresh.people["Lin Wei"], narrative, tmp_path / "lin.md"
    )
    filled = write_fillable_assignment(
        store, fresh.people["Lin Wei"], narrative, tmp_path / "lin.docx", "docx", with_answers=True
    )

    text = blank.read_text()
    assert "- **Participant:** Lin Wei" in text and f"- **Cohort:** {COHORT_NAME}" in text
    assert "reading group" not in text
    document = preview_assignment_document(store, catalog, filled.read_bytes(), ".docx")
    assert document.values == INTENDED[narrative.id]
    assert document.change is Change.UNCHANGED


def test_an_assignment_answered_with_a_link_counts_as_handed_in(
    store: Store, catalog: Catalog, fresh: Fresh
) -> None:
    narrative = module(catalog, "community-narrative")
    hana = fresh.people["Hana Sato"]

    linked = record_assignment_link(store, hana, narrative, " https://docs.example.org/hana ")

    assert (linked.link, linked.status) == (
        "https://docs.example.org/hana",
        ResponseStatus.SUBMITTED,
    )
    with store.session_factory() as s:
        link = s.scalar(
            select(AssignmentResponse.link).where(AssignmentResponse.participant_id == hana)
        )
    assert link == "https://docs.example.org/hana"
    for unsafe in ("javascript:alert(1)", "mailto:hana@example.org", "docs.example.org"):
        with pytest.raises(ValueError, match="web address"):
            record_assignment_link(store, hana, narrative, unsafe)


def test_the_current_answers_carry_the_link_they_were_given_as(
    store: Store, catalog: Catalog, fresh: Fresh
) -> None:
    narrative = module(catalog, "community-narrative")
    hana = fresh.people["Hana Sato"]
    submit(store, fresh.people[AMARA], narrative, INTENDED[narrative.id])

    record_assignment_link(store, hana, narrative, "https://docs.example.org/hana")

    linked = get_response(store, hana, narrative.id)
    assert linked is not None and linked.link == "https://docs.example.org/hana"
    written = get_response(store, fresh.people[AMARA], narrative.id)
    assert written is not None and written.link == ""
    record_assignment_link(store, hana, narrative, "")
    removed = get_response(store, hana, narrative.id)
    assert removed is not None and removed.link == ""


def test_a_link_added_to_imported_answers_keeps_them(
    store: Store, catalog: Catalog, fresh: Fresh
) -> None:
    narrative = module(catalog, "community-narrative")
    data = fillable_markdown(narrative, AMARA, COHORT_NAME, INTENDED[narrative.id])
    imported(store, catalog, data.encode("utf-8"), ".md")

    linked = record_assignment_link(store, fresh.people[AMARA], narrative, "https://example.org/a")

    assert linked.status is ResponseStatus.IMPORTED
    response = get_response(store, fresh.people[AMARA], narrative.id)
    assert response is not None and response.values == INTENDED[narrative.id]
