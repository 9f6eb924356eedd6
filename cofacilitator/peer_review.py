"""Peer feedback on an assignment: one person's comments on another's hand-back file.

The curriculum suggests exchanging Assignment 2 "with other community managers to get some
feedback". Sharing stays the author's choice: they send their hand-back file to a peer, the peer
opens it read-only in their own app, writes a comment per field and an overall one, and saves a
*reply file* that they send back. The author opens it beside their own answers.

A reply file is built like a hand-back file: a Markdown document for people ("Feedback from Lin
on Amara's answers to CoP basics", a section per field), then a checked block for the app, the
base64 of canonical JSON ending in its own SHA-256, under its own marker::

    <!-- cofacilitator-peer-feedback v1: the same comments, for the app. Leave this block as it is.
    eyJhbnN3ZXJzX3NoYTI1NiI6IjNmN...
    -->

It holds no answers, only a SHA-256 of the answers reviewed, so the author can tell whether the
comments are about the answers they have now. Its marker is not the hand-back marker, and
people's text in the readable part is escaped so no ``<!--`` survives in it, so a facilitator's
import refuses a reply file as "not an assignment": feedback reaches the facilitator only if its
author chooses to import or forward it themselves.

A file is read as untrusted and refused whole with one ``ReplyRefused`` whose ``reason_kind`` says
why and whose message names the file and says what to do.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from cofacilitator.atomic_write import write_text_atomic
from cofacilitator.carried_file import (
    CutOff,
    Damaged,
    FileRefused,
    NewerFormat,
    NotThisFormat,
    file_label,
    naive_utc,
    read_limited,
    time_for_file,
    time_from_file,
)
from cofacilitator.embedded_block import (
    TEXT_LIMIT,
    BlockFormat,
    canonical_json,
    read_payload,
    render_block,
    sealed_payload,
)
from cofacilitator.handback import HandBack
from cofacilitator.markdown_text import plain_block, plain_inline
from cofacilitator.sessions.schema import Assignment, Module

FORMAT = "cofacilitator-peer-feedback"
FORMAT_VERSION = 1
MAX_BYTES = 5 * 1024 * 1024
"""No set of comments comes near this; anything larger is not a reply file."""
COMMENT_LIMIT = 50_000
"""Characters in one comment: a long letter fits."""
MAX_COMMENTS = 500
"""Commented fields in one reply; far more than any assignment has."""
NO_COMMENT = "*No comment.*"
BLOCK = BlockFormat(FORMAT, FORMAT_VERSION, holds="comments", called="feedback", one="feedback")

_TOP_COMMENT = (
    "<!-- cofacilitator-peer-feedback: comments on someone's assignment answers, written by "
    "cofacilitator. Send this file to the person whose answers these are. -->"
)
_HANDBACK_MARKER = re.compile(r"<!--[ \t]*cofacilitator-handback")
_SHA256 = re.compile(r"[0-9a-f]{64}")

_TEXT_KEYS = (
    "reviewer_name",
    "author_participant_uid",
    "author_name",
    "cohort_uid",
    "module_id",
    "assignment_id",
    "saved_at",
    "written_by",
)
_COUNTER_KEYS = ("module_version", "response_version")
_PAYLOAD_KEYS = frozenset(
    {
        "format",
        "version",
        "answers_sha256",
        "comments",
        "overall",
        "sha256",
        *_TEXT_KEYS,
        *_COUNTER_KEYS,
    }
)


class ReplyRefusalKind(StrEnum):
    """Why a reply file was not opened; the UI explains each in its own words."""

    MALFORMED = "malformed"
    TRUNCATED = "truncated"
    NEWER_FORMAT = "newer_format"
    OVERSIZED = "oversized"
    NOT_A_REPLY = "not_a_reply"
    DIFFERENT_ASSIGNMENT = "different_assignment"
    """The reply is about someone else's answers, or another assignment, than those beside it."""
    UNREADABLE = "unreadable"
    """The file could not be opened or read at all."""


class ReplyRefused(FileRefused):
    """The one error of reading reply files; ``str()`` is the message."""

    reason_kind: ReplyRefusalKind


class ReplyFreshness(StrEnum):
    """How the answers a reply was written about compare with the answers beside it."""

    CURRENT = "current"
    """The very answers that were reviewed."""
    OLDER_ANSWERS = "older_answers"
    """The comments are about an earlier version; the answers have changed since."""
    NEWER_ANSWERS = "newer_answers"
    """The comments are about a later version than the hand-back file opened beside them."""
    DIFFERENT_ANSWERS = "different_answers"
    """Same version number, different answers (the author re-installed or re-typed them)."""


