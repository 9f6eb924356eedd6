"""Drafts of the invitation, reminder and follow-up: filled, checked, addressed and recorded."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from sqlalchemy import select

from cofacilitator.cohorts import (
    ParticipantDetails,
    add_participant,
    create_cohort,
    withdraw_participant,
)
from cofacilitator.messages import (
    PLACEHOLDERS,
    MessageKind,
    TemplateError,
    draft_message,
    list_prepared,
    load_template,
    mailto_url,
    parse_template,
    record_prepared,
    reset_template,
    save_template,
)
from cofacilitator.runs import ensure_runs
from cofacilitator.schedule import set_links
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.store.database import Store
from cofacilitator.store.models import MessageLog
from tests.around.small_cohort import SmallCohort, schedule_autumn

JOIN = "https://call.example.org/spring"
NOTES = "https://notes.example.org/spring/2"


def scheduled_with_links(store: Store, cohort: SmallCohort) -> None:
    schedule_autumn(store, cohort)
    for run in cohort.runs:
        set_links(
            store,
            run.id,
            join_link=JOIN,
            recording_link=f"https://video.example.org/{run.module_number}",
        )


@pytest.mark.parametrize("kind", list(MessageKind))
def test_each_shipped_draft_is_complete(
    store: Store, cohort: SmallCohort, catalog: Catalog, kind: MessageKind
) -> None:
    scheduled_with_links(store, cohort)
    draft = draft_message(store, cohort.runs[1].id, kind, catalog, notes_link=NOTES)
    assert "$" not in draft.subject + draft.body
    assert draft.missing == ()
    assert "Spring cohort" in draft.subject and "Session 2" in draft.subject
    assert "Noor Haddad (noor@example.org) and Jonas Berg (jonas@example.org)" in draft.body
    title = catalog.modules[1].title
    assert title in draft.body
    if kind is MessageKind.FOLLOW_UP:
        assert NOTES in draft.body
        assert "https://video.example.org/2" in draft.body
        assert "discussion is never recorded" in draft.body
        assert catalog.modules[1].assignment and catalog.modules[1].assignment.title in draft.body
        assert "Thursday 29 October 2026, 16:00-17:30 (Europe/London, UTC+0)" in draft.body
    else:
        assert "Thursday 22 October 2026, 16:00 (Europe/London, UTC+1)" in draft.body
        assert JOIN in draft.body
        assert "https://video.example.org" not in draft.body
    if kind is MessageKind.REMINDER:
        assert catalog.modules[0].assignment and catalog.modules[0].assignment.title in draft.body


def test_a_template_using_every_placeholder_is_filled_throughout(
    store: Store, cohort: SmallCohort, catalog: Catalog
) -> None:
    scheduled_with_links(store, cohort)
    text = "Subject: $cohort $session_number\n\n" + "\n".join(
        f"{name}=${{{name}}}." for name in PLACEHOLDERS
    )
    template = parse_template(MessageKind.FOLLOW_UP, text)
    draft = draft_message(
        store,
        cohort.runs[1].id,
        MessageKind.FOLLOW_UP,
        catalog,
        template=template,
        notes_link=NOTES,
    )
    filled = dict(line.rstrip(".").split("=", 1) for line in draft.body.splitlines())
    assert set(filled) == set(PLACEHOLDERS)
    assert all(value and "$" not in value for value in filled.values())
    assert filled["date"] == "Thursday 22 October 2026"
    assert filled["time"] == "16:00"
    assert filled["timezone"] == "Europe/London, UTC+1"
    assert filled["length"] == "90"
    assert filled["join_link"] == JOIN
    assert filled["recording_link"] == "https://video.example.org/2"
    assert filled["notes_link"] == NOTES
    assert filled["session_title"] == catalog.modules[1].title
    assert draft.subject == "Spring cohort 2"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Subject: Hello\n\nSee you on $dat.\n", "line 3: unknown placeholder $dat."),
        ("Subject: ${venue}\n\nBody\n", "line 1: unknown placeholder $venue."),
        ("Hello\n$Date\n", "line 2: unknown placeholder $Date."),
        ("Hello\n\nIt costs $5.\n", "line 3: a $ must start a placeholder"),
        ("Subject: only a subject\n", "has no message text"),
    ],
)
def test_a_template_that_cannot_be_filled_is_refused_with_the_reason(
    text: str, message: str
) -> None:
    with pytest.raises(TemplateError) as refused:
        parse_template(MessageKind.INVITATION, text, source="invitation.md")
    assert message in str(refused.value)
    assert str(refused.value).startswith("invitation.md")


def test_the_unknown_placeholder_error_lists_the_known_ones() -> None:
    with pytest.raises(TemplateError, match=r"The placeholders are \$cohort, \$session_number"):
        parse_template(MessageKind.REMINDER, "Hi $venue")


def test_dollars_and_a_missing_subject_line(
    store: Store, cohort: SmallCohort, catalog: Catalog
) -> None:
    template = parse_template(MessageKind.REMINDER, "Bring $$5 for $cohort.\n")
    draft = draft_message(
        store, cohort.runs[0].id, MessageKind.REMINDER, catalog, template=template
    )
    assert draft.body == "Bring $5 for Spring cohort.\n"
    assert draft.subject == f"Spring cohort, Session 1: {catalog.modules[0].title}"


def test_values_not_known_yet_are_said_so_and_listed(
    store: Store, cohort: SmallCohort, catalog: Catalog
) -> None:
    draft = draft_message(store, cohort.runs[0].id, MessageKind.INVITATION, catalog)
    assert {"date", "time", "join_link"} <= set(draft.missing)
    assert "(date to be confirmed)" in draft.body
    assert "(the joining link will follow)" in draft.body

    scheduled_with_links(store, cohort)
    last = draft_message(store, cohort.runs[3].id, MessageKind.FOLLOW_UP, catalog)
    assert "(this was the last session)" in last.body
    assert last.missing == ("notes_link",)


def test_the_facilitators_own_template_replaces_the_shipped_one(
    store: Store, cohort: SmallCohort, catalog: Catalog, tmp_path: Path
) -> None:
    own = tmp_path / "data" / "templates"
    with pytest.raises(TemplateError, match="unknown placeholder"):
        save_template(own, MessageKind.REMINDER, "Tomorrow: $sesion_title")
    assert not (own / "reminder.md").exists()

    save_template(own, MessageKind.REMINDER, "Subject: Tomorrow!\n\nSee you, $cohort.\n")
    assert (own.stat().st_mode & 0o777) == 0o700
    draft = draft_message(store, cohort.runs[0].id, MessageKind.REMINDER, catalog, user_dir=own)
    assert (draft.subject, draft.body) == ("Tomorrow!", "See you, Spring cohort.\n")
    assert load_template(MessageKind.INVITATION, own).source.endswith(
        "resources/templates/invitation.md"
    )

    assert reset_template(own, MessageKind.REMINDER) is True
    assert reset_template(own, MessageKind.REMINDER) is False
    assert load_template(MessageKind.REMINDER, own).subject.startswith("Tomorrow: $cohort")


def test_the_mailto_link_blind_copies_the_active_roster_only(
    store: Store, cohort: SmallCohort, catalog: Catalog
) -> None:
    scheduled_with_links(store, cohort)
    withdraw_participant(store, cohort.people["Chloe"], at=datetime(2026, 10, 20))
    draft = draft_message(
        store, cohort.runs[2].id, MessageKind.REMINDER, catalog, now=datetime(2026, 10, 28)
    )
    assert [r.name for r in draft.recipients] == ["Ada", "Ben"]
    assert draft.without_email == ("Dev",)

    parts = urlsplit(draft.mailto)
    assert parts.scheme == "mailto"
    assert unquote(parts.path) == "noor@example.org,jonas@example.org"
    fields = parse_qs(parts.query)
    assert fields["bcc"] == ["ada@example.org,ben@example.org"]
    assert fields["subject"] == [draft.subject]
    assert fields["body"] == [draft.body.replace("\n", "\r\n")]
    assert not draft.mailto_is_long


def test_mailto_encodes_everything_so_nothing_adds_a_field() -> None:
    url = mailto_url(
        bcc=["a&cc=evil@example.org"],
        subject="Hi & welcome?body=x",
        body="Line one\nLine two: 100% #1",
    )
    fields = parse_qs(urlsplit(url).query)
    assert set(fields) == {"bcc", "subject", "body"}
    assert fields["bcc"] == ["a&cc=evil@example.org"]
    assert fields["subject"] == ["Hi & welcome?body=x"]
    assert fields["body"] == ["Line one\r\nLine two: 100% #1"]
    assert mailto_url() == "mailto:"


def test_what_was_prepared_is_recorded_for_whom(
    store: Store, cohort: SmallCohort, catalog: Catalog
) -> None:
    draft = draft_message(store, cohort.runs[0].id, MessageKind.FOLLOW_UP, catalog)
    prepared = record_prepared(
        store,
        cohort.id,
        cohort.runs[0].id,
        "follow-up",
        draft.recipient_ids,
        "mailto",
        at=datetime(2026, 10, 16, 9, 0),
    )
    assert prepared.kind == "follow_up" and prepared.via == "mailto"
    with store.session_factory() as s:
        (entry,) = s.scalars(select(MessageLog)).all()
        assert entry.recipients == [cohort.people[n] for n in ("Ada", "Ben", "Chloe")]
        assert entry.run_id == cohort.runs[0].id
    assert list_prepared(store, cohort.id) == [prepared]
    assert list_prepared(store, cohort.id, cohort.runs[1].id) == []


def test_recording_refuses_people_and_sessions_of_another_cohort(
    store: Store, cohort: SmallCohort, catalog: Catalog
) -> None:
    other = create_cohort(store, "Autumn cohort")
    stranger = add_participant(store, other.id, ParticipantDetails("Zed")).id
    other_run = ensure_runs(store, other.id, catalog.modules)[0].id
    with pytest.raises(TemplateError, match="Not on this cohort's roster"):
        record_prepared(store, cohort.id, None, MessageKind.INVITATION, [stranger], "mailto")
    with pytest.raises(TemplateError, match="belongs to another cohort"):
        record_prepared(store, cohort.id, other_run, MessageKind.INVITATION, [], "mailto")
    with pytest.raises(TemplateError, match="not a kind of message"):
        record_prepared(store, cohort.id, None, "newsletter", [], "mailto")
    with pytest.raises(TemplateError, match="short word"):
        record_prepared(store, cohort.id, None, MessageKind.REMINDER, [], "")
    assert list_prepared(store, cohort.id) == []
