"""A participant's right to see, and to have removed, what the cohort store holds about them.

Erasure removes everything a participant wrote or was named in, in the caller's single transaction,
so a failure part-way leaves nothing half-erased. Two things deliberately survive it:

* A concern someone else raised *about* the participant stays, without the link to them: it is
  the facilitator's duty-of-care record (what happened, what was done), and deleting it on the
  request of the person it concerns could silence the person who raised it. A concern the
  participant *raised* is theirs and is erased.
* Free text written by others that happens to mention their name is not rewritten; the report
  counts those places so the facilitator can review them.

The data export is everything held about one participant, their private and off-record notes
included (it is their own writing). It never contains concerns raised by others about them, nor
who raised them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from cofacilitator.atomic_write import write_text_atomic
from cofacilitator.store.models import (
    Acknowledgement,
    AssignmentResponse,
    AssignmentVersion,
    Attendance,
    AttendanceEvent,
    BreakoutMember,
    BreakoutRoom,
    Concern,
    FeedbackItem,
    MessageLog,
    Note,
    Participant,
    QAEntry,
    SessionRun,
    SharingTurn,
    SpeakingTurn,
    TableRow,
    utcnow,
)

DATA_FORMAT = "cofacilitator-participant-data"
DATA_FORMAT_VERSION = 1


@dataclass(frozen=True)
class ErasureReport:
    participant: str
    """The display name they had, for the confirmation shown to the facilitator."""
    counts: dict[str, int] = field(default_factory=dict)
    """Rows removed or changed, per kind, in the order they were handled."""
    mentions_left: int = 0
    """Notes, answers, table rows and feedback by others that still mention the name."""

    def lines(self) -> list[str]:
        return [f"{kind}: {count}" for kind, count in self.counts.items()]


def erase_participant(session: Session, participant_id: int) -> ErasureReport:
    """Remove the participant and everything linked to them, inside the caller's transaction.

    Nothing here commits: the caller opens one transaction (``with factory() as s, s.begin():``)
    and either all of this lands or none of it does. Children are deleted explicitly, not left to
    ``ON DELETE CASCADE``, so the counts are exact and nothing depends on SQLite's pragma.
    """
    participant = session.get(Participant, participant_id)
    if participant is None:
        raise LookupError(f"no participant with id {participant_id}")
    name = participant.display_name
    cohort_id = participant.cohort_id
    run_ids = select(SessionRun.id).where(SessionRun.cohort_id == cohort_id)
    counts: dict[str, int] = {}

    def remove(kind: str, statement: Any) -> None:
        counts[kind] = _rowcount(session.execute(statement))

    mentions = _count_mentions(session, cohort_id, participant_id, name)
    their_attendance = select(Attendance.id).where(Attendance.participant_id == participant_id)
    their_responses = select(AssignmentResponse.id).where(
        AssignmentResponse.participant_id == participant_id
    )
    remove(
        "attendance events",
        delete(AttendanceEvent).where(AttendanceEvent.attendance_id.in_(their_attendance)),
    )
    remove("attendance", delete(Attendance).where(Attendance.participant_id == participant_id))
    remove("notes", delete(Note).where(Note.participant_id == participant_id))
    remove(
        "breakout memberships",
        delete(BreakoutMember).where(BreakoutMember.participant_id == participant_id),
    )
    remove("feedback", delete(FeedbackItem).where(FeedbackItem.participant_id == participant_id))
    remove(
        "speaking turns", delete(SpeakingTurn).where(SpeakingTurn.participant_id == participant_id)
    )
    remove("questions asked", delete(QAEntry).where(QAEntry.asked_by_id == participant_id))
    answered = [
        entry.id
        for entry in session.scalars(
            select(QAEntry).where(QAEntry.run_id.in_(run_ids), QAEntry.answered_by != "")
        )
        if _same_name(entry.answered_by, name)
    ]
    remove(
        "answers credited to them",
        update(QAEntry).where(QAEntry.id.in_(answered)).values(answered_by=""),
    )
    remove("table rows", delete(TableRow).where(TableRow.participant_id == participant_id))
    remove("sharing turns", delete(SharingTurn).where(SharingTurn.participant_id == participant_id))
    remove(
        "assignment versions",
        delete(AssignmentVersion).where(AssignmentVersion.response_id.in_(their_responses)),
    )
    remove(
        "assignment responses",
        delete(AssignmentResponse).where(AssignmentResponse.participant_id == participant_id),
    )
    remove(
        "acknowledgements",
        delete(Acknowledgement).where(Acknowledgement.participant_id == participant_id),
    )
    remove("concerns they raised", delete(Concern).where(Concern.raised_by_id == participant_id))
    remove(
        "concerns about them (kept, link removed)",
        update(Concern).where(Concern.about_id == participant_id).values(about_id=None),
    )
    counts["messages (removed as recipient)"] = _drop_recipient(session, cohort_id, participant_id)
    remove("participant", delete(Participant).where(Participant.id == participant_id))
    return ErasureReport(name, counts, mentions)


def participant_data(session: Session, participant_id: int) -> dict[str, Any]:
    """Everything held about one participant, as JSON-ready data they can be given."""
    participant = session.get(Participant, participant_id)
    if participant is None:
        raise LookupError(f"no participant with id {participant_id}")
    cohort = participant.cohort
    runs = {run.id: run for run in cohort.runs}

    def session_of(run_id: int | None) -> dict[str, Any] | None:
        run = runs.get(run_id) if run_id is not None else None
        if run is None:
            return None
        return {
            "module_number": run.module_number,
            "module_id": run.module_id,
            "scheduled_date": _iso(run.scheduled_date),
        }

    mine = participant_id
    attendance = session.scalars(select(Attendance).where(Attendance.participant_id == mine))
    notes = session.scalars(select(Note).where(Note.participant_id == mine).order_by(Note.id))
    rooms = session.execute(
        select(BreakoutRoom)
        .join(BreakoutMember, BreakoutMember.room_id == BreakoutRoom.id)
        .where(BreakoutMember.participant_id == mine)
    ).scalars()
    feedback = session.scalars(select(FeedbackItem).where(FeedbackItem.participant_id == mine))
    questions = session.scalars(select(QAEntry).where(QAEntry.asked_by_id == mine))
    rows = session.scalars(select(TableRow).where(TableRow.participant_id == mine))
    sharing = session.scalars(select(SharingTurn).where(SharingTurn.participant_id == mine))
    speaking = session.scalars(select(SpeakingTurn).where(SpeakingTurn.participant_id == mine))
    responses = session.scalars(
        select(AssignmentResponse).where(AssignmentResponse.participant_id == mine)
    )
    acknowledgement = session.scalars(
        select(Acknowledgement).where(Acknowledgement.participant_id == mine)
    ).first()
    raised = session.scalars(select(Concern).where(Concern.raised_by_id == mine))
    messages = [
        message
        for message in session.scalars(
            select(MessageLog).where(MessageLog.cohort_id == cohort.id).order_by(MessageLog.id)
        )
        if mine in (message.recipients or [])
    ]
    return {
        "format": DATA_FORMAT,
        "format_version": DATA_FORMAT_VERSION,
        "generated_at": _iso(utcnow()),
        "cohort": {"name": cohort.name, "facilitators": cohort.facilitators},
        "profile": {
            "display_name": participant.display_name,
            "role": participant.role,
            "handles": participant.handles,
            "pronouns": participant.pronouns,
            "email": participant.email,
            "consent_named": participant.consent_named,
            "is_walk_in": participant.is_walk_in,
            "withdrawn_at": _iso(participant.withdrawn_at),
            "created_at": _iso(participant.created_at),
        },
        "attendance": [
            {
                "session": session_of(item.run_id),
                "status": str(item.status),
                "answer": item.answer,
                "emoji": item.emoji,
                "answer_values": item.answer_values,
                "left_and_returned": [
                    {"kind": event.kind, "at": _iso(event.at)} for event in item.events
                ],
            }
            for item in attendance
        ],
        "notes": [
            {
                "session": session_of(note.run_id),
                "segment_id": note.segment_id,
                "prompt_id": note.prompt_id,
                "text": note.text,
                "visibility": str(note.visibility),
                "source": str(note.source),
                "created_at": _iso(note.created_at),
                "edited_at": _iso(note.edited_at),
            }
            for note in notes
        ],
        "breakout_rooms": [
            {"session": session_of(room.run_id), "segment_id": room.segment_id, "room": room.name}
            for room in rooms
        ],
        "feedback": [
            {
                "session": session_of(item.run_id),
                "kind": item.kind,
                "text": item.text,
                "created_at": _iso(item.created_at),
            }
            for item in feedback
        ],
        "questions": [
            {
                "session": session_of(entry.run_id),
                "segment_id": entry.segment_id,
                "question": entry.question,
                "answer": entry.answer,
                "answered_by": entry.answered_by,
                "answered_when": None if entry.answered_when is None else str(entry.answered_when),
                "visibility": str(entry.visibility),
                "created_at": _iso(entry.created_at),
            }
            for entry in questions
        ],
        "table_rows": [
            {
                "session": session_of(row.run_id),
                "segment_id": row.segment_id,
                "cells": row.cells,
                "visibility": str(row.visibility),
                "edited_at": _iso(row.edited_at),
            }
            for row in rows
        ],
        "sharing_turns": [
            {"session": session_of(turn.run_id), "shared_at": _iso(turn.shared_at)}
            for turn in sharing
        ],
        "speaking_turns": [
            {"session": session_of(turn.run_id), "at": _iso(turn.at)} for turn in speaking
        ],
        "assignment_responses": [_response_data(response) for response in responses],
        "guidelines_acknowledgement": None
        if acknowledgement is None
        else {"how": acknowledgement.how, "at": _iso(acknowledgement.at)},
        # Only what they told the facilitator: not whom it named, nor the facilitator's actions.
        "concerns_raised": [
            {
                "what": concern.what,
                "happened_at": _iso(concern.happened_at),
                "status": str(concern.status),
                "created_at": _iso(concern.created_at),
            }
            for concern in raised
        ],
        "messages_prepared_for_them": [
            {
                "kind": message.kind,
                "session": session_of(message.run_id),
                "prepared_at": _iso(message.prepared_at),
                "via": message.via,
            }
            for message in messages
        ],
    }


def save_participant_data(data: dict[str, Any], path: Path) -> Path:
    """Write the export atomically and, as a new file, readable by its owner only."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return write_text_atomic(path.expanduser(), text)


