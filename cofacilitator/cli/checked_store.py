"""Opening the store from a command: checked first, so a damaged file gets a sentence, not a trace.

The app checks the database before any window opens (``store.integrity.startup_check``); every
command that opens the store does the same through :func:`open_checked_store`. A damaged file is
never touched here: the message names the newest sound backup and the exact ``restore`` command
to run, and the command exits 1.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from cofacilitator.paths import DataPaths, database_url, resolve_data_paths
from cofacilitator.store.database import Store, open_store
from cofacilitator.store.integrity import startup_check
from cofacilitator.store.migrate import MigrationError


def open_checked_store(paths: DataPaths, *, migrate: bool = True) -> Store | None:
    """The data folder's store, or ``None`` once the reason it cannot be opened is printed to
    stderr (a damaged file, or a schema this version cannot update)."""
    report = startup_check(paths)
    if not report.ok:
        print(
            f"cofacilitator: {damaged_message(paths, report.message, report.newest_good_backup)}",
            file=sys.stderr,
        )
        return None
    try:
        return open_store(database_url(paths), migrate=migrate)
    except MigrationError as error:
        print(f"cofacilitator: {error}", file=sys.stderr)
        return None


def damaged_message(paths: DataPaths, message: str, backup: Path | None) -> str:
    """The check's own sentence, then what to type: the restore command for the backup it found,
    with ``--data-dir`` when the data folder is not the one a bare command would use."""
    if backup is None:
        return message
    command = ["cofacilitator"]
    if paths.root != resolve_data_paths(None).root:
        command += ["--data-dir", str(paths.root)]
    command += ["restore", str(backup)]
    return (
        f"{message}\nTo restore it, close the app and run:\n"
        f"  {' '.join(shlex.quote(part) for part in command)}"
    )
