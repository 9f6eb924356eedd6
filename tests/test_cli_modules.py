"""``cofacilitator modules list|check|new``, run in-process as a facilitator would type them."""

from __future__ import annotations

from pathlib import Path

import pytest

from cofacilitator.cli import main


def module_text(
    module_id: str,
    number: int,
    title: str,
    *,
    optional_minutes: int = 0,
    url: str = "https://x.org",
) -> str:
    optional = (
        f'[[segments]]\nid = "extra"\nkind = "qa"\ntitle = "Extra"\nminutes = {optional_minutes}\n'
        "optional = true\n"
        if optional_minutes
        else ""
    )
    return (
        f'format = 1\nid = "{module_id}"\nversion = 1\nnumber = {number}\ntitle = "{title}"\n'
        '[epigraph]\ntext = "Q"\nauthor = "A"\n'
        '[[segments]]\nid = "roll-call"\nkind = "roll_call"\ntitle = "Roll call"\nminutes = 10\n'
        '[[segments]]\nid = "talk"\nkind = "presentation"\ntitle = "Talk"\nminutes = 75\n'
        f"{optional}"
        f'[[readings]]\n[[readings.items]]\ntitle = "R"\nurl = "{url}"\n'
    )


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two shipped modules of our own, so the output does not depend on the real ones."""
    folder = tmp_path / "shipped"
    folder.mkdir()
    (folder / "01.toml").write_text(module_text("narrative", 1, "Community Narrative"))
    (folder / "02.toml").write_text(
        module_text("basics", 2, "CoP Basics", optional_minutes=10, url="#")
    )
    monkeypatch.setattr("cofacilitator.cli.commands_modules.shipped_modules_dir", lambda: folder)
    return folder


def run(data_dir: Path, *arguments: str) -> int:
    return main(["--data-dir", str(data_dir), "modules", *arguments])


def test_list_shows_number_title_minutes_and_segments(
    shipped: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data_dir, "list") == 0

    out, err = capsys.readouterr()
    assert out.splitlines() == [
        " 1  Community Narrative  85 min                 2 segments",
        " 2  CoP Basics           85 min (+10 optional)  3 segments",
    ]
    assert err == (
        "1 link in the shipped modules is still to be added; "
        "`cofacilitator modules check` lists it.\n"
    )


def test_list_counts_pending_links_apart_from_other_warnings(
    shipped: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    user = data_dir / "modules"
    user.mkdir(parents=True)
    (user / "mine.toml").write_text(
        module_text("mine", 3, "Mine", url="#").replace(
            'kind = "presentation"', 'kind = "presentation"\ncolumns = ["A"]'
        )
    )

    assert run(data_dir, "list") == 0

    out, err = capsys.readouterr()
    assert out.endswith("\n") and len(out.splitlines()) == 3
    assert err == (
        "2 links are still to be added and there is 1 other warning; "
        "`cofacilitator modules check` lists them.\n"
    )


def test_list_marks_your_modules_and_reports_broken_ones_on_stderr(
    shipped: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    user = data_dir / "modules"
    user.mkdir(parents=True)
    (user / "mine.toml").write_text(module_text("narrative", 1, "My Narrative"))
    (user / "broken.toml").write_text('format = 1\nid = "x"\ntitle = \n')

    assert run(data_dir, "list") == 0

    out, err = capsys.readouterr()
    assert out.splitlines()[0] == (
        f" 1  My Narrative  85 min                 2 segments  "
        f"(your file {user / 'mine.toml'}, replacing the shipped one)"
    )
    assert err.splitlines()[0].startswith(f"{user / 'broken.toml'}:3: not valid TOML: ")


def test_check_by_default_covers_shipped_and_your_modules(
    shipped: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data_dir, "check") == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        f"{shipped / '02.toml'}:28: warning: reading 'R': link still to be added",
        "2 files checked: 0 errors, 1 warning.",
    ]

    user = data_dir / "modules"
    user.mkdir(parents=True)
    (user / "mine.toml").write_text(
        module_text("mine", 5, "Mine").replace("minutes = 75", "minutes = -1")
    )

    assert run(data_dir, "check") == 1
    out = capsys.readouterr().out
    assert (
        f"{user / 'mine.toml'}:18: segment 2 ('talk'): 'minutes' must be 0 or more, not -1\n" in out
    )
    assert out.endswith("3 files checked: 1 error, 1 warning.\n")


def test_check_takes_files_and_folders(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "a.toml").write_text(module_text("a", 1, "A"))
    (folder / "b.toml").write_text(module_text("a", 2, "Also A"))
    single = tmp_path / "single.toml"
    single.write_text(module_text("single", 3, "Single"))

    assert run(data_dir, "check", str(single)) == 0
    assert capsys.readouterr().out == "1 file checked: 0 errors, 0 warnings.\n"

    assert run(data_dir, "check", str(folder), str(single)) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{folder / 'b.toml'}:2: duplicate module id 'a' (also in {folder / 'a.toml'})",
        "3 files checked: 1 error, 0 warnings.",
    ]


def test_check_reports_paths_that_do_not_exist_and_empty_folders(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty").mkdir()

    assert run(data_dir, "check", str(tmp_path / "empty")) == 0
    assert "warning: no module files (*.toml) in this folder" in capsys.readouterr().out

    assert run(data_dir, "check", str(tmp_path / "nowhere.toml")) == 1
    assert f"{tmp_path / 'nowhere.toml'}:1: no such file or folder" in capsys.readouterr().out


def test_new_writes_a_starter_that_check_passes_and_list_shows(
    shipped: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data_dir, "new", "Open Science framework") == 0

    written = data_dir / "modules" / "open-science-framework.toml"
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"Wrote {written}"
    assert 'title = "Open Science framework"' in written.read_text(encoding="utf-8")
    assert run(data_dir, "check", str(written)) == 0
    assert capsys.readouterr().out == "1 file checked: 0 errors, 0 warnings.\n"
    assert run(data_dir, "list") == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith(" 3  Open Science framework  60 min")


def test_new_refuses_to_overwrite(
    shipped: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = data_dir / "modules" / "open-science.toml"
    target.parent.mkdir(parents=True)
    target.write_text("my precious work")

    assert run(data_dir, "new", "Open Science") == 1

    assert target.read_text() == "my precious work"
    assert "already exists" in capsys.readouterr().err
    assert [path.name for path in target.parent.iterdir()] == ["open-science.toml"]


def test_new_writes_where_output_says(
    shipped: Path, tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "repo"
    folder.mkdir()

    assert run(data_dir, "new", "Conflict management", "-o", str(folder)) == 0
    assert run(data_dir, "new", "Impact", "-o", str(folder / "impact-assessment.toml")) == 0

    assert sorted(path.name for path in folder.iterdir()) == [
        "conflict-management.toml",
        "impact-assessment.toml",
    ]
    assert not (data_dir / "modules").exists()
    capsys.readouterr()
    assert run(data_dir, "check", str(folder)) == 0


def test_new_warns_when_the_title_gives_the_id_of_an_existing_module(
    shipped: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data_dir, "new", "Narrative") == 0

    assert "'narrative' is already the id of a module" in capsys.readouterr().out


def test_new_needs_a_title(
    shipped: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data_dir, "new", "   ") == 2
    assert "needs a title" in capsys.readouterr().err


def test_modules_without_an_action_is_a_usage_error(data_dir: Path) -> None:
    with pytest.raises(SystemExit) as exited:
        run(data_dir)

    assert exited.value.code == 2


def test_the_command_knows_every_subcommand_name_without_loading_them() -> None:
    """Starting the desktop app skips the subcommands; their names must still be recognised."""
    from cofacilitator.cli import COMMAND_NAMES, build_parser

    parser = build_parser()
    choices = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert set(choices) == COMMAND_NAMES
