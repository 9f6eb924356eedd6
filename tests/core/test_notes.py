"""Notes under prompts: saved at once, editable later, kept apart by visibility."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from cofacilitator.cohorts import CohortView, ParticipantDetails, add_participant, create_cohort
from cofacilitator.notes import (
    add_note,
    count_notes,
    delete_note,
    edit_note,
    list_notes,
    restore_note,
)
from cofacilitator.runs import RunView, end_run, start_run
from cofacilitator.sessions.schema import Module
from cofacilitator.store.database import Store, open_store
from cofacilitator.store.models import AuthorKind, Note, NoteSource, Visibility


def test_a_saved_note_is_committed_and_visible_from_a_fresh_connection(
    store: Store, runs: list[RunView], people: list[int]
) -> None:
    saved = add_note(
        store, runs[0].id, "discussion", "Trust first", prompt_id="q1", participant_id=people[0]
    )
    elsewhere = open_store(str(store.engine.url), migrate=False)
    try:
        with elsewhere.session_factory() as s:
            note = s.scalars(select(Note)).one()
            assert (note.id, note.text, note.author_kind) == (
                saved.id,
                "Trust first",
                AuthorKind.PARTICIPANT,
            )
    finally:
        elsewhere.dispose()


def test_author_kind_follows_the_participant_unless_said(
    store: Store, runs: list[RunView], people: list[int]
) -> None:
    run = runs[0].id
    assert (
        add_note(store, run, "discussion", "mine", participant_id=people[0]).author_kind
        is AuthorKind.PARTICIPANT
    )
    assert add_note(store, run, "discussion", "nobody's").author_kind is AuthorKind.ANONYMOUS
    facilitator = add_note(store, run, "discussion", "mine too", author_kind=AuthorKind.FACILITATOR)
    assert facilitator.participant_id is None
    with pytest.raises(ValueError, match="needs the participant"):
        add_note(store, run, "discussion", "?", author_kind=AuthorKind.PARTICIPANT)
    with pytest.raises(ValueError, match="anonymous note names no participant"):
        add_note(
            store,
            run,
            "discussion",
            "?",
            participant_id=people[0],
            author_kind=AuthorKind.ANONYMOUS,
        )


def test_notes_are_listed_by_segment_prompt_and_visibility(
    store: Store, runs: list[RunView], people: list[int]
) -> None:
    run = runs[0].id
    base = datetime(2026, 10, 1, 15, 0)
    shared = add_note(store, run, "discussion", "a", prompt_id="q1", at=base)
    private = add_note(
        store, run, "discussion", "b", prompt_id="q2", visibility=Visibility.PRIVATE, at=base
    )
    off = add_note(
        store, run, "table", "c", visibility=Visibility.OFF_RECORD, source=NoteSource.CHAT, at=base
    )
    assert list_notes(store, run) == [shared, private, off]
    assert list_notes(store, run, segment_id="discussion") == [shared, private]
    assert list_notes(store, run, prompt_id="q2") == [private]
    assert list_notes(store, run, visibilities={Visibility.SHARED}) == [shared]
    assert list_notes(store, run, visibilities={Visibility.PRIVATE, Visibility.OFF_RECORD}) == [
        private,
        off,
    ]
    assert off.source is NoteSource.CHAT
    assert count_notes(store, run) == 3 and count_notes(store, run, segment_id="table") == 1
    assert list_notes(store, runs[1].id) == []


def test_editing_after_the_run_ended_keeps_the_note_and_moves_its_edit_time(
    store: Store, runs: list[RunView], modules: tuple[Module, ...]
) -> None:
    run = runs[0].id
    start_run(store, run, modules[0])
    note = add_note(store, run, "discussion", "draft", at=datetime(2026, 10, 1, 15, 5))
    end_run(store, run)
    later = datetime(2026, 10, 3, 9, 0)
    edited = edit_note(store, note.id, text="final", visibility=Visibility.PRIVATE, at=later)
    assert (edited.text, edited.visibility, edited.edited_at) == (
        "final",
        Visibility.PRIVATE,
        later,
    )
    assert edited.created_at == note.created_at
    unchanged = edit_note(store, note.id, text="final", at=datetime(2026, 11, 1))
    assert unchanged.edited_at == later
    assert list_notes(store, run) == [edited]


def test_deleting_a_note_can_be_undone(
    store: Store, runs: list[RunView], people: list[int]
) -> None:
    note = add_note(store, runs[0].id, "discussion", "oops", participant_id=people[1])
    deleted = delete_note(store, note.id)
    assert deleted == note
    assert list_notes(store, runs[0].id) == []
    restored = restore_note(store, deleted)
    assert restored.text == "oops" and restored.participant_id == people[1]
    assert restored.created_at == note.created_at
    assert list_notes(store, runs[0].id) == [restored]


def test_a_note_cannot_name_someone_from_another_cohort(
    store: Store, runs: list[RunView], cohort: CohortView
) -> None:
    other = create_cohort(store, "Other cohort")
    stranger = add_participant(store, other.id, ParticipantDetails("Stranger"))
    with pytest.raises(ValueError, match="another cohort"):
        add_note(store, runs[0].id, "discussion", "hi", participant_id=stranger.id)
    assert list_notes(store, runs[0].id) == []
