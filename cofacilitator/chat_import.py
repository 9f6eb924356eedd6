"""The call's chat, saved from the video tool, imported as notes under one prompt.

Half of a discussion happens in the chat: links, "+1"s, the answer of someone who would rather
not speak. The facilitator saves the chat and chooses where it belongs (a run, a segment, a
prompt); each message becomes a note by its sender, matched to the roster like the names in a
shared document, through the same preview and apply steps (``import_preview``, ``import_apply``)
as ``document_import``.

Zoom writes its saved chat in two forms, both read here::

    16:02:11 From Amara Okafor to Everyone:
        Hello everyone,
        glad to be here
    16:02:40 From  Lin Wei : +1

and other tools (or a copy from the chat panel) give plain ``Name: message`` lines, optionally
after a time. Private messages ("to Lin Wei (Direct Message)", "(Privately)") were never meant
for the group and are never imported; the preview says how many were left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cofacilitator.document_formats import decode_text
from cofacilitator.export_model import ModuleLookup
from cofacilitator.import_preview import (
    ANONYMOUS_AUTHOR,
    Author,
    ImportPreview,
    ProposedNote,
    SessionNotFound,
    author_of,
    build_preview,
    session_run,
)
from cofacilitator.name_matching import MatchStatus, RosterMatcher, looks_like_name, roster_matcher
from cofacilitator.store.database import Store
from cofacilitator.store.models import NoteSource

_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?"
_ZOOM = re.compile(rf"^\s*(?P<time>{_TIME})\s+From\s+(?P<rest>.*?)\s*$", re.IGNORECASE)
_PLAIN = re.compile(
    rf"^\s*(?:\[?(?P<time>{_TIME})\]?\s*[-–]?\s*)?(?P<who>[^:\t]{{1,120}}?)\s*:\s+(?P<text>\S.*)$"
)
_TARGET = re.compile(r"^(?P<sender>.+?)\s+to\s+(?P<target>.+)$", re.IGNORECASE)
_PRIVATE = re.compile(r"\((?:direct message|privately|private)\)", re.IGNORECASE)
_REACTION = re.compile(r"^(?:reacted to |removed an? .{0,20}reaction)", re.IGNORECASE)
_REPLYING = re.compile(r'^replying to ".*"?\s*$', re.IGNORECASE)


@dataclass(frozen=True)
class ChatMessage:
    time: str
    sender: str
    text: str


@dataclass(frozen=True)
class ChatLog:
    messages: tuple[ChatMessage, ...]
    """Messages to everyone, in order."""
    private_skipped: int
    reactions_skipped: int = 0


@dataclass
class _Message:
    time: str
    sender: str
    private: bool
    lines: list[str]


def parse_chat(text: str) -> ChatLog:
    """The public messages of a saved chat, Zoom's forms or plain "Name: message" lines."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    zoom = any(_ZOOM.match(line) for line in lines)
    messages: list[_Message] = []
    for line in lines:
        started = _zoom_message(line) if zoom else _plain_message(line)
        if started is not None:
            messages.append(started)
        elif messages and line.strip():
            messages[-1].lines.append(line[1:] if line.startswith("\t") else line.strip())
    public: list[ChatMessage] = []
    private = reactions = 0
    for message in messages:
        body = [part for part in message.lines if not _REPLYING.match(part.strip())]
        said = "\n".join(body).strip()
        if message.private:
            private += 1
        elif _REACTION.match(said):
            reactions += 1
        elif said:
            public.append(ChatMessage(message.time, message.sender, said))
    return ChatLog(tuple(public), private, reactions)


def _zoom_message(line: str) -> _Message | None:
    header = _ZOOM.match(line)
    if header is None:
        return None
    rest = header.group("rest")
    if rest.endswith(":"):
        who, said = rest[:-1], ""
    elif " : " in rest:
        who, said = rest.split(" : ", 1)
    else:
        who, _, said = rest.partition(": ")
    private = bool(_PRIVATE.search(who))
    sender = _PRIVATE.sub("", who).strip()
    addressed = _TARGET.match(sender)
    if addressed is not None:
        sender = addressed.group("sender").strip()
        private = private or addressed.group("target").strip().casefold() != "everyone"
    return _Message(header.group("time"), sender, private, [said.strip()] if said.strip() else [])


def _plain_message(line: str) -> _Message | None:
    found = _PLAIN.match(line)
    if found is None:
        return None
    who = found.group("who").strip()
    private = bool(_PRIVATE.search(who))
    sender = _PRIVATE.sub("", who).strip()
    addressed = _TARGET.match(sender)
    if addressed is not None:
        sender = addressed.group("sender").strip()
        private = private or addressed.group("target").strip().casefold() != "everyone"
    if not private and not looks_like_name(sender):
        return None
    return _Message(found.group("time") or "", sender, private, [found.group("text").strip()])


def preview_chat(
    store: Store,
    modules: ModuleLookup,
    run_id: int,
    segment_id: str,
    prompt_id: str,
    chat: str | bytes,
) -> ImportPreview:
    """What importing the saved chat under the prompt would add; reads only.

    Raises ``SessionNotFound`` for a missing run or module and ``ValueError`` when the segment
    is not in the session or the prompt not in the segment (a segment without prompts takes
    the chat with ``prompt_id`` empty).
    """
    log = parse_chat(decode_text(chat) if isinstance(chat, bytes) else chat)
    with store.session_factory() as s:
        run = session_run(s, run_id)
        module = modules.get(run.module_id)
        if module is None:
            raise SessionNotFound(f"The module '{run.module_id}' is not installed.")
        try:
            segment = module.segment(segment_id)
        except KeyError:
            raise ValueError(f"session {module.number} has no segment {segment_id!r}") from None
        prompts = {prompt.id for prompt in segment.prompts}
        if (prompts or prompt_id) and prompt_id not in prompts:
            raise ValueError(f"the segment {segment.title!r} has no prompt {prompt_id!r}")
        matcher = roster_matcher(s, run.cohort_id)
        found = [
            ProposedNote(segment.id, prompt_id, _sender(matcher, message.sender), message.text)
            for message in log.messages
        ]
        return build_preview(s, run, NoteSource.CHAT, found, private_skipped=log.private_skipped)


def _sender(matcher: RosterMatcher, sender: str) -> Author:
    """A chat's display name is often not a person's name ("iPad"): that is anonymous."""
    match = matcher.match(sender)
    if match.status is MatchStatus.UNKNOWN and not looks_like_name(sender):
        return ANONYMOUS_AUTHOR
    return author_of(match)
