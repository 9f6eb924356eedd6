"""The demo cohort: everything the screenshots, exports and benchmarks rely on is there."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from itertools import combinations

import pytest
from sqlalchemy import func, select

from cofacilitator.answers import validate_answers, validate_value
from cofacilitator.cohorts import find_cohort, list_cohorts, list_participants
from cofacilitator.demo import DEMO_COHORT_NAME, create_demo_cohort, create_shipped_demo_cohort
from cofacilitator.demo_answers import in_their_words, personal_answer
from cofacilitator.demo_content import PEOPLE
from cofacilitator.demo_notes import GENERIC_ANSWERS, PROMPT_ANSWERS
from cofacilitator.overview import AssignmentState, AttendanceMark, cohort_overview
from cofacilitator.paths import shipped_modules_dir
from cofacilitator.runs import RunRecord, RunStatus, load_run
from cofacilitator.sessions.catalog import load_catalog
from cofacilitator.sessions.schema import NOTE_KINDS, FeedbackKind, FieldKind, Module, SegmentKind
from cofacilitator.store.database import Store
from cofacilitator.store.models import (
    Acknowledgement,
    AnsweredWhen,
    AssignmentResponse,
    AuthorKind,
    Concern,
    ConcernStatus,
    MessageLog,
    Participant,
    ResponseStatus,
    Visibility,
)


@pytest.fixture(scope="module")
def shipped() -> tuple[Module, ...]:
    catalog = load_catalog(shipped_modules_dir(), None)
    assert len(catalog.modules) == 4, catalog.problems
    return catalog.modules


@pytest.fixture
def demo(store: Store) -> int:
    result = create_shipped_demo_cohort(store)
    assert result.created
    return result.cohort_id


@pytest.fixture
def records(store: Store, demo: int) -> list[RunRecord]:
    return [load_run(store, summary.run.id) for summary in cohort_overview(store, demo).runs]


def test_the_demo_roster_and_facilitators(store: Store, demo: int) -> None:
    cohort = find_cohort(store, DEMO_COHORT_NAME)
    assert cohort is not None and cohort.id == demo
    assert [f.role for f in cohort.facilitators] == ["facilitator", "co-facilitator"]
    assert cohort.timezone == "Europe/London"
    for phrase in (
        "Take space, give space",
        "Quiet reflection",
        "coming back",
        "recorded",
        "never",
    ):
        assert phrase in cohort.guidelines
    people = list_participants(store, demo)
    assert len(people) == 8 and len({p.display_name for p in people}) == 8
    assert sum(not p.consent_named for p in people) == 2
    [withdrawn] = [p for p in people if p.withdrawn_at is not None]
    assert withdrawn.withdrawn_at is not None
    assert date(2026, 10, 15) < withdrawn.withdrawn_at.date() < date(2026, 10, 22)
    assert cohort.participant_count == 7


def test_four_past_sessions_a_week_apart_with_their_schedule(store: Store, demo: int) -> None:
    runs = [summary.run for summary in cohort_overview(store, demo).runs]
    assert [r.schedule.scheduled_date for r in runs] == [
        date(2026, 10, 1) + timedelta(weeks=n) for n in range(4)
    ]
    for run in runs:
        assert run.status is RunStatus.ENDED
        assert run.started_at is not None and run.ended_at is not None
        assert (run.schedule.start_time, run.schedule.timezone) == ("16:00", "Europe/London")
        assert run.schedule.join_link == "https://call.example.org/demo"
        assert run.schedule.recording_link.startswith("https://")


def test_attendance_shows_every_kind_of_presence(store: Store, demo: int) -> None:
    overview = cohort_overview(store, demo)
    marks = Counter(mark for row in overview.rows for mark in row.attendance)
    for mark in AttendanceMark:
        assert marks[mark] >= 1, mark
    withdrawn = next(r for r in overview.rows if r.participant.withdrawn_at is not None)
    assert withdrawn.attendance[3] is None


def test_roll_call_answers_with_emoji_and_picked_values_in_session_4(
    records: list[RunRecord], shipped: tuple[Module, ...]
) -> None:
    for record in records:
        came = [a for a in record.attendance if a.status.value != "absent"]
        assert came and all(a.answer and a.emoji for a in came)
    roll_call = shipped[3].segment("roll-call")
    assert roll_call.answer is not None
    for answered in (a for a in records[3].attendance if a.answer):
        value = answered.answer_values[roll_call.answer.id]
        assert validate_value(roll_call.answer, value) == []
        assert len(value["picked"]) == 3


def test_every_note_segment_has_every_visibility_and_author(
    records: list[RunRecord], shipped: tuple[Module, ...]
) -> None:
    for module, record in zip(shipped, records, strict=True):
        for segment in module.segments:
            if segment.kind not in NOTE_KINDS or not segment.prompts:
                continue
            notes = [n for n in record.notes if n.segment_id == segment.id]
            assert {n.visibility for n in notes} == set(Visibility), segment.id
            assert {n.author_kind for n in notes} == set(AuthorKind), segment.id


def test_a_breakout_split_with_prompts_and_room_notes(records: list[RunRecord]) -> None:
    rooms = [room for record in records for room in record.rooms]
    assert len(rooms) >= 2 and all(room.prompt and room.member_ids for room in rooms)
    room_ids = {room.id for room in rooms}
    assert {n.room_id for r in records for n in r.notes if n.room_id} == room_ids


def test_table_rows_qa_feedback_speaking_and_sharing(
    records: list[RunRecord], shipped: tuple[Module, ...]
) -> None:
    rows = Counter((r.segment_id, r.participant_id) for rec in records for r in rec.table_rows)
    assert rows and max(rows.values()) >= 2
    questions = [q for record in records for q in record.questions]
    assert {q.answered_when for q in questions} == {AnsweredWhen.LIVE, AnsweredWhen.AFTER, None}
    for record in records:
        assert {f.kind for f in record.feedback} == set(FeedbackKind)
        assert any(f.participant_id for f in record.feedback if f.kind is FeedbackKind.TAKEAWAY)
        assert sum(record.speaking_counts.values()) > 0
    for module, record in zip(shipped, records, strict=True):
        sharing = any(s.kind is SegmentKind.ASSIGNMENT_SHARING for s in module.segments)
        assert bool(record.sharing_turns) == sharing
        if sharing:
            positions = [t.position for t in record.sharing_turns]
            assert positions == sorted(positions)
            assert {t.has_shared for t in record.sharing_turns} == {True, False}


def test_assignments_in_every_state_with_every_field_kind_filled(
    store: Store, demo: int, shipped: tuple[Module, ...]
) -> None:
    overview = cohort_overview(store, demo)
    states = Counter(mark.state for row in overview.rows for mark in row.assignments)
    assert set(states) == set(AssignmentState)
    assert states[AssignmentState.IMPORTED] == 1
    modules = {m.id: m for m in shipped}
    kinds_answered = set()
    with store.session_factory() as s:
        responses = s.scalars(select(AssignmentResponse)).all()
        assert {r.module_id for r in responses} == set(modules)
        for response in responses:
            assignment = modules[response.module_id].assignment
            assert assignment is not None
            assert validate_answers(assignment, response.values) == []
            kinds = {f.id: f.kind for f in assignment.fields}
            kinds_answered |= {kinds[key] for key in response.values}
            assert response.history[-1].version == response.version
        assert sorted(len(r.history) for r in responses)[-2:] == [1, 2]
        assert {r.status for r in responses} == set(ResponseStatus)
    used = {f.kind for m in shipped if m.assignment for f in m.assignment.fields}
    assert kinds_answered == used
    assert FieldKind.PICK_VALUES in used


def test_a_concern_acknowledgements_and_messages(store: Store, demo: int) -> None:
    with store.session_factory() as s:
        [concern] = s.scalars(select(Concern)).all()
        assert concern.status is ConcernStatus.IN_PROGRESS
        assert concern.handler == "Jonas Berg" and concern.raised_by_id is not None
        acknowledged = s.scalars(select(Acknowledgement)).all()
        roster = s.scalar(select(func.count()).select_from(Participant))
        assert roster is not None and roster / 2 < len(acknowledged) < roster
        assert {a.how for a in acknowledged} == {"call", "app"}
        kinds = Counter(m.kind for m in s.scalars(select(MessageLog)))
        assert kinds == {"invitation": 1, "reminder": 4, "follow_up": 4}


def test_asking_again_changes_nothing(store: Store, demo: int, records: list[RunRecord]) -> None:
    again = create_shipped_demo_cohort(store)
    assert (again.cohort_id, again.created) == (demo, False)
    assert [c.name for c in list_cohorts(store)] == [DEMO_COHORT_NAME]
    assert [load_run(store, r.run.id) for r in records] == records


def test_the_demo_is_the_same_every_time(
    new_store: Callable[[str], Store], records: list[RunRecord], shipped: tuple[Module, ...]
) -> None:
    other = new_store("again.sqlite")
    result = create_demo_cohort(other, shipped)
    again = [load_run(other, s.run.id) for s in cohort_overview(other, result.cohort_id).runs]
    assert again == records


# ------------------------------------------------------------------ what the demo says


def test_each_session_asks_its_own_questions(
    records: list[RunRecord], shipped: tuple[Module, ...]
) -> None:
    asked = [{q.question for q in record.questions} for record in records]
    for one, other in combinations(asked, 2):
        assert not one & other
    assert all("template for the origin-story" not in question for question in asked[3]), (
        "Session 4 asks about its own topic, not Session 1's"
    )


def test_every_shipped_prompt_has_answers_of_its_own(shipped: tuple[Module, ...]) -> None:
    for module in shipped:
        for segment in module.segments:
            if segment.kind not in NOTE_KINDS:
                continue
            for prompt in segment.prompts:
                stock = PROMPT_ANSWERS[module.id].get(prompt.id, ())
                personal = personal_answer(module, prompt.id, PEOPLE[0])
                assert len(set(stock)) >= 4 or personal, (module.id, prompt.id)


def test_notes_under_prompts_are_never_the_generic_stock(records: list[RunRecord]) -> None:
    generic = {
        in_their_words(template, person) for template in GENERIC_ANSWERS for person in PEOPLE
    }
    written = [n.text for record in records for n in record.notes if n.prompt_id]
    assert written and not generic & set(written)


def test_everyone_has_their_own_information_map_stakeholders_and_mountain(
    store: Store, demo: int, shipped: tuple[Module, ...]
) -> None:
    with store.session_factory() as s:
        answers = [r.values for r in s.scalars(select(AssignmentResponse))]
    maps = [a["information-map"] for a in answers if "information-map" in a]
    mountains = [a["mountain"] for a in answers if "mountain" in a]
    stakeholders = [a["stakeholder-map"] for a in answers if "stakeholder-map" in a]
    for answered in (maps, mountains, stakeholders):
        assert len(answered) >= 5
        assert len({repr(value) for value in answered}) == len(answered)
    for mountain in mountains:
        assert len({band["moves_up"] for band in mountain}) == len(mountain)
        assert all(band["who"] and band["band"].lower() not in band["who"] for band in mountain)


def test_the_sharing_round_notes_what_each_person_shared(
    records: list[RunRecord], shipped: tuple[Module, ...]
) -> None:
    rounds = 0
    for module, record in zip(shipped, records, strict=True):
        sharing = {s.id for s in module.segments if s.kind is SegmentKind.ASSIGNMENT_SHARING}
        if not sharing:
            continue
        rounds += 1
        notes = [n for n in record.notes if n.segment_id in sharing]
        assert all(n.author_kind is AuthorKind.PARTICIPANT and n.text.strip() for n in notes)
        shared = [t.participant_id for t in record.sharing_turns if t.has_shared]
        assert sorted(n.participant_id for n in notes if n.participant_id) == sorted(shared)
        assert all(len(n.text.splitlines()) >= 2 for n in notes), "a few lines per person"
    assert rounds == 3
