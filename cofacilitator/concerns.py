"""Concerns raised with the facilitators: a private duty-of-care record, and the file bringing one.

A concern is for the facilitators only. Nothing here feeds an export or a participant's screen: the
export code never reads this table, and a participant's own data export (``privacy.py``) shows
only the concerns they raised, never one raised about them nor by whom.

A participant raises one privately from their own app, which writes a small concern file bound to
their cohort's uid and their own (from the invitation); the facilitator imports it here. The file
is refused whole, with a reason, unless it is well formed, of a sensible size and belongs to a
cohort and a person in this store; importing the same file twice adds nothing.

Who raised a concern is a participant on the roster, a facilitator who observed something, or
someone anonymous; the store keeps which, beside the link to the participant.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from cofacilitator.atomic_write import write_text_atomic
from cofacilitator.carried_file import (
    Damaged,
    FileRefused,
    NewerFormat,
    NotThisFormat,
    file_label,
    json_document,
    read_limited,
    time_for_file,
    time_from_file,
)
from cofacilitator.invitation import Invitation
from cofacilitator.store.database import Store
from cofacilitator.store.models import (
    AuthorKind,
    Cohort,
    Concern,
    ConcernStatus,
    Participant,
    utcnow,
)

FORMAT = "cofacilitator-concern"
FORMAT_VERSION = 1
MAX_BYTES = 64 * 1024
TEXT_LIMIT = 10_000
ABOUT_LIMIT = 200
HANDLER_LIMIT = 200
_UID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


RaisedBy = AuthorKind
"""Who raised a concern; FACILITATOR means a facilitator observed it. The store's own enum, so
what is saved is what reads back."""


class ConcernError(ValueError):
    """A concern that cannot be saved as given; the message says why."""


@dataclass(frozen=True)
class ConcernDetails:
    """What the facilitator's concern form holds; editing replaces all of it."""

    what: str
    raised_by: RaisedBy = RaisedBy.ANONYMOUS
    raised_by_id: int | None = None
    about_id: int | None = None
    happened_at: datetime | None = None
    actions: str = ""
    status: ConcernStatus = ConcernStatus.OPEN
    handler: str = ""
    """Which facilitator handles it."""


@dataclass(frozen=True)
class ConcernView:
    id: int
    cohort_id: int
    raised_by: RaisedBy
    raised_by_id: int | None
    raised_by_name: str
    about_id: int | None
    about_name: str
    happened_at: datetime | None
    what: str
    actions: str
    status: ConcernStatus
    handler: str
    created_at: datetime
    updated_at: datetime


# ------------------------------------------------------------------------------ the record


def record_concern(store: Store, cohort_id: int, details: ConcernDetails) -> ConcernView:
    with store.session_factory() as s, s.begin():
        s.get_one(Cohort, cohort_id)
        _check(s, cohort_id, details)
        concern = Concern(cohort_id=cohort_id)
        _apply(concern, details)
        s.add(concern)
        s.flush()
        return _view(s, concern)


def edit_concern(store: Store, concern_id: int, details: ConcernDetails) -> ConcernView:
    with store.session_factory() as s, s.begin():
        concern = s.get_one(Concern, concern_id)
        _check(s, concern.cohort_id, details)
        _apply(concern, details)
        concern.updated_at = utcnow()
        return _view(s, concern)


def set_concern_status(
    store: Store, concern_id: int, status: ConcernStatus, *, action: str = ""
) -> ConcernView:
    """Move a concern on (e.g. to resolved), adding the action taken, if any, to its actions."""
    with store.session_factory() as s, s.begin():
        concern = s.get_one(Concern, concern_id)
        concern.status = status
        if action.strip():
            concern.actions = "\n".join(filter(None, [concern.actions.rstrip(), action.strip()]))
        concern.updated_at = utcnow()
        return _view(s, concern)


def resolve_concern(store: Store, concern_id: int, *, action: str = "") -> ConcernView:
    return set_concern_status(store, concern_id, ConcernStatus.RESOLVED, action=action)


