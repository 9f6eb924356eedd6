"""A real migrated SQLite store with a small cohort, and the shipped modules, for the pane tests.

Setting ``COFACILITATOR_PANE_SHOTS`` to a folder makes the ``shoot`` fixture save each pane as a
PNG at the size the runner gives it, so they can be looked at.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from cofacilitator.cohorts import ParticipantDetails, add_participant, create_cohort
from cofacilitator.runs import RunView, ensure_runs
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.sessions.schema import Module
from cofacilitator.store.database import Store
from cofacilitator.ui.events import Events
from cofacilitator.ui.pane_context import CapturePane, PaneContext
from tests.ui.showing import Shoot, shot_saver, show_active

PANE_SIZE = (560, 600)
"""What the runner gives the capture pane of a 1280x720 window."""

NAMES = ("Ada Lovelace", "Ben Okri", "Chloe Zhao", "Dev Patel")


@dataclass(frozen=True)
class Cohort:
    store: Store
    events: Events
    cohort_id: int
    people: dict[str, int]
    """First name -> participant id."""
    modules: dict[int, Module]
    runs: dict[int, RunView]

    def context(self, number: int, segment_id: str) -> PaneContext:
        module = self.modules[number]
        return PaneContext(
            store=self.store,
            events=self.events,
            cohort_id=self.cohort_id,
            run_id=self.runs[number].id,
            module=module,
            segment=module.segment(segment_id),
        )


@pytest.fixture(scope="session")
def modules_by_number(catalog: Catalog) -> dict[int, Module]:
    return {module.number: module for module in catalog.modules}


@pytest.fixture
def cohort(store: Store, modules_by_number: dict[int, Module]) -> Cohort:
    made = create_cohort(store, "Autumn cohort", timezone="Europe/London")
    people = {
        name.split()[0]: add_participant(store, made.id, ParticipantDetails(name)).id
        for name in NAMES
    }
    runs = ensure_runs(store, made.id, list(modules_by_number.values()))
    return Cohort(
        store=store,
        events=Events(),
        cohort_id=made.id,
        people=people,
        modules=modules_by_number,
        runs={run.module_number: run for run in runs},
    )


Show = Callable[[CapturePane], CapturePane]


@pytest.fixture
def show(qtbot: QtBot) -> Show:
    """Show a pane at the runner's size, as a window of its own with the focus."""

    def showing(pane: CapturePane) -> CapturePane:
        qtbot.addWidget(pane)
        return show_active(qtbot, pane, PANE_SIZE)

    return showing


@pytest.fixture
def shoot() -> Shoot:
    """Save a widget as a PNG when ``COFACILITATOR_PANE_SHOTS`` names a folder."""
    return shot_saver("COFACILITATOR_PANE_SHOTS")


def pick(qtbot: QtBot, box: QComboBox, text: str) -> None:
    """Choose ``text`` in a combo with the keyboard: Home, then Down until it is current.

    Arrow keys rather than typing, because a combo's type-ahead carries on from the previous
    search when keys come faster than a person types.
    """
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home)
    for _ in range(box.count()):
        if box.currentText().strip() == text:
            return
        qtbot.keyClick(box, Qt.Key.Key_Down)
    raise AssertionError(f"{text!r} is not among {[box.itemText(i) for i in range(box.count())]}")
