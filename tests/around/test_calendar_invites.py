"""Calendar files read back with the same library: right in UTC, and updating, not doubling."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar, Event

from cofacilitator.calendar_invites import (
    event_uid,
    series_calendar,
    session_calendar,
    suggested_filename,
    write_calendar,
)
from cofacilitator.messages import MessageKind, record_prepared
from cofacilitator.schedule import ScheduleError, schedule_run, set_links, unschedule_run
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.store.database import Store
from tests.around.small_cohort import SmallCohort, schedule_autumn

NOW = datetime(2026, 10, 1, 9, 0)


def events(data: bytes) -> list[Event]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_a_series_across_the_end_of_summer_time_is_right_in_utc(
    store: Store, cohort: SmallCohort, catalog: Catalog
) -> None:
    schedule_autumn(store, cohort)
    parsed = events(series_calendar(store, cohort.id, catalog, now=NOW))
    starts = [event.decoded("dtstart") for event in parsed]
    ends = [event.decoded("dtend") for event in parsed]
    assert starts == [
        datetime(2026, 10, 15, 15, 0, tzinfo=UTC),
        datetime(2026, 10, 22, 15, 0, tzinfo=UTC),
        datetime(2026, 10, 29, 16, 0, tzinfo=UTC),
        datetime(2026, 11, 5, 16, 0, tzinfo=UTC),
    ]
    assert [(end - start).total_seconds() for start, end in zip(starts, ends, strict=True)] == [
        5400
    ] * 4
    assert all(start.utcoffset().total_seconds() == 0 for start in starts)  # type: ignore[union-attr]


def test_an_event_says_what_where_and_what_is_recorded(
    store: Store, cohort: SmallCohort, catalog: Catalog
) -> None:
    run = cohort.runs[1]
    schedule_run(
        store,
        run.id,
        on=date(2026, 10, 22),
        start_time="16:00",
        timezone="Europe/London",
        join_link="https://call.example.org/spring?pwd=a&b=c",
    )
    (event,) = events(session_calendar(store, run.id, catalog, now=NOW))
    title = catalog.modules[1].title
    assert str(event["summary"]) == f"Session 2: {title} - Spring cohort"
    description = str(event["description"])
    assert "https://call.example.org/spring?pwd=a&b=c" in description
    assert "The presentation may be recorded; the discussion is not." in description
    assert "Noor Haddad (noor@example.org)" in description
    assert str(event["url"]) == "https://call.example.org/spring?pwd=a&b=c"
    assert str(event["location"]) == "https://call.example.org/spring?pwd=a&b=c"
    assert event.decoded("dtstamp") == datetime(2026, 10, 1, 9, 0, tzinfo=UTC)


def test_a_rescheduled_call_sent_again_updates_the_same_event(
    store: Store, cohort: SmallCohort, catalog: Catalog
) -> None:
    run = cohort.runs[0]
    everyone = list(cohort.people.values())
    schedule_run(store, run.id, on=date(2026, 10, 15), start_time="16:00", timezone="Europe/London")
    record_prepared(store, cohort.id, run.id, MessageKind.INVITATION, everyone, "mailto")
    (first,) = events(session_calendar(store, run.id, catalog))

    schedule_run(store, run.id, on=date(2026, 10, 29), start_time="17:00", timezone="Europe/London")
    record_prepared(store, cohort.id, run.id, MessageKind.INVITATION, everyone, "mailto")
    (second,) = events(session_calendar(store, run.id, catalog))

    assert str(first["uid"]) == str(second["uid"]) == event_uid(run.uid)
    assert int(second["sequence"]) > int(first["sequence"])
    assert second.decoded("dtstart") == datetime(2026, 10, 29, 17, 0, tzinfo=UTC)
    # Preparing messages, this session's invitation included, leaves the sequence alone.
    record_prepared(store, cohort.id, run.id, MessageKind.REMINDER, everyone, "mailto")
    record_prepared(store, cohort.id, run.id, MessageKind.INVITATION, everyone, "mailto")
    record_prepared(store, cohort.id, cohort.runs[1].id, MessageKind.INVITATION, everyone, "mailto")
    (third,) = events(session_calendar(store, run.id, catalog))
    assert int(third["sequence"]) == int(second["sequence"])


def test_every_move_of_a_call_raises_the_sequence_and_nothing_else_does(
    store: Store, cohort: SmallCohort, catalog: Catalog
) -> None:
    """No invitation is prepared here: the file made after each move must still update."""
    run = cohort.runs[0]
    when: dict[str, object] = {
        "on": date(2026, 10, 15),
        "start_time": "16:00",
        "timezone": "Europe/London",
        "length_minutes": 90,
    }

    def sequence() -> int:
        (event,) = events(session_calendar(store, run.id, catalog))
        return int(event["sequence"])

    def schedule(**changes: object) -> None:
        """Schedule at ``when`` with ``changes``, which are kept for the next call."""
        when.update(changes)
        schedule_run(store, run.id, **when)  # type: ignore[arg-type]

    schedule()
    first = sequence()
    schedule_run(
        store,
        run.id,
        on=date(2026, 10, 15),
        start_time="16:00",
        timezone="Europe/London",
        join_link="https://call.example.org/a",
        recording_link="https://video.example.org/a",
    )
    set_links(store, run.id, join_link="https://call.example.org/b")
    schedule(start_time="16:00")
    assert sequence() == first

    seen = [first]
    for move in (
        {"on": date(2026, 10, 16)},
        {"start_time": "17:30"},
        {"timezone": "Europe/Paris"},
        {"length_minutes": 120},
    ):
        schedule(**move)
        seen.append(sequence())
    assert seen == list(range(first, first + 5))

    unschedule_run(store, run.id)
    schedule()
    assert sequence() == seen[-1] + 1


def test_without_a_joining_link_the_event_says_it_will_follow(
    store: Store, cohort: SmallCohort
) -> None:
    run = cohort.runs[0]
    schedule_run(store, run.id, on=date(2026, 10, 15), start_time="16:00", timezone="UTC")
    (event,) = events(session_calendar(store, run.id, None))
    assert "joining link will follow" in str(event["description"])
    assert "url" not in event and "location" not in event
    assert str(event["summary"]) == f"Session 1: {run.module_id} - Spring cohort"


def test_unscheduled_sessions_are_left_out_or_refused(
    store: Store, cohort: SmallCohort, catalog: Catalog
) -> None:
    with pytest.raises(ScheduleError, match="No session of Spring cohort has a date"):
        series_calendar(store, cohort.id, catalog)
    with pytest.raises(ScheduleError, match="Session 2 has no date and start time yet"):
        session_calendar(store, cohort.runs[1].id, catalog)
    schedule_run(
        store, cohort.runs[2].id, on=date(2026, 10, 29), start_time="16:00", timezone="UTC"
    )
    (only,) = events(series_calendar(store, cohort.id, catalog))
    assert str(only["uid"]) == event_uid(cohort.runs[2].uid)


def test_the_file_is_written_whole_and_named_for_the_cohort(
    store: Store, cohort: SmallCohort, catalog: Catalog, tmp_path: Path
) -> None:
    schedule_autumn(store, cohort)
    name = suggested_filename("Spring cohort")
    assert name == "spring-cohort-sessions.ics"
    assert suggested_filename("Spring cohort", 2) == "spring-cohort-session-2.ics"
    folder = tmp_path / "out"
    folder.mkdir()
    path = write_calendar(folder / name, series_calendar(store, cohort.id, catalog))
    assert len(events(path.read_bytes())) == 4
    assert [p.name for p in folder.iterdir()] == [name]
