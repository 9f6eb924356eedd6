"""Concerns stay with the facilitators; withdrawn people stop getting messages, history kept.

Some of what is checked here is other modules' work (the exports, ``privacy.py``, backups): these
tests pin the promises the guidelines make to participants about them.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from cofacilitator.cohorts import find_cohort, withdraw_participant
from cofacilitator.concerns import ConcernDetails, RaisedBy, list_concerns, record_concern
from cofacilitator.export_markdown import ExportFormat, export_cohort, export_session
from cofacilitator.messages import MessageKind, draft_message, list_prepared, record_prepared
from cofacilitator.privacy import erase_participant, participant_data
from cofacilitator.runs import list_runs
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.store.backups import backup_now
from cofacilitator.store.database import Store
from cofacilitator.store.models import ConcernStatus
from tests.around.small_cohort import SmallCohort

SECRET_WHAT = "Quokka-lantern 7731: he mocked my accent during the breakout"
SECRET_ACTIONS = "Marmalade-compass 4410: spoke to him after the call"


def test_no_export_of_any_kind_contains_a_concern(demo_store: Store, catalog: Catalog) -> None:
    demo = find_cohort(demo_store, "Demo cohort")
    assert demo is not None
    demo_concerns = list_concerns(demo_store, demo.id)
    assert demo_concerns, "the demo should hold a concern of its own"
    record_concern(
        demo_store,
        demo.id,
        ConcernDetails(SECRET_WHAT, actions=SECRET_ACTIONS, handler="Noor Haddad"),
    )
    secrets = [SECRET_WHAT, SECRET_ACTIONS, "Quokka", "Marmalade"]
    secrets += [c.what for c in demo_concerns] + [c.actions for c in demo_concerns if c.actions]

    documents = []
    for fmt in ExportFormat:
        for pseudonymize in (False, True):
            documents.append(export_cohort(demo_store, catalog, demo.id, fmt, pseudonymize))
            for run in list_runs(demo_store, demo.id):
                documents.append(export_session(demo_store, catalog, run.id, fmt, pseudonymize))
    assert len(documents) == 2 * 2 * 5
    for document in documents:
        assert document.strip()
        for secret in secrets:
            assert secret not in document


@pytest.fixture
def ada_worried_about_ben(store: Store, cohort: SmallCohort) -> int:
    return record_concern(
        store,
        cohort.id,
        ConcernDetails(
            SECRET_WHAT,
            raised_by=RaisedBy.PARTICIPANT,
            raised_by_id=cohort.people["Ada"],
            about_id=cohort.people["Ben"],
            actions=SECRET_ACTIONS,
            status=ConcernStatus.IN_PROGRESS,
        ),
    ).id


def test_a_persons_data_has_the_concerns_they_raised_and_none_about_them(
    store: Store, cohort: SmallCohort, ada_worried_about_ben: int
) -> None:
    with store.session_factory() as s:
        ada = participant_data(s, cohort.people["Ada"])
        ben = json.dumps(participant_data(s, cohort.people["Ben"]), ensure_ascii=False)
    assert [c["what"] for c in ada["concerns_raised"]] == [SECRET_WHAT]
    assert SECRET_ACTIONS not in json.dumps(ada)
    for trace in ("Quokka", "Marmalade", "Ada", "ada@example.org"):
        assert trace not in ben


def test_a_backup_keeps_the_concerns(
    store: Store, ada_worried_about_ben: int, tmp_path: Path
) -> None:
    copy = backup_now(store, tmp_path / "backups", "before-run")
    connection = sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True)
    try:
        rows = connection.execute("SELECT what, actions, status FROM concern").fetchall()
    finally:
        connection.close()
    assert rows == [(SECRET_WHAT, SECRET_ACTIONS, "in_progress")]


def test_erasing_who_raised_a_concern_erases_it_and_erasing_its_subject_keeps_it(
    store: Store, cohort: SmallCohort, ada_worried_about_ben: int
) -> None:
    other = record_concern(
        store,
        cohort.id,
        ConcernDetails(
            "Ben was dismissive.",
            raised_by=RaisedBy.PARTICIPANT,
            raised_by_id=cohort.people["Chloe"],
            about_id=cohort.people["Ben"],
        ),
    )
    with store.session_factory() as s, s.begin():
        erase_participant(s, cohort.people["Ada"])
    assert [c.id for c in list_concerns(store, cohort.id)] == [other.id]

    with store.session_factory() as s, s.begin():
        erase_participant(s, cohort.people["Ben"])
    (kept,) = list_concerns(store, cohort.id)
    assert (kept.what, kept.about_id, kept.raised_by_name) == ("Ben was dismissive.", None, "Chloe")


def test_a_withdrawn_participant_gets_no_more_messages_and_history_is_kept(
    store: Store, cohort: SmallCohort, catalog: Catalog
) -> None:
    chloe = cohort.people["Chloe"]
    first_run, second_run = cohort.runs[0].id, cohort.runs[1].id
    before = draft_message(
        store, first_run, MessageKind.REMINDER, catalog, now=datetime(2026, 10, 14, 9, 0)
    )
    assert chloe in before.recipient_ids
    record_prepared(
        store, cohort.id, first_run, MessageKind.REMINDER, before.recipient_ids, "mailto"
    )

    withdraw_participant(store, chloe, at=datetime(2026, 10, 18, 12, 0))
    still_listed = draft_message(
        store, first_run, MessageKind.FOLLOW_UP, catalog, now=datetime(2026, 10, 16, 9, 0)
    )
    assert chloe in still_listed.recipient_ids  # prepared before the day she withdrew
    after = draft_message(
        store, second_run, MessageKind.REMINDER, catalog, now=datetime(2026, 10, 21, 9, 0)
    )
    assert chloe not in after.recipient_ids
    assert "chloe@example.org" not in after.mailto
    assert [r.name for r in after.recipients] == ["Ada", "Ben"]

    (kept,) = list_prepared(store, cohort.id)
    assert chloe in kept.recipients
    with store.session_factory() as s:
        history = participant_data(s, chloe)["messages_prepared_for_them"]
    assert [m["kind"] for m in history] == ["reminder"]
