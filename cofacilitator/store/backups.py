"""Copies of the cohort database taken while it is in use, and the way back from one.

A backup is made with SQLite's online backup API, so it is a consistent snapshot even while the app
writes, and it is a single self-contained file (rollback journal, no -wal beside it). Every file
lands under its final name only once it is complete and on disk: written to a temporary name in the
same folder, fsynced, renamed. A restore never writes over the live file: the live file keeps its
bytes under a new name beside the restored one, so a damaged database can still be examined or
rescued later.

Backups exist only for SQLite. Another database server has its own backup tools, and pretending
otherwise would give a facilitator false comfort.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cofacilitator.store.database import Store

DEFAULT_KEEP = 10
NOT_SQLITE = "backups are only available for SQLite databases"
STAMP_FORMAT = "%Y%m%d-%H%M%S"
_BACKUP_NAME = re.compile(r"^cofacilitator-(\d{8}-\d{6})-([a-z0-9-]+)\.sqlite$")


class BackupUnavailable(RuntimeError):
    """This store cannot be backed up by the app (it is not SQLite)."""


class RestoreRefused(RuntimeError):
    """The backup was not restored; the live database was not touched."""


@dataclass(frozen=True)
class IntegrityReport:
    ok: bool
    detail: str


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    """Local wall time, as written in the file name."""
    reason: str


@dataclass(frozen=True)
class RestoreResult:
    database: Path
    set_aside: tuple[Path, ...]
    """Where the previous live file (and its -wal/-shm) now are, named ``.damaged-`` or
    ``.replaced-`` and a time stamp."""


def check_integrity(path: Path, *, quick: bool = False) -> IntegrityReport:
    """Open ``path`` read-only and ask SQLite whether the file is sound.

    Anything that stops SQLite reading it (missing, empty, "file is not a database", a malformed
    page) is a failed check with SQLite's own words as the detail, never an exception.
    """
    if not path.is_file():
        return IntegrityReport(False, f"{path} does not exist")
    if path.stat().st_size == 0:
        return IntegrityReport(False, "the file is empty")
    try:
        connection = _open_read_only(path)
    except sqlite3.Error as error:
        return IntegrityReport(False, str(error))
    try:
        pragma = "PRAGMA quick_check" if quick else "PRAGMA integrity_check"
        messages = [str(row[0]) for row in connection.execute(pragma).fetchall()]
    except sqlite3.DatabaseError as error:
        return IntegrityReport(False, str(error))
    finally:
        connection.close()
    if messages == ["ok"]:
        return IntegrityReport(True, "ok")
    shown = "; ".join(messages[:3])
    more = f" (and {len(messages) - 3} more problems)" if len(messages) > 3 else ""
    return IntegrityReport(False, shown + more)


def check_backup(path: Path) -> IntegrityReport:
    """A sound file that is also a cofacilitator database, not just any SQLite file."""
    report = check_integrity(path)
    if not report.ok:
        return report
    connection = _open_read_only(path)
    try:
        tables = {
            str(row[0])
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    finally:
        connection.close()
    if not {"alembic_version", "cohort"} <= tables:
        return IntegrityReport(False, "this is not a cofacilitator database")
    return report


def _open_read_only(path: Path) -> sqlite3.Connection:
    """Open without creating or changing anything beside the file.

    With no -wal beside it the file is all there is, and ``immutable`` stops SQLite creating
    -wal/-shm files next to a database that may be damaged. With a -wal, its committed frames are
    part of the database and must be read, which needs SQLite's shared-memory file.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not path.with_name(path.name + "-wal").exists():
        uri += "&immutable=1"
    return sqlite3.connect(uri, uri=True)


def backup_now(
    store: Store, backups_dir: Path, reason: str, *, now: datetime | None = None
) -> Path:
    """Snapshot the store into ``backups_dir`` and return the new file's path."""
    if not store.is_sqlite:
        raise BackupUnavailable(NOT_SQLITE)
    _ensure_private_dir(backups_dir)
    stamp = (now or datetime.now()).strftime(STAMP_FORMAT)
    target = _unused_name(backups_dir, stamp, _slug(reason))
    temporary = backups_dir / f".{target.name}.partial"
    temporary.unlink(missing_ok=True)
    _create_private_file(temporary)
    try:
        raw = store.engine.raw_connection()
        try:
            destination = sqlite3.connect(temporary)
            try:
                source = raw.driver_connection
                assert isinstance(source, sqlite3.Connection)
                source.backup(destination)
                # A single-file backup: the copy would otherwise inherit WAL mode.
                destination.execute("PRAGMA journal_mode=DELETE")
            finally:
                destination.close()
        finally:
            raw.close()
        _fsync_file(temporary)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _fsync_dir(backups_dir)
    return target


