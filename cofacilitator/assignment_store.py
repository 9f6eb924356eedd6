"""Assignment answers in the store, on both sides of the hand-back exchange.

A participant's app saves drafts as they type and submits when they are done; a facilitator's app
imports the hand-back files that come back. Both sides keep one current response per person and
module, with a version counter that only the participant's side advances: each time submitted
answers are changed, the next submission carries a higher version, so a facilitator importing
files in any order always ends up with the newest answers. Answers that are replaced after they
left the participant's hands are kept in the response's history, never lost.

Every function is one unit of work and returns plain frozen data.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cofacilitator.answers import answered_values, validate_answers
from cofacilitator.handback import HandBack, HandBackRefused, RefusalKind, read_handback_file
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.sessions.schema import Assignment, Module
from cofacilitator.store.database import Store
from cofacilitator.store.models import (
    AssignmentResponse,
    AssignmentVersion,
    Cohort,
    Participant,
    ResponseStatus,
    utcnow,
)

_PROBLEMS_SHOWN = 3


class InvalidAnswers(ValueError):
    """Answers that do not fit their form; ``problems`` are plain sentences for the person."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class ResponseView:
    id: int
    participant_id: int
    module_id: str
    module_version: int
    version: int
    status: ResponseStatus
    values: dict[str, Any]
    updated_at: datetime
    """When the answers themselves last changed (the hand-back file's ``saved_at``)."""
    submitted_at: datetime | None
    imported_at: datetime | None
    link: str
    """An answer given as a link to the participant's own copy of the document, if any."""

    @classmethod
    def of(cls, response: AssignmentResponse) -> ResponseView:
        return cls(
            id=response.id,
            participant_id=response.participant_id,
            module_id=response.module_id,
            module_version=response.module_version,
            version=response.version,
            status=response.status,
            values=dict(response.values),
            updated_at=response.updated_at,
            submitted_at=response.submitted_at,
            imported_at=response.imported_at,
            link=response.link,
        )


@dataclass(frozen=True)
class HistoryEntry:
    """Answers that were replaced: what they were, under which version, and when saved."""

    version: int
    status: ResponseStatus
    values: dict[str, Any]
    saved_at: datetime


# ------------------------------------------------------------------------------ reading


def get_response(store: Store, participant_id: int, module_id: str) -> ResponseView | None:
    """The current answers, or None when the person has not started this assignment."""
    with store.session_factory() as s:
        response = find_response(s, participant_id, module_id)
        return None if response is None else ResponseView.of(response)


def response_history(store: Store, participant_id: int, module_id: str) -> list[HistoryEntry]:
    """Replaced answers, oldest first."""
    with store.session_factory() as s:
        response = find_response(s, participant_id, module_id)
        if response is None:
            return []
        return [
            HistoryEntry(v.version, v.status, dict(v.values), v.saved_at) for v in response.history
        ]


# ------------------------------------------------------------------------------ participant side


def save_draft(
    store: Store, participant_id: int, module_id: str, values: Mapping[str, Any]
) -> ResponseView:
    """Keep what the participant has typed so far; the target of the form's debounced autosave.

    A draft is not checked against the form (half-filled answers are normal while typing), only
    required to be JSON. Saving unchanged answers over submitted ones changes nothing; changing
    submitted answers starts the next version, and the submitted ones go to the history.
    """
    plain = _plain_json(values)
    with store.session_factory() as s, s.begin():
        s.get_one(Participant, participant_id)
        response = find_response(s, participant_id, module_id)
        now = utcnow()
        if response is None:
            response = AssignmentResponse(
                participant_id=participant_id,
                module_id=module_id,
                values=plain,
                status=ResponseStatus.DRAFT,
                version=1,
                updated_at=now,
            )
            s.add(response)
        elif response.status is ResponseStatus.DRAFT:
            response.values = plain
            response.updated_at = now
        elif response.values != plain:
            _keep_in_history(response)
            response.version += 1
            response.values = plain
            response.status = ResponseStatus.DRAFT
            response.updated_at = now
        s.flush()
        return ResponseView.of(response)


def submit(
    store: Store, participant_id: int, module: Module, values: Mapping[str, Any]
) -> ResponseView:
    """Mark the answers as done, ready to hand back; blank fields are dropped.

    Raises ``InvalidAnswers`` when they do not fit the module's form. Submitting the same answers
    again changes nothing, so the same hand-back file can be written twice.
    """
    assignment = assignment_of(module)
    clean = answered_values(assignment, _plain_json(values))
    problems = validate_answers(assignment, clean)
    if problems:
        raise InvalidAnswers(problems)
    with store.session_factory() as s, s.begin():
        s.get_one(Participant, participant_id)
        response = find_response(s, participant_id, module.id)
        now = utcnow()
        if response is None:
            response = AssignmentResponse(
                participant_id=participant_id,
                module_id=module.id,
                version=1,
                values=clean,
                updated_at=now,
            )
            s.add(response)
        elif response.status is ResponseStatus.SUBMITTED and response.values == clean:
            return ResponseView.of(response)
        elif response.values != clean:
            if response.status is not ResponseStatus.DRAFT:
                _keep_in_history(response)
                response.version += 1
            response.values = clean
            response.updated_at = now
        response.status = ResponseStatus.SUBMITTED
        response.module_version = module.version
        response.submitted_at = now
        s.flush()
        return ResponseView.of(response)