def get_concern(store: Store, concern_id: int) -> ConcernView:
    with store.session_factory() as s:
        return _view(s, s.get_one(Concern, concern_id))


def list_concerns(
    store: Store, cohort_id: int, *, include_resolved: bool = True
) -> list[ConcernView]:
    """Open ones first, then those in progress, then resolved; oldest first within each."""
    order = case(
        {ConcernStatus.OPEN.value: 0, ConcernStatus.IN_PROGRESS.value: 1},
        value=Concern.status,
        else_=2,
    )
    with store.session_factory() as s:
        query = select(Concern).where(Concern.cohort_id == cohort_id)
        if not include_resolved:
            query = query.where(Concern.status != ConcernStatus.RESOLVED)
        concerns = s.scalars(query.order_by(order, Concern.created_at, Concern.id)).all()
        return [_view(s, concern) for concern in concerns]


# ------------------------------------------------------------------------------ the file


class ConcernFileRefusalKind(StrEnum):
    NOT_A_CONCERN_FILE = "not_a_concern_file"
    NEWER_FORMAT = "newer_format"
    MALFORMED = "malformed"
    OVERSIZED = "oversized"
    UNREADABLE = "unreadable"
    OTHER_COHORT = "other_cohort"
    UNKNOWN_PARTICIPANT = "unknown_participant"


class ConcernFileRefused(FileRefused):
    """The one error of reading a concern file; nothing was imported. ``str()`` is the message."""

    reason_kind: ConcernFileRefusalKind


@dataclass(frozen=True)
class ConcernFile:
    cohort_uid: str
    cohort_name: str
    participant_uid: str
    text: str
    about: str
    """Whom it is about, in the participant's words; empty if nobody in particular."""
    happened_at: datetime | None
    created_at: datetime
    """Naive UTC, as in the store."""

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "created_at": time_for_file(self.created_at),
            "cohort": {"uid": self.cohort_uid, "name": self.cohort_name},
            "participant": {"uid": self.participant_uid},
            "about": self.about,
            "happened_at": None if self.happened_at is None else self.happened_at.isoformat(),
            "text": self.text,
        }


@dataclass(frozen=True)
class ImportedConcern:
    concern: ConcernView
    created: bool
    """False when the same file had been imported before; nothing was added then."""


def write_concern_file(
    invitation: Invitation,
    text: str,
    about: str,
    path: Path,
    *,
    happened_at: datetime | None = None,
    now: datetime | None = None,
) -> ConcernFile:
    """The participant's side: the concern, for their facilitators only, as a file to send them.

    It carries no names, only the two uids the facilitator's app needs to file it, so a file
    sent to the wrong place says little about its writer.
    """
    clean = text.strip()
    if not clean:
        raise ConcernError("Write what happened before saving the concern.")
    if len(clean) > TEXT_LIMIT:
        raise ConcernError(f"A concern is limited to {TEXT_LIMIT} characters; please shorten it.")
    if len(about.strip()) > ABOUT_LIMIT:
        raise ConcernError(f"Whom it is about is limited to {ABOUT_LIMIT} characters.")
    document = ConcernFile(
        cohort_uid=invitation.cohort_uid,
        cohort_name=invitation.cohort_name,
        participant_uid=invitation.participant_uid,
        text=clean,
        about=about.strip(),
        happened_at=happened_at,
        created_at=(now or utcnow()).replace(microsecond=0),
    )
    body = json.dumps(document.as_json(), indent=2, ensure_ascii=False) + "\n"
    write_text_atomic(path.expanduser(), body)
    return document


def concern_filename(created_at: datetime) -> str:
    return f"concern-{created_at:%Y-%m-%d}.cofacilitator.json"


def read_concern_file(path: Path) -> ConcernFile:
    """The concern in ``path``, or ``ConcernFileRefused``; never any other exception."""
    data = read_limited(path, MAX_BYTES, oversized=_oversized, unreadable=_unreadable)
    return parse_concern_file(data, source=file_label(path))


