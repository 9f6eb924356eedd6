"""The peer feedback windows, driven through their widgets: a reviewer types comments and saves a
reply, the draft survives closing, and the author reads the comments beside their answers with a
note when they were written about another version."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QImage
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from cofacilitator.handback import HandBack, render_handback
from cofacilitator.paths import DataPaths
from cofacilitator.peer_review import (
    PeerReply,
    ReplyFreshness,
    draft_path,
    drafts_folder,
    read_reply,
    write_reply,
)
from cofacilitator.sessions.schema import Module
from cofacilitator.ui.peer_feedback_window import PeerFeedbackWindow
from cofacilitator.ui.peer_review_window import (
    PeerReviewWindow,
    open_feedback_on_my_assignment,
    review_peer_assignment,
)
from scripts.screens.peer_review_screenshots import render_peer_review_screenshots

MODULE_ID = "community-of-practice-basics"
REVIEWED_AT = datetime(2026, 10, 9, 14, 20)


class Told:
    """Stands in for the message box: records what the user would have been told."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, str]] = []

    def __call__(self, parent: QWidget, title: str, message: str) -> None:
        self.messages.append((title, message))


class Chooser:
    """Stands in for a file dialog: hands out the given answers in turn, remembers the asks."""

    def __init__(self, *answers: Path | None) -> None:
        self.answers = list(answers)
        self.asked: list[str] = []

    def __call__(self, parent: QWidget, prompt: str) -> str | None:
        self.asked.append(prompt)
        answer = self.answers.pop(0)
        return None if answer is None else str(answer)


@pytest.fixture
def module(shipped_modules: tuple[Module, ...]) -> Module:
    return next(m for m in shipped_modules if m.id == MODULE_ID)


@pytest.fixture
def handback(module: Module) -> HandBack:
    assert module.assignment is not None
    return HandBack(
        cohort_uid="c" * 32,
        cohort_name="Spring cohort",
        participant_uid="a" * 32,
        participant_name="Amara Okafor",
        module_id=module.id,
        module_version=module.version,
        assignment_id=module.assignment.id,
        response_version=1,
        saved_at=datetime(2026, 10, 7, 11, 0),
        values={
            "purpose-outcomes": [
                {
                    "Project/subproject": "Documentation sprint",
                    "Purpose": "Help newcomers",
                    "Outcomes": "Ten first-time contributors",
                }
            ]
        },
    )


@pytest.fixture
def drafts(data_paths: DataPaths) -> Path:
    return drafts_folder(data_paths.root)


def review_window(
    qtbot: QtBot,
    handback: HandBack,
    module: Module,
    drafts: Path,
    chooser: Chooser | None = None,
    told: Told | None = None,
) -> PeerReviewWindow:
    window = PeerReviewWindow(
        handback,
        module,
        drafts,
        choose_save_path=chooser or Chooser(),
        tell=told or Told(),
        now=lambda: REVIEWED_AT,
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def reply_about(handback: HandBack, **comments: str) -> PeerReply:
    return PeerReply.about(
        handback,
        reviewer_name="Lin Wei",
        comments=comments,
        overall="A clear picture.",
        saved_at=REVIEWED_AT,
    )


# ------------------------------------------------------------------------------ reviewer


def test_comments_typed_in_the_window_are_saved_as_a_reply(
    qtbot: QtBot, handback: HandBack, module: Module, drafts: Path, tmp_path: Path
) -> None:
    chooser = Chooser(tmp_path / "reply.md")
    told = Told()
    window = review_window(qtbot, handback, module, drafts, chooser, told)

    qtbot.keyClicks(window.name_edit, "Lin Wei")
    qtbot.keyClicks(window.overall_edit, "A clear picture.")
    qtbot.keyClicks(window.comment_edit("purpose-outcomes"), "By when?")
    qtbot.keyClicks(window.comment_edit("stakeholders"), "Where are the funders?")
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)

    reply = read_reply(tmp_path / "reply.md", about=handback)
    assert reply.reviewer_name == "Lin Wei"
    assert reply.overall == "A clear picture."
    assert reply.comments == {
        "purpose-outcomes": "By when?",
        "stakeholders": "Where are the funders?",
    }
    assert reply.saved_at == REVIEWED_AT
    assert told.messages == []
    assert chooser.asked[0].endswith("feedback-from-lin-wei-on-amara-okafor-session-2.md")
    assert window.last_saved == tmp_path / "reply.md"
    assert "reply.md" in window.status_text
    assert "Send it to Amara Okafor yourself" in window.status_text


def test_the_answers_are_shown_read_only(
    qtbot: QtBot, handback: HandBack, module: Module, drafts: Path
) -> None:
    window = review_window(qtbot, handback, module, drafts)

    shown = window.answers_view.toPlainText()
    assert "Amara Okafor's answers" in shown
    assert "Ten first-time contributors" in shown
    assert "Stakeholders and their roles" in shown
    assert window.answers_view.isReadOnly()
    assert window.answers_view.accessibleName() == "Amara Okafor's answers, read-only"
    assert window.comment_edit("stakeholders").accessibleName() == (
        "Comment on Stakeholders and their roles"
    )


