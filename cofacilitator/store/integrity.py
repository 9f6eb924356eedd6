"""The check the app makes before opening any window: is the database file sound?

A damaged file is reported, never repaired or replaced here. The report names the newest backup
that passes its own check so the UI can offer it; restoring it (``backups.restore``) keeps the
damaged file beside the restored one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from cofacilitator.paths import DATABASE_URL_ENV, DataPaths
from cofacilitator.store.backups import check_integrity, newest_good_backup


@dataclass(frozen=True)
class StartupReport:
    ok: bool
    message: str
    """A plain sentence for the facilitator."""
    database: Path | None = None
    newest_good_backup: Path | None = None
    """Set only when the database is damaged and a sound backup exists."""


def startup_check(paths: DataPaths, url: str | None = None) -> StartupReport:
    """Check the database the app is about to open (``url`` defaults to the configured one)."""
    path = _database_file(paths, url)
    if path is None:
        return StartupReport(True, "The database is not a local SQLite file; nothing to check.")
    if not path.exists() or path.stat().st_size == 0:
        return StartupReport(True, "No database yet; a new one will be created.", path)
    report = check_integrity(path)
    if report.ok:
        return StartupReport(True, "The database passed its integrity check.", path)
    backup = newest_good_backup(paths.backups)
    message = f"The database file {path} is damaged: {report.detail}."
    if backup is None:
        message += (
            f" No sound backup was found in {paths.backups}. Keep the damaged file: do not delete"
            " it, as parts of it may still be recovered."
        )
    else:
        message += (
            f" The newest sound backup is {backup.name}. Restoring it keeps the damaged file"
            " beside it, untouched."
        )
    return StartupReport(False, message, path, backup)


def _database_file(paths: DataPaths, url: str | None) -> Path | None:
    """The SQLite file to check; the usual one without loading SQLAlchemy to parse a URL."""
    url = url or os.environ.get(DATABASE_URL_ENV)
    if not url:
        return paths.database
    from cofacilitator.store.database import sqlite_file

    return sqlite_file(url)
