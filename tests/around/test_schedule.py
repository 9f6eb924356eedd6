"""Scheduling a call: wall time in a named zone, seen from anyone's zone, with clear refusals."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from cofacilitator.runs import get_run
from cofacilitator.schedule import (
    ScheduleError,
    describe,
    list_series,
    run_for_session,
    schedule_run,
    set_links,
    unschedule_run,
)
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.store.database import Store
from tests.around.small_cohort import SmallCohort, schedule_autumn


def test_a_scheduled_call_keeps_its_wall_time_and_links(store: Store, cohort: SmallCohort) -> None:
    run = cohort.runs[1]
    schedule_run(
        store,
        run.id,
        on=date(2026, 10, 22),
        start_time="9:30",
        timezone="Europe/London",
        length_minutes=80,
        join_link="https://call.example.org/spring",
    )
    stored = get_run(store, run.id).schedule
    assert (stored.scheduled_date, stored.start_time, stored.timezone) == (
        date(2026, 10, 22),
        "09:30",
        "Europe/London",
    )
    assert (stored.length_minutes, stored.join_link) == (80, "https://call.example.org/spring")

    schedule_run(store, run.id, on=date(2026, 10, 23), start_time="10:00", timezone="Europe/London")
    moved = get_run(store, run.id).schedule
    assert moved.length_minutes == 80 and moved.join_link == "https://call.example.org/spring"

    set_links(store, run.id, recording_link="https://video.example.org/2")
    assert get_run(store, run.id).schedule.recording_link == "https://video.example.org/2"
    assert get_run(store, run.id).schedule.join_link == "https://call.example.org/spring"

    unschedule_run(store, run.id)
    assert get_run(store, run.id).schedule.scheduled_date is None


def test_the_series_in_another_zone_follows_the_daylight_saving_change(
    store: Store, cohort: SmallCohort, catalog: Catalog
) -> None:
    schedule_autumn(store, cohort)
    events = list_series(store, cohort.id, "Africa/Nairobi", catalog)
    assert [e.title for e in events] == [m.title for m in catalog.modules]
    assert [e.start.hour for e in events if e.start] == [18, 18, 19, 19]
    assert [e.time.start.hour for e in events if e.time] == [15, 15, 16, 16]
    assert all(e.time and e.time.start.tzinfo is UTC for e in events)
    assert [e.time.local_start.hour for e in events if e.time] == [16, 16, 16, 16]
    utc = list_series(store, cohort.id, ZoneInfo("UTC"))
    assert [e.end.strftime("%H:%M") for e in utc if e.end] == ["16:30", "16:30", "17:30", "17:30"]


def test_an_unscheduled_session_is_listed_without_a_time(store: Store, cohort: SmallCohort) -> None:
    schedule_run(
        store, cohort.runs[0].id, on=date(2026, 10, 15), start_time="16:00", timezone="UTC"
    )
    events = list_series(store, cohort.id, "UTC")
    assert events[0].start == datetime(2026, 10, 15, 16, 0, tzinfo=ZoneInfo("UTC"))
    assert [e.time for e in events[1:]] == [None, None, None]
    assert events[1].title == events[1].module_id  # no catalog given: the id stands in


def test_describe_says_the_day_the_times_and_the_offset(store: Store, cohort: SmallCohort) -> None:
    schedule_autumn(store, cohort)
    events = list_series(store, cohort.id, "UTC")
    assert events[0].time and events[3].time
    assert describe(events[0].time) == (
        "Thursday 15 October 2026, 16:00-17:30 (Europe/London, UTC+1)"
    )
    assert describe(events[3].time) == (
        "Thursday 5 November 2026, 16:00-17:30 (Europe/London, UTC+0)"
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"start_time": "4pm"}, "24-hour HH:MM, like 16:00, not '4pm'"),
        ({"start_time": "24:00"}, "not '24:00'"),
        ({"timezone": "Europe/Londn"}, "Did you mean Europe/London"),
        ({"timezone": ""}, "Give a time zone"),
        ({"timezone": "../etc/passwd"}, "not a time zone"),
        ({"length_minutes": 0}, "between 1 and 720 minutes, not 0"),
        ({"join_link": "call.example.org/x"}, "joining link should be a web address"),
        ({"recording_link": "ftp://example.org/v"}, "recording link should be a web address"),
        ({"join_link": "https://example.org/a b"}, "contains spaces"),
        (
            {"on": date(2026, 3, 29), "start_time": "01:30"},
            "01:30 on 2026-03-29 does not exist in Europe/London",
        ),
    ],
)
def test_refusals_say_what_is_wrong_and_change_nothing(
    store: Store, cohort: SmallCohort, changes: dict[str, object], message: str
) -> None:
    run = cohort.runs[0]
    arguments: dict[str, object] = {
        "on": date(2026, 10, 15),
        "start_time": "16:00",
        "timezone": "Europe/London",
    }
    arguments.update(changes)
    with pytest.raises(ScheduleError, match=re.escape(message)):
        schedule_run(store, run.id, **arguments)  # type: ignore[arg-type]
    assert get_run(store, run.id).schedule.scheduled_date is None


def test_the_repeated_autumn_hour_is_taken_as_the_first(store: Store, cohort: SmallCohort) -> None:
    run = cohort.runs[0]
    schedule_run(store, run.id, on=date(2026, 10, 25), start_time="01:30", timezone="Europe/London")
    event = list_series(store, cohort.id, "UTC")[0]
    assert event.start == datetime(2026, 10, 25, 0, 30, tzinfo=ZoneInfo("UTC"))


def test_asking_for_a_session_the_cohort_does_not_have(store: Store, cohort: SmallCohort) -> None:
    assert run_for_session(store, cohort.id, 3).id == cohort.runs[2].id
    with pytest.raises(ScheduleError, match=r"no session 7 \(sessions: 1, 2, 3, 4\)"):
        run_for_session(store, cohort.id, 7)