def test_the_draft_is_kept_after_a_pause_and_comes_back(
    qtbot: QtBot, handback: HandBack, module: Module, drafts: Path
) -> None:
    window = review_window(qtbot, handback, module, drafts)
    qtbot.keyClicks(window.name_edit, "Lin")
    qtbot.keyClicks(window.comment_edit("engagement-platforms"), "Which one first?")

    qtbot.waitUntil(lambda: window.status_text == "Draft kept on this computer")
    assert draft_path(drafts, handback).is_file()
    window.close()

    again = review_window(qtbot, handback, module, drafts)
    assert again.name_edit.text() == "Lin"
    assert again.comment_edit("engagement-platforms").toPlainText() == "Which one first?"
    assert again.status_text == "Your draft from last time"


def test_closing_keeps_the_draft_at_once(
    qtbot: QtBot, handback: HandBack, module: Module, drafts: Path
) -> None:
    window = review_window(qtbot, handback, module, drafts)
    qtbot.keyClicks(window.overall_edit, "Typed just before closing")
    window.close()

    again = review_window(qtbot, handback, module, drafts)
    assert again.overall_edit.toPlainText() == "Typed just before closing"


def test_a_reply_needs_a_name_and_a_comment(
    qtbot: QtBot, handback: HandBack, module: Module, drafts: Path, tmp_path: Path
) -> None:
    chooser = Chooser(tmp_path / "reply.md")
    told = Told()
    window = review_window(qtbot, handback, module, drafts, chooser, told)

    qtbot.keyClicks(window.overall_edit, "Good")
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.name_edit, "Lin")
    window.overall_edit.clear()
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)

    assert [title for title, _message in told.messages] == [
        "Your name is missing",
        "Nothing to send yet",
    ]
    assert chooser.asked == []
    assert not (tmp_path / "reply.md").exists()


def test_ctrl_s_saves_the_reply(
    qtbot: QtBot, handback: HandBack, module: Module, drafts: Path, tmp_path: Path
) -> None:
    window = review_window(qtbot, handback, module, drafts, Chooser(tmp_path / "reply.md"))
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClicks(window.name_edit, "Lin")
    qtbot.keyClicks(window.overall_edit, "Good")

    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert read_reply(tmp_path / "reply.md").overall == "Good"


def test_cancelling_the_save_dialog_writes_nothing(
    qtbot: QtBot, handback: HandBack, module: Module, drafts: Path, tmp_path: Path
) -> None:
    window = review_window(qtbot, handback, module, drafts, Chooser(None))
    qtbot.keyClicks(window.name_edit, "Lin")
    qtbot.keyClicks(window.overall_edit, "Good")

    assert window.save_reply() is None
    assert list(tmp_path.glob("*.md")) == []


def test_tab_moves_from_comment_to_comment_and_brings_the_answer_into_view(
    qtbot: QtBot, handback: HandBack, module: Module, drafts: Path
) -> None:
    assert module.assignment is not None
    first, second = (window_field.id for window_field in module.assignment.fields[:2])
    window = review_window(qtbot, handback, module, drafts)
    window.resize(900, 320)
    window.activateWindow()
    qtbot.waitActive(window)
    scroll = window.answers_view.verticalScrollBar()
    window.comment_edit(first).setFocus()
    qtbot.waitUntil(window.comment_edit(first).hasFocus)
    at_first = scroll.value()

    qtbot.keyClick(window.comment_edit(first), Qt.Key.Key_Tab)

    qtbot.waitUntil(window.comment_edit(second).hasFocus)
    assert scroll.value() > at_first > 0


def test_comment_boxes_grow_with_the_text_size(
    qtbot: QtBot, qapp: QApplication, handback: HandBack, module: Module, drafts: Path
) -> None:
    window = review_window(qtbot, handback, module, drafts)
    box = window.comment_edit("stakeholders")
    before = box.height()

    larger = QFont(qapp.font())
    larger.setPointSizeF(larger.pointSizeF() * 1.5)
    qapp.setFont(larger)

    qtbot.waitUntil(lambda: box.height() > before * 1.3)


def test_names_from_the_file_stay_plain_text(
    qtbot: QtBot, handback: HandBack, module: Module, drafts: Path
) -> None:
    hostile = replace(handback, participant_name="<b>Amara</b> <img src=x>")
    window = review_window(qtbot, hostile, module, drafts)

    headers = [label for label in window.findChildren(QLabel) if "<b>Amara</b>" in label.text()]
    assert headers
    assert all(label.textFormat() is Qt.TextFormat.PlainText for label in headers)


# ------------------------------------------------------------------------------ author