@dataclass(frozen=True)
class PeerReply:
    """Everything a reply file carries; ``saved_at`` is naive UTC, as in hand-back files.

    ``comments`` maps a field id of the assignment to the comment on it; fields left without a
    comment are absent.
    """

    reviewer_name: str
    author_participant_uid: str
    author_name: str
    cohort_uid: str
    module_id: str
    module_version: int
    assignment_id: str
    response_version: int
    answers_sha256: str
    saved_at: datetime
    comments: dict[str, str] = field(default_factory=dict)
    overall: str = ""

    @classmethod
    def about(
        cls,
        handback: HandBack,
        *,
        reviewer_name: str,
        comments: Mapping[str, str],
        overall: str,
        saved_at: datetime,
    ) -> PeerReply:
        """A reply to ``handback``; blank comments are dropped so "no comment" has one shape."""
        return cls(
            reviewer_name=reviewer_name.strip(),
            author_participant_uid=handback.participant_uid,
            author_name=handback.participant_name,
            cohort_uid=handback.cohort_uid,
            module_id=handback.module_id,
            module_version=handback.module_version,
            assignment_id=handback.assignment_id,
            response_version=handback.response_version,
            answers_sha256=answers_digest(handback.values),
            saved_at=naive_utc(saved_at),
            comments={key: text for key, text in comments.items() if text.strip()},
            overall=overall if overall.strip() else "",
        )

    def payload(self) -> dict[str, Any]:
        """The JSON object embedded in the file, checksum included."""
        return sealed_payload(
            BLOCK,
            {
                "reviewer_name": self.reviewer_name,
                "author_participant_uid": self.author_participant_uid,
                "author_name": self.author_name,
                "cohort_uid": self.cohort_uid,
                "module_id": self.module_id,
                "module_version": self.module_version,
                "assignment_id": self.assignment_id,
                "response_version": self.response_version,
                "answers_sha256": self.answers_sha256,
                "comments": dict(self.comments),
                "overall": self.overall,
                "saved_at": time_for_file(self.saved_at),
            },
        )


def answers_digest(values: Mapping[str, Any]) -> str:
    """SHA-256 of the answers' canonical JSON: equal answers, equal digest, on any machine."""
    return hashlib.sha256(canonical_json(dict(values))).hexdigest()


def freshness(reply: PeerReply, handback: HandBack) -> ReplyFreshness:
    """Whether ``reply`` is about the answers in ``handback`` or about another version of them."""
    if reply.answers_sha256 == answers_digest(handback.values):
        return ReplyFreshness.CURRENT
    if reply.response_version < handback.response_version:
        return ReplyFreshness.OLDER_ANSWERS
    if reply.response_version > handback.response_version:
        return ReplyFreshness.NEWER_ANSWERS
    return ReplyFreshness.DIFFERENT_ANSWERS


def check_reply_about(reply: PeerReply, handback: HandBack, source: str = "This file") -> None:
    """Refuse ``reply`` (DIFFERENT_ASSIGNMENT) unless it is about this person's answers to this
    assignment; which version of the answers is a separate question (:func:`freshness`)."""
    if (
        reply.author_participant_uid != handback.participant_uid
        or reply.cohort_uid != handback.cohort_uid
    ):
        raise ReplyRefused(
            ReplyRefusalKind.DIFFERENT_ASSIGNMENT,
            f"{source} holds {reply.reviewer_name}'s feedback on {reply.author_name}'s answers, "
            f"not on these answers by {handback.participant_name}.",
        )
    if reply.module_id != handback.module_id or reply.assignment_id != handback.assignment_id:
        raise ReplyRefused(
            ReplyRefusalKind.DIFFERENT_ASSIGNMENT,
            f"{source} holds {reply.reviewer_name}'s feedback on another assignment "
            f"({reply.assignment_id!r}), not on these answers to {handback.assignment_id!r}.",
        )


# ------------------------------------------------------------------------------ writing


def render_reply(reply: PeerReply, module: Module) -> str:
    """The whole reply file: the readable feedback, then the block the app reads back."""
    assignment = module.assignment
    if assignment is None or assignment.id != reply.assignment_id:
        raise ValueError(f"module {module.id!r} does not hold assignment {reply.assignment_id!r}")
    reviewer = plain_inline(reply.reviewer_name)
    author = plain_inline(reply.author_name)
    written = reply.saved_at.strftime("%Y-%m-%d %H:%M UTC")
    header = [
        _TOP_COMMENT,
        "",
        f"# Feedback from {reviewer} on {author}'s answers to {plain_inline(assignment.title)}",
        "",
        f"- **From:** {reviewer}",
        f"- **To:** {author}",
        f"- **Session {module.number}:** {plain_inline(module.title)}",
        f"- **About:** version {reply.response_version} of the answers",
        f"- **Written:** {written}",
        "",
        "*Written by cofacilitator. Open this file in the app beside your own hand-back file "
        "(File > Open feedback on my assignment…) to read each comment next to your answer. "
        "It holds comments, not answers: a facilitator's app does not import it. The comments "
        "are repeated, hidden, at the end of this file for the app; changes made to the text "
        "here are not read back.*",
        "",
        "---",
        "",
    ]
    body = comments_to_markdown(reply, assignment)
    block = render_block(BLOCK, reply.payload())
    return "\n".join(header) + "\n" + body + "\n" + block + "\n"


