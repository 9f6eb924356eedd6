"""When and where each call of a cohort happens, and what that is in anyone else's time zone.

A run's start is stored as local wall time ("16:00") in a named zone, never as a UTC instant: a
series held "at 16:00 London time" stays at 16:00 across a daylight-saving change, and the UTC
instant is worked out for each date when it is needed (calendar files, other people's zones).

Every value is checked before anything is written, and a refusal is a ``ScheduleError`` whose
message can be shown to the facilitator as it is. A wall time that does not exist on that date
(the hour the clocks skip) is refused; one that happens twice (the hour repeated in autumn) is
taken as the first of the two.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sqlalchemy import select
from sqlalchemy.orm import Session

from cofacilitator.export_model import ModuleLookup
from cofacilitator.runs import RunView
from cofacilitator.store.database import Store
from cofacilitator.store.models import Cohort, SessionRun

MIN_LENGTH_MINUTES = 1
MAX_LENGTH_MINUTES = 12 * 60
LINK_LIMIT = 500
"""The width of the link columns in the store."""

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class ScheduleError(ValueError):
    """A date, time, zone, length or link that cannot be used; the message says why."""


@dataclass(frozen=True)
class SessionTime:
    """One call's start and end as UTC instants, and the zone its wall time was given in."""

    start: datetime
    end: datetime
    zone: str

    @property
    def local_start(self) -> datetime:
        """The start in the session's own zone, as it was scheduled."""
        return self.start.astimezone(ZoneInfo(self.zone))

    def start_in(self, viewer: tzinfo | None) -> datetime:
        """The start in ``viewer``'s zone; None is this computer's own zone."""
        return self.start.astimezone(viewer) if viewer is not None else self.start.astimezone()

    def end_in(self, viewer: tzinfo | None) -> datetime:
        return self.end.astimezone(viewer) if viewer is not None else self.end.astimezone()


@dataclass(frozen=True)
class SeriesEvent:
    """One session of a cohort as a viewer sees it; ``time`` is None until it is scheduled."""

    run_id: int
    run_uid: str
    number: int
    module_id: str
    title: str
    time: SessionTime | None
    start: datetime | None
    """In the viewer's zone."""
    end: datetime | None
    join_link: str
    recording_link: str


# ------------------------------------------------------------------------------ validation


def zone_named(name: str) -> ZoneInfo:
    """The IANA zone called ``name``, or a ``ScheduleError`` suggesting the nearest names."""
    clean = name.strip()
    if not clean:
        raise ScheduleError("Give a time zone, such as Europe/London or America/New_York.")
    try:
        return ZoneInfo(clean)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder such as 'America'
        pass
    near = difflib.get_close_matches(clean, sorted(available_timezones()), n=3, cutoff=0.6)
    hint = f" Did you mean {_either(near)}?" if near else ""
    raise ScheduleError(
        f"{clean!r} is not a time zone this computer knows.{hint} "
        "Use a name such as Europe/London or America/New_York."
    )


