"""The app's announcements: a change in the store is announced, not chased.

A pane that writes through the core emits one of these with the id of what changed; any view that
shows that thing listens and re-reads it. No widget reaches into another to refresh it. One
instance is made at start-up and handed to the panes that need it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Events(QObject):
    """Typed signals, each carrying the database id of the row that changed."""

    note_did_save = Signal(int)
    """A note was written; carries the note's id."""
    run_did_advance = Signal(int)
    """A session run moved to another segment, or its timer changed; carries the run's id."""
    cohort_did_change = Signal(int)
    """A cohort, its participants or its runs changed; carries the cohort's id."""
    assignment_did_import = Signal(int)
    """A hand-back file was imported; carries the id of the assignment submission."""