def _response_data(response: AssignmentResponse) -> dict[str, Any]:
    return {
        "module_id": response.module_id,
        "module_version": response.module_version,
        "values": response.values,
        "status": str(response.status),
        "version": response.version,
        "link": response.link,
        "updated_at": _iso(response.updated_at),
        "submitted_at": _iso(response.submitted_at),
        "imported_at": _iso(response.imported_at),
        "history": [
            {
                "version": version.version,
                "values": version.values,
                "status": str(version.status),
                "saved_at": _iso(version.saved_at),
            }
            for version in response.history
        ],
    }


def _drop_recipient(session: Session, cohort_id: int, participant_id: int) -> int:
    """Recipient lists are JSON, which no portable SQL can search, so they are filtered here."""
    changed = 0
    for message in session.scalars(select(MessageLog).where(MessageLog.cohort_id == cohort_id)):
        recipients = list(message.recipients or [])
        if participant_id in recipients:
            message.recipients = [entry for entry in recipients if entry != participant_id]
            changed += 1
    session.flush()
    return changed


def _count_mentions(session: Session, cohort_id: int, participant_id: int, name: str) -> int:
    pattern = re.compile(rf"(?<!\w){re.escape(name.strip())}(?!\w)", re.IGNORECASE)
    run_ids = select(SessionRun.id).where(SessionRun.cohort_id == cohort_id)

    def others(model: Any, author: Any) -> Iterable[Any]:
        return session.scalars(
            select(model).where(
                model.run_id.in_(run_ids), (author.is_(None)) | (author != participant_id)
            )
        )

    texts: list[str] = []
    texts += [note.text for note in others(Note, Note.participant_id)]
    texts += [f"{e.question}\n{e.answer}" for e in others(QAEntry, QAEntry.asked_by_id)]
    texts += [
        " ".join(map(str, row.cells.values())) for row in others(TableRow, TableRow.participant_id)
    ]
    texts += [item.text for item in others(FeedbackItem, FeedbackItem.participant_id)]
    return sum(1 for text in texts if pattern.search(text))


def _same_name(recorded: str, name: str) -> bool:
    return recorded.strip().casefold() == name.strip().casefold()


def _rowcount(result: Any) -> int:
    return int(result.rowcount or 0)


def _iso(value: datetime | date | None) -> str | None:
    return None if value is None else value.isoformat()