def test_the_author_sees_each_comment_under_its_field(
    qtbot: QtBot, handback: HandBack, module: Module
) -> None:
    reply = reply_about(handback, stakeholders="Where are the funders?")
    window = PeerFeedbackWindow(handback, reply, module)
    qtbot.addWidget(window)
    window.show()

    comments = window.comments_view.toPlainText()
    assert "Lin Wei's comments" in comments
    assert "Stakeholders and their roles\nWhere are the funders?" in comments
    assert "Purpose and outcomes\nNo comment." in comments
    assert "Ten first-time contributors" in window.answers_view.toPlainText()
    assert window.freshness is ReplyFreshness.CURRENT
    assert window.note_text == ""
    assert not [
        label
        for label in window.findChildren(QLabel)
        if label.isVisible() and "wrote these comments" in label.text()
    ]


def test_the_author_is_told_when_the_comments_are_about_an_older_version(
    qtbot: QtBot, handback: HandBack, module: Module
) -> None:
    reply = reply_about(handback, stakeholders="Where are the funders?")
    newer = replace(handback, response_version=2, values={**handback.values, "stakeholders": []})
    window = PeerFeedbackWindow(newer, reply, module)
    qtbot.addWidget(window)
    window.show()

    assert window.freshness is ReplyFreshness.OLDER_ANSWERS
    assert "older version of your answers (version 1)" in window.note_text
    assert "this file holds version 2" in window.note_text
    shown = [
        label.text()
        for label in window.findChildren(QLabel)
        if label.isVisible() and "older version" in label.text()
    ]
    assert shown == [window.note_text]


def test_going_to_a_part_scrolls_both_sides(
    qtbot: QtBot, handback: HandBack, module: Module
) -> None:
    long_comment = "\n".join(f"Thought {n}" for n in range(40))
    reply = reply_about(handback, **{"purpose-outcomes": long_comment})
    window = PeerFeedbackWindow(handback, reply, module)
    qtbot.addWidget(window)
    window.resize(1000, 400)
    window.show()
    qtbot.waitExposed(window)

    last = window.part_picker.count() - 1
    qtbot.keyClicks(window.part_picker, window.part_picker.itemText(last))

    assert window.part_picker.currentIndex() == last
    assert window.comments_view.verticalScrollBar().value() > 0


# ------------------------------------------------------------------------------ opening files


def test_reviewing_opens_a_hand_back_file_and_refuses_a_reply(
    qtbot: QtBot, handback: HandBack, module: Module, drafts: Path, tmp_path: Path
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    answers = tmp_path / "amara.md"
    answers.write_text(render_handback(handback, module), encoding="utf-8")
    reply_file = write_reply(reply_about(handback), module, tmp_path / "reply.md")
    told = Told()

    refused = review_peer_assignment(
        parent, [module], drafts, choose_file=Chooser(reply_file), tell=told
    )
    opened = review_peer_assignment(
        parent, [module], drafts, choose_file=Chooser(answers), tell=told
    )

    assert refused is None
    ((title, message),) = told.messages
    assert title == "This file cannot be reviewed"
    assert message.startswith("reply.md is ")
    assert isinstance(opened, PeerReviewWindow)
    assert opened.isVisible()
    opened.close()


def test_reviewing_a_session_the_app_does_not_have_is_explained(
    qtbot: QtBot, handback: HandBack, module: Module, drafts: Path, tmp_path: Path
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    answers = tmp_path / "amara.md"
    answers.write_text(render_handback(handback, module), encoding="utf-8")
    told = Told()

    opened = review_peer_assignment(parent, [], drafts, choose_file=Chooser(answers), tell=told)

    assert opened is None
    assert "assignment this app does not have" in told.messages[0][1]


def test_opening_feedback_pairs_the_authors_file_with_the_reply(
    qtbot: QtBot, handback: HandBack, module: Module, tmp_path: Path
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    answers = tmp_path / "amara.md"
    answers.write_text(render_handback(handback, module), encoding="utf-8")
    about_amara = write_reply(reply_about(handback), module, tmp_path / "amara-reply.md")
    about_ben = write_reply(
        reply_about(replace(handback, participant_uid="b" * 32, participant_name="Ben")),
        module,
        tmp_path / "ben-reply.md",
    )
    told = Told()

    refused = open_feedback_on_my_assignment(
        parent, [module], choose_file=Chooser(answers, about_ben), tell=told
    )
    chooser = Chooser(answers, about_amara)
    opened = open_feedback_on_my_assignment(parent, [module], choose_file=chooser, tell=told)

    assert refused is None
    assert told.messages[0][0] == "This feedback cannot be opened"
    assert "on Ben's answers, not on these answers by Amara Okafor" in told.messages[0][1]
    assert isinstance(opened, PeerFeedbackWindow)
    assert opened.freshness is ReplyFreshness.CURRENT
    assert chooser.asked == [
        "Open your hand-back file (the answers you sent)",
        "Open the feedback file you received",
    ]
    opened.close()


def test_the_screenshots_are_written(qapp: QApplication, tmp_path: Path) -> None:
    written = render_peer_review_screenshots(tmp_path, suffix="-dark")

    assert [path.name for path in written] == [
        "peer-review-dark.png",
        "peer-review-author-dark.png",
    ]
    assert all(QImage(str(path)).size() == QSize(1280, 720) for path in written)
