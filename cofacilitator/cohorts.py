"""Cohorts and their rosters: the people a facilitator runs the four sessions with.

Every function is one short unit of work on the store and hands back plain frozen views, so the
UI can show the result and announce the change without holding ORM objects. Unknown ids raise
``sqlalchemy.exc.NoResultFound``; a name that cannot be accepted raises a ``ValueError`` whose
message can be shown to the facilitator as it is. Roster files are read in ``roster_csv``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cofacilitator.name_matching import name_key
from cofacilitator.store.database import Store
from cofacilitator.store.models import Cohort, Membership, Participant, utcnow


@dataclass(frozen=True)
class Facilitator:
    """Someone who runs the calls; carried in invitations so participants can reach them.

    ``role`` tells the facilitator from the co-facilitator in the cohort's list.
    """

    name: str
    contact: str = ""
    role: str = "facilitator"

    def as_json(self) -> dict[str, str]:
        return {"name": self.name, "contact": self.contact, "role": self.role}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Facilitator:
        return cls(
            name=str(data.get("name", "")),
            contact=str(data.get("contact", "")),
            role=str(data.get("role", "facilitator")),
        )


@dataclass(frozen=True)
class CohortView:
    id: int
    uid: str
    name: str
    description: str
    membership: Membership
    facilitators: tuple[Facilitator, ...]
    guidelines: str
    timezone: str
    archived: bool
    created_at: datetime
    participant_count: int
    """People on the roster who have not withdrawn."""


@dataclass(frozen=True)
class ParticipantDetails:
    """What a facilitator types (or a roster file holds) about a person before they are stored."""

    display_name: str
    role: str = ""
    handles: str = ""
    pronouns: str = ""
    email: str = ""
    consent_named: bool = False


@dataclass(frozen=True)
class ParticipantView:
    id: int
    uid: str
    cohort_id: int
    display_name: str
    role: str
    handles: str
    pronouns: str
    email: str
    consent_named: bool
    is_walk_in: bool
    withdrawn_at: datetime | None
    created_at: datetime

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None

    @classmethod
    def of(cls, p: Participant) -> ParticipantView:
        return cls(
            id=p.id,
            uid=p.uid,
            cohort_id=p.cohort_id,
            display_name=p.display_name,
            role=p.role,
            handles=p.handles,
            pronouns=p.pronouns,
            email=p.email,
            consent_named=p.consent_named,
            is_walk_in=p.is_walk_in,
            withdrawn_at=p.withdrawn_at,
            created_at=p.created_at,
        )


# ------------------------------------------------------------------------------------ cohorts


def create_cohort(
    store: Store,
    name: str,
    *,
    description: str = "",
    membership: Membership = Membership.OPEN,
    facilitators: Sequence[Facilitator] = (),
    guidelines: str = "",
    timezone: str = "UTC",
) -> CohortView:
    clean = _cohort_name(name)
    with store.session_factory() as s, s.begin():
        _refuse_taken_name(s, clean)
        cohort = Cohort(
            name=clean,
            description=description,
            membership=membership,
            facilitators=[f.as_json() for f in facilitators],
            guidelines=guidelines,
            timezone=timezone,
        )
        s.add(cohort)
        s.flush()
        return _cohort_view(s, cohort)


def rename_cohort(store: Store, cohort_id: int, name: str) -> CohortView:
    clean = _cohort_name(name)
    with store.session_factory() as s, s.begin():
        cohort = s.get_one(Cohort, cohort_id)
        if cohort.name != clean:
            _refuse_taken_name(s, clean)
            cohort.name = clean
        return _cohort_view(s, cohort)


def update_cohort(
    store: Store,
    cohort_id: int,
    *,
    description: str | None = None,
    membership: Membership | None = None,
    facilitators: Sequence[Facilitator] | None = None,
    guidelines: str | None = None,
    timezone: str | None = None,
) -> CohortView:
    """Change the details given; ``None`` leaves a detail as it is."""
    with store.session_factory() as s, s.begin():
        cohort = s.get_one(Cohort, cohort_id)
        if description is not None:
            cohort.description = description
        if membership is not None:
            cohort.membership = membership
        if facilitators is not None:
            cohort.facilitators = [f.as_json() for f in facilitators]
        if guidelines is not None:
            cohort.guidelines = guidelines
        if timezone is not None:
            cohort.timezone = timezone
        return _cohort_view(s, cohort)


def archive_cohort(store: Store, cohort_id: int, archived: bool = True) -> CohortView:
    """Archiving hides a finished cohort from the daily list; nothing is deleted."""
    with store.session_factory() as s, s.begin():
        cohort = s.get_one(Cohort, cohort_id)
        cohort.archived = archived
        return _cohort_view(s, cohort)


def get_cohort(store: Store, cohort_id: int) -> CohortView:
    with store.session_factory() as s:
        return read_cohort(s, cohort_id)


def read_cohort(s: Session, cohort_id: int) -> CohortView:
    """The query behind :func:`get_cohort`, inside a unit of work that reads more."""
    return _cohort_view(s, s.get_one(Cohort, cohort_id))


def find_cohort(store: Store, name: str) -> CohortView | None:
    """The cohort called ``name`` as typed, or else the first by name that it names with
    accents, case and spacing aside (names are unique, but only as spelled)."""
    wanted = name.strip()
    with store.session_factory() as s:
        cohorts = list(s.scalars(select(Cohort).order_by(Cohort.name)))
        cohort = next((c for c in cohorts if c.name == wanted), None) or next(
            (c for c in cohorts if name_key(c.name) == name_key(wanted)), None
        )
        return None if cohort is None else _cohort_view(s, cohort)


def list_cohorts(store: Store, *, include_archived: bool = False) -> list[CohortView]:
    """Cohorts by name, with their active roster size counted in the same read."""
    with store.session_factory() as s:
        query = select(Cohort).order_by(Cohort.name)
        if not include_archived:
            query = query.where(Cohort.archived.is_(False))
        cohorts = list(s.scalars(query))
        counts = dict(
            s.execute(
                select(Participant.cohort_id, func.count())
                .where(Participant.withdrawn_at.is_(None))
                .group_by(Participant.cohort_id)
            ).all()
        )
        return [_cohort_view(s, c, counts.get(c.id, 0)) for c in cohorts]


# ------------------------------------------------------------------------------------- roster


def add_participant(store: Store, cohort_id: int, details: ParticipantDetails) -> ParticipantView:
    clean = checked_details(details)
    with store.session_factory() as s, s.begin():
        s.get_one(Cohort, cohort_id)
        participant = new_participant(cohort_id, clean)
        s.add(participant)
        s.flush()
        return ParticipantView.of(participant)


def add_walk_in(store: Store, cohort_id: int, display_name: str) -> ParticipantView:
    """Someone who turned up without being on the roster; details can be filled in later."""
    clean = checked_details(ParticipantDetails(display_name))
    with store.session_factory() as s, s.begin():
        s.get_one(Cohort, cohort_id)
        participant = new_participant(cohort_id, clean)
        participant.is_walk_in = True
        s.add(participant)
        s.flush()
        return ParticipantView.of(participant)


def update_participant(
    store: Store, participant_id: int, details: ParticipantDetails
) -> ParticipantView:
    """Replace a person's details with ``details`` (the edit form holds all of them)."""
    clean = checked_details(details)
    with store.session_factory() as s, s.begin():
        participant = s.get_one(Participant, participant_id)
        participant.display_name = clean.display_name
        participant.role = clean.role
        participant.handles = clean.handles
        participant.pronouns = clean.pronouns
        participant.email = clean.email
        participant.consent_named = clean.consent_named
        return ParticipantView.of(participant)


