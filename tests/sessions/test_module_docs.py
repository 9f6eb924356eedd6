"""The module format docs are loaded and run by the tests, so what they show cannot drift."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from cofacilitator.cli import main
from cofacilitator.sessions import validation
from cofacilitator.sessions.loader import check_module
from cofacilitator.sessions.schema import FieldKind, SegmentKind
from cofacilitator.sessions.starter import starter_module

DOCS = Path(__file__).resolve().parents[2] / "docs"
Block = Callable[[str, str], str]


def test_the_complete_example_loads_without_any_problem(documented_example: Path) -> None:
    result = check_module(documented_example)

    assert result.problems == ()
    assert result.module is not None
    assert result.module.title == "Facilitation Basics"


def test_every_toml_snippet_of_the_docs_is_valid_toml() -> None:
    for page in ("module-format.md", "authoring.md"):
        text = (DOCS / page).read_text(encoding="utf-8")
        for snippet in re.findall(r"```toml\n(.*?)```", text, flags=re.DOTALL):
            tomllib.loads(snippet)


def test_every_key_and_kind_is_documented() -> None:
    text = (DOCS / "module-format.md").read_text(encoding="utf-8")
    keys = set().union(
        validation.MODULE_KEYS,
        validation.EPIGRAPH_KEYS,
        validation.SEGMENT_KEYS - {"prompts", "figures", "answer"},
        validation.PROMPT_KEYS,
        validation.FIGURE_KEYS,
        validation.FIELD_KEYS,
        validation.ASSIGNMENT_KEYS - {"fields"},
        validation.READING_KEYS,
    ) - {"epigraph", "segments", "assignment", "readings"}
    names = keys | {kind.value for kind in SegmentKind} | {kind.value for kind in FieldKind}

    undocumented = sorted(name for name in names if f"| `{name}`" not in text)

    assert undocumented == []


def test_the_authoring_guides_module_5_loads_without_any_problem(
    documented_block: Block, tmp_path: Path
) -> None:
    path = tmp_path / "open-science-framework.toml"
    path.write_text(documented_block("authoring.md", "open science module"), encoding="utf-8")

    result = check_module(path)

    assert result.problems == ()
    assert result.module is not None
    assert (result.module.number, result.module.planned_minutes) == (5, 65)
    assert len(result.module.segments) == 8


def test_the_authoring_guide_quotes_the_starter_as_it_is(documented_block: Block) -> None:
    quoted = documented_block("authoring.md", "starter top")

    assert quoted in starter_module("Open Science framework", 5)


def test_the_authoring_guides_check_output_is_what_check_prints(
    documented_block: Block,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    module = documented_block("authoring.md", "open science module")
    first_attempt = module
    for old, new in [
        ('title = "Where we stand"\nminutes = 10', 'title = "Where we stand"\nminuts = 10'),
        (
            'title = "Three lenses: open, equitable, participatory"\nminutes = 15',
            'title = "Three lenses: open, equitable, participatory"\nminutes = "15"',
        ),
        ('url = "https://www.unesco.org/en/open-science"', 'url = "#"'),
    ]:
        assert old in first_attempt
        first_attempt = first_attempt.replace(old, new)
    (tmp_path / "open-science-framework.toml").write_text(first_attempt, encoding="utf-8")
    session = documented_block("authoring.md", "check output").splitlines()
    command = session[0].removeprefix("$ cofacilitator ").split()
    monkeypatch.chdir(tmp_path)

    status = main(["--data-dir", str(tmp_path / "data"), *command])

    assert capsys.readouterr().out.splitlines() == session[1:]
    assert status == 1


def test_the_authoring_guides_module_is_listed_after_the_shipped_ones(
    documented_block: Block, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    modules = tmp_path / "modules"
    modules.mkdir()
    (modules / "open-science-framework.toml").write_text(
        documented_block("authoring.md", "open science module"), encoding="utf-8"
    )

    assert main(["--data-dir", str(tmp_path), "modules", "list"]) == 0

    last = capsys.readouterr().out.splitlines()[-1]
    assert re.fullmatch(
        r" 5  Open Science framework +65 min +8 segments  \(your file .*open-science-framework"
        r"\.toml\)",
        last,
    )
