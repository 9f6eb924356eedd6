"""Both ends of the assignment exchange in real SQLite stores, for the form and import tests.

The facilitator's store holds a cohort with a roster; the participant's store is empty until an
invitation is opened in it, as on a participant's own laptop. Both are copies of one database
migrated once per test session with the real migrations. Setting ``COFACILITATOR_FORM_SHOTS`` to a
folder makes ``shoot`` save widgets as PNGs, to look at them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from cofacilitator.cohorts import Facilitator, ParticipantDetails, add_participant, create_cohort
from cofacilitator.invitation import accept_invitation, invitation_for, write_invitation
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.sessions.schema import Module
from cofacilitator.store.database import Store
from tests.conftest import StoreCopier
from tests.ui.showing import Shoot, shot_saver, show_active

AUTOSAVE_MS = 150


@dataclass(frozen=True)
class Exchange:
    facilitator: Store
    participant: Store
    catalog: Catalog
    cohort_id: int
    ada: int
    """Ada's id in the facilitator's store."""
    ben: int
    tmp: Path

    def module(self, number: int) -> Module:
        return next(m for m in self.catalog.modules if m.number == number)

    def invitation(self, person_id: int | None = None) -> Path:
        """Ada's (or someone's) invitation file, as the facilitator sends it."""
        path = self.tmp / f"invitation-{person_id or self.ada}.cofacilitator.json"
        write_invitation(
            self.facilitator, self.cohort_id, person_id or self.ada, self.catalog, path
        )
        return path

    def join(self) -> int:
        """Ada's id in her own store, once her invitation is opened there."""
        invitation = invitation_for(self.facilitator, self.cohort_id, self.ada, self.catalog)
        return accept_invitation(self.participant, invitation).participant_id


@pytest.fixture
def exchange(tmp_path: Path, store_copy: StoreCopier, catalog: Catalog) -> Exchange:
    facilitator = store_copy("facilitator.sqlite")
    participant = store_copy("participant.sqlite")
    cohort = create_cohort(
        facilitator,
        "Spring cohort",
        facilitators=(
            Facilitator("Noor Haddad", "noor@example.org", "facilitator"),
            Facilitator("Jonas Berg", "jonas@example.org", "co-facilitator"),
        ),
    )
    ada = add_participant(facilitator, cohort.id, ParticipantDetails("Ada Lovelace")).id
    ben = add_participant(facilitator, cohort.id, ParticipantDetails("Ben Okri")).id
    return Exchange(facilitator, participant, catalog, cohort.id, ada, ben, tmp_path)


Show = Callable[[QWidget], QWidget]


@pytest.fixture
def show(qtbot: QtBot) -> Show:
    """Show a widget as a 1280x720 window with the focus."""

    def showing(widget: QWidget) -> QWidget:
        qtbot.addWidget(widget)
        return show_active(qtbot, widget)

    return showing


@pytest.fixture
def shoot() -> Shoot:
    return shot_saver("COFACILITATOR_FORM_SHOTS")
