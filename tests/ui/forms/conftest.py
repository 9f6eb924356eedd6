"""Both ends of the assignment exchange in real SQLite stores, for the form and import tests.

The facilitator's store holds a cohort with a roster; the participant's store is empty until an
invitation is opened in it, as on a participant's own laptop. Both are copies of one database
migrated once per test session with the real migrations. Setting ``COFACILITATOR_FORM_SHOTS`` to a
folder makes ``shoot`` save widgets as PNGs, to look at them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cofacilitator.cohorts import Facilitator, ParticipantDetails, add_participant, create_cohort
from cofacilitator.invitation import accept_invitation, invitation_for, write_invitation
from cofacilitator.paths import shipped_modules_dir
from cofacilitator.sessions.catalog import Catalog, load_catalog
from cofacilitator.sessions.schema import Module
from cofacilitator.store.database import Store, open_store

AUTOSAVE_MS = 150
WINDOW_SIZE = (1280, 720)


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


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(shipped_modules_dir(), None)


@pytest.fixture(scope="session")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("migrated") / "template.sqlite"
    open_store(f"sqlite:///{path}").dispose()
    return path


def _copy(template: Path, target: Path) -> Store:
    shutil.copyfile(template, target)
    return open_store(f"sqlite:///{target}", migrate=False)


@pytest.fixture
def exchange(tmp_path: Path, migrated: Path, catalog: Catalog) -> Iterator[Exchange]:
    facilitator = _copy(migrated, tmp_path / "facilitator.sqlite")
    participant = _copy(migrated, tmp_path / "participant.sqlite")
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
    yield Exchange(facilitator, participant, catalog, cohort.id, ada, ben, tmp_path)
    facilitator.dispose()
    participant.dispose()


Show = Callable[[QWidget], QWidget]
Shoot = Callable[[QWidget, str], None]


@pytest.fixture
def show(qtbot: QtBot) -> Show:
    """Show a widget as a 1280x720 window with the focus."""

    def showing(widget: QWidget) -> QWidget:
        qtbot.addWidget(widget)
        widget.resize(*WINDOW_SIZE)
        widget.show()
        qtbot.waitExposed(widget)
        widget.activateWindow()
        qtbot.waitUntil(widget.isActiveWindow)
        return widget

    return showing


@pytest.fixture
def shoot() -> Shoot:
    def saving(widget: QWidget, name: str) -> None:
        folder = os.environ.get("COFACILITATOR_FORM_SHOTS")
        if folder:
            QApplication.processEvents()
            Path(folder).mkdir(parents=True, exist_ok=True)
            widget.grab().save(str(Path(folder) / f"{name}.png"))

    return saving
