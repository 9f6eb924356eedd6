"""The facilitators' private record of concerns, and the file a participant raises one with."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cofacilitator.cohorts import ParticipantDetails, add_participant, create_cohort
from cofacilitator.concerns import (
    MAX_BYTES,
    ConcernDetails,
    ConcernError,
    ConcernFileRefusalKind,
    ConcernFileRefused,
    RaisedBy,
    concern_filename,
    edit_concern,
    get_concern,
    import_concern_file,
    list_concerns,
    record_concern,
    resolve_concern,
    set_concern_status,
    write_concern_file,
)
from cofacilitator.invitation import Invitation, invitation_for
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.store.database import Store
from cofacilitator.store.models import Concern, ConcernStatus
from tests.around.small_cohort import SmallCohort

WHEN = datetime(2026, 10, 22, 15, 40)


def test_a_concern_is_recorded_edited_and_resolved(store: Store, cohort: SmallCohort) -> None:
    ada, ben = cohort.people["Ada"], cohort.people["Ben"]
    details = ConcernDetails(
        what="Felt talked over in the open discussion.",
        raised_by=RaisedBy.PARTICIPANT,
        raised_by_id=ada,
        about_id=ben,
        happened_at=WHEN,
        handler="Jonas Berg",
    )
    concern = record_concern(store, cohort.id, details)
    assert (concern.raised_by, concern.raised_by_name, concern.about_name) == (
        RaisedBy.PARTICIPANT,
        "Ada",
        "Ben",
    )
    assert concern.status is ConcernStatus.OPEN and concern.happened_at == WHEN

    edited = edit_concern(
        store,
        concern.id,
        ConcernDetails(
            what=details.what,
            raised_by=RaisedBy.PARTICIPANT,
            raised_by_id=ada,
            about_id=None,
            actions="Thanked Ada privately.",
            status=ConcernStatus.IN_PROGRESS,
            handler="Jonas Berg",
        ),
    )
    assert edited.about_id is None and edited.status is ConcernStatus.IN_PROGRESS

    resolved = resolve_concern(store, concern.id, action="Planned a go-round for Session 3.")
    assert resolved.status is ConcernStatus.RESOLVED
    assert resolved.actions == "Thanked Ada privately.\nPlanned a go-round for Session 3."
    assert get_concern(store, concern.id) == resolved


def test_the_list_puts_what_needs_attention_first(store: Store, cohort: SmallCohort) -> None:
    first = record_concern(store, cohort.id, ConcernDetails("First"))
    second = record_concern(store, cohort.id, ConcernDetails("Second"))
    third = record_concern(store, cohort.id, ConcernDetails("Third"))
    set_concern_status(store, second.id, ConcernStatus.IN_PROGRESS)
    resolve_concern(store, first.id)
    assert [c.what for c in list_concerns(store, cohort.id)] == ["Third", "Second", "First"]
    assert [c.id for c in list_concerns(store, cohort.id, include_resolved=False)] == [
        third.id,
        second.id,
    ]
    other = create_cohort(store, "Autumn cohort")
    assert list_concerns(store, other.id) == []


@pytest.mark.parametrize(
    ("details", "message"),
    [
        (ConcernDetails("  "), "cannot be empty"),
        (ConcernDetails("x", raised_by=RaisedBy.PARTICIPANT), "Choose the participant"),
        (ConcernDetails("x", raised_by=RaisedBy.ANONYMOUS, raised_by_id=1), "needs raised_by"),
        (ConcernDetails("x", about_id=999), "not on this cohort's roster"),
        (ConcernDetails("x", handler="N" * 201), "limited to 200"),
    ],
)
def test_a_concern_that_cannot_be_saved_says_why(
    store: Store, cohort: SmallCohort, details: ConcernDetails, message: str
) -> None:
    with pytest.raises(ConcernError, match=message):
        record_concern(store, cohort.id, details)
    assert list_concerns(store, cohort.id) == []


def test_anonymous_concerns_have_nobody_behind_them(store: Store, cohort: SmallCohort) -> None:
    concern = record_concern(store, cohort.id, ConcernDetails("Heard second hand."))
    assert (concern.raised_by, concern.raised_by_id, concern.raised_by_name) == (
        RaisedBy.ANONYMOUS,
        None,
        "",
    )


def test_a_concern_the_facilitator_observed_reads_back_as_such(
    store: Store, cohort: SmallCohort
) -> None:
    details = ConcernDetails("Noticed Dev went quiet.", raised_by=RaisedBy.FACILITATOR)
    concern = record_concern(store, cohort.id, details)
    assert (concern.raised_by, concern.raised_by_id) == (RaisedBy.FACILITATOR, None)
    assert get_concern(store, concern.id).raised_by is RaisedBy.FACILITATOR
    anonymous = record_concern(store, cohort.id, ConcernDetails("Heard second hand."))
    assert [c.raised_by for c in list_concerns(store, cohort.id)] == [
        RaisedBy.FACILITATOR,
        RaisedBy.ANONYMOUS,
    ]

    edited = edit_concern(store, concern.id, ConcernDetails(details.what))
    assert edited.raised_by is RaisedBy.ANONYMOUS
    assert get_concern(store, anonymous.id).raised_by is RaisedBy.ANONYMOUS


def test_a_concern_stored_with_a_raiser_but_no_kind_was_raised_by_that_participant(
    store: Store, cohort: SmallCohort
) -> None:
    """Rows written straight into the store, as the demo cohort's is, agree with their raiser."""
    with store.session_factory() as s, s.begin():
        s.add_all(
            [
                Concern(cohort_id=cohort.id, raised_by_id=cohort.people["Chloe"], what="raised"),
                Concern(cohort_id=cohort.id, what="unknown"),
            ]
        )
    by_what = {c.what: (c.raised_by, c.raised_by_name) for c in list_concerns(store, cohort.id)}
    assert by_what == {
        "raised": (RaisedBy.PARTICIPANT, "Chloe"),
        "unknown": (RaisedBy.ANONYMOUS, ""),
    }


