"""Importing a filled-in shared document or a saved chat: exactly what is previewed is stored."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QRadioButton
from pytestqt.qtbot import QtBot

from cofacilitator.cohorts import list_participants
from cofacilitator.import_preview import Decision
from cofacilitator.notes import count_notes, list_notes
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.sessions.schema import Prompt, Segment
from cofacilitator.shared_document import blank_session_document
from cofacilitator.store.models import AuthorKind, NoteSource
from cofacilitator.ui.document_import_dialog import DocumentImportDialog
from cofacilitator.ui.events import Events
from scripts.screens.around_screenshots import filled_in
from tests.ui.around.around_data import Demo

SAMPLES = Path(__file__).resolve().parents[2] / "documents" / "samples"
ANSWERS = {
    "Amara Okafor": "Because people stay for each other, not for the code.",
    "Lin Wei": "It spreads the maintenance load before anyone burns out.",
    "Sam Rivera": "Our meetup doubled once we had a code of conduct.",
}


def question_one(demo: Demo, catalog: Catalog) -> tuple[Segment, Prompt]:
    """Session 2's open discussion and its first question."""
    module = catalog.get(demo.runs[1].module_id)
    assert module is not None
    for segment in module.segments:
        for prompt in segment.prompts:
            if prompt.text.startswith("Q1: Why invest in community building"):
                return segment, prompt
    raise AssertionError("Session 2 has no question one")


def make_dialog(
    qtbot: QtBot,
    demo: Demo,
    events: Events,
    catalog: Catalog,
    run_index: int = 1,
    chosen: Path | None = None,
) -> DocumentImportDialog:
    dialog = DocumentImportDialog(
        demo.store,
        catalog,
        events,
        demo.runs[run_index].id,
        choose_file=lambda _parent, _filter: str(chosen) if chosen else None,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def filled_document(demo: Demo, catalog: Catalog) -> str:
    blank = blank_session_document(demo.store, catalog, demo.runs[1].id).markdown
    return filled_in(blank, {"Q1: Why invest in community building": ANSWERS})


def paste_and_preview(qtbot: QtBot, dialog: DocumentImportDialog, text: str) -> None:
    dialog.document_text.setFocus()
    dialog.document_text.insertPlainText(text)
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)


def shown(dialog: DocumentImportDialog) -> list[str]:
    return [dialog.added_list.item(row).text().strip() for row in range(dialog.added_list.count())]


def test_the_preview_lists_exactly_the_notes_that_will_be_added(
    qtbot: QtBot, demo: Demo, events: Events, shipped_catalog: Catalog
) -> None:
    dialog = make_dialog(qtbot, demo, events, shipped_catalog)
    paste_and_preview(qtbot, dialog, filled_document(demo, shipped_catalog))

    assert shown(dialog) == [
        "Open discussion › Q1: Why invest in community building?",
        f"Amara Okafor: {ANSWERS['Amara Okafor']}",
        f"Lin Wei: {ANSWERS['Lin Wei']}",
        f"Anonymous: {ANSWERS['Sam Rivera']}",
    ]
    assert dialog.add_button.text() == "&Add 3 notes"
    assert dialog.add_button.isEnabled()
    assert dialog.summary.text().startswith("3 notes will be added.")
    assert dialog.names_scroll.isVisible()
    keep = [b for b in dialog.names_box.findChildren(QRadioButton) if b.text() == "Keep anonymous"]
    assert len(keep) == 1 and keep[0].isChecked()


def test_cancel_stores_nothing(
    qtbot: QtBot, demo: Demo, events: Events, shipped_catalog: Catalog
) -> None:
    run_id = demo.runs[1].id
    notes_before = count_notes(demo.store, run_id)
    people_before = len(list_participants(demo.store, demo.cohort_id))
    dialog = make_dialog(qtbot, demo, events, shipped_catalog)
    paste_and_preview(qtbot, dialog, filled_document(demo, shipped_catalog))
    dialog.set_decision("Sam Rivera", Decision.WALK_IN)

    with qtbot.assertNotEmitted(events.cohort_did_change):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible()
    assert count_notes(demo.store, run_id) == notes_before
    assert len(list_participants(demo.store, demo.cohort_id)) == people_before


