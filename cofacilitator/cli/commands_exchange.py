"""``import`` and ``invitation``: the assignment exchange from a terminal.

A facilitator with a folder of hand-back files from the mail can import them all in one go and
see, one line per file, what came in and what was refused and why; the exit code says whether
anything was refused, so a script can notice.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cofacilitator.assignment_store import ImportStatus, import_handbacks
from cofacilitator.cli.checked_store import open_checked_store
from cofacilitator.cohorts import find_cohort, find_participants_by_name, list_cohorts
from cofacilitator.invitation import write_invitation
from cofacilitator.paths import resolve_data_paths, shipped_modules_dir
from cofacilitator.sessions.catalog import load_catalog
from cofacilitator.store.database import Store


def register(subparsers: Any) -> None:
    importer = subparsers.add_parser(
        "import",
        help="import hand-back files (participants' answers); one line per file, "
        "exit 1 if any was refused",
    )
    importer.add_argument("files", nargs="+", type=Path, metavar="FILE")
    importer.add_argument(
        "--cohort", metavar="NAME", help="refuse files that belong to any other cohort"
    )
    importer.set_defaults(handler=import_files)

    invitation = subparsers.add_parser(
        "invitation", help="write the invitation file a participant opens in their app"
    )
    invitation.add_argument("--cohort", required=True, metavar="NAME")
    invitation.add_argument("--participant", required=True, metavar="NAME", help="display name")
    invitation.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    invitation.set_defaults(handler=write_invitation_file)


def import_files(args: argparse.Namespace) -> int:
    """One line per file, in the order given; exit 1 when any file was refused."""
    paths = resolve_data_paths(args.data_dir)
    catalog = load_catalog(shipped_modules_dir(), paths.modules)
    store = open_checked_store(paths)
    if store is None:
        return 1
    try:
        cohort_id = None
        if args.cohort:
            cohort = _cohort_named(store, args.cohort)
            if isinstance(cohort, str):
                return _fail(cohort)
            cohort_id = cohort
        report = import_handbacks(store, args.files, catalog, cohort_id=cohort_id)
    finally:
        store.dispose()
    for outcome in report.outcomes:
        print(f"{outcome.status.value}: {outcome.message}")
    return 1 if any(o.status is ImportStatus.REFUSED for o in report.outcomes) else 0


def write_invitation_file(args: argparse.Namespace) -> int:
    """The participant is found by display name, case aside, as the facilitator types it."""
    paths = resolve_data_paths(args.data_dir)
    catalog = load_catalog(shipped_modules_dir(), paths.modules)
    store = open_checked_store(paths)
    if store is None:
        return 1
    try:
        cohort = _cohort_named(store, args.cohort)
        if isinstance(cohort, str):
            return _fail(cohort)
        participant = _participant_named(store, cohort, args.participant)
        if isinstance(participant, str):
            return _fail(participant)
        try:
            invitation = write_invitation(store, cohort, participant, catalog, args.output)
        except OSError as error:
            return _fail(f"Could not write {args.output}: {error.strerror or error}")
    finally:
        store.dispose()
    print(f"Wrote the invitation for {invitation.participant_name} to {args.output}")
    return 0


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def _cohort_named(store: Store, name: str) -> int | str:
    """The id of the cohort called ``name`` (case aside), or a sentence saying there is none."""
    cohort = find_cohort(store, name)
    if cohort is not None:
        return cohort.id
    known = ", ".join(c.name for c in list_cohorts(store, include_archived=True)) or "none"
    return f"No cohort is named {name!r}. Cohorts: {known}."


def _participant_named(store: Store, cohort_id: int, name: str) -> int | str:
    """The id of the one participant called ``name``, or a sentence saying why not exactly one."""
    matches = find_participants_by_name(store, cohort_id, name)
    if len(matches) == 1:
        return matches[0].id
    if not matches:
        return f"No participant in that cohort is named {name!r}."
    return (
        f"{len(matches)} participants in that cohort are named {name!r}; "
        "rename one in the app first so the right person is invited."
    )