# ------------------------------------------------------------------------------ facilitator side


class ImportStatus(StrEnum):
    IMPORTED = "imported"
    ALREADY_IMPORTED = "already imported"
    REFUSED = "refused"


@dataclass(frozen=True)
class ImportOutcome:
    """What happened to one file. ``message`` names the file and reads as a sentence."""

    path: Path
    status: ImportStatus
    message: str
    reason_kind: RefusalKind | None = None
    participant_id: int | None = None
    module_id: str | None = None
    response_version: int | None = None

    @classmethod
    def refused(cls, path: Path, refusal: HandBackRefused) -> ImportOutcome:
        return cls(path, ImportStatus.REFUSED, refusal.message, refusal.reason_kind)


@dataclass(frozen=True)
class ImportReport:
    outcomes: tuple[ImportOutcome, ...]

    def _with(self, status: ImportStatus) -> tuple[ImportOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status is status)

    @property
    def imported(self) -> tuple[ImportOutcome, ...]:
        return self._with(ImportStatus.IMPORTED)

    @property
    def already_imported(self) -> tuple[ImportOutcome, ...]:
        return self._with(ImportStatus.ALREADY_IMPORTED)

    @property
    def refused(self) -> tuple[ImportOutcome, ...]:
        return self._with(ImportStatus.REFUSED)

    @property
    def changed(self) -> tuple[tuple[int, str], ...]:
        """(participant id, module id) of every response this import changed, to announce."""
        return tuple(
            (o.participant_id, o.module_id)
            for o in self.imported
            if o.participant_id is not None and o.module_id is not None
        )


def import_handbacks(
    store: Store, paths: Iterable[Path], catalog: Catalog, *, cohort_id: int | None = None
) -> ImportReport:
    """Import each hand-back file on its own: refused whole or imported whole, in one transaction.

    With ``cohort_id`` every file must belong to that cohort; without it, to any cohort in the
    store. Each file is read and checked completely (format, checksum, cohort, roster, module,
    answers) before anything is written.
    """
    expected_uid = None
    if cohort_id is not None:
        with store.session_factory() as s:
            expected_uid = s.get_one(Cohort, cohort_id).uid
    outcomes = []
    for path in paths:
        try:
            outcomes.append(_import_one(store, Path(path), catalog, expected_uid))
        except HandBackRefused as refusal:
            outcomes.append(ImportOutcome.refused(Path(path), refusal))
    return ImportReport(tuple(outcomes))


def _import_one(
    store: Store, path: Path, catalog: Catalog, expected_uid: str | None
) -> ImportOutcome:
    name = path.name or str(path)
    handback = read_handback_file(path, expected_cohort_uid=expected_uid)
    assignment = _checked_assignment(handback, catalog, name)
    with store.session_factory() as s, s.begin():
        return store_handback(s, handback, assignment, path=path, source=name)


