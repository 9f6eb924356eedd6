"""The store commands as a facilitator types them in a terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from store_seed import Seeded, corrupt_middle, fill

from cofacilitator.cli import commands_store
from cofacilitator.paths import DATABASE_URL_ENV, DataPaths
from cofacilitator.store.backups import list_backups
from cofacilitator.store.database import Store
from cofacilitator.store.models import Participant
from tests.command_line import run_command


def run(data_paths: DataPaths, *arguments: str) -> int:
    return run_command(commands_store, data_paths.root, *arguments)


def test_backup_prints_the_new_file(
    store: Store, seeded: Seeded, data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data_paths, "backup") == 0
    printed = Path(capsys.readouterr().out.strip())
    assert [info.path for info in list_backups(data_paths.backups)] == [printed]


def test_backup_of_another_database_server_is_refused(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(DATABASE_URL_ENV, "postgresql://facilitator@localhost/cohorts")
    assert run(data_paths, "backup") == 1
    assert "backups are only available for SQLite databases" in capsys.readouterr().err


def test_restore_refuses_a_bad_backup_and_restores_a_good_one(
    store: Store, seeded: Seeded, data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    run(data_paths, "backup")
    good = Path(capsys.readouterr().out.strip())
    fill(store)
    store.dispose()
    bad = data_paths.root / "bad.sqlite"
    bad.write_bytes(b"definitely not sqlite")
    live_before = data_paths.database.read_bytes()

    assert run(data_paths, "restore", str(bad)) == 1
    assert "cannot be restored" in capsys.readouterr().err
    assert data_paths.database.read_bytes() == live_before

    corrupt_middle(data_paths.database)
    assert run(data_paths, "restore", str(good)) == 0
    out = capsys.readouterr().out
    assert "kept as" in out
    assert any(".damaged-" in p.name for p in data_paths.root.iterdir())


def test_participant_data_is_written_privately(
    store: Store,
    seeded: Seeded,
    data_paths: DataPaths,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / "asha.json"
    code = run(
        data_paths,
        "participant-data",
        "--cohort",
        "spring cohort",
        "--participant",
        "asha",
        "-o",
        str(target),
    )
    assert code == 0
    assert json.loads(target.read_text())["profile"]["display_name"] == "Asha"
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_erase_needs_confirmation_then_erases(
    store: Store, seeded: Seeded, data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    def on_disk() -> bytes:
        return b"".join(path.read_bytes() for path in data_paths.root.glob("cofacilitator.sqlite*"))

    assert b"Ravi off the record" in on_disk()
    arguments = ("erase-participant", "--cohort", "Spring cohort", "--participant", "Ravi")
    assert run(data_paths, *arguments) == 1
    assert "--yes" in capsys.readouterr().err
    assert run(data_paths, *arguments, "--yes") == 0
    out = capsys.readouterr().out
    assert "Erased Ravi from Spring cohort" in out
    assert "notes: 3" in out
    with store.session_factory() as session:
        names = sorted(session.scalars(select(Participant.display_name)))
    assert names == ["Asha", "Mei"]
    assert b"Ravi off the record" not in on_disk(), "erased text must not linger in the file"


def test_unknown_names_are_reported(
    store: Store, seeded: Seeded, data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = ("erase-participant", "--cohort", "Autumn", "--participant", "Ravi", "--yes")
    assert run(data_paths, *arguments) == 1
    assert "Cohorts: Spring cohort" in capsys.readouterr().err
    arguments = ("erase-participant", "--cohort", "Spring cohort", "--participant", "Zoe", "--yes")
    assert run(data_paths, *arguments) == 1
    assert "No participant in Spring cohort is named 'Zoe'" in capsys.readouterr().err
