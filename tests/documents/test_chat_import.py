"""Saved call chats, in Zoom's two forms and as plain "Name: message" lines, imported as notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from cofacilitator.chat_import import parse_chat, preview_chat
from cofacilitator.import_apply import apply_preview
from cofacilitator.import_preview import Decision
from cofacilitator.name_matching import MatchStatus
from cofacilitator.notes import list_notes
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.store.database import Store
from cofacilitator.store.models import AuthorKind, NoteSource
from tests.documents.conftest import Fresh

SAMPLES = Path(__file__).resolve().parent / "samples"


def chat(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def test_zoom_messages_with_indented_lines_keep_their_lines_and_leave_private_ones_out() -> None:
    log = parse_chat(chat("zoom_saved_chat.txt").decode("utf-8"))

    assert [(m.sender, m.text) for m in log.messages] == [
        ("Amara Okafor", "Hello everyone! Glad to be here."),
        ("Lin Wei", "+1 to writing the origin story down early"),
        (
            "Noor Haddad",
            "Link from earlier: https://the-turing-way.netlify.app/collaboration/new-community.html",
        ),
        (
            "Mateo Fernandez",
            "In our project the newcomers come through events,\nthen go quiet online.",
        ),
        ("Jo Bloggs", "Sorry I'm late, I'm Jo from the library team"),
        ("Hana Sato (she/her)", "Quiet members often have the best ideas."),
    ]
    assert (log.private_skipped, log.reactions_skipped) == (2, 1)
    assert not any("Something happened" in m.text or "don't share" in m.text for m in log.messages)


def test_zoom_one_line_messages_are_read_and_privately_sent_ones_skipped() -> None:
    log = parse_chat(chat("zoom_one_line_chat.txt").decode("utf-8"))

    assert [m.sender for m in log.messages] == [
        "Amara Okafor",
        "@priya_r",
        "Siobhan Kelly",
        "Yusuf Demir",
    ]
    assert log.messages[-1].text == "Recognition matters more than money."
    assert log.private_skipped == 1


def test_a_plain_log_reads_names_before_the_colon_and_continues_unnamed_lines() -> None:
    log = parse_chat(chat("plain_chat_log.txt").decode("utf-8"))

    assert [(m.sender, m.text) for m in log.messages] == [
        ("Amara Okafor", "Hello everyone! Glad to be here."),
        ("Lin", "+1 to writing the origin story down early"),
        ("Hana Sato", "Quiet members often have the best ideas,\nand they answer in the chat."),
        ("Jo Bloggs", "Hi, I'm new here"),
    ]
    assert log.private_skipped == 2


@pytest.mark.parametrize(
    ("sample", "expected", "private"),
    [
        (
            "zoom_saved_chat.txt",
            {
                ("Amara Okafor", "Hello everyone! Glad to be here."),
                ("Lin Wei", "+1 to writing the origin story down early"),
                (
                    "Facilitator",
                    "Link from earlier: https://the-turing-way.netlify.app/collaboration/new-community.html",
                ),
                (
                    "Mateo Fernández",
                    "In our project the newcomers come through events,\nthen go quiet online.",
                ),
                ("Hana Sato", "Quiet members often have the best ideas."),
                ("Anonymous", "Sorry I'm late, I'm Jo from the library team"),
            },
            2,
        ),
        (
            "zoom_one_line_chat.txt",
            {
                ("Amara Okafor", "Hello everyone! Glad to be here."),
                ("Priya Raghunathan", "Our welcome page still names people who left years ago."),
                ("Siobhán Kelly", "We started a monthly thank-you post and it works."),
                ("Yusuf Demir", "Recognition matters more than money."),
            },
            1,
        ),
        (
            "plain_chat_log.txt",
            {
                ("Amara Okafor", "Hello everyone! Glad to be here."),
                ("Lin Wei", "+1 to writing the origin story down early"),
                (
                    "Hana Sato",
                    "Quiet members often have the best ideas,\nand they answer in the chat.",
                ),
                ("Anonymous", "Hi, I'm new here"),
            },
            2,
        ),
    ],
)
def test_a_saved_chat_becomes_notes_under_the_chosen_prompt_by_the_right_people(
    store: Store,
    catalog: Catalog,
    fresh: Fresh,
    sample: str,
    expected: set[tuple[str, str]],
    private: int,
) -> None:
    run = fresh.runs[1]
    preview = preview_chat(store, catalog, run, "open-discussion", "q1-trend", chat(sample))
    assert preview.private_skipped == private

    apply_preview(store, preview)

    names = {pid: name for name, pid in fresh.people.items()}
    notes = list_notes(store, run)
    shown = {
        (
            names[n.participant_id]
            if n.participant_id is not None
            else "Facilitator"
            if n.author_kind is AuthorKind.FACILITATOR
            else "Anonymous",
            n.text,
        )
        for n in notes
    }
    assert shown == expected
    assert {(n.segment_id, n.prompt_id, n.source) for n in notes} == {
        ("open-discussion", "q1-trend", NoteSource.CHAT)
    }

    again = preview_chat(store, catalog, run, "open-discussion", "q1-trend", chat(sample))
    assert apply_preview(store, again).added == 0


def test_a_chat_name_not_on_the_roster_can_be_taken_in_as_a_walk_in(
    store: Store, catalog: Catalog, fresh: Fresh
) -> None:
    run = fresh.runs[1]
    preview = preview_chat(
        store, catalog, run, "open-discussion", "q1-trend", chat("zoom_saved_chat.txt")
    )
    assert preview.unknown_names == ("Jo Bloggs",)
    jo = next(n for n in preview.notes if n.author.written == "Jo Bloggs")
    assert jo.author.status is MatchStatus.UNKNOWN

    result = apply_preview(store, preview, {"Jo Bloggs": Decision.WALK_IN})

    [walk_in] = result.walk_ins
    assert walk_in.display_name == "Jo Bloggs" and walk_in.is_walk_in
    assert any(n.participant_id == walk_in.id for n in list_notes(store, run))


def test_a_chat_can_only_go_under_a_prompt_of_the_chosen_segment(
    store: Store, catalog: Catalog, fresh: Fresh
) -> None:
    text = chat("plain_chat_log.txt")
    with pytest.raises(ValueError, match="no segment"):
        preview_chat(store, catalog, fresh.runs[1], "nowhere", "", text)
    with pytest.raises(ValueError, match="no prompt"):
        preview_chat(store, catalog, fresh.runs[1], "open-discussion", "takeaway", text)
