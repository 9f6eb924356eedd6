"""Who raised a concern, and a run's calendar sequence.

A concern saved by a facilitator who observed something read back as anonymous, because only the
participant link was stored; ``raised_by_kind`` keeps the difference. Existing concerns with a
raiser were raised by that participant; the others stay anonymous, which is all they could be.

``schedule_sequence`` counts the moves of a call, so a calendar file made after a reschedule
replaces the event already in people's calendars. Until now a file's SEQUENCE was the number of
invitations prepared for the run, so that is where each run's count starts: a calendar ignores an
update whose sequence is lower than the one it holds, and the next move must go above it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

AUTHOR_KIND = ("participant", "facilitator", "anonymous")


def upgrade() -> None:
    with op.batch_alter_table("concern") as batch_op:
        batch_op.add_column(
            sa.Column(
                "raised_by_kind",
                sa.Enum(*AUTHOR_KIND, name="authorkind", native_enum=False, length=20),
                nullable=False,
                server_default="anonymous",
            )
        )
    op.execute("UPDATE concern SET raised_by_kind = 'participant' WHERE raised_by_id IS NOT NULL")
    with op.batch_alter_table("session_run") as batch_op:
        batch_op.add_column(
            sa.Column("schedule_sequence", sa.Integer(), nullable=False, server_default="0")
        )
    op.execute(
        "UPDATE session_run SET schedule_sequence = ("
        "SELECT count(*) FROM message_log "
        "WHERE message_log.run_id = session_run.id AND message_log.kind = 'invitation')"
    )
