"""Participation guidelines: the default until a cohort writes its own, and who agreed to them."""

from __future__ import annotations

from datetime import datetime

import pytest

from cofacilitator.cohorts import withdraw_participant
from cofacilitator.guidelines import (
    AcknowledgedHow,
    acknowledge,
    acknowledgement_roll,
    clear_acknowledgement,
    default_guidelines,
    get_guidelines,
    set_guidelines,
)
from cofacilitator.store.database import Store
from tests.around.small_cohort import SmallCohort


def test_the_default_covers_what_participants_need_to_know() -> None:
    text = default_guidelines().lower()
    for idea in (
        "take space, give space",
        "quiet reflection",
        "leave the call and come back",
        "may be recorded",
        "never recorded",
        "raise a concern privately",
        "only the facilitators see a concern",
    ):
        assert idea in text, idea


def test_a_cohort_follows_the_default_until_it_writes_its_own(
    store: Store, cohort: SmallCohort
) -> None:
    shown = get_guidelines(store, cohort.id)
    assert shown.is_default and shown.text == default_guidelines()

    own = set_guidelines(store, cohort.id, "## Our ways\n\n- Cameras optional.")
    assert not own.is_default
    assert get_guidelines(store, cohort.id).text == "## Our ways\n\n- Cameras optional.\n"

    assert set_guidelines(store, cohort.id, "  \n").is_default
    assert get_guidelines(store, cohort.id).is_default
    set_guidelines(store, cohort.id, "Mine")
    assert set_guidelines(store, cohort.id, "\n" + default_guidelines() + "\n\n").is_default
    assert get_guidelines(store, cohort.id).is_default


def test_who_has_acknowledged_and_who_has_not(store: Store, cohort: SmallCohort) -> None:
    people = cohort.people
    roll = acknowledgement_roll(store, cohort.id)
    assert roll.acknowledged == ()
    assert [p.display_name for p in roll.pending] == ["Ada", "Ben", "Chloe", "Dev"]

    on_call = datetime(2026, 10, 15, 15, 5)
    acknowledge(store, people["Ada"], AcknowledgedHow.CALL, at=on_call)
    acknowledge(store, people["Ben"], "app", at=datetime(2026, 10, 12, 20, 0))
    roll = acknowledgement_roll(store, cohort.id)
    assert [(a.display_name, a.how, a.at) for a in roll.acknowledged] == [
        ("Ada", AcknowledgedHow.CALL, on_call),
        ("Ben", AcknowledgedHow.APP, datetime(2026, 10, 12, 20, 0)),
    ]
    assert [p.display_name for p in roll.pending] == ["Chloe", "Dev"]

    later = datetime(2026, 10, 20, 9, 0)
    acknowledge(store, people["Ada"], AcknowledgedHow.APP, at=later)
    roll = acknowledgement_roll(store, cohort.id)
    assert (roll.acknowledged[0].how, roll.acknowledged[0].at) == (AcknowledgedHow.APP, later)
    assert len(roll.acknowledged) == 2

    withdraw_participant(store, people["Dev"])
    assert [p.display_name for p in acknowledgement_roll(store, cohort.id).pending] == ["Chloe"]

    assert clear_acknowledgement(store, people["Ben"]) is True
    assert clear_acknowledgement(store, people["Ben"]) is False
    assert [p.display_name for p in acknowledgement_roll(store, cohort.id).pending] == [
        "Ben",
        "Chloe",
    ]


def test_an_acknowledgement_is_on_the_call_or_in_the_app(store: Store, cohort: SmallCohort) -> None:
    with pytest.raises(ValueError, match="on the call or in the app, not 'email'"):
        acknowledge(store, cohort.people["Ada"], "email")
    assert acknowledgement_roll(store, cohort.id).acknowledged == ()
