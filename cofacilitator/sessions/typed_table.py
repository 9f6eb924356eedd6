"""Typed, located reading of one TOML table, where every misuse becomes a finding.

The module builder in ``validation.py`` reads dozens of keys, each of which can be missing, of the
wrong type or misspelt. Doing those checks here, once, keeps the builder about the module format
itself and keeps the wording of the messages consistent from key to key.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any, Literal, TypeVar

from cofacilitator.sessions.locate import KeyPath

Severity = Literal["error", "warning"]

_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
_E = TypeVar("_E", bound=StrEnum)


@dataclass(frozen=True)
class Finding:
    """A problem found at a key path, before it is given a file and a line."""

    where: KeyPath
    message: str
    severity: Severity = "error"


class Findings:
    """Everything found in one file, in the order it was read."""

    def __init__(self) -> None:
        self.items: list[Finding] = []

    def error(self, where: KeyPath, owner: str, message: str) -> None:
        self.items.append(Finding(where, _say(owner, message)))

    def warn(self, where: KeyPath, owner: str, message: str) -> None:
        self.items.append(Finding(where, _say(owner, message), "warning"))

    @property
    def has_errors(self) -> bool:
        return any(item.severity == "error" for item in self.items)

    def error_count(self) -> int:
        """Lets a builder tell whether the part it just read added errors."""
        return sum(item.severity == "error" for item in self.items)


def _say(owner: str, message: str) -> str:
    return f"{owner}: {message}" if owner else message


def type_name(value: object) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, datetime | date | time):
        return "a date or time"
    return type(value).__name__


def _slug_hint(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "my-id"


class TypedTable:
    """Typed, located access to one TOML table; every misuse becomes a finding, not an exception.

    Unknown keys are reported as soon as the table is opened, with the closest allowed spelling,
    because a typo such as ``titel`` would otherwise be silently ignored.
    """

    def __init__(
        self,
        data: dict[str, Any],
        where: KeyPath,
        owner: str,
        allowed: frozenset[str],
        findings: Findings,
    ) -> None:
        self.data = data
        self.where = where
        self.owner = owner
        self.findings = findings
        for key in data:
            if key not in allowed:
                close = difflib.get_close_matches(key, sorted(allowed), n=1)
                hint = (
                    f"did you mean '{close[0]}'?"
                    if close
                    else "allowed: " + ", ".join(sorted(allowed))
                )
                findings.error((*where, key), owner, f"unknown key '{key}' ({hint})")

    def at(self, key: str | int, *more: str | int) -> KeyPath:
        return (*self.where, key, *more)

    def error(self, key: str, message: str) -> None:
        self.findings.error(self.at(key), self.owner, message)

    def warn(self, key: str, message: str) -> None:
        self.findings.warn(self.at(key), self.owner, message)

    def _typed(self, key: str, kind: type, expected: str) -> Any:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) and kind is not bool:
            self.error(key, f"'{key}' should be {expected}, not true or false")
            return None
        if not isinstance(value, kind):
            self.error(key, f"'{key}' should be {expected}, not {type_name(value)}")
            return None
        return value

    def text(self, key: str, *, required: bool = False) -> str:
        value = self._typed(key, str, "text in quotes")
        if required and key not in self.data:
            self.error(key, f"'{key}' is missing")
        elif required and value is not None and not value.strip():
            self.error(key, f"'{key}' is empty")
        return value or ""

    def slug(self, key: str = "id") -> str:
        value = self.text(key, required=True)
        if value.strip() and not _SLUG.fullmatch(value):
            self.error(
                key,
                f"'{value}' is not a valid {key}: use lowercase letters, digits and hyphens, "
                f"starting with a letter or digit (for example '{_slug_hint(value)}')",
            )
        return value

    def whole(self, key: str, *, minimum: int, required: bool = True, default: int = 0) -> int:
        value = self._typed(key, int, "a whole number")
        if value is None:
            if required and key not in self.data:
                self.error(key, f"'{key}' is missing")
            return default
        if value < minimum:
            self.error(key, f"'{key}' must be {minimum} or more, not {value}")
        return int(value)

    def flag(self, key: str) -> bool:
        return bool(self._typed(key, bool, "true or false"))

    def texts(self, key: str) -> tuple[str, ...]:
        values = self._typed(key, list, 'a list of text (like ["one", "two"])')
        if values is None:
            return ()
        good: list[str] = []
        for index, value in enumerate(values):
            if not isinstance(value, str):
                self.findings.error(
                    self.at(key, index),
                    self.owner,
                    f"item {index + 1} of '{key}' should be text, not {type_name(value)}",
                )
            elif not value.strip():
                self.findings.error(
                    self.at(key, index), self.owner, f"item {index + 1} of '{key}' is empty"
                )
            else:
                good.append(value)
        return tuple(good)

    def choice(self, key: str, enum: type[_E], what: str) -> _E | None:
        value = self.text(key, required=True)
        if not value.strip():
            return None
        try:
            return enum(value)
        except ValueError:
            names = [member.value for member in enum]
            close = difflib.get_close_matches(value, names, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            self.error(key, f"unknown {what} '{value}' ({hint}use one of: {', '.join(names)})")
            return None

    def table(self, key: str, owner: str, allowed: frozenset[str]) -> TypedTable | None:
        value = self._typed(key, dict, f"a table ([{key}])")
        return (
            None
            if value is None
            else TypedTable(value, self.at(key), owner, allowed, self.findings)
        )

    def tables(self, key: str, header: str) -> Iterator[tuple[int, dict[str, Any]]]:
        """Each element of an array of tables; elements that are not tables are reported."""
        values = self._typed(key, list, f"a list of tables, each starting with [[{header}]]")
        for index, value in enumerate(values or ()):
            if isinstance(value, dict):
                yield index, value
            else:
                self.findings.error(
                    self.at(key, index),
                    self.owner,
                    f"item {index + 1} of '{key}' should be a table ([[{header}]]), "
                    f"not {type_name(value)}",
                )
