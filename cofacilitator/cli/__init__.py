"""The ``cofacilitator`` command: the GUI by default, plus scriptable subcommands.

Each subcommand family lives in its own module with a ``register(subparsers)`` function; a parser's
``handler(args)`` returns the exit code. With no subcommand, or with a file to open
(an invitation or a hand-back file), the desktop app starts.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from cofacilitator import __version__
from cofacilitator.cli import (
    commands_cohorts,
    commands_documents,
    commands_exchange,
    commands_export,
    commands_modules,
    commands_schedule,
    commands_store,
)
from cofacilitator.paths import resolve_data_paths

COMMAND_FAMILIES = (
    commands_modules,
    commands_cohorts,
    commands_export,
    commands_store,
    commands_exchange,
    commands_documents,
    commands_schedule,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cofacilitator",
        description="A calm, offline-first co-facilitator for cohort-based training.",
    )
    parser.add_argument("--version", action="version", version=f"cofacilitator {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="keep all user data in DIR (default: $COFACILITATOR_DATA_DIR or the user data folder)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = subparsers.add_parser("gui", help="start the desktop app (the default)")
    gui.add_argument("file", nargs="?", help="an invitation or hand-back file to open")
    gui.set_defaults(handler=_run_gui)
    for family in COMMAND_FAMILIES:
        family.register(subparsers)
    return parser


def _run_gui(args: argparse.Namespace) -> int:
    from cofacilitator.ui.app import run_app

    return run_app(resolve_data_paths(args.data_dir), getattr(args, "file", None))


def _first_positional(arguments: list[str]) -> int | None:
    """Index of the first argument that is not an option or an option's value."""
    skip = False
    for index, argument in enumerate(arguments):
        if skip:
            skip = False
        elif argument == "--data-dir":
            skip = True
        elif not argument.startswith("-"):
            return index
    return None


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    known = set(parser._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    first = _first_positional(arguments)
    if first is not None and arguments[first] not in known and Path(arguments[first]).exists():
        arguments.insert(first, "gui")
    args = parser.parse_args(arguments)
    if args.command is None:
        args = parser.parse_args([*arguments, "gui"])
    return int(args.handler(args))
