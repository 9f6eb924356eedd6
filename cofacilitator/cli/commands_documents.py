"""``document``, ``chat`` and ``assignment``: the session around the call, from a terminal.

``document blank`` writes the shared document for a session; ``document import`` and ``chat
import`` read a filled document or a saved chat back. Both imports print what they would add and
store it only with ``--yes``, so the same command first shows and then does. ``assignment blank``
and ``assignment import-document`` are the exchange for participants without the app.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import select

from cofacilitator.assignment_document_import import import_assignment_documents
from cofacilitator.assignment_store import ImportStatus
from cofacilitator.atomic_write import write_text_atomic
from cofacilitator.chat_import import preview_chat
from cofacilitator.cli.checked_store import open_checked_store
from cofacilitator.cohorts import find_cohort, list_cohorts
from cofacilitator.document_formats import DocumentFormatError, read_document_file
from cofacilitator.document_import import preview_document
from cofacilitator.fillable_assignment import DocumentFormat, write_fillable_assignment
from cofacilitator.import_apply import apply_preview
from cofacilitator.import_preview import (
    Decision,
    ImportPreview,
    ProposedFeedback,
    ProposedNote,
    ProposedQuestion,
    ProposedRollCall,
    ProposedRow,
    SessionNotFound,
)
from cofacilitator.name_matching import MatchStatus, roster_matcher
from cofacilitator.paths import resolve_data_paths, shipped_modules_dir
from cofacilitator.schedule import run_for_session
from cofacilitator.sessions.catalog import Catalog, load_catalog
from cofacilitator.sessions.schema import Module
from cofacilitator.shared_document import blank_session_document
from cofacilitator.store.database import Store
from cofacilitator.store.models import SessionRun

SHOWN_TEXT = 70


class _Refusal(Exception):
    """A sentence for the facilitator, printed on standard error with exit status 1."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    document = subparsers.add_parser(
        "document", help="the shared session document: write it blank, import it filled in"
    )
    document_actions = document.add_subparsers(
        dest="document_action", metavar="ACTION", required=True
    )
    blank = document_actions.add_parser("blank", help="write a session's blank shared document")
    _cohort_and_session(blank)
    blank.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: print it")
    blank.set_defaults(handler=_command(write_blank_document))
    importer = document_actions.add_parser(
        "import",
        help="import a filled shared document (.docx, .html, .md, .txt); stores only with --yes",
    )
    _cohort_and_session(importer)
    importer.add_argument("file", type=Path, metavar="FILE")
    _store_options(importer)
    importer.set_defaults(handler=_command(import_document))

    chat = subparsers.add_parser("chat", help="import a saved call chat as notes")
    chat_actions = chat.add_subparsers(dest="chat_action", metavar="ACTION", required=True)
    chat_import = chat_actions.add_parser(
        "import",
        help="import a saved chat under one prompt; private messages are never imported",
    )
    _cohort_and_session(chat_import)
    chat_import.add_argument("--segment", required=True, metavar="ID", help="the segment's id")
    chat_import.add_argument("--prompt", default="", metavar="ID", help="the prompt's id")
    chat_import.add_argument("file", type=Path, metavar="FILE")
    _store_options(chat_import)
    chat_import.set_defaults(handler=_command(import_chat))

    assignment = subparsers.add_parser(
        "assignment", help="assignments as documents, for participants without the app"
    )
    assignment_actions = assignment.add_subparsers(
        dest="assignment_action", metavar="ACTION", required=True
    )
    fillable = assignment_actions.add_parser(
        "blank", help="write a participant's assignment as a document to fill in"
    )
    _cohort_and_session(fillable)
    fillable.add_argument("--participant", required=True, metavar="NAME")
    fillable.add_argument(
        "--format",
        choices=[f.value for f in DocumentFormat],
        help="md or docx (default: from the file name)",
    )
    fillable.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    fillable.set_defaults(handler=_command(write_assignment_document))
    documents = assignment_actions.add_parser(
        "import-document",
        help="import filled assignment documents; one line per file, exit 1 if any was refused",
    )
    documents.add_argument("files", nargs="+", type=Path, metavar="FILE")
    documents.add_argument("--cohort", metavar="NAME", help="refuse documents for other cohorts")
    documents.set_defaults(handler=_command(import_assignment_files))


