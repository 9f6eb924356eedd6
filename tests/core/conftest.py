"""Shared fixtures for the core tests: a real SQLite store per test and small modules built in code.

The schema comes from ``tests/conftest.py``: built by the Alembic migrations once per test run,
exactly as the app creates it, and copied for each test.
"""

from __future__ import annotations

import pytest

from cofacilitator.cohorts import CohortView, ParticipantDetails, add_participant, create_cohort
from cofacilitator.runs import RunView, ensure_runs
from cofacilitator.sessions.schema import (
    Assignment,
    FieldKind,
    FormField,
    Module,
    Prompt,
    Quote,
    Segment,
    SegmentKind,
)
from cofacilitator.store.database import Store
from tests.conftest import StoreCopier


@pytest.fixture
def new_store(store_copy: StoreCopier) -> StoreCopier:
    """Opens a fresh, empty store in the test's folder under the name given."""
    return store_copy


@pytest.fixture
def store(store_copy: StoreCopier) -> Store:
    return store_copy("cohorts.sqlite")


def make_module(number: int) -> Module:
    """A short module with one segment of each kind the capture code cares about."""
    return Module(
        id=f"module-{number}",
        version=1,
        number=number,
        title=f"Module {number}",
        epigraph=Quote("Start where you are.", "Anon"),
        key_lessons=("Listening",),
        segments=(
            Segment("roll-call", SegmentKind.ROLL_CALL, "Roll call", 5),
            Segment("sharing", SegmentKind.ASSIGNMENT_SHARING, "Sharing", 10),
            Segment(
                "discussion",
                SegmentKind.OPEN_DISCUSSION,
                "Discussion",
                10,
                prompts=(Prompt("q1", "What works?"), Prompt("q2", "What doesn't?")),
            ),
            Segment("rooms", SegmentKind.BREAKOUT, "Breakout", 15, prompts=(Prompt("r", "Why?"),)),
            Segment(
                "table", SegmentKind.FILL_IN_TABLE, "Table", 10, columns=("Project", "Purpose")
            ),
            Segment(
                "extra",
                SegmentKind.SILENT_NOTES,
                "Extra reflection",
                5,
                optional=True,
                prompts=(Prompt("x", "Anything else?"),),
            ),
            Segment("qa", SegmentKind.QA, "Q&A", 5),
            Segment("feedback", SegmentKind.FEEDBACK, "Feedback", 5),
        ),
        assignment=Assignment(
            id=f"assignment-{number}",
            title="Homework",
            body="Write it down.",
            fields=(FormField("story", FieldKind.LONG_TEXT, "Story"),),
        ),
    )


@pytest.fixture
def modules() -> tuple[Module, ...]:
    return tuple(make_module(n) for n in (1, 2, 3, 4))


@pytest.fixture
def cohort(store: Store) -> CohortView:
    return create_cohort(store, "Spring cohort", timezone="Europe/London")


@pytest.fixture
def people(store: Store, cohort: CohortView) -> list[int]:
    """Three people on the roster, by id: Ada, Ben, Chloe."""
    return [
        add_participant(store, cohort.id, ParticipantDetails(name, email=f"{name}@example.org")).id
        for name in ("Ada", "Ben", "Chloe")
    ]


@pytest.fixture
def runs(store: Store, cohort: CohortView, modules: tuple[Module, ...]) -> list[RunView]:
    return ensure_runs(store, cohort.id, modules)
