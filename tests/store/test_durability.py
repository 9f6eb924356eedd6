"""A commit that returned survives the writer being killed outright (SIGKILL, no cleanup)."""

from __future__ import annotations

import random
import selectors
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select, text

from cofacilitator.store.database import open_store
from cofacilitator.store.models import Note

WRITER = Path(__file__).with_name("durability_writer.py")
DEADLINE_SECONDS = 30


def _read_commits(process: subprocess.Popen[str], wanted: int) -> list[int]:
    """Read ``committed <id>`` lines until ``wanted`` of them, within a bounded wait."""
    assert process.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    committed: list[int] = []
    deadline = time.monotonic() + DEADLINE_SECONDS
    while len(committed) < wanted:
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"writer reported only {len(committed)} commits in time"
        if not selector.select(timeout=remaining):
            continue
        line = process.stdout.readline()
        assert line, f"writer stopped early: {process.stderr.read() if process.stderr else ''}"
        committed.append(int(line.removeprefix("committed ")))
    selector.close()
    return committed


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database at head, copied for each attempt: migrating twenty times would be slow."""
    path = tmp_path_factory.mktemp("template") / "durability.sqlite"
    open_store(f"sqlite:///{path}").dispose()
    return path


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("attempt", range(20))
def test_every_reported_commit_survives_sigkill(
    tmp_path: Path, migrated: Path, attempt: int
) -> None:
    database = tmp_path / "durability.sqlite"
    shutil.copyfile(migrated, database)
    url = f"sqlite:///{database}"
    wanted = random.Random(attempt).randint(50, 200)
    process = subprocess.Popen(
        [sys.executable, str(WRITER), url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        committed = _read_commits(process, wanted)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=DEADLINE_SECONDS)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
    assert process.returncode == -signal.SIGKILL

    store = open_store(url, migrate=False)
    with store.session_factory() as session:
        stored = set(session.scalars(select(Note.id)))
        assert set(committed) <= stored
        assert session.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
    store.dispose()
