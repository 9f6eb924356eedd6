"""Around the call: guidelines and their acknowledgement, concerns, prepared messages.

Also the cohort's time zone, withdrawals and walk-ins, and a run's schedule and links. Every new
column lands on a table that already holds rows, so each carries a server default (or is
nullable) and existing rows read back with the same value a new row would get.

Revision ID: 0003
Revises: 0002
Create Date: 2025-03-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

CONCERN_STATUS = ("open", "in_progress", "resolved")


def upgrade() -> None:
    op.create_table(
        "acknowledgement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("how", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_acknowledgement_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_acknowledgement")),
        sa.UniqueConstraint("participant_id", name=op.f("uq_acknowledgement_participant_id")),
    )

    op.create_table(
        "concern",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("raised_by_id", sa.Integer(), nullable=True),
        sa.Column("about_id", sa.Integer(), nullable=True),
        sa.Column("happened_at", sa.DateTime(), nullable=True),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("actions", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(*CONCERN_STATUS, name="concernstatus", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("handler", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["about_id"],
            ["participant.id"],
            name=op.f("fk_concern_about_id_participant"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["cohort_id"],
            ["cohort.id"],
            name=op.f("fk_concern_cohort_id_cohort"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["raised_by_id"],
            ["participant.id"],
            name=op.f("fk_concern_raised_by_id_participant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_concern")),
    )
    op.create_index(op.f("ix_concern_cohort_id"), "concern", ["cohort_id"])

    op.create_table(
        "message_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("recipients", sa.JSON(), nullable=False),
        sa.Column("prepared_at", sa.DateTime(), nullable=False),
        sa.Column("via", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["cohort_id"],
            ["cohort.id"],
            name=op.f("fk_message_log_cohort_id_cohort"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["session_run.id"],
            name=op.f("fk_message_log_run_id_session_run"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_log")),
    )
    op.create_index(op.f("ix_message_log_cohort_id"), "message_log", ["cohort_id"])

    with op.batch_alter_table("cohort") as batch_op:
        batch_op.add_column(sa.Column("guidelines", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("timezone", sa.String(length=64), nullable=False, server_default="UTC")
        )
    with op.batch_alter_table("participant") as batch_op:
        batch_op.add_column(sa.Column("withdrawn_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("is_walk_in", sa.Boolean(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("session_run") as batch_op:
        batch_op.add_column(
            sa.Column("start_time", sa.String(length=5), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("timezone", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("length_minutes", sa.Integer(), nullable=False, server_default="90")
        )
        batch_op.add_column(
            sa.Column("join_link", sa.String(length=500), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("recording_link", sa.String(length=500), nullable=False, server_default="")
        )
