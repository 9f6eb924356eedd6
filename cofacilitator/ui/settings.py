"""The facilitator's few preferences, kept as JSON in the data folder.

Settings are a frozen value; :class:`SettingsFile` holds the current one and writes every change
straight away, atomically, so a crash never leaves half a file. A missing, unreadable or partly
wrong file falls back to defaults field by field: a preference must never stop the app starting.
The file object is created once at start-up and passed to whoever needs it (no global).
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

MIN_TEXT_SCALE = 0.5
MAX_TEXT_SCALE = 3.0


@dataclass(frozen=True)
class Settings:
    text_scale: float = 1.0
    """Multiplier on the platform's default font size (Ctrl+plus / Ctrl+minus)."""
    sound_on: bool = True
    """Whether the runner plays a sound when a segment's time is up."""
    last_export_folder: str = ""
    """Where the last export went, so the next save dialog opens there."""


def _valid(name: str, value: Any) -> bool:
    if name == "text_scale":
        return (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and MIN_TEXT_SCALE <= value <= MAX_TEXT_SCALE
        )
    if name == "sound_on":
        return isinstance(value, bool)
    if name == "last_export_folder":
        return isinstance(value, str)
    return False


def parse_settings(raw: object) -> Settings:
    """Keep every well-typed known field of ``raw`` and the default for the rest."""
    if not isinstance(raw, dict):
        return Settings()
    known = {f.name for f in fields(Settings)}
    kept = {name: value for name, value in raw.items() if name in known and _valid(name, value)}
    if "text_scale" in kept:
        kept["text_scale"] = float(kept["text_scale"])
    return Settings(**kept)


class SettingsFile:
    """The settings of one data folder: read once, rewritten on each change."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._current = self._read()

    @property
    def path(self) -> Path:
        return self._path

    @property
    def current(self) -> Settings:
        return self._current

    def update(self, **changes: Any) -> Settings:
        """Apply ``changes`` (field names of :class:`Settings`), save, and return the result."""
        updated = replace(self._current, **changes)
        if updated != self._current:
            self._write(updated)
            self._current = updated
        return updated

    def _read(self) -> Settings:
        try:
            return parse_settings(json.loads(self._path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return Settings()

    def _write(self, settings: Settings) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(asdict(settings), indent=2, sort_keys=True) + "\n"
        handle, temporary = tempfile.mkstemp(
            prefix=".settings-", suffix=".tmp", dir=self._path.parent
        )
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, self._path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
