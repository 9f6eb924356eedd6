"""Withdrawing someone from a date, and reinstating them: their contributions stay."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cofacilitator.cohorts import get_participant
from cofacilitator.messages import MessageKind, draft_message
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.ui.roster_withdraw import WithdrawControl
from tests.ui.around.around_data import VIEWER, Fresh


def make_control(qtbot: QtBot, fresh: Fresh) -> WithdrawControl:
    control = WithdrawControl(fresh.store, today=lambda: date(2026, 10, 20), viewer_zone=VIEWER)
    qtbot.addWidget(control)
    control.resize(700, 120)
    control.show()
    return control


def test_withdrawing_from_a_date_and_reinstating(
    qtbot: QtBot, fresh: Fresh, shipped_catalog: Catalog
) -> None:
    control = make_control(qtbot, fresh)
    ben = get_participant(fresh.store, fresh.people["Ben"])
    control.set_participant(ben)
    assert "not erasing" in control.explanation.text()
    assert control.withdraw_button.isVisible()
    assert not control.reinstate_button.isVisible()

    with qtbot.waitSignal(control.withdrawal_changed) as changed:
        qtbot.mouseClick(control.withdraw_button, Qt.MouseButton.LeftButton)

    assert changed.args == [ben.id]
    stored = get_participant(fresh.store, ben.id)
    # Midnight in Berlin on 20 October (summer time) is 22:00 UTC the day before.
    assert stored.withdrawn_at == datetime(2026, 10, 19, 22, 0)
    assert control.reinstate_button.isVisible()
    assert control.explanation.text().startswith("Ben Okri is withdrawn from Tue 20 Oct 2026.")
    draft = draft_message(
        fresh.store,
        fresh.runs[0].id,
        MessageKind.REMINDER,
        shipped_catalog,
        now=datetime(2026, 10, 21, 9, 0),
    )
    assert ben.id not in draft.recipient_ids

    qtbot.mouseClick(control.reinstate_button, Qt.MouseButton.LeftButton)
    assert get_participant(fresh.store, ben.id).withdrawn_at is None
    assert control.withdraw_button.isVisible()


def test_nobody_chosen_offers_nothing(qtbot: QtBot, fresh: Fresh) -> None:
    control = make_control(qtbot, fresh)
    assert not control.withdraw_button.isEnabled()
    assert control.explanation.text().startswith("Choose someone on the roster")
