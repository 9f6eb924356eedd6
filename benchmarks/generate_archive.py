"""Generate a ten-year archive to measure the store against: 100 cohorts x 25 participants x 4
sessions, about 60 notes per participant per session (600,000 notes), with attendance, speaking
turns, table rows, breakout rooms, feedback, Q&A, timers and assignments alongside.

The archive is built through the Alembic migrations, like a real database, then filled with Core
``insert()`` executemany, one transaction per cohort, with ids assigned here so no row needs a
round trip. Sessions follow the shipped modules, so segment and prompt ids are the real ones.

    .venv/bin/python benchmarks/generate_archive.py /tmp/cofacilitator-archive.sqlite
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from random import Random
from typing import Any

from sqlalchemy import Connection, Table, insert

from cofacilitator.demo_notes import FEEDBACK, GENERIC_ANSWERS, QUESTIONS
from cofacilitator.paths import shipped_modules_dir
from cofacilitator.sessions.catalog import load_catalog
from cofacilitator.sessions.schema import NOTE_KINDS, FieldKind, Module, SegmentKind
from cofacilitator.store.database import open_store
from cofacilitator.store.models import (
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
    FeedbackItem,
    Note,
    NoteSource,
    Participant,
    QAEntry,
    ResponseStatus,
    SegmentTiming,
    SessionRun,
    SpeakingTurn,
    TableRow,
    Visibility,
)

FIRST_DAY = date(2016, 1, 7)
DAYS_BETWEEN_COHORTS = 36
"""100 cohorts, one starting every five weeks or so: ten years."""
ASKED = [pair for session in QUESTIONS.values() for pair in session]
"""The demo's questions, every session's in one list."""
PROJECTS = (
    "our mapping library",
    "the RSE network",
    "the open-data group",
    "the testing framework",
    "the reading group",
    "our volunteer network",
    "the citizen science project",
    "the documentation team",
)


@dataclass
class Ids:
    """The next primary key of each table; the archive starts empty, so 1 for all."""

    counters: dict[str, Iterator[int]] = field(default_factory=dict)

    def next(self, table: str) -> int:
        return next(self.counters.setdefault(table, itertools.count(1)))


@dataclass
class Rows:
    """Rows of one cohort, per table, inserted together at the end of its transaction."""

    tables: dict[Table, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, model: type, **values: Any) -> None:
        self.tables.setdefault(model.__table__, []).append(values)  # type: ignore[attr-defined]

    def insert(self, connection: Connection) -> int:
        count = 0
        for table, rows in self.tables.items():
            connection.execute(insert(table), rows)
            count += len(rows)
        return count


def text(rng: Random) -> str:
    sentences = rng.sample(GENERIC_ANSWERS, k=rng.randint(1, 3))
    return " ".join(sentences).format(project=rng.choice(PROJECTS))


def cohort_rows(
    number: int,
    modules: tuple[Module, ...],
    participants: int,
    notes_each: int,
    rng: Random,
    ids: Ids,
) -> Rows:
    rows = Rows()
    start = FIRST_DAY + timedelta(days=DAYS_BETWEEN_COHORTS * number)
    created = datetime(start.year, start.month, start.day) - timedelta(days=20)
    cohort_id = ids.next("cohort")
    rows.add(
        Cohort,
        id=cohort_id,
        uid=f"{rng.getrandbits(128):032x}",
        name=f"Cohort {number + 1:03d} ({start:%B %Y})",
        description="",
        facilitators=[{"name": "Noor Haddad", "contact": "", "role": "facilitator"}],
        guidelines="Take space, give space.",
        timezone="Europe/London",
        archived=number < 90,
        created_at=created,
    )
    people = []
    for index in range(participants):
        person = ids.next("participant")
        people.append(person)
        rows.add(
            Participant,
            id=person,
            uid=f"{rng.getrandbits(128):032x}",
            cohort_id=cohort_id,
            display_name=f"Participant {number + 1}-{index + 1}",
            role="Community manager",
            email=f"p{number}-{index}@example.org",
            consent_named=rng.random() < 0.8,
            withdrawn_at=None,
            created_at=created,
        )
    for session, module in enumerate(modules):
        day = start + timedelta(weeks=session)
        run_rows(rows, cohort_id, session, day, module, people, notes_each, rng, ids)
    for person in people:
        for session, module in enumerate(modules):
            assignment_rows(rows, person, start + timedelta(weeks=session + 1), module, rng, ids)
    return rows


def run_rows(
    rows: Rows,
    cohort_id: int,
    session: int,
    day: date,
    module: Module,
    people: list[int],
    notes_each: int,
    rng: Random,
    ids: Ids,
) -> None:
    begin = datetime(day.year, day.month, day.day, 15, 0)
    run = ids.next("session_run")
    rows.add(
        SessionRun,
        id=run,
        uid=f"{rng.getrandbits(128):032x}",
        cohort_id=cohort_id,
        module_id=module.id,
        module_number=module.number,
        module_version=module.version,
        scheduled_date=day,
        start_time="16:00",
        timezone="Europe/London",
        join_link="https://call.example.org/x",
        started_at=begin,
        ended_at=begin + timedelta(minutes=module.planned_minutes),
        current_segment=module.segments[-1].id,
        skipped_segments=[],
    )
    wall = begin.replace(tzinfo=UTC).timestamp()
    for segment in module.segments:
        rows.add(
            SegmentTiming,
            run_id=run,
            segment_id=segment.id,
            planned_seconds=segment.minutes * 60,
            elapsed_before=float(segment.minutes * 60 + rng.randint(-60, 60)),
            started_at=wall,
            stopped_at=wall + segment.minutes * 60,
        )
        wall += segment.minutes * 60
    present = [p for p in people if rng.random() > 0.1]
    for person in people:
        attendance = ids.next("attendance")
        status = AttendanceStatus.PRESENT if person in present else AttendanceStatus.ABSENT
        if status is AttendanceStatus.PRESENT and rng.random() < 0.1:
            status = AttendanceStatus.LATE
        rows.add(
            Attendance,
            id=attendance,
            run_id=run,
            participant_id=person,
            status=status,
            answer=text(rng) if person in present else "",
            emoji="🌱" if person in present else "",
            answer_values={},
            updated_at=begin,
        )
        if person in present and rng.random() < 0.08:
            for kind, minute in (("left", 30), ("returned", 42)):
                rows.add(
                    AttendanceEvent,
                    attendance_id=attendance,
                    kind=kind,
                    at=begin + timedelta(minutes=minute),
                )
        for _ in range(rng.randint(1, 8) if person in present else 0):
            rows.add(
                SpeakingTurn,
                run_id=run,
                participant_id=person,
                at=begin + timedelta(minutes=rng.uniform(0, 90)),
            )
    prompts = [
        (segment.id, prompt.id)
        for segment in module.segments
        if segment.kind in NOTE_KINDS
        for prompt in segment.prompts
    ]
    discussion = next(s for s in module.segments if s.kind is SegmentKind.OPEN_DISCUSSION)
    rooms = []
    for position in range(5):
        room = ids.next("breakout_room")
        rooms.append(room)
        rows.add(
            BreakoutRoom,
            id=room,
            run_id=run,
            segment_id=discussion.id,
            position=position,
            name=f"Room {position + 1}",
            prompt=discussion.prompts[position % len(discussion.prompts)].text,
        )
    for index, person in enumerate(present):
        rows.add(BreakoutMember, room_id=rooms[index % 5], participant_id=person)
    for person in people:
        for _ in range(notes_each):
            segment_id, prompt_id = rng.choice(prompts)
            at = begin + timedelta(minutes=rng.uniform(0, 90))
            rows.add(
                Note,
                run_id=run,
                segment_id=segment_id,
                prompt_id=prompt_id,
                room_id=None,
                author_kind=AuthorKind.PARTICIPANT,
                participant_id=person,
                text=text(rng),
                visibility=Visibility.SHARED if rng.random() < 0.9 else Visibility.PRIVATE,
                source=NoteSource.LIVE,
                created_at=at,
                edited_at=at,
            )
    for segment in module.segments:
        if segment.kind is SegmentKind.FILL_IN_TABLE:
            for position, person in enumerate(present * 2):
                rows.add(
                    TableRow,
                    run_id=run,
                    segment_id=segment.id,
                    participant_id=person,
                    position=position,
                    cells={column: text(rng) for column in segment.columns},
                    visibility=Visibility.SHARED,
                    edited_at=begin,
                )
    for kind, texts in FEEDBACK.items():
        for entry in texts:
            rows.add(FeedbackItem, run_id=run, kind=kind.value, text=entry, created_at=begin)
    for question, answer in ASKED[:4]:
        rows.add(
            QAEntry,
            run_id=run,
            segment_id="qa",
            question=question,
            answer=answer,
            answered_by="Noor Haddad" if answer else "",
            answered_when=AnsweredWhen.LIVE if answer else None,
            visibility=Visibility.SHARED,
            created_at=begin,
            edited_at=begin,
        )


def assignment_rows(
    rows: Rows, person: int, due: date, module: Module, rng: Random, ids: Ids
) -> None:
    if module.assignment is None or rng.random() < 0.2:
        return
    values = {
        f.id: text(rng) if f.kind is FieldKind.LONG_TEXT else [text(rng)]
        for f in module.assignment.fields
        if f.kind in (FieldKind.LONG_TEXT, FieldKind.LIST)
    }
    saved = datetime(due.year, due.month, due.day, 12, 0)
    response = ids.next("assignment_response")
    status = ResponseStatus.SUBMITTED if rng.random() < 0.8 else ResponseStatus.DRAFT
    rows.add(
        AssignmentResponse,
        id=response,
        participant_id=person,
        module_id=module.id,
        module_version=module.version,
        values=values,
        status=status,
        version=1,
        updated_at=saved,
        submitted_at=saved if status is ResponseStatus.SUBMITTED else None,
    )
    rows.add(
        AssignmentVersion,
        response_id=response,
        version=1,
        values=values,
        status=status,
        saved_at=saved,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path, help="the SQLite file to create")
    parser.add_argument("--cohorts", type=int, default=100)
    parser.add_argument("--participants", type=int, default=25)
    parser.add_argument("--notes", type=int, default=60, help="per participant per session")
    parser.add_argument("--seed", type=int, default=2016)
    args = parser.parse_args(argv)
    if args.output.exists():
        print(f"{args.output} exists; remove it first.", file=sys.stderr)
        return 1
    modules = load_catalog(shipped_modules_dir(), None).modules
    store = open_store(f"sqlite:///{args.output.resolve()}")
    rng = Random(args.seed)
    ids = Ids()
    began = time.perf_counter()
    total = 0
    try:
        for number in range(args.cohorts):
            rows = cohort_rows(number, modules, args.participants, args.notes, rng, ids)
            with store.engine.begin() as connection:
                total += rows.insert(connection)
            if (number + 1) % 10 == 0:
                elapsed = time.perf_counter() - began
                print(f"{number + 1} cohorts, {total:,} rows, {elapsed:.0f} s", flush=True)
    finally:
        store.dispose()
    print(f"Wrote {total:,} rows to {args.output} in {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
