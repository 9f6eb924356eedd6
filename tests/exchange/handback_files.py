"""Making hand-back files by hand: valid ones for any participant, and ones whose embedded
answers were opened and changed, the way a curious participant or a broken tool would."""

from __future__ import annotations

import base64
import json
import re
from dataclasses import replace
from datetime import datetime
from typing import Any

from cofacilitator.embedded_block import payload_digest
from cofacilitator.handback import HandBack, render_handback
from cofacilitator.sessions.schema import Module
from tests.exchange.exchange_stores import Roster


def block_pattern(marker: str) -> re.Pattern[str]:
    """The embedded block opened by ``marker``: the opening line, the base64, the closing."""
    return re.compile(rf"(<!-- {marker} v\d+[^\n]*\n)([A-Za-z0-9+/=\n]+)(-->)")


_BLOCK = block_pattern("cofacilitator-handback")


def make_handback(
    roster: Roster, module: Module, values: dict[str, Any], **changes: Any
) -> HandBack:
    """Ada's hand-back of ``values``, as her app would write it, with ``changes`` applied."""
    assert module.assignment is not None
    handback = HandBack(
        cohort_uid=roster.cohort_uid,
        cohort_name="Spring cohort",
        participant_uid=roster.ada_uid,
        participant_name="Ada Lovelace",
        module_id=module.id,
        module_version=module.version,
        assignment_id=module.assignment.id,
        response_version=1,
        saved_at=datetime(2025, 3, 1, 9, 30, 15, 250000),
        values=values,
    )
    return replace(handback, **changes)


def handback_text(roster: Roster, module: Module, values: dict[str, Any], **changes: Any) -> str:
    return render_handback(make_handback(roster, module, values, **changes), module)


def payload_of(text: str, *, block: re.Pattern[str] = _BLOCK) -> dict[str, Any]:
    match = block.search(text)
    assert match is not None
    return json.loads(base64.b64decode(match.group(2)))


def with_payload(
    text: str,
    payload: dict[str, Any],
    *,
    rehash: bool = False,
    block: re.Pattern[str] = _BLOCK,
) -> str:
    """``text`` with its embedded payload replaced by ``payload`` (checksum renewed if asked)."""
    if rehash:
        payload = {**payload, "sha256": payload_digest(payload)}
    encoded = base64.b64encode(json.dumps(payload).encode("utf-8")).decode("ascii")
    match = block.search(text)
    assert match is not None
    return text[: match.start(2)] + encoded + "\n" + text[match.end(2) :]


def block_span(text: str) -> tuple[int, int]:
    """Where the machine-readable block sits in ``text``, as character offsets."""
    match = _BLOCK.search(text)
    assert match is not None
    return match.start(), match.end()
