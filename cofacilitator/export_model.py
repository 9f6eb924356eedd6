"""A session run, or a whole cohort, read from the store into plain data ready to print.

The privacy rules are applied here, once, while reading: private and off-the-record rows are never
selected, and every name goes through a :class:`~cofacilitator.pseudonyms.NameBook`. The renderers
get only what may leave the app, so they cannot leak what they never see. Concerns are never read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from cofacilitator import __version__
from cofacilitator.pseudonyms import ANONYMOUS, FACILITATOR, NameBook, Person
from cofacilitator.sessions.schema import (
    FeedbackKind,
    FieldKind,
    Module,
    Prompt,
    Segment,
    SegmentKind,
)
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


class ModuleLookup(Protocol):
    """Anything that finds a module by id: the catalog, or a plain dict in tests."""

    def get(self, module_id: str, /) -> Module | None: ...


class ExportError(LookupError):
    """What was asked for cannot be exported; the message is meant for the facilitator."""


def default_generated_by() -> str:
    return f"cofacilitator {__version__}"


@dataclass(frozen=True)
class Line:
    """One "Name / answer" line."""

    author: str
    text: str


@dataclass(frozen=True)
class PromptNotes:
    prompt: Prompt
    notes: tuple[Line, ...]


@dataclass(frozen=True)
class RoomNotes:
    name: str
    prompt: str
    members: tuple[str, ...]
    notes: tuple[Line, ...]


@dataclass(frozen=True)
class RollCallLine:
    name: str
    answer: str
    emoji: str
    picked: tuple[str, ...] = ()
    """Values picked through the roll-call form (Session 4); ``defined`` is the one described."""
    defined: str = ""
    definition: str = ""
    example: str = ""


@dataclass(frozen=True)
class TableEntry:
    author: str
    cells: tuple[str, ...]
    """In the order of the segment's columns."""


@dataclass(frozen=True)
class Question:
    text: str
    asked_by: str
    answer: str
    answered_by: str
    answered_when: AnsweredWhen | None


@dataclass(frozen=True)
class FeedbackList:
    kind: FeedbackKind
    items: tuple[str, ...]


@dataclass(frozen=True)
class SegmentNotes:
    """One segment with everything recorded in it that may be shared."""

    segment: Segment
    prompts: tuple[PromptNotes, ...] = ()
    other_notes: tuple[Line, ...] = ()
    """Notes under no prompt of the segment (and in no room): the sharing round's notes, say."""
    rooms: tuple[RoomNotes, ...] = ()
    roll_call: tuple[RollCallLine, ...] = ()
    sharers: tuple[str, ...] = ()
    table: tuple[TableEntry, ...] = ()
    questions: tuple[Question, ...] = ()
    feedback: tuple[FeedbackList, ...] = ()


@dataclass(frozen=True)
class SessionNotes:
    module: Module
    cohort_name: str
    scheduled_date: date | None
    start_time: str
    timezone: str
    facilitators: tuple[str, ...]
    attended: int
    enrolled: int
    segments: tuple[SegmentNotes, ...]
    """In module order, skipped segments left out."""


@dataclass(frozen=True)
class AppliedRules:
    """What the privacy rules changed, for the note at the top of every export."""

    pseudonymized: int
    pseudonymize_all: bool


@dataclass(frozen=True)
class SessionExport:
    session: SessionNotes
    rules: AppliedRules
    generated_by: str


class AttendanceMark(StrEnum):
    PRESENT = "present"
    LATE = "late"
    LEFT_EARLY = "left early"
    ABSENT = "absent"
    LEFT_AND_CAME_BACK = "left and came back"
    NOT_RECORDED = "not recorded"
    """The session has no attendance yet."""
    WITHDRAWN = "withdrawn"
    NOT_YET_JOINED = "not yet joined"
    """A walk-in, for the sessions before they first came."""

    @property
    def attended(self) -> bool:
        return self in (
            AttendanceMark.PRESENT,
            AttendanceMark.LATE,
            AttendanceMark.LEFT_EARLY,
            AttendanceMark.LEFT_AND_CAME_BACK,
        )

    @property
    def on_roster(self) -> bool:
        return self not in (AttendanceMark.WITHDRAWN, AttendanceMark.NOT_YET_JOINED)