def store_handback(
    s: Session, handback: HandBack, assignment: Assignment, *, path: Path, source: str
) -> ImportOutcome:
    """Store answers already read and checked against ``assignment`` as imported, in the
    caller's transaction.

    This is the versioning every import shares (hand-back files, and filled-in documents, which
    are given the version their answers would carry), so that whichever way answers arrive, the
    newest win and nothing replaced is lost: answers new to the store keep their version; the
    same answers under the same version were already imported and change nothing; a higher
    version, or the version of a draft, replaces the stored answers, which go to the history.
    Raises ``HandBackRefused`` for someone not on the roster, an older version, or different
    answers under a version already imported; the caller then rolls back, so nothing changes.
    ``source`` names the file in messages; ``path`` is the one the outcome reports.
    """
    participant = _known_participant(s, handback, source)
    response = find_response(s, participant.id, handback.module_id)
    described = (
        f"{source}: {participant.display_name}'s answers to {assignment.title!r}, "
        f"version {handback.response_version}"
    )
    replaced = None
    if response is None:
        response = AssignmentResponse(participant_id=participant.id, module_id=handback.module_id)
        s.add(response)
    elif handback.response_version < response.version:
        raise HandBackRefused(
            RefusalKind.OLDER_VERSION,
            f"{source} holds an older version ({handback.response_version}) of "
            f"{participant.display_name}'s answers than the one already imported "
            f"({response.version}); nothing was changed.",
        )
    elif handback.response_version == response.version and (
        response.status is not ResponseStatus.DRAFT
    ):
        if response.values == handback.values:
            return ImportOutcome(
                path,
                ImportStatus.ALREADY_IMPORTED,
                f"{described}, were already imported; nothing was changed.",
                participant_id=participant.id,
                module_id=handback.module_id,
                response_version=handback.response_version,
            )
        raise HandBackRefused(
            RefusalKind.VERSION_CONFLICT,
            f"{source} holds answers from {participant.display_name} that differ from the ones "
            f"already imported under the same version number ({response.version}), perhaps "
            "from an app that was set up again. Nothing was changed; ask them to edit, "
            "submit and hand back their answers once more.",
        )
    else:
        replaced = response.version
        _keep_in_history(response)
    response.values = handback.values
    response.version = handback.response_version
    response.module_version = handback.module_version
    response.status = ResponseStatus.IMPORTED
    response.updated_at = handback.saved_at
    response.submitted_at = handback.saved_at
    response.imported_at = utcnow()
    replacing = f" (replacing version {replaced})" if replaced is not None else ""
    return ImportOutcome(
        path,
        ImportStatus.IMPORTED,
        f"{described}{replacing}.",
        participant_id=participant.id,
        module_id=handback.module_id,
        response_version=handback.response_version,
    )


def _checked_assignment(handback: HandBack, catalog: Catalog, name: str) -> Assignment:
    module = catalog.get(handback.module_id)
    if module is None or module.assignment is None:
        raise HandBackRefused(
            RefusalKind.UNKNOWN_MODULE,
            f"{name} answers a module this app does not have ({handback.module_id!r}).",
        )
    if module.assignment.id != handback.assignment_id:
        raise HandBackRefused(
            RefusalKind.UNKNOWN_MODULE,
            f"{name} answers an assignment ({handback.assignment_id!r}) that the module "
            f"{module.title!r} no longer has.",
        )
    refuse_invalid_answers(module.assignment, handback.values, name)
    return module.assignment


def refuse_invalid_answers(assignment: Assignment, values: Mapping[str, Any], source: str) -> None:
    """Refuse answers that do not fit ``assignment``'s form (INVALID_ANSWERS), naming the first
    few problems; ``source`` names the file."""
    problems = validate_answers(assignment, values)
    if problems:
        shown = "; ".join(problems[:_PROBLEMS_SHOWN])
        more = len(problems) - _PROBLEMS_SHOWN
        more_text = f" (and {more} more)" if more > 0 else ""
        raise HandBackRefused(
            RefusalKind.INVALID_ANSWERS,
            f"{source} holds answers that do not fit the form of {assignment.title!r}: "
            f"{shown}{more_text}.",
        )


def _known_participant(s: Session, handback: HandBack, name: str) -> Participant:
    cohort = s.scalar(select(Cohort).where(Cohort.uid == handback.cohort_uid))
    if cohort is None:
        raise HandBackRefused(
            RefusalKind.OTHER_COHORT,
            f"{name} holds answers for a cohort this app does not have ({handback.cohort_name!r}).",
        )
    participant = s.scalar(
        select(Participant).where(
            Participant.uid == handback.participant_uid, Participant.cohort_id == cohort.id
        )
    )
    if participant is None:
        raise HandBackRefused(
            RefusalKind.UNKNOWN_PARTICIPANT,
            f"{name} is from {handback.participant_name!r}, who is not on the roster of "
            f"{cohort.name!r}.",
        )
    return participant


# ------------------------------------------------------------------------------ shared


def find_response(s: Session, participant_id: int, module_id: str) -> AssignmentResponse | None:
    """The one current response of a person to a module, if any, in the caller's unit of work."""
    return s.scalar(
        select(AssignmentResponse).where(
            AssignmentResponse.participant_id == participant_id,
            AssignmentResponse.module_id == module_id,
        )
    )


def _keep_in_history(response: AssignmentResponse) -> None:
    response.history.append(
        AssignmentVersion(
            version=response.version,
            values=response.values,
            status=response.status,
            saved_at=response.updated_at,
        )
    )


def assignment_of(module: Module) -> Assignment:
    """The module's assignment; ``ValueError`` for a module without one."""
    if module.assignment is None:
        raise ValueError(f"module {module.id!r} has no assignment")
    return module.assignment


def _plain_json(values: Mapping[str, Any]) -> dict[str, Any]:
    """A fresh copy made only of JSON types, so the store holds exactly what a file would."""
    try:
        plain = json.loads(json.dumps(dict(values), allow_nan=False))
    except (TypeError, ValueError) as error:
        raise ValueError(
            f"answers must be plain text, numbers, lists and objects: {error}"
        ) from error
    return plain