def parse_concern_file(data: bytes, *, source: str = "This file") -> ConcernFile:
    if len(data) > MAX_BYTES:
        raise _oversized(source)
    text = data.decode("utf-8-sig", errors="replace")
    try:
        return json_document(text, FORMAT, FORMAT_VERSION, _concern_file_from)
    except NotThisFormat as error:
        raise ConcernFileRefused(
            ConcernFileRefusalKind.NOT_A_CONCERN_FILE,
            f"{source} is not a cofacilitator concern file.",
        ) from error
    except NewerFormat as error:
        raise ConcernFileRefused(
            ConcernFileRefusalKind.NEWER_FORMAT,
            f"{source} was written by a newer version of cofacilitator; update the app to read it.",
        ) from error
    except Damaged as error:
        raise ConcernFileRefused(
            ConcernFileRefusalKind.MALFORMED,
            f"{source} is a damaged concern file ({error}); nothing was imported. Ask the "
            "participant to save it again.",
        ) from error


def import_concern_file(store: Store, path: Path) -> ImportedConcern:
    """File a participant's concern under their cohort, in one transaction or not at all."""
    document = read_concern_file(path)
    name = path.name or str(path)
    with store.session_factory() as s, s.begin():
        cohort = s.scalar(select(Cohort).where(Cohort.uid == document.cohort_uid))
        if cohort is None:
            raise ConcernFileRefused(
                ConcernFileRefusalKind.OTHER_COHORT,
                f"{name} is a concern for the cohort {document.cohort_name!r}, which is not in "
                "this app. It was not imported; it belongs to that cohort's facilitators.",
            )
        raiser = s.scalar(
            select(Participant).where(
                Participant.uid == document.participant_uid, Participant.cohort_id == cohort.id
            )
        )
        if raiser is None:
            raise ConcernFileRefused(
                ConcernFileRefusalKind.UNKNOWN_PARTICIPANT,
                f"{name} was written by someone who is not on the roster of {cohort.name}. "
                "It was not imported.",
            )
        about = _roster_match(s, cohort.id, document.about)
        what = document.text
        if document.about and about is None:
            what = f"About: {document.about}\n\n{what}"
        existing = s.scalar(
            select(Concern).where(
                Concern.cohort_id == cohort.id,
                Concern.raised_by_id == raiser.id,
                Concern.created_at == document.created_at,
                Concern.what == what,
            )
        )
        if existing is not None:
            return ImportedConcern(_view(s, existing), created=False)
        concern = Concern(
            cohort_id=cohort.id,
            raised_by_kind=RaisedBy.PARTICIPANT,
            raised_by_id=raiser.id,
            about_id=about,
            happened_at=document.happened_at,
            what=what,
            status=ConcernStatus.OPEN,
            created_at=document.created_at,
            updated_at=utcnow(),
        )
        s.add(concern)
        s.flush()
        return ImportedConcern(_view(s, concern), created=True)


# ------------------------------------------------------------------------------ details


def _check(s: Session, cohort_id: int, details: ConcernDetails) -> None:
    if not details.what.strip():
        raise ConcernError("Say what happened; a concern cannot be empty.")
    if details.raised_by is RaisedBy.PARTICIPANT:
        if details.raised_by_id is None:
            raise ConcernError("Choose the participant who raised it.")
        _member(s, cohort_id, details.raised_by_id)
    elif details.raised_by_id is not None:
        raise ConcernError("A concern raised by a participant needs raised_by PARTICIPANT.")
    if details.about_id is not None:
        _member(s, cohort_id, details.about_id)
    if len(details.handler.strip()) > HANDLER_LIMIT:
        raise ConcernError(f"The handler's name is limited to {HANDLER_LIMIT} characters.")


def _member(s: Session, cohort_id: int, participant_id: int) -> Participant:
    person = s.get(Participant, participant_id)
    if person is None or person.cohort_id != cohort_id:
        raise ConcernError("That person is not on this cohort's roster.")
    return person


