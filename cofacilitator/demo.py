"""The demo cohort: four finished sessions of a small, lively cohort, for trying the app out.

The screenshots, the export examples and the benchmarks all start from it, so it is deterministic
(a seeded ``Random``, fixed dates from 2026-10-01, uids drawn from the same seed) and touches
every kind of record the app keeps: late arrivals and people who step out and back, notes of
every visibility and author, a breakout split, table rows, Q&A answered live, later and not yet,
feedback, the sharing round, assignments in every state, a concern and the messages prepared.

It is written in one transaction, straight through the ORM: a demo is either all there or not
there at all, and asking for it again changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from random import Random
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cofacilitator.breakouts import split_by_count
from cofacilitator.demo_answers import (
    field_answer,
    in_their_words,
    personal_answer,
    roll_call_line,
    sharing_note,
    table_row,
)
from cofacilitator.demo_content import (
    AMARA,
    FACILITATORS,
    GUIDELINES,
    HANA,
    KWAME,
    LIN,
    MATEO,
    PEOPLE,
    PRIYA,
    SIOBHAN,
    YUSUF,
)
from cofacilitator.demo_notes import (
    ANONYMOUS_NOTES,
    FACILITATOR_NOTES,
    FEEDBACK,
    GENERIC_ANSWERS,
    GENERIC_FACILITATOR_NOTES,
    GENERIC_QUESTIONS,
    OFF_RECORD_NOTES,
    PRIVATE_NOTES,
    PROMPT_ANSWERS,
    QUESTIONS,
    ROOM_SUMMARIES,
    TAKEAWAYS,
    UNCLEAR_BY_MODULE,
)
from cofacilitator.paths import shipped_modules_dir
from cofacilitator.sessions.catalog import load_catalog
from cofacilitator.sessions.schema import NOTE_KINDS, FeedbackKind, Module, Segment, SegmentKind
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
    ConcernStatus,
    FeedbackItem,
    Membership,
    MessageLog,
    Note,
    NoteSource,
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

DEMO_COHORT_NAME = "Demo cohort"
FIRST_SESSION = date(2026, 10, 1)
SEED = 20261001
START_UTC = (15, 0)
"""16:00 in London: British Summer Time lasts until late October."""
JOIN_LINK = "https://call.example.org/demo"

WITHDRAWN_AT = datetime(2026, 10, 19, 9, 30)
"""Kwame withdraws between the third and the fourth session."""

# Per session (0-3): who came late, who was absent, who stepped out and came back, who left.
NOBODY: frozenset[int] = frozenset()
LATE = (frozenset({MATEO}), frozenset({PRIYA}), frozenset({PRIYA}), frozenset({AMARA}))
ABSENT = (NOBODY, frozenset({HANA}), frozenset({KWAME}), NOBODY)
OUT_AND_BACK = (frozenset({YUSUF}), frozenset({LIN}), NOBODY, frozenset({SIOBHAN}))
LEFT_EARLY = (NOBODY, NOBODY, frozenset({YUSUF}), NOBODY)
TALKATIVE, QUIET = MATEO, HANA


@dataclass(frozen=True)
class DemoResult:
    cohort_id: int
    created: bool
    """False when a cohort of that name was already there and was left untouched."""


def create_demo_cohort(
    store: Store, modules: Sequence[Module], *, name: str = DEMO_COHORT_NAME
) -> DemoResult:
    """Create the demo cohort for ``modules`` (in number order), unless one of that name exists."""
    with store.session_factory() as s, s.begin():
        existing = s.scalar(select(Cohort.id).where(Cohort.name == name))
        if existing is not None:
            return DemoResult(existing, created=False)
        builder = _DemoBuilder(s, sorted(modules, key=lambda m: m.number), name)
        return DemoResult(builder.build(), created=True)


def create_shipped_demo_cohort(store: Store) -> DemoResult:
    """The demo on the four shipped modules only, so it is the same on every machine."""
    catalog = load_catalog(shipped_modules_dir(), None)
    return create_demo_cohort(store, catalog.modules)


def _at(day: date, minutes_after_start: float) -> datetime:
    return datetime(day.year, day.month, day.day, *START_UTC) + timedelta(
        minutes=minutes_after_start
    )


class _DemoBuilder:
    """Writes the demo in one session; one method per kind of record, in the order of a call."""

    def __init__(self, s: Session, modules: list[Module], name: str) -> None:
        self.s = s
        self.modules = modules
        self.name = name
        self.rng = Random(SEED)
        self.uids = Random(SEED + 1)
        self.people: list[Participant] = []
        self.breakout = _breakout_segment(modules)

    def uid(self) -> str:
        return f"{self.uids.getrandbits(128):032x}"

    def build(self) -> int:
        cohort = Cohort(
            uid=self.uid(),
            name=self.name,
            description="A made-up cohort of community builders, to try the app with.",
            membership=Membership.INVITE_ONLY,
            facilitators=[f.as_json() for f in FACILITATORS],
            guidelines=GUIDELINES,
            timezone="Europe/London",
            archived=False,
            created_at=datetime(2026, 9, 10, 9, 0),
        )
        self.s.add(cohort)
        self.s.flush()
        for index, person in enumerate(PEOPLE):
            self.people.append(
                Participant(
                    uid=self.uid(),
                    cohort_id=cohort.id,
                    display_name=person.name,
                    role=person.role,
                    handles=person.handles,
                    pronouns=person.pronouns,
                    email=person.email,
                    consent_named=person.consent,
                    is_walk_in=False,
                    withdrawn_at=WITHDRAWN_AT if index == KWAME else None,
                    created_at=datetime(2026, 9, 12, 10, index),
                )
            )
        self.s.add_all(self.people)
        self.s.flush()
        self.acknowledgements()
        runs = [self.run(cohort, number, module) for number, module in enumerate(self.modules)]
        self.assignments()
        self.concern(cohort, runs)
        self.messages(cohort, runs)
        return cohort.id

    def day(self, number: int) -> date:
        return FIRST_SESSION + timedelta(weeks=number)

    # -------------------------------------------------------------------------- a whole run

    def run(self, cohort: Cohort, number: int, module: Module) -> SessionRun:
        day = self.day(number)
        run = SessionRun(
            uid=self.uid(),
            cohort_id=cohort.id,
            module_id=module.id,
            module_number=module.number,
            module_version=module.version,
            scheduled_date=day,
            start_time="16:00",
            timezone="Europe/London",
            length_minutes=max(90, module.planned_minutes),
            join_link=JOIN_LINK,
            recording_link=f"https://video.example.org/demo/session-{module.number}",
            started_at=_at(day, 0),
            ended_at=_at(day, module.planned_minutes + 4),
            current_segment=module.segments[-1].id if module.segments else "",
            skipped_segments=[],
        )
        self.s.add(run)
        self.s.flush()
        present = self.attendance(run, day, number, module)
        for segment, start in self.timeline(run.id, day, module):
            if segment.kind in NOTE_KINDS and segment.prompts:
                self.notes(run, module, segment, start, present)
            if segment.kind is SegmentKind.FILL_IN_TABLE:
                self.table_rows(run, segment, start, present)
            if segment.kind is SegmentKind.ASSIGNMENT_SHARING:
                shared = self.modules[number - 1] if number > 0 else None
                self.sharing_round(run, segment, start, present, shared)
            if segment.kind is SegmentKind.QA:
                self.questions(run, module, segment, start, number, present)
            if segment.kind is SegmentKind.FEEDBACK:
                self.feedback(run, module, start, present)
        self.speaking_turns(run, day, module, present)
        return run

    def timeline(
        self, run_id: int, day: date, module: Module
    ) -> Iterator[tuple[Segment, datetime]]:
        """Each segment with its start, its timer saved as it ended: finished, a little off plan."""
        clock = 0.0
        for segment in module.segments:
            planned = segment.minutes * 60
            elapsed = max(30.0, planned + self.rng.randint(-60, 90))
            added = 60 if elapsed > planned + 45 else 0
            started = _at(day, clock / 60)
            wall_start = started.replace(tzinfo=UTC).timestamp()
            self.s.add(
                SegmentTiming(
                    run_id=run_id,
                    segment_id=segment.id,
                    planned_seconds=planned,
                    added_seconds=added,
                    elapsed_before=elapsed,
                    running_since=None,
                    started_at=wall_start,
                    stopped_at=wall_start + elapsed,
                )
            )
            yield segment, started
            clock += elapsed

    def attendance(self, run: SessionRun, day: date, number: int, module: Module) -> list[int]:
        """Attendance and roll-call answers; returns the indexes of people who came."""
        roll_call = next((s for s in module.segments if s.kind is SegmentKind.ROLL_CALL), None)
        present = []
        for index, person in enumerate(PEOPLE):
            if index == KWAME and WITHDRAWN_AT.date() < day:
                continue
            status = AttendanceStatus.PRESENT
            if index in LATE[number % 4]:
                status = AttendanceStatus.LATE
            if index in ABSENT[number % 4]:
                status = AttendanceStatus.ABSENT
            if index in LEFT_EARLY[number % 4]:
                status = AttendanceStatus.LEFT_EARLY
            row = Attendance(
                run_id=run.id,
                participant_id=self.people[index].id,
                status=status,
                answer="",
                emoji="",
                answer_values={},
                updated_at=_at(day, 12),
            )
            if status is not AttendanceStatus.ABSENT:
                present.append(index)
                row.emoji = person.emoji
                row.answer, row.answer_values = self.roll_call_answer(index, module, roll_call)
            if index in OUT_AND_BACK[number % 4]:
                row.events = [
                    AttendanceEvent(kind="left", at=_at(day, 38)),
                    AttendanceEvent(kind="returned", at=_at(day, 49)),
                ]
            if status is AttendanceStatus.LEFT_EARLY:
                row.events = [AttendanceEvent(kind="left", at=_at(day, 55))]
            self.s.add(row)
        return present

    def roll_call_answer(
        self, index: int, module: Module, roll_call: Segment | None
    ) -> tuple[str, dict[str, Any]]:
        person = PEOPLE[index]
        if roll_call is not None and roll_call.answer is not None:
            value = field_answer(roll_call.answer, PEOPLE[index], module, self.rng)
            return (
                f"{person.name} / {', '.join(value['picked'])}",
                {roll_call.answer.id: value},
            )
        if module.number == 1:
            handle = f" / {person.handles}" if person.handles else ""
            return f"{person.name} / {person.role}{handle} / {person.emoji}", {}
        line = roll_call_line(module, person) or in_their_words(
            self.rng.choice(GENERIC_ANSWERS), person
        )
        return f"{person.name} / {line}", {}

    # ------------------------------------------------------------------------ capture by kind

    def notes(
        self,
        run: SessionRun,
        module: Module,
        segment: Segment,
        start: datetime,
        present: list[int],
    ) -> None:
        """Participants' answers under every prompt, plus one note of each other author and
        visibility, so each note-collecting segment shows them all."""
        minute = 0.0

        def add(text: str, **fields: Any) -> Note:
            nonlocal minute
            minute += self.rng.uniform(0.2, 0.9)
            stamp = start + timedelta(minutes=minute)
            note = Note(
                run_id=run.id,
                segment_id=segment.id,
                text=text,
                created_at=stamp,
                edited_at=stamp,
                **{"prompt_id": "", "room_id": None, "source": NoteSource.LIVE, **fields},
            )
            self.s.add(note)
            return note

        in_rooms = (run.module_id, segment.id) == self.breakout
        rooms = self.rooms(run, segment, present) if in_rooms else []
        for prompt in segment.prompts:
            writers = self.rng.sample(present, k=min(len(present), self.rng.randint(2, 4)))
            answers = self.answers(module, prompt.id, writers)
            for index, text in zip(writers, answers, strict=True):
                room = next((r for r in rooms if self.people[index].id in _member_ids(r)), None)
                add(
                    text,
                    prompt_id=prompt.id,
                    author_kind=AuthorKind.PARTICIPANT,
                    participant_id=self.people[index].id,
                    visibility=Visibility.SHARED,
                    room_id=room.id if room else None,
                )
        first = segment.prompts[0].id
        add(
            self.rng.choice(FACILITATOR_NOTES.get(module.id, GENERIC_FACILITATOR_NOTES)),
            prompt_id=first,
            author_kind=AuthorKind.FACILITATOR,
            visibility=Visibility.SHARED,
        )
        add(
            self.rng.choice(ANONYMOUS_NOTES),
            prompt_id=first,
            author_kind=AuthorKind.ANONYMOUS,
            visibility=Visibility.SHARED,
            source=NoteSource.CHAT,
        )
        add(
            self.rng.choice(PRIVATE_NOTES),
            author_kind=AuthorKind.FACILITATOR,
            visibility=Visibility.PRIVATE,
        )
        speaker = self.rng.choice(present)
        add(
            self.rng.choice(OFF_RECORD_NOTES),
            prompt_id=first,
            author_kind=AuthorKind.PARTICIPANT,
            participant_id=self.people[speaker].id,
            visibility=Visibility.OFF_RECORD,
        )
        for position, room in enumerate(rooms):
            add(
                f"{room.name}: {ROOM_SUMMARIES[position % len(ROOM_SUMMARIES)]}",
                prompt_id=first,
                author_kind=AuthorKind.FACILITATOR,
                room_id=room.id,
                visibility=Visibility.SHARED,
                source=NoteSource.DOCUMENT,
            )

    def answers(self, module: Module, prompt_id: str, writers: list[int]) -> list[str]:
        """One answer per writer, each answering the prompt it is under: from the writer's own
        project where the prompt asks about it, else from the prompt's stock answers, never the
        same line twice under a prompt."""
        crafted = list(PROMPT_ANSWERS.get(module.id, {}).get(prompt_id, ()))
        self.rng.shuffle(crafted)
        generic = self.rng.sample(GENERIC_ANSWERS, k=len(writers))
        answers = []
        for turn, index in enumerate(writers):
            person = PEOPLE[index]
            own = personal_answer(module, prompt_id, person)
            stock = crafted[turn] if turn < len(crafted) else generic[turn]
            answers.append(own or in_their_words(stock, person))
        return answers

    def rooms(self, run: SessionRun, segment: Segment, present: list[int]) -> list[BreakoutRoom]:
        people = [self.people[index].id for index in present]
        arrangement = split_by_count(people, 3, self.rng).with_prompts(
            [prompt.text for prompt in segment.prompts]
        )
        rooms = [
            BreakoutRoom(
                run_id=run.id,
                segment_id=segment.id,
                position=position,
                name=room.name,
                prompt=room.prompt,
                members=[BreakoutMember(participant_id=member) for member in room.members],
            )
            for position, room in enumerate(arrangement.rooms)
        ]
        self.s.add_all(rooms)
        self.s.flush()
        return rooms

    def table_rows(
        self, run: SessionRun, segment: Segment, start: datetime, present: list[int]
    ) -> None:
        position = 0
        for turn, index in enumerate(present):
            for row in range(3 if turn % 3 == 0 else 1 + turn % 2):
                self.s.add(
                    TableRow(
                        run_id=run.id,
                        segment_id=segment.id,
                        participant_id=self.people[index].id,
                        position=position,
                        cells=table_row(segment.columns, PEOPLE[index], row, self.rng),
                        visibility=Visibility.PRIVATE if position == 4 else Visibility.SHARED,
                        edited_at=start + timedelta(minutes=2 + position * 0.5),
                    )
                )
                position += 1

    def sharing_round(
        self,
        run: SessionRun,
        segment: Segment,
        start: datetime,
        present: list[int],
        shared: Module | None,
    ) -> None:
        """Everyone present in a random order, the last one passing; the note the facilitator
        keeps for each person who shared says what they shared from ``shared``'s assignment."""
        order = list(present)
        self.rng.shuffle(order)
        passed = order[-1]
        for position, index in enumerate(order):
            shared_at = None if index == passed else start + timedelta(minutes=position + 1)
            self.s.add(
                SharingTurn(
                    run_id=run.id,
                    participant_id=self.people[index].id,
                    position=position,
                    shared_at=shared_at,
                )
            )
            text = sharing_note(shared, PEOPLE[index], index) if shared else None
            if shared_at is None or not text:
                continue
            written = shared_at + timedelta(seconds=40)
            self.s.add(
                Note(
                    run_id=run.id,
                    segment_id=segment.id,
                    prompt_id="",
                    room_id=None,
                    author_kind=AuthorKind.PARTICIPANT,
                    participant_id=self.people[index].id,
                    visibility=Visibility.SHARED,
                    source=NoteSource.LIVE,
                    text=text,
                    created_at=written,
                    edited_at=written,
                )
            )

    def questions(
        self,
        run: SessionRun,
        module: Module,
        segment: Segment,
        start: datetime,
        number: int,
        present: list[int],
    ) -> None:
        """Two questions on the session's topic answered (one live, one in the notes afterwards)
        and, from the third session on, one still open."""
        pool = QUESTIONS.get(module.id, GENERIC_QUESTIONS)
        picks = list(pool[:2] if number < 2 else pool[:3])
        ended = run.ended_at or start
        for turn, (question, answer) in enumerate(picks):
            live = turn == 0
            asked = start + timedelta(minutes=turn)
            self.s.add(
                QAEntry(
                    run_id=run.id,
                    segment_id=segment.id,
                    question=question,
                    asked_by_id=self.people[present[(number + turn) % len(present)]].id,
                    answer=answer,
                    answered_by=FACILITATORS[turn % 2].name if answer else "",
                    answered_when=(AnsweredWhen.LIVE if live else AnsweredWhen.AFTER)
                    if answer
                    else None,
                    visibility=Visibility.SHARED,
                    created_at=asked,
                    edited_at=asked if live else ended + timedelta(days=2),
                )
            )

    def feedback(
        self, run: SessionRun, module: Module, start: datetime, present: list[int]
    ) -> None:
        for offset, (kind, texts) in enumerate(FEEDBACK.items()):
            if kind is FeedbackKind.TAKEAWAY:
                texts = TAKEAWAYS.get(module.id, texts)
            if kind is FeedbackKind.UNCLEAR and module.id in UNCLEAR_BY_MODULE:
                texts = (UNCLEAR_BY_MODULE[module.id], *texts)
            for text in self.rng.sample(texts, k=2 if kind is FeedbackKind.TAKEAWAY else 1):
                signed = kind is FeedbackKind.TAKEAWAY
                author = self.people[self.rng.choice(present)].id if signed else None
                self.s.add(
                    FeedbackItem(
                        run_id=run.id,
                        kind=kind.value,
                        text=text,
                        participant_id=author,
                        created_at=start + timedelta(minutes=offset),
                    )
                )

    def speaking_turns(
        self, run: SessionRun, day: date, module: Module, present: list[int]
    ) -> None:
        span = module.planned_minutes
        for index in present:
            count = 9 if index == TALKATIVE else 1 if index == QUIET else self.rng.randint(2, 6)
            for _ in range(count):
                self.s.add(
                    SpeakingTurn(
                        run_id=run.id,
                        participant_id=self.people[index].id,
                        at=_at(day, self.rng.uniform(10, span)),
                    )
                )

    # ------------------------------------------------------------------- around the sessions

    def acknowledgements(self) -> None:
        """Everyone but Yusuf acknowledged the guidelines, most of them on the first call."""
        for index, person in enumerate(self.people):
            if index == YUSUF:
                continue
            how = "app" if index in (LIN, HANA) else "call"
            at = datetime(2026, 9, 28, 18, index) if how == "app" else _at(FIRST_SESSION, 6)
            self.s.add(Acknowledgement(participant_id=person.id, how=how, at=at))

    def assignments(self) -> None:
        """Every module's assignment: mostly submitted, a few drafts, one imported from a
        hand-back file, one saved twice; a couple of people never started one."""
        skipped = {(2, YUSUF), (3, HANA), (3, KWAME)}
        drafts = {(1, PRIYA), (3, LIN)}
        imported = {(2, SIOBHAN)}
        twice = (0, AMARA)
        for number, module in enumerate(self.modules):
            if module.assignment is None:
                continue
            due = self.day(number + 1) - timedelta(days=1)
            for index, person in enumerate(self.people):
                if (number, index) in skipped:
                    continue
                fields = module.assignment.fields
                values = {f.id: field_answer(f, PEOPLE[index], module, self.rng) for f in fields}
                status = ResponseStatus.SUBMITTED
                if (number, index) in drafts:
                    status = ResponseStatus.DRAFT
                    values = dict(list(values.items())[:2])
                if (number, index) in imported:
                    status = ResponseStatus.IMPORTED
                saved = datetime(due.year, due.month, due.day, 11, index)
                response = AssignmentResponse(
                    participant_id=person.id,
                    module_id=module.id,
                    module_version=module.version,
                    values=values,
                    status=status,
                    version=2 if (number, index) == twice else 1,
                    link=f"https://docs.example.org/{person.uid[:8]}/assignment-{module.number}"
                    if index == MATEO
                    else "",
                    updated_at=saved,
                    submitted_at=saved if status is not ResponseStatus.DRAFT else None,
                    imported_at=saved + timedelta(hours=3)
                    if status is ResponseStatus.IMPORTED
                    else None,
                )
                if (number, index) == twice:
                    first = dict(list(values.items())[:1])
                    response.history = [
                        AssignmentVersion(
                            version=1,
                            values=first,
                            status=ResponseStatus.DRAFT,
                            saved_at=saved - timedelta(days=2),
                        ),
                        AssignmentVersion(version=2, values=values, status=status, saved_at=saved),
                    ]
                else:
                    response.history = [
                        AssignmentVersion(version=1, values=values, status=status, saved_at=saved)
                    ]
                self.s.add(response)

    def concern(self, cohort: Cohort, runs: list[SessionRun]) -> None:
        second = self.day(1)
        self.s.add(
            Concern(
                cohort_id=cohort.id,
                raised_by_id=self.people[HANA].id,
                about_id=None,
                happened_at=_at(second, 40),
                what="Found it hard to get a word in during the open discussion in Session 2 "
                "and felt talked over once.",
                actions="Thanked her privately. Planned a go-round for the Session 3 reflection "
                "and a reminder of 'take space, give space' at the start.",
                status=ConcernStatus.IN_PROGRESS,
                handler=FACILITATORS[1].name,
                created_at=_at(second, 120),
                updated_at=_at(second, 60 * 24 * 3),
            )
        )

    def messages(self, cohort: Cohort, runs: list[SessionRun]) -> None:
        everyone = [p.id for p in self.people]
        self.s.add(
            MessageLog(
                cohort_id=cohort.id,
                run_id=None,
                kind="invitation",
                recipients=everyone,
                prepared_at=datetime(2026, 9, 14, 10, 0),
                via="clipboard",
            )
        )
        for number, run in enumerate(runs):
            day = self.day(number)
            active = [
                p.id for p in self.people if not p.withdrawn_at or p.withdrawn_at.date() > day
            ]
            self.s.add_all(
                [
                    MessageLog(
                        cohort_id=cohort.id,
                        run_id=run.id,
                        kind="reminder",
                        recipients=active,
                        prepared_at=_at(day - timedelta(days=1), 0),
                        via="clipboard",
                    ),
                    MessageLog(
                        cohort_id=cohort.id,
                        run_id=run.id,
                        kind="follow_up",
                        recipients=active,
                        prepared_at=_at(day + timedelta(days=1), 0),
                        via="clipboard",
                    ),
                ]
            )


def _member_ids(room: BreakoutRoom) -> set[int]:
    return {member.participant_id for member in room.members}


def _breakout_segment(modules: Sequence[Module]) -> tuple[str, str]:
    """Where the demo splits people into rooms: the first breakout segment of any module.

    The shipped modules have none (the curriculum calls group discussion "breakout room" loosely),
    so failing that the open discussion of the second session is run in rooms. Returns the
    module id and the segment id.
    """
    for module in modules:
        for segment in module.segments:
            if segment.kind is SegmentKind.BREAKOUT:
                return module.id, segment.id
    for module in modules[1:2] or modules[:1]:
        for segment in module.segments:
            if segment.kind is SegmentKind.OPEN_DISCUSSION and segment.prompts:
                return module.id, segment.id
    return "", ""