def test_add_stores_the_previewed_notes_under_their_prompt(
    qtbot: QtBot, demo: Demo, events: Events, shipped_catalog: Catalog
) -> None:
    run_id = demo.runs[1].id
    segment, prompt = question_one(demo, shipped_catalog)
    dialog = make_dialog(qtbot, demo, events, shipped_catalog)
    paste_and_preview(qtbot, dialog, filled_document(demo, shipped_catalog))

    results: list[object] = []
    dialog.imported.connect(results.append)
    with qtbot.waitSignal(events.cohort_did_change) as announced:
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)

    assert announced.args == [demo.cohort_id]
    (result,) = results
    assert result.notes_added == 3
    notes = {
        n.text: n
        for n in list_notes(demo.store, run_id, segment_id=segment.id, prompt_id=prompt.id)
        if n.source is NoteSource.DOCUMENT
    }
    assert set(notes) == set(ANSWERS.values())
    names = {p.id: p.display_name for p in list_participants(demo.store, demo.cohort_id)}
    assert names[notes[ANSWERS["Amara Okafor"]].participant_id] == "Amara Okafor"
    anonymous = notes[ANSWERS["Sam Rivera"]]
    assert (anonymous.author_kind, anonymous.participant_id) == (AuthorKind.ANONYMOUS, None)
    assert "Sam Rivera" not in names.values()
    assert not dialog.isVisible()


def test_an_unknown_name_taken_in_as_a_walk_in_joins_the_roster_with_their_note(
    qtbot: QtBot, demo: Demo, events: Events, shipped_catalog: Catalog
) -> None:
    dialog = make_dialog(qtbot, demo, events, shipped_catalog)
    paste_and_preview(qtbot, dialog, filled_document(demo, shipped_catalog))
    walk_in = next(
        b
        for b in dialog.names_box.findChildren(QRadioButton)
        if b.accessibleName() == "Add Sam Rivera to the roster as a walk-in"
    )
    qtbot.mouseClick(walk_in, Qt.MouseButton.LeftButton)

    assert f"Sam Rivera (new walk-in): {ANSWERS['Sam Rivera']}" in shown(dialog)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)

    (sam,) = [
        p for p in list_participants(demo.store, demo.cohort_id) if p.display_name == "Sam Rivera"
    ]
    assert sam.is_walk_in
    (note,) = [n for n in list_notes(demo.store, demo.runs[1].id) if n.participant_id == sam.id]
    assert note.text == ANSWERS["Sam Rivera"]


def test_editing_after_the_preview_asks_for_a_new_one(
    qtbot: QtBot, demo: Demo, events: Events, shipped_catalog: Catalog
) -> None:
    dialog = make_dialog(qtbot, demo, events, shipped_catalog)
    paste_and_preview(qtbot, dialog, filled_document(demo, shipped_catalog))
    qtbot.keyClicks(dialog.document_text, "x")

    assert dialog.preview is None
    assert not dialog.add_button.isEnabled()
    assert shown(dialog) == []


def test_a_chosen_file_is_read_and_previewed_at_once(
    qtbot: QtBot, demo: Demo, events: Events, shipped_catalog: Catalog, tmp_path: Path
) -> None:
    saved = tmp_path / "session-2-notes.md"
    saved.write_text(filled_document(demo, shipped_catalog), encoding="utf-8")
    dialog = make_dialog(qtbot, demo, events, shipped_catalog, chosen=saved)

    qtbot.mouseClick(dialog.document_file_button, Qt.MouseButton.LeftButton)

    assert dialog.document_file_label.text() == "Read from session-2-notes.md."
    assert dialog.add_button.text() == "&Add 3 notes"


def test_a_saved_chat_goes_under_the_chosen_prompt_without_private_messages(
    qtbot: QtBot, demo: Demo, events: Events, shipped_catalog: Catalog
) -> None:
    segment, prompt = question_one(demo, shipped_catalog)
    dialog = make_dialog(
        qtbot, demo, events, shipped_catalog, chosen=SAMPLES / "zoom_saved_chat.txt"
    )
    qtbot.mouseClick(
        dialog.tabs.tabBar(),
        Qt.MouseButton.LeftButton,
        pos=dialog.tabs.tabBar().tabRect(1).center(),
    )
    dialog.choose_target(segment.id, prompt.id)

    qtbot.mouseClick(dialog.chat_file_button, Qt.MouseButton.LeftButton)

    lines = shown(dialog)
    assert lines[0] == f"{segment.title} › {prompt.text}"
    assert "Amara Okafor: Hello everyone! Glad to be here." in lines
    assert not any("Something happened in our group" in line for line in lines)
    assert "2 private messages were left out." in dialog.summary.text()
    assert "Jo Bloggs" in dialog.names_box.findChildren(QRadioButton)[0].accessibleName()

    def chat_notes() -> int:
        notes = list_notes(demo.store, demo.runs[1].id, segment_id=segment.id, prompt_id=prompt.id)
        return sum(1 for n in notes if n.source is NoteSource.CHAT)

    before = chat_notes()
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert chat_notes() == before + len(lines) - 1
