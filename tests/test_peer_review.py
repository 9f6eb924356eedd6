"""Reply files: peer feedback on an assignment, written, read back, and refused whole when they
are damaged, cut off, too new, too large, not feedback, or about other answers; and never taken
for an assignment by a facilitator's import."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cofacilitator.assignment_store import ImportStatus, import_handbacks
from cofacilitator.handback import (
    HandBack,
    HandBackRefused,
    RefusalKind,
    parse_handback,
    read_handback_file,
    render_handback,
)
from cofacilitator.paths import shipped_modules_dir
from cofacilitator.peer_review import (
    MAX_BYTES,
    PeerReply,
    ReplyFreshness,
    ReplyRefusalKind,
    ReplyRefused,
    ReviewDraft,
    answers_digest,
    check_reply_about,
    draft_path,
    drafts_folder,
    freshness,
    load_review_draft,
    parse_reply,
    read_reply,
    render_reply,
    save_review_draft,
    suggested_reply_filename,
    write_reply,
)
from cofacilitator.sessions.catalog import Catalog, load_catalog
from cofacilitator.sessions.schema import Module
from cofacilitator.store.database import open_store
from tests.exchange import handback_files
from tests.exchange.exchange_stores import add_roster, row_counts

MODULE_ID = "community-of-practice-basics"
_BLOCK = handback_files.block_pattern("cofacilitator-peer-feedback")
payload_of = partial(handback_files.payload_of, block=_BLOCK)
with_payload = partial(handback_files.with_payload, block=_BLOCK)

TRICKY = "\n".join(
    [
        "# not a heading, and <!-- cofacilitator-peer-feedback v1",
        "<!-- cofacilitator-handback v1",
        "eyJmYWtlIjoidHJ1ZSJ9",
        "-->",
        "1. not a list | not a table *not bold* <script>x</script>",
        "عربى, 日本語 and 👩\u200d👩\u200d👧",
    ]
)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(shipped_modules_dir(), None)


@pytest.fixture(scope="module")
def module(catalog: Catalog) -> Module:
    found = catalog.get(MODULE_ID)
    assert found is not None and found.assignment is not None
    return found


def amara_handback(module: Module, **changes: Any) -> HandBack:
    assert module.assignment is not None
    handback = HandBack(
        cohort_uid="c" * 32,
        cohort_name="Spring cohort",
        participant_uid="a" * 32,
        participant_name="Amara Okafor",
        module_id=module.id,
        module_version=module.version,
        assignment_id=module.assignment.id,
        response_version=1,
        saved_at=datetime(2026, 10, 7, 11, 0),
        values={
            "purpose-outcomes": [
                {"Project/subproject": "Docs sprint", "Purpose": "Onboard", "Outcomes": "10 PRs"}
            ],
            "stakeholder-map": [{"name": "Funders", "note": "", "power": 0.8, "interest": 0.3}],
        },
    )
    return replace(handback, **changes)


def lin_reply(handback: HandBack, **changes: Any) -> PeerReply:
    reply = PeerReply.about(
        handback,
        reviewer_name="Lin Wei",
        comments={
            "purpose-outcomes": "Say by when.\nAnd who counts the PRs?",
            "stakeholders": "",
            "engagement-platforms": TRICKY,
        },
        overall="A clear picture.",
        saved_at=datetime(2026, 10, 9, 14, 20, 5, 125000),
    )
    return replace(reply, **changes)


def reply_text(module: Module, **changes: Any) -> str:
    return render_reply(lin_reply(amara_handback(module), **changes), module)


def rewritten(module: Module, change: Callable[[dict[str, Any]], object]) -> str:
    """A reply whose payload was changed and given a fresh checksum, as a tool could."""
    text = reply_text(module)
    payload = payload_of(text)
    change(payload)
    return with_payload(text, payload, rehash=True)


def edited(module: Module, key: str, value: Any, *, rehash: bool = True) -> str:
    text = reply_text(module)
    return with_payload(text, {**payload_of(text), key: value}, rehash=rehash)


# ------------------------------------------------------------------------------ round trip


def test_a_reply_reads_back_equal(module: Module, tmp_path: Path) -> None:
    reply = lin_reply(amara_handback(module))
    path = write_reply(reply, module, tmp_path / "reply.md")

    read = read_reply(path)

    assert read == reply
    assert read.comments == {
        "purpose-outcomes": "Say by when.\nAnd who counts the PRs?",
        "engagement-platforms": TRICKY,
    }
    assert read.answers_sha256 == answers_digest(amara_handback(module).values)


def test_the_reply_reads_as_feedback_with_each_comment_under_its_field(module: Module) -> None:
    text = reply_text(module)
    readable = text[: _BLOCK.search(text).start()]  # type: ignore[union-attr]

    assert "# Feedback from Lin Wei on Amara Okafor's answers to CoP basics" in readable
    assert "## Overall\n\nA clear picture.\n" in readable
    assert "## Purpose and outcomes\n\nSay by when.  \nAnd who counts the PRs?\n" in readable
    assert "## Stakeholders and their roles\n\n*No comment.*" in readable
    # People's text stays text: no heading, no HTML, and no comment opener besides the app's two.
    assert "\\# not a heading" in readable
    assert "&lt;script>" in readable
    assert readable.count("<!--") == 1
    assert text.count("<!--") == 2


def test_aware_times_are_kept_as_utc(module: Module, tmp_path: Path) -> None:
    handback = amara_handback(module)
    at = datetime(2026, 10, 9, 16, 20, tzinfo=timezone(timedelta(hours=2)))
    reply = PeerReply.about(
        handback, reviewer_name=" Lin ", comments={}, overall="Fine", saved_at=at
    )

    read = read_reply(write_reply(reply, module, tmp_path / "r.md"))

    assert read.saved_at == datetime(2026, 10, 9, 14, 20)
    assert read.reviewer_name == "Lin"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    comment=st.text(max_size=300),
    overall=st.text(max_size=300),
    name=st.text(min_size=1, max_size=60).filter(str.strip),
)
def test_any_text_round_trips(module: Module, comment: str, overall: str, name: str) -> None:
    reply = PeerReply.about(
        amara_handback(module),
        reviewer_name=name,
        comments={"stakeholders": comment},
        overall=overall,
        saved_at=datetime(2026, 1, 1),
    )
    text = render_reply(reply, module)

    assert parse_reply(text.encode("utf-8")) == reply
    with pytest.raises(HandBackRefused) as refused:
        parse_handback(text.encode("utf-8"), expected_cohort_uid=None)
    assert refused.value.reason_kind is RefusalKind.NOT_AN_ASSIGNMENT


def test_mail_quoting_and_rewrapping_do_not_matter(module: Module) -> None:
    text = reply_text(module)
    quoted = "\n".join(f"> {line}" for line in text.splitlines())

    assert parse_reply(quoted.encode("utf-8")) == lin_reply(amara_handback(module))


def test_writing_needs_a_name_and_the_right_module(module: Module, tmp_path: Path) -> None:
    handback = amara_handback(module)
    with pytest.raises(ValueError, match="name"):
        write_reply(lin_reply(handback, reviewer_name="  "), module, tmp_path / "r.md")
    with pytest.raises(ValueError, match="assignment"):
        render_reply(lin_reply(handback, assignment_id="assignment-9"), module)
    assert not (tmp_path / "r.md").exists()


def test_the_suggested_file_name_says_who_and_which_session(module: Module) -> None:
    reply = lin_reply(amara_handback(module), reviewer_name="Lin / Wei", author_name="../Amara")

    assert suggested_reply_filename(reply, module) == (
        "feedback-from-lin-wei-on-amara-session-2.md"
    )


# ------------------------------------------------------------------------------ refusals


def _write(path: Path, content: str | bytes) -> Path:
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


REFUSALS: dict[str, tuple[ReplyRefusalKind, Any]] = {
    "comment changed by hand": (
        ReplyRefusalKind.MALFORMED,
        lambda m: edited(m, "overall", "Brilliant!", rehash=False),
    ),
    "key removed": (
        ReplyRefusalKind.MALFORMED,
        lambda m: rewritten(m, lambda payload: payload.pop("reviewer_name")),
    ),
    "key added": (
        ReplyRefusalKind.MALFORMED,
        lambda m: rewritten(m, lambda payload: payload.__setitem__("grade", "A")),
    ),
    "comment not text": (ReplyRefusalKind.MALFORMED, lambda m: edited(m, "comments", {"x": 1})),
    "comments not a mapping": (ReplyRefusalKind.MALFORMED, lambda m: edited(m, "comments", [])),
    "comment too long": (
        ReplyRefusalKind.MALFORMED,
        lambda m: edited(m, "overall", "x" * 50_001),
    ),
    "blank reviewer": (ReplyRefusalKind.MALFORMED, lambda m: edited(m, "reviewer_name", " ")),
    "version as bool": (ReplyRefusalKind.MALFORMED, lambda m: edited(m, "response_version", True)),
    "counter zero": (ReplyRefusalKind.MALFORMED, lambda m: edited(m, "module_version", 0)),
    "fingerprint not hex": (
        ReplyRefusalKind.MALFORMED,
        lambda m: edited(m, "answers_sha256", "z" * 64),
    ),
    "unreadable time": (ReplyRefusalKind.MALFORMED, lambda m: edited(m, "saved_at", "Tuesday")),
    "not base64": (
        ReplyRefusalKind.MALFORMED,
        lambda m: _BLOCK.sub(lambda x: x.group(1) + "not*base64\n" + x.group(3), reply_text(m)),
    ),
    "duplicate keys": (
        ReplyRefusalKind.MALFORMED,
        lambda m: _BLOCK.sub(
            lambda x: (
                x.group(1)
                + base64.b64encode(b'{"format":"a","format":"b"}').decode()
                + "\n"
                + x.group(3)
            ),
            reply_text(m),
        ),
    ),
    "a hand-back payload under the feedback marker": (
        ReplyRefusalKind.MALFORMED,
        lambda m: edited(m, "format", "cofacilitator-handback"),
    ),
    "format 0": (
        ReplyRefusalKind.MALFORMED,
        lambda m: reply_text(m).replace("peer-feedback v1:", "peer-feedback v0:"),
    ),
    "cut in the middle of the block": (
        ReplyRefusalKind.TRUNCATED,
        lambda m: reply_text(m)[
            : reply_text(m).index("-->\n", _BLOCK.search(reply_text(m)).start())
        ],
    ),
    "cut before the block": (
        ReplyRefusalKind.TRUNCATED,
        lambda m: reply_text(m)[: _BLOCK.search(reply_text(m)).start()],
    ),
    "format 2 block": (
        ReplyRefusalKind.NEWER_FORMAT,
        lambda m: reply_text(m).replace("peer-feedback v1:", "peer-feedback v2:"),
    ),
    "format 2 payload": (ReplyRefusalKind.NEWER_FORMAT, lambda m: edited(m, "version", 2)),
    "a hand-back file": (
        ReplyRefusalKind.NOT_A_REPLY,
        lambda m: render_handback(amara_handback(m), m),
    ),
    "an invitation": (
        ReplyRefusalKind.NOT_A_REPLY,
        lambda m: json.dumps({"format": "cofacilitator-invitation", "version": 1}),
    ),
    "plain notes": (ReplyRefusalKind.NOT_A_REPLY, lambda m: "# My notes\n\nNothing here.\n"),
    "binary junk": (ReplyRefusalKind.NOT_A_REPLY, lambda m: bytes(range(256)) * 4),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_a_bad_file_is_refused_whole(case: str, module: Module, tmp_path: Path) -> None:
    kind, make = REFUSALS[case]
    path = _write(tmp_path / "reply.md", make(module))

    with pytest.raises(ReplyRefused) as refused:
        read_reply(path)

    assert refused.value.reason_kind is kind
    assert refused.value.message.startswith("reply.md ")
    assert str(refused.value) == refused.value.message


def test_a_hand_back_file_is_named_as_such(module: Module, tmp_path: Path) -> None:
    path = _write(tmp_path / "amara.md", render_handback(amara_handback(module), module))

    with pytest.raises(ReplyRefused, match="hand-back file") as refused:
        read_reply(path)

    assert refused.value.reason_kind is ReplyRefusalKind.NOT_A_REPLY


def test_an_oversized_file_is_refused_before_it_is_read(module: Module, tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    with path.open("wb") as stream:
        stream.write(reply_text(module).encode("utf-8"))
        stream.truncate(MAX_BYTES + 1)

    with pytest.raises(ReplyRefused) as from_file:
        read_reply(path)
    with pytest.raises(ReplyRefused) as from_bytes:
        parse_reply(b" " * (MAX_BYTES + 1))

    assert from_file.value.reason_kind is ReplyRefusalKind.OVERSIZED
    assert from_bytes.value.reason_kind is ReplyRefusalKind.OVERSIZED


def test_a_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(ReplyRefused) as refused:
        read_reply(tmp_path / "gone.md")

    assert refused.value.reason_kind is ReplyRefusalKind.UNREADABLE


@pytest.mark.parametrize(
    "other",
    [
        {"participant_uid": "b" * 32, "participant_name": "Ben"},
        {"cohort_uid": "d" * 32},
        {"assignment_id": "assignment-3"},
        {"module_id": "community-engagement"},
    ],
    ids=["another person", "another cohort", "another assignment", "another module"],
)
def test_a_reply_beside_answers_it_is_not_about_is_refused(
    other: dict[str, str], module: Module, tmp_path: Path
) -> None:
    path = write_reply(lin_reply(amara_handback(module)), module, tmp_path / "reply.md")
    beside = amara_handback(module, **other)

    with pytest.raises(ReplyRefused) as refused:
        read_reply(path, about=beside)

    assert refused.value.reason_kind is ReplyRefusalKind.DIFFERENT_ASSIGNMENT
    assert "Lin Wei" in refused.value.message


def test_a_reply_beside_a_newer_version_of_the_same_answers_is_opened(
    module: Module, tmp_path: Path
) -> None:
    path = write_reply(lin_reply(amara_handback(module)), module, tmp_path / "reply.md")
    newer = amara_handback(module, response_version=2, values={})

    reply = read_reply(path, about=newer)
    check_reply_about(reply, newer)

    assert freshness(reply, newer) is ReplyFreshness.OLDER_ANSWERS


# ------------------------------------------------------------------------------ freshness


def test_freshness_compares_the_answers_not_only_the_version(module: Module) -> None:
    first = amara_handback(module)
    reply = lin_reply(first)

    assert freshness(reply, first) is ReplyFreshness.CURRENT
    # A re-export of the same answers under a higher version is still what was reviewed.
    assert freshness(reply, replace(first, response_version=3)) is ReplyFreshness.CURRENT
    changed = {**first.values, "stakeholders": [{"Contributors": "Funders"}]}
    assert freshness(reply, replace(first, response_version=2, values=changed)) is (
        ReplyFreshness.OLDER_ANSWERS
    )
    assert freshness(lin_reply(replace(first, response_version=4, values=changed)), first) is (
        ReplyFreshness.NEWER_ANSWERS
    )
    assert freshness(reply, replace(first, values=changed)) is ReplyFreshness.DIFFERENT_ANSWERS


def test_the_digest_ignores_key_order_but_not_content() -> None:
    assert answers_digest({"a": 1, "b": [1, 2]}) == answers_digest({"b": [1, 2], "a": 1})
    assert answers_digest({"a": 1}) != answers_digest({"a": 2})


# ------------------------------------------------------------------------------ facilitator


def test_the_facilitators_import_refuses_a_reply_as_not_an_assignment(
    module: Module, catalog: Catalog, tmp_path: Path
) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'facilitator.sqlite'}")
    try:
        roster = add_roster(store)
        handback = amara_handback(
            module, cohort_uid=roster.cohort_uid, participant_uid=roster.ada_uid
        )
        path = write_reply(lin_reply(handback), module, tmp_path / "reply.md")
        before = row_counts(store)

        with pytest.raises(HandBackRefused) as refused:
            read_handback_file(path, expected_cohort_uid=roster.cohort_uid)
        report = import_handbacks(store, [path], catalog, cohort_id=roster.cohort_id)

        assert refused.value.reason_kind is RefusalKind.NOT_AN_ASSIGNMENT
        (outcome,) = report.outcomes
        assert outcome.status is ImportStatus.REFUSED
        assert outcome.reason_kind is RefusalKind.NOT_AN_ASSIGNMENT
        assert row_counts(store) == before
    finally:
        store.dispose()


# ------------------------------------------------------------------------------ drafts


def test_a_draft_is_kept_privately_and_read_back(module: Module, tmp_path: Path) -> None:
    folder = drafts_folder(tmp_path / "data")
    handback = amara_handback(module)
    draft = ReviewDraft("Lin", {"stakeholders": "Who are the funders?", "purpose-outcomes": ""}, "")

    save_review_draft(folder, handback, draft)

    assert load_review_draft(folder, handback) == ReviewDraft(
        "Lin", {"stakeholders": "Who are the funders?"}, ""
    )
    assert folder.stat().st_mode & 0o777 == 0o700
    assert draft_path(folder, handback).stat().st_mode & 0o077 == 0
    # The same person's next version continues the same draft; someone else's does not.
    assert load_review_draft(folder, replace(handback, response_version=2)) is not None
    assert load_review_draft(folder, replace(handback, participant_uid="b" * 32)) is None


def test_a_hostile_uid_cannot_choose_where_the_draft_goes(module: Module, tmp_path: Path) -> None:
    folder = drafts_folder(tmp_path / "data")
    handback = amara_handback(module, participant_uid="../../escaped")

    written = save_review_draft(folder, handback, ReviewDraft("Lin", {}, "Hi"))

    assert written.parent == folder
    assert list(tmp_path.rglob("escaped*")) == []


@pytest.mark.parametrize(
    "content", ["{not json", "[]", '{"format": "other"}', '{"format": "x", "comments": 3}']
)
def test_a_damaged_draft_reads_as_none(content: str, module: Module, tmp_path: Path) -> None:
    folder = drafts_folder(tmp_path / "data")
    handback = amara_handback(module)
    draft_path(folder, handback).write_text(content, encoding="utf-8")

    assert load_review_draft(folder, handback) is None
