"""Cohorts and rosters, as the facilitator sets them up before the first call."""

from __future__ import annotations

from datetime import datetime

import pytest

from cofacilitator.cohorts import (
    CohortView,
    Facilitator,
    ParticipantDetails,
    add_participant,
    add_walk_in,
    archive_cohort,
    create_cohort,
    find_cohort,
    get_cohort,
    list_cohorts,
    list_participants,
    reinstate_participant,
    rename_cohort,
    update_cohort,
    update_participant,
    withdraw_participant,
)
from cofacilitator.roster_csv import RosterImportError, import_roster_csv, parse_roster_csv
from cofacilitator.store.database import Store
from cofacilitator.store.models import Membership


def test_a_new_cohort_is_listed_with_its_facilitators(store: Store) -> None:
    team = (Facilitator("Noor", "noor@example.org"), Facilitator("Ben", role="co-facilitator"))
    created = create_cohort(store, "  Autumn 2026 ", facilitators=team, timezone="Europe/London")
    assert created.name == "Autumn 2026"
    [listed] = list_cohorts(store)
    assert listed == created
    assert listed.facilitators == team
    assert listed.participant_count == 0


def test_cohort_names_are_unique_and_not_empty(store: Store, cohort: CohortView) -> None:
    with pytest.raises(ValueError, match="already a cohort called 'Spring cohort'"):
        create_cohort(store, "Spring cohort")
    with pytest.raises(ValueError, match="needs a name"):
        create_cohort(store, "   ")
    other = create_cohort(store, "Summer cohort")
    with pytest.raises(ValueError, match="already a cohort"):
        rename_cohort(store, other.id, "Spring cohort")


def test_rename_and_update_keep_the_rest(store: Store, cohort: CohortView) -> None:
    renamed = rename_cohort(store, cohort.id, "Spring cohort 2027")
    assert (renamed.name, renamed.timezone) == ("Spring cohort 2027", "Europe/London")
    updated = update_cohort(
        store, cohort.id, guidelines="Take space, give space.", membership=Membership.INVITE_ONLY
    )
    assert updated.guidelines == "Take space, give space."
    assert updated.membership is Membership.INVITE_ONLY
    assert updated.name == "Spring cohort 2027"
    assert find_cohort(store, "Spring cohort 2027") == get_cohort(store, cohort.id)
    assert find_cohort(store, "Spring cohort") is None


def test_archived_cohorts_leave_the_daily_list_but_are_kept(
    store: Store, cohort: CohortView
) -> None:
    create_cohort(store, "Another")
    archive_cohort(store, cohort.id)
    assert [c.name for c in list_cohorts(store)] == ["Another"]
    assert [c.name for c in list_cohorts(store, include_archived=True)] == [
        "Another",
        "Spring cohort",
    ]
    assert not archive_cohort(store, cohort.id, archived=False).archived


def test_roster_edits_withdrawal_and_walk_ins(store: Store, cohort: CohortView) -> None:
    ada = add_participant(store, cohort.id, ParticipantDetails(" Ada ", pronouns="she/her"))
    assert (ada.display_name, ada.consent_named, ada.is_walk_in) == ("Ada", False, False)
    walk_in = add_walk_in(store, cohort.id, "Dev")
    assert walk_in.is_walk_in
    edited = update_participant(
        store, ada.id, ParticipantDetails("Ada L.", role="Maintainer", consent_named=True)
    )
    assert (edited.display_name, edited.role, edited.consent_named) == (
        "Ada L.",
        "Maintainer",
        True,
    )
    assert edited.pronouns == ""

    when = datetime(2026, 10, 20, 9, 0)
    gone = withdraw_participant(store, walk_in.id, at=when)
    assert gone.withdrawn_at == when and not gone.is_active
    assert withdraw_participant(store, walk_in.id).withdrawn_at == when
    assert [p.display_name for p in list_participants(store, cohort.id)] == ["Ada L.", "Dev"]
    assert [
        p.display_name for p in list_participants(store, cohort.id, include_withdrawn=False)
    ] == ["Ada L."]
    assert get_cohort(store, cohort.id).participant_count == 1
    assert reinstate_participant(store, walk_in.id).is_active


def test_a_person_without_a_name_or_with_a_broken_email_is_refused(
    store: Store, cohort: CohortView
) -> None:
    with pytest.raises(ValueError, match="name is empty"):
        add_participant(store, cohort.id, ParticipantDetails("  "))
    with pytest.raises(ValueError, match="not an e-mail address"):
        add_participant(store, cohort.id, ParticipantDetails("Ada", email="ada(at)example"))
    assert list_participants(store, cohort.id) == []


GOOD_ROSTER = """\ufeffName,Role,Handles,Pronouns,E-mail,Consent
Amara Okafor,Community manager,@amara@mastodon.social,she/her,amara@example.org,yes
Lin Wei,"Research software engineer, open science",github:linwei,they/them,lin@example.org,no

Yusuf Demir,,,,,
"""


def test_a_roster_file_with_a_header_is_imported_in_order(store: Store, cohort: CohortView) -> None:
    added = import_roster_csv(store, cohort.id, GOOD_ROSTER)
    assert [p.display_name for p in added] == ["Amara Okafor", "Lin Wei", "Yusuf Demir"]
    amara, lin, yusuf = added
    assert (amara.handles, amara.pronouns, amara.consent_named) == (
        "@amara@mastodon.social",
        "she/her",
        True,
    )
    assert lin.role == "Research software engineer, open science"
    assert not lin.consent_named and yusuf.email == ""
    assert list_participants(store, cohort.id) == added


def test_a_roster_without_header_takes_the_documented_column_order() -> None:
    [person] = parse_roster_csv("Hana Sato,PhD student,@hana,she/her,hana@example.org\n")
    assert person == ParticipantDetails(
        "Hana Sato", "PhD student", "@hana", "she/her", "hana@example.org"
    )


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("name,email\nAda,ada@example.org\n,ben@example.org\n", 3, "the name is empty"),
        ("name,email\nAda,ada@example.org\nBen,ben at example\n", 3, "not an e-mail address"),
        ("name,email\nAda,a@example.org\nBen,b@example.org\nCy,a@example.org\n", 4, "line 2"),
        ("name,email\nAda,ada@example.org,extra\n", 2, "3 values but only 2 columns"),
        ("name,phone\nAda,0123\n", 1, "unknown column 'phone'"),
        ("name,consent\nAda,maybe\n", 2, "consent should be yes or no"),
    ],
)
def test_a_bad_row_refuses_the_whole_file_naming_its_line(
    store: Store, cohort: CohortView, text: str, line: int, problem: str
) -> None:
    with pytest.raises(RosterImportError, match=problem) as refused:
        import_roster_csv(store, cohort.id, text)
    assert refused.value.line == line
    assert str(refused.value).startswith(f"line {line}: ")
    assert list_participants(store, cohort.id) == []


def test_importing_the_same_roster_twice_is_refused(store: Store, cohort: CohortView) -> None:
    import_roster_csv(store, cohort.id, GOOD_ROSTER)
    with pytest.raises(
        RosterImportError, match=r"amara@example\.org is already on the roster"
    ) as e:
        import_roster_csv(store, cohort.id, GOOD_ROSTER)
    assert e.value.line == 2
    assert len(list_participants(store, cohort.id)) == 3
