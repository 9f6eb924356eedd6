"""Hand-back files: a participant's answers to one assignment, travelling as one Markdown file.

The file is written for two readers. A person (the facilitator, the participant, anyone they
forward it to) reads a plain Markdown document: title, who wrote it, the answers. The app reads
the same answers from a block at the end, an HTML comment that every Markdown viewer hides::

    <!-- cofacilitator-handback v1: the same answers, for the app. Leave this block as it is.
    eyJhc3NpZ25tZW50X2lkIjoiYXNzaWdubWVudC0zIiwiY29ob3J0X25hbWUiOiJTcHJpbmcgY29ob3J0Ii...
    -->

The block holds base64 of UTF-8 JSON (the *payload*). Base64 rather than readable JSON because
Markdown editors and mail programs "improve" text: curly quotes, escaped underscores, ``--``
turned into dashes, reflowed lines. None of that touches base64, and whitespace, line breaks and
mail quoting (``>`` at line starts) inside the block are ignored when reading. The payload
carries a SHA-256 of its own canonical JSON (sorted keys, no spaces, UTF-8, without the
``sha256`` key), so an edited or damaged block is refused instead of imported wrongly; the
Markdown above the block is never read back, so editing it changes nothing.

A file is read as untrusted: it is refused whole, with one ``HandBackRefused`` whose
``reason_kind`` says why and whose message names the file and says what to do, in plain words.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select

from cofacilitator import __version__
from cofacilitator.answers import answers_to_markdown
from cofacilitator.atomic_write import write_text_atomic
from cofacilitator.embedded_block import canonical_json, decode_block_lines, encode_block_lines
from cofacilitator.markdown_text import plain_inline
from cofacilitator.sessions.schema import Module
from cofacilitator.store.database import Store
from cofacilitator.store.models import (
    AssignmentResponse,
    Cohort,
    Participant,
    ResponseStatus,
)

FORMAT = "cofacilitator-handback"
FORMAT_VERSION = 1
MAX_BYTES = 5 * 1024 * 1024
"""No assignment comes near this; anything larger is not a hand-back file."""
_MAX_COUNTER = 2**31 - 1

_TOP_COMMENT = (
    "<!-- cofacilitator-handback: answers to an assignment, written by cofacilitator. "
    "Send this file to your facilitator as it is. -->"
)
_BLOCK_OPENING = (
    f"<!-- {FORMAT} v{FORMAT_VERSION}: the same answers, for the app. Leave this block as it is."
)
_BLOCK_START = re.compile(r"^[ \t>]*\\?<!--[ \t]*cofacilitator-handback[ \t]+v(\d{1,9})\b", re.M)
_ANY_MARKER = re.compile(r"<!--[ \t]*cofacilitator-handback")
_BLOCK_END = re.compile(r"--\\?>")

_TEXT_KEYS = (
    "cohort_uid",
    "cohort_name",
    "participant_uid",
    "participant_name",
    "module_id",
    "assignment_id",
    "status",
    "saved_at",
    "written_by",
)
_COUNTER_KEYS = ("module_version", "response_version")
_PAYLOAD_KEYS = frozenset({"format", "version", "values", "sha256", *_TEXT_KEYS, *_COUNTER_KEYS})


class RefusalKind(StrEnum):
    """Why a hand-back file was not imported; the UI groups and explains refusals by these."""

    OTHER_COHORT = "other_cohort"
    NEWER_FORMAT = "newer_format"
    MALFORMED = "malformed"
    TRUNCATED = "truncated"
    OVERSIZED = "oversized"
    NOT_AN_ASSIGNMENT = "not_an_assignment"
    UNKNOWN_PARTICIPANT = "unknown_participant"
    UNKNOWN_MODULE = "unknown_module"
    INVALID_ANSWERS = "invalid_answers"
    OLDER_VERSION = "older_version"
    """The store already holds newer answers from the same person for the same assignment."""
    VERSION_CONFLICT = "version_conflict"
    """Different answers under the version number already imported."""
    UNREADABLE = "unreadable"
    """The file could not be opened or read at all."""


class HandBackRefused(Exception):
    """The one error of reading and importing hand-back files; ``str()`` is the message."""

    def __init__(self, reason_kind: RefusalKind, message: str) -> None:
        super().__init__(message)
        self.reason_kind = reason_kind
        self.message = message


@dataclass(frozen=True)
class HandBack:
    """Everything a hand-back file carries; ``saved_at`` is naive UTC, as in the store."""

    cohort_uid: str
    cohort_name: str
    participant_uid: str
    participant_name: str
    module_id: str
    module_version: int
    assignment_id: str
    response_version: int
    """The participant's own counter: a higher one replaces what was imported before."""
    saved_at: datetime
    values: dict[str, Any]

    def payload(self) -> dict[str, Any]:
        """The JSON object embedded in the file, hash included."""
        body: dict[str, Any] = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "written_by": f"cofacilitator {__version__}",
            "cohort_uid": self.cohort_uid,
            "cohort_name": self.cohort_name,
            "participant_uid": self.participant_uid,
            "participant_name": self.participant_name,
            "module_id": self.module_id,
            "module_version": self.module_version,
            "assignment_id": self.assignment_id,
            "response_version": self.response_version,
            "status": ResponseStatus.SUBMITTED.value,
            "saved_at": _format_time(self.saved_at),
            "values": self.values,
        }
        return {**body, "sha256": payload_digest(body)}


