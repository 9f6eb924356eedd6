"""Whatever a module file holds, loading it gives a Module or a ModuleError, never a crash.

Hand-edited files are the app's main input from outside, so the loader is thrown random text,
random bytes, random TOML documents and random damage to a valid module.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cofacilitator.sessions.loader import ModuleError, load_module
from cofacilitator.sessions.locate import KeyPath, index_key_lines
from cofacilitator.sessions.schema import Module
from cofacilitator.sessions.starter import toml_string
from cofacilitator.sessions.validation import FIELD_KEYS, MODULE_KEYS, SEGMENT_KEYS

FAST = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
FAST_NESTED = settings(FAST, max_examples=100)
"""Nested documents are slow to generate; fewer of them still reach every branch of the loader."""
_BARE = re.compile(r"[A-Za-z0-9_-]+")


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "module.toml"


def load_outcome(path: Path, content: str | bytes) -> Module | ModuleError:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", errors="surrogatepass")
    try:
        return load_module(path)
    except ModuleError as error:
        assert error.problems and all(str(path) in str(problem) for problem in error.problems)
        assert all(problem.line >= 1 for problem in error.problems)
        return error


# A tiny TOML writer: tables and arrays of tables as headers, everything else inline.


def _key(key: str) -> str:
    return key if _BARE.fullmatch(key) else toml_string(key)


def _inline(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_inline(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)} = {_inline(v)}" for k, v in value.items()) + "}"
    return str(value)


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def write_toml(table: dict[str, Any], prefix: tuple[str, ...] = ()) -> str:
    lines = [
        f"{_key(key)} = {_inline(value)}"
        for key, value in table.items()
        if not isinstance(value, dict) and not _is_table_array(value)
    ]
    for key, value in table.items():
        name = ".".join(_key(part) for part in (*prefix, key))
        if isinstance(value, dict):
            lines.append(f"[{name}]")
            lines.append(write_toml(value, (*prefix, key)))
        elif _is_table_array(value):
            for item in value:
                lines.append(f"[[{name}]]")
                lines.append(write_toml(item, (*prefix, key)))
    return "\n".join(line for line in lines if line) + "\n"


KNOWN_KEYS = sorted(MODULE_KEYS | SEGMENT_KEYS | FIELD_KEYS | {"text", "author", "url", "items"})
keys = st.sampled_from(KNOWN_KEYS) | st.text(min_size=1, max_size=6)
scalars = st.one_of(
    st.sampled_from(["#", "", "x", "roll_call", "breakout", "table", "pick_values", "a.svg"]),
    st.text(max_size=10),
    st.integers(-3, 10),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(keys, children, max_size=4),
        st.lists(st.dictionaries(keys, children, max_size=4), min_size=1, max_size=2),
    ),
    max_leaves=10,
)
documents = st.dictionaries(keys, values, max_size=8)


@FAST
@given(text=st.text(max_size=400))
def test_random_text_loads_or_fails_cleanly(scratch: Path, text: str) -> None:
    load_outcome(scratch, text)


@FAST
@given(data=st.binary(max_size=400))
def test_random_bytes_load_or_fail_cleanly(scratch: Path, data: bytes) -> None:
    load_outcome(scratch, data)


@FAST_NESTED
@given(document=documents)
def test_random_toml_documents_load_or_fail_cleanly(
    scratch: Path, document: dict[str, Any]
) -> None:
    text = write_toml({"format": 1, **document})
    assert tomllib.loads(text) is not None
    load_outcome(scratch, text)


def _leaf_paths(value: Any, path: KeyPath = ()) -> Iterator[KeyPath]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _leaf_paths(child, (*path, key))
    elif _is_table_array(value):
        for index, item in enumerate(value):
            yield from _leaf_paths(item, (*path, index))
    elif path:
        yield path


def _replace(document: Any, path: KeyPath, value: Any) -> None:
    for step in path[:-1]:
        document = document[step]
    document[path[-1]] = value


@FAST
@given(data=st.data())
def test_a_valid_module_with_random_values_swapped_in_loads_or_fails_cleanly(
    scratch: Path, valid_text: str, data: st.DataObject
) -> None:
    document = tomllib.loads(valid_text)
    paths = list(_leaf_paths(document))
    for _ in range(data.draw(st.integers(1, 4))):
        _replace(document, data.draw(st.sampled_from(paths)), data.draw(values))
    text = write_toml(document)

    outcome = load_outcome(scratch, text)

    if isinstance(outcome, ModuleError):
        lines = text.split("\n")
        for problem in outcome.problems:
            assert problem.line <= max(1, len(lines))


@FAST
@given(data=st.data())
def test_a_damaged_module_file_loads_or_fails_cleanly(
    scratch: Path, valid_text: str, data: st.DataObject
) -> None:
    lines = valid_text.split("\n")
    for _ in range(data.draw(st.integers(1, 5))):
        index = data.draw(st.integers(0, len(lines) - 1))
        damage = data.draw(st.sampled_from(["drop", "repeat", "cut", "insert"]))
        if damage == "drop" and len(lines) > 1:
            del lines[index]
        elif damage == "repeat":
            lines.insert(index, lines[index])
        elif damage == "cut":
            lines[index] = lines[index][: data.draw(st.integers(0, len(lines[index])))]
        else:
            lines.insert(index, data.draw(st.text(max_size=30)))
    load_outcome(scratch, "\n".join(lines))


@FAST_NESTED
@given(document=documents)
def test_the_locator_places_every_header_key_on_a_line_naming_it(
    document: dict[str, Any],
) -> None:
    text = write_toml(document)
    lines = text.split("\n")
    located = index_key_lines(text)
    for path in _leaf_paths(tomllib.loads(text)):
        key = path[-1]
        if isinstance(key, str) and _BARE.fullmatch(key):
            assert lines[located.line_of(path) - 1].startswith(f"{key} = "), path
