"""``cofacilitator demo`` and ``cofacilitator cohorts list``: cohorts from a terminal.

``demo`` is how someone trying the app (and the screenshot and benchmark scripts) gets a cohort
with four finished sessions to look at; asking twice leaves the first one as it is.
"""

from __future__ import annotations

import argparse

from cofacilitator.cli.checked_store import open_checked_store
from cofacilitator.cohorts import CohortView, list_cohorts
from cofacilitator.demo import DEMO_COHORT_NAME, create_shipped_demo_cohort
from cofacilitator.paths import resolve_data_paths
from cofacilitator.runs import RunStatus, list_runs
from cofacilitator.store.database import Store


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = subparsers.add_parser(
        "demo",
        help=f'create the "{DEMO_COHORT_NAME}" to try the app with',
        description=f'Create "{DEMO_COHORT_NAME}": eight made-up participants and four finished '
        "sessions with notes, attendance, feedback and assignments. Nothing changes if it is "
        "already there.",
    )
    demo.set_defaults(handler=create_demo)
    cohorts = subparsers.add_parser("cohorts", help="list the cohorts")
    actions = cohorts.add_subparsers(dest="cohorts_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="one line per cohort")
    listing.add_argument("--all", action="store_true", help="include archived cohorts")
    listing.set_defaults(handler=list_cohort_lines)


def create_demo(args: argparse.Namespace) -> int:
    store = _open(args)
    if store is None:
        return 1
    try:
        result = create_shipped_demo_cohort(store)
    finally:
        store.dispose()
    if result.created:
        print(f'Created "{DEMO_COHORT_NAME}" (id {result.cohort_id}).')
    else:
        print(f'"{DEMO_COHORT_NAME}" already exists (id {result.cohort_id}); nothing was changed.')
    return 0


def list_cohort_lines(args: argparse.Namespace) -> int:
    store = _open(args)
    if store is None:
        return 1
    try:
        cohorts = list_cohorts(store, include_archived=args.all)
        lines = [_line(store, cohort) for cohort in cohorts]
    finally:
        store.dispose()
    if not lines:
        print("No cohorts yet. To try the app with one, run: cofacilitator demo")
        return 0
    width = max(len(line[1]) for line in lines)
    for number, name, rest in lines:
        print(f"{number:>4}  {name:<{width}}  {rest}")
    return 0


def _line(store: Store, cohort: CohortView) -> tuple[str, str, str]:
    runs = list_runs(store, cohort.id)
    held = sum(run.status is RunStatus.ENDED for run in runs)
    people = f"{cohort.participant_count} participant{'' if cohort.participant_count == 1 else 's'}"
    archived = "  (archived)" if cohort.archived else ""
    return str(cohort.id), cohort.name, f"{people}, {held} of {len(runs)} sessions held{archived}"


def _open(args: argparse.Namespace) -> Store | None:
    return open_checked_store(resolve_data_paths(args.data_dir).ensure())
