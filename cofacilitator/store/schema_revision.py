"""Which schema a database file is at, read without SQLAlchemy or Alembic.

Start-up asks this before anything heavy is imported: a database already at the newest schema
needs no migration, so the window can be shown at once and the store opened behind it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

SCHEMA_HEAD = "0005"
"""The newest migration's revision; a test checks it against Alembic's own head."""


def sqlite_schema_revision(path: Path) -> str | None:
    """The Alembic revision recorded in the SQLite file at ``path``; None if there is none."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    return str(row[0]) if row else None