class AssignmentMark(StrEnum):
    SUBMITTED = "submitted"
    IMPORTED = "submitted (file)"
    DRAFT = "draft"
    NONE = "none"


@dataclass(frozen=True)
class CohortRow:
    name: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class CohortExport:
    cohort_name: str
    facilitators: tuple[str, ...]
    session_labels: tuple[str, ...]
    """Column headers of the attendance table, one per session run."""
    attendance: tuple[CohortRow, ...]
    assignment_labels: tuple[str, ...]
    """Column headers of the assignment table: the sessions that set an assignment."""
    assignments: tuple[CohortRow, ...]
    sessions: tuple[SessionNotes, ...]
    rules: AppliedRules
    generated_by: str


def find_cohort_id(s: Session, name: str) -> int | None:
    """Cohort names are unique, so a name typed on the command line finds one cohort."""
    return s.scalar(select(Cohort.id).where(Cohort.name == name))


def build_session_export(
    s: Session,
    modules: ModuleLookup,
    run_id: int,
    *,
    pseudonymize: bool = False,
    generated_by: str | None = None,
) -> SessionExport:
    run = s.get(SessionRun, run_id)
    if run is None:
        raise ExportError(f"There is no session run {run_id}.")
    cohort = s.get_one(Cohort, run.cohort_id)
    module = _module_of(modules, run)
    roster = _roster(s, cohort.id)
    names = _name_book(s, cohort.id, pseudonymize)
    reader = _RunReader(s, [run])
    session = reader.session_notes(run, module, cohort, names, roster)
    return SessionExport(
        session,
        AppliedRules(names.pseudonyms_used, pseudonymize),
        generated_by or default_generated_by(),
    )


def build_cohort_export(
    s: Session,
    modules: ModuleLookup,
    cohort_id: int,
    *,
    pseudonymize: bool = False,
    generated_by: str | None = None,
) -> CohortExport:
    cohort = s.get(Cohort, cohort_id)
    if cohort is None:
        raise ExportError(f"There is no cohort {cohort_id}.")
    runs = list(
        s.scalars(
            select(SessionRun)
            .where(SessionRun.cohort_id == cohort_id)
            .order_by(SessionRun.module_number, SessionRun.id)
        )
    )
    run_modules = [(run, _module_of(modules, run)) for run in runs]
    names = _name_book(s, cohort_id, pseudonymize)
    reader = _RunReader(s, runs)
    roster = _roster(s, cohort_id)
    sessions = tuple(
        reader.session_notes(run, module, cohort, names, roster) for run, module in run_modules
    )
    attendance = _attendance_rows(roster, runs, reader, names)
    with_assignment = [(run, module) for run, module in run_modules if module.assignment]
    assignments = _assignment_rows(
        s, [member.id for member in roster], [m for _, m in with_assignment], names
    )
    return CohortExport(
        cohort_name=cohort.name,
        facilitators=_facilitator_names(cohort),
        session_labels=tuple(f"Session {run.module_number}" for run in runs),
        attendance=attendance,
        assignment_labels=tuple(f"Session {m.number}" for _, m in with_assignment),
        assignments=assignments,
        sessions=sessions,
        rules=AppliedRules(names.pseudonyms_used, pseudonymize),
        generated_by=generated_by or default_generated_by(),
    )


def _module_of(modules: ModuleLookup, run: SessionRun) -> Module:
    module = modules.get(run.module_id)
    if module is None:
        raise ExportError(
            f"Session {run.module_number} uses the module '{run.module_id}', which is not "
            "installed: add its module file to export this session."
        )
    return module


