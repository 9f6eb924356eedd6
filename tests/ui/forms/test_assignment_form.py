"""The whole assignment form: built from the module, saved while typed, shared as a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from cofacilitator.assignment_store import get_response
from cofacilitator.handback import parse_handback
from cofacilitator.store.models import ResponseStatus
from cofacilitator.ui.assignment_form import AssignmentForm
from cofacilitator.ui.autosave import SAVED
from cofacilitator.ui.form_fields import LongTextField
from cofacilitator.ui.pick_values_field import PickValuesField
from cofacilitator.ui.stakeholder_scene import StakeholderView

from .conftest import AUTOSAVE_MS, Exchange, Shoot, Show
from .filling import fill


class Chooser:
    """Answers the save dialog with a path in the test folder, and remembers being asked."""

    def __init__(self, folder: Path, cancel: bool = False) -> None:
        self.folder = folder
        self.cancel = cancel
        self.asked: list[str] = []

    def __call__(self, _parent: QWidget, suggested: str) -> Path | None:
        self.asked.append(suggested)
        return None if self.cancel else self.folder / suggested


def make_form(
    show: Show, exchange: Exchange, number: int, chooser: Chooser | None = None
) -> tuple[AssignmentForm, int]:
    ada = exchange.join()
    form = AssignmentForm(
        exchange.participant,
        ada,
        exchange.module(number),
        autosave_ms=AUTOSAVE_MS,
        choose_path=chooser or Chooser(exchange.tmp),
    )
    show(form)
    return form, ada


def test_typing_reaches_the_store_within_a_second(
    qtbot: QtBot, show: Show, exchange: Exchange
) -> None:
    form, ada = make_form(show, exchange, 1)
    story = form.fields["origin-story"]
    assert isinstance(story, LongTextField)
    assert form.standing.text().startswith("Not started")
    story.editor.editor.setFocus()
    qtbot.keyClicks(story.editor.editor, "Three friends and a mailing list")

    def stored() -> dict[str, object]:
        response = get_response(exchange.participant, ada, "community-narrative")
        return response.values if response else {}

    qtbot.waitUntil(
        lambda: stored() == {"origin-story": "Three friends and a mailing list"}, timeout=1000
    )
    qtbot.waitUntil(lambda: form.indicator.text() == SAVED, timeout=1000)
    assert form.standing.text().startswith("Draft, last saved")
    response = get_response(exchange.participant, ada, "community-narrative")
    assert response is not None and response.status is ResponseStatus.DRAFT


def test_the_form_opens_on_what_was_saved(qtbot: QtBot, show: Show, exchange: Exchange) -> None:
    form, ada = make_form(show, exchange, 1)
    form.fields["pathways"].set_value(["Mentoring"])
    form.fields["pathways"].changed.emit()
    qtbot.waitUntil(
        lambda: get_response(exchange.participant, ada, "community-narrative") is not None
    )
    again = AssignmentForm(exchange.participant, ada, exchange.module(1))
    qtbot.addWidget(again)
    assert again.values() == {"pathways": ["Mentoring"]}


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_share_writes_a_file_that_reads_back_the_same_answers(
    qtbot: QtBot, show: Show, shoot: Shoot, exchange: Exchange, number: int
) -> None:
    chooser = Chooser(exchange.tmp)
    form, ada = make_form(show, exchange, number, chooser)
    for widget in form.fields.values():
        fill(qtbot, widget)
    values = form.values()
    assert set(values) == {field.id for field in form.assignment.fields}, "every field filled"
    shoot(form, f"form-session-{number}")

    qtbot.mouseClick(form.share_button, Qt.MouseButton.LeftButton)
    assert chooser.asked == [f"ada-lovelace-session-{number}-{form.module.id}.md"]
    path = exchange.tmp / chooser.asked[0]
    handback = parse_handback(path.read_bytes(), expected_cohort_uid=None)
    assert handback.values == values
    assert handback.participant_name == "Ada Lovelace"
    response = get_response(exchange.participant, ada, form.module.id)
    assert response is not None and response.status is ResponseStatus.SUBMITTED
    assert response.values == values
    assert path.name in form.message.text() and form.message.isVisible()
    assert form.standing.text().startswith("Shared (version 1)")


def test_sharing_refuses_answers_that_do_not_fit(
    qtbot: QtBot, show: Show, exchange: Exchange
) -> None:
    chooser = Chooser(exchange.tmp)
    form, ada = make_form(show, exchange, 4, chooser)
    values = form.fields["community-values"]
    assert isinstance(values, PickValuesField)
    values.set_ticked("Care", True)
    values.changed.emit()
    form.share_button.setFocus()
    qtbot.keyClick(form.share_button, Qt.Key.Key_Space)
    assert "pick exactly 3 values (there are 1)" in form.message.text()
    assert chooser.asked == []
    response = get_response(exchange.participant, ada, "community-charter")
    assert response is not None and response.status is ResponseStatus.DRAFT


def test_nothing_to_share_and_a_cancelled_dialog_change_nothing(
    qtbot: QtBot, show: Show, exchange: Exchange
) -> None:
    chooser = Chooser(exchange.tmp, cancel=True)
    form, ada = make_form(show, exchange, 1, chooser)
    assert form.share() is None
    assert "Nothing is filled in yet" in form.message.text()
    form.fields["pathways"].set_value(["Mentoring"])
    assert form.share() is None
    assert chooser.asked and get_response(exchange.participant, ada, "community-narrative") is None


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_every_control_is_reached_with_tab_and_named(
    qtbot: QtBot, show: Show, exchange: Exchange, number: int
) -> None:
    form, _ada = make_form(show, exchange, number)
    form.fields[form.assignment.fields[0].id].setFocus()
    reached = []
    for _ in range(200):
        widget = QApplication.focusWidget()
        assert widget is not None
        if widget in reached:
            break
        reached.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    buttons = [b for b in form.findChildren(QPushButton) if b.isVisible() and b.isEnabled()]
    assert buttons and all(button in reached for button in buttons)
    maps = form.findChildren(StakeholderView)
    assert all(view in reached for view in maps), "the map takes the keyboard too"
    assert form.share_button in reached
    for widget in reached:
        if form.isAncestorOf(widget):
            assert widget.accessibleName(), f"{type(widget).__name__} has no accessible name"
