"""The machine-readable block at the end of files people carry by hand (hand-back, peer feedback).

Base64 of canonical UTF-8 JSON, wrapped at 76 characters: editors and mail programs that curl
quotes, reflow lines or quote with ``> `` leave it intact, and reading it is strict (duplicate
keys, NaN and infinite numbers are refused) so that a checksum over it means something.

The block sits in an HTML comment opened by its format's marker and version::

    <!-- cofacilitator-handback v1: the same answers, for the app. Leave this block as it is.
    eyJhc3NpZ25tZW50X2lkIjoiYXNzaWdubWVudC0zIiwiY29ob3J0X25hbWUiOiJTcHJpbmcgY29ob3J0Ii...
    -->

and its JSON object (the *payload*) names the format and version again and ends in a SHA-256 of
its own canonical JSON. Reading one raises the plain errors of ``carried_file``, whose words
each kind of file puts in its own refusal.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from cofacilitator import __version__
from cofacilitator.carried_file import (
    CutOff,
    Damaged,
    NewerFormat,
    NotThisFormat,
    checked_version,
    load_finite_json,
)

LINE_WIDTH = 76
_MAX_COUNTER = 2**31 - 1
TEXT_LIMIT = 1000
"""Characters in one of a payload's text entries (names, ids, times)."""
_BLOCK_END = re.compile(r"--\\?>")


@dataclass(frozen=True)
class BlockFormat:
    """One kind of block, and the words refusals of it use."""

    name: str
    """The marker that opens the block, and the payload's ``format``."""
    version: int
    holds: str
    """What the block holds, as messages name it ("answers")."""
    called: str
    """The format, as messages name it ("hand-back", in "unknown hand-back format 2")."""
    one: str
    """One payload of this format ("a hand-back", in "the answers at its end are not a …")."""

    def opening(self) -> str:
        return (
            f"<!-- {self.name} v{self.version}: the same {self.holds}, for the app. "
            "Leave this block as it is."
        )


def canonical_json(value: Any) -> bytes:
    """One byte string per value: sorted keys, no spaces, UTF-8; what checksums are taken over."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def payload_digest(body: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON of ``body`` (its ``sha256`` key, if any, left out)."""
    checked = {key: value for key, value in body.items() if key != "sha256"}
    return hashlib.sha256(canonical_json(checked)).hexdigest()


def sealed_payload(block: BlockFormat, fields: dict[str, Any]) -> dict[str, Any]:
    """``fields`` with the format, the version, the app that wrote them and the checksum."""
    body: dict[str, Any] = {
        "format": block.name,
        "version": block.version,
        "written_by": f"cofacilitator {__version__}",
        **fields,
    }
    return {**body, "sha256": payload_digest(body)}


def render_block(block: BlockFormat, payload: dict[str, Any]) -> str:
    """The whole comment: the opening line, the encoded payload, the closing line."""
    return "\n".join([block.opening(), *encode_block_lines(payload), "-->"])


def encode_block_lines(payload: Any) -> list[str]:
    encoded = base64.b64encode(canonical_json(payload)).decode("ascii")
    return [encoded[i : i + LINE_WIDTH] for i in range(0, len(encoded), LINE_WIDTH)]


def decode_block_lines(body: str) -> Any:
    """The JSON value of a block's lines; mail quoting and whitespace are ignored.

    Raises ``ValueError`` (or ``RecursionError`` for absurdly deep nesting) on anything else.
    """
    encoded = "".join(line.strip().lstrip(">").strip() for line in body.splitlines())
    raw = base64.b64decode(encoded, validate=True)
    return load_finite_json(raw.decode("utf-8"), object_pairs_hook=_refuse_duplicate_keys)


def read_payload(
    text: str,
    block: BlockFormat,
    keys: frozenset[str],
    *,
    text_keys: tuple[str, ...],
    counter_keys: tuple[str, ...],
) -> dict[str, Any]:
    """The payload of the last block of ``block``'s format in ``text``, checked as far as every
    format's payload is: format and version, exactly ``keys``, the checksum, non-blank
    ``text_keys`` and ``counter_keys`` from 1 to 2**31 - 1.

    Raises ``NotThisFormat``, ``CutOff``, ``NewerFormat`` or ``Damaged``.
    """
    payload = _last_block(text, block)
    if not isinstance(payload, dict) or payload.get("format") != block.name:
        raise Damaged(f"the {block.holds} at its end are not {block.one}")
    checked_version(payload, block.version)
    if payload.keys() != keys:
        raise Damaged("entries are missing or were added")
    try:
        intact = payload["sha256"] == payload_digest(payload)
    except RecursionError as error:
        raise Damaged(f"the {block.holds} are nested too deeply") from error
    if not intact:
        raise Damaged(f"the {block.holds} no longer match their checksum")
    for key in text_keys:
        value = payload[key]
        if not isinstance(value, str) or not value.strip() or len(value) > TEXT_LIMIT:
            raise Damaged(f"{key} is not valid")
    for key in counter_keys:
        counter = payload[key]
        if isinstance(counter, bool) or not isinstance(counter, int):
            raise Damaged(f"{key} is not a number")
        if not 1 <= counter <= _MAX_COUNTER:
            raise Damaged(f"{key} is out of range")
    return payload


def _last_block(text: str, block: BlockFormat) -> Any:
    """The JSON value of the last block of the format in ``text``.

    The last one, because the app writes its block at the very end: a block-like comment a
    person pasted into their text (inside a code span, where it stays raw) comes before it.
    """
    marker = re.escape(block.name)
    starts = list(re.finditer(rf"^[ \t>]*\\?<!--[ \t]*{marker}[ \t]+v(\d{{1,9}})\b", text, re.M))
    if not starts:
        if re.search(rf"<!--[ \t]*{marker}", text):
            raise CutOff(f"it was cut off before the {block.holds} at its end")
        raise NotThisFormat(f"no {block.called} block")
    start = starts[-1]
    version = int(start.group(1))
    if version > block.version:
        raise NewerFormat(version)
    if version != block.version:
        raise Damaged(f"unknown {block.called} format {version}")
    body_start = text.find("\n", start.end())
    end = _BLOCK_END.search(text, body_start) if body_start >= 0 else None
    if end is None:
        raise CutOff(f"it was cut off in the middle of the {block.holds} at its end")
    try:
        return decode_block_lines(text[body_start : end.start()])
    except (ValueError, RecursionError) as error:
        raise Damaged(f"the {block.holds} at its end cannot be read") from error


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("a key appears twice")
    return result