@dataclass(frozen=True)
class _Member:
    id: int
    joined: date
    walk_in: bool
    withdrawn: date | None

    def missing_mark(self, day: date | None, *, held: bool) -> AttendanceMark:
        """What having no attendance row for a session on ``day`` means for this person."""
        if day is not None:
            if self.withdrawn is not None and self.withdrawn < day:
                return AttendanceMark.WITHDRAWN
            # Only walk-ins: a roster typed in after the first sessions must not make everyone
            # "not yet joined" for them.
            if self.walk_in and self.joined > day:
                return AttendanceMark.NOT_YET_JOINED
        elif self.withdrawn is not None:
            return AttendanceMark.WITHDRAWN
        return AttendanceMark.ABSENT if held else AttendanceMark.NOT_RECORDED


def _roster(s: Session, cohort_id: int) -> list[_Member]:
    rows = s.execute(
        select(
            Participant.id,
            Participant.created_at,
            Participant.is_walk_in,
            Participant.withdrawn_at,
        )
        .where(Participant.cohort_id == cohort_id)
        .order_by(Participant.id)
    )
    return [
        _Member(pid, created.date(), walk_in, withdrawn.date() if withdrawn else None)
        for pid, created, walk_in, withdrawn in rows
    ]


def _name_book(s: Session, cohort_id: int, pseudonymize: bool) -> NameBook:
    rows = s.execute(
        select(
            Participant.id,
            Participant.display_name,
            Participant.consent_named,
            Participant.handles,
            Participant.email,
        ).where(Participant.cohort_id == cohort_id)
    )
    return NameBook((Person(*row) for row in rows), pseudonymize_all=pseudonymize)


def _facilitator_names(cohort: Cohort) -> tuple[str, ...]:
    names = []
    for entry in cohort.facilitators or []:
        name = str(entry.get("name", "")).strip() if isinstance(entry, dict) else str(entry)
        if name:
            names.append(name)
    return tuple(names)


