"""The sharing round: who handed in, absent people skipped, order by hand or at random, ticks,
answers read-only (and large), notes per person."""

from __future__ import annotations

from random import Random

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cofacilitator.assignment_store import save_draft, submit
from cofacilitator.attendance import list_sharing_turns, set_attendance
from cofacilitator.notes import list_notes
from cofacilitator.store.models import AttendanceStatus, AuthorKind
from cofacilitator.ui.sharing_pane import SharingPane

from .conftest import Cohort, Shoot, Show

SEGMENT = "assignment-sharing"


def hand_in(cohort: Cohort) -> None:
    """Ada, Ben and Chloe submitted Session 1's assignment, Dev only drafted; Chloe is away."""
    module = cohort.modules[1]
    for name in ("Ada", "Ben", "Chloe"):
        submit(
            cohort.store,
            cohort.people[name],
            module,
            {
                "origin-story": f"{name}'s community began in a library basement.",
                "mission-purpose": "Open maps for everyone.",
                "pathways": ["Mentoring", "Office hours"],
            },
        )
    save_draft(cohort.store, cohort.people["Dev"], module.id, {"origin-story": "Half written"})
    run_id = cohort.runs[2].id
    for name, status in (
        ("Ada", AttendanceStatus.PRESENT),
        ("Ben", AttendanceStatus.LATE),
        ("Chloe", AttendanceStatus.ABSENT),
        ("Dev", AttendanceStatus.PRESENT),
    ):
        set_attendance(cohort.store, run_id, cohort.people[name], status=status)


def texts(pane: SharingPane) -> list[str]:
    return [pane.order_list.item(row).text() for row in range(pane.order_list.count())]


def test_order_skips_the_absent_and_one_is_marked_shared(
    qtbot: QtBot, cohort: Cohort, show: Show, shoot: Shoot
) -> None:
    hand_in(cohort)
    pane = show(SharingPane(cohort.context(2, SEGMENT), rng=Random(4)))
    ada, ben = cohort.people["Ada"], cohort.people["Ben"]

    assert pane.order() == [ada, ben]
    assert texts(pane) == ["1. Ada Lovelace", "2. Ben Okri"]
    assert pane.summary_label.text() == "Session 1 assignment: 3 of 4 handed in"
    assert pane.missing_label.text() == ("Absent, skipped: Chloe Zhao. Draft only: Dev Patel.")
    assert "library basement" in pane.answers_view.toPlainText()
    assert "Mentoring" in pane.answers_view.toPlainText()

    pane.order_list.setFocus()
    qtbot.keyClick(pane.order_list, Qt.Key.Key_End)
    qtbot.mouseClick(pane.up_button, Qt.MouseButton.LeftButton)
    assert [t.participant_id for t in list_sharing_turns(cohort.store, cohort.runs[2].id)] == [
        ben,
        ada,
    ]
    assert texts(pane) == ["1. Ben Okri", "2. Ada Lovelace"]

    pane.order_list.setFocus()
    qtbot.keyClick(pane.order_list, Qt.Key.Key_Home)
    qtbot.keyClick(pane.order_list, Qt.Key.Key_Space)
    turns = list_sharing_turns(cohort.store, cohort.runs[2].id)
    assert [(t.participant_id, t.has_shared) for t in turns] == [(ben, True), (ada, False)]
    assert texts(pane) == ["1. Ben Okri (shared)", "2. Ada Lovelace"]
    shoot(pane, "sharing")

    again = show(SharingPane(cohort.context(2, SEGMENT), rng=Random(4)))
    assert texts(again) == ["1. Ben Okri (shared)", "2. Ada Lovelace"]


def test_random_order_keeps_ticks(qtbot: QtBot, cohort: Cohort, show: Show) -> None:
    hand_in(cohort)
    set_attendance(
        cohort.store, cohort.runs[2].id, cohort.people["Chloe"], status=AttendanceStatus.PRESENT
    )
    pane = show(SharingPane(cohort.context(2, SEGMENT), rng=Random(11)))
    before = pane.order()
    assert len(before) == 3
    pane.order_list.item(0).setCheckState(Qt.CheckState.Checked)
    for _ in range(5):
        qtbot.mouseClick(pane.random_button, Qt.MouseButton.LeftButton)
        if pane.order() != before:
            break
    assert sorted(pane.order()) == sorted(before)
    assert pane.order() != before
    stored = list_sharing_turns(cohort.store, cohort.runs[2].id)
    assert [t.participant_id for t in stored] == pane.order()
    assert [t.participant_id for t in stored if t.has_shared] == [before[0]]


def test_answers_show_large_and_notes_are_kept_per_person(
    qtbot: QtBot, cohort: Cohort, show: Show, shoot: Shoot
) -> None:
    hand_in(cohort)
    pane = show(SharingPane(cohort.context(2, SEGMENT), rng=Random(4)))
    qtbot.mouseClick(pane.large_button, Qt.MouseButton.LeftButton)
    large = pane._large
    assert large is not None and large.isVisible()
    assert large.windowTitle() == "Ada Lovelace · Community background"
    assert large.view.isReadOnly()
    assert large.view.font().pointSizeF() > pane.answers_view.font().pointSizeF() * 1.5
    shoot(large, "sharing_large")

    pane.notes_edit.setFocus()
    qtbot.keyClicks(pane.notes_edit, "Great origin story")
    qtbot.waitUntil(
        lambda: (
            [
                (n.author_kind, n.participant_id, n.text)
                for n in list_notes(cohort.store, cohort.runs[2].id, segment_id=SEGMENT)
            ]
            == [(AuthorKind.PARTICIPANT, cohort.people["Ada"], "Great origin story")]
        ),
        timeout=1000,
    )
    pane.order_list.setFocus()
    qtbot.keyClick(pane.order_list, Qt.Key.Key_Down)
    assert pane.notes_edit.toPlainText() == ""
    assert large.windowTitle().startswith("Ben Okri")
    qtbot.keyClick(pane.order_list, Qt.Key.Key_Up)
    assert pane.notes_edit.toPlainText() == "Great origin story"
    qtbot.keyClick(large, Qt.Key.Key_Escape)
    assert not large.isVisible()


def test_a_round_nobody_handed_in_for(qtbot: QtBot, cohort: Cohort, show: Show) -> None:
    pane = show(SharingPane(cohort.context(2, SEGMENT), rng=Random(1)))
    assert pane.summary_label.text() == "Session 1 assignment: 0 of 4 handed in"
    assert pane.missing_label.text() == (
        "Nothing handed in: Ada Lovelace, Ben Okri, Chloe Zhao, Dev Patel."
    )
    assert pane.order() == []
    assert not pane.large_button.isEnabled()
