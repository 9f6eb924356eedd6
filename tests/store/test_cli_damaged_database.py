"""Every command that opens the store checks the file first: a damaged database gets a plain
message naming the backup to restore, never a SQLAlchemy traceback."""

from __future__ import annotations

import shlex
from pathlib import Path
from types import ModuleType

import pytest
from store_seed import Seeded, corrupt_middle, fill

from cofacilitator.cli import (
    commands_cohorts,
    commands_documents,
    commands_exchange,
    commands_export,
    commands_schedule,
    commands_store,
)
from cofacilitator.cli.checked_store import damaged_message
from cofacilitator.paths import DATA_DIR_ENV, DataPaths, resolve_data_paths
from cofacilitator.store.backups import backup_now
from cofacilitator.store.database import Store
from tests.command_line import run_command

COMMANDS: list[tuple[ModuleType, tuple[str, ...]]] = [
    (commands_cohorts, ("cohorts", "list")),
    (commands_cohorts, ("demo",)),
    (commands_export, ("export", "--cohort", "Bulk", "-o", "{out}/notes.md")),
    (commands_store, ("backup",)),
    (commands_store, ("participant-data", "--cohort", "Bulk", "--participant", "A", "-o", "x")),
    (commands_store, ("erase-participant", "--cohort", "Bulk", "--participant", "A", "--yes")),
    (commands_exchange, ("import", "{out}/handback.md")),
    (commands_documents, ("document", "blank", "--cohort", "Bulk", "--session", "1")),
    (commands_schedule, ("ics", "--cohort", "Bulk", "-o", "{out}/calls.ics")),
]


@pytest.fixture
def damaged(store: Store, seeded: Seeded, data_paths: DataPaths) -> tuple[Path, bytes]:
    """A database damaged in its middle, with one sound backup taken before the damage."""
    backup = backup_now(store, data_paths.backups, "daily")
    fill(store)
    store.dispose()
    return backup, corrupt_middle(data_paths.database)


@pytest.mark.parametrize(
    ("family", "arguments"), COMMANDS, ids=[" ".join(args[:2]) for _, args in COMMANDS]
)
def test_a_damaged_database_is_named_with_the_restore_command(
    family: ModuleType,
    arguments: tuple[str, ...],
    damaged: tuple[Path, bytes],
    data_paths: DataPaths,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    backup, damaged_bytes = damaged
    typed = [argument.replace("{out}", str(tmp_path)) for argument in arguments]

    assert run_command(family, data_paths.root, *typed) == 1

    printed = capsys.readouterr()
    assert printed.out == ""
    assert "Traceback" not in printed.err and "sqlalchemy" not in printed.err.lower()
    assert f"The database file {data_paths.database} is damaged" in printed.err
    assert backup.name in printed.err
    command = shlex.join(
        ["cofacilitator", "--data-dir", str(data_paths.root), "restore", str(backup)]
    )
    assert printed.err.rstrip().endswith(command)
    assert data_paths.database.read_bytes() == damaged_bytes


def test_the_restore_command_it_names_brings_the_data_back(
    damaged: tuple[Path, bytes], data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_command(commands_cohorts, data_paths.root, "cohorts", "list") == 1
    typed = shlex.split(capsys.readouterr().err.strip().splitlines()[-1])
    assert typed[:3] == ["cofacilitator", "--data-dir", str(data_paths.root)]
    assert run_command(commands_store, data_paths.root, *typed[3:]) == 0
    capsys.readouterr()
    assert run_command(commands_cohorts, data_paths.root, "cohorts", "list") == 0
    assert "Bulk" not in capsys.readouterr().out  # the backup was taken before the bulk rows


def test_without_a_backup_the_message_says_to_keep_the_file(
    store: Store, data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(store)
    store.dispose()
    corrupt_middle(data_paths.database)
    assert run_command(commands_cohorts, data_paths.root, "cohorts", "list") == 1
    err = capsys.readouterr().err
    assert "No sound backup was found" in err and "do not delete" in err
    assert "restore" not in err


def test_the_command_names_the_data_folder_only_when_a_bare_command_would_miss_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = tmp_path / "backups" / "cofacilitator-20260101-090000-daily.sqlite"
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    usual = damaged_message(resolve_data_paths(None), "Damaged.", backup)
    assert usual.splitlines()[-1] == f"  cofacilitator restore {shlex.quote(str(backup))}"
    elsewhere = damaged_message(DataPaths(tmp_path / "other"), "Damaged.", backup)
    assert "--data-dir" in elsewhere.splitlines()[-1]
    assert damaged_message(DataPaths(tmp_path), "Damaged.", None) == "Damaged."