class _RunReader:
    """Everything shareable about a set of runs, read with one query per table.

    Reading all four runs of a cohort at once keeps a whole-cohort export to a handful of queries
    however many notes it holds; plain column tuples keep it fast on a large archive.
    """

    def __init__(self, s: Session, runs: Sequence[SessionRun]) -> None:
        run_ids = [run.id for run in runs]
        self.notes: dict[tuple[int, str], list[Any]] = defaultdict(list)
        for row in s.execute(
            select(
                Note.run_id,
                Note.segment_id,
                Note.prompt_id,
                Note.room_id,
                Note.author_kind,
                Note.participant_id,
                Note.text,
            )
            .where(Note.run_id.in_(run_ids), Note.visibility == Visibility.SHARED)
            .order_by(Note.created_at, Note.id)
        ):
            self.notes[(row.run_id, row.segment_id)].append(row)
        self.rooms: dict[int, list[Any]] = defaultdict(list)
        for row in s.execute(
            select(
                BreakoutRoom.id,
                BreakoutRoom.run_id,
                BreakoutRoom.segment_id,
                BreakoutRoom.name,
                BreakoutRoom.prompt,
            )
            .where(BreakoutRoom.run_id.in_(run_ids))
            .order_by(BreakoutRoom.position, BreakoutRoom.id)
        ):
            self.rooms[row.run_id].append(row)
        self.members: dict[int, list[int]] = defaultdict(list)
        room_ids = [room.id for rooms in self.rooms.values() for room in rooms]
        if room_ids:
            for room_id, participant_id in s.execute(
                select(BreakoutMember.room_id, BreakoutMember.participant_id)
                .where(BreakoutMember.room_id.in_(room_ids))
                .order_by(BreakoutMember.id)
            ):
                self.members[room_id].append(participant_id)
        self.attendance: dict[int, list[Any]] = defaultdict(list)
        for row in s.execute(
            select(
                Attendance.id,
                Attendance.run_id,
                Attendance.participant_id,
                Attendance.status,
                Attendance.answer,
                Attendance.emoji,
                Attendance.answer_values,
            )
            .where(Attendance.run_id.in_(run_ids))
            .order_by(Attendance.participant_id)
        ):
            self.attendance[row.run_id].append(row)
        self.came_back: set[int] = set(
            s.scalars(
                select(AttendanceEvent.attendance_id)
                .join(Attendance, Attendance.id == AttendanceEvent.attendance_id)
                .where(Attendance.run_id.in_(run_ids), AttendanceEvent.kind == "returned")
            )
        )
        self.sharing: dict[int, list[int]] = defaultdict(list)
        for run_id, participant_id in s.execute(
            select(SharingTurn.run_id, SharingTurn.participant_id)
            .where(SharingTurn.run_id.in_(run_ids), SharingTurn.shared_at.is_not(None))
            .order_by(SharingTurn.position, SharingTurn.id)
        ):
            self.sharing[run_id].append(participant_id)
        self.table_rows: dict[int, list[Any]] = defaultdict(list)
        for row in s.execute(
            select(TableRow.run_id, TableRow.segment_id, TableRow.participant_id, TableRow.cells)
            .where(TableRow.run_id.in_(run_ids), TableRow.visibility == Visibility.SHARED)
            .order_by(TableRow.position, TableRow.id)
        ):
            self.table_rows[row.run_id].append(row)
        self.questions: dict[int, list[Any]] = defaultdict(list)
        for row in s.execute(
            select(
                QAEntry.run_id,
                QAEntry.segment_id,
                QAEntry.question,
                QAEntry.asked_by_id,
                QAEntry.answer,
                QAEntry.answered_by,
                QAEntry.answered_when,
            )
            .where(QAEntry.run_id.in_(run_ids), QAEntry.visibility == Visibility.SHARED)
            .order_by(QAEntry.created_at, QAEntry.id)
        ):
            self.questions[row.run_id].append(row)
        self.feedback: dict[int, list[Any]] = defaultdict(list)
        for run_id, kind, text in s.execute(
            select(FeedbackItem.run_id, FeedbackItem.kind, FeedbackItem.text)
            .where(FeedbackItem.run_id.in_(run_ids))
            .order_by(FeedbackItem.created_at, FeedbackItem.id)
        ):
            self.feedback[run_id].append((kind, text))

    def session_notes(
        self,
        run: SessionRun,
        module: Module,
        cohort: Cohort,
        names: NameBook,
        roster: Sequence[_Member],
    ) -> SessionNotes:
        skipped = set(run.skipped_segments or [])
        segment_ids = {segment.id for segment in module.segments}
        first_qa = _first_of_kind(module, SegmentKind.QA)
        first_feedback = _first_of_kind(module, SegmentKind.FEEDBACK)
        segments = tuple(
            self._segment_notes(
                run.id,
                segment,
                names,
                stray_questions=segment.id == first_qa,
                takes_feedback=segment.id == first_feedback,
                segment_ids=segment_ids,
            )
            for segment in module.segments
            if not (segment.optional and segment.id in skipped)
        )
        attended = sum(
            1 for row in self.attendance[run.id] if row.status != AttendanceStatus.ABSENT
        )
        return SessionNotes(
            module=module,
            cohort_name=cohort.name,
            scheduled_date=run.scheduled_date,
            start_time=run.start_time,
            timezone=run.timezone or cohort.timezone,
            facilitators=_facilitator_names(cohort),
            attended=attended,
            enrolled=sum(
                1
                for member in roster
                if member.missing_mark(run.scheduled_date, held=True).on_roster
            ),
            segments=segments,
        )

    def _segment_notes(
        self,
        run_id: int,
        segment: Segment,
        names: NameBook,
        *,
        stray_questions: bool,
        takes_feedback: bool,
        segment_ids: set[str],
    ) -> SegmentNotes:
        # One pass sorts the segment's notes into the lists they print in, keeping their order.
        listed = (
            set()
            if segment.kind in (SegmentKind.ROLL_CALL, SegmentKind.ASSIGNMENT_SHARING)
            else {prompt.id for prompt in segment.prompts}
        )
        by_prompt: dict[str, list[Line]] = {prompt_id: [] for prompt_id in listed}
        by_room: dict[int, list[Line]] = defaultdict(list)
        other: list[Line] = []
        for note in self.notes[(run_id, segment.id)]:
            if note.room_id is not None:
                by_room[note.room_id].append(_line(note, names))
            elif note.prompt_id in listed:
                by_prompt[note.prompt_id].append(_line(note, names))
            else:
                other.append(_line(note, names))
        prompts = tuple(
            PromptNotes(prompt, tuple(by_prompt[prompt.id]))
            for prompt in segment.prompts
            if prompt.id in listed
        )
        rooms = tuple(
            RoomNotes(
                name=names.scrubbed(room.name),
                prompt=names.scrubbed(room.prompt),
                members=tuple(names.name(pid) for pid in self.members[room.id]),
                notes=tuple(by_room[room.id]),
            )
            for room in self.rooms[run_id]
            if room.segment_id == segment.id
        )
        return SegmentNotes(
            segment=segment,
            prompts=prompts,
            other_notes=tuple(other),
            rooms=rooms,
            roll_call=self._roll_call(run_id, segment, names),
            sharers=tuple(names.name(pid) for pid in self.sharing[run_id])
            if segment.kind is SegmentKind.ASSIGNMENT_SHARING
            else (),
            table=self._table(run_id, segment, names),
            questions=tuple(
                _question(q, names)
                for q in self.questions[run_id]
                if q.segment_id == segment.id
                or (stray_questions and q.segment_id not in segment_ids)
            ),
            feedback=self._feedback(run_id, names) if takes_feedback else (),
        )

    def _roll_call(
        self, run_id: int, segment: Segment, names: NameBook
    ) -> tuple[RollCallLine, ...]:
        if segment.kind is not SegmentKind.ROLL_CALL:
            return ()
        field = segment.answer
        lines = []
        for row in self.attendance[run_id]:
            values: Any = (row.answer_values or {}).get(field.id) if field else None
            answered = bool(row.answer.strip() or row.emoji.strip() or values)
            if row.status == AttendanceStatus.ABSENT and not answered:
                continue
            picked: tuple[str, ...] = ()
            defined = definition = example = ""
            if (
                field is not None
                and field.kind is FieldKind.PICK_VALUES
                and isinstance(values, dict)
            ):
                picked = tuple(
                    names.scrubbed(str(v)) for v in values.get("picked", []) if str(v).strip()
                )
                defined = names.scrubbed(str(values.get("defined", "")))
                definition = names.scrubbed(str(values.get("definition", "")))
                example = names.scrubbed(str(values.get("example", "")))
            answer = names.own_answer(row.participant_id, row.answer)
            if picked and _words(answer) == _words(", ".join(picked)):
                answer = ""  # the picked values, typed out again: printed once is enough
            emoji = row.emoji.strip()
            lines.append(
                RollCallLine(
                    name=names.name(row.participant_id),
                    answer=answer,
                    # Answering as the shared document shows it puts the emoji in the answer.
                    emoji="" if emoji and answer.rstrip().endswith(emoji) else emoji,
                    picked=picked,
                    defined=defined,
                    definition=definition,
                    example=example,
                )
            )
        return tuple(lines)

    def _table(self, run_id: int, segment: Segment, names: NameBook) -> tuple[TableEntry, ...]:
        if segment.kind is not SegmentKind.FILL_IN_TABLE:
            return ()
        return tuple(
            TableEntry(
                author=names.name(row.participant_id),
                cells=tuple(
                    names.scrubbed(str((row.cells or {}).get(column, "") or ""))
                    for column in segment.columns
                ),
            )
            for row in self.table_rows[run_id]
            if row.segment_id == segment.id
        )

    def _feedback(self, run_id: int, names: NameBook) -> tuple[FeedbackList, ...]:
        by_kind: dict[str, list[str]] = defaultdict(list)
        for kind, text in self.feedback[run_id]:
            if text.strip():
                by_kind[kind].append(names.scrubbed(text))
        return tuple(FeedbackList(kind, tuple(by_kind[kind.value])) for kind in FeedbackKind)