def _cohort_and_session(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cohort", required=True, metavar="NAME", help="the cohort's name")
    parser.add_argument("--session", required=True, type=int, metavar="N", help="session number")


def _store_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--yes", action="store_true", help="store what the preview shows")
    parser.add_argument(
        "--walk-ins",
        action="store_true",
        help="add people not on the roster as walk-ins (default: keep their lines anonymous)",
    )


def _command(
    action: Callable[[argparse.Namespace, Store, Catalog], int],
) -> Callable[[argparse.Namespace], int]:
    """Open the data folder's store and modules around ``action``; a refusal exits 1."""

    def handler(args: argparse.Namespace) -> int:
        paths = resolve_data_paths(args.data_dir)
        catalog = load_catalog(shipped_modules_dir(), paths.modules)
        store = open_checked_store(paths)
        if store is None:
            return 1
        try:
            return action(args, store, catalog)
        except (_Refusal, SessionNotFound, DocumentFormatError, ValueError) as error:
            return _fail(str(error))
        finally:
            store.dispose()

    return handler


def write_blank_document(args: argparse.Namespace, store: Store, catalog: Catalog) -> int:
    run_id = run_for_session(store, _cohort_id(store, args.cohort), args.session).id
    blank = blank_session_document(store, catalog, run_id)
    if args.output is None:
        sys.stdout.write(blank.markdown)
        return 0
    try:
        write_text_atomic(args.output, blank.markdown)
    except OSError as error:
        raise _Refusal(f"Could not write {args.output}: {error.strerror or error}") from error
    print(f"Wrote {args.output}")
    return 0


def import_document(args: argparse.Namespace, store: Store, catalog: Catalog) -> int:
    run_id = run_for_session(store, _cohort_id(store, args.cohort), args.session).id
    preview = preview_document(store, catalog, run_id, read_document_file(args.file))
    return _preview_then_store(args, store, preview)


def import_chat(args: argparse.Namespace, store: Store, catalog: Catalog) -> int:
    run_id = run_for_session(store, _cohort_id(store, args.cohort), args.session).id
    try:
        chat = args.file.read_bytes()
    except OSError as error:
        raise _Refusal(f"Could not read {args.file}: {error.strerror or error}") from error
    preview = preview_chat(store, catalog, run_id, args.segment, args.prompt, chat)
    return _preview_then_store(args, store, preview)


def write_assignment_document(args: argparse.Namespace, store: Store, catalog: Catalog) -> int:
    cohort_id = _cohort_id(store, args.cohort)
    module = _module(store, catalog, cohort_id, args.session)
    with store.session_factory() as s:
        match = roster_matcher(s, cohort_id).match(args.participant)
    if match.status is not MatchStatus.PERSON or match.person is None:
        raise _Refusal(f"No one on the roster of {args.cohort!r} is called {args.participant!r}.")
    fmt = args.format or (
        DocumentFormat.DOCX if args.output.suffix.lower() == ".docx" else DocumentFormat.MARKDOWN
    )
    try:
        write_fillable_assignment(store, match.person.id, module, args.output, fmt)
    except OSError as error:
        raise _Refusal(f"Could not write {args.output}: {error.strerror or error}") from error
    title = module.assignment.title if module.assignment else module.title
    print(f"Wrote {match.person.display_name}'s {title!r} to {args.output}")
    return 0


def import_assignment_files(args: argparse.Namespace, store: Store, catalog: Catalog) -> int:
    cohort_id = _cohort_id(store, args.cohort) if args.cohort else None
    report = import_assignment_documents(store, args.files, catalog, cohort_id=cohort_id)
    for outcome in report.outcomes:
        print(f"{outcome.status.value}: {outcome.message}")
    return 1 if any(o.status is ImportStatus.REFUSED for o in report.outcomes) else 0


# ------------------------------------------------------------------------------ printing


def _preview_then_store(args: argparse.Namespace, store: Store, preview: ImportPreview) -> int:
    decision = Decision.WALK_IN if args.walk_ins else Decision.ANONYMOUS
    decisions = dict.fromkeys(preview.unknown_names, decision)
    plan = preview.plan(decisions)
    for line in _described(plan.added, walk_ins=args.walk_ins):
        print(f"  {line}")
    print(
        f"{_count(len(plan.added), 'line')} to add, {len(plan.skipped)} already there or left out."
    )
    if preview.private_skipped:
        print(f"{_count(preview.private_skipped, 'private message')} left out, as always.")
    if preview.unknown_names:
        fate = "added as walk-ins" if args.walk_ins else "kept anonymous (--walk-ins adds them)"
        print(f"Not on the roster, {fate}: {', '.join(preview.unknown_names)}")
    if preview.ambiguous_names:
        print("Fit more than one person, kept anonymous: " + ", ".join(preview.ambiguous_names))
    if not args.yes:
        print("Nothing was stored; run again with --yes to store it.")
        return 0
    result = apply_preview(store, preview, decisions)
    print(f"Stored {_count(result.added, 'line')}.")
    return 0


def _described(proposals: Sequence[object], *, walk_ins: bool) -> list[str]:
    lines = []
    for proposal in proposals:
        if isinstance(proposal, ProposedNote):
            what, text = f"note ({proposal.prompt_id or proposal.segment_id})", proposal.text
        elif isinstance(proposal, ProposedRow):
            what, text = f"row ({proposal.segment_id})", " | ".join(proposal.cells)
        elif isinstance(proposal, ProposedFeedback):
            what, text = f"feedback ({proposal.kind.value})", proposal.text
        elif isinstance(proposal, ProposedQuestion):
            what, text = "question", proposal.text
        elif isinstance(proposal, ProposedRollCall):
            what, text = "roll call", proposal.answer
        else:
            continue
        shown = " ".join(text.split())
        if len(shown) > SHOWN_TEXT:
            shown = shown[: SHOWN_TEXT - 1] + "…"
        author = proposal.author
        who = author.shown
        if author.status is MatchStatus.UNKNOWN:
            who = f"{author.written} (walk-in)" if walk_ins else f"Anonymous ({author.written})"
        lines.append(f"{what}: {who}: {shown}")
    return lines


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


# ------------------------------------------------------------------------------ lookups


def _cohort_id(store: Store, name: str) -> int:
    """The cohort called ``name``, accents and case aside."""
    cohort = find_cohort(store, name)
    if cohort is not None:
        return cohort.id
    known = ", ".join(c.name for c in list_cohorts(store, include_archived=True)) or "none"
    raise _Refusal(f"No cohort is named {name!r}. Cohorts: {known}.")


def _module(store: Store, catalog: Catalog, cohort_id: int, number: int) -> Module:
    """The module of the cohort's session ``number``, or the installed module of that number."""
    with store.session_factory() as s:
        module_id = s.scalar(
            select(SessionRun.module_id).where(
                SessionRun.cohort_id == cohort_id, SessionRun.module_number == number
            )
        )
    module = catalog.get(module_id) if module_id else None
    module = module or next((m for m in catalog.modules if m.number == number), None)
    if module is None or module.assignment is None:
        raise _Refusal(f"Session {number} has no assignment.")
    return module
