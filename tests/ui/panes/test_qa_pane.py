"""Q&A: questions with who asked, answers typed live or after the call, saved as typed."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cofacilitator.cohorts import Facilitator, update_cohort
from cofacilitator.runs import end_run, start_run
from cofacilitator.session_records import list_questions
from cofacilitator.store.models import AnsweredWhen
from cofacilitator.ui.qa_pane import QAPane

from .conftest import Cohort, Shoot, Show, pick


def test_a_question_answered_after_the_run_ended(
    qtbot: QtBot, cohort: Cohort, show: Show, shoot: Shoot
) -> None:
    update_cohort(cohort.store, cohort.cohort_id, facilitators=[Facilitator("Noor Haddad")])
    run_id = cohort.runs[1].id
    start_run(cohort.store, run_id, cohort.modules[1], at=datetime(2026, 10, 1, 15, 0))
    pane = show(QAPane(cohort.context(1, "qa")))

    qtbot.keyClicks(pane.question_entry, "Where are the slides?")
    qtbot.keyClick(pane.question_entry, Qt.Key.Key_Return)
    pick(qtbot, pane.asker_box, "Chloe Zhao")
    pane.question_entry.setFocus()
    qtbot.keyClicks(pane.question_entry, "How do we pick values?")
    qtbot.mouseClick(pane.add_button, Qt.MouseButton.LeftButton)
    assert [
        (q.question, q.asked_by_id, q.is_answered) for q in list_questions(cohort.store, run_id)
    ] == [
        ("Where are the slides?", None, False),
        ("How do we pick values?", cohort.people["Chloe"], False),
    ]

    pane.answer_edit.setFocus()
    qtbot.keyClicks(pane.answer_edit, "From a list, three of them")
    assert pane.live_radio.isChecked()
    qtbot.waitUntil(lambda: list_questions(cohort.store, run_id)[1].is_answered, timeout=1000)
    live = list_questions(cohort.store, run_id)[1]
    assert (live.answered_by, live.answered_when) == ("Noor Haddad", AnsweredWhen.LIVE)

    end_run(cohort.store, run_id, at=datetime(2026, 10, 1, 16, 30))
    after = show(QAPane(cohort.context(1, "qa")))
    after.list.setFocus()
    qtbot.keyClick(after.list, Qt.Key.Key_Home)
    assert after.question_edit.text() == "Where are the slides?"
    assert after.after_radio.isChecked()
    after.answer_edit.setFocus()
    qtbot.keyClicks(after.answer_edit, "In the follow-up e-mail")
    after.answered_by_box.setFocus()
    after.answered_by_box.lineEdit().selectAll()
    qtbot.keyClicks(after.answered_by_box, "Jonas Berg")
    qtbot.waitUntil(
        lambda: list_questions(cohort.store, run_id)[0].answered_by == "Jonas Berg", timeout=1000
    )
    answered = list_questions(cohort.store, run_id)[0]
    assert (answered.answer, answered.answered_when) == (
        "In the follow-up e-mail",
        AnsweredWhen.AFTER,
    )
    assert after.list.item(0).text() == "Where are the slides?\nAnonymous · answered after the call"
    assert after.status_label.text() == "2 of 2 answered"
    shoot(after, "qa")


def test_a_question_can_be_reworded(qtbot: QtBot, cohort: Cohort, show: Show) -> None:
    pane = show(QAPane(cohort.context(2, "qa")))
    qtbot.keyClicks(pane.question_entry, "Wen is the next call?")
    qtbot.keyClick(pane.question_entry, Qt.Key.Key_Return)
    pane.question_edit.setFocus()
    pane.question_edit.selectAll()
    qtbot.keyClicks(pane.question_edit, "When is the next call?")
    qtbot.waitUntil(
        lambda: (
            list_questions(cohort.store, cohort.runs[2].id)[0].question == "When is the next call?"
        ),
        timeout=1000,
    )
    assert pane.list.item(0).text().startswith("When is the next call?")