def backup_if_due(
    store: Store, backups_dir: Path, now: datetime, *, keep: int = DEFAULT_KEEP
) -> Path | None:
    """The daily backup at start: taken unless a backup of any kind already exists for today."""
    if any(info.taken_at.date() == now.date() for info in list_backups(backups_dir)):
        return None
    path = backup_now(store, backups_dir, "daily", now=now)
    prune(backups_dir, keep)
    return path


def backup_before_run(
    store: Store, backups_dir: Path, *, now: datetime | None = None, keep: int = DEFAULT_KEEP
) -> Path:
    """Always taken when a session starts: the moment the most is about to be written."""
    path = backup_now(store, backups_dir, "before-run", now=now)
    prune(backups_dir, keep)
    return path


def list_backups(backups_dir: Path) -> list[BackupInfo]:
    """The app's backups in ``backups_dir``, newest first; other files there are ignored."""
    if not backups_dir.is_dir():
        return []
    found = []
    for path in backups_dir.iterdir():
        match = _BACKUP_NAME.match(path.name)
        if match and path.is_file():
            taken_at = datetime.strptime(match.group(1), STAMP_FORMAT)
            found.append(BackupInfo(path, taken_at, match.group(2)))
    return sorted(found, key=lambda info: (info.taken_at, info.path.name), reverse=True)


def newest_good_backup(backups_dir: Path) -> Path | None:
    for info in list_backups(backups_dir):
        if check_backup(info.path).ok:
            return info.path
    return None


def prune(backups_dir: Path, keep: int = DEFAULT_KEEP) -> list[Path]:
    """Delete all but the ``keep`` newest backups, and return what was deleted.

    If none of the kept ones is sound, the newest sound older one is kept as well: pruning must
    never remove the last backup that could actually be restored.
    """
    backups = list_backups(backups_dir)
    kept, candidates = backups[:keep], backups[keep:]
    if not any(check_backup(info.path).ok for info in kept):
        rescue = next((info for info in candidates if check_backup(info.path).ok), None)
        candidates = [info for info in candidates if info is not rescue]
    for info in candidates:
        info.path.unlink(missing_ok=True)
    return [info.path for info in candidates]


def restore(
    backup_file: Path, database_path: Path, *, now: datetime | None = None
) -> RestoreResult:
    """Put ``backup_file`` in place of the database at ``database_path``; the store must be closed.

    The backup is checked first and refused if unsound. The current file keeps its bytes under
    ``<name>.damaged-<stamp>`` (or ``.replaced-<stamp>`` if it was sound), together with its -wal
    and -shm, which must never meet the restored file: SQLite would replay them into it.
    """
    report = check_backup(backup_file)
    if not report.ok:
        raise RestoreRefused(f"{backup_file} cannot be restored: {report.detail}")
    _ensure_private_dir(database_path.parent)
    temporary = database_path.with_name(f".{database_path.name}.restoring")
    temporary.unlink(missing_ok=True)
    _create_private_file(temporary)
    with backup_file.open("rb") as source, temporary.open("wb") as target:
        shutil.copyfileobj(source, target)
    _fsync_file(temporary)

    set_aside: list[Path] = []
    if database_path.exists():
        kind = "replaced" if check_integrity(database_path).ok else "damaged"
        stamp = (now or datetime.now()).strftime(STAMP_FORMAT)
        aside = _unused_aside(database_path, f"{kind}-{stamp}")
        _keep_beside(database_path, aside)
        set_aside.append(aside)
        for suffix in ("-wal", "-shm"):
            companion = database_path.with_name(database_path.name + suffix)
            if companion.exists():
                moved = aside.with_name(aside.name + suffix)
                os.rename(companion, moved)
                set_aside.append(moved)
    os.replace(temporary, database_path)
    _fsync_dir(database_path.parent)
    return RestoreResult(database_path, tuple(set_aside))


def _keep_beside(live: Path, aside: Path) -> None:
    """Give the live file a second name, so the live name never disappears while restoring."""
    try:
        os.link(live, aside)
    except OSError:
        os.rename(live, aside)


def _unused_aside(database_path: Path, label: str) -> Path:
    candidate = database_path.with_name(f"{database_path.name}.{label}")
    counter = 2
    while candidate.exists():
        candidate = database_path.with_name(f"{database_path.name}.{label}-{counter}")
        counter += 1
    return candidate


def _slug(reason: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-") or "manual"


def _unused_name(backups_dir: Path, stamp: str, label: str) -> Path:
    candidate = backups_dir / f"cofacilitator-{stamp}-{label}.sqlite"
    counter = 2
    while candidate.exists():
        candidate = backups_dir / f"cofacilitator-{stamp}-{label}-{counter}.sqlite"
        counter += 1
    return candidate


def _ensure_private_dir(folder: Path) -> None:
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)


def _create_private_file(path: Path) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(descriptor)


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable; only POSIX systems can open a folder for this."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
