"""Opening the cohort database: engine settings, migrations, the session factory.

SQLite runs in WAL mode with foreign keys on and a busy timeout, and ``synchronous=FULL`` so that a
commit that returned is on disk even if the process is killed a moment later. Any other SQLAlchemy
URL works too: nothing here needs SQLite beyond these connection settings.

Sessions keep the ``sqlite3`` driver's default transaction handling: a transaction begins at the
first write, so a session that reads and then writes waits (``busy_timeout``) for another thread's
write instead of failing with "database is locked", as a read transaction upgraded to a write can
in WAL mode. Migrations, which need DDL inside one transaction, take their own explicit one
(``store/migrate.py``).

An in-memory SQLite URL (``sqlite://``, e.g. through ``COFACILITATOR_DATABASE_URL`` for a trial
run) gets a ``StaticPool``: every session shares the one connection, so the tables the migrations
created are the tables the app sees. It is meant for tests and demonstrations, not for concurrent
threads.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from cofacilitator.store.schema_revision import SCHEMA_HEAD

Row = TypeVar("Row")
View = TypeVar("View")

BUSY_TIMEOUT_MS = 5000


@dataclass(frozen=True)
class Store:
    """The engine and the session factory, passed to whoever needs the database."""

    engine: Engine
    session_factory: sessionmaker[Session]

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        """The database file, or None when there is none to back up (another server, memory)."""
        if not self.is_sqlite:
            return None
        return sqlite_file(self.engine.url)

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the main file and empty it.

        After an erasure this removes the old page images that the WAL would otherwise keep
        until SQLite's next automatic checkpoint.
        """
        if not self.is_sqlite:
            return
        with self.engine.connect() as connection:
            driver_connection = connection.connection.driver_connection
            assert driver_connection is not None
            driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def dispose(self) -> None:
        self.engine.dispose()


def sqlite_file(url: str | URL) -> Path | None:
    """The file behind a SQLite URL; None for other databases and in-memory ones."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database
    if not database or database == ":memory:" or parsed.query.get("mode") == "memory":
        return None
    if parsed.query.get("uri") and database.startswith("file:"):
        database = database.removeprefix("file:").split("?", 1)[0]
    return Path(database)


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # secure_delete overwrites erased rows with zeros, so an erased participant's text does not
    # linger in free pages of the file.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def create_store_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url)
    if sqlite_file(parsed) is None:
        engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
    else:
        engine = create_engine(url)
    event.listen(engine, "connect", _configure_sqlite)
    return engine


def _create_private_file(path: Path) -> None:
    """Create the database file readable by its owner only; SQLite gives -wal/-shm the same mode.

    An empty file is a valid empty SQLite database, so nothing else is needed here.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(descriptor)


def open_store(url: str, *, migrate: bool = True) -> Store:
    """Open (and by default migrate to the newest schema) the database at ``url``."""
    path = sqlite_file(url)
    if path is not None and not path.exists():
        _create_private_file(path)
    engine = create_store_engine(url)
    if migrate and schema_revision(engine) != SCHEMA_HEAD:
        # Alembic costs a third of a second to import, so it is loaded only when there is
        # something to migrate (a new database, or the first start after an update).
        from cofacilitator.store.migrate import upgrade_to_head

        upgrade_to_head(engine)
    return Store(engine, sessionmaker(engine, expire_on_commit=False))


def schema_revision(engine: Engine) -> str | None:
    """The Alembic revision the database is at, read with plain SQL; None if not versioned."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def delete_returning(
    store: Store, model: type[Row], row_id: int, view_of: Callable[[Row], View]
) -> View:
    """Delete one row in its own transaction and return it as it was, so the UI can offer
    to put it back (undo) and say what went."""
    with store.session_factory() as s, s.begin():
        row = s.get_one(model, row_id)
        view = view_of(row)
        s.delete(row)
        return view
