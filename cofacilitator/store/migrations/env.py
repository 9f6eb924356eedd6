"""Alembic's entry point, driven by ``cofacilitator.store.migrate`` with an open connection.

The connection arrives in ``config.attributes`` already inside the transaction the caller manages,
so every pending migration commits or rolls back together.
"""

from __future__ import annotations

from alembic import context

from cofacilitator.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "cofacilitator migrations run through cofacilitator.store.migrate.upgrade_to_head"
    )

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite can only add columns in place; any other ALTER needs a copy of the table.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
