"""Each cohort's participation guidelines, and who has acknowledged them (on a call or in the app).

The guidelines are Markdown. A cohort that has not written its own stores nothing and reads the
shipped default (``resources/templates/guidelines.md``), so an improved default reaches every such
cohort; saving text identical to the default, or nothing, goes back to following it.

An acknowledgement is one per participant: the latest one (how and when) replaces an earlier one,
for instance when a person who said yes on the call later confirms in the app after a change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select

from cofacilitator.paths import resources_dir
from cofacilitator.store.database import Store
from cofacilitator.store.models import Acknowledgement, Cohort, Participant, utcnow


class AcknowledgedHow(StrEnum):
    CALL = "call"
    """Said so on the call; the facilitator ticked it."""
    APP = "app"
    """Confirmed in the participant's own app."""


@dataclass(frozen=True)
class CohortGuidelines:
    cohort_id: int
    text: str
    is_default: bool


@dataclass(frozen=True)
class AcknowledgementView:
    participant_id: int
    display_name: str
    how: AcknowledgedHow
    at: datetime


@dataclass(frozen=True)
class PendingPerson:
    participant_id: int
    display_name: str


@dataclass(frozen=True)
class AcknowledgementRoll:
    """The active roster split into those who have acknowledged the guidelines and the rest."""

    acknowledged: tuple[AcknowledgementView, ...]
    pending: tuple[PendingPerson, ...]


def default_guidelines() -> str:
    return (resources_dir() / "templates" / "guidelines.md").read_text(encoding="utf-8")


def get_guidelines(store: Store, cohort_id: int) -> CohortGuidelines:
    with store.session_factory() as s:
        own = s.get_one(Cohort, cohort_id).guidelines
    if own.strip():
        return CohortGuidelines(cohort_id, own, is_default=False)
    return CohortGuidelines(cohort_id, default_guidelines(), is_default=True)


def set_guidelines(store: Store, cohort_id: int, text: str) -> CohortGuidelines:
    """Keep the cohort's own guidelines; blank or default text returns to the default."""
    default = default_guidelines()
    own = "" if _same_text(text, default) else text.strip("\n") + "\n"
    with store.session_factory() as s, s.begin():
        s.get_one(Cohort, cohort_id).guidelines = own
    return CohortGuidelines(cohort_id, own or default, is_default=not own)


def acknowledge(
    store: Store, participant_id: int, how: AcknowledgedHow | str, *, at: datetime | None = None
) -> AcknowledgementView:
    """Record that a participant has read and agreed to the guidelines."""
    try:
        manner = AcknowledgedHow(how)
    except ValueError:
        raise ValueError(
            f"An acknowledgement is made on the call or in the app, not {how!r}."
        ) from None
    with store.session_factory() as s, s.begin():
        person = s.get_one(Participant, participant_id)
        record = s.scalar(
            select(Acknowledgement).where(Acknowledgement.participant_id == participant_id)
        )
        if record is None:
            record = Acknowledgement(participant_id=participant_id)
            s.add(record)
        record.how = manner.value
        record.at = at or utcnow()
        return AcknowledgementView(person.id, person.display_name, manner, record.at)


def clear_acknowledgement(store: Store, participant_id: int) -> bool:
    """Undo an acknowledgement ticked by mistake; False when there was none."""
    with store.session_factory() as s, s.begin():
        record = s.scalar(
            select(Acknowledgement).where(Acknowledgement.participant_id == participant_id)
        )
        if record is None:
            return False
        s.delete(record)
        return True


def acknowledgement_roll(store: Store, cohort_id: int) -> AcknowledgementRoll:
    """Who on the active roster has acknowledged, and who has not yet, in roster order."""
    with store.session_factory() as s:
        s.get_one(Cohort, cohort_id)
        rows = s.execute(
            select(Participant, Acknowledgement)
            .outerjoin(Acknowledgement, Acknowledgement.participant_id == Participant.id)
            .where(Participant.cohort_id == cohort_id, Participant.withdrawn_at.is_(None))
            .order_by(Participant.id)
        ).all()
        acknowledged = []
        pending = []
        for person, record in rows:
            if record is None:
                pending.append(PendingPerson(person.id, person.display_name))
            else:
                acknowledged.append(
                    AcknowledgementView(
                        person.id, person.display_name, AcknowledgedHow(record.how), record.at
                    )
                )
        return AcknowledgementRoll(tuple(acknowledged), tuple(pending))


def _same_text(text: str, default: str) -> bool:
    """Blank, or the default give or take line endings and surrounding blank lines."""
    clean = text.replace("\r\n", "\n").strip()
    return not clean or clean == default.replace("\r\n", "\n").strip()
