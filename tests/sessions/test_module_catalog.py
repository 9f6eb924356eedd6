"""The catalog: shipped modules, joined or replaced by the facilitator's own, never stopped by one
broken file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cofacilitator.sessions.catalog import load_catalog, module_files

Writer = Callable[..., Path]


def variant(text: str, module_id: str, number: int, title: str) -> str:
    return (
        text.replace('id = "test-module"', f'id = "{module_id}"', 1)
        .replace("number = 2", f"number = {number}", 1)
        .replace('title = "Test module"', f'title = "{title}"', 1)
    )


def test_modules_are_sorted_by_number_then_title(
    valid_text: str, write_module: Writer, tmp_path: Path
) -> None:
    shipped = tmp_path / "shipped"
    write_module(variant(valid_text, "b", 2, "Beta"), "a.toml", shipped)
    write_module(variant(valid_text, "a", 2, "alpha"), "b.toml", shipped)
    write_module(variant(valid_text, "c", 1, "Zeta"), "c.toml", shipped)

    catalog = load_catalog(shipped, tmp_path / "no-user-folder-yet")

    assert [module.title for module in catalog.modules] == ["Zeta", "alpha", "Beta"]
    assert catalog.problems == ()
    assert all(entry.shipped for entry in catalog.entries)


def test_a_user_module_replaces_the_shipped_one_with_the_same_id(
    valid_text: str, write_module: Writer, tmp_path: Path
) -> None:
    shipped = write_module(variant(valid_text, "narrative", 1, "Shipped"), "n.toml", tmp_path / "s")
    mine = write_module(variant(valid_text, "narrative", 1, "Mine"), "mine.toml", tmp_path / "u")
    write_module(variant(valid_text, "extra", 5, "Extra"), "extra.toml", tmp_path / "u")

    catalog = load_catalog(tmp_path / "s", tmp_path / "u")

    assert [module.title for module in catalog.modules] == ["Mine", "Extra"]
    entry = catalog.entry("narrative")
    assert entry is not None
    assert (entry.path, entry.shipped, entry.replaces) == (mine, False, shipped)
    extra = catalog.entry("extra")
    assert extra is not None and extra.replaces is None
    module = catalog.get("narrative")
    assert module is not None and module.source == str(mine)
    assert catalog.get("absent") is None


def test_a_broken_file_is_reported_and_the_others_still_load(
    valid_text: str, write_module: Writer, tmp_path: Path
) -> None:
    shipped = tmp_path / "shipped"
    write_module(variant(valid_text, "one", 1, "One"), "1.toml", shipped)
    broken = write_module("format = 1\ntitle = [\n", "2.toml", shipped)
    write_module(variant(valid_text, "three", 3, "Three"), "3.toml", shipped)
    user = tmp_path / "user"
    bad_user = write_module(valid_text.replace("minutes = 10", "minutes = -1"), "x.toml", user)

    catalog = load_catalog(shipped, user)

    assert [module.id for module in catalog.modules] == ["one", "three"]
    assert {problem.path for problem in catalog.problems} == {str(broken), str(bad_user)}
    assert all(problem.is_error for problem in catalog.problems)


def test_a_broken_user_copy_leaves_the_shipped_module_in_place(
    valid_text: str, write_module: Writer, tmp_path: Path
) -> None:
    write_module(variant(valid_text, "narrative", 1, "Shipped"), "n.toml", tmp_path / "s")
    write_module(
        variant(valid_text, "narrative", 1, "Mine").replace("format = 1", "format = 7"),
        "n.toml",
        tmp_path / "u",
    )

    catalog = load_catalog(tmp_path / "s", tmp_path / "u")

    assert [module.title for module in catalog.modules] == ["Shipped"]
    assert len(catalog.problems) == 1 and "newer cofacilitator" in catalog.problems[0].message


def test_two_files_with_one_id_in_a_folder_is_an_error_on_the_second(
    valid_text: str, write_module: Writer, tmp_path: Path
) -> None:
    first = write_module(valid_text, "a-first.toml")
    second = write_module("# a copy\n\n" + valid_text, "b-second.toml")

    catalog = load_catalog(tmp_path, None)

    assert [entry.path for entry in catalog.entries] == [first]
    assert [str(problem) for problem in catalog.problems] == [
        f"{second}:4: duplicate module id 'test-module' (also in {first})"
    ]


def test_warnings_of_loaded_modules_are_kept(
    valid_text: str, write_module: Writer, tmp_path: Path
) -> None:
    write_module(valid_text.replace('url = "https://example.org/reading"', 'url = "#"'))

    catalog = load_catalog(tmp_path, None)

    assert len(catalog.modules) == 1
    assert [problem.severity for problem in catalog.problems] == ["warning"]


def test_a_missing_shipped_folder_is_reported(tmp_path: Path) -> None:
    catalog = load_catalog(tmp_path / "gone", tmp_path / "also-gone")

    assert catalog.modules == ()
    assert [problem.message for problem in catalog.problems] == [
        "the shipped module folder is missing"
    ]


def test_only_toml_files_that_are_not_hidden_are_modules(tmp_path: Path) -> None:
    for name in ("b.toml", "a.toml", ".#a.toml", "notes.txt"):
        (tmp_path / name).write_text("")
    (tmp_path / "folder.toml").mkdir()

    assert [path.name for path in module_files(tmp_path)] == ["a.toml", "b.toml"]
