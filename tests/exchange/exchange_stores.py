"""Setting up both ends of the exchange in real stores, and reading back what an import changed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from cofacilitator.assignment_store import submit
from cofacilitator.handback import write_handback
from cofacilitator.invitation import accept_invitation, invitation_for
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.sessions.schema import Module
from cofacilitator.store.database import Store
from cofacilitator.store.models import AssignmentResponse, AssignmentVersion, Cohort, Participant


@dataclass(frozen=True)
class Roster:
    cohort_id: int
    cohort_uid: str
    ada: int
    ada_uid: str
    ben: int


def add_roster(store: Store, cohort_name: str = "Spring cohort") -> Roster:
    with store.session_factory() as s, s.begin():
        cohort = Cohort(
            name=cohort_name,
            facilitators=[{"name": "Sam", "contact": "sam@example.org", "role": "facilitator"}],
        )
        ada = Participant(display_name="Ada Lovelace")
        ben = Participant(display_name="Ben")
        cohort.participants.extend([ada, ben])
        s.add(cohort)
        s.flush()
        return Roster(cohort.id, cohort.uid, ada.id, ada.uid, ben.id)


def join(
    facilitator_store: Store,
    participant_store: Store,
    roster: Roster,
    participant_id: int,
    catalog: Catalog,
) -> int:
    """The participant's id in their own store, after opening their invitation there."""
    invitation = invitation_for(facilitator_store, roster.cohort_id, participant_id, catalog)
    return accept_invitation(participant_store, invitation).participant_id


def hand_back(
    store: Store, participant_id: int, module: Module, values: dict[str, Any], path: Path
) -> Path:
    """Submit ``values`` and write the hand-back file, as the participant's app does."""
    submit(store, participant_id, module, values)
    write_handback(store, participant_id, module, path)
    return path


def row_counts(store: Store) -> tuple[int, int]:
    """(responses, history entries): everything an import may change."""
    with store.session_factory() as s:
        responses = s.scalar(select(func.count()).select_from(AssignmentResponse)) or 0
        versions = s.scalar(select(func.count()).select_from(AssignmentVersion)) or 0
        return responses, versions
