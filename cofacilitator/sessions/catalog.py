"""The modules the app offers: the shipped ones, replaced or joined by the facilitator's own.

A facilitator customises a shipped session by putting a module file with the same ``id`` in their
module folder; their file wins. One broken file must never hide the others, so broken files are
skipped and reported alongside the modules that did load.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cofacilitator.sessions.loader import Problem, check_module
from cofacilitator.sessions.schema import Module


@dataclass(frozen=True)
class CatalogEntry:
    """A loaded module and the file it came from."""

    module: Module
    path: Path
    shipped: bool
    replaces: Path | None = None
    """The shipped file this facilitator's module overrides, if any."""


@dataclass(frozen=True)
class FolderScan:
    """The modules one folder holds, first file per id, and what was wrong with the rest."""

    entries: tuple[CatalogEntry, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Catalog:
    entries: tuple[CatalogEntry, ...]
    """Sorted by module number, then title."""
    problems: tuple[Problem, ...]

    @property
    def modules(self) -> tuple[Module, ...]:
        return tuple(entry.module for entry in self.entries)

    def entry(self, module_id: str) -> CatalogEntry | None:
        return next((entry for entry in self.entries if entry.module.id == module_id), None)

    def get(self, module_id: str) -> Module | None:
        entry = self.entry(module_id)
        return None if entry is None else entry.module


def module_files(folder: Path) -> list[Path]:
    """The ``*.toml`` files directly in ``folder``, by name; editor lock and backup files that
    start with a dot are not modules."""
    try:
        return sorted(
            path
            for path in folder.glob("*.toml")
            if path.is_file() and not path.name.startswith(".")
        )
    except OSError:
        return []


def scan_files(paths: Iterable[Path], *, shipped: bool = False) -> FolderScan:
    """Check each file; a second file with an id already seen among ``paths`` is an error."""
    entries: dict[str, CatalogEntry] = {}
    problems: list[Problem] = []
    for path in paths:
        result = check_module(path)
        problems.extend(result.problems)
        module = result.module
        if module is None:
            continue
        first = entries.get(module.id)
        if first is not None:
            line = result.key_lines.line_of(("id",)) if result.key_lines else 1
            problems.append(
                Problem(
                    str(path), line, f"duplicate module id '{module.id}' (also in {first.path})"
                )
            )
            continue
        entries[module.id] = CatalogEntry(module, path, shipped)
    return FolderScan(tuple(entries.values()), tuple(problems))


def scan_folder(folder: Path, *, shipped: bool = False) -> FolderScan:
    return scan_files(module_files(folder), shipped=shipped)


def load_catalog(shipped_dir: Path, user_dir: Path | None) -> Catalog:
    """Every module that loads from both folders; a user module replaces a shipped one by id.

    A missing user folder is normal (nothing written yet); a missing shipped folder means a broken
    installation and is reported.
    """
    problems: list[Problem] = []
    if not shipped_dir.is_dir():
        problems.append(Problem(str(shipped_dir), 1, "the shipped module folder is missing"))
    shipped = scan_folder(shipped_dir, shipped=True)
    problems.extend(shipped.problems)
    chosen = {entry.module.id: entry for entry in shipped.entries}
    if user_dir is not None:
        own = scan_folder(user_dir)
        problems.extend(own.problems)
        for entry in own.entries:
            replaced = chosen.get(entry.module.id)
            chosen[entry.module.id] = CatalogEntry(
                entry.module,
                entry.path,
                shipped=False,
                replaces=replaced.path if replaced else None,
            )
    entries = sorted(
        chosen.values(), key=lambda entry: (entry.module.number, entry.module.title.casefold())
    )
    return Catalog(tuple(entries), tuple(problems))