def comment_sections(reply: PeerReply, assignment: Assignment) -> list[tuple[str, str]]:
    """(title, comment) in reading order: overall, then every field of the form in form order
    (commented or not, so the author sees which parts drew no comment), then comments on fields
    this version of the form no longer has."""
    sections = [("Overall", reply.overall)]
    sections.extend((f.label, reply.comments.get(f.id, "")) for f in assignment.fields)
    known = {f.id for f in assignment.fields}
    sections.extend(
        (f"A part of the form this app does not have ({key})", text)
        for key, text in reply.comments.items()
        if key not in known
    )
    return sections


def comments_to_markdown(reply: PeerReply, assignment: Assignment) -> str:
    """The comments as a Markdown section per :func:`comment_sections`, people's text escaped."""
    return "\n".join(
        f"## {plain_inline(title)}\n\n{plain_block(text) or NO_COMMENT}\n"
        for title, text in comment_sections(reply, assignment)
    )


def write_reply(reply: PeerReply, module: Module, path: Path) -> Path:
    """Write ``reply`` to ``path`` atomically; a reply must say who wrote it."""
    if not reply.reviewer_name.strip():
        raise ValueError("a reply needs the name of the person who wrote it")
    return write_text_atomic(path, render_reply(reply, module))


def suggested_reply_filename(reply: PeerReply, module: Module) -> str:
    """A file name that says whose feedback on whose answers, safe on every file system."""
    return (
        f"feedback-from-{_slug(reply.reviewer_name, 'a-peer')}"
        f"-on-{_slug(reply.author_name, 'your')}-session-{module.number}.md"
    )


def _slug(text: str, fallback: str) -> str:
    return re.sub(r"[^\w]+", "-", text.casefold()).strip("-_")[:40] or fallback


# ------------------------------------------------------------------------------ reading


def read_reply(path: Path, *, about: HandBack | None = None) -> PeerReply:
    """The reply in the file at ``path``, or ``ReplyRefused``; never any other exception.

    With ``about``, a reply on other answers than these is refused as DIFFERENT_ASSIGNMENT.
    """
    data = read_limited(path, MAX_BYTES, oversized=_oversized, unreadable=_unreadable)
    return parse_reply(data, about=about, source=file_label(path))


def parse_reply(
    data: bytes, *, about: HandBack | None = None, source: str = "This file"
) -> PeerReply:
    """The reply in ``data``, or ``ReplyRefused``; ``source`` names the file in messages."""
    if len(data) > MAX_BYTES:
        raise _oversized(source)
    text = data.decode("utf-8", errors="replace")
    try:
        payload = read_payload(
            text, BLOCK, _PAYLOAD_KEYS, text_keys=_TEXT_KEYS, counter_keys=_COUNTER_KEYS
        )
    except NotThisFormat as error:
        raise ReplyRefused(
            ReplyRefusalKind.NOT_A_REPLY, f"{source} is {_what_else(text)}."
        ) from error
    except CutOff as error:
        raise ReplyRefused(
            ReplyRefusalKind.TRUNCATED, f"{source} is incomplete: {error}. Ask for the file again."
        ) from error
    except NewerFormat as error:
        raise ReplyRefused(
            ReplyRefusalKind.NEWER_FORMAT,
            f"{source} was written by a newer version of cofacilitator (feedback format "
            f"{error.version}); update the app to open it.",
        ) from error
    except Damaged as error:
        raise _malformed(source, str(error)) from error
    reply = _checked_payload(payload, source)
    if about is not None:
        check_reply_about(reply, about, source)
    return reply


def _oversized(source: str) -> ReplyRefused:
    return ReplyRefused(
        ReplyRefusalKind.OVERSIZED,
        f"{source} is larger than {MAX_BYTES // (1024 * 1024)} MB, far more than any feedback: "
        "it is not a reply file, or it has been damaged.",
    )


def _unreadable(message: str) -> ReplyRefused:
    return ReplyRefused(ReplyRefusalKind.UNREADABLE, message)


