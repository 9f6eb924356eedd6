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

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select

from cofacilitator.answers import answers_to_markdown
from cofacilitator.atomic_write import write_text_atomic
from cofacilitator.carried_file import (
    CutOff,
    Damaged,
    FileRefused,
    NewerFormat,
    NotThisFormat,
    file_label,
    read_limited,
    time_for_file,
    time_from_file,
)
from cofacilitator.embedded_block import (
    BlockFormat,
    read_payload,
    render_block,
    sealed_payload,
)
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
BLOCK = BlockFormat(FORMAT, FORMAT_VERSION, holds="answers", called="hand-back", one="a hand-back")

_TOP_COMMENT = (
    "<!-- cofacilitator-handback: answers to an assignment, written by cofacilitator. "
    "Send this file to your facilitator as it is. -->"
)

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


class HandBackRefused(FileRefused):
    """The one error of reading and importing hand-back files; ``str()`` is the message."""

    reason_kind: RefusalKind


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
        return sealed_payload(
            BLOCK,
            {
                "cohort_uid": self.cohort_uid,
                "cohort_name": self.cohort_name,
                "participant_uid": self.participant_uid,
                "participant_name": self.participant_name,
                "module_id": self.module_id,
                "module_version": self.module_version,
                "assignment_id": self.assignment_id,
                "response_version": self.response_version,
                "status": ResponseStatus.SUBMITTED.value,
                "saved_at": time_for_file(self.saved_at),
                "values": self.values,
            },
        )


# ------------------------------------------------------------------------------ writing


def render_handback(handback: HandBack, module: Module) -> str:
    """The whole file: the readable document, then the block the app reads back."""
    if module.assignment is None:
        raise ValueError(f"module {module.id!r} has no assignment to hand back")
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
    return f"{header}\n{body}\n{render_block(BLOCK, handback.payload())}\n"


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


# ------------------------------------------------------------------------------ reading


def read_handback_file(path: Path, *, expected_cohort_uid: str | None) -> HandBack:
    """``parse_handback`` on a file, refusing an oversized one before reading it."""
    data = read_limited(path, MAX_BYTES, oversized=_oversized, unreadable=_unreadable)
    return parse_handback(data, expected_cohort_uid=expected_cohort_uid, source=file_label(path))


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
    try:
        payload = read_payload(
            text, BLOCK, _PAYLOAD_KEYS, text_keys=_TEXT_KEYS, counter_keys=_COUNTER_KEYS
        )
    except NotThisFormat as error:
        what = (
            "an invitation to a cohort, not a hand-back file"
            if "cofacilitator-invitation" in text
            else "not a cofacilitator hand-back file: it holds no assignment answers"
        )
        raise HandBackRefused(RefusalKind.NOT_AN_ASSIGNMENT, f"{source} is {what}.") from error
    except CutOff as error:
        raise HandBackRefused(
            RefusalKind.TRUNCATED, f"{source} is incomplete: {error}. Ask for the file again."
        ) from error
    except NewerFormat as error:
        raise HandBackRefused(
            RefusalKind.NEWER_FORMAT,
            f"{source} was written by a newer version of cofacilitator (hand-back format "
            f"{error.version}); update the app to import it.",
        ) from error
    except Damaged as error:
        raise _malformed(source, str(error)) from error
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


def _unreadable(message: str) -> HandBackRefused:
    return HandBackRefused(RefusalKind.UNREADABLE, message)


def _malformed(source: str, what: str) -> HandBackRefused:
    return HandBackRefused(
        RefusalKind.MALFORMED,
        f"{source} is damaged or was edited after it was written ({what}). "
        "Ask the participant to hand it back again from the app.",
    )


def _checked_payload(payload: dict[str, Any], source: str) -> HandBack:
    """The hand-back in a payload whose block, checksum, texts and counters were checked."""
    if payload["status"] != ResponseStatus.SUBMITTED.value:
        raise _malformed(source, "the answers were not submitted")
    if not isinstance(payload["values"], dict):
        raise _malformed(source, "the answers are not a set of fields")
    try:
        saved_at = time_from_file(payload["saved_at"])
    except ValueError as error:
        raise _malformed(source, "the time the answers were saved is unreadable") from error
    return HandBack(
        cohort_uid=payload["cohort_uid"],
        cohort_name=payload["cohort_name"],
        participant_uid=payload["participant_uid"],
        participant_name=payload["participant_name"],
        module_id=payload["module_id"],
        module_version=payload["module_version"],
        assignment_id=payload["assignment_id"],
        response_version=payload["response_version"],
        saved_at=saved_at,
        values=payload["values"],
    )