# ------------------------------------------------------------------------------ the file


@pytest.fixture
def invitation(store: Store, cohort: SmallCohort, catalog: Catalog) -> Invitation:
    """Ada's invitation, which her own app keeps and writes concern files from."""
    return invitation_for(store, cohort.id, cohort.people["Ada"], catalog)


def concern_count(store: Store) -> int:
    with store.session_factory() as s:
        return int(s.scalar(select(func.count()).select_from(Concern)) or 0)


def test_a_concern_file_comes_home_to_its_cohort_once(
    store: Store, cohort: SmallCohort, invitation: Invitation, tmp_path: Path
) -> None:
    path = tmp_path / concern_filename(WHEN)
    written = write_concern_file(
        invitation,
        "  Someone kept interrupting me in the breakout room.  ",
        "Ben",
        path,
        happened_at=WHEN,
        now=datetime(2026, 10, 22, 18, 0, 30, 999),
    )
    assert path.name == "concern-2026-10-22.cofacilitator.json"
    assert (path.stat().st_mode & 0o777) == 0o600
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["participant"] == {"uid": invitation.participant_uid}
    assert "Ada" not in path.read_text(encoding="utf-8")

    imported = import_concern_file(store, path)
    assert imported.created
    concern = imported.concern
    assert concern.what == "Someone kept interrupting me in the breakout room."
    assert (concern.raised_by, concern.raised_by_name, concern.about_name) == (
        RaisedBy.PARTICIPANT,
        "Ada",
        "Ben",
    )
    assert concern.happened_at == WHEN and concern.created_at == written.created_at
    assert concern.status is ConcernStatus.OPEN

    again = import_concern_file(store, path)
    assert not again.created and again.concern.id == concern.id
    assert concern_count(store) == 1


