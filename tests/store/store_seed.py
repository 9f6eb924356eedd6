"""Rows in every table for several participants, and ways to fill or damage a database file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from cofacilitator.store.database import Store
from cofacilitator.store.models import (
    Acknowledgement,
    AnsweredWhen,
    AssignmentResponse,
    AssignmentVersion,
    Attendance,
    AttendanceEvent,
    AttendanceStatus,
    AuthorKind,
    BreakoutMember,
    BreakoutRoom,
    Cohort,
    Concern,
    FeedbackItem,
    MessageLog,
    Note,
    Participant,
    QAEntry,
    ResponseStatus,
    SegmentTiming,
    SessionRun,
    SharingTurn,
    SpeakingTurn,
    TableRow,
    Visibility,
)

NAMES = ("Asha", "Ravi", "Mei")


@dataclass(frozen=True)
class Seeded:
    cohort_id: int
    run_id: int
    ids: dict[str, int]
    """Participant id by display name."""


def seed(session: Session) -> Seeded:
    """Three participants who each wrote or were named in every kind of row."""
    cohort = Cohort(name="Spring cohort", facilitators=[{"name": "Malvika", "contact": "m@x.org"}])
    session.add(cohort)
    session.flush()
    run = SessionRun(cohort_id=cohort.id, module_id="session-1", module_number=1)
    session.add(run)
    session.flush()
    session.add(SegmentTiming(run_id=run.id, segment_id="welcome", planned_seconds=300))
    room = BreakoutRoom(run_id=run.id, segment_id="rooms", name="Room 1")
    session.add(room)
    people = [Participant(cohort_id=cohort.id, display_name=name) for name in NAMES]
    session.add_all(people)
    session.flush()
    ids = {person.display_name: person.id for person in people}
    for position, person in enumerate(people):
        name = person.display_name
        attendance = Attendance(
            run_id=run.id, participant_id=person.id, status=AttendanceStatus.PRESENT
        )
        attendance.events.append(AttendanceEvent(kind="left"))
        response = AssignmentResponse(
            participant_id=person.id,
            module_id="session-1",
            values={"values": f"{name}'s values"},
            status=ResponseStatus.SUBMITTED,
            version=2,
        )
        response.history.append(
            AssignmentVersion(version=1, values={"values": "draft"}, status=ResponseStatus.DRAFT)
        )
        session.add_all(
            [
                attendance,
                response,
                Note(
                    run_id=run.id,
                    segment_id="intro",
                    author_kind=AuthorKind.PARTICIPANT,
                    participant_id=person.id,
                    text=f"{name} shared note",
                ),
                Note(
                    run_id=run.id,
                    segment_id="intro",
                    author_kind=AuthorKind.PARTICIPANT,
                    participant_id=person.id,
                    text=f"{name} private note",
                    visibility=Visibility.PRIVATE,
                ),
                Note(
                    run_id=run.id,
                    segment_id="intro",
                    author_kind=AuthorKind.PARTICIPANT,
                    participant_id=person.id,
                    text=f"{name} off the record",
                    visibility=Visibility.OFF_RECORD,
                ),
                BreakoutMember(room=room, participant_id=person.id),
                FeedbackItem(
                    run_id=run.id, kind="plus", text=f"{name} liked it", participant_id=person.id
                ),
                SpeakingTurn(run_id=run.id, participant_id=person.id),
                QAEntry(run_id=run.id, question=f"{name} asks why", asked_by_id=person.id),
                TableRow(
                    run_id=run.id, segment_id="table", participant_id=person.id, cells={"a": name}
                ),
                SharingTurn(run_id=run.id, participant_id=person.id, position=position),
                Acknowledgement(participant_id=person.id, how="call"),
            ]
        )
    session.add_all(
        [
            Concern(
                cohort_id=cohort.id,
                raised_by_id=ids["Ravi"],
                about_id=ids["Asha"],
                what="Ravi reports Asha interrupted repeatedly",
                actions="Spoke with both",
            ),
            Concern(
                cohort_id=cohort.id,
                raised_by_id=ids["Asha"],
                about_id=ids["Mei"],
                what="Asha felt unheard in room 1",
            ),
            MessageLog(
                cohort_id=cohort.id, run_id=run.id, kind="reminder", recipients=list(ids.values())
            ),
            QAEntry(
                run_id=run.id,
                question="Mei asks about roles",
                asked_by_id=ids["Mei"],
                answer="Asha explained it",
                answered_by="Asha",
                answered_when=AnsweredWhen.LIVE,
            ),
            Note(
                run_id=run.id,
                segment_id="intro",
                author_kind=AuthorKind.FACILITATOR,
                text="Thanks to asha for the example",
            ),
        ]
    )
    session.flush()
    return Seeded(cohort.id, run.id, ids)


def fill(store: Store, notes: int = 1500) -> None:
    """Enough rows that the middle of the file is table pages, not free space."""
    with store.session_factory() as session, session.begin():
        run = SessionRun(cohort=Cohort(name="Bulk"), module_id="session-1", module_number=1)
        session.add(run)
        session.flush()
        session.add_all(
            Note(run_id=run.id, segment_id="bulk", text=f"note {index} " + "x" * 200)
            for index in range(notes)
        )


def corrupt_middle(path: Path) -> bytes:
    """Overwrite one page in the middle of the file with junk; return the damaged bytes."""
    data = bytearray(path.read_bytes())
    page = 4096
    middle = (len(data) // 2) // page * page
    data[middle : middle + page] = bytes(range(256)) * (page // 256)
    path.write_bytes(bytes(data))
    return bytes(data)
