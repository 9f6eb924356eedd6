"""Bringing a database to the schema this version of the app expects, before any window opens.

Alembic is configured in code, with the scripts shipped inside the package, so an installed wheel
migrates exactly like a source checkout and no ``alembic.ini`` is needed. To write the next
migration, open a connection to a database at head and call
``alembic.command.revision(alembic_config(connection), "message", autogenerate=True)``, then edit
the result by hand.

Migrations are forward-only: the way back from an upgrade is a backup taken before it (see
``needs_upgrade``).

On SQLite all pending migrations run in one transaction with foreign-key enforcement switched off:
a batch ALTER copies a table and drops the old one, and with enforcement on that DROP would cascade
into every referencing table. The foreign keys are checked before the transaction commits, so a
migration cannot leave a dangling reference behind.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class MigrationError(RuntimeError):
    """The database could not be brought up to date; the message is meant for the facilitator."""


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    # Config values go through configparser interpolation, where "%" is special.
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = _scripts().get_current_head()
    assert head is not None, "the package ships no migrations"
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; None for a database Alembic has never touched."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def needs_upgrade(engine: Engine) -> bool:
    """True when opening would change the schema: the moment to take a backup first."""
    current = current_revision(engine)
    _refuse_unknown(current)
    return current != head_revision()


def upgrade_to_head(engine: Engine) -> None:
    upgrade(engine, "head")


def upgrade(engine: Engine, revision: str) -> None:
    """Apply every migration up to ``revision`` atomically; already there means nothing runs."""
    current = current_revision(engine)
    _refuse_unknown(current)
    target = head_revision() if revision == "head" else revision
    if current == target:
        return
    with engine.connect() as connection:
        try:
            with _migration_transaction(connection):
                command.upgrade(alembic_config(connection), target)
        except MigrationError:
            raise
        except Exception as error:
            raise MigrationError(
                f"Updating the database from revision {current or 'empty'} to {target} failed, "
                f"and nothing was changed: {error}"
            ) from error


@contextmanager
def _migration_transaction(connection: Connection) -> Iterator[None]:
    """One transaction around every pending migration, DDL included.

    The ``sqlite3`` driver on its own would run each CREATE and ALTER in a transaction of its
    own, so here it is told to stay out of the way and an explicit BEGIN IMMEDIATE takes the
    write lock for the whole upgrade.
    """
    if connection.dialect.name != "sqlite":
        with connection.begin():
            yield
        return
    driver_connection = connection.connection.driver_connection
    assert driver_connection is not None
    previous_level = driver_connection.isolation_level
    # Ignored inside a transaction, so it is switched before the BEGIN.
    driver_connection.execute("PRAGMA foreign_keys=OFF")
    driver_connection.isolation_level = None
    try:
        with connection.begin():
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            yield
            _check_foreign_keys(connection)
    finally:
        driver_connection.isolation_level = previous_level
        driver_connection.execute("PRAGMA foreign_keys=ON")


def _refuse_unknown(current: str | None) -> None:
    if current is None:
        return
    known = {script.revision for script in _scripts().walk_revisions()}
    if current not in known:
        raise MigrationError(
            f"This database was written by a newer version of cofacilitator (schema {current}). "
            "Install that version again, or open a backup made before it."
        )


def _check_foreign_keys(connection: Connection) -> None:
    problems = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if problems:
        tables = sorted({str(row[0]) for row in problems})
        raise MigrationError(
            f"The migration would leave {len(problems)} broken references "
            f"(in {', '.join(tables)}); nothing was changed."
        )
