"""Indexes for breakout rooms: removing a room no longer scans every note of the archive.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(op.f("ix_note_room_id"), "note", ["room_id"])
    op.create_index("ix_breakout_room_run_segment", "breakout_room", ["run_id", "segment_id"])
