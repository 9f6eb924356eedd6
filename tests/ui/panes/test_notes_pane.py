"""Notes typed at the keyboard: who, how visible, Enter to save, edits in place, undone deletes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cofacilitator.notes import list_notes
from cofacilitator.store.models import AuthorKind, Visibility
from cofacilitator.ui.notes_pane import NotesPane

from .conftest import Cohort, Shoot, Show, pick

SEGMENT = "silent-notes-why"


def stored(cohort: Cohort) -> list[tuple[str, AuthorKind, int | None, str, Visibility]]:
    return [
        (n.prompt_id, n.author_kind, n.participant_id, n.text, n.visibility)
        for n in list_notes(cohort.store, cohort.runs[1].id, segment_id=SEGMENT)
    ]


def test_notes_of_each_visibility_by_keyboard(
    qtbot: QtBot, cohort: Cohort, show: Show, shoot: Shoot
) -> None:
    pane = show(NotesPane(cohort.context(1, SEGMENT)))
    saved: list[int] = []
    cohort.events.note_did_save.connect(saved.append)
    first_prompt = pane.prompt_id
    assert pane.visibility_box.currentText() == "Shared"
    assert pane.author_box.currentText() == "Anonymous"

    pick(qtbot, pane.author_box, "Ada Lovelace")
    pane.entry.setFocus()
    qtbot.keyClicks(pane.entry, "The project needs people")
    qtbot.keyClick(pane.entry, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(pane.entry, "who care")
    qtbot.keyClick(pane.entry, Qt.Key.Key_Return)
    assert pane.entry.toPlainText() == ""
    assert pane.entry.hasFocus()

    pick(qtbot, pane.visibility_box, "Private")
    pane.entry.setFocus()
    qtbot.keyClicks(pane.entry, "Funding runs out in May")
    qtbot.keyClick(pane.entry, Qt.Key.Key_Enter)

    pick(qtbot, pane.author_box, "Facilitator")
    pick(qtbot, pane.visibility_box, "Off the record")
    pane.entry.setFocus()
    qtbot.keyClicks(pane.entry, "Check in with Ada")
    qtbot.keyClick(pane.entry, Qt.Key.Key_Return)

    ada = cohort.people["Ada"]
    assert stored(cohort) == [
        (
            first_prompt,
            AuthorKind.PARTICIPANT,
            ada,
            "The project needs people\nwho care",
            Visibility.SHARED,
        ),
        (first_prompt, AuthorKind.PARTICIPANT, ada, "Funding runs out in May", Visibility.PRIVATE),
        (first_prompt, AuthorKind.FACILITATOR, None, "Check in with Ada", Visibility.OFF_RECORD),
    ]
    assert [row.author_label.text().replace("\N{NO-BREAK SPACE}", " ") for row in pane.rows] == [
        "Ada Lovelace /",
        "Ada Lovelace /",
        "Facilitator /",
    ]
    assert [row.visibility_box.currentText() for row in pane.rows] == [
        "Shared",
        "Private",
        "Off the record",
    ]
    assert len(saved) == 3
    shoot(pane, "notes")


def test_an_empty_entry_saves_nothing(qtbot: QtBot, cohort: Cohort, show: Show) -> None:
    pane = show(NotesPane(cohort.context(1, SEGMENT)))
    pane.entry.setFocus()
    qtbot.keyClicks(pane.entry, "   ")
    qtbot.keyClick(pane.entry, Qt.Key.Key_Return)
    assert stored(cohort) == []


def test_prompts_are_grouped_and_notes_stay_under_theirs(
    qtbot: QtBot, cohort: Cohort, show: Show
) -> None:
    pane = show(NotesPane(cohort.context(1, SEGMENT)))
    box = pane.prompt_box
    headings = [box.itemText(row) for row in range(box.count()) if not box.itemData(row)]
    assert headings == [
        "Project: Why does the project need a community?",
        "You: Why do you (or those who started the project) care about community and your "
        "role? Why would others join this community?",
    ]
    pane.entry.setFocus()
    qtbot.keyClicks(pane.entry, "First")
    qtbot.keyClick(pane.entry, Qt.Key.Key_Return)

    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)
    second = pane.prompt_id
    assert second and second != stored(cohort)[0][0]
    assert pane.rows == []
    assert pane.empty_label.isVisible()
    pane.entry.setFocus()
    qtbot.keyClicks(pane.entry, "Second")
    qtbot.keyClick(pane.entry, Qt.Key.Key_Return)
    assert [note[0] for note in stored(cohort)][1] == second
    assert [row.text_edit.toPlainText() for row in pane.rows] == ["Second"]


def test_edit_in_place_autosaves_within_a_second(qtbot: QtBot, cohort: Cohort, show: Show) -> None:
    pane = show(NotesPane(cohort.context(1, SEGMENT)))
    pane.entry.setFocus()
    qtbot.keyClicks(pane.entry, "Community matters")
    qtbot.keyClick(pane.entry, Qt.Key.Key_Return)

    editor = pane.rows[0].text_edit
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " a lot")
    qtbot.waitUntil(lambda: stored(cohort)[0][3] == "Community matters a lot", timeout=1000)
    assert pane._autosave.status == "Saved"

    pick(qtbot, pane.rows[0].visibility_box, "Private")
    assert stored(cohort)[0][4] is Visibility.PRIVATE


def test_delete_then_undo(qtbot: QtBot, cohort: Cohort, show: Show) -> None:
    pane = show(NotesPane(cohort.context(1, SEGMENT)))
    pane.entry.setFocus()
    for text in ("Keep me", "Bring me back"):
        qtbot.keyClicks(pane.entry, text)
        qtbot.keyClick(pane.entry, Qt.Key.Key_Return)

    qtbot.mouseClick(pane.rows[1].delete_button, Qt.MouseButton.LeftButton)
    assert [note[3] for note in stored(cohort)] == ["Keep me"]
    assert pane.undo_bar.isVisible()
    assert pane.undo_label.text() == "Deleted Anonymous / Bring me back"

    qtbot.keyClick(pane.undo_button, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [note[3] for note in stored(cohort)] == ["Keep me", "Bring me back"]
    assert [row.text_edit.toPlainText() for row in pane.rows] == ["Keep me", "Bring me back"]
    assert not pane.undo_bar.isVisible()
