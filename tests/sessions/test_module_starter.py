"""The starter module: whatever the title, it is a working module a facilitator can edit."""

from __future__ import annotations

import tempfile
import tomllib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cofacilitator.sessions.loader import check_module
from cofacilitator.sessions.starter import module_id_for, starter_module, toml_string


def test_the_starter_passes_check_with_no_problem_at_all(tmp_path: Path) -> None:
    path = tmp_path / "open-science-framework.toml"
    path.write_text(starter_module("Open Science framework", 5), encoding="utf-8")

    result = check_module(path)

    assert result.problems == ()
    assert result.module is not None
    assert (result.module.id, result.module.number, result.module.title) == (
        "open-science-framework",
        5,
        "Open Science framework",
    )
    assert result.module.planned_minutes == 60


def test_the_starter_explains_itself_in_comments() -> None:
    text = starter_module("X", 1, file_hint="/somewhere/x.toml")

    assert "cofacilitator modules check /somewhere/x.toml" in text
    assert "docs/module-format.md" in text
    assert sum(line.startswith("#") for line in text.splitlines()) >= 15


def test_ids_are_made_from_titles() -> None:
    assert module_id_for("Open Science framework") == "open-science-framework"
    assert module_id_for("  Über Café: Part 2! ") == "uber-cafe-part-2"
    assert module_id_for("社区") == "my-module"


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=1).filter(lambda title: title.strip()), st.integers(1, 10_000))
def test_any_title_gives_a_starter_that_passes_check(title: str, number: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "starter.toml"
        path.write_text(starter_module(title, number), encoding="utf-8", errors="strict")

        result = check_module(path)

    assert result.errors == ()
    assert result.module is not None and result.module.number == number


@given(st.text())
def test_toml_strings_read_back_as_the_text_written(text: str) -> None:
    decoded = tomllib.loads(f"key = {toml_string(text)}")["key"]

    expected = "".join("\ufffd" if 0xD800 <= ord(char) <= 0xDFFF else char for char in text)
    assert decoded == expected
