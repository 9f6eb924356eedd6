"""A small cohort written straight through the ORM, with one of everything an export prints.

Modules are built in code so the tests do not depend on the shipped module files changing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from cofacilitator.sessions.schema import (
    Assignment,
    FeedbackKind,
    FieldKind,
    Figure,
    FormField,
    Module,
    Prompt,
    Quote,
    Reading,
    ReadingGroup,
    Segment,
    SegmentKind,
)
from cofacilitator.store.database import Store
from cofacilitator.store.models import (
    AnsweredWhen,
    AssignmentResponse,
    Attendance,
    AttendanceEvent,
    AttendanceStatus,
    AuthorKind,
    BreakoutMember,
    BreakoutRoom,
    Cohort,
    Concern,
    FeedbackItem,
    Note,
    Participant,
    QAEntry,
    ResponseStatus,
    SessionRun,
    SharingTurn,
    TableRow,
    Visibility,
)

START = datetime(2025, 3, 4, 15, 0)


def sample_module(number: int) -> Module:
    """A module with a segment of every kind, an optional one to skip, readings and homework."""
    roll_call_answer = (
        FormField("core-values", FieldKind.PICK_VALUES, "Pick three values", pick=3)
        if number == 2
        else None
    )
    return Module(
        id=f"sample-{number}",
        version=1,
        number=number,
        title=f"Sample session {number}",
        epigraph=Quote("Start where you are.", "Arthur Ashe", "Speech"),
        key_lessons=("Listening first", "Naming the purpose"),
        segments=(
            Segment(
                "roll-call",
                SegmentKind.ROLL_CALL,
                "Roll call",
                5,
                prompts=(Prompt("roll-call", "Name / one word for how you arrive"),),
                answer=roll_call_answer,
            ),
            Segment(
                "sharing",
                SegmentKind.ASSIGNMENT_SHARING,
                "Sharing the assignment",
                10,
                body="A few volunteers share what they found.",
            ),
            Segment(
                "talk",
                SegmentKind.PRESENTATION,
                "Why community?",
                10,
                body="Communities grow **from the inside out**.\n\n<script>alert(1)</script>",
                slides="#",
                figures=(Figure("figures/x.svg", "A wheel", "Figure: the skills wheel"),),
                prompts=(Prompt("talk-notes", "Notes from the talk"),),
            ),
            Segment(
                "why",
                SegmentKind.SILENT_NOTES,
                "Starting with why",
                10,
                prompts=(
                    Prompt("project-story", "Who started it?", group="Project: why a community?"),
                    Prompt(
                        "project-next",
                        "What is the next step?",
                        group="Project: why a community?",
                        details=("Resources", "People"),
                    ),
                    Prompt("you", "Why do you care?"),
                ),
            ),
            Segment(
                "rooms",
                SegmentKind.BREAKOUT,
                "Breakout",
                10,
                prompts=(Prompt("rooms-q", "What would you change?"),),
            ),
            Segment(
                "purpose",
                SegmentKind.FILL_IN_TABLE,
                "Purpose and outcomes",
                10,
                columns=("Project", "Purpose", "Outcomes"),
            ),
            Segment(
                "extra",
                SegmentKind.SILENT_NOTES,
                "Optional extra",
                5,
                optional=True,
                prompts=(Prompt("extra-q", "Anything else?"),),
            ),
            Segment(
                "takeaways",
                SegmentKind.KEY_TAKEAWAYS,
                "Key takeaways",
                5,
                body="We discussed purpose.",
                prompts=(Prompt("takeaway", "One thing you take away"),),
            ),
            Segment("qa", SegmentKind.QA, "Q&A and suggestions", 5),
            Segment("feedback", SegmentKind.FEEDBACK, "Feedback from this session", 5),
        ),
        assignment=Assignment(
            id=f"assignment-{number}",
            title="Community background",
            body="Interview *two* people who were there at the start.",
            fields=(
                FormField("story", FieldKind.LONG_TEXT, "Origin story"),
                FormField("people", FieldKind.LIST, "People interviewed", optional=True),
            ),
        ),
        readings=(
            ReadingGroup(
                "Reading recommendation",
                (
                    Reading("The Turing Way", "https://the-turing-way.netlify.app/"),
                    Reading("Principles of engagement", "#", "Minnesota Dept. of Health"),
                ),
            ),
        ),
        attribution="Adapted from a curriculum by Malvika Sharan, CC BY 4.0 "
        "(https://creativecommons.org/licenses/by/4.0/).",
    )


@dataclass(frozen=True)
class SampleCohort:
    cohort_id: int
    run_ids: tuple[int, ...]
    people: dict[str, int]
    modules: dict[str, Module]


def add_rows(store: Store, *rows: Any) -> list[int]:
    """Insert ORM rows in one transaction and return their ids."""
    with store.session_factory() as s, s.begin():
        s.add_all(rows)
        s.flush()
        return [row.id for row in rows]


def new_cohort(
    store: Store, people: dict[str, bool], name: str = "Riverside cohort"
) -> tuple[int, dict[str, int]]:
    """A cohort with its facilitator and people (name -> consents to be named), added in order."""
    (cohort_id,) = add_rows(
        store,
        Cohort(
            name=name,
            facilitators=[{"name": "Malvika", "contact": "malvika@example.org"}],
            timezone="Europe/London",
        ),
    )
    ids = add_rows(
        store,
        *(
            Participant(cohort_id=cohort_id, display_name=person, consent_named=consent)
            for person, consent in people.items()
        ),
    )
    return cohort_id, dict(zip(people, ids, strict=True))


def new_run(store: Store, cohort_id: int, module: Module, day: date | None = None) -> int:
    (run_id,) = add_rows(
        store,
        SessionRun(
            cohort_id=cohort_id,
            module_id=module.id,
            module_number=module.number,
            scheduled_date=day,
            start_time="15:00" if day else "",
            skipped_segments=["extra"],
        ),
    )
    return run_id


def seed_sample_cohort(store: Store) -> SampleCohort:
    """Four people (two without consent to be named), two sessions, one of every record."""
    cohort_id, people = new_cohort(
        store,
        {"Asha Verma": True, "Ben Okafor": False, "Chen Li": True, "Dana Ruiz": False},
    )
    asha, ben, chen, dana = people.values()
    modules = {f"sample-{n}": sample_module(n) for n in (1, 2)}
    first = new_run(store, cohort_id, modules["sample-1"], date(2025, 3, 4))
    second = new_run(store, cohort_id, modules["sample-2"], date(2025, 3, 11))
    clock = iter(START + timedelta(seconds=n) for n in range(1000))

    def note(run: int, segment: str, text: str, prompt: str = "", **extra: Any) -> Note:
        extra.setdefault("author_kind", AuthorKind.PARTICIPANT)
        return Note(
            run_id=run,
            segment_id=segment,
            prompt_id=prompt,
            text=text,
            created_at=next(clock),
            **extra,
        )

    rooms = add_rows(
        store,
        BreakoutRoom(
            run_id=first, segment_id="rooms", position=0, name="Room 1", prompt="Dream big"
        ),
        BreakoutRoom(run_id=first, segment_id="rooms", position=1, name="Room 2"),
    )
    attendance = add_rows(
        store,
        Attendance(
            run_id=first,
            participant_id=asha,
            status=AttendanceStatus.PRESENT,
            answer="Curious",
            emoji="🌱",
        ),
        Attendance(
            run_id=first, participant_id=ben, status=AttendanceStatus.LATE, answer="Tired but here"
        ),
        Attendance(run_id=first, participant_id=chen, status=AttendanceStatus.PRESENT),
        Attendance(run_id=first, participant_id=dana, status=AttendanceStatus.ABSENT),
        Attendance(
            run_id=second,
            participant_id=asha,
            status=AttendanceStatus.LEFT_EARLY,
            answer_values={
                "core-values": {
                    "picked": ["Kindness", "Transparency", "Curiosity"],
                    "defined": "Transparency",
                    "definition": "Saying what we decided and why.",
                    "example": "Publishing meeting notes.",
                }
            },
        ),
        Attendance(
            run_id=second,
            participant_id=ben,
            status=AttendanceStatus.PRESENT,
            answer="Joy, Care, Trust",
        ),
        Attendance(run_id=second, participant_id=dana, status=AttendanceStatus.PRESENT),
    )
    add_rows(
        store,
        AttendanceEvent(attendance_id=attendance[-1], kind="left", at=START),
        AttendanceEvent(attendance_id=attendance[-1], kind="returned", at=START),
        BreakoutMember(room_id=rooms[0], participant_id=asha),
        BreakoutMember(room_id=rooms[0], participant_id=ben),
        BreakoutMember(room_id=rooms[1], participant_id=chen),
        BreakoutMember(room_id=rooms[1], participant_id=dana),
        note(first, "talk", "Loved the garden example", "talk-notes", participant_id=asha),
        note(
            first,
            "why",
            "Two students in 2019.\nThen a grant.",
            "project-story",
            participant_id=ben,
        ),
        note(first, "why", "Ask the founders", "project-next", author_kind=AuthorKind.FACILITATOR),
        note(
            first,
            "why",
            "Because it matters",
            "you",
            author_kind=AuthorKind.ANONYMOUS,
            participant_id=chen,
        ),
        note(
            first,
            "why",
            "SECRET private thought",
            "you",
            participant_id=asha,
            visibility=Visibility.PRIVATE,
        ),
        note(
            first,
            "why",
            "SECRET off the record",
            "you",
            participant_id=asha,
            visibility=Visibility.OFF_RECORD,
        ),
        note(first, "rooms", "More funding", "rooms-q", participant_id=ben, room_id=rooms[0]),
        note(first, "rooms", "Less email", "rooms-q", participant_id=dana, room_id=rooms[1]),
        note(first, "extra", "SKIPPED segment note", "extra-q", participant_id=asha),
        note(first, "takeaways", "Start with why", "takeaway", participant_id=chen),
        note(second, "sharing", "Ben found the first grant letter", participant_id=chen),
        TableRow(
            run_id=first,
            segment_id="purpose",
            participant_id=asha,
            position=0,
            cells={"Project": "Garden club", "Purpose": "Grow food", "Outcomes": "Harvest"},
        ),
        TableRow(
            run_id=first,
            segment_id="purpose",
            participant_id=asha,
            position=1,
            cells={"Project": "Bake sale", "Purpose": "Raise funds"},
        ),
        TableRow(
            run_id=first,
            segment_id="purpose",
            participant_id=ben,
            position=2,
            cells={"Project": "Mentoring", "Purpose": "Train", "Outcomes": "Mentors"},
        ),
        TableRow(
            run_id=first,
            segment_id="purpose",
            participant_id=chen,
            position=3,
            cells={"Project": "SECRET row"},
            visibility=Visibility.OFF_RECORD,
        ),
        QAEntry(
            run_id=first,
            segment_id="qa",
            question="How big should a room be?",
            asked_by_id=ben,
            answer="Three to five people.",
            answered_by="Malvika",
            answered_when=AnsweredWhen.LIVE,
            created_at=next(clock),
        ),
        QAEntry(
            run_id=first,
            segment_id="qa",
            question="Where are the slides?",
            answer="In the shared folder.",
            answered_by="Dana Ruiz",
            answered_when=AnsweredWhen.AFTER,
            created_at=next(clock),
        ),
        QAEntry(
            run_id=first,
            segment_id="qa",
            question="Can we record?",
            asked_by_id=chen,
            created_at=next(clock),
        ),
        QAEntry(
            run_id=first,
            segment_id="qa",
            question="SECRET question",
            asked_by_id=asha,
            visibility=Visibility.PRIVATE,
            created_at=next(clock),
        ),
        FeedbackItem(
            run_id=first, kind=FeedbackKind.PLUS.value, text="Clear timing", created_at=next(clock)
        ),
        FeedbackItem(
            run_id=first,
            kind=FeedbackKind.PLUS.value,
            text="Kind group",
            participant_id=asha,
            created_at=next(clock),
        ),
        FeedbackItem(
            run_id=first, kind=FeedbackKind.DELTA.value, text="More breaks", created_at=next(clock)
        ),
        FeedbackItem(
            run_id=first,
            kind=FeedbackKind.TAKEAWAY.value,
            text="Purpose before tools",
            created_at=next(clock),
        ),
        SharingTurn(run_id=second, participant_id=ben, position=0, shared_at=START),
        SharingTurn(run_id=second, participant_id=asha, position=1, shared_at=START),
        SharingTurn(run_id=second, participant_id=dana, position=2),
        AssignmentResponse(
            participant_id=asha, module_id="sample-1", status=ResponseStatus.SUBMITTED
        ),
        AssignmentResponse(
            participant_id=ben, module_id="sample-1", status=ResponseStatus.IMPORTED
        ),
        AssignmentResponse(participant_id=chen, module_id="sample-1", status=ResponseStatus.DRAFT),
        AssignmentResponse(
            participant_id=asha, module_id="sample-2", status=ResponseStatus.SUBMITTED
        ),
        Concern(
            cohort_id=cohort_id,
            raised_by_id=dana,
            about_id=ben,
            what="SECRET concern about behaviour",
            actions="SECRET spoke to them",
        ),
    )
    return SampleCohort(cohort_id, (first, second), people, modules)
