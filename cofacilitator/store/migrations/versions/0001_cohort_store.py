"""The cohort store: cohorts, participants, session runs and what a run records.

Revision ID: 0001
Revises:
Create Date: 2025-01-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Enum values as they were at this revision; migrations never import the live models.
MEMBERSHIP = ("open", "invite_only")
ATTENDANCE_STATUS = ("present", "late", "left_early", "absent")
AUTHOR_KIND = ("participant", "facilitator", "anonymous")
VISIBILITY = ("shared", "private", "off_record")
NOTE_SOURCE = ("live", "document", "chat")
RESPONSE_STATUS = ("draft", "submitted", "imported")


def _enum(name: str, values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=20)


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "cohort",
        _id(),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("membership", _enum("membership", MEMBERSHIP), nullable=False),
        sa.Column("facilitators", sa.JSON(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cohort")),
        sa.UniqueConstraint("name", name=op.f("uq_cohort_name")),
        sa.UniqueConstraint("uid", name=op.f("uq_cohort_uid")),
    )
    op.create_table(
        "participant",
        _id(),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=False),
        sa.Column("handles", sa.String(length=300), nullable=False),
        sa.Column("pronouns", sa.String(length=50), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("consent_named", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cohort_id"],
            ["cohort.id"],
            name=op.f("fk_participant_cohort_id_cohort"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participant")),
        sa.UniqueConstraint("uid", name=op.f("uq_participant_uid")),
    )
    op.create_index(op.f("ix_participant_cohort_id"), "participant", ["cohort_id"])

    op.create_table(
        "session_run",
        _id(),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("module_id", sa.String(length=100), nullable=False),
        sa.Column("module_number", sa.Integer(), nullable=False),
        sa.Column("module_version", sa.Integer(), nullable=False),
        sa.Column("scheduled_date", sa.Date(), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("current_segment", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["cohort_id"],
            ["cohort.id"],
            name=op.f("fk_session_run_cohort_id_cohort"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_run")),
        sa.UniqueConstraint("cohort_id", "module_id", name=op.f("uq_session_run_cohort_id")),
        sa.UniqueConstraint("uid", name=op.f("uq_session_run_uid")),
    )
    op.create_index(op.f("ix_session_run_cohort_id"), "session_run", ["cohort_id"])

    op.create_table(
        "segment_timing",
        _id(),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.String(length=100), nullable=False),
        sa.Column("planned_seconds", sa.Integer(), nullable=False),
        sa.Column("added_seconds", sa.Integer(), nullable=False),
        sa.Column("elapsed_before", sa.Double(), nullable=False),
        sa.Column("running_since", sa.Double(), nullable=True),
        sa.Column("started_at", sa.Double(), nullable=True),
        sa.Column("stopped_at", sa.Double(), nullable=True),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["session_run.id"],
            name=op.f("fk_segment_timing_run_id_session_run"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_segment_timing")),
        sa.UniqueConstraint("run_id", "segment_id", name=op.f("uq_segment_timing_run_id")),
    )

    op.create_table(
        "attendance",
        _id(),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("status", _enum("attendancestatus", ATTENDANCE_STATUS), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("emoji", sa.String(length=50), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_attendance_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["session_run.id"],
            name=op.f("fk_attendance_run_id_session_run"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
        sa.UniqueConstraint("run_id", "participant_id", name=op.f("uq_attendance_run_id")),
    )
    op.create_index(op.f("ix_attendance_participant_id"), "attendance", ["participant_id"])

    op.create_table(
        "breakout_room",
        _id(),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("prompt", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["session_run.id"],
            name=op.f("fk_breakout_room_run_id_session_run"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_breakout_room")),
    )

    op.create_table(
        "breakout_member",
        _id(),
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_breakout_member_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["room_id"],
            ["breakout_room.id"],
            name=op.f("fk_breakout_member_room_id_breakout_room"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_breakout_member")),
        sa.UniqueConstraint("room_id", "participant_id", name=op.f("uq_breakout_member_room_id")),
    )
    op.create_index(
        op.f("ix_breakout_member_participant_id"), "breakout_member", ["participant_id"]
    )

    op.create_table(
        "note",
        _id(),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.String(length=100), nullable=False),
        sa.Column("prompt_id", sa.String(length=100), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=True),
        sa.Column("author_kind", _enum("authorkind", AUTHOR_KIND), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("visibility", _enum("visibility", VISIBILITY), nullable=False),
        sa.Column("source", _enum("notesource", NOTE_SOURCE), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("edited_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_note_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["room_id"],
            ["breakout_room.id"],
            name=op.f("fk_note_room_id_breakout_room"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["session_run.id"],
            name=op.f("fk_note_run_id_session_run"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_note")),
    )
    op.create_index(op.f("ix_note_participant_id"), "note", ["participant_id"])
    op.create_index("ix_note_run_segment", "note", ["run_id", "segment_id"])

    op.create_table(
        "feedback_item",
        _id(),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_feedback_item_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["session_run.id"],
            name=op.f("fk_feedback_item_run_id_session_run"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_item")),
    )
    op.create_index(op.f("ix_feedback_item_run_id"), "feedback_item", ["run_id"])

    op.create_table(
        "speaking_turn",
        _id(),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_speaking_turn_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["session_run.id"],
            name=op.f("fk_speaking_turn_run_id_session_run"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speaking_turn")),
    )
    op.create_index(op.f("ix_speaking_turn_participant_id"), "speaking_turn", ["participant_id"])
    op.create_index(op.f("ix_speaking_turn_run_id"), "speaking_turn", ["run_id"])

    op.create_table(
        "assignment_response",
        _id(),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("module_id", sa.String(length=100), nullable=False),
        sa.Column("module_version", sa.Integer(), nullable=False),
        sa.Column("values", sa.JSON(), nullable=False),
        sa.Column("status", _enum("responsestatus", RESPONSE_STATUS), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("link", sa.String(length=500), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("imported_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_assignment_response_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignment_response")),
        sa.UniqueConstraint(
            "participant_id", "module_id", name=op.f("uq_assignment_response_participant_id")
        ),
    )
    op.create_index(
        op.f("ix_assignment_response_participant_id"), "assignment_response", ["participant_id"]
    )

    op.create_table(
        "assignment_version",
        _id(),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("values", sa.JSON(), nullable=False),
        sa.Column("status", _enum("responsestatus", RESPONSE_STATUS), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["assignment_response.id"],
            name=op.f("fk_assignment_version_response_id_assignment_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignment_version")),
    )
    op.create_index(
        op.f("ix_assignment_version_response_id"), "assignment_version", ["response_id"]
    )
