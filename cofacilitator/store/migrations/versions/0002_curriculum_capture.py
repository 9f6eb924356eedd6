"""Curriculum capture: Q&A, fill-in tables, the sharing round, leaving and coming back.

Also form-field roll-call answers and skipped segments. The two new columns land on tables that
already hold rows, so they carry server defaults that give those rows the empty value.

Revision ID: 0002
Revises: 0001
Create Date: 2025-02-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

VISIBILITY = ("shared", "private", "off_record")
ANSWERED_WHEN = ("live", "after")


def _enum(name: str, values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=20)


def upgrade() -> None:
    op.create_table(
        "qa_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.String(length=100), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("asked_by_id", sa.Integer(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("answered_by", sa.String(length=200), nullable=False),
        sa.Column("answered_when", _enum("answeredwhen", ANSWERED_WHEN), nullable=True),
        sa.Column("visibility", _enum("visibility", VISIBILITY), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("edited_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["asked_by_id"],
            ["participant.id"],
            name=op.f("fk_qa_entry_asked_by_id_participant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["session_run.id"],
            name=op.f("fk_qa_entry_run_id_session_run"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qa_entry")),
    )
    op.create_index(op.f("ix_qa_entry_run_id"), "qa_entry", ["run_id"])

    op.create_table(
        "table_row",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.String(length=100), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("cells", sa.JSON(), nullable=False),
        sa.Column("visibility", _enum("visibility", VISIBILITY), nullable=False),
        sa.Column("edited_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_table_row_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["session_run.id"],
            name=op.f("fk_table_row_run_id_session_run"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_table_row")),
    )
    op.create_index(op.f("ix_table_row_participant_id"), "table_row", ["participant_id"])
    op.create_index("ix_table_row_run_segment", "table_row", ["run_id", "segment_id"])

    op.create_table(
        "sharing_turn",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("shared_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_sharing_turn_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["session_run.id"],
            name=op.f("fk_sharing_turn_run_id_session_run"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sharing_turn")),
        sa.UniqueConstraint("run_id", "participant_id", name=op.f("uq_sharing_turn_run_id")),
    )
    op.create_index(op.f("ix_sharing_turn_participant_id"), "sharing_turn", ["participant_id"])

    op.create_table(
        "attendance_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attendance_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attendance_id"],
            ["attendance.id"],
            name=op.f("fk_attendance_event_attendance_id_attendance"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance_event")),
    )
    op.create_index(
        op.f("ix_attendance_event_attendance_id"), "attendance_event", ["attendance_id"]
    )

    with op.batch_alter_table("attendance") as batch_op:
        batch_op.add_column(
            sa.Column("answer_values", sa.JSON(), nullable=False, server_default="{}")
        )
    with op.batch_alter_table("session_run") as batch_op:
        batch_op.add_column(
            sa.Column("skipped_segments", sa.JSON(), nullable=False, server_default="[]")
        )
