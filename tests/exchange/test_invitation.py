"""Invitation files: written by the facilitator's app, opened by the participant's, and refused
whole when they are not what they claim to be."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from cofacilitator.guidelines import CohortGuidelines, get_guidelines, set_guidelines
from cofacilitator.invitation import (
    MAX_BYTES,
    InvitationRefusalKind,
    InvitationRefused,
    ModuleRef,
    accept_invitation,
    invitation_for,
    read_invitation,
    suggested_filename,
    write_invitation,
)
from cofacilitator.participant_profile import open_invitation
from cofacilitator.runs import ensure_runs
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.store.database import Store
from cofacilitator.store.models import Cohort, Participant
from tests.exchange.exchange_stores import Roster, add_roster
from tests.exchange.handback_files import handback_text
from tests.exchange.sample_answers import every_kind_answers, every_kind_fields, module_with


def test_an_invitation_reads_back_as_written(
    store: Store, roster: Roster, shipped_catalog: Catalog, tmp_path: Path
) -> None:
    path = tmp_path / "invitation.json"
    written = write_invitation(store, roster.cohort_id, roster.ada, shipped_catalog, path)
    assert read_invitation(path) == written
    assert written.cohort_uid == roster.cohort_uid
    assert written.participant_uid == roster.ada_uid
    assert written.participant_name == "Ada Lovelace"
    assert [(f.name, f.contact) for f in written.facilitators] == [("Sam", "sam@example.org")]
    assert [m.id for m in written.modules] == [m.id for m in shipped_catalog.modules]
    document = json.loads(path.read_text(encoding="utf-8"))
    assert (document["format"], document["version"]) == ("cofacilitator-invitation", 1)


def test_the_invitation_lists_the_cohorts_sessions_in_order(
    store: Store, roster: Roster, shipped_catalog: Catalog, tmp_path: Path
) -> None:
    modules = shipped_catalog.modules
    ensure_runs(store, roster.cohort_id, [modules[2], modules[0]])
    written = write_invitation(
        store, roster.cohort_id, roster.ada, shipped_catalog, tmp_path / "i.json"
    )
    assert written.modules == (
        ModuleRef(modules[0].id, modules[0].version),
        ModuleRef(modules[2].id, modules[2].version),
    )


def test_someone_from_another_cohort_cannot_be_invited(
    store: Store, roster: Roster, shipped_catalog: Catalog, tmp_path: Path
) -> None:
    other = add_roster(store, "Autumn cohort")
    with pytest.raises(ValueError, match="not in the cohort"):
        write_invitation(store, roster.cohort_id, other.ada, shipped_catalog, tmp_path / "i.json")


def test_opening_an_invitation_joins_the_cohort_once(
    store: Store,
    participant_store: Store,
    roster: Roster,
    shipped_catalog: Catalog,
    tmp_path: Path,
) -> None:
    path = tmp_path / "i.json"
    invitation = write_invitation(store, roster.cohort_id, roster.ada, shipped_catalog, path)
    joined = accept_invitation(participant_store, read_invitation(path))
    assert accept_invitation(participant_store, invitation) == joined
    with participant_store.session_factory() as s:
        cohort = s.get_one(Cohort, joined.cohort_id)
        me = s.get_one(Participant, joined.participant_id)
        assert (cohort.uid, cohort.name) == (roster.cohort_uid, "Spring cohort")
        assert cohort.facilitators[0]["contact"] == "sam@example.org"
        assert (me.uid, me.display_name) == (roster.ada_uid, "Ada Lovelace")
        assert len(s.scalars(select(Participant)).all()) == 1


def test_a_second_cohort_of_the_same_name_is_numbered(
    participant_store: Store, store: Store, roster: Roster, shipped_catalog: Catalog
) -> None:
    add_roster(participant_store, "Spring cohort")
    joined = accept_invitation(
        participant_store, invitation_for(store, roster.cohort_id, roster.ada, shipped_catalog)
    )
    with participant_store.session_factory() as s:
        assert s.get_one(Cohort, joined.cohort_id).name == "Spring cohort (2)"


def invitation_text(store: Store, roster: Roster, catalog: Catalog, folder: Path) -> str:
    path = folder / "valid.json"
    write_invitation(store, roster.cohort_id, roster.ada, catalog, path)
    return path.read_text(encoding="utf-8")


def test_files_that_are_not_invitations_are_refused(
    store: Store, roster: Roster, shipped_catalog: Catalog, tmp_path: Path
) -> None:
    valid = invitation_text(store, roster, shipped_catalog, tmp_path)
    document = json.loads(valid)
    module = module_with(every_kind_fields())
    cases: dict[str, tuple[InvitationRefusalKind, str | bytes]] = {
        "handback.md": (
            InvitationRefusalKind.NOT_AN_INVITATION,
            handback_text(roster, module, every_kind_answers()),
        ),
        "notes.txt": (InvitationRefusalKind.NOT_AN_INVITATION, "Dear Ada, welcome!"),
        "other.json": (InvitationRefusalKind.NOT_AN_INVITATION, '{"format": "geojson"}'),
        "list.json": (InvitationRefusalKind.NOT_AN_INVITATION, "[1, 2, 3]"),
        "cut.json": (InvitationRefusalKind.MALFORMED, valid[: len(valid) // 2]),
        "future.json": (
            InvitationRefusalKind.NEWER_FORMAT,
            json.dumps({**document, "version": 2, "cohort": "reorganised"}),
        ),
        "no-cohort.json": (
            InvitationRefusalKind.MALFORMED,
            json.dumps({k: v for k, v in document.items() if k != "cohort"}),
        ),
        "bad-uid.json": (
            InvitationRefusalKind.MALFORMED,
            json.dumps({**document, "participant": {"uid": "x y", "display_name": "Ada"}}),
        ),
        "bad-version.json": (
            InvitationRefusalKind.MALFORMED,
            json.dumps({**document, "modules": [{"id": "m", "version": "one"}]}),
        ),
        "huge.json": (InvitationRefusalKind.OVERSIZED, " " * (MAX_BYTES + 1)),
        "picture.png": (InvitationRefusalKind.NOT_AN_INVITATION, b"\x89PNG\r\n\x1a\n\xff\xfe"),
    }
    for name, (kind, content) in cases.items():
        path = tmp_path / name
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        with pytest.raises(InvitationRefused) as refused:
            read_invitation(path)
        assert refused.value.reason_kind is kind, name
        assert name in str(refused.value)
    with pytest.raises(InvitationRefused) as missing:
        read_invitation(tmp_path / "nowhere.json")
    assert missing.value.reason_kind is InvitationRefusalKind.UNREADABLE


def test_the_suggested_name_says_whose_invitation_it_is(
    store: Store, roster: Roster, shipped_catalog: Catalog, tmp_path: Path
) -> None:
    invitation = write_invitation(
        store, roster.cohort_id, roster.ada, shipped_catalog, tmp_path / "i.json"
    )
    assert suggested_filename(invitation) == "invitation-ada-lovelace.cofacilitator.json"


def test_the_cohorts_own_guidelines_reach_the_participant(
    store: Store,
    participant_store: Store,
    roster: Roster,
    shipped_catalog: Catalog,
    tmp_path: Path,
) -> None:
    path = tmp_path / "i.json"
    set_guidelines(store, roster.cohort_id, "## Our way\n\nCameras are optional.")
    write_invitation(store, roster.cohort_id, roster.ada, shipped_catalog, path)
    assert json.loads(path.read_text(encoding="utf-8"))["guidelines"].startswith("## Our way")
    profile = open_invitation(participant_store, path, shipped_catalog)
    mine = get_guidelines(participant_store, profile.cohort_id)
    assert mine == CohortGuidelines(
        profile.cohort_id, "## Our way\n\nCameras are optional.\n", is_default=False
    )

    set_guidelines(store, roster.cohort_id, "Cameras are welcome.")
    write_invitation(store, roster.cohort_id, roster.ada, shipped_catalog, path)
    assert open_invitation(participant_store, path, shipped_catalog).cohort_id == profile.cohort_id
    assert get_guidelines(participant_store, profile.cohort_id).text == "Cameras are welcome.\n"

    set_guidelines(store, roster.cohort_id, "")
    write_invitation(store, roster.cohort_id, roster.ada, shipped_catalog, path)
    assert "guidelines" not in json.loads(path.read_text(encoding="utf-8"))
    open_invitation(participant_store, path, shipped_catalog)
    assert get_guidelines(participant_store, profile.cohort_id).is_default


def test_an_invitation_from_before_guidelines_still_opens(
    store: Store,
    participant_store: Store,
    roster: Roster,
    shipped_catalog: Catalog,
    tmp_path: Path,
) -> None:
    set_guidelines(store, roster.cohort_id, "Cameras are optional.")
    document = json.loads(invitation_text(store, roster, shipped_catalog, tmp_path))
    del document["guidelines"]
    path = tmp_path / "older.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    profile = open_invitation(participant_store, path, shipped_catalog)
    assert get_guidelines(participant_store, profile.cohort_id).is_default


def test_guidelines_that_are_not_text_are_refused(
    store: Store, roster: Roster, shipped_catalog: Catalog, tmp_path: Path
) -> None:
    document = json.loads(invitation_text(store, roster, shipped_catalog, tmp_path))
    for name, guidelines in {
        "list.json": ["Cameras are optional."],
        "number.json": 7,
        "null.json": None,
        "long.json": "x" * 50_001,
    }.items():
        path = tmp_path / name
        path.write_text(json.dumps({**document, "guidelines": guidelines}), encoding="utf-8")
        with pytest.raises(InvitationRefused) as refused:
            read_invitation(path)
        assert refused.value.reason_kind is InvitationRefusalKind.MALFORMED, name
        assert "guidelines" in str(refused.value)
