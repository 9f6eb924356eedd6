"""A participant's side of a cohort: what their app shows after they open an invitation.

A participant's answers live in the same kind of store as a facilitator's, under a cohort with the
invitation's cohort uid that holds only them. Opening the invitation creates that cohort (or
refreshes it: the facilitators' contacts or the guidelines may have changed) and one session run
per module of the series that this app has, so the app knows the series from the store alone the
next time. What comes back is plain data for the participant window: who they are, who to write
to, which modules, and where each assignment stands.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from cofacilitator.cohorts import Facilitator
from cofacilitator.invitation import (
    Invitation,
    InvitationRefusalKind,
    InvitationRefused,
    accept_invitation,
    read_invitation,
)
from cofacilitator.runs import ensure_runs
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.sessions.schema import Module
from cofacilitator.store.database import Store
from cofacilitator.store.models import (
    AssignmentResponse,
    Cohort,
    Participant,
    ResponseStatus,
    SessionRun,
)


@dataclass(frozen=True)
class AssignmentStanding:
    """Where one of the participant's assignments stands; ``status`` None: not started."""

    module: Module
    status: ResponseStatus | None
    version: int
    updated_at: datetime | None
    submitted_at: datetime | None


@dataclass(frozen=True)
class ParticipantProfile:
    cohort_id: int
    cohort_uid: str
    cohort_name: str
    participant_id: int
    participant_name: str
    facilitators: tuple[Facilitator, ...]
    assignments: tuple[AssignmentStanding, ...]
    """The series' modules this app has, in session order, whether or not they have an
    assignment (the participant reads them all)."""
    notes: tuple[str, ...] = ()
    """Things the participant should know, in plain sentences (a module this app lacks)."""

    @property
    def modules(self) -> tuple[Module, ...]:
        return tuple(standing.module for standing in self.assignments)


def open_invitation(store: Store, path: Path, catalog: Catalog) -> ParticipantProfile:
    """Read the invitation in ``path`` and join its cohort; ``InvitationRefused`` if it is none."""
    return join_cohort(store, read_invitation(path), catalog)


def join_cohort(store: Store, invitation: Invitation, catalog: Catalog) -> ParticipantProfile:
    """Create or refresh the invitation's cohort, participant and runs in ``store``."""
    joined = accept_invitation(store, invitation)
    modules: list[Module] = []
    notes: list[str] = []
    for ref in invitation.modules:
        module = catalog.get(ref.id)
        if module is None:
            notes.append(
                f"The series includes a module this app does not have ({ref.id}); ask your "
                "facilitator for its module file."
            )
            continue
        modules.append(module)
        if module.version < ref.version:
            notes.append(
                f"Your facilitator has a newer version of “{module.title}”; update the app or "
                "ask them for the module file."
            )
    ensure_runs(store, joined.cohort_id, modules)
    profile = load_profile(store, joined.participant_id, catalog)
    return replace(profile, notes=tuple(notes))


def load_profile(store: Store, participant_id: int, catalog: Catalog) -> ParticipantProfile:
    """The profile from the store alone: the cohort's runs decide which modules are shown."""
    with store.session_factory() as s:
        participant = s.get_one(Participant, participant_id)
        cohort = s.get_one(Cohort, participant.cohort_id)
        module_ids = s.scalars(
            select(SessionRun.module_id)
            .where(SessionRun.cohort_id == cohort.id)
            .order_by(SessionRun.module_number)
        ).all()
        responses = {
            r.module_id: r
            for r in s.scalars(
                select(AssignmentResponse).where(
                    AssignmentResponse.participant_id == participant_id
                )
            )
        }
        standings = []
        for module_id in module_ids:
            module = catalog.get(module_id)
            if module is None:
                continue
            response = responses.get(module_id)
            standings.append(
                AssignmentStanding(
                    module=module,
                    status=response.status if response else None,
                    version=response.version if response else 0,
                    updated_at=response.updated_at if response else None,
                    submitted_at=response.submitted_at if response else None,
                )
            )
        return ParticipantProfile(
            cohort_id=cohort.id,
            cohort_uid=cohort.uid,
            cohort_name=cohort.name,
            participant_id=participant.id,
            participant_name=participant.display_name,
            facilitators=tuple(
                Facilitator.from_json(f) for f in cohort.facilitators if isinstance(f, dict)
            ),
            assignments=tuple(standings),
        )


def is_invitation_file(path: Path) -> bool:
    """Whether ``path`` holds an invitation (even a damaged one), rather than anything else.

    The app opens invitations in participant mode and every other file as a hand-back to
    import; a damaged or newer invitation still goes to participant mode, which explains it.
    """
    try:
        read_invitation(path)
    except InvitationRefused as refusal:
        return refusal.reason_kind not in (
            InvitationRefusalKind.NOT_AN_INVITATION,
            InvitationRefusalKind.UNREADABLE,
            InvitationRefusalKind.OVERSIZED,
        )
    return True
