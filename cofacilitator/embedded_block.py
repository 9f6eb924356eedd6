"""The machine-readable block at the end of files people carry by hand (hand-back, peer feedback).

Base64 of canonical UTF-8 JSON, wrapped at 76 characters: editors and mail programs that curl
quotes, reflow lines or quote with ``> `` leave it intact, and reading it is strict (duplicate
keys, NaN and infinite numbers are refused) so that a checksum over it means something.
"""

from __future__ import annotations

import base64
import json
import math
from typing import Any

LINE_WIDTH = 76


def canonical_json(value: Any) -> bytes:
    """One byte string per value: sorted keys, no spaces, UTF-8; what checksums are taken over."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def encode_block_lines(payload: Any) -> list[str]:
    encoded = base64.b64encode(canonical_json(payload)).decode("ascii")
    return [encoded[i : i + LINE_WIDTH] for i in range(0, len(encoded), LINE_WIDTH)]


def decode_block_lines(body: str) -> Any:
    """The JSON value of a block's lines; mail quoting and whitespace are ignored.

    Raises ``ValueError`` (or ``RecursionError`` for absurdly deep nesting) on anything else.
    """
    encoded = "".join(line.strip().lstrip(">").strip() for line in body.splitlines())
    raw = base64.b64decode(encoded, validate=True)
    return json.loads(
        raw.decode("utf-8"),
        object_pairs_hook=_refuse_duplicate_keys,
        parse_constant=_refuse_constant,
        parse_float=_finite_float,
    )


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("a key appears twice")
    return result


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def _finite_float(text: str) -> float:
    """``1e999`` is valid JSON but infinite, which no answer is and no checksum can encode."""
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{text} is out of range")
    return number
