"""Running one family of commands in-process, parsed as the ``cofacilitator`` command parses it."""

from __future__ import annotations

import argparse
from pathlib import Path
from types import ModuleType


def run_command(family: ModuleType, data_dir: Path, *arguments: str) -> int:
    """The global --data-dir, then one of ``family``'s commands; returns the exit code."""
    parser = argparse.ArgumentParser(prog="cofacilitator")
    parser.add_argument("--data-dir")
    family.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["--data-dir", str(data_dir), *arguments])
    return int(args.handler(args))