def _malformed(source: str, what: str) -> ReplyRefused:
    return ReplyRefused(
        ReplyRefusalKind.MALFORMED,
        f"{source} is damaged or was edited after it was written ({what}). "
        "Ask the person who wrote the feedback to save the reply again from the app.",
    )


def _what_else(text: str) -> str:
    if _HANDBACK_MARKER.search(text):
        return (
            "a hand-back file (someone's answers), not feedback on them. Use “Review a peer's "
            "assignment…” to comment on it"
        )
    if "cofacilitator-invitation" in text:
        return "an invitation to a cohort, not feedback on an assignment"
    return "not a cofacilitator feedback file: it holds no comments on an assignment"


def _checked_payload(payload: dict[str, Any], source: str) -> PeerReply:
    """The reply in a payload whose block, checksum, texts and counters were checked."""
    digest = payload["answers_sha256"]
    if not isinstance(digest, str) or not _SHA256.fullmatch(digest):
        raise _malformed(source, "the fingerprint of the answers reviewed is not valid")
    try:
        saved_at = time_from_file(payload["saved_at"])
    except ValueError as error:
        raise _malformed(source, "the time the feedback was written is unreadable") from error
    return PeerReply(
        reviewer_name=payload["reviewer_name"],
        author_participant_uid=payload["author_participant_uid"],
        author_name=payload["author_name"],
        cohort_uid=payload["cohort_uid"],
        module_id=payload["module_id"],
        module_version=payload["module_version"],
        assignment_id=payload["assignment_id"],
        response_version=payload["response_version"],
        answers_sha256=digest,
        saved_at=saved_at,
        comments=_checked_comments(payload["comments"], source),
        overall=_checked_comment(payload["overall"], "the overall comment", source),
    )


def _checked_comments(comments: Any, source: str) -> dict[str, str]:
    if not isinstance(comments, dict):
        raise _malformed(source, "the comments are not a set of fields")
    if len(comments) > MAX_COMMENTS:
        raise _malformed(source, f"more than {MAX_COMMENTS} fields are commented")
    for key, text in comments.items():
        if not key or len(key) > TEXT_LIMIT:
            raise _malformed(source, "a comment is on a field without a valid name")
        _checked_comment(text, f"the comment on {key!r}", source)
    return comments


def _checked_comment(text: Any, what: str, source: str) -> str:
    if not isinstance(text, str):
        raise _malformed(source, f"{what} is not text")
    if len(text) > COMMENT_LIMIT:
        raise _malformed(source, f"{what} is longer than {COMMENT_LIMIT:,} characters")
    return text


# ------------------------------------------------------------------------------ drafts

DRAFTS_FOLDER = "peer-review-drafts"
_DRAFT_FORMAT = "cofacilitator-peer-feedback-draft"


@dataclass(frozen=True)
class ReviewDraft:
    """Comments being written, kept on the reviewer's computer until they save a reply."""

    reviewer_name: str = ""
    comments: dict[str, str] = field(default_factory=dict)
    overall: str = ""


def drafts_folder(data_root: Path) -> Path:
    """Where drafts live: in the private data folder, because they are about someone's answers."""
    folder = data_root / DRAFTS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    return folder


def draft_path(folder: Path, handback: HandBack) -> Path:
    """One draft per person's answers to one assignment, whichever version is reviewed.

    Named by a hash, not by the uids themselves: they come from someone else's file and must not
    choose where anything is written.
    """
    key = "\n".join((handback.cohort_uid, handback.participant_uid, handback.assignment_id))
    return folder / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}.json"


def save_review_draft(folder: Path, handback: HandBack, draft: ReviewDraft) -> Path:
    content = {
        "format": _DRAFT_FORMAT,
        "reviewer_name": draft.reviewer_name,
        "comments": {key: text for key, text in draft.comments.items() if text},
        "overall": draft.overall,
    }
    return write_text_atomic(draft_path(folder, handback), json.dumps(content, ensure_ascii=False))


def load_review_draft(folder: Path, handback: HandBack) -> ReviewDraft | None:
    """The draft kept for these answers, or None when there is none or it cannot be read.

    A damaged draft is treated as absent rather than stopping the review; the next autosave
    replaces it.
    """
    try:
        content = json.loads(draft_path(folder, handback).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(content, dict) or content.get("format") != _DRAFT_FORMAT:
        return None
    name, comments, overall = (content.get(k) for k in ("reviewer_name", "comments", "overall"))
    if not (isinstance(name, str) and isinstance(overall, str) and isinstance(comments, dict)):
        return None
    kept = {k: v for k, v in comments.items() if isinstance(v, str)}
    return ReviewDraft(reviewer_name=name, comments=kept, overall=overall)
