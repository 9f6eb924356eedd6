"""Notes: the "Name / answer" lines written under a prompt during a session, and after it.

A note is saved the moment the facilitator (or a participant) stops typing, in its own short
transaction, and is editable at any time, including after the run ended: answers given "through
the notes" arrive days later. Visibility is chosen per note, because people speak more freely when
they know a line will never leave the app (``private``) or never be kept as a quote
(``off_record``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cofacilitator.store.database import Store, delete_returning
from cofacilitator.store.models import (
    AuthorKind,
    BreakoutRoom,
    Note,
    NoteSource,
    Participant,
    SessionRun,
    Visibility,
    utcnow,
)


@dataclass(frozen=True)
class NoteView:
    id: int
    run_id: int
    segment_id: str
    prompt_id: str
    room_id: int | None
    author_kind: AuthorKind
    participant_id: int | None
    text: str
    visibility: Visibility
    source: NoteSource
    created_at: datetime
    edited_at: datetime

    @classmethod
    def of(cls, note: Note) -> NoteView:
        return cls(
            id=note.id,
            run_id=note.run_id,
            segment_id=note.segment_id,
            prompt_id=note.prompt_id,
            room_id=note.room_id,
            author_kind=note.author_kind,
            participant_id=note.participant_id,
            text=note.text,
            visibility=note.visibility,
            source=note.source,
            created_at=note.created_at,
            edited_at=note.edited_at,
        )


# A session run holds well over a thousand notes; reading their columns straight into views,
# without building ORM objects first, keeps loading a run several times faster.
_VIEW_COLUMNS = (
    Note.id,
    Note.run_id,
    Note.segment_id,
    Note.prompt_id,
    Note.room_id,
    Note.author_kind,
    Note.participant_id,
    Note.text,
    Note.visibility,
    Note.source,
    Note.created_at,
    Note.edited_at,
)
"""In the order of :class:`NoteView`'s fields."""


def add_note(
    store: Store,
    run_id: int,
    segment_id: str,
    text: str,
    *,
    prompt_id: str = "",
    participant_id: int | None = None,
    author_kind: AuthorKind | None = None,
    visibility: Visibility = Visibility.SHARED,
    source: NoteSource = NoteSource.LIVE,
    room_id: int | None = None,
    at: datetime | None = None,
) -> NoteView:
    """Save one note and commit it.

    Without ``author_kind`` a note with a participant is theirs and one without is anonymous; a
    facilitator's own note says ``AuthorKind.FACILITATOR``. A participant from another cohort,
    or a room of another run, is refused rather than silently cross-linked.
    """
    kind = author_kind or (
        AuthorKind.PARTICIPANT if participant_id is not None else AuthorKind.ANONYMOUS
    )
    if kind is AuthorKind.PARTICIPANT and participant_id is None:
        raise ValueError("a participant's note needs the participant")
    if kind is not AuthorKind.PARTICIPANT and participant_id is not None:
        raise ValueError(f"a {kind.value} note names no participant")
    stamp = at or utcnow()
    with store.session_factory() as s, s.begin():
        run = s.get_one(SessionRun, run_id)
        _check_links(s, run, participant_id, room_id)
        note = Note(
            run_id=run_id,
            segment_id=segment_id,
            prompt_id=prompt_id,
            room_id=room_id,
            author_kind=kind,
            participant_id=participant_id,
            text=text,
            visibility=visibility,
            source=source,
            created_at=stamp,
            edited_at=stamp,
        )
        s.add(note)
        s.flush()
        return NoteView.of(note)


def edit_note(
    store: Store,
    note_id: int,
    *,
    text: str | None = None,
    visibility: Visibility | None = None,
    prompt_id: str | None = None,
    at: datetime | None = None,
) -> NoteView:
    """Change what is given; ``None`` keeps it. The edit time moves only on a real change."""
    with store.session_factory() as s, s.begin():
        note = s.get_one(Note, note_id)
        changed = False
        if text is not None and text != note.text:
            note.text = text
            changed = True
        if visibility is not None and visibility != note.visibility:
            note.visibility = visibility
            changed = True
        if prompt_id is not None and prompt_id != note.prompt_id:
            note.prompt_id = prompt_id
            changed = True
        if changed:
            note.edited_at = at or utcnow()
        return NoteView.of(note)


def delete_note(store: Store, note_id: int) -> NoteView:
    """Delete a note and return it as it was, so the UI can offer to put it back."""
    return delete_returning(store, Note, note_id, NoteView.of)


def restore_note(store: Store, note: NoteView) -> NoteView:
    """Put a deleted note back (the undo of :func:`delete_note`), with its original times."""
    with store.session_factory() as s, s.begin():
        run = s.get_one(SessionRun, note.run_id)
        room_id = note.room_id if note.room_id and s.get(BreakoutRoom, note.room_id) else None
        _check_links(s, run, note.participant_id, room_id)
        restored = Note(
            run_id=note.run_id,
            segment_id=note.segment_id,
            prompt_id=note.prompt_id,
            room_id=room_id,
            author_kind=note.author_kind,
            participant_id=note.participant_id,
            text=note.text,
            visibility=note.visibility,
            source=note.source,
            created_at=note.created_at,
            edited_at=note.edited_at,
        )
        s.add(restored)
        s.flush()
        return NoteView.of(restored)


def list_notes(
    store: Store,
    run_id: int,
    *,
    segment_id: str | None = None,
    prompt_id: str | None = None,
    room_id: int | None = None,
    visibilities: Collection[Visibility] | None = None,
) -> list[NoteView]:
    """Notes of a run in the order they were written, narrowed by whatever is given."""
    with store.session_factory() as s:
        return read_notes(s, run_id, segment_id, prompt_id, room_id, visibilities)


def count_notes(store: Store, run_id: int, *, segment_id: str | None = None) -> int:
    with store.session_factory() as s:
        query = select(func.count()).select_from(Note).where(Note.run_id == run_id)
        if segment_id is not None:
            query = query.where(Note.segment_id == segment_id)
        return s.scalar(query) or 0


def read_notes(
    s: Session,
    run_id: int,
    segment_id: str | None = None,
    prompt_id: str | None = None,
    room_id: int | None = None,
    visibilities: Collection[Visibility] | None = None,
) -> list[NoteView]:
    """The query behind :func:`list_notes`, inside a unit of work that reads more than notes."""
    query = select(*_VIEW_COLUMNS).where(Note.run_id == run_id)
    if segment_id is not None:
        query = query.where(Note.segment_id == segment_id)
    if prompt_id is not None:
        query = query.where(Note.prompt_id == prompt_id)
    if room_id is not None:
        query = query.where(Note.room_id == room_id)
    if visibilities is not None:
        query = query.where(Note.visibility.in_(list(visibilities)))
    rows: Iterable[Sequence[Any]] = s.execute(query.order_by(Note.created_at, Note.id))
    return [NoteView(*row) for row in rows]


def _check_links(
    s: Session, run: SessionRun, participant_id: int | None, room_id: int | None
) -> None:
    if participant_id is not None:
        participant = s.get_one(Participant, participant_id)
        if participant.cohort_id != run.cohort_id:
            raise ValueError("that participant belongs to another cohort")
    if room_id is not None:
        room = s.get_one(BreakoutRoom, room_id)
        if room.run_id != run.id:
            raise ValueError("that breakout room belongs to another session")
