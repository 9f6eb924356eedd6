"""Calendar files (.ics) for one call or a cohort's whole series, to attach to an invitation.

Start and end are written as UTC instants worked out from each run's local wall time and zone, so
every calendar shows the right time in its own zone, before and after a daylight-saving change,
without the file having to carry zone definitions.

Sending a changed time again must move the event already in people's calendars, not add a second
one. So each event's UID is derived from the run's uid, which never changes, and its SEQUENCE is
the run's ``schedule_sequence``, which every move of the call raises (see
:func:`cofacilitator.schedule.schedule_run`): calendars take the higher sequence as the newer
version of the same event. The file made after a reschedule carries the higher number whether or
not an invitation was prepared in between, and a file made twice without a move carries the same.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from icalendar import Calendar, Event

from cofacilitator.atomic_write import write_bytes_atomic
from cofacilitator.export_model import ModuleLookup
from cofacilitator.schedule import ScheduleError, SessionTime, describe, time_of, title_of
from cofacilitator.store.database import Store
from cofacilitator.store.models import Cohort, SessionRun, utcnow

PRODID = "-//cofacilitator//Around the call//EN"
UID_DOMAIN = "cofacilitator"
RECORDING_NOTE = "The presentation may be recorded; the discussion is not."


def event_uid(run_uid: str) -> str:
    """The event's UID: the same for a run for ever, whatever its time or title becomes."""
    return f"{run_uid}@{UID_DOMAIN}"


def event_sequence(run: SessionRun) -> int:
    """The event's SEQUENCE: higher after every move of the call, unchanged by anything else."""
    return run.schedule_sequence


def session_calendar(
    store: Store, run_id: int, modules: ModuleLookup | None, *, now: datetime | None = None
) -> bytes:
    """The .ics of one call; a ``ScheduleError`` if it has no date and start time yet."""
    with store.session_factory() as s:
        run = s.get_one(SessionRun, run_id)
        when = time_of(run, run.cohort)
        if when is None:
            raise ScheduleError(
                f"Session {run.module_number} has no date and start time yet; schedule it first."
            )
        return _calendar(run.cohort, [(run, when)], modules, now)


def series_calendar(
    store: Store, cohort_id: int, modules: ModuleLookup | None, *, now: datetime | None = None
) -> bytes:
    """The .ics of every scheduled call of a cohort; sessions without a date are left out."""
    with store.session_factory() as s:
        cohort = s.get_one(Cohort, cohort_id)
        scheduled = [
            (run, when) for run in cohort.runs if (when := time_of(run, cohort)) is not None
        ]
        if not scheduled:
            raise ScheduleError(
                f"No session of {cohort.name} has a date and start time yet; schedule one first."
            )
        return _calendar(cohort, scheduled, modules, now)


def write_calendar(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write the file whole or not at all, like every file the user keeps."""
    return write_bytes_atomic(Path(path).expanduser(), data)


def suggested_filename(cohort_name: str, number: int | None = None) -> str:
    words = re.sub(r"[^\w]+", "-", cohort_name.casefold()).strip("-_")[:60] or "cohort"
    return f"{words}-session-{number}.ics" if number is not None else f"{words}-sessions.ics"


def summary(number: int, title: str, cohort_name: str) -> str:
    return f"Session {number}: {title} - {cohort_name}"


def _calendar(
    cohort: Cohort,
    scheduled: Iterable[tuple[SessionRun, SessionTime]],
    modules: ModuleLookup | None,
    now: datetime | None,
) -> bytes:
    stamp = _utc(now or utcnow())
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # PUBLISH: a calendar to add, with no replies expected (the app sends and tracks nothing).
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", cohort.name)
    for run, when in scheduled:
        calendar.add_component(_event(cohort, run, when, modules, stamp))
    return calendar.to_ical()


def _event(
    cohort: Cohort,
    run: SessionRun,
    when: SessionTime,
    modules: ModuleLookup | None,
    stamp: datetime,
) -> Event:
    title = title_of(run, modules)
    event = Event()
    event.add("uid", event_uid(run.uid))
    event.add("sequence", event_sequence(run))
    event.add("dtstamp", stamp)
    event.add("dtstart", when.start)
    event.add("dtend", when.end)
    event.add("summary", summary(run.module_number, title, cohort.name))
    event.add("description", _description(cohort, run, when, title))
    if run.join_link:
        event.add("url", run.join_link)
        event.add("location", run.join_link)
    return event


def _description(cohort: Cohort, run: SessionRun, when: SessionTime, title: str) -> str:
    lines = [
        f"Session {run.module_number} of {cohort.name}: {title}.",
        describe(when),
        "",
        f"Join the call: {run.join_link}" if run.join_link else "The joining link will follow.",
        "",
        RECORDING_NOTE,
    ]
    contacts = [
        f"{entry.get('name', '')} ({entry['contact']})" if entry.get("contact") else entry["name"]
        for entry in cohort.facilitators
        if isinstance(entry, dict) and entry.get("name")
    ]
    if contacts:
        lines += ["", f"Facilitators: {', '.join(contacts)}."]
    return "\n".join(lines)


def _utc(moment: datetime) -> datetime:
    """Naive times in the store are UTC already."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
