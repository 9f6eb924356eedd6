"""Storing an import's preview (``import_preview``) in one transaction, with the facilitator's
decisions about names nobody on the roster has: everything, or on any error nothing.

Not calling :func:`apply_preview` is how an import is cancelled.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cofacilitator.cohorts import ParticipantView
from cofacilitator.import_preview import (
    Author,
    Decision,
    ImportPreview,
    Proposal,
    ProposedFeedback,
    ProposedNote,
    ProposedQuestion,
    ProposedRollCall,
    ProposedRow,
    decided_names,
    existing_keys,
    plan_proposals,
    session_run,
)
from cofacilitator.name_matching import MatchStatus, name_key, tidy_name
from cofacilitator.store.database import Store
from cofacilitator.store.models import (
    Attendance,
    AttendanceStatus,
    AuthorKind,
    FeedbackItem,
    Note,
    NoteSource,
    Participant,
    QAEntry,
    SessionRun,
    TableRow,
    Visibility,
    utcnow,
)

WALK_IN_NAME_LIMIT = 200


@dataclass(frozen=True)
class ImportResult:
    """What one import stored, for the UI to announce."""

    run_id: int
    notes_added: int
    rows_added: int
    feedback_added: int
    questions_added: int
    roll_call_added: int
    skipped: int
    walk_ins: tuple[ParticipantView, ...]

    @property
    def added(self) -> int:
        return (
            self.notes_added
            + self.rows_added
            + self.feedback_added
            + self.questions_added
            + self.roll_call_added
        )


def apply_preview(
    store: Store, preview: ImportPreview, decisions: Mapping[str, Decision | str] | None = None
) -> ImportResult:
    """Store the preview in one transaction: everything or, on any error, nothing.

    ``decisions`` maps unknown names (as the preview lists them; spelling and accents aside) to
    ``"walk_in"`` or ``"anonymous"``; a name left out is kept anonymous. What the store gained
    since the preview is checked again, so nothing is added twice. Raises ``ValueError`` for a
    decision about a name the preview does not list, or when the roster lost someone the preview
    matched.
    """
    decided = decided_names(preview, decisions or {})
    with store.session_factory() as s, s.begin():
        run = session_run(s, preview.run_id)
        if run.cohort_id != preview.cohort_id:
            raise ValueError("the session belongs to another cohort than the preview")
        _check_people(s, preview)
        walk_ins: dict[str, Participant] = {}
        for key, decision in decided.items():
            if decision is Decision.WALK_IN:
                written = next(n for n in preview.unknown_names if name_key(n) == key)
                person = Participant(
                    cohort_id=run.cohort_id,
                    display_name=tidy_name(written)[:WALK_IN_NAME_LIMIT],
                    is_walk_in=True,
                )
                s.add(person)
                walk_ins[key] = person
        s.flush()
        plan = plan_proposals(preview.proposals, decided, frozenset(existing_keys(s, run.id)))
        writer = _Writer(s, run, preview.source, {k: p.id for k, p in walk_ins.items()})
        for proposal in plan.added:
            writer.add(proposal)
        s.flush()
        return ImportResult(
            run_id=run.id,
            notes_added=writer.counts[ProposedNote],
            rows_added=writer.counts[ProposedRow],
            feedback_added=writer.counts[ProposedFeedback],
            questions_added=writer.counts[ProposedQuestion],
            roll_call_added=writer.counts[ProposedRollCall],
            skipped=len(plan.skipped),
            walk_ins=tuple(ParticipantView.of(p) for p in walk_ins.values()),
        )


def _check_people(s: Session, preview: ImportPreview) -> None:
    wanted = {
        p.author.participant_id for p in preview.proposals if p.author.participant_id is not None
    }
    if not wanted:
        return
    present = set(
        s.scalars(
            select(Participant.id).where(
                Participant.id.in_(wanted), Participant.cohort_id == preview.cohort_id
            )
        )
    )
    if present != wanted:
        raise ValueError("the roster changed since the preview; preview the document again")


class _Writer:
    """Adds planned proposals to the open transaction, counting them by kind."""

    def __init__(
        self, s: Session, run: SessionRun, source: NoteSource, walk_ins: Mapping[str, int]
    ) -> None:
        self.s = s
        self.run = run
        self.source = source
        self.walk_ins = walk_ins
        self.now = utcnow()
        self.counts: dict[type, int] = dict.fromkeys(
            (ProposedNote, ProposedRow, ProposedFeedback, ProposedQuestion, ProposedRollCall), 0
        )
        self.positions: dict[str, int] = {}

    def person(self, author: Author) -> int | None:
        if author.status is MatchStatus.PERSON:
            return author.participant_id
        if author.status is MatchStatus.UNKNOWN:
            return self.walk_ins.get(name_key(author.written))
        return None

    def add(self, proposal: Proposal) -> None:
        participant_id = self.person(proposal.author)
        self.counts[type(proposal)] += 1
        if isinstance(proposal, ProposedNote):
            if participant_id is not None:
                kind = AuthorKind.PARTICIPANT
            elif proposal.author.status is MatchStatus.FACILITATOR:
                kind = AuthorKind.FACILITATOR
            else:
                kind = AuthorKind.ANONYMOUS
            self.s.add(
                Note(
                    run_id=self.run.id,
                    segment_id=proposal.segment_id,
                    prompt_id=proposal.prompt_id,
                    author_kind=kind,
                    participant_id=participant_id,
                    text=proposal.text,
                    visibility=Visibility.SHARED,
                    source=self.source,
                    created_at=self.now,
                    edited_at=self.now,
                )
            )
        elif isinstance(proposal, ProposedRow):
            self.s.add(
                TableRow(
                    run_id=self.run.id,
                    segment_id=proposal.segment_id,
                    participant_id=participant_id,
                    position=self._next_position(proposal.segment_id),
                    cells=dict(zip(proposal.columns, proposal.cells, strict=True)),
                    visibility=Visibility.SHARED,
                    edited_at=self.now,
                )
            )
        elif isinstance(proposal, ProposedFeedback):
            self.s.add(
                FeedbackItem(
                    run_id=self.run.id,
                    kind=proposal.kind.value,
                    text=proposal.text,
                    participant_id=participant_id,
                    created_at=self.now,
                )
            )
        elif isinstance(proposal, ProposedQuestion):
            self.s.add(
                QAEntry(
                    run_id=self.run.id,
                    segment_id=proposal.segment_id,
                    question=proposal.text,
                    asked_by_id=participant_id,
                    visibility=Visibility.SHARED,
                    created_at=self.now,
                    edited_at=self.now,
                )
            )
        else:
            self._roll_call(participant_id, proposal.answer)

    def _next_position(self, segment_id: str) -> int:
        if segment_id not in self.positions:
            last = self.s.scalar(
                select(func.max(TableRow.position)).where(
                    TableRow.run_id == self.run.id, TableRow.segment_id == segment_id
                )
            )
            self.positions[segment_id] = -1 if last is None else last
        self.positions[segment_id] += 1
        return self.positions[segment_id]

    def _roll_call(self, participant_id: int | None, answer: str) -> None:
        if participant_id is None:
            return
        row = self.s.scalar(
            select(Attendance).where(
                Attendance.run_id == self.run.id, Attendance.participant_id == participant_id
            )
        )
        if row is None:
            # Someone who wrote their roll-call line was at the call.
            row = Attendance(
                run_id=self.run.id, participant_id=participant_id, status=AttendanceStatus.PRESENT
            )
            self.s.add(row)
        row.answer = answer
