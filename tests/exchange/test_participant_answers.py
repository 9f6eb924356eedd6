"""The participant's side: autosaved drafts, submitting, and the version counter that lets a
facilitator tell newer answers from older ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.exc import NoResultFound

from cofacilitator.assignment_store import (
    InvalidAnswers,
    get_response,
    response_history,
    save_draft,
    submit,
)
from cofacilitator.handback import parse_handback, write_handback
from cofacilitator.sessions.schema import Module
from cofacilitator.store.database import Store
from cofacilitator.store.models import ResponseStatus
from tests.exchange.exchange_stores import Roster, row_counts


def test_a_draft_is_kept_as_typed_even_half_filled(
    store: Store, roster: Roster, every_kind: Module
) -> None:
    half = {"values": {"picked": ["Care"], "defined": "", "definition": "", "example": ""}}
    first = save_draft(store, roster.ada, every_kind.id, half)
    assert (first.status, first.version, first.values) == (ResponseStatus.DRAFT, 1, half)
    later = save_draft(store, roster.ada, every_kind.id, {**half, "story": "Once"})
    assert later.version == 1 and later.updated_at >= first.updated_at
    assert later.values["story"] == "Once"
    assert row_counts(store) == (1, 0)


def test_a_draft_must_be_plain_data(store: Store, roster: Roster, every_kind: Module) -> None:
    with pytest.raises(ValueError, match="plain"):
        save_draft(store, roster.ada, every_kind.id, {"story": object()})
    with pytest.raises(ValueError, match="plain"):
        save_draft(store, roster.ada, every_kind.id, {"map": [{"power": float("inf")}]})
    assert row_counts(store) == (0, 0)


def test_submitting_checks_the_answers_and_drops_blank_fields(
    store: Store, roster: Roster, every_kind: Module
) -> None:
    with pytest.raises(InvalidAnswers) as refused:
        submit(store, roster.ada, every_kind, {"values": {"picked": ["Care"]}})
    assert "pick exactly 3" in str(refused.value)
    assert row_counts(store) == (0, 0)
    done = submit(store, roster.ada, every_kind, {"story": "Ours.", "pathways": ["", " "]})
    assert done.status is ResponseStatus.SUBMITTED
    assert done.values == {"story": "Ours."}
    assert done.module_version == every_kind.version
    assert done.submitted_at is not None


def test_changing_submitted_answers_starts_the_next_version(
    store: Store, roster: Roster, every_kind: Module
) -> None:
    submit(store, roster.ada, every_kind, {"story": "v1"})
    same = save_draft(store, roster.ada, every_kind.id, {"story": "v1"})
    assert (same.status, same.version) == (ResponseStatus.SUBMITTED, 1)
    editing = save_draft(store, roster.ada, every_kind.id, {"story": "v2, in progress"})
    assert (editing.status, editing.version) == (ResponseStatus.DRAFT, 2)
    still = save_draft(store, roster.ada, every_kind.id, {"story": "v2"})
    assert still.version == 2
    done = submit(store, roster.ada, every_kind, {"story": "v2"})
    assert (done.status, done.version) == (ResponseStatus.SUBMITTED, 2)
    [old] = response_history(store, roster.ada, every_kind.id)
    assert (old.version, old.values, old.status) == (1, {"story": "v1"}, ResponseStatus.SUBMITTED)


def test_submitting_the_same_answers_twice_changes_nothing(
    store: Store, roster: Roster, every_kind: Module
) -> None:
    first = submit(store, roster.ada, every_kind, {"story": "Done."})
    again = submit(store, roster.ada, every_kind, {"story": "Done."})
    assert again == first


def test_submitting_changed_answers_directly_is_a_new_version(
    store: Store, roster: Roster, every_kind: Module
) -> None:
    submit(store, roster.ada, every_kind, {"story": "Done."})
    changed = submit(store, roster.ada, every_kind, {"story": "Done, better."})
    assert changed.version == 2
    assert [h.version for h in response_history(store, roster.ada, every_kind.id)] == [1]


def test_only_submitted_answers_can_be_handed_back(
    store: Store, roster: Roster, every_kind: Module, tmp_path: Path
) -> None:
    folder = tmp_path / "outbox"
    folder.mkdir()
    path = folder / "ada.md"
    with pytest.raises(ValueError, match="has not answered"):
        write_handback(store, roster.ada, every_kind, path)
    save_draft(store, roster.ada, every_kind.id, {"story": "draft"})
    with pytest.raises(ValueError, match="submit"):
        write_handback(store, roster.ada, every_kind, path)
    assert not path.exists()
    submit(store, roster.ada, every_kind, {"story": "final"})
    written = write_handback(store, roster.ada, every_kind, path)
    parsed = parse_handback(path.read_bytes(), expected_cohort_uid=roster.cohort_uid)
    assert parsed == written
    assert parsed.values == {"story": "final"}
    assert [p.name for p in folder.iterdir()] == ["ada.md"], "no temporary file is left"


def test_an_unknown_participant_is_an_error(store: Store, every_kind: Module) -> None:
    with pytest.raises(NoResultFound):
        save_draft(store, 999, every_kind.id, {})


def test_the_stored_answers_are_the_participants_own(
    store: Store, roster: Roster, every_kind: Module
) -> None:
    submit(store, roster.ada, every_kind, {"story": "Ada's"})
    assert get_response(store, roster.ben, every_kind.id) is None
