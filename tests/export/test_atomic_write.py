"""An export or backup on disk is the old file or the new one, never a half-written mix."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from cofacilitator.atomic_write import write_bytes_atomic, write_text_atomic


def test_writes_a_new_file_private_to_the_user(tmp_path: Path) -> None:
    target = tmp_path / "notes.md"
    assert write_text_atomic(target, "# Session 1\n\nCafé ☕\n") == target
    assert target.read_bytes() == "# Session 1\n\nCafé ☕\n".encode()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.md"]


def test_replaces_an_existing_file_and_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "notes.html"
    target.write_text("old")
    os.chmod(target, 0o644)
    write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.html"]


def test_newlines_are_written_as_given(tmp_path: Path) -> None:
    target = tmp_path / "notes.md"
    write_text_atomic(target, "a\nb\r\nc")
    assert target.read_bytes() == b"a\nb\r\nc"


def test_a_failed_write_leaves_the_target_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "export"
    target.mkdir()
    (target / "keep.txt").write_text("kept")
    with pytest.raises(OSError):
        write_text_atomic(target, "cannot replace a folder")
    assert (target / "keep.txt").read_text() == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export"]
