"""Before any window opens, a damaged database is named plainly along with the backup to use."""

from __future__ import annotations

from datetime import datetime, timedelta

from store_seed import Seeded, corrupt_middle, fill

from cofacilitator.paths import DataPaths
from cofacilitator.store.backups import backup_now
from cofacilitator.store.database import Store
from cofacilitator.store.integrity import startup_check

MORNING = datetime(2025, 3, 3, 9, 30, 0)


def test_no_database_yet_is_fine(data_paths: DataPaths) -> None:
    report = startup_check(data_paths)
    assert report.ok
    assert "No database yet" in report.message
    assert not data_paths.database.exists()


def test_a_sound_database_passes(store: Store, seeded: Seeded, data_paths: DataPaths) -> None:
    store.dispose()
    report = startup_check(data_paths)
    assert report.ok
    assert report.newest_good_backup is None


def test_a_damaged_database_is_reported_with_the_newest_sound_backup(
    store: Store, seeded: Seeded, data_paths: DataPaths
) -> None:
    good = backup_now(store, data_paths.backups, "daily", now=MORNING)
    broken = backup_now(store, data_paths.backups, "before-run", now=MORNING + timedelta(hours=1))
    broken.write_bytes(b"not a database at all")
    fill(store)
    store.dispose()
    damaged = corrupt_middle(data_paths.database)

    report = startup_check(data_paths)

    assert not report.ok
    assert report.database == data_paths.database
    assert report.newest_good_backup == good
    assert "is damaged" in report.message
    assert good.name in report.message
    assert data_paths.database.read_bytes() == damaged
    assert sorted(p.name for p in data_paths.root.iterdir()) == [
        "backups",
        "cofacilitator.sqlite",
        "modules",
        "templates",
    ]


def test_a_damaged_database_without_backups_says_to_keep_the_file(
    store: Store, data_paths: DataPaths
) -> None:
    fill(store)
    store.dispose()
    corrupt_middle(data_paths.database)
    report = startup_check(data_paths)
    assert not report.ok
    assert report.newest_good_backup is None
    assert "No sound backup was found" in report.message
    assert "do not delete" in report.message


def test_another_database_server_is_not_checked_here(data_paths: DataPaths) -> None:
    report = startup_check(data_paths, "postgresql://facilitator@localhost/cohorts")
    assert report.ok
    assert report.database is None
