"""``backup``, ``restore``, ``erase-participant`` and ``participant-data``: the store by hand.

These exist for the moments the app cannot help: a backup before handing a laptop in, a restore
when the app will not start, and a participant's request to see or remove their data, answered
from a terminal as well as from the app.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cofacilitator.cli.checked_store import open_checked_store
from cofacilitator.cohorts import (
    ParticipantView,
    find_cohort,
    find_participants_by_name,
    list_cohorts,
)
from cofacilitator.paths import database_url, resolve_data_paths
from cofacilitator.privacy import erase_participant, participant_data, save_participant_data
from cofacilitator.store.backups import (
    DEFAULT_KEEP,
    NOT_SQLITE,
    RestoreRefused,
    backup_now,
    restore,
)
from cofacilitator.store.database import Store, sqlite_file


def register(subparsers: Any) -> None:
    backup = subparsers.add_parser(
        "backup", help="copy the database into the backups folder now and print the copy's path"
    )
    backup.set_defaults(handler=_backup)

    restore_parser = subparsers.add_parser(
        "restore",
        help="replace the database with a backup (close the app first); "
        "the current file is kept beside it",
    )
    restore_parser.add_argument("file", type=Path, help="a backup file")
    restore_parser.set_defaults(handler=_restore)

    erase = subparsers.add_parser(
        "erase-participant", help="permanently remove a participant and everything they wrote"
    )
    _add_participant_arguments(erase)
    erase.add_argument("--yes", action="store_true", help="confirm the erasure")
    erase.set_defaults(handler=_erase)

    data = subparsers.add_parser(
        "participant-data", help="write everything held about one participant to a JSON file"
    )
    _add_participant_arguments(data)
    data.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    data.set_defaults(handler=_participant_data)


def _add_participant_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cohort", required=True, metavar="NAME")
    parser.add_argument("--participant", required=True, metavar="NAME", help="display name")


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def _backup(args: argparse.Namespace) -> int:
    paths = resolve_data_paths(args.data_dir)
    url = database_url(paths)
    path = sqlite_file(url)
    if path is None:
        return _fail(NOT_SQLITE)
    if not path.exists():
        return _fail(f"There is no database at {path} yet; nothing to back up.")
    store = open_checked_store(paths, migrate=False)
    if store is None:
        return 1
    try:
        print(backup_now(store, paths.backups, "manual"))
    finally:
        store.dispose()
    return 0


def _restore(args: argparse.Namespace) -> int:
    paths = resolve_data_paths(args.data_dir)
    database = sqlite_file(database_url(paths))
    if database is None:
        return _fail(NOT_SQLITE)
    try:
        result = restore(args.file, database)
    except RestoreRefused as refusal:
        return _fail(f"{refusal}. The database was not changed.")
    print(f"Restored {args.file} as {result.database}.")
    for kept in result.set_aside:
        print(f"The previous file is kept as {kept}")
    return 0


def _erase(args: argparse.Namespace) -> int:
    if not args.yes:
        return _fail(
            f"This permanently erases {args.participant} and everything they wrote from "
            f"{args.cohort}. Run the command again with --yes to confirm."
        )
    paths = resolve_data_paths(args.data_dir)
    store = open_checked_store(paths)
    if store is None:
        return 1
    try:
        participant = _find_participant(store, args.cohort, args.participant)
        if isinstance(participant, str):
            return _fail(participant)
        with store.session_factory() as session, session.begin():
            report = erase_participant(session, participant.id)
        store.checkpoint()
    finally:
        store.dispose()
    print(f"Erased {report.participant} from {args.cohort}:")
    for line in report.lines():
        print(f"  {line}")
    if report.mentions_left:
        print(
            f"{report.mentions_left} notes, answers or rows written by others still mention "
            f"{report.participant}; review them in the app."
        )
    if store.is_sqlite:
        print(
            f"Backups taken before now still hold their data until they are pruned "
            f"(the newest {DEFAULT_KEEP} are kept, in {paths.backups})."
        )
    return 0


def _participant_data(args: argparse.Namespace) -> int:
    paths = resolve_data_paths(args.data_dir)
    store = open_checked_store(paths)
    if store is None:
        return 1
    try:
        participant = _find_participant(store, args.cohort, args.participant)
        if isinstance(participant, str):
            return _fail(participant)
        name = participant.display_name
        with store.session_factory() as session:
            data = participant_data(session, participant.id)
    finally:
        store.dispose()
    written = save_participant_data(data, args.output)
    print(f"Wrote everything held about {name} to {written}")
    return 0


def _find_participant(store: Store, cohort_name: str, name: str) -> ParticipantView | str:
    """The one participant meant, or a sentence saying why there is not exactly one."""
    cohort = find_cohort(store, cohort_name)
    if cohort is None:
        known = ", ".join(c.name for c in list_cohorts(store, include_archived=True)) or "none"
        return f"No cohort is named {cohort_name!r}. Cohorts: {known}."
    matches = find_participants_by_name(store, cohort.id, name)
    if len(matches) == 1:
        return matches[0]
    if not matches:
        return f"No participant in {cohort.name} is named {name!r}."
    return (
        f"{len(matches)} participants in {cohort.name} are named {name!r}; "
        "rename one in the app first so the right person is chosen."
    )