def _apply(concern: Concern, details: ConcernDetails) -> None:
    concern.what = details.what.strip()
    concern.raised_by_kind = details.raised_by
    concern.raised_by_id = details.raised_by_id
    concern.about_id = details.about_id
    concern.happened_at = details.happened_at
    concern.actions = details.actions.strip()
    concern.status = details.status
    concern.handler = details.handler.strip()


def _view(s: Session, concern: Concern) -> ConcernView:
    def name(participant_id: int | None) -> str:
        person = s.get(Participant, participant_id) if participant_id is not None else None
        return "" if person is None else person.display_name

    return ConcernView(
        id=concern.id,
        cohort_id=concern.cohort_id,
        raised_by=RaisedBy(concern.raised_by_kind),
        raised_by_id=concern.raised_by_id,
        raised_by_name=name(concern.raised_by_id),
        about_id=concern.about_id,
        about_name=name(concern.about_id),
        happened_at=concern.happened_at,
        what=concern.what,
        actions=concern.actions,
        status=ConcernStatus(concern.status),
        handler=concern.handler,
        created_at=concern.created_at,
        updated_at=concern.updated_at,
    )


def _roster_match(s: Session, cohort_id: int, about: str) -> int | None:
    """The one person on the roster with exactly that name, if there is exactly one."""
    if not about:
        return None
    wanted = about.casefold()
    matches = [
        person.id
        for person in s.scalars(select(Participant).where(Participant.cohort_id == cohort_id))
        if person.display_name.strip().casefold() == wanted
    ]
    return matches[0] if len(matches) == 1 else None


def _concern_file_from(document: dict[str, Any]) -> ConcernFile:
    cohort = document["cohort"]
    participant = document["participant"]
    if not isinstance(cohort, dict) or not isinstance(participant, dict):
        raise ValueError("cohort and participant should be objects")
    text = _text(document, "text", TEXT_LIMIT).strip()
    if not text:
        raise ValueError("the concern is empty")
    happened = document.get("happened_at")
    return ConcernFile(
        cohort_uid=_uid(cohort.get("uid")),
        cohort_name=_text(cohort, "name", ABOUT_LIMIT),
        participant_uid=_uid(participant.get("uid")),
        text=text,
        about=_text(document, "about", ABOUT_LIMIT).strip(),
        happened_at=None if happened is None else _time(happened),
        created_at=_time(document["created_at"]),
    )


def _text(document: dict[str, Any], key: str, limit: int) -> str:
    value = document.get(key, "")
    if not isinstance(value, str):
        raise ValueError(f"{key} should be text")
    if len(value) > limit:
        raise ValueError(f"{key} is longer than {limit} characters")
    return value


def _uid(value: Any) -> str:
    if not isinstance(value, str) or not _UID.match(value):
        raise ValueError("an identifier is damaged")
    return value


def _time(value: Any) -> datetime:
    if not isinstance(value, str):
        raise ValueError("a time should be text")
    return time_from_file(value)


def _oversized(source: str) -> ConcernFileRefused:
    return ConcernFileRefused(
        ConcernFileRefusalKind.OVERSIZED, f"{source} is too large to be a concern file."
    )


def _unreadable(message: str) -> ConcernFileRefused:
    return ConcernFileRefused(ConcernFileRefusalKind.UNREADABLE, message)


def is_concern_file(path: Path) -> bool:
    """Whether ``path`` holds a concern file (even a damaged one), rather than anything else.

    Opening a file routes it by this: a damaged concern file is still refused as a concern, with
    its reason, instead of being offered to the hand-back import.
    """
    try:
        read_concern_file(path)
    except ConcernFileRefused as refusal:
        return refusal.reason_kind not in (
            ConcernFileRefusalKind.NOT_A_CONCERN_FILE,
            ConcernFileRefusalKind.UNREADABLE,
            ConcernFileRefusalKind.OVERSIZED,
        )
    return True
