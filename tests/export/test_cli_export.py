"""``cofacilitator export`` from a terminal, against a real data folder and the shipped modules."""

from __future__ import annotations

import argparse
import shutil
from datetime import date
from pathlib import Path

import pytest

from cofacilitator.cli import commands_export
from cofacilitator.paths import DATABASE_URL_ENV
from cofacilitator.store.database import open_store
from cofacilitator.store.models import AuthorKind, Cohort, Note, Participant, SessionRun
from tests.export.html_reading import read_page
from tests.export.sample_cohort import add_rows


def run_cli(*arguments: str) -> int:
    """The command as the app's parser runs it: a global --data-dir, then the subcommand."""
    parser = argparse.ArgumentParser(prog="cofacilitator")
    parser.add_argument("--data-dir")
    commands_export.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(arguments)
    return int(args.handler(args))


@pytest.fixture
def data_dir(tmp_path: Path, migrated_database: Path) -> Path:
    """A data folder holding one cohort with Sessions 1 and 2 of the shipped series."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(migrated_database, folder / "cofacilitator.sqlite")
    store = open_store(f"sqlite:///{folder / 'cofacilitator.sqlite'}", migrate=False)
    (cohort_id,) = add_rows(store, Cohort(name="Spring 2026"))
    asha, ben = add_rows(
        store,
        Participant(cohort_id=cohort_id, display_name="Asha Verma", consent_named=True),
        Participant(cohort_id=cohort_id, display_name="Ben Okafor", consent_named=False),
    )
    first, second = add_rows(
        store,
        SessionRun(
            cohort_id=cohort_id,
            module_id="community-narrative",
            module_number=1,
            scheduled_date=date(2026, 3, 3),
        ),
        SessionRun(
            cohort_id=cohort_id,
            module_id="community-of-practice-basics",
            module_number=2,
            scheduled_date=date(2026, 3, 10),
        ),
    )
    add_rows(
        store,
        Note(
            run_id=second,
            segment_id="open-discussion",
            prompt_id="q1-why-invest",
            author_kind=AuthorKind.PARTICIPANT,
            participant_id=ben,
            text="To keep knowledge in more than one head",
        ),
        Note(
            run_id=first,
            segment_id="icebreaker",
            prompt_id="admired-characteristic",
            author_kind=AuthorKind.PARTICIPANT,
            participant_id=asha,
            text="Kindness to newcomers",
        ),
    )
    store.dispose()
    return folder


def test_exports_one_session_as_markdown(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "session-2.md"
    code = run_cli(
        "--data-dir", str(data_dir), "export", "--cohort", "Spring 2026", "--session", "2",
        "-o", str(output),
    )  # fmt: skip
    assert code == 0
    text = output.read_text(encoding="utf-8")
    assert text.startswith("# Session 2: Community of Practice Basics\n")
    assert "- Participant B / To keep knowledge in more than one head" in text
    assert "Ben Okafor" not in text
    assert "Kindness to newcomers" not in text
    assert f"Wrote {output}" in capsys.readouterr().out


def test_exports_the_whole_cohort_as_html_from_the_file_name(
    data_dir: Path, tmp_path: Path
) -> None:
    output = tmp_path / "spring.html"
    assert run_cli("--data-dir", str(data_dir), "export", "--cohort", "Spring 2026",
                   "--pseudonymize", "-o", str(output)) == 0  # fmt: skip
    html = output.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    page = read_page(html)
    headings = page.text_in("h2")
    assert "Session 1: Community Narrative" in headings
    assert "Session 2: Community of Practice Basics" in headings
    assert "Asha Verma" not in html
    assert "Participant A / Kindness to newcomers" in page.all_text()


def test_format_option_wins_over_the_file_name(data_dir: Path, tmp_path: Path) -> None:
    output = tmp_path / "notes.html"
    assert run_cli("--data-dir", str(data_dir), "export", "--cohort", "Spring 2026",
                   "--format", "md", "-o", str(output)) == 0  # fmt: skip
    assert output.read_text(encoding="utf-8").startswith("# Spring 2026: session notes\n")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("--cohort", "Autumn"), 'There is no cohort named "Autumn". Cohorts: "Spring 2026".'),
        (("--cohort", "Spring 2026", "--session", "4"), "has no session 4 (sessions: 1, 2)"),
    ],
)
def test_unknown_cohort_or_session_is_explained(
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    arguments: tuple[str, ...],
    message: str,
) -> None:
    output = tmp_path / "out.md"
    assert run_cli("--data-dir", str(data_dir), "export", *arguments, "-o", str(output)) == 1
    assert message in capsys.readouterr().err
    assert not output.exists()


def test_a_missing_database_is_reported_and_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    empty = tmp_path / "empty"
    empty.mkdir()
    code = run_cli(
        "--data-dir", str(empty), "export", "--cohort", "X", "-o", str(tmp_path / "x.md")
    )
    assert code == 1
    assert "There is no cohort database" in capsys.readouterr().err
    assert list(empty.iterdir()) == []


def test_an_output_folder_that_does_not_exist_is_reported(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "nowhere" / "x.md"
    assert run_cli("--data-dir", str(data_dir), "export", "--cohort", "Spring 2026",
                   "-o", str(output)) == 1  # fmt: skip
    assert "does not exist" in capsys.readouterr().err


@pytest.fixture
def demo_data_dir(tmp_path: Path, demo_database: Path) -> Path:
    """A data folder holding the demo cohort, whose participants have answered assignments."""
    folder = tmp_path / "demo-data"
    folder.mkdir()
    shutil.copyfile(demo_database, folder / "cofacilitator.sqlite")
    return folder


def test_exports_a_participants_answers_as_html_with_the_mountain_drawn(
    demo_data_dir: Path, tmp_path: Path
) -> None:
    output = tmp_path / "amara-session-3.html"
    assert run_cli("--data-dir", str(demo_data_dir), "export", "--cohort", "Demo cohort",
                   "--answers", "amara okafor", "--session", "3", "--pseudonymize",
                   "-o", str(output)) == 0  # fmt: skip
    html = output.read_text(encoding="utf-8")
    page = read_page(html)
    (picture,) = page.images
    assert picture[0].startswith("data:image/svg+xml;base64,")
    assert picture[1].startswith("Mountain of engagement, top band first. Leader:")
    assert "Amara" not in html
    assert sorted(p.name for p in tmp_path.iterdir()) == ["amara-session-3.html", "demo-data"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("--answers", "Amara Okafor", "-o", "a.html"), "--answers needs --session N"),
        (("--answers", "Amara Okafor", "--session", "3", "-o", "a.md"), "an HTML file"),
        (("--answers", "Nobody", "--session", "3", "-o", "a.html"), 'Nobody is called "Nobody"'),
        (("--answers", "Yusuf Demir", "--session", "3", "-o", "a.html"), "no answers to Session 3"),
    ],
)
def test_answers_that_cannot_be_exported_are_explained(
    demo_data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    arguments: tuple[str, ...],
    message: str,
) -> None:
    *options, output = arguments
    code = run_cli("--data-dir", str(demo_data_dir), "export", "--cohort", "Demo cohort",
                   *options, str(tmp_path / output))  # fmt: skip
    assert code == 1
    assert message in capsys.readouterr().err
    assert not (tmp_path / output).exists()
