"""Erasure removes one participant's traces and nobody else's; their data export hides concerns."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError
from store_seed import Seeded

from cofacilitator.privacy import erase_participant, participant_data
from cofacilitator.store.database import Store
from cofacilitator.store.models import Concern, MessageLog, QAEntry

# For each table, the SQL condition for a row that belongs to participant :pid.
LINKED = {
    "participant": "id = :pid",
    "attendance": "participant_id = :pid",
    "attendance_event": "attendance_id IN (SELECT id FROM attendance WHERE participant_id = :pid)",
    "note": "participant_id = :pid",
    "breakout_member": "participant_id = :pid",
    "feedback_item": "participant_id = :pid",
    "speaking_turn": "participant_id = :pid",
    "qa_entry": "asked_by_id = :pid",
    "table_row": "participant_id = :pid",
    "sharing_turn": "participant_id = :pid",
    "assignment_response": "participant_id = :pid",
    "assignment_version": (
        "response_id IN (SELECT id FROM assignment_response WHERE participant_id = :pid)"
    ),
    "acknowledgement": "participant_id = :pid",
    "concern": "raised_by_id = :pid",
}


def _counts(store: Store, pid: int) -> dict[str, tuple[int, int]]:
    """(rows linked to pid, all other rows) for every table."""
    with store.engine.connect() as connection:
        counts = {}
        for table in inspect(connection).get_table_names():
            if table == "alembic_version":
                continue
            condition = LINKED.get(table, "0")
            linked, others = connection.execute(
                text(f"SELECT sum({condition}), sum(NOT ({condition})) FROM {table}"),
                {"pid": pid},
            ).one()
            counts[table] = (linked or 0, others or 0)
        return counts


def test_erasure_removes_everything_of_theirs_and_nothing_else(
    store: Store, seeded: Seeded
) -> None:
    asha = seeded.ids["Asha"]
    before = _counts(store, asha)
    assert all(before[table][0] > 0 for table in LINKED), "the seed must cover every table"

    with store.session_factory() as session, session.begin():
        report = erase_participant(session, asha)

    after = _counts(store, asha)
    assert {table: linked for table, (linked, _) in after.items()} == dict.fromkeys(after, 0)
    assert {table: others for table, (_, others) in after.items()} == {
        table: others for table, (_, others) in before.items()
    }
    assert report.participant == "Asha"
    assert report.counts["notes"] == 3
    assert report.counts["participant"] == 1
    assert report.counts["concerns they raised"] == 1
    assert report.counts["concerns about them (kept, link removed)"] == 1
    assert report.counts["answers credited to them"] == 1
    # The facilitator's "Thanks to asha" note and the answer "Asha explained it" on Mei's question.
    assert report.mentions_left == 2
    with store.session_factory() as session:
        kept = session.scalars(select(Concern)).one()
        assert kept.what == "Ravi reports Asha interrupted repeatedly"
        assert kept.about_id is None
        assert kept.raised_by_id == seeded.ids["Ravi"]
        message = session.scalars(select(MessageLog)).one()
        assert message.recipients == [seeded.ids["Ravi"], seeded.ids["Mei"]]
        answered = session.scalars(select(QAEntry).where(QAEntry.answer != "")).one()
        assert (answered.answer, answered.answered_by) == ("Asha explained it", "")


def test_a_failure_part_way_through_erases_nothing(store: Store, seeded: Seeded) -> None:
    asha = seeded.ids["Asha"]
    with store.engine.begin() as connection:
        # Acknowledgements are erased late, after most other rows are already gone.
        connection.execute(
            text(
                "CREATE TRIGGER refuse BEFORE DELETE ON acknowledgement "
                "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
            )
        )
    before = _counts(store, asha)
    with (
        pytest.raises(IntegrityError, match="injected failure"),
        store.session_factory() as session,
        session.begin(),
    ):
        erase_participant(session, asha)
    assert _counts(store, asha) == before


def test_erasing_an_unknown_participant_is_an_error(store: Store, seeded: Seeded) -> None:
    with (
        pytest.raises(LookupError),
        store.session_factory() as session,
        session.begin(),
    ):
        erase_participant(session, 999)


def test_their_data_includes_private_notes_but_never_a_concern_about_them(
    store: Store, seeded: Seeded
) -> None:
    with store.session_factory() as session:
        data = participant_data(session, seeded.ids["Asha"])
    dumped = json.dumps(data)

    assert data["profile"]["display_name"] == "Asha"
    assert {note["text"] for note in data["notes"]} == {
        "Asha shared note",
        "Asha private note",
        "Asha off the record",
    }
    assert [q["question"] for q in data["questions"]] == ["Asha asks why"]
    assert data["feedback"][0]["text"] == "Asha liked it"
    assert data["table_rows"][0]["cells"] == {"a": "Asha"}
    response = data["assignment_responses"][0]
    assert response["values"] == {"values": "Asha's values"}
    assert [v["values"] for v in response["history"]] == [{"values": "draft"}]
    assert data["guidelines_acknowledgement"]["how"] == "call"
    assert data["attendance"][0]["left_and_returned"][0]["kind"] == "left"
    assert [c["what"] for c in data["concerns_raised"]] == ["Asha felt unheard in room 1"]
    assert data["messages_prepared_for_them"][0]["kind"] == "reminder"

    assert "interrupted repeatedly" not in dumped
    assert "Ravi" not in dumped
    assert "Spoke with both" not in dumped
    assert "Mei" not in dumped, "the concern Asha raised must not name whom it was about"
