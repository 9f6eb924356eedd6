"""A small valid module and a way to write variants of it, shared by the module-file tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

VALID_MODULE = """\
format = 1
id = "test-module"
version = 1
number = 2
title = "Test module"
summary = "A module for tests."
key_lessons = ["One lesson", "Another lesson"]
values = ["Kindness", "Openness", "Care"]

[epigraph]
text = "A quote."
author = "Someone"

[[segments]]
id = "roll-call"
kind = "roll_call"
title = "Roll call"
minutes = 10

[segments.answer]
id = "three-values"
kind = "pick_values"
label = "Pick three values"
pick = 3

[[segments]]
id = "discuss"
kind = "open_discussion"
title = "Discussion"
minutes = 20
optional = true

[[segments.prompts]]
id = "why"
text = "Why?"
details = ["Why really?"]

[[segments.prompts]]
id = "how"
text = "How?"

[[segments]]
id = "purpose"
kind = "fill_in_table"
title = "Purpose and outcomes"
minutes = 15
columns = ["Project", "Purpose", "Outcomes"]

[assignment]
id = "assignment-2"
title = "After the call"
body = "Write it down."

[[assignment.fields]]
id = "story"
kind = "long_text"
label = "Your story"

[[assignment.fields]]
id = "roadmap"
kind = "roadmap"
label = "Roadmap"
milestones = ["6 months", "1 year"]

[[readings]]
title = "Reading recommendation"

[[readings.items]]
title = "A link"
url = "https://example.org/reading"
"""


@pytest.fixture(scope="session")
def valid_text() -> str:
    """Session-scoped so that hypothesis tests may use it too."""
    return VALID_MODULE


@pytest.fixture
def write_module(tmp_path: Path) -> Callable[..., Path]:
    """Write text (or bytes) as a module file in ``tmp_path`` and return its path."""

    def write(content: str | bytes, name: str = "module.toml", folder: Path | None = None) -> Path:
        path = (folder or tmp_path) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


DOCS = Path(__file__).resolve().parents[2] / "docs"


def _documented_block(document: str, label: str) -> str:
    """The fenced block that follows ``<!-- example: LABEL -->`` in a page of docs/."""
    text = (DOCS / document).read_text(encoding="utf-8")
    marker = f"<!-- example: {label} -->"
    assert marker in text, f"{document} lost its '{label}' example"
    after = text[text.index(marker) + len(marker) :]
    opening = after.index("```")
    body_start = after.index("\n", opening) + 1
    return after[body_start : after.index("\n```", body_start) + 1]


@pytest.fixture
def documented_example(tmp_path: Path) -> Path:
    """The complete example module of docs/module-format.md, as a file."""
    path = tmp_path / "facilitation-basics.toml"
    path.write_text(_documented_block("module-format.md", "complete module"), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def documented_block() -> Callable[[str, str], str]:
    """Reads the fenced block after ``<!-- example: LABEL -->`` in a page of docs/."""
    return _documented_block
