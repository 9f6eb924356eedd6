"""The ``cofacilitator`` command: the GUI by default, plus scriptable subcommands.

Each subcommand family lives in its own module with a ``register(subparsers)`` function; a parser's
``handler(args)`` returns the exit code. With no subcommand, or with a file to open
(an invitation or a hand-back file), the desktop app starts.

The families import most of the core (SQLAlchemy, Alembic, the document formats), well over half
a second; the desktop app does not need them, so starting it skips building the full parser.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from cofacilitator import __version__
from cofacilitator.paths import resolve_data_paths

COMMAND_FAMILIES = (
    "commands_modules",
    "commands_cohorts",
    "commands_export",
    "commands_store",
    "commands_exchange",
    "commands_documents",
    "commands_schedule",
)
COMMAND_NAMES = frozenset(
    {
        "gui",
        "modules",
        "demo",
        "cohorts",
        "export",
        "backup",
        "restore",
        "erase-participant",
        "participant-data",
        "import",
        "invitation",
        "document",
        "chat",
        "assignment",
        "schedule",
        "ics",
        "message",
    }
)
"""Every subcommand's name, known without importing the families (a test keeps it true)."""


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
        importlib.import_module(f"cofacilitator.cli.{family}").register(subparsers)
    return parser


def _run_gui(args: argparse.Namespace) -> int:
    from cofacilitator.ui.app import run_app

    return run_app(resolve_data_paths(args.data_dir), getattr(args, "file", None))


def _gui_request(arguments: list[str]) -> tuple[str | None, str | None] | None:
    """``(data_dir, file)`` when the arguments only ask for the desktop app, else None."""
    data_dir = file = None
    rest = list(arguments)
    if len(rest) >= 2 and rest[0] == "--data-dir":
        data_dir, rest = rest[1], rest[2:]
    if rest[:1] == ["gui"]:
        rest = rest[1:]
    if len(rest) == 1 and not rest[0].startswith("-") and rest[0] not in COMMAND_NAMES:
        if not Path(rest[0]).exists():
            return None
        file, rest = rest[0], []
    return (data_dir, file) if not rest else None


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    request = _gui_request(arguments)
    if request is not None:
        from cofacilitator.ui.app import run_app

        data_dir, file = request
        return run_app(resolve_data_paths(data_dir), file)
    parser = build_parser()
    args = parser.parse_args(arguments)
    if args.command is None:
        args = parser.parse_args([*arguments, "gui"])
    return int(args.handler(args))
