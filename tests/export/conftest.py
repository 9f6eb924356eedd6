"""Fixtures for the export tests: a migrated SQLite store per test, and golden-file comparison.

Golden files are rewritten only on request: ``pytest tests/export --update-golden``. Review the
diff before committing; a golden file is the export a facilitator would send out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cofacilitator.store.database import Store
from tests.conftest import StoreCopier

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"


@pytest.fixture
def store(store_copy: StoreCopier) -> Store:
    return store_copy("cohorts.sqlite")


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare an export with ``golden/<name>``, or rewrite it under ``--update-golden``."""
    update = bool(request.config.getoption("--update-golden"))

    def check(name: str, actual: str) -> None:
        path = GOLDEN_DIR / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="\n")
            return
        if not path.exists():
            pytest.fail(f"no golden file {path}; run pytest tests/export --update-golden")
        assert actual == path.read_text(encoding="utf-8"), f"export differs from {path}"

    return check