def withdraw_participant(
    store: Store, participant_id: int, at: datetime | None = None
) -> ParticipantView:
    """Take someone off the active roster while keeping what they contributed."""
    with store.session_factory() as s, s.begin():
        participant = s.get_one(Participant, participant_id)
        if participant.withdrawn_at is None:
            participant.withdrawn_at = at or utcnow()
        return ParticipantView.of(participant)


def reinstate_participant(store: Store, participant_id: int) -> ParticipantView:
    with store.session_factory() as s, s.begin():
        participant = s.get_one(Participant, participant_id)
        participant.withdrawn_at = None
        return ParticipantView.of(participant)


def list_participants(
    store: Store, cohort_id: int, *, include_withdrawn: bool = True
) -> list[ParticipantView]:
    """The roster in the order people were added, which is the order the facilitator knows."""
    with store.session_factory() as s:
        query = select(Participant).where(Participant.cohort_id == cohort_id)
        if not include_withdrawn:
            query = query.where(Participant.withdrawn_at.is_(None))
        return [ParticipantView.of(p) for p in s.scalars(query.order_by(Participant.id))]


def find_participants_by_name(store: Store, cohort_id: int, name: str) -> list[ParticipantView]:
    """Everyone on the roster (withdrawn or not) called ``name``, case and surrounding spaces
    aside; just the one spelled exactly so, when there is one. One person is the match; none or
    several leave the choice to whoever typed the name."""
    wanted = name.strip().casefold()
    roster = list_participants(store, cohort_id, include_withdrawn=True)
    matches = [p for p in roster if p.display_name.strip().casefold() == wanted]
    exact = [p for p in matches if p.display_name == name]
    return exact if len(exact) == 1 else matches