def _either(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def parse_date(text: str) -> date:
    """A date typed as YYYY-MM-DD."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ScheduleError(f"The date should look like 2026-10-01, not {text!r}.") from None


def parse_wall_time(text: str) -> time:
    """A 24-hour "HH:MM" start time; a single-digit hour ("9:30") is accepted too."""
    clean = text.strip()
    hours, colon, minutes = clean.partition(":")
    if (
        colon
        and 1 <= len(hours) <= 2
        and len(minutes) == 2
        and hours.isdigit()
        and minutes.isdigit()
        and int(hours) < 24
        and int(minutes) < 60
    ):
        return time(int(hours), int(minutes))
    raise ScheduleError(f"The start time should be 24-hour HH:MM, like 16:00, not {text!r}.")


def check_length(minutes: int) -> int:
    if not MIN_LENGTH_MINUTES <= minutes <= MAX_LENGTH_MINUTES:
        raise ScheduleError(
            f"A session lasts between {MIN_LENGTH_MINUTES} and {MAX_LENGTH_MINUTES} minutes, "
            f"not {minutes}."
        )
    return minutes


def check_link(link: str, what: str) -> str:
    """An empty link (not known yet) or a complete web address; ``what`` names it in errors."""
    clean = link.strip()
    if not clean:
        return ""
    parts = urlsplit(clean)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ScheduleError(
            f"The {what} should be a web address starting with https://, not {clean!r}."
        )
    if any(character.isspace() for character in clean):
        raise ScheduleError(f"The {what} contains spaces; paste the address on its own.")
    if len(clean) > LINK_LIMIT:
        raise ScheduleError(f"The {what} is longer than {LINK_LIMIT} characters.")
    return clean


def start_instant(day: date, wall: time, zone: str) -> datetime:
    """The UTC instant of ``wall`` on ``day`` in ``zone``, refusing a time the clocks skip."""
    local = datetime.combine(day, wall, tzinfo=zone_named(zone))
    instant = local.astimezone(UTC)
    if instant.astimezone(local.tzinfo).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise ScheduleError(
            f"{wall:%H:%M} on {day.isoformat()} does not exist in {zone}: the clocks go "
            "forward that night. Choose another time."
        )
    return instant


def session_time(day: date, start: str, zone: str, length_minutes: int) -> SessionTime:
    """When a call with these stored values happens.

    Unlike :func:`start_instant` this does not refuse a skipped wall time: a value stored by
    other means is read the way the clocks would show it, rather than making the whole series
    unreadable.
    """
    local = datetime.combine(day, parse_wall_time(start), tzinfo=zone_named(zone))
    begin = local.astimezone(UTC)
    return SessionTime(begin, begin + timedelta(minutes=length_minutes), zone)


# ------------------------------------------------------------------------------ writing


def schedule_run(
    store: Store,
    run_id: int,
    *,
    on: date,
    start_time: str,
    timezone: str,
    length_minutes: int | None = None,
    join_link: str | None = None,
    recording_link: str | None = None,
) -> RunView:
    """Set when a call happens; a length or link left as None keeps its current value.

    A change of date, start, zone or length raises the run's ``schedule_sequence``, so the next
    calendar file moves the event people already have; a change of links alone does not.
    """
    wall = parse_wall_time(start_time)
    zone = zone_named(timezone).key
    start_instant(on, wall, zone)
    length = None if length_minutes is None else check_length(length_minutes)
    join = None if join_link is None else check_link(join_link, "joining link")
    recording = None if recording_link is None else check_link(recording_link, "recording link")
    with store.session_factory() as s, s.begin():
        run = s.get_one(SessionRun, run_id)
        before = _timing(run)
        run.scheduled_date = on
        run.start_time = f"{wall:%H:%M}"
        run.timezone = zone
        if length is not None:
            run.length_minutes = length
        if _timing(run) != before:
            run.schedule_sequence += 1
        if join is not None:
            run.join_link = join
        if recording is not None:
            run.recording_link = recording
        return RunView.of(run)


def _timing(run: SessionRun) -> tuple[date | None, str, str, int]:
    """What a calendar event's time is made of; the links are not part of it."""
    return (run.scheduled_date, run.start_time, run.timezone, run.length_minutes)


def set_links(
    store: Store, run_id: int, *, join_link: str | None = None, recording_link: str | None = None
) -> RunView:
    """Change only the links, e.g. the recording once the presentation has been published."""
    join = None if join_link is None else check_link(join_link, "joining link")
    recording = None if recording_link is None else check_link(recording_link, "recording link")
    with store.session_factory() as s, s.begin():
        run = s.get_one(SessionRun, run_id)
        if join is not None:
            run.join_link = join
        if recording is not None:
            run.recording_link = recording
        return RunView.of(run)


def unschedule_run(store: Store, run_id: int) -> RunView:
    """Take a call off the calendar (the date is no longer known); its links stay."""
    with store.session_factory() as s, s.begin():
        run = s.get_one(SessionRun, run_id)
        run.scheduled_date = None
        run.start_time = ""
        return RunView.of(run)


# ------------------------------------------------------------------------------ reading


def run_for_session(store: Store, cohort_id: int, number: int) -> RunView:
    """Session ``number`` of the cohort's series, or a ``ScheduleError`` listing the numbers."""
    with store.session_factory() as s:
        runs = s.scalars(
            select(SessionRun)
            .where(SessionRun.cohort_id == cohort_id)
            .order_by(SessionRun.module_number)
        ).all()
        for run in runs:
            if run.module_number == number:
                return RunView.of(run)
        numbers = ", ".join(str(run.module_number) for run in runs) or "none yet"
        raise ScheduleError(f"This cohort has no session {number} (sessions: {numbers}).")


def run_zone(run: SessionRun, cohort: Cohort) -> str:
    """The zone a run's wall time is in: its own, else the cohort's."""
    return run.timezone or cohort.timezone or "UTC"


def time_of(run: SessionRun, cohort: Cohort) -> SessionTime | None:
    """When a stored run happens, or None while its date or start time is not set."""
    if run.scheduled_date is None or not run.start_time:
        return None
    zone = run_zone(run, cohort)
    return session_time(run.scheduled_date, run.start_time, zone, run.length_minutes)


def title_of(run: SessionRun, modules: ModuleLookup | None) -> str:
    """The module's title, or its id when the module is not installed here."""
    module = modules.get(run.module_id) if modules is not None else None
    return module.title if module is not None else run.module_id


def read_series(
    s: Session, cohort_id: int, viewer: tzinfo | None, modules: ModuleLookup | None
) -> list[SeriesEvent]:
    """The query behind :func:`list_series`, for a unit of work that reads more."""
    cohort = s.get_one(Cohort, cohort_id)
    events = []
    for run in cohort.runs:
        when = time_of(run, cohort)
        events.append(
            SeriesEvent(
                run_id=run.id,
                run_uid=run.uid,
                number=run.module_number,
                module_id=run.module_id,
                title=title_of(run, modules),
                time=when,
                start=None if when is None else when.start_in(viewer),
                end=None if when is None else when.end_in(viewer),
                join_link=run.join_link,
                recording_link=run.recording_link,
            )
        )
    return events


def list_series(
    store: Store,
    cohort_id: int,
    viewer: tzinfo | str | None = None,
    modules: ModuleLookup | None = None,
) -> list[SeriesEvent]:
    """The cohort's sessions in order, with times in ``viewer``'s zone (None: this computer's).

    A participant in Nairobi and a facilitator in London each see their own clock time for the
    same call.
    """
    zone = zone_named(viewer) if isinstance(viewer, str) else viewer
    with store.session_factory() as s:
        return read_series(s, cohort_id, zone, modules)


def long_date(day: date) -> str:
    """The day as "Thursday 1 October 2026", the same whatever the computer's language."""
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def utc_offset(moment: datetime) -> str:
    """The offset of an aware datetime as "UTC+1", "UTC-4:30" or "UTC+0"."""
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def describe(when: SessionTime) -> str:
    """One line for people: "Thursday 1 October 2026, 16:00-17:30 (Europe/London, UTC+1)"."""
    start = when.local_start
    end = when.end.astimezone(start.tzinfo)
    zone = "UTC" if when.zone == "UTC" else f"{when.zone}, {utc_offset(start)}"
    return f"{long_date(start.date())}, {start:%H:%M}-{end:%H:%M} ({zone})"
