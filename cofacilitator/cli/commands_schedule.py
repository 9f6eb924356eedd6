"""``cofacilitator schedule``, ``ics`` and ``message``: the work around a call, from a terminal.

Scheduling a session, writing its calendar file and preparing the invitation, reminder or
follow-up are the chores of the days between calls; here they can be done, or scripted, without
opening the app. ``message`` prints the draft and a ``mailto:`` link and records that it was
prepared; like the app, it sends nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cofacilitator.calendar_invites import series_calendar, session_calendar, write_calendar
from cofacilitator.cli.checked_store import open_checked_store
from cofacilitator.cohorts import CohortView, find_cohort, list_cohorts
from cofacilitator.messages import (
    MessageKind,
    TemplateError,
    draft_message,
    record_prepared,
)
from cofacilitator.paths import DataPaths, resolve_data_paths, shipped_modules_dir
from cofacilitator.schedule import (
    ScheduleError,
    describe,
    list_series,
    parse_date,
    run_for_session,
    schedule_run,
    set_links,
    zone_named,
)
from cofacilitator.sessions.catalog import Catalog, load_catalog
from cofacilitator.store.database import Store


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    schedule = subparsers.add_parser(
        "schedule",
        help="set when a session happens, or list the series",
        description=(
            "With --session, set that session's date, start time, time zone, length and links "
            "(anything not given keeps its value). Without it, list the series, with times in "
            "--tz (default: this computer's time zone)."
        ),
    )
    schedule.add_argument("--cohort", required=True, metavar="NAME", help="the cohort's name")
    schedule.add_argument("--session", type=int, metavar="N", help="the session to schedule")
    schedule.add_argument("--date", metavar="YYYY-MM-DD", help="the day of the call")
    schedule.add_argument("--time", metavar="HH:MM", help="the start, local time in --tz")
    schedule.add_argument(
        "--tz", metavar="ZONE", help="a time zone such as Europe/London (default: the cohort's)"
    )
    schedule.add_argument("--length", type=int, metavar="MIN", help="the call's length in minutes")
    schedule.add_argument("--join", metavar="URL", help="the joining link")
    schedule.add_argument("--recording", metavar="URL", help="the recording of the presentation")
    schedule.set_defaults(handler=schedule_session)

    ics = subparsers.add_parser(
        "ics",
        help="write a calendar file for a session or the whole series",
        description="Write an .ics file to attach to an invitation. Sending a file again after "
        "a change of time updates the event in people's calendars.",
    )
    ics.add_argument("--cohort", required=True, metavar="NAME", help="the cohort's name")
    ics.add_argument("--session", type=int, metavar="N", help="only session N (default: all)")
    ics.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write")
    ics.set_defaults(handler=write_ics)

    message = subparsers.add_parser(
        "message",
        help="prepare the invitation, reminder or follow-up of a session",
        description="Print the message and a mailto: link addressed to the active roster in "
        "BCC, and record that it was prepared. Nothing is sent.",
    )
    message.add_argument(
        "kind",
        choices=["invitation", "reminder", "follow-up"],
        help="which message to prepare",
    )
    message.add_argument("--cohort", required=True, metavar="NAME", help="the cohort's name")
    message.add_argument("--session", required=True, type=int, metavar="N", help="the session")
    message.add_argument("--notes-link", default="", metavar="URL", help="the shared notes")
    message.add_argument(
        "--no-record", action="store_true", help="only show the draft; do not record it"
    )
    message.set_defaults(handler=prepare_message)


def schedule_session(args: argparse.Namespace) -> int:
    paths = resolve_data_paths(args.data_dir)
    store = _open(paths)
    if store is None:
        return 1
    try:
        cohort = _cohort(store, args.cohort)
        catalog = _catalog(paths)
        if args.session is None:
            return _list_series(store, cohort, catalog, args.tz)
        run = run_for_session(store, cohort.id, args.session)
        if args.date or args.time or args.tz or args.length is not None:
            current = run.schedule
            day = parse_date(args.date) if args.date else current.scheduled_date
            start = args.time or current.start_time
            if day is None or not start:
                raise ScheduleError(
                    f"Session {args.session} has no date or start time yet: give --date and --time."
                )
            run = schedule_run(
                store,
                run.id,
                on=day,
                start_time=start,
                timezone=args.tz or current.timezone or cohort.timezone,
                length_minutes=args.length,
                join_link=args.join,
                recording_link=args.recording,
            )
        else:
            run = set_links(store, run.id, join_link=args.join, recording_link=args.recording)
        event = next(e for e in list_series(store, cohort.id, None, catalog) if e.run_id == run.id)
    except ScheduleError as error:
        return _fail(str(error))
    finally:
        store.dispose()
    when = describe(event.time) if event.time is not None else "not scheduled"
    print(f"Session {event.number}: {event.title} ({cohort.name})")
    print(f"  {when}")
    print(f"  joining link: {event.join_link or '(none yet)'}")
    print(f"  recording:    {event.recording_link or '(none)'}")
    return 0


def write_ics(args: argparse.Namespace) -> int:
    output = Path(args.output).expanduser()
    if output.is_dir():
        return _fail(f"{output} is a folder; give the name of the file to write.")
    if not output.parent.is_dir():
        return _fail(f"The folder {output.parent} does not exist.")
    paths = resolve_data_paths(args.data_dir)
    store = _open(paths)
    if store is None:
        return 1
    try:
        cohort = _cohort(store, args.cohort)
        catalog = _catalog(paths)
        if args.session is None:
            data = series_calendar(store, cohort.id, catalog)
        else:
            run = run_for_session(store, cohort.id, args.session)
            data = session_calendar(store, run.id, catalog)
    except ScheduleError as error:
        return _fail(str(error))
    finally:
        store.dispose()
    try:
        write_calendar(output, data)
    except OSError as error:
        return _fail(f"Could not write {output}: {error.strerror or error}")
    print(f"Wrote {output}")
    return 0


def prepare_message(args: argparse.Namespace) -> int:
    kind = MessageKind.parse(args.kind)
    paths = resolve_data_paths(args.data_dir)
    store = _open(paths)
    if store is None:
        return 1
    try:
        cohort = _cohort(store, args.cohort)
        run = run_for_session(store, cohort.id, args.session)
        draft = draft_message(
            store,
            run.id,
            kind,
            _catalog(paths),
            user_dir=paths.templates,
            notes_link=args.notes_link,
        )
        if not args.no_record:
            record_prepared(store, cohort.id, run.id, kind, draft.recipient_ids, "mailto")
    except (ScheduleError, TemplateError) as error:
        return _fail(str(error))
    finally:
        store.dispose()
    print(f"Subject: {draft.subject}\n")
    print(draft.body)
    print(draft.mailto)
    people = len(draft.recipients)
    if draft.missing:
        _note(f"Not known yet: {', '.join(draft.missing)}; the draft says so in their place.")
    if draft.without_email:
        _note(f"No e-mail address for {', '.join(draft.without_email)}: tell them another way.")
    if draft.mailto_is_long:
        _note("The mailto: link is long; if your mail program cuts it short, copy the text.")
    recorded = "Not recorded" if args.no_record else "Recorded"
    _note(f"{recorded}: {kind.value.replace('_', '-')} for {people} {_people(people)}.")
    return 0


def _list_series(store: Store, cohort: CohortView, catalog: Catalog, tz: str | None) -> int:
    viewer = zone_named(tz) if tz else None
    events = list_series(store, cohort.id, viewer, catalog)
    if not events:
        print(f"{cohort.name} has no sessions yet.")
        return 0
    for event in events:
        if event.start is None or event.end is None:
            when = "not scheduled"
        else:
            when = f"{event.start:%a %Y-%m-%d %H:%M}-{event.end:%H:%M} {event.start:%Z}"
        print(f"{event.number:>2}  {when:<32}  {event.title}")
    return 0


def _cohort(store: Store, name: str) -> CohortView:
    cohort = find_cohort(store, name)
    if cohort is None:
        known = ", ".join(f'"{c.name}"' for c in list_cohorts(store, include_archived=True))
        raise ScheduleError(
            f'There is no cohort named "{name}".' + (f" Cohorts: {known}." if known else "")
        )
    return cohort


def _catalog(paths: DataPaths) -> Catalog:
    return load_catalog(shipped_modules_dir(), paths.modules)


def _open(paths: DataPaths) -> Store | None:
    return open_checked_store(paths.ensure())


def _people(count: int) -> str:
    return "person" if count == 1 else "people"


def _note(message: str) -> None:
    print(message, file=sys.stderr)


def _fail(message: str) -> int:
    print(f"cofacilitator: {message}", file=sys.stderr)
    return 1
