"""Invitation files: what a participant's app needs to join a cohort and hand assignments back.

A facilitator writes one invitation per participant and sends it however they like (mail, chat).
Opening it in the participant's app creates the cohort and the participant there under the same
uids as in the facilitator's store, which is how hand-back files find their way home. It also
carries the facilitators' names and contacts (so a participant can raise a concern privately),
the modules of the series with their versions, and the cohort's own participation guidelines when
it has written some (a cohort that follows the shipped default sends none, and the participant's
app shows its own copy of the default).

The file is small, pretty-printed JSON, readable in any text editor::

    {
      "format": "cofacilitator-invitation",
      "version": 1,
      "created_at": "2025-03-01T09:30:00Z",
      "cohort": {"uid": "9f1c...", "name": "Spring cohort"},
      "participant": {"uid": "4b7e...", "display_name": "Ada"},
      "facilitators": [{"name": "Sam", "contact": "sam@example.org", "role": "facilitator"}],
      "modules": [{"id": "community-narrative", "version": 1}, ...],
      "guidelines": "## How we work together\n..."
    }

``guidelines`` is optional within version 1: invitations written before it existed still open.

Reading refuses a file whole with one ``InvitationRefused`` (reason kind and a plain message),
in the same style as hand-back files.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select
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
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.store.database import Store
from cofacilitator.store.models import Cohort, Participant, SessionRun, utcnow

FORMAT = "cofacilitator-invitation"
FORMAT_VERSION = 1
MAX_BYTES = 1024 * 1024
_UID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
_TEXT_LIMIT = 500
_GUIDELINES_LIMIT = 50_000
"""Characters; a cohort's guidelines are a page or two, far below this."""


class InvitationRefusalKind(StrEnum):
    NOT_AN_INVITATION = "not_an_invitation"
    NEWER_FORMAT = "newer_format"
    MALFORMED = "malformed"
    OVERSIZED = "oversized"
    UNREADABLE = "unreadable"


class InvitationRefused(FileRefused):
    """The one error of reading invitations; ``str()`` is the message, naming the file."""

    reason_kind: InvitationRefusalKind


@dataclass(frozen=True)
class InvitedFacilitator:
    name: str
    contact: str = ""
    role: str = "facilitator"


@dataclass(frozen=True)
class ModuleRef:
    id: str
    version: int


@dataclass(frozen=True)
class Invitation:
    cohort_uid: str
    cohort_name: str
    participant_uid: str
    participant_name: str
    facilitators: tuple[InvitedFacilitator, ...]
    modules: tuple[ModuleRef, ...]
    created_at: datetime
    """Naive UTC, as in the store."""
    guidelines: str = ""
    """The cohort's own guidelines (Markdown); empty when it follows the default."""

    def as_json(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "created_at": time_for_file(self.created_at),
            "cohort": {"uid": self.cohort_uid, "name": self.cohort_name},
            "participant": {"uid": self.participant_uid, "display_name": self.participant_name},
            "facilitators": [
                {"name": f.name, "contact": f.contact, "role": f.role} for f in self.facilitators
            ],
            "modules": [{"id": m.id, "version": m.version} for m in self.modules],
        }
        if self.guidelines:
            document["guidelines"] = self.guidelines
        return document


@dataclass(frozen=True)
class JoinedCohort:
    """Where an accepted invitation lives in the participant's own store."""

    cohort_id: int
    participant_id: int


# ------------------------------------------------------------------------------ writing


def invitation_for(
    store: Store, cohort_id: int, participant_id: int, catalog: Catalog
) -> Invitation:
    """The invitation of one participant: the cohort's sessions, or every module if none yet.

    Versions come from the catalog when it has the module, so the participant's app can tell
    when a facilitator has changed a module since the run was created.
    """
    with store.session_factory() as s:
        cohort = s.get_one(Cohort, cohort_id)
        participant = s.get_one(Participant, participant_id)
        if participant.cohort_id != cohort.id:
            raise ValueError(f"{participant.display_name} is not in the cohort {cohort.name!r}")
        runs = s.scalars(
            select(SessionRun)
            .where(SessionRun.cohort_id == cohort_id)
            .order_by(SessionRun.module_number)
        ).all()
        modules: list[ModuleRef] = []
        for run in runs:
            module = catalog.get(run.module_id)
            modules.append(
                ModuleRef(run.module_id, module.version if module else run.module_version)
            )
        if not runs:
            modules = [ModuleRef(m.id, m.version) for m in catalog.modules]
        return Invitation(
            cohort_uid=cohort.uid,
            cohort_name=cohort.name,
            participant_uid=participant.uid,
            participant_name=participant.display_name,
            facilitators=tuple(
                InvitedFacilitator(
                    str(f.get("name", "")),
                    str(f.get("contact", "")),
                    str(f.get("role", "facilitator")),
                )
                for f in cohort.facilitators
                if isinstance(f, dict)
            ),
            modules=tuple(modules),
            created_at=utcnow(),
            guidelines=cohort.guidelines if cohort.guidelines.strip() else "",
        )


def write_invitation(
    store: Store, cohort_id: int, participant_id: int, catalog: Catalog, path: Path
) -> Invitation:
    """Write the invitation atomically to ``path`` and return what it holds."""
    invitation = invitation_for(store, cohort_id, participant_id, catalog)
    text = json.dumps(invitation.as_json(), indent=2, ensure_ascii=False) + "\n"
    write_text_atomic(path, text)
    return invitation


def suggested_filename(invitation: Invitation) -> str:
    """Whose invitation it is, and an extension that says which app opens it."""
    words = re.sub(r"[^\w]+", "-", invitation.participant_name.casefold()).strip("-_")
    return f"invitation-{(words or 'participant')[:60]}.cofacilitator.json"


