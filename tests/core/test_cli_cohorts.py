"""``cofacilitator demo`` and ``cofacilitator cohorts list``, run in-process as typed."""

from __future__ import annotations

import stat
from functools import partial
from pathlib import Path

import pytest

from cofacilitator.cli import commands_cohorts
from cofacilitator.cohorts import archive_cohort, create_cohort
from cofacilitator.paths import DataPaths, database_url
from cofacilitator.store.database import open_store
from tests.command_line import run_command

run = partial(run_command, commands_cohorts)


def test_demo_creates_the_cohort_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert run(data, "demo") == 0
    assert capsys.readouterr().out == 'Created "Demo cohort" (id 1).\n'
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert run(data, "demo") == 0
    assert capsys.readouterr().out == '"Demo cohort" already exists (id 1); nothing was changed.\n'

    assert run(data, "cohorts", "list") == 0
    assert capsys.readouterr().out == ("   1  Demo cohort  7 participants, 4 of 4 sessions held\n")


def test_listing_with_and_without_archived_cohorts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    assert run(data, "cohorts", "list") == 0
    assert "No cohorts yet" in capsys.readouterr().out
    store = open_store(database_url(DataPaths(data)))
    try:
        create_cohort(store, "Spring")
        archive_cohort(store, create_cohort(store, "Old autumn").id)
    finally:
        store.dispose()
    run(data, "cohorts", "list")
    assert capsys.readouterr().out == "   1  Spring  0 participants, 0 of 0 sessions held\n"
    run(data, "cohorts", "list", "--all")
    assert capsys.readouterr().out.splitlines() == [
        "   2  Old autumn  0 participants, 0 of 0 sessions held  (archived)",
        "   1  Spring      0 participants, 0 of 0 sessions held",
    ]
