"""Files that must not be imported are refused whole, with a reason a facilitator can act on,
and the store is left exactly as it was."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cofacilitator.assignment_store import ImportStatus, import_handbacks
from cofacilitator.handback import MAX_BYTES, HandBackRefused, RefusalKind, parse_handback
from cofacilitator.sessions.schema import Module
from cofacilitator.store.database import Store
from tests.exchange.exchange_stores import Roster, add_roster, row_counts
from tests.exchange.handback_files import handback_text, payload_of, with_payload
from tests.exchange.sample_answers import catalog_of, every_kind_answers

Maker = Callable[[Roster, Module, Path], Path]


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def valid(roster: Roster, module: Module, **changes: Any) -> str:
    return handback_text(roster, module, every_kind_answers(), **changes)


def edited(
    roster: Roster, module: Module, change: Callable[[dict[str, Any]], None], **kw: Any
) -> str:
    text = valid(roster, module)
    payload = payload_of(text)
    change(payload)
    return with_payload(text, payload, **kw)


def _set(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda payload: payload.__setitem__(key, value)


CASES: dict[str, tuple[RefusalKind, Maker]] = {
    "another cohort": (
        RefusalKind.OTHER_COHORT,
        lambda r, m, p: write(p, valid(r, m, cohort_uid="0" * 32, cohort_name="Autumn")),
    ),
    "format 2 block": (
        RefusalKind.NEWER_FORMAT,
        lambda r, m, p: write(
            p, valid(r, m).replace("cofacilitator-handback v1:", "cofacilitator-handback v2:")
        ),
    ),
    "format 2 payload": (
        RefusalKind.NEWER_FORMAT,
        lambda r, m, p: write(p, edited(r, m, _set("version", 2), rehash=True)),
    ),
    "version 999 without checksum": (
        RefusalKind.NEWER_FORMAT,
        lambda r, m, p: write(p, edited(r, m, _set("version", 999))),
    ),
    "answer changed by hand": (
        RefusalKind.MALFORMED,
        lambda r, m, p: write(p, edited(r, m, lambda d: d["values"].__setitem__("story", "Mine"))),
    ),
    "key removed": (
        RefusalKind.MALFORMED,
        lambda r, m, p: write(p, edited(r, m, lambda d: d.pop("participant_name"), rehash=True)),
    ),
    "key added": (
        RefusalKind.MALFORMED,
        lambda r, m, p: write(p, edited(r, m, _set("grade", "A"), rehash=True)),
    ),
    "draft status": (
        RefusalKind.MALFORMED,
        lambda r, m, p: write(p, edited(r, m, _set("status", "draft"), rehash=True)),
    ),
    "version zero": (
        RefusalKind.MALFORMED,
        lambda r, m, p: write(p, edited(r, m, _set("response_version", 0), rehash=True)),
    ),
    "huge version": (
        RefusalKind.MALFORMED,
        lambda r, m, p: write(p, edited(r, m, _set("response_version", 10**30), rehash=True)),
    ),
    "bad time": (
        RefusalKind.MALFORMED,
        lambda r, m, p: write(p, edited(r, m, _set("saved_at", "last Tuesday"), rehash=True)),
    ),
    "not base64": (
        RefusalKind.MALFORMED,
        lambda r, m, p: write(p, valid(r, m).replace("eyJ", "e$J", 1)),
    ),
    "NaN in the answers": (
        RefusalKind.MALFORMED,
        lambda r, m, p: write(
            p, edited(r, m, lambda d: d["values"]["map"][0].__setitem__("power", float("nan")))
        ),
    ),
    "cut inside the block": (
        RefusalKind.TRUNCATED,
        lambda r, m, p: write(p, valid(r, m)[: valid(r, m).rindex("-->") - 100]),
    ),
    "cut before the block": (
        RefusalKind.TRUNCATED,
        lambda r, m, p: write(p, valid(r, m)[:400]),
    ),
    "larger than 5 MB": (
        RefusalKind.OVERSIZED,
        lambda r, m, p: write(p, valid(r, m) + " " * MAX_BYTES),
    ),
    "plain notes": (
        RefusalKind.NOT_AN_ASSIGNMENT,
        lambda r, m, p: write(p, "# My notes\n\nNothing to see.\n"),
    ),
    "empty file": (RefusalKind.NOT_AN_ASSIGNMENT, lambda r, m, p: write(p, b"")),
    "a picture": (
        RefusalKind.NOT_AN_ASSIGNMENT,
        lambda r, m, p: write(p, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
    ),
    "an invitation": (
        RefusalKind.NOT_AN_ASSIGNMENT,
        lambda r, m, p: write(p, json.dumps({"format": "cofacilitator-invitation", "version": 1})),
    ),
    "someone not on the roster": (
        RefusalKind.UNKNOWN_PARTICIPANT,
        lambda r, m, p: write(p, valid(r, m, participant_uid="f" * 32)),
    ),
    "a module the app lacks": (
        RefusalKind.UNKNOWN_MODULE,
        lambda r, m, p: write(p, valid(r, m, module_id="community-gardening")),
    ),
    "an assignment the module lacks": (
        RefusalKind.UNKNOWN_MODULE,
        lambda r, m, p: write(p, valid(r, m, assignment_id="assignment-9")),
    ),
    "answers that do not fit": (
        RefusalKind.INVALID_ANSWERS,
        lambda r, m, p: write(
            p,
            handback_text(
                r, m, {"map": [{"name": "A", "note": "", "power": 3, "interest": 0}], "x": 1}
            ),
        ),
    ),
    "a missing file": (RefusalKind.UNREADABLE, lambda r, m, p: p.with_name("nowhere.md")),
    "a folder": (RefusalKind.UNREADABLE, lambda r, m, p: p.parent),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_file_is_refused_with_its_reason_and_nothing_is_stored(
    case: str, store: Store, roster: Roster, every_kind: Module, tmp_path: Path
) -> None:
    kind, make = CASES[case]
    path = make(roster, every_kind, tmp_path / "handback.md")
    before = row_counts(store)
    report = import_handbacks(store, [path], catalog_of(every_kind), cohort_id=roster.cohort_id)
    [outcome] = report.outcomes
    assert outcome.status is ImportStatus.REFUSED
    assert outcome.reason_kind is kind, outcome.message
    assert path.name in outcome.message
    assert row_counts(store) == before == (0, 0)


def test_every_refusal_kind_of_reading_is_covered() -> None:
    covered = {kind for kind, _ in CASES.values()}
    store_side = {RefusalKind.OLDER_VERSION, RefusalKind.VERSION_CONFLICT}
    assert covered | store_side == set(RefusalKind)


def test_a_cohort_this_app_does_not_have_is_refused_when_no_cohort_is_named(
    store: Store, roster: Roster, every_kind: Module, tmp_path: Path
) -> None:
    path = write(tmp_path / "h.md", valid(roster, every_kind, cohort_uid="0" * 32))
    report = import_handbacks(store, [path], catalog_of(every_kind))
    assert report.refused[0].reason_kind is RefusalKind.OTHER_COHORT
    assert row_counts(store) == (0, 0)


def test_a_file_for_a_sister_cohort_is_refused_when_this_one_is_named(
    store: Store, roster: Roster, every_kind: Module, tmp_path: Path
) -> None:
    sister = add_roster(store, "Autumn cohort")
    path = write(tmp_path / "h.md", handback_text(sister, every_kind, every_kind_answers()))
    named = import_handbacks(store, [path], catalog_of(every_kind), cohort_id=roster.cohort_id)
    assert named.refused[0].reason_kind is RefusalKind.OTHER_COHORT
    assert "Spring cohort" in named.refused[0].message
    assert row_counts(store) == (0, 0)
    anywhere = import_handbacks(store, [path], catalog_of(every_kind))
    assert [o.status for o in anywhere.outcomes] == [ImportStatus.IMPORTED]


def test_a_refused_file_does_not_stop_the_others(
    store: Store, roster: Roster, every_kind: Module, tmp_path: Path
) -> None:
    good = write(tmp_path / "good.md", valid(roster, every_kind))
    bad = write(tmp_path / "bad.md", valid(roster, every_kind)[:-200])
    report = import_handbacks(store, [bad, good], catalog_of(every_kind))
    assert [o.status for o in report.outcomes] == [ImportStatus.REFUSED, ImportStatus.IMPORTED]
    assert report.changed == ((roster.ada, every_kind.id),)
    assert row_counts(store) == (1, 0)


def test_a_huge_file_is_refused_without_being_read(
    store: Store, roster: Roster, every_kind: Module, tmp_path: Path
) -> None:
    path = tmp_path / "huge.md"
    with path.open("wb") as stream:
        stream.truncate(50 * 1024**3)  # sparse: 50 GB that would take minutes to read
    report = import_handbacks(store, [path], catalog_of(every_kind))
    assert report.refused[0].reason_kind is RefusalKind.OVERSIZED


def test_the_messages_say_what_to_do_in_plain_words(roster: Roster, every_kind: Module) -> None:
    text = valid(roster, every_kind)
    with pytest.raises(HandBackRefused) as cut:
        parse_handback(text[:-300].encode(), expected_cohort_uid=None, source="ada.md")
    assert str(cut.value).startswith("ada.md is incomplete")
    assert "Ask for the file again" in str(cut.value)
    newer = text.replace("handback v1:", "handback v3:").encode()
    with pytest.raises(HandBackRefused) as future:
        parse_handback(newer, expected_cohort_uid=None, source="ada.md")
    assert "update the app" in str(future.value)


def with_block(text: str, raw_json: str) -> bytes:
    """``text`` with the raw JSON ``raw_json`` as its embedded answers, checksum untouched."""
    start = text.index("\n", text.rindex("<!-- cofacilitator-handback v1")) + 1
    end = text.rindex("-->")
    encoded = base64.b64encode(raw_json.encode()).decode()
    return (text[:start] + encoded + "\n" + text[end:]).encode()


@pytest.mark.parametrize(
    ("what", "change"),
    [
        ("an infinite number", lambda raw: raw.replace('"power": 0.8', '"power": 1e999')),
        ("deep nesting", lambda raw: "[" * 100_000 + "]" * 100_000),
        ("a repeated key", lambda raw: raw.replace("{", '{"version": 1, ', 1)),
    ],
)
def test_hostile_json_in_the_block_is_refused_as_malformed(
    what: str, change: Callable[[str], str], roster: Roster, every_kind: Module
) -> None:
    text = valid(roster, every_kind)
    raw = json.dumps(payload_of(text))
    assert change(raw) != raw
    with pytest.raises(HandBackRefused) as refused:
        parse_handback(with_block(text, change(raw)), expected_cohort_uid=None)
    assert refused.value.reason_kind is RefusalKind.MALFORMED, what
