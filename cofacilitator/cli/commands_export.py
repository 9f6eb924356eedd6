"""``cofacilitator export``: session notes as Markdown or HTML, or one participant's assignment
answers as HTML, from a terminal.

Exporting only reads: a database an older version wrote is not migrated here (that happens when
the app opens it, before any window), so a script can never change the schema behind the
facilitator's back.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cofacilitator.atomic_write import write_text_atomic
from cofacilitator.cli.checked_store import open_checked_store
from cofacilitator.cohorts import find_cohort, find_participants_by_name, list_cohorts
from cofacilitator.export_answers import answers_html
from cofacilitator.export_markdown import ExportFormat, export_cohort, export_session
from cofacilitator.export_model import ExportError
from cofacilitator.paths import database_url, resolve_data_paths, shipped_modules_dir
from cofacilitator.schedule import ScheduleError, run_for_session
from cofacilitator.sessions.catalog import load_catalog
from cofacilitator.store.database import Store
from cofacilitator.store.migrate import MigrationError, needs_upgrade


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = subparsers.add_parser(
        "export",
        help="write a session's notes, or a whole cohort's, as Markdown or HTML",
        description=(
            "Write the notes of one session (--session N) or of the whole series to a file. "
            "Private and off-the-record notes and concerns are never exported; participants "
            "who have not agreed to be named appear under pseudonyms."
        ),
    )
    export.add_argument("--cohort", required=True, metavar="NAME", help="the cohort's name")
    export.add_argument(
        "--session",
        type=int,
        metavar="N",
        help="only session N of the series (default: the whole cohort in one file)",
    )
    export.add_argument(
        "--answers",
        metavar="PARTICIPANT",
        help="instead of notes, this participant's answers to session N's assignment (HTML)",
    )
    export.add_argument(
        "--format",
        choices=[f.value for f in ExportFormat],
        help="md or html (default: from the file name, else md)",
    )
    export.add_argument(
        "--pseudonymize",
        action="store_true",
        help='show every participant as "Participant A", "Participant B", ...',
    )
    export.add_argument("-o", "--output", required=True, metavar="PATH", help="the file to write")
    export.set_defaults(handler=export_notes)


def export_notes(args: argparse.Namespace) -> int:
    output = Path(args.output).expanduser()
    if output.is_dir():
        return _fail(f"{output} is a folder; give the name of the file to write.")
    if not output.parent.is_dir():
        return _fail(f"The folder {output.parent} does not exist.")
    fmt = ExportFormat(args.format) if args.format else _format_for(output)
    if args.answers is not None and (args.session is None or fmt is not ExportFormat.HTML):
        # Answers are drawn (the mountain, the stakeholder map), so only HTML holds them whole.
        return _fail("--answers needs --session N and an HTML file (or --format html).")
    paths = resolve_data_paths(args.data_dir)
    url = database_url(paths)
    if url == f"sqlite:///{paths.database}" and not paths.database.exists():
        return _fail(f"There is no cohort database in {paths.root} yet.")
    store = open_checked_store(paths, migrate=False)
    if store is None:
        return 1
    try:
        if needs_upgrade(store.engine):
            return _fail(
                "This database was written by an older version; open it in the app once to "
                "update it, then export again."
            )
        if args.answers is None:
            text = _export(store, paths.modules, args.cohort, args.session, fmt, args.pseudonymize)
        else:
            text = _export_answers(
                store, paths.modules, args.cohort, args.answers, args.session, args.pseudonymize
            )
    except (ExportError, ScheduleError, MigrationError) as error:
        return _fail(str(error))
    finally:
        store.dispose()
    try:
        write_text_atomic(output, text)
    except OSError as error:
        return _fail(f"Could not write {output}: {error.strerror or error}")
    print(f"Wrote {output}")
    return 0


def _export_answers(
    store: Store,
    user_modules: Path,
    cohort_name: str,
    participant_name: str,
    session: int,
    pseudonymize: bool,
) -> str:
    cohort_id = _cohort_id(store, cohort_name)
    matches = find_participants_by_name(store, cohort_id, participant_name)
    if len(matches) != 1:
        many = "Several people are" if matches else "Nobody is"
        raise ExportError(f'{many} called "{participant_name}" on this cohort\'s roster.')
    module_id = run_for_session(store, cohort_id, session).module_id
    catalog = load_catalog(shipped_modules_dir(), user_modules)
    return answers_html(store, catalog, matches[0].id, module_id, pseudonymize=pseudonymize)


def _cohort_id(store: Store, cohort_name: str) -> int:
    cohort = find_cohort(store, cohort_name)
    if cohort is None:
        known = ", ".join(f'"{c.name}"' for c in list_cohorts(store, include_archived=True))
        raise ExportError(
            f'There is no cohort named "{cohort_name}".' + (f" Cohorts: {known}." if known else "")
        )
    return cohort.id


def _export(
    store: Store,
    user_modules: Path,
    cohort_name: str,
    session: int | None,
    fmt: ExportFormat,
    pseudonymize: bool,
) -> str:
    cohort_id = _cohort_id(store, cohort_name)
    run_id = None if session is None else run_for_session(store, cohort_id, session).id
    catalog = load_catalog(shipped_modules_dir(), user_modules)
    if run_id is None:
        return export_cohort(store, catalog, cohort_id, fmt, pseudonymize)
    return export_session(store, catalog, run_id, fmt, pseudonymize)


def _format_for(output: Path) -> ExportFormat:
    return (
        ExportFormat.HTML if output.suffix.lower() in (".html", ".htm") else ExportFormat.MARKDOWN
    )


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1
