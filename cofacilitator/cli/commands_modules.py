"""``cofacilitator modules list|check|new``: the module files, from a terminal.

These commands are how a facilitator writing their own module finds out, line by line, what the
app will make of it, without starting the app. ``check`` exits 1 on any error so it can also guard
a repository of module files in CI.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, TextIO

from cofacilitator.paths import resolve_data_paths, shipped_modules_dir
from cofacilitator.sessions.catalog import (
    CatalogEntry,
    load_catalog,
    module_files,
    scan_files,
    scan_folder,
)
from cofacilitator.sessions.loader import Problem
from cofacilitator.sessions.schema import Module
from cofacilitator.sessions.starter import module_id_for, starter_module
from cofacilitator.sessions.validation import PENDING_LINK


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    modules = subparsers.add_parser(
        "modules",
        help="list, check and create module files",
        description="List the modules the app offers, check module files, start a new one.",
    )
    actions = modules.add_subparsers(dest="modules_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="one line per module the app offers")
    listing.set_defaults(handler=list_modules)
    check = actions.add_parser(
        "check",
        help="report every problem in module files as FILE:LINE",
        description="Exit status 1 if any file has an error; warnings alone exit 0.",
    )
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="module files or folders (default: the shipped modules and your module folder)",
    )
    check.set_defaults(handler=check_modules)
    new = actions.add_parser("new", help="write a commented starter module to edit")
    new.add_argument("title", metavar="TITLE", help='the module title, e.g. "Open Science"')
    new.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="file or folder to write to (default: your module folder)",
    )
    new.set_defaults(handler=new_module)


def list_modules(args: argparse.Namespace) -> int:
    paths = resolve_data_paths(args.data_dir)
    catalog = load_catalog(shipped_modules_dir(), paths.modules)
    errors = [problem for problem in catalog.problems if problem.is_error]
    _report(errors, sys.stderr)
    warnings = [problem for problem in catalog.problems if not problem.is_error]
    if not catalog.entries:
        print("No modules found.", file=sys.stderr)
        _summarise_warnings(warnings, paths.modules)
        return 0
    rows = [(entry, _minutes(entry.module)) for entry in catalog.entries]
    title_width = max(len(entry.module.title) for entry, _ in rows)
    minutes_width = max(len(minutes) for _, minutes in rows)
    for entry, minutes in rows:
        module = entry.module
        print(
            f"{module.number:>2}  {module.title:<{title_width}}  {minutes:<{minutes_width}}  "
            f"{_count(len(module.segments), 'segment')}{_origin(entry)}"
        )
    _summarise_warnings(warnings, paths.modules)
    return 0


def check_modules(args: argparse.Namespace) -> int:
    if args.paths:
        problems, checked = _check_paths([Path(path) for path in args.paths])
    else:
        folders = (shipped_modules_dir(), resolve_data_paths(args.data_dir).modules)
        problems = list(load_catalog(*folders).problems)
        checked = sum(len(module_files(folder)) for folder in folders)
    _report(problems, sys.stdout)
    errors = sum(problem.is_error for problem in problems)
    warnings = len(problems) - errors
    print(
        f"{_count(checked, 'file')} checked: {_count(errors, 'error')}, "
        f"{_count(warnings, 'warning')}."
    )
    return 1 if errors else 0


def new_module(args: argparse.Namespace) -> int:
    title = args.title.strip()
    if not title:
        print("cofacilitator: the module needs a title", file=sys.stderr)
        return 2
    paths = resolve_data_paths(args.data_dir)
    catalog = load_catalog(shipped_modules_dir(), paths.modules)
    module_id = module_id_for(title)
    number = max((module.number for module in catalog.modules), default=0) + 1
    if args.output:
        target = Path(args.output).expanduser()
        if target.is_dir():
            target = target / f"{module_id}.toml"
    else:
        target = paths.modules / f"{module_id}.toml"
    try:
        if not args.output:
            paths.ensure()
        _write_new_file(target, starter_module(title, number, file_hint=_shell_path(target)))
    except FileExistsError:
        print(
            f"cofacilitator: {target} already exists; it was left as it is. "
            "Choose another title, or another file with -o PATH.",
            file=sys.stderr,
        )
        return 1
    except OSError as error:
        print(f"cofacilitator: cannot write {target}: {error}", file=sys.stderr)
        return 1
    print(f"Wrote {target}")
    if catalog.get(module_id) is not None:
        print(
            f"Note: '{module_id}' is already the id of a module, which this file replaces when "
            "it is in your module folder. Change its id if you meant a module of its own.",
        )
    print(f"Edit it in a text editor, then run: cofacilitator modules check {_shell_path(target)}")
    return 0


def _check_paths(paths: list[Path]) -> tuple[list[Problem], int]:
    """Folders are checked one by one (an id may repeat across folders, as overrides do); the
    files named one by one are checked together, as if they shared a folder."""
    problems: list[Problem] = []
    files: list[Path] = []
    checked = 0
    for path in paths:
        if path.is_dir():
            found = module_files(path)
            if not found:
                problems.append(
                    Problem(str(path), 1, "no module files (*.toml) in this folder", "warning")
                )
            problems.extend(scan_folder(path).problems)
            checked += len(found)
        elif path.exists():
            files.append(path)
        else:
            problems.append(Problem(str(path), 1, "no such file or folder"))
    problems.extend(scan_files(files).problems)
    return problems, checked + len(files)


def _report(problems: Iterable[Problem], stream: TextIO) -> None:
    for problem in problems:
        print(problem, file=stream)


def _summarise_warnings(warnings: Sequence[Problem], user_modules: Path) -> None:
    """One line on stderr after the listing (stdout flushed first, so a terminal shows it below
    the table): how many links are still to be added, and where, without listing them."""
    if not warnings:
        return
    sys.stdout.flush()
    links = [w for w in warnings if w.message.endswith(PENDING_LINK)]
    others = len(warnings) - len(links)
    parts = []
    if links:
        folders = {Path(w.path).parent for w in links}
        where = (
            " in the shipped modules"
            if folders == {shipped_modules_dir()}
            else " in your modules"
            if folders == {user_modules}
            else ""
        )
        verb = "is" if len(links) == 1 else "are"
        parts.append(f"{_count(len(links), 'link')}{where} {verb} still to be added")
    if others:
        verb = "is" if others == 1 else "are"
        other = "other warning" if links else "warning about the module files"
        parts.append(f"there {verb} {_count(others, other)}")
    listed = "it" if len(warnings) == 1 else "them"
    summary = " and ".join(parts)
    print(
        f"{summary[0].upper()}{summary[1:]}; `cofacilitator modules check` lists {listed}.",
        file=sys.stderr,
    )


def _minutes(module: Module) -> str:
    optional = module.planned_minutes - module.required_minutes
    extra = f" (+{optional} optional)" if optional else ""
    return f"{module.required_minutes} min{extra}"


def _origin(entry: CatalogEntry) -> str:
    if entry.shipped:
        return ""
    if entry.replaces is not None:
        return f"  (your file {entry.path}, replacing the shipped one)"
    return f"  (your file {entry.path})"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _shell_path(path: Path) -> str:
    """The path as it can be pasted into a terminal (many user folders have a space in them)."""
    text = str(path)
    return f'"{text}"' if any(char.isspace() for char in text) else text


def _write_new_file(target: Path, text: str) -> None:
    """Write a new file whole or not at all, and never over a file that exists.

    The text goes to a temporary file beside the target first; a hard link then gives it its
    name, which fails if the name is taken, even by a file created a moment ago. Where hard links
    are not supported (some USB sticks and network shares) an exclusive create stands in.
    """
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=target.parent, prefix=f".{target.name}.", delete=False
    ) as handle:
        temporary = Path(handle.name)
        _write_synced(handle, text)
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise
    except OSError:
        with open(target, "x", encoding="utf-8") as handle:
            _write_synced(handle, text)
    finally:
        temporary.unlink(missing_ok=True)


def _write_synced(handle: IO[str], text: str) -> None:
    handle.write(text)
    handle.flush()
    os.fsync(handle.fileno())
