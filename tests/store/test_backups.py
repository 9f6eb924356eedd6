"""Backups are sound snapshots, pruned sensibly, and restoring one never destroys the live file."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from store_seed import Seeded, corrupt_middle, fill

from cofacilitator.paths import DataPaths
from cofacilitator.store.backups import (
    RestoreRefused,
    backup_before_run,
    backup_if_due,
    backup_now,
    check_backup,
    check_integrity,
    list_backups,
    newest_good_backup,
    prune,
    restore,
)
from cofacilitator.store.database import Store, open_store
from cofacilitator.store.models import Cohort, Participant

MORNING = datetime(2025, 3, 3, 9, 30, 0)


def _names(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute("SELECT display_name FROM participant")]


def test_backup_is_a_sound_private_single_file_holding_the_data(
    store: Store, seeded: Seeded, data_paths: DataPaths
) -> None:
    path = backup_now(store, data_paths.backups, "Manual copy!", now=MORNING)
    assert path.name == "cofacilitator-20250303-093000-manual-copy.sqlite"
    assert path.stat().st_mode & 0o777 == 0o600
    assert check_backup(path).ok
    assert sorted(_names(path)) == ["Asha", "Mei", "Ravi"]
    assert [p.name for p in data_paths.backups.iterdir()] == [path.name]
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_two_backups_in_the_same_second_are_both_kept(store: Store, data_paths: DataPaths) -> None:
    first = backup_now(store, data_paths.backups, "manual", now=MORNING)
    second = backup_now(store, data_paths.backups, "manual", now=MORNING)
    assert first != second
    assert len(list_backups(data_paths.backups)) == 2


def test_an_in_memory_store_can_be_backed_up(tmp_path: Path) -> None:
    store = open_store("sqlite://")
    with store.session_factory() as session, session.begin():
        session.add(Cohort(name="Trial"))
    path = backup_now(store, tmp_path / "backups", "manual", now=MORNING)
    assert check_backup(path).ok
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT name FROM cohort").fetchall() == [("Trial",)]
    store.dispose()


def test_damage_in_the_middle_of_the_file_is_detected(store: Store, data_paths: DataPaths) -> None:
    fill(store)
    store.dispose()
    assert check_integrity(data_paths.database).ok
    corrupt_middle(data_paths.database)
    report = check_integrity(data_paths.database)
    assert not report.ok
    assert report.detail != "ok"


def test_files_that_are_not_databases_fail_the_check(tmp_path: Path) -> None:
    text_file = tmp_path / "notes.sqlite"
    text_file.write_text("These are my notes, not a database. " * 200)
    assert "not a database" in check_integrity(text_file).detail
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    assert not check_integrity(empty).ok
    assert not check_integrity(tmp_path / "missing.sqlite").ok
    plain = tmp_path / "plain.sqlite"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.close()
    assert check_integrity(plain).ok
    assert check_backup(plain).detail == "this is not a cofacilitator database"


def test_prune_keeps_the_newest_and_leaves_other_files_alone(
    store: Store, data_paths: DataPaths
) -> None:
    for day in range(12):
        backup_now(store, data_paths.backups, "daily", now=MORNING + timedelta(days=day))
    mine = data_paths.backups / "my-own-copy.sqlite"
    mine.write_bytes(b"keep me")

    removed = prune(data_paths.backups, keep=10)

    assert [p.name for p in removed] == [
        "cofacilitator-20250304-093000-daily.sqlite",
        "cofacilitator-20250303-093000-daily.sqlite",
    ]
    remaining = list_backups(data_paths.backups)
    assert len(remaining) == 10
    assert remaining[0].taken_at == MORNING + timedelta(days=11)
    assert mine.read_bytes() == b"keep me"


def test_prune_never_deletes_the_last_sound_backup(store: Store, data_paths: DataPaths) -> None:
    sound = backup_now(store, data_paths.backups, "daily", now=MORNING)
    for day in (1, 2):
        broken = backup_now(store, data_paths.backups, "daily", now=MORNING + timedelta(days=day))
        broken.write_bytes(b"\0" * 4096)
    prune(data_paths.backups, keep=2)
    assert sound.exists()


def test_daily_backup_is_taken_at_most_once_a_day(store: Store, data_paths: DataPaths) -> None:
    first = backup_if_due(store, data_paths.backups, MORNING)
    assert first is not None
    assert first.name.endswith("-daily.sqlite")
    assert backup_if_due(store, data_paths.backups, MORNING + timedelta(hours=8)) is None
    tomorrow = backup_if_due(store, data_paths.backups, MORNING + timedelta(days=1))
    assert tomorrow is not None
    assert len(list_backups(data_paths.backups)) == 2


def test_a_backup_is_taken_before_every_run(store: Store, data_paths: DataPaths) -> None:
    backup_if_due(store, data_paths.backups, MORNING)
    first = backup_before_run(store, data_paths.backups, now=MORNING + timedelta(minutes=1))
    second = backup_before_run(store, data_paths.backups, now=MORNING + timedelta(minutes=2))
    assert first.name.endswith("-before-run.sqlite")
    assert second != first
    assert len(list_backups(data_paths.backups)) == 3


def test_newest_good_backup_skips_damaged_ones(store: Store, data_paths: DataPaths) -> None:
    good = backup_now(store, data_paths.backups, "daily", now=MORNING)
    newer = backup_now(store, data_paths.backups, "daily", now=MORNING + timedelta(days=1))
    newer.write_bytes(b"SQLite format 3\0" + b"\xff" * 4000)
    assert newest_good_backup(data_paths.backups) == good
    assert newest_good_backup(data_paths.backups / "nowhere") is None


def test_a_damaged_backup_is_refused_and_the_database_left_alone(
    store: Store, seeded: Seeded, data_paths: DataPaths
) -> None:
    fill(store, notes=300)
    backup = backup_now(store, data_paths.backups, "manual", now=MORNING)
    store.dispose()
    corrupt_middle(backup)
    before = data_paths.database.read_bytes()
    with pytest.raises(RestoreRefused, match="cannot be restored"):
        restore(backup, data_paths.database)
    assert data_paths.database.read_bytes() == before
    assert sorted(p.name for p in data_paths.root.iterdir()) == [
        "backups",
        "cofacilitator.sqlite",
        "modules",
        "templates",
    ]


def test_restore_keeps_the_damaged_database_beside_untouched(
    store: Store, seeded: Seeded, data_paths: DataPaths
) -> None:
    backup = backup_now(store, data_paths.backups, "daily", now=MORNING)
    fill(store)
    store.dispose()
    damaged = corrupt_middle(data_paths.database)

    result = restore(backup, data_paths.database, now=MORNING + timedelta(hours=1))

    aside = data_paths.root / "cofacilitator.sqlite.damaged-20250303-103000"
    assert result.set_aside == (aside,)
    assert aside.read_bytes() == damaged
    assert check_integrity(data_paths.database).ok
    assert data_paths.database.stat().st_mode & 0o777 == 0o600
    reopened = open_store(f"sqlite:///{data_paths.database}")
    with reopened.session_factory() as session:
        assert sorted(session.scalars(select(Participant.display_name))) == ["Asha", "Mei", "Ravi"]
    reopened.dispose()


def test_restore_moves_the_write_ahead_log_aside_with_its_database(
    store: Store, seeded: Seeded, data_paths: DataPaths, tmp_path: Path
) -> None:
    backup = backup_now(store, data_paths.backups, "daily", now=MORNING)
    store.dispose()
    # Freeze the files as a crash would leave them: a committed row only in the -wal.
    writer = sqlite3.connect(data_paths.database)
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute(
        "UPDATE participant SET display_name = 'Only in the WAL' WHERE display_name = 'Asha'"
    )
    writer.commit()
    crash = tmp_path / "crash"
    crash.mkdir()
    for suffix in ("", "-wal"):
        shutil.copy(f"{data_paths.database}{suffix}", crash / f"db{suffix}")
    writer.close()
    for suffix in ("", "-wal"):
        shutil.copy(crash / f"db{suffix}", f"{data_paths.database}{suffix}")

    result = restore(backup, data_paths.database, now=MORNING + timedelta(hours=1))

    aside = data_paths.root / "cofacilitator.sqlite.replaced-20250303-103000"
    assert aside in result.set_aside
    assert aside.with_name(aside.name + "-wal") in result.set_aside
    assert not Path(f"{data_paths.database}-wal").exists()
    assert "Only in the WAL" not in _names(data_paths.database)
    assert "Only in the WAL" in _names(aside)


def test_restore_into_an_empty_folder(
    store: Store, seeded: Seeded, tmp_path: Path, data_paths: DataPaths
) -> None:
    backup = backup_now(store, data_paths.backups, "daily", now=MORNING)
    target = tmp_path / "new-home" / "cofacilitator.sqlite"
    result = restore(backup, target)
    assert result.set_aside == ()
    assert sorted(_names(target)) == ["Asha", "Mei", "Ravi"]