def _words(text: str) -> list[str]:
    return text.replace(",", " ").lower().split()


def _first_of_kind(module: Module, kind: SegmentKind) -> str | None:
    return next((segment.id for segment in module.segments if segment.kind is kind), None)


def _line(note: Any, names: NameBook) -> Line:
    if note.author_kind == AuthorKind.FACILITATOR:
        author = FACILITATOR
    elif note.author_kind == AuthorKind.PARTICIPANT:
        author = names.name(note.participant_id)
    else:
        author = ANONYMOUS
    return Line(author, names.scrubbed(note.text))


def _question(row: Any, names: NameBook) -> Question:
    return Question(
        text=names.scrubbed(row.question),
        asked_by=names.name(row.asked_by_id),
        answer=names.scrubbed(row.answer),
        answered_by=names.named_by_hand(row.answered_by.strip()),
        answered_when=row.answered_when,
    )


def _attendance_rows(
    roster: Sequence[_Member], runs: Sequence[SessionRun], reader: _RunReader, names: NameBook
) -> tuple[CohortRow, ...]:
    marks: dict[tuple[int, int], AttendanceMark] = {}
    for run in runs:
        for row in reader.attendance[run.id]:
            marks[(run.id, row.participant_id)] = _attendance_mark(
                row.status, row.id in reader.came_back
            )
    held = {run.id for run in runs if reader.attendance[run.id]}
    return tuple(
        CohortRow(
            names.name(member.id),
            tuple(
                marks.get(
                    (run.id, member.id),
                    member.missing_mark(run.scheduled_date, held=run.id in held),
                ).value
                for run in runs
            ),
        )
        for member in roster
    )


