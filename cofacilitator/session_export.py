"""One session run read from the store into :class:`SessionExport`: the notes of every segment.

A :class:`RunReader` reads everything shareable about a set of runs with one query per table, so
a whole cohort's export (``cohort_export``) reads its sessions through the same one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cofacilitator.export_model import (
    AppliedRules,
    ExportError,
    FeedbackList,
    Line,
    ModuleLookup,
    PromptNotes,
    Question,
    RollCallLine,
    RoomNotes,
    RosterMember,
    SegmentNotes,
    SessionNotes,
    TableEntry,
    default_generated_by,
    facilitator_names,
    module_of,
    read_name_book,
    read_roster,
)
from cofacilitator.pseudonyms import ANONYMOUS, FACILITATOR, NameBook
from cofacilitator.sessions.schema import FeedbackKind, FieldKind, Module, Segment, SegmentKind
from cofacilitator.store.models import (
    Attendance,
    AttendanceEvent,
    AttendanceStatus,
    AuthorKind,
    BreakoutMember,
    BreakoutRoom,
    Cohort,
    FeedbackItem,
    Note,
    QAEntry,
    SessionRun,
    SharingTurn,
    TableRow,
    Visibility,
)


@dataclass(frozen=True)
class SessionExport:
    session: SessionNotes
    rules: AppliedRules
    generated_by: str


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
    module = module_of(modules, run)
    roster = read_roster(s, cohort.id)
    names = read_name_book(s, cohort.id, pseudonymize)
    reader = RunReader(s, [run])
    session = reader.session_notes(run, module, cohort, names, roster)
    return SessionExport(
        session,
        AppliedRules(names.pseudonyms_used, pseudonymize),
        generated_by or default_generated_by(),
    )


class RunReader:
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
        roster: Sequence[RosterMember],
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
            facilitators=facilitator_names(cohort),
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
