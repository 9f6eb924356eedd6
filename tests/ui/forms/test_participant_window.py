"""Participant mode: opened from an invitation by menu or drop, in their own store."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from cofacilitator.guidelines import set_guidelines
from cofacilitator.participant_profile import is_invitation_file, load_profile
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.store.models import Cohort, Participant, SessionRun
from cofacilitator.ui.list_fields import ListField
from cofacilitator.ui.participant_window import ParticipantWindow

from .conftest import AUTOSAVE_MS, Exchange, Shoot, Show


def make_window(show: Show, exchange: Exchange, opens: Path | None = None) -> ParticipantWindow:
    window = ParticipantWindow(
        exchange.participant,
        exchange.catalog,
        autosave_ms=AUTOSAVE_MS,
        choose_invitation=lambda _parent: opens,
        choose_path=lambda _parent, name: exchange.tmp / name,
    )
    show(window)
    return window


def drop(window: QWidget, path: Path) -> QDropEvent:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    actions = Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(50, 50), actions, data, buttons, keys)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(50, 50), actions, data, buttons, keys)
    QApplication.sendEvent(window, event)
    return event


def test_an_invitation_opened_from_the_menu_shows_the_cohort(
    qtbot: QtBot, show: Show, shoot: Shoot, exchange: Exchange
) -> None:
    invitation = exchange.invitation()
    window = make_window(show, exchange, opens=invitation)
    assert window.pages.currentWidget() is window.welcome
    shoot(window, "participant-welcome")
    open_action = window.menuBar().actions()[0].menu().actions()[0]
    assert open_action.text() == "&Open invitation…"
    open_action.trigger()

    assert window.windowTitle() == "cofacilitator: Spring cohort"
    assert "Spring cohort" in window.header.cohort.text()
    assert "Ada Lovelace" in window.header.person.text()
    contacts = window.header.facilitators.text()
    assert "Noor Haddad (facilitator): noor@example.org" in contacts
    assert "Jonas Berg (co-facilitator): jonas@example.org" in contacts
    labels = [window.assignment_list.item(r).text() for r in range(window.assignment_list.count())]
    assert labels[0] == "Session 1: Community background\n— not started"
    assert len(labels) == 4
    assert window.browser.module_list.count() == 4
    shoot(window, "participant-assignments")

    with exchange.participant.session_factory() as s:
        cohort = s.scalars(select(Cohort)).one()
        with exchange.facilitator.session_factory() as f:
            assert cohort.uid == f.get_one(Cohort, exchange.cohort_id).uid
        assert s.scalar(select(func.count()).select_from(Participant)) == 1
        assert s.scalar(select(func.count()).select_from(SessionRun)) == 4


def test_a_dropped_invitation_opens_and_typing_makes_a_draft(
    qtbot: QtBot, show: Show, exchange: Exchange
) -> None:
    window = make_window(show, exchange)
    event = drop(window, exchange.invitation())
    assert event.isAccepted()
    assert window.profile is not None
    form = window.show_assignment("community-narrative")
    pathways = form.fields["pathways"]
    assert isinstance(pathways, ListField)
    pathways.new_item.setFocus()
    qtbot.keyClicks(pathways.new_item, "Mentoring")
    qtbot.keyClick(pathways.new_item, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: window.assignment_list.item(0).text().endswith("\n✎ draft"), timeout=1000
    )
    assert load_profile(exchange.participant, window.profile.participant_id, exchange.catalog)


def test_opening_it_again_changes_nothing_and_keeps_answers(
    qtbot: QtBot, show: Show, exchange: Exchange
) -> None:
    invitation = exchange.invitation()
    window = make_window(show, exchange)
    assert window.open_invitation_file(invitation)
    window.form("community-narrative").fields["pathways"].set_value(["Mentoring"])
    window.form("community-narrative").fields["pathways"].changed.emit()
    window.form("community-narrative").flush()
    assert window.open_invitation_file(invitation)
    assert window.form("community-narrative").values() == {"pathways": ["Mentoring"]}
    with exchange.participant.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Cohort)) == 1


def test_a_file_that_is_no_invitation_is_explained(
    qtbot: QtBot, show: Show, exchange: Exchange
) -> None:
    notes = exchange.tmp / "notes.txt"
    notes.write_text("just some notes", encoding="utf-8")
    window = make_window(show, exchange)
    assert not window.open_invitation_file(notes)
    assert window.problem.isVisible()
    assert "notes.txt is not a cofacilitator invitation" in window.problem.text()
    assert window.pages.currentWidget() is window.welcome
    assert not is_invitation_file(notes)
    assert is_invitation_file(exchange.invitation())


def test_participant_mode_needs_no_network(
    qtbot: QtBot, show: Show, exchange: Exchange, monkeypatch: pytest.MonkeyPatch
) -> None:
    invitation = exchange.invitation()

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("participant mode tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    window = make_window(show, exchange)
    assert window.open_invitation_file(invitation)
    window.tabs.setCurrentWidget(window.browser)
    for row in range(window.browser.module_list.count()):
        window.browser.module_list.setCurrentRow(row)
    form = window.show_assignment("community-narrative")
    form.fields["pathways"].set_value(["Mentoring"])
    assert form.share() is not None


def test_a_module_this_app_lacks_is_named(qtbot: QtBot, show: Show, exchange: Exchange) -> None:
    invitation = exchange.invitation()
    fewer = Catalog(exchange.catalog.entries[:3], ())
    window = ParticipantWindow(exchange.participant, fewer, choose_invitation=lambda _p: None)
    show(window)
    assert window.open_invitation_file(invitation)
    assert window.header.notes.isVisible()
    assert "a module this app does not have (community-charter)" in window.header.notes.text()
    assert window.assignment_list.count() == 3


def test_the_guidelines_tab_shows_the_cohorts_own_guidelines(
    qtbot: QtBot, show: Show, exchange: Exchange
) -> None:
    set_guidelines(exchange.facilitator, exchange.cohort_id, "Cameras are optional.")
    window = make_window(show, exchange)
    assert window.open_invitation_file(exchange.invitation())
    bar = window.tabs.tabBar()
    index = next(i for i in range(bar.count()) if bar.tabText(i) == "&Guidelines")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert window.tabs.currentWidget() is window.guidelines
    assert window.guidelines is not None
    assert "Cameras are optional." in window.guidelines.view.toPlainText()

    set_guidelines(exchange.facilitator, exchange.cohort_id, "Cameras are welcome.")
    assert window.open_invitation_file(exchange.invitation())
    text = window.guidelines.view.toPlainText()
    assert "Cameras are welcome." in text
    assert "optional" not in text