def _attendance_mark(status: AttendanceStatus, came_back: bool) -> AttendanceMark:
    if status == AttendanceStatus.ABSENT:
        return AttendanceMark.ABSENT
    if came_back:
        return AttendanceMark.LEFT_AND_CAME_BACK
    return {
        AttendanceStatus.PRESENT: AttendanceMark.PRESENT,
        AttendanceStatus.LATE: AttendanceMark.LATE,
        AttendanceStatus.LEFT_EARLY: AttendanceMark.LEFT_EARLY,
    }[status]


def _assignment_rows(
    s: Session, roster: Sequence[int], modules: Iterable[Module], names: NameBook
) -> tuple[CohortRow, ...]:
    module_ids = [module.id for module in modules]
    statuses: dict[tuple[int, str], ResponseStatus] = {}
    if module_ids and roster:
        for participant_id, module_id, status in s.execute(
            select(
                AssignmentResponse.participant_id,
                AssignmentResponse.module_id,
                AssignmentResponse.status,
            ).where(
                AssignmentResponse.participant_id.in_(list(roster)),
                AssignmentResponse.module_id.in_(module_ids),
            )
        ):
            statuses[(participant_id, module_id)] = status
    marks = {
        ResponseStatus.SUBMITTED: AssignmentMark.SUBMITTED,
        ResponseStatus.IMPORTED: AssignmentMark.IMPORTED,
        ResponseStatus.DRAFT: AssignmentMark.DRAFT,
    }
    return tuple(
        CohortRow(
            names.name(participant_id),
            tuple(
                marks[statuses[(participant_id, module_id)]].value
                if (participant_id, module_id) in statuses
                else AssignmentMark.NONE.value
                for module_id in module_ids
            ),
        )
        for participant_id in roster
    )