def test_whom_it_is_about_stays_in_words_when_no_one_on_the_roster_matches(
    store: Store, invitation: Invitation, tmp_path: Path
) -> None:
    path = tmp_path / "concern.json"
    write_concern_file(invitation, "A guest speaker made a joke at my expense.", "the guest", path)
    concern = import_concern_file(store, path).concern
    assert concern.about_id is None
    assert concern.what == "About: the guest\n\nA guest speaker made a joke at my expense."


def test_nothing_is_written_for_an_empty_or_overlong_concern(
    invitation: Invitation, tmp_path: Path
) -> None:
    with pytest.raises(ConcernError, match="Write what happened"):
        write_concern_file(invitation, "   ", "", tmp_path / "a.json")
    with pytest.raises(ConcernError, match="limited to 10000 characters"):
        write_concern_file(invitation, "x" * 10_001, "", tmp_path / "b.json")
    assert list(tmp_path.glob("*.json")) == []


def rewritten(path: Path, change: dict[str, object]) -> Path:
    document = json.loads(path.read_text(encoding="utf-8"))
    document.update(change)
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("damage", "kind", "message"),
    [
        (
            lambda p: p.write_text('{"format": "cofacilitator-concern", '),
            "malformed",
            "not complete JSON",
        ),
        (lambda p: p.write_text("hello"), "not_a_concern_file", "not a cofacilitator concern file"),
        (lambda p: p.write_bytes(b"{" + b" " * MAX_BYTES + b"}"), "oversized", "too large"),
        (lambda p: rewritten(p, {"version": 2}), "newer_format", "newer version"),
        (lambda p: rewritten(p, {"version": True}), "malformed", "format version"),
        (lambda p: rewritten(p, {"text": ""}), "malformed", "the concern is empty"),
        (lambda p: rewritten(p, {"text": 42}), "malformed", "text should be text"),
        (lambda p: rewritten(p, {"cohort": {"uid": "../x"}}), "malformed", "identifier"),
        (lambda p: rewritten(p, {"created_at": "yesterday"}), "malformed", "damaged"),
        (
            lambda p: rewritten(p, {"cohort": {"uid": "f" * 32, "name": "Elsewhere"}}),
            "other_cohort",
            "'Elsewhere', which is not in this app",
        ),
        (
            lambda p: rewritten(p, {"participant": {"uid": "e" * 32}}),
            "unknown_participant",
            "not on the roster of Spring cohort",
        ),
        (lambda p: p.unlink(), "unreadable", "could not be read"),
    ],
)
def test_a_file_that_does_not_belong_is_refused_whole(
    store: Store,
    invitation: Invitation,
    tmp_path: Path,
    damage: Callable[[Path], object],
    kind: str,
    message: str,
) -> None:
    path = tmp_path / "concern.json"
    write_concern_file(invitation, "It happened again.", "Ben", path)
    damage(path)
    with pytest.raises(ConcernFileRefused) as refused:
        import_concern_file(store, path)
    assert refused.value.reason_kind is ConcernFileRefusalKind(kind)
    assert message in str(refused.value)
    assert concern_count(store) == 0


def test_a_participant_of_another_cohort_cannot_file_into_this_one(
    store: Store, cohort: SmallCohort, catalog: Catalog, tmp_path: Path
) -> None:
    other = create_cohort(store, "Autumn cohort")
    zed = add_participant(store, other.id, ParticipantDetails("Zed")).id
    theirs = invitation_for(store, other.id, zed, catalog)
    mine = invitation_for(store, cohort.id, cohort.people["Ada"], catalog)
    forged = Invitation(
        cohort_uid=mine.cohort_uid,
        cohort_name=mine.cohort_name,
        participant_uid=theirs.participant_uid,
        participant_name="Zed",
        facilitators=(),
        modules=(),
        created_at=mine.created_at,
    )
    path = tmp_path / "concern.json"
    write_concern_file(forged, "Filed in the wrong place.", "", path)
    with pytest.raises(ConcernFileRefused) as refused:
        import_concern_file(store, path)
    assert refused.value.reason_kind is ConcernFileRefusalKind.UNKNOWN_PARTICIPANT
    assert list_concerns(store, other.id) == list_concerns(store, cohort.id) == []
