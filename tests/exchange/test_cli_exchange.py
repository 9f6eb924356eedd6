"""``cofacilitator import`` and ``cofacilitator invitation`` against a real data folder."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from cofacilitator.assignment_store import get_response
from cofacilitator.cli import commands_exchange
from cofacilitator.invitation import read_invitation
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.sessions.schema import Module
from cofacilitator.store.database import Store
from tests.command_line import run_command
from tests.exchange.exchange_stores import Roster, add_roster
from tests.exchange.handback_files import handback_text

ANSWERS = {"origin-story": "Started in a *library*.", "pathways": ["Mentoring"]}


run = partial(run_command, commands_exchange)


@pytest.fixture
def cli_roster(data_store: Store) -> Roster:
    return add_roster(data_store)


@pytest.fixture
def narrative(shipped_catalog: Catalog) -> Module:
    module = shipped_catalog.get("community-narrative")
    assert module is not None
    return module


def test_import_prints_a_line_per_file_and_fails_if_any_was_refused(
    data_dir: Path,
    data_store: Store,
    cli_roster: Roster,
    narrative: Module,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    good = tmp_path / "ada.md"
    good.write_text(handback_text(cli_roster, narrative, ANSWERS), encoding="utf-8")
    bad = tmp_path / "notes.md"
    bad.write_text("# just notes\n", encoding="utf-8")
    assert run(data_dir, "import", str(good), str(bad)) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("imported: ada.md: Ada Lovelace's answers")
    assert lines[1].startswith("refused: notes.md is not a cofacilitator hand-back file")
    response = get_response(data_store, cli_roster.ada, narrative.id)
    assert response is not None and response.values == ANSWERS
    assert run(data_dir, "import", "--cohort", "spring cohort", str(good)) == 0
    assert capsys.readouterr().out.startswith("already imported: ada.md")


def test_import_refuses_files_of_another_cohort_when_one_is_named(
    data_dir: Path,
    data_store: Store,
    cli_roster: Roster,
    narrative: Module,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add_roster(data_store, "Autumn cohort")
    good = tmp_path / "ada.md"
    good.write_text(handback_text(cli_roster, narrative, ANSWERS), encoding="utf-8")
    assert run(data_dir, "import", "--cohort", "Autumn cohort", str(good)) == 1
    assert "refused: ada.md holds answers for another cohort" in capsys.readouterr().out
    assert run(data_dir, "import", "--cohort", "Winter", str(good)) == 1
    assert "No cohort is named 'Winter'" in capsys.readouterr().err


def test_invitation_writes_a_file_the_participant_can_open(
    data_dir: Path,
    cli_roster: Roster,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / "ada.json"
    code = run(
        data_dir,
        "invitation",
        "--cohort",
        "Spring cohort",
        "--participant",
        "ada lovelace",
        "-o",
        str(target),
    )
    assert code == 0
    assert "Wrote the invitation for Ada Lovelace" in capsys.readouterr().out
    invitation = read_invitation(target)
    assert (invitation.cohort_uid, invitation.participant_uid) == (
        cli_roster.cohort_uid,
        cli_roster.ada_uid,
    )


def test_invitation_says_when_the_person_is_not_there(
    data_dir: Path, cli_roster: Roster, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "x.json"
    arguments = ["invitation", "--cohort", "Spring cohort", "--participant", "Zed", "-o"]
    assert run(data_dir, *arguments, str(target)) == 1
    assert "No participant in that cohort is named 'Zed'" in capsys.readouterr().err
    assert not target.exists()
