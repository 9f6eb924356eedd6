"""Files arrive more than once and out of order: the newest answers win, older ones are kept in
the history, and importing the same file twice changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cofacilitator.assignment_store import (
    ImportStatus,
    get_response,
    import_handbacks,
    response_history,
    save_draft,
)
from cofacilitator.handback import RefusalKind
from cofacilitator.sessions.schema import Module
from cofacilitator.store.database import Store
from cofacilitator.store.models import ResponseStatus
from tests.exchange.exchange_stores import Roster, hand_back, join, row_counts
from tests.exchange.handback_files import handback_text
from tests.exchange.sample_answers import catalog_of, every_kind_answers

FIRST: dict[str, Any] = {"story": "It began with a mailing list."}
SECOND: dict[str, Any] = {
    "story": "It began with a mailing list and a meetup.",
    "pathways": ["Mentor"],
}


def two_versions(
    store: Store, participant_store: Store, roster: Roster, module: Module, folder: Path
) -> tuple[Path, Path]:
    """Ada hands back, changes her answers, and hands back again: two files, versions 1 and 2."""
    at_home = join(store, participant_store, roster, roster.ada, catalog_of(module))
    first = hand_back(participant_store, at_home, module, FIRST, folder / "first.md")
    second = hand_back(participant_store, at_home, module, SECOND, folder / "second.md")
    return first, second


def test_a_newer_version_replaces_the_answers_and_keeps_the_old_ones(
    store: Store, participant_store: Store, roster: Roster, every_kind: Module, tmp_path: Path
) -> None:
    first, second = two_versions(store, participant_store, roster, every_kind, tmp_path)
    catalog = catalog_of(every_kind)
    import_handbacks(store, [first], catalog)
    report = import_handbacks(store, [second], catalog)
    assert [o.status for o in report.outcomes] == [ImportStatus.IMPORTED]
    assert "replacing version 1" in report.outcomes[0].message
    current = get_response(store, roster.ada, every_kind.id)
    assert current is not None
    assert (current.version, current.values) == (2, SECOND)
    [previous] = response_history(store, roster.ada, every_kind.id)
    assert (previous.version, previous.values) == (1, FIRST)
    assert previous.status is ResponseStatus.IMPORTED


def test_the_same_file_again_is_already_imported_and_changes_nothing(
    store: Store, participant_store: Store, roster: Roster, every_kind: Module, tmp_path: Path
) -> None:
    first, _ = two_versions(store, participant_store, roster, every_kind, tmp_path)
    catalog = catalog_of(every_kind)
    import_handbacks(store, [first], catalog)
    before = get_response(store, roster.ada, every_kind.id)
    again = import_handbacks(store, [first, first], catalog)
    assert [o.status for o in again.outcomes] == [ImportStatus.ALREADY_IMPORTED] * 2
    assert "already imported" in again.outcomes[0].message
    assert again.changed == ()
    assert get_response(store, roster.ada, every_kind.id) == before
    assert row_counts(store) == (1, 0)


def test_an_older_version_after_a_newer_one_is_refused(
    store: Store, participant_store: Store, roster: Roster, every_kind: Module, tmp_path: Path
) -> None:
    first, second = two_versions(store, participant_store, roster, every_kind, tmp_path)
    catalog = catalog_of(every_kind)
    import_handbacks(store, [second], catalog)
    report = import_handbacks(store, [first], catalog)
    [outcome] = report.refused
    assert outcome.reason_kind is RefusalKind.OLDER_VERSION
    assert "older version (1)" in outcome.message
    current = get_response(store, roster.ada, every_kind.id)
    assert current is not None and current.values == SECOND
    assert row_counts(store) == (1, 0)


def test_files_imported_together_in_any_order_end_with_the_newest(
    store: Store, participant_store: Store, roster: Roster, every_kind: Module, tmp_path: Path
) -> None:
    first, second = two_versions(store, participant_store, roster, every_kind, tmp_path)
    report = import_handbacks(store, [second, first], catalog_of(every_kind))
    assert [o.status for o in report.outcomes] == [ImportStatus.IMPORTED, ImportStatus.REFUSED]
    current = get_response(store, roster.ada, every_kind.id)
    assert current is not None and current.values == SECOND


def test_different_answers_under_the_same_version_are_refused_as_a_conflict(
    store: Store, roster: Roster, every_kind: Module, tmp_path: Path
) -> None:
    catalog = catalog_of(every_kind)
    one = tmp_path / "one.md"
    one.write_text(handback_text(roster, every_kind, FIRST), encoding="utf-8")
    other = tmp_path / "other.md"
    other.write_text(handback_text(roster, every_kind, SECOND), encoding="utf-8")
    import_handbacks(store, [one], catalog)
    report = import_handbacks(store, [other], catalog)
    assert report.refused[0].reason_kind is RefusalKind.VERSION_CONFLICT
    current = get_response(store, roster.ada, every_kind.id)
    assert current is not None and current.values == FIRST


def test_a_draft_kept_by_the_facilitator_gives_way_to_the_participants_file(
    store: Store, roster: Roster, every_kind: Module, tmp_path: Path
) -> None:
    save_draft(store, roster.ada, every_kind.id, {"story": "notes from the call"})
    path = tmp_path / "ada.md"
    path.write_text(handback_text(roster, every_kind, every_kind_answers()), encoding="utf-8")
    report = import_handbacks(store, [path], catalog_of(every_kind))
    assert [o.status for o in report.outcomes] == [ImportStatus.IMPORTED]
    current = get_response(store, roster.ada, every_kind.id)
    assert current is not None and current.values == every_kind_answers()
    [kept] = response_history(store, roster.ada, every_kind.id)
    assert kept.values == {"story": "notes from the call"}
