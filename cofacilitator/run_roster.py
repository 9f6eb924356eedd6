"""Who belongs to one session run: the roster as it stood at that call, not as it stands today.

Withdrawing someone keeps everything they contributed, so a past session must still list them:
its roll call, speaking tally, sharing round and breakout rooms show the people who were on the
cohort then. Someone who withdraws before a call is no longer expected at it; anyone with an
attendance row in a run (a walk-in, or a person withdrawn later on) belongs to that run whatever
the roster says now.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from cofacilitator.cohorts import ParticipantView
from cofacilitator.schedule import ScheduleError, run_zone, time_of, zone_named
from cofacilitator.store.database import Store
from cofacilitator.store.models import Attendance, Cohort, Participant, SessionRun, utcnow


def roster_for_run(
    store: Store, run_id: int, *, now: datetime | None = None
) -> list[ParticipantView]:
    """The people of ``run_id``'s cohort who belong to that run, in roster order.

    That is everyone not yet withdrawn when the run starts (``withdrawn_at`` unset or later than
    the start) and everyone with an attendance row in the run. The start is when the call was
    started, else when it is scheduled, else ``now`` (naive UTC, like the store; the current time
    when not given) for a run neither started nor scheduled.
    """
    with store.session_factory() as s:
        run = s.get_one(SessionRun, run_id)
        start = run_start(s, run, now or utcnow())
        attended = set(
            s.scalars(select(Attendance.participant_id).where(Attendance.run_id == run_id))
        )
        people = s.scalars(
            select(Participant)
            .where(Participant.cohort_id == run.cohort_id)
            .order_by(Participant.id)
        )
        return [
            ParticipantView.of(person)
            for person in people
            if person.withdrawn_at is None or person.withdrawn_at > start or person.id in attended
        ]


def run_start(s: Session, run: SessionRun, now: datetime) -> datetime:
    """When ``run`` starts, as naive UTC: started, else scheduled, else ``now``.

    A run with a date but no start time yet starts at the beginning of that day in its time
    zone, so withdrawing someone "from" that date leaves them out of it.
    """
    if run.started_at is not None:
        return run.started_at
    if run.scheduled_date is None:
        return now
    cohort = s.get_one(Cohort, run.cohort_id)
    try:
        scheduled = time_of(run, cohort)
        zone: tzinfo = zone_named(run_zone(run, cohort))
    except ScheduleError:  # a zone this computer does not know: read the day as UTC
        scheduled, zone = None, UTC
    if scheduled is not None:
        return scheduled.start.astimezone(UTC).replace(tzinfo=None)
    day_start = datetime.combine(run.scheduled_date, time(0, 0), tzinfo=zone)
    return day_start.astimezone(UTC).replace(tzinfo=None)
