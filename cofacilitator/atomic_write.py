"""Writing a file the user keeps so that it is either the old file or the new one, never half.

The text goes to a temporary file in the target's own folder (a rename is only atomic within one
file system), is flushed and fsynced, then renamed over the target; the folder is fsynced too so
the rename itself survives a power cut. A crash at any point leaves at most a stray hidden
temporary file, never a truncated export or backup.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_text_atomic(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> Path:
    """Replace ``path`` with ``text``; newlines are written as given, on every platform."""
    return write_bytes_atomic(path, text.encode(encoding))


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Replace ``path`` with ``data`` and return the path written.

    A new file is created readable only by the user (exports hold notes about people); an
    existing file keeps its permissions.
    """
    target = Path(path)
    folder = target.parent
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temporary, target.stat().st_mode & 0o7777)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _fsync_folder(folder)
    return target


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable. Windows cannot open a folder for fsync; there the rename is
    already as durable as the platform allows."""
    if os.name == "nt":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
