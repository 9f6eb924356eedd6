"""Filled-in assignment documents coming back, checked and stored like hand-back files; or an
answer given as a link to the participant's own copy of the document.

A document is refused whole, with the hand-back exchange's reasons (another cohort, someone not
on the roster, answers that do not fit the form...), and stored as a hand-back file would be
(``assignment_store.store_handback``): the answers it replaces go to the history.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cofacilitator.assignment_store import (
    ImportOutcome,
    ImportReport,
    assignment_of,
    find_response,
    refuse_invalid_answers,
    store_handback,
)
from cofacilitator.carried_file import file_label, read_limited
from cofacilitator.document_formats import (
    SUPPORTED_SUFFIXES,
    DocumentFormatError,
    read_document_bytes,
)
from cofacilitator.document_import import heading_key
from cofacilitator.filled_assignment import (
    DocumentHeader,
    UnreadableLayout,
    read_answers,
    read_header,
)
from cofacilitator.handback import MAX_BYTES, HandBack, HandBackRefused, RefusalKind
from cofacilitator.markdown_text import is_safe_link
from cofacilitator.name_matching import MatchStatus, name_key, roster_matcher
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.sessions.schema import Assignment, Module
from cofacilitator.store.database import Store
from cofacilitator.store.models import (
    AssignmentResponse,
    Cohort,
    Participant,
    ResponseStatus,
    utcnow,
)

LINK_LIMIT = 500


class Change(StrEnum):
    NEW = "new"
    REPLACES = "replaces"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class AssignmentDocument:
    """A filled document, checked and matched, ready to store: the preview of its import."""

    source: str
    cohort_id: int
    cohort_name: str
    participant_id: int
    participant_name: str
    module_id: str
    module_version: int
    assignment: Assignment
    values: dict[str, Any]
    change: Change
    current_version: int | None
    """The version of the answers already stored, which these would replace."""


def preview_assignment_document(
    store: Store,
    catalog: Catalog,
    data: bytes,
    suffix: str,
    *,
    source: str = "The document",
    cohort_id: int | None = None,
) -> AssignmentDocument:
    """Read and check a filled document completely; stores nothing.

    Raises ``HandBackRefused`` (never anything else) when the document cannot be imported whole.
    With ``cohort_id`` a document for any other cohort is refused.
    """
    if len(data) > MAX_BYTES:
        raise _oversized(source)
    normalized_suffix = suffix.lower() if suffix.startswith(".") else f".{suffix.lower()}"
    if normalized_suffix not in SUPPORTED_SUFFIXES:
        raise HandBackRefused(
            RefusalKind.NOT_AN_ASSIGNMENT,
            f"{source} is not a .docx, .html, .md or .txt document, so it cannot be an "
            "assignment from this app.",
        )
    try:
        lines = read_document_bytes(data, normalized_suffix, source=source)
    except DocumentFormatError as error:
        raise HandBackRefused(RefusalKind.MALFORMED, str(error)) from error
    header = read_header(lines)
    if header is None:
        hand_back = b"cofacilitator-handback" in data
        raise HandBackRefused(
            RefusalKind.NOT_AN_ASSIGNMENT,
            f"{source} is a hand-back file; import it with the other hand-back files."
            if hand_back
            else f"{source} is not a filled-in assignment: it does not say whose answers it "
            "holds (the Participant, Cohort and Session lines at the top are missing).",
        )
    module = _module_for(catalog, header, source)
    assignment = assignment_of(module)
    try:
        values = read_answers(assignment, lines)
    except UnreadableLayout as problem:
        raise HandBackRefused(
            RefusalKind.MALFORMED,
            f"{source} cannot be read as the assignment {assignment.title!r}: {problem}. "
            "Ask for the answers again in a fresh copy of the document.",
        ) from problem
    refuse_invalid_answers(assignment, values, source)
    with store.session_factory() as s:
        cohort = _cohort_for(s, header, source, cohort_id)
        participant = _participant_for(s, cohort, header, source)
        response = find_response(s, participant.id, module.id)
        change, current = _change(response, values)
        return AssignmentDocument(
            source=source,
            cohort_id=cohort.id,
            cohort_name=cohort.name,
            participant_id=participant.id,
            participant_name=participant.display_name,
            module_id=module.id,
            module_version=module.version,
            assignment=assignment,
            values=values,
            change=change,
            current_version=current,
        )


def apply_assignment_document(
    store: Store, document: AssignmentDocument, path: Path | None = None
) -> ImportOutcome:
    """Store the previewed answers in one transaction, keeping what they replace in the history.

    Stored as a hand-back file would be (``assignment_store.store_handback``), so both kinds of
    import version answers alike. A document carries no version of its own, so it is given the
    one its answers would have: the stored version for the same answers or a draft they replace,
    the next one when they replace answers handed in before.
    """
    with store.session_factory() as s, s.begin():
        participant = s.get_one(Participant, document.participant_id)
        response = find_response(s, participant.id, document.module_id)
        if response is None:
            version = 1
        elif response.status is ResponseStatus.DRAFT or response.values == document.values:
            version = response.version
        else:
            version = response.version + 1
        handback = HandBack(
            cohort_uid=s.get_one(Cohort, participant.cohort_id).uid,
            cohort_name=document.cohort_name,
            participant_uid=participant.uid,
            participant_name=participant.display_name,
            module_id=document.module_id,
            module_version=document.module_version,
            assignment_id=document.assignment.id,
            response_version=version,
            saved_at=utcnow(),
            values=dict(document.values),
        )
        return store_handback(
            s,
            handback,
            document.assignment,
            path=path or Path(document.source),
            source=document.source,
        )


def import_assignment_documents(
    store: Store, paths: Iterable[Path], catalog: Catalog, *, cohort_id: int | None = None
) -> ImportReport:
    """Preview and store each filled document on its own: refused whole or imported whole."""
    outcomes = []
    for path in map(Path, paths):
        try:
            data = read_limited(path, MAX_BYTES, oversized=_oversized, unreadable=_unreadable)
            document = preview_assignment_document(
                store, catalog, data, path.suffix, source=file_label(path), cohort_id=cohort_id
            )
            outcomes.append(apply_assignment_document(store, document, path))
        except HandBackRefused as refusal:
            outcomes.append(ImportOutcome.refused(path, refusal))
    return ImportReport(tuple(outcomes))


def _oversized(source: str) -> HandBackRefused:
    return HandBackRefused(
        RefusalKind.OVERSIZED,
        f"{source} is larger than {MAX_BYTES // (1024 * 1024)} MB, far more than any "
        "assignment: it is not a filled-in assignment, or it has been damaged.",
    )


def _unreadable(message: str) -> HandBackRefused:
    return HandBackRefused(RefusalKind.UNREADABLE, message)


def _module_for(catalog: Catalog, header: DocumentHeader, source: str) -> Module:
    numbered = [m for m in catalog.modules if m.number == header.session and m.assignment]
    titled = [m for m in numbered if heading_key(m.title) == heading_key(header.session_title)]
    chosen = titled or numbered
    if not chosen:
        raise HandBackRefused(
            RefusalKind.UNKNOWN_MODULE,
            f"{source} answers the assignment of session {header.session}, which this app does "
            "not have.",
        )
    return chosen[0]


def _cohort_for(s: Session, header: DocumentHeader, source: str, cohort_id: int | None) -> Cohort:
    wanted = name_key(header.cohort)
    cohorts = [c for c in s.scalars(select(Cohort)) if name_key(c.name) == wanted]
    if not cohorts:
        raise HandBackRefused(
            RefusalKind.OTHER_COHORT,
            f"{source} holds answers for a cohort this app does not have ({header.cohort!r}).",
        )
    cohort = cohorts[0]
    if cohort_id is not None and cohort.id != cohort_id:
        raise HandBackRefused(
            RefusalKind.OTHER_COHORT,
            f"{source} holds answers for another cohort ({header.cohort!r}), not for this one.",
        )
    return cohort


def _participant_for(
    s: Session, cohort: Cohort, header: DocumentHeader, source: str
) -> Participant:
    match = roster_matcher(s, cohort.id).match(header.participant)
    if match.person is None:
        fix = (
            "fits more than one person on the roster; write the full name at the top"
            if match.status is MatchStatus.AMBIGUOUS
            else "is not on the roster"
        )
        raise HandBackRefused(
            RefusalKind.UNKNOWN_PARTICIPANT,
            f"{source} is from {header.participant!r}, who {fix} of {cohort.name!r}.",
        )
    return s.get_one(Participant, match.person.id)


def _change(
    response: AssignmentResponse | None, values: Mapping[str, Any]
) -> tuple[Change, int | None]:
    if response is None:
        return Change.NEW, None
    if response.values == values and response.status is not ResponseStatus.DRAFT:
        return Change.UNCHANGED, response.version
    return Change.REPLACES, response.version


# ------------------------------------------------------------------------------ answered by link


@dataclass(frozen=True)
class LinkedAnswer:
    participant_id: int
    module_id: str
    link: str
    status: ResponseStatus


def record_assignment_link(
    store: Store, participant_id: int, module: Module, link: str
) -> LinkedAnswer:
    """Record that the participant answered in their own copy of the document, at ``link``.

    The answer counts as handed in; answers already stored are kept as they are. An empty link
    removes it. Raises ``ValueError`` for anything but an http(s) address.
    """
    assignment_of(module)
    clean = link.strip()
    if clean and (not is_safe_link(clean) or clean.lower().startswith("mailto:")):
        raise ValueError("the link should be a web address starting with https:// or http://")
    if len(clean) > LINK_LIMIT:
        raise ValueError(f"the link is longer than {LINK_LIMIT} characters")
    with store.session_factory() as s, s.begin():
        s.get_one(Participant, participant_id)
        response = find_response(s, participant_id, module.id)
        now = utcnow()
        if response is None:
            response = AssignmentResponse(
                participant_id=participant_id,
                module_id=module.id,
                module_version=module.version,
                values={},
                version=1,
                status=ResponseStatus.SUBMITTED if clean else ResponseStatus.DRAFT,
                updated_at=now,
                submitted_at=now if clean else None,
            )
            s.add(response)
        elif clean and response.status is ResponseStatus.DRAFT and not response.values:
            response.status = ResponseStatus.SUBMITTED
            response.submitted_at = now
        response.link = clean
        s.flush()
        return LinkedAnswer(participant_id, module.id, response.link, response.status)