# ------------------------------------------------------------------------------ reading


def read_invitation(path: Path) -> Invitation:
    """The invitation in ``path``, or ``InvitationRefused``; never any other exception."""
    data = read_limited(path, MAX_BYTES, oversized=_oversized, unreadable=_unreadable)
    return parse_invitation(data, source=file_label(path))


def parse_invitation(data: bytes, *, source: str = "This file") -> Invitation:
    """The invitation in ``data``; ``source`` names the file in refusal messages."""
    if len(data) > MAX_BYTES:
        raise _oversized(source)
    text = data.decode("utf-8-sig", errors="replace")
    try:
        return json_document(text, FORMAT, FORMAT_VERSION, _invitation_from)
    except NotThisFormat as error:
        raise InvitationRefused(
            InvitationRefusalKind.NOT_AN_INVITATION,
            f"{source} is not a cofacilitator invitation.",
        ) from error
    except NewerFormat as error:
        raise InvitationRefused(
            InvitationRefusalKind.NEWER_FORMAT,
            f"{source} was written by a newer version of cofacilitator (invitation format "
            f"{error.version}); update the app to open it.",
        ) from error
    except Damaged as error:
        raise InvitationRefused(
            InvitationRefusalKind.MALFORMED,
            f"{source} is a damaged invitation ({error}). Ask your facilitator to send it again.",
        ) from error


def _invitation_from(document: dict[str, Any]) -> Invitation:
    cohort = _object(document, "cohort")
    participant = _object(document, "participant")
    facilitators = document["facilitators"]
    modules = document["modules"]
    if not isinstance(facilitators, list) or not isinstance(modules, list):
        raise ValueError("facilitators and modules should be lists")
    return Invitation(
        cohort_uid=_uid(cohort, "uid"),
        cohort_name=_text(cohort, "name", required=True),
        participant_uid=_uid(participant, "uid"),
        participant_name=_text(participant, "display_name", required=True),
        facilitators=tuple(
            InvitedFacilitator(
                _text(f, "name", required=True), _text(f, "contact"), _text(f, "role")
            )
            for f in map(_as_object, facilitators)
        ),
        modules=tuple(
            ModuleRef(_text(m, "id", required=True), _version(m)) for m in map(_as_object, modules)
        ),
        created_at=_time(document["created_at"]),
        guidelines=_guidelines(document),
    )


def _object(document: dict[str, Any], key: str) -> dict[str, Any]:
    return _as_object(document[key])


def _as_object(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError("an entry should be an object")
    return value


def _text(document: dict[str, Any], key: str, *, required: bool = False) -> str:
    value = document.get(key, "")
    if not isinstance(value, str) or len(value) > _TEXT_LIMIT:
        raise ValueError(f"{key} should be text")
    if required and not value.strip():
        raise ValueError(f"{key} is empty")
    return value


def _guidelines(document: dict[str, Any]) -> str:
    value = document.get("guidelines", "")
    if not isinstance(value, str):
        raise ValueError("guidelines should be text")
    if len(value) > _GUIDELINES_LIMIT:
        raise ValueError("guidelines are far too long")
    return value


def _uid(document: dict[str, Any], key: str) -> str:
    value = document[key]
    if not isinstance(value, str) or not _UID.match(value):
        raise ValueError(f"{key} is not an identifier")
    return value


def _version(document: dict[str, Any]) -> int:
    value = document["version"]
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 2**31 - 1:
        raise ValueError("a module version should be a positive whole number")
    return value


def _time(value: Any) -> datetime:
    if not isinstance(value, str):
        raise ValueError("created_at should be a time")
    return time_from_file(value)


def _oversized(source: str) -> InvitationRefused:
    return InvitationRefused(
        InvitationRefusalKind.OVERSIZED,
        f"{source} is far larger than an invitation: it is not one, or it has been damaged.",
    )


def _unreadable(message: str) -> InvitationRefused:
    return InvitationRefused(InvitationRefusalKind.UNREADABLE, message)


# ------------------------------------------------------------------------------ accepting


def accept_invitation(store: Store, invitation: Invitation) -> JoinedCohort:
    """Create (or refresh) the cohort and the participant in the participant's own store.

    Opening the same invitation twice, or a newer one, is safe: records are found by uid, and
    the cohort's facilitators and guidelines are replaced by the invitation's, which are the
    current ones (no guidelines: the cohort follows the default again).
    """
    with store.session_factory() as s, s.begin():
        cohort = s.scalar(select(Cohort).where(Cohort.uid == invitation.cohort_uid))
        if cohort is None:
            cohort = Cohort(uid=invitation.cohort_uid, name=_free_name(s, invitation.cohort_name))
            s.add(cohort)
            s.flush()
        cohort.facilitators = [
            {"name": f.name, "contact": f.contact, "role": f.role} for f in invitation.facilitators
        ]
        cohort.guidelines = invitation.guidelines
        participant = s.scalar(
            select(Participant).where(Participant.uid == invitation.participant_uid)
        )
        if participant is None:
            participant = Participant(
                uid=invitation.participant_uid,
                cohort_id=cohort.id,
                display_name=invitation.participant_name,
            )
            s.add(participant)
            s.flush()
        elif participant.cohort_id != cohort.id:
            raise ValueError("this invitation names a participant of another cohort")
        return JoinedCohort(cohort.id, participant.id)


def _free_name(s: Session, name: str) -> str:
    """Cohort names are unique in a store; a participant in two cohorts of the same name (two
    facilitators, one title) gets the second one numbered."""
    candidate = name
    number = 2
    while s.scalar(select(Cohort.id).where(Cohort.name == candidate)) is not None:
        candidate = f"{name} ({number})"
        number += 1
    return candidate
