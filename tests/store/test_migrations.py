"""The schema is built only by migrations, matches the models, and upgrades keep every row."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select, text

from cofacilitator.store.database import SCHEMA_HEAD, open_store, schema_revision
from cofacilitator.store.migrate import (
    MigrationError,
    current_revision,
    head_revision,
    needs_upgrade,
    upgrade,
    upgrade_to_head,
)
from cofacilitator.store.models import (
    AssignmentResponse,
    Attendance,
    AttendanceStatus,
    AuthorKind,
    Base,
    Cohort,
    Concern,
    Membership,
    Note,
    Participant,
    ResponseStatus,
    SessionRun,
    Visibility,
)


def _unquoted(rendered: str | None) -> str | None:
    return None if rendered is None else rendered.strip("()'\"")


def _server_default_differs(
    _context: Any,
    _inspected_column: Any,
    _metadata_column: Any,
    inspected_default: str | None,
    _metadata_default: Any,
    rendered_metadata_default: str | None,
) -> bool:
    """SQLite reflects ``DEFAULT ''`` as ``''``; compare the values, not their quoting."""
    return _unquoted(inspected_default) != _unquoted(rendered_metadata_default)


def test_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    with store.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "compare_server_default": _server_default_differs},
        )
        assert compare_metadata(context, Base.metadata) == []
    assert current_revision(store.engine) == head_revision() == SCHEMA_HEAD
    store.dispose()


def test_schema_has_every_model_table_and_named_constraints(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    inspector = inspect(store.engine)
    assert set(inspector.get_table_names()) == set(Base.metadata.tables) | {"alembic_version"}
    assert {fk["name"] for fk in inspector.get_foreign_keys("concern")} == {
        "fk_concern_cohort_id_cohort",
        "fk_concern_raised_by_id_participant",
        "fk_concern_about_id_participant",
    }
    store.dispose()


def _insert(connection: Any, table: str, **values: Any) -> None:
    columns = ", ".join(f'"{name}"' for name in values)
    marks = ", ".join(f":{name}" for name in values)
    connection.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({marks})"), values)


def test_upgrade_from_first_revision_keeps_every_row(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'old.sqlite'}", migrate=False)
    upgrade(store.engine, "0001")
    assert current_revision(store.engine) == "0001"
    assert needs_upgrade(store.engine)
    now = "2025-01-20 18:00:00.000000"
    with store.engine.begin() as connection:
        _insert(
            connection,
            "cohort",
            id=1,
            uid="c1",
            name="Winter cohort",
            description="first run",
            membership="invite_only",
            facilitators='[{"name": "Malvika"}]',
            archived=0,
            created_at=now,
        )
        _insert(
            connection,
            "participant",
            id=1,
            uid="p1",
            cohort_id=1,
            display_name="Asha",
            role="organiser",
            handles="@asha",
            pronouns="she/her",
            email="asha@example.org",
            consent_named=1,
            created_at=now,
        )
        _insert(
            connection,
            "session_run",
            id=1,
            uid="r1",
            cohort_id=1,
            module_id="session-1",
            module_number=1,
            module_version=1,
            scheduled_date="2025-01-20",
            current_segment="welcome",
        )
        _insert(
            connection,
            "segment_timing",
            id=1,
            run_id=1,
            segment_id="welcome",
            planned_seconds=300,
            added_seconds=60,
            elapsed_before=12.5,
        )
        _insert(
            connection,
            "attendance",
            id=1,
            run_id=1,
            participant_id=1,
            status="late",
            answer="tea",
            emoji="🍵",
            updated_at=now,
        )
        _insert(
            connection,
            "note",
            id=1,
            run_id=1,
            segment_id="intro",
            prompt_id="why",
            author_kind="participant",
            participant_id=1,
            text="I came for the people",
            visibility="private",
            source="live",
            created_at=now,
            edited_at=now,
        )
        _insert(
            connection,
            "breakout_room",
            id=1,
            run_id=1,
            segment_id="rooms",
            position=0,
            name="Room 1",
            prompt="Share a story",
        )
        _insert(connection, "breakout_member", id=1, room_id=1, participant_id=1)
        _insert(
            connection,
            "feedback_item",
            id=1,
            run_id=1,
            kind="plus",
            text="good pace",
            participant_id=1,
            created_at=now,
        )
        _insert(connection, "speaking_turn", id=1, run_id=1, participant_id=1, at=now)
        _insert(
            connection,
            "assignment_response",
            id=1,
            participant_id=1,
            module_id="session-1",
            module_version=1,
            values='{"values": "care"}',
            status="submitted",
            version=2,
            link="",
            updated_at=now,
        )
        _insert(
            connection,
            "assignment_version",
            id=1,
            response_id=1,
            version=1,
            values='{"values": "draft"}',
            status="draft",
            saved_at=now,
        )
    # Concerns and prepared messages arrived in 0003; 0005 reads both to fill its new columns.
    upgrade(store.engine, "0004")
    with store.engine.begin() as connection:
        for concern_id, raiser in ((1, 1), (2, None)):
            _insert(
                connection,
                "concern",
                id=concern_id,
                cohort_id=1,
                raised_by_id=raiser,
                what="felt unheard",
                actions="",
                status="open",
                handler="",
                created_at=now,
                updated_at=now,
            )
        for message_id, kind in ((1, "invitation"), (2, "reminder"), (3, "invitation")):
            _insert(
                connection,
                "message_log",
                id=message_id,
                cohort_id=1,
                run_id=1,
                kind=kind,
                recipients="[1]",
                prepared_at=now,
                via="mailto",
            )
    counts_before = _row_counts(store.engine)

    upgrade_to_head(store.engine)

    assert current_revision(store.engine) == head_revision()
    assert not needs_upgrade(store.engine)
    assert {
        table: count for table, count in _row_counts(store.engine).items() if table in counts_before
    } == counts_before
    with store.session_factory() as session:
        cohort = session.scalars(select(Cohort)).one()
        assert cohort.membership is Membership.INVITE_ONLY
        assert cohort.facilitators == [{"name": "Malvika"}]
        assert (cohort.guidelines, cohort.timezone) == ("", "UTC")
        participant = session.scalars(select(Participant)).one()
        assert participant.display_name == "Asha"
        assert participant.consent_named is True
        assert participant.is_walk_in is False
        assert participant.withdrawn_at is None
        run = session.scalars(select(SessionRun)).one()
        assert run.scheduled_date == date(2025, 1, 20)
        assert run.skipped_segments == []
        assert (run.start_time, run.timezone, run.length_minutes) == ("", "", 90)
        assert (run.join_link, run.recording_link) == ("", "")
        # Its calendar files carried one SEQUENCE per invitation prepared; the next must be higher.
        assert run.schedule_sequence == 2
        assert run.timings[0].elapsed_before == 12.5
        attendance = session.scalars(select(Attendance)).one()
        assert attendance.status is AttendanceStatus.LATE
        assert attendance.answer_values == {}
        assert attendance.events == []
        note = session.scalars(select(Note)).one()
        assert note.visibility is Visibility.PRIVATE
        assert note.created_at == datetime(2025, 1, 20, 18, 0)
        response = session.scalars(select(AssignmentResponse)).one()
        assert response.values == {"values": "care"}
        assert [(v.version, v.status) for v in response.history] == [(1, ResponseStatus.DRAFT)]
        raised_by = {c.id: c.raised_by_kind for c in session.scalars(select(Concern))}
        assert raised_by == {1: AuthorKind.PARTICIPANT, 2: AuthorKind.ANONYMOUS}
    store.dispose()


def _row_counts(engine: Any) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in inspect(connection).get_table_names()
            if table != "alembic_version"
        }


def test_opening_a_database_at_head_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    open_store(f"sqlite:///{path}").dispose()
    watcher = sqlite3.connect(path)
    version_before = watcher.execute("PRAGMA data_version").fetchone()[0]
    schema_before = watcher.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()

    reopened = open_store(f"sqlite:///{path}")

    # data_version changes for this connection whenever any other connection commits.
    assert watcher.execute("PRAGMA data_version").fetchone()[0] == version_before
    assert (
        watcher.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == schema_before
    )
    reopened.dispose()
    watcher.close()


def test_in_memory_database_shares_one_connection() -> None:
    store = open_store("sqlite://")
    assert store.sqlite_path is None
    with store.session_factory() as session, session.begin():
        session.add(Cohort(name="Trial"))
    with store.session_factory() as session:
        assert session.scalars(select(Cohort.name)).all() == ["Trial"]
    store.dispose()


def test_a_database_from_a_newer_version_is_refused_plainly(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    open_store(f"sqlite:///{path}").dispose()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(MigrationError, match="newer version of cofacilitator"):
        open_store(f"sqlite:///{path}")


def test_a_failing_migration_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    store = open_store(f"sqlite:///{path}", migrate=False)
    upgrade(store.engine, "0001")
    with store.engine.begin() as connection:
        # A table 0002 wants to create already exists, so 0002 fails half-way through.
        connection.execute(text("CREATE TABLE attendance_event (id INTEGER PRIMARY KEY)"))
    with pytest.raises(MigrationError, match="nothing was changed"):
        upgrade_to_head(store.engine)
    assert current_revision(store.engine) == "0001"
    assert "qa_entry" not in inspect(store.engine).get_table_names()
    store.dispose()


def test_new_database_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "folder" / "db.sqlite"
    open_store(f"sqlite:///{path}").dispose()
    assert path.stat().st_mode & 0o777 == 0o600


def test_the_fast_start_check_knows_the_newest_migration(tmp_path: Path) -> None:
    """A start-up that skips Alembic must still migrate after an update adds a revision."""
    assert head_revision() == SCHEMA_HEAD
    store = open_store(f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    assert schema_revision(store.engine) == SCHEMA_HEAD
    store.dispose()
