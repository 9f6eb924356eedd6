"""Read a module file into a ``Module``, or say exactly what is wrong with it and where.

Module files are written by hand, by facilitators who may never have seen TOML, so every problem
is reported as ``file:line: message`` (the form editors and terminals make clickable) and all of a
file's problems come out in one go. There are two entry points:

* ``check_module(path)`` never raises: it returns the module (or ``None``) with every error and
  warning, for ``cofacilitator modules check`` and the catalog.
* ``load_module(path)`` returns the module or raises ``ModuleError``, the one error type of
  loading, for code that just needs a module.

Warnings (a link still to be added) never stop a module from loading.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cofacilitator.paths import resources_dir
from cofacilitator.sessions.locate import KeyLines, index_key_lines
from cofacilitator.sessions.schema import Module
from cofacilitator.sessions.typed_table import Severity
from cofacilitator.sessions.validation import build_module, is_inside_path

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong (``error``) or unfinished (``warning``) in a module file."""

    path: str
    line: int
    message: str
    severity: Severity = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        marker = "" if self.is_error else "warning: "
        return f"{self.path}:{self.line}: {marker}{self.message}"


class ModuleError(Exception):
    """A module file could not be loaded; ``problems`` holds everything found, errors first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = sorted(problems, key=lambda problem: not problem.is_error)
        super().__init__("\n".join(str(problem) for problem in self.problems))


@dataclass(frozen=True)
class CheckResult:
    """What checking one file found: the module when nothing was an error, and every problem."""

    module: Module | None
    problems: tuple[Problem, ...]
    key_lines: KeyLines | None = field(default=None, compare=False, repr=False)
    """Where each key is written, when the file was valid TOML (for messages about the file
    that only make sense next to other files, such as a duplicate module id)."""

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if problem.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if not problem.is_error)


def load_module(path: str | os.PathLike[str]) -> Module:
    """The module in ``path``; warnings are dropped (use ``check_module`` to see them)."""
    result = check_module(path)
    if result.module is None:
        raise ModuleError(result.problems)
    return result.module


def check_module(path: str | os.PathLike[str]) -> CheckResult:
    """Read and validate one module file without raising, whatever the file holds."""
    name = os.fspath(path)
    try:
        data = Path(path).read_bytes()
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        return _failed(name, 1, f"cannot read the file: {reason}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return _failed(
            name,
            line,
            f"the file is not UTF-8 text (byte 0x{data[error.start]:02x}); "
            "save it as UTF-8 in your text editor",
        )
    if not text.strip():
        return _failed(name, 1, "the file is empty")
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line, message = _toml_error_position(str(error), text)
        return _failed(name, line, f"not valid TOML: {message}")
    key_lines = index_key_lines(text)
    module, findings = build_module(
        document, source=name, figure_exists=lambda figure: find_figure(name, figure) is not None
    )
    problems = sorted(
        (
            Problem(name, key_lines.line_of(finding.where), finding.message, finding.severity)
            for finding in findings
        ),
        key=lambda problem: problem.line,
    )
    return CheckResult(module, tuple(problems), key_lines)


def find_figure(module_source: str | os.PathLike[str], figure_path: str) -> Path | None:
    """The image file a module's figure names, or ``None`` when there is none.

    A figure path is looked up next to the module file first (a facilitator's own module keeps
    its images beside it), then under the shipped ``resources/`` folder, so a copy of a shipped
    module in the user folder still shows the shipped figures. A path that leads out of those
    folders, directly or through a symbolic link, is never followed.
    """
    if not figure_path.strip() or not is_inside_path(figure_path):
        return None
    roots = [Path(module_source).parent] if os.fspath(module_source) else []
    roots.append(resources_dir())
    for root in roots:
        try:
            candidate = (root / figure_path).resolve()
            if candidate.is_file() and candidate.is_relative_to(root.resolve()):
                return candidate
        except (OSError, ValueError):
            continue
    return None


def _failed(name: str, line: int, message: str) -> CheckResult:
    return CheckResult(None, (Problem(name, line, message),))


def _toml_error_position(message: str, text: str) -> tuple[int, str]:
    """tomllib puts the position at the end of its message; move it to where editors look."""
    position = _TOML_POSITION.search(message)
    if position is not None:
        line, column = int(position.group(1)), position.group(2)
        return line, f"{message[: position.start()]} (column {column})"
    at_end = _TOML_AT_END.search(message)
    if at_end is not None:
        return max(
            1, text.rstrip("\n").count("\n") + 1
        ), f"{message[: at_end.start()]} (at the end)"
    return 1, message
