"""A participant fills an assignment offline, hands the file back, the facilitator imports it:
the facilitator's store then holds exactly what the participant wrote."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import markdown
import pytest

from cofacilitator.assignment_store import ImportStatus, get_response, import_handbacks
from cofacilitator.handback import parse_handback, suggested_filename
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.sessions.schema import FieldKind, Module
from cofacilitator.store.database import Store
from cofacilitator.store.models import ResponseStatus
from tests.exchange.exchange_stores import Roster, hand_back, join
from tests.exchange.sample_answers import (
    TRICKY_LINE,
    catalog_of,
    every_kind_answers,
    every_kind_fields,
    module_with,
)
from tests.export.html_reading import read_page


def exchange(
    store: Store,
    participant_store: Store,
    roster: Roster,
    module: Module,
    catalog: Catalog,
    values: dict[str, Any],
    folder: Path,
) -> Path:
    """Ada joins, answers and hands back; the facilitator imports. Returns the file."""
    at_home = join(store, participant_store, roster, roster.ada, catalog)
    path = hand_back(participant_store, at_home, module, values, folder / "ada.md")
    report = import_handbacks(store, [path], catalog, cohort_id=roster.cohort_id)
    assert [o.status for o in report.outcomes] == [ImportStatus.IMPORTED], report
    return path


@pytest.mark.parametrize("kind", list(FieldKind), ids=str)
def test_every_field_kind_survives_the_round_trip(
    kind: FieldKind, store: Store, participant_store: Store, roster: Roster, tmp_path: Path
) -> None:
    field = next(f for f in every_kind_fields() if f.kind is kind)
    module = module_with((field,))
    values = {field.id: every_kind_answers()[field.id]}
    exchange(store, participant_store, roster, module, catalog_of(module), values, tmp_path)
    imported = get_response(store, roster.ada, module.id)
    assert imported is not None
    assert imported.values == values
    assert imported.status is ResponseStatus.IMPORTED
    assert imported.imported_at is not None


def test_all_kinds_together_arrive_with_who_wrote_them_and_when(
    store: Store, participant_store: Store, roster: Roster, every_kind: Module, tmp_path: Path
) -> None:
    exchange(
        store,
        participant_store,
        roster,
        every_kind,
        catalog_of(every_kind),
        every_kind_answers(),
        tmp_path,
    )
    at_home = get_response(participant_store, 1, every_kind.id)
    imported = get_response(store, roster.ada, every_kind.id)
    assert at_home is not None and imported is not None
    assert imported.values == every_kind_answers()
    assert imported.version == at_home.version == 1
    assert imported.module_version == every_kind.version
    assert imported.updated_at == at_home.updated_at
    assert imported.participant_id == roster.ada


@pytest.mark.parametrize(
    ("module_id", "values"),
    [
        (
            "community-narrative",
            {
                "origin-story": "Founded at a **hackathon**.",
                "stakeholders-interviewed": [
                    {
                        "Name": "Lee",
                        "Role or connection to the community": "Founder",
                        "What they added to the story": "Why it started",
                    }
                ],
                "pathways": ["Mentoring"],
            },
        ),
        (
            "community-of-practice-basics",
            {
                "stakeholder-map": [{"name": "Funder", "note": "", "power": 1, "interest": 0}],
                "engagement-platforms": [{"Resource or platform": "Forum", "Kind": "tool"}],
            },
        ),
        (
            "community-engagement",
            {
                "mountain": [{"band": "Observer", "who": "Readers", "moves_up": "Invites"}],
                "value-exchange": {"give": ["Time"], "get": ["Skills"]},
                "resources": [{"title": "CoC", "link": "https://x.org", "kind": "code of conduct"}],
            },
        ),
        (
            "community-charter",
            {
                "community-values": {
                    "picked": ["Care", "Courage", "Curiosity"],
                    "defined": "",
                    "definition": "",
                    "example": "",
                },
                "charter": {"Vision": "A kind *and* open community."},
                "roadmap": {"6 months": "Monthly calls", "2 years": "Self-run"},
            },
        ),
    ],
)
def test_the_shipped_assignments_survive_the_round_trip(
    module_id: str,
    values: dict[str, Any],
    store: Store,
    participant_store: Store,
    roster: Roster,
    shipped_catalog: Catalog,
    tmp_path: Path,
) -> None:
    module = shipped_catalog.get(module_id)
    assert module is not None
    exchange(store, participant_store, roster, module, shipped_catalog, values, tmp_path)
    imported = get_response(store, roster.ada, module_id)
    assert imported is not None and imported.values == values


def test_the_file_renders_as_a_readable_document_with_the_data_hidden(
    store: Store, participant_store: Store, roster: Roster, every_kind: Module, tmp_path: Path
) -> None:
    path = exchange(
        store,
        participant_store,
        roster,
        every_kind,
        catalog_of(every_kind),
        every_kind_answers(),
        tmp_path,
    )
    page = read_page(markdown.markdown(path.read_text(encoding="utf-8"), extensions=["tables"]))
    text = page.all_text()
    assert page.text_in("h1") == ["Homework: *all* kinds"]
    assert "Ada Lovelace" in text and "Every kind of answer" in text
    assert "Spring cohort" in text
    assert "It started in 2019" in text
    assert TRICKY_LINE in page.text_in("td")
    assert "Kindness" in page.text_in("strong")
    assert "Newsletter readers" in text
    assert "eyJ" not in text, "the machine-readable block must stay hidden"
    assert "script" not in page.tags


def test_the_embedded_answers_survive_mail_quoting_and_rewrapping(
    participant_store: Store, store: Store, roster: Roster, every_kind: Module, tmp_path: Path
) -> None:
    at_home = join(store, participant_store, roster, roster.ada, catalog_of(every_kind))
    path = hand_back(participant_store, at_home, every_kind, every_kind_answers(), tmp_path / "f")
    original = path.read_text(encoding="utf-8")
    quoted = "".join(f"> {line}" for line in original.splitlines(keepends=True))
    rewrapped = original.replace("\n", "\r\n")
    for text in (quoted, rewrapped, "\ufeff" + original):
        handback = parse_handback(text.encode("utf-8"), expected_cohort_uid=roster.cohort_uid)
        assert handback.values == every_kind_answers()


def test_the_suggested_file_name_says_whose_answers_to_which_session(every_kind: Module) -> None:
    name = suggested_filename("Ada  Lovelace / the 1st", every_kind)
    assert name == "ada-lovelace-the-1st-session-7-every-kind.md"
    assert suggested_filename("?!", every_kind).startswith("participant-")