def get_participant(store: Store, participant_id: int) -> ParticipantView:
    with store.session_factory() as s:
        return ParticipantView.of(s.get_one(Participant, participant_id))


# ------------------------------------------------- shared with the roster file (roster_csv)

_LIMITS = {"display_name": 200, "role": 200, "handles": 300, "pronouns": 50, "email": 254}
_LABELS = {"display_name": "name", "email": "e-mail"}


def checked_details(details: ParticipantDetails) -> ParticipantDetails:
    """Trimmed details, or a ValueError saying what to fix, in words a facilitator uses."""
    clean = ParticipantDetails(
        display_name=details.display_name.strip(),
        role=details.role.strip(),
        handles=details.handles.strip(),
        pronouns=details.pronouns.strip(),
        email=details.email.strip(),
        consent_named=details.consent_named,
    )
    if not clean.display_name:
        raise ValueError("the name is empty")
    for attribute, limit in _LIMITS.items():
        if len(getattr(clean, attribute)) > limit:
            label = _LABELS.get(attribute, attribute)
            raise ValueError(f"the {label} is longer than {limit} characters")
    if clean.email and not _looks_like_email(clean.email):
        raise ValueError(f"{clean.email!r} is not an e-mail address")
    return clean


def _looks_like_email(text: str) -> bool:
    local, at, domain = text.rpartition("@")
    return bool(at and local and "." in domain and not domain.startswith(".")) and " " not in text


def new_participant(cohort_id: int, details: ParticipantDetails) -> Participant:
    """A roster entry for checked details, not yet added to a session."""
    return Participant(
        cohort_id=cohort_id,
        display_name=details.display_name,
        role=details.role,
        handles=details.handles,
        pronouns=details.pronouns,
        email=details.email,
        consent_named=details.consent_named,
    )


def _cohort_name(name: str) -> str:
    clean = name.strip()
    if not clean:
        raise ValueError("a cohort needs a name")
    if len(clean) > 200:
        raise ValueError("a cohort name is at most 200 characters")
    return clean


def _refuse_taken_name(s: Session, name: str) -> None:
    if s.scalar(select(Cohort.id).where(Cohort.name == name)) is not None:
        raise ValueError(f"there is already a cohort called {name!r}")


def _cohort_view(s: Session, cohort: Cohort, participant_count: int | None = None) -> CohortView:
    if participant_count is None:
        participant_count = (
            s.scalar(
                select(func.count())
                .select_from(Participant)
                .where(Participant.cohort_id == cohort.id, Participant.withdrawn_at.is_(None))
            )
            or 0
        )
    return CohortView(
        id=cohort.id,
        uid=cohort.uid,
        name=cohort.name,
        description=cohort.description,
        membership=cohort.membership,
        facilitators=tuple(Facilitator.from_json(f) for f in cohort.facilitators),
        guidelines=cohort.guidelines,
        timezone=cohort.timezone,
        archived=cohort.archived,
        created_at=cohort.created_at,
        participant_count=participant_count,
    )
