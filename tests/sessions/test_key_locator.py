"""The line finder behind every ``file:line`` message about a key that TOML itself accepted."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cofacilitator.paths import shipped_modules_dir
from cofacilitator.sessions.locate import KeyPath, index_key_lines

DOCUMENT = '''\
format = 1
title = "T"
values = [
  "a",
  "b",
]
body = """
[[segments]]
title = "not a key"
"""
literal = \'\'\'
[assignment]
\'\'\'

[epigraph]
text = "Q"

[[segments]]
id = "one"

[[segments.prompts]]
id = "p1"

[[segments.prompts]]
id = "p2"
text = "x"

[[segments]]  # a comment
id = "two"
"quoted key" = 1
dotted.inner = 2

[segments.answer]
kind = "pick_values"

[[segments.prompts]]
id = "q1"

[ assignment ]
title = "A"

[[assignment.fields]]
id = "f1"

[[assignment.fields]]
id = "f2"
columns = ["x", "y"]
'''


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (("format",), 1),
        (("values",), 3),
        (("values", 1), 3),
        (("body",), 7),
        (("epigraph",), 15),
        (("epigraph", "text"), 16),
        (("segments", 0), 18),
        (("segments", 0, "id"), 19),
        (("segments", 0, "prompts", 1), 24),
        (("segments", 0, "prompts", 1, "text"), 26),
        (("segments", 1), 28),
        (("segments", 1, "quoted key"), 30),
        (("segments", 1, "dotted", "inner"), 31),
        (("segments", 1, "answer", "kind"), 34),
        (("segments", 1, "prompts", 0, "id"), 37),
        (("assignment", "title"), 40),
        (("assignment", "fields", 1, "columns"), 47),
    ],
)
def test_keys_are_found_on_their_own_line(path: KeyPath, line: int) -> None:
    assert index_key_lines(DOCUMENT).line_of(path) == line


def test_a_missing_key_lands_on_the_header_of_its_table() -> None:
    lines = index_key_lines(DOCUMENT)

    assert lines.line_of(("segments", 1, "minutes")) == 28
    assert lines.line_of(("assignment", "fields", 0, "label")) == 42
    assert lines.line_of(("segments", 1, "figures", 0, "alt")) == 28


def test_a_missing_top_level_key_lands_on_line_one() -> None:
    assert index_key_lines(DOCUMENT).line_of(("number",)) == 1
    assert index_key_lines("").line_of(("anything", 3)) == 1


def test_text_inside_multiline_strings_is_not_mistaken_for_tables() -> None:
    lines = index_key_lines(DOCUMENT)

    assert lines.line_of(("segments",)) == 18
    assert lines.line_of(("assignment",)) == 39


def test_escaped_quotes_do_not_end_a_multiline_string() -> None:
    text = 'body = """a \\""" b\n[x]\n"""\nkey = 1\n'

    assert index_key_lines(text).line_of(("key",)) == 4
    assert index_key_lines(text).line_of(("x",)) == 1


def test_windows_line_endings_count_the_same() -> None:
    text = DOCUMENT.replace("\n", "\r\n")

    assert index_key_lines(text).line_of(("assignment", "fields", 1, "columns")) == 47


def test_inline_tables_fall_back_to_their_key() -> None:
    text = 'format = 1\nepigraph = { text = "Q",\n  author = "A" }\nnext = 2\n'

    lines = index_key_lines(text)

    assert lines.line_of(("epigraph", "author")) == 2
    assert lines.line_of(("next",)) == 4


def _leaf_keys(value: Any, path: KeyPath = ()) -> Iterator[KeyPath]:
    """Every key path in a document whose value is written on the key's own line."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _leaf_keys(child, (*path, key))
    elif isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        for index, item in enumerate(value):
            yield from _leaf_keys(item, (*path, index))
    else:
        yield path


def test_every_key_of_the_shipped_modules_is_placed_on_a_line_that_names_it() -> None:
    files = sorted(shipped_modules_dir().glob("*.toml"))
    if not files:
        pytest.skip("the shipped modules are not there yet")
    for file in files:
        text = file.read_text(encoding="utf-8")
        lines = text.splitlines()
        located = index_key_lines(text)
        for path in _leaf_keys(tomllib.loads(text)):
            line = lines[located.line_of(path) - 1]
            assert line.lstrip().startswith(f"{path[-1]} "), (file.name, path, line)


def test_every_key_of_the_documented_example_is_placed_on_its_line(
    documented_example: Path,
) -> None:
    text = documented_example.read_text(encoding="utf-8")
    lines = text.splitlines()
    located = index_key_lines(text)
    for path in _leaf_keys(tomllib.loads(text)):
        assert lines[located.line_of(path) - 1].lstrip().startswith(f"{path[-1]} "), path