def payload_digest(body: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON of ``body`` (its ``sha256`` key, if any, left out)."""
    checked = {key: value for key, value in body.items() if key != "sha256"}
    return hashlib.sha256(canonical_json(checked)).hexdigest()


# ------------------------------------------------------------------------------ writing


def render_handback(handback: HandBack, module: Module) -> str:
    """The whole file: the readable document, then the block the app reads back."""
    if module.assignment is None:
        raise ValueError(f"module {module.id!r} has no assignment to hand back")
    lines = encode_block_lines(handback.payload())
    saved = handback.saved_at.strftime("%Y-%m-%d %H:%M UTC")
    header = "\n".join(
        [
            _TOP_COMMENT,
            "",
            f"# {plain_inline(module.assignment.title)}",
            "",
            f"- **Participant:** {plain_inline(handback.participant_name)}",
            f"- **Session {module.number}:** {plain_inline(module.title)}",
            f"- **Cohort:** {plain_inline(handback.cohort_name)}",
            f"- **Saved:** {saved} (version {handback.response_version} of these answers)",
            "",
            "*Written by cofacilitator. The answers are repeated, hidden, at the end of this file "
            "for the app; changes made to the text here are not imported.*",
            "",
            "---",
            "",
        ]
    )
    body = answers_to_markdown(module.assignment, handback.values)
    block = "\n".join([_BLOCK_OPENING, *lines, "-->"])
    return f"{header}\n{body}\n{block}\n"


def suggested_filename(participant_name: str, module: Module) -> str:
    """A file name that says whose answers to which session, safe on every file system."""
    words = re.sub(r"[^\w]+", "-", participant_name.casefold()).strip("-_") or "participant"
    return f"{words[:60]}-session-{module.number}-{module.id}.md"


def write_handback(store: Store, participant_id: int, module: Module, path: Path) -> HandBack:
    """Write the submitted answers of ``participant_id`` to ``module``'s assignment to ``path``.

    Only submitted answers leave the app: a draft raises ``ValueError``, as does a module
    without an assignment or a participant who has not answered it.
    """
    if module.assignment is None:
        raise ValueError(f"module {module.id!r} has no assignment to hand back")
    with store.session_factory() as s:
        participant = s.get_one(Participant, participant_id)
        cohort = s.get_one(Cohort, participant.cohort_id)
        response = s.scalar(
            select(AssignmentResponse).where(
                AssignmentResponse.participant_id == participant_id,
                AssignmentResponse.module_id == module.id,
            )
        )
        if response is None:
            raise ValueError(f"{participant.display_name} has not answered {module.title!r} yet")
        if response.status is not ResponseStatus.SUBMITTED:
            raise ValueError("submit the answers before handing them back")
        handback = HandBack(
            cohort_uid=cohort.uid,
            cohort_name=cohort.name,
            participant_uid=participant.uid,
            participant_name=participant.display_name,
            module_id=module.id,
            module_version=response.module_version,
            assignment_id=module.assignment.id,
            response_version=response.version,
            saved_at=response.updated_at,
            values=dict(response.values),
        )
    write_text_atomic(path, render_handback(handback, module))
    return handback


def _format_time(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat() + "Z"


# ------------------------------------------------------------------------------ reading


def read_handback_file(path: Path, *, expected_cohort_uid: str | None) -> HandBack:
    """``parse_handback`` on a file, refusing an oversized one before reading it."""
    name = path.name or str(path)
    try:
        with path.open("rb") as stream:
            if os.fstat(stream.fileno()).st_size > MAX_BYTES:
                raise _oversized(name)
            data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        reason = error.strerror or str(error)
        raise HandBackRefused(
            RefusalKind.UNREADABLE, f"{name} could not be read ({reason})."
        ) from error
    return parse_handback(data, expected_cohort_uid=expected_cohort_uid, source=name)


def parse_handback(
    data: bytes, *, expected_cohort_uid: str | None, source: str = "This file"
) -> HandBack:
    """The hand-back in ``data``, or ``HandBackRefused``; never any other exception.

    ``expected_cohort_uid`` None accepts any cohort (the caller checks it against the store).
    ``source`` names the file in messages.
    """
    if len(data) > MAX_BYTES:
        raise _oversized(source)
    text = data.decode("utf-8", errors="replace")
    payload = _decode_block(text, source)
    handback = _checked_payload(payload, source)
    if expected_cohort_uid is not None and handback.cohort_uid != expected_cohort_uid:
        raise HandBackRefused(
            RefusalKind.OTHER_COHORT,
            f"{source} holds answers for another cohort ({handback.cohort_name!r}), "
            "not for this one.",
        )
    return handback


def _oversized(source: str) -> HandBackRefused:
    return HandBackRefused(
        RefusalKind.OVERSIZED,
        f"{source} is larger than {MAX_BYTES // (1024 * 1024)} MB, far more than any assignment: "
        "it is not a hand-back file, or it has been damaged.",
    )


def _malformed(source: str, what: str) -> HandBackRefused:
    return HandBackRefused(
        RefusalKind.MALFORMED,
        f"{source} is damaged or was edited after it was written ({what}). "
        "Ask the participant to hand it back again from the app.",
    )


def _newer(source: str, version: int) -> HandBackRefused:
    return HandBackRefused(
        RefusalKind.NEWER_FORMAT,
        f"{source} was written by a newer version of cofacilitator (hand-back format "
        f"{version}); update the app to import it.",
    )


def _decode_block(text: str, source: str) -> Any:
    """The JSON value of the last answers block in ``text``.

    The last one, because the app writes its block at the very end: a block-like comment a
    participant pasted into an answer (inside a code span, where it stays raw) comes before it.
    """
    starts = list(_BLOCK_START.finditer(text))
    if not starts:
        if _ANY_MARKER.search(text):
            raise HandBackRefused(
                RefusalKind.TRUNCATED,
                f"{source} is incomplete: it was cut off before the answers at its end. "
                "Ask for the file again.",
            )
        what = (
            "an invitation to a cohort, not a hand-back file"
            if "cofacilitator-invitation" in text
            else "not a cofacilitator hand-back file: it holds no assignment answers"
        )
        raise HandBackRefused(RefusalKind.NOT_AN_ASSIGNMENT, f"{source} is {what}.")
    start = starts[-1]
    version = int(start.group(1))
    if version > FORMAT_VERSION:
        raise _newer(source, version)
    if version != FORMAT_VERSION:
        raise _malformed(source, f"unknown hand-back format {version}")
    body_start = text.find("\n", start.end())
    end = _BLOCK_END.search(text, body_start) if body_start >= 0 else None
    if end is None:
        raise HandBackRefused(
            RefusalKind.TRUNCATED,
            f"{source} is incomplete: it was cut off in the middle of the answers at its end. "
            "Ask for the file again.",
        )
    try:
        return decode_block_lines(text[body_start : end.start()])
    except (ValueError, RecursionError) as error:
        raise _malformed(source, "the answers at its end cannot be read") from error


def _checked_payload(payload: Any, source: str) -> HandBack:
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise _malformed(source, "the answers at its end are not a hand-back")
    version = payload.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise _newer(source, version)
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise _malformed(source, "its format version is unreadable")
    if payload.keys() != _PAYLOAD_KEYS:
        raise _malformed(source, "entries are missing or were added")
    try:
        intact = payload["sha256"] == payload_digest(payload)
    except RecursionError as error:
        raise _malformed(source, "the answers are nested too deeply") from error
    if not intact:
        raise _malformed(source, "the answers no longer match their checksum")
    for key in _TEXT_KEYS:
        if not isinstance(payload[key], str) or not payload[key] or len(payload[key]) > 1000:
            raise _malformed(source, f"{key} is not valid")
    for key in _COUNTER_KEYS:
        counter = payload[key]
        if isinstance(counter, bool) or not isinstance(counter, int):
            raise _malformed(source, f"{key} is not a number")
        if not 1 <= counter <= _MAX_COUNTER:
            raise _malformed(source, f"{key} is out of range")
    if payload["status"] != ResponseStatus.SUBMITTED.value:
        raise _malformed(source, "the answers were not submitted")
    if not isinstance(payload["values"], dict):
        raise _malformed(source, "the answers are not a set of fields")
    return HandBack(
        cohort_uid=payload["cohort_uid"],
        cohort_name=payload["cohort_name"],
        participant_uid=payload["participant_uid"],
        participant_name=payload["participant_name"],
        module_id=payload["module_id"],
        module_version=payload["module_version"],
        assignment_id=payload["assignment_id"],
        response_version=payload["response_version"],
        saved_at=_parse_time(payload["saved_at"], source),
        values=payload["values"],
    )


def _parse_time(text: str, source: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise _malformed(source, "the time the answers were saved is unreadable") from error
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment
