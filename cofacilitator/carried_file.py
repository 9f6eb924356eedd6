"""Reading the files people carry by hand (hand-back, peer feedback, invitation, concern).

Every such file comes from outside and is read as untrusted: refused whole, with one exception
per kind of file whose ``reason_kind`` says why and whose message names the file and says what to
do. What the kinds share is here: that exception's shape, reading no more than a size limit (a
huge file is refused before it is read), JSON that refuses what no file of ours holds, times
written as UTC with a ``Z`` and read back as the store keeps them (naive UTC), and checking that a
document is of a format and version this app reads.

That last check raises one of four plain errors (:class:`NotThisFormat`, :class:`CutOff`,
:class:`NewerFormat`, :class:`Damaged`), which each kind of file turns into its own refusal with
its own advice.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class FileRefused(Exception):
    """A carried file that was not accepted; ``str()`` is the message."""

    def __init__(self, reason_kind: StrEnum, message: str) -> None:
        super().__init__(message)
        self.reason_kind = reason_kind
        self.message = message


class NotThisFormat(ValueError):
    """The file holds nothing of the format, nor any trace of it."""


class CutOff(ValueError):
    """The file ends before its content does; ``str()`` says where it was cut."""


class NewerFormat(ValueError):
    """A newer version of the app wrote the file."""

    def __init__(self, version: int) -> None:
        super().__init__(f"format version {version}")
        self.version = version


class Damaged(ValueError):
    """The file was damaged or edited; ``str()`` says what is wrong with it."""


def file_label(path: Path) -> str:
    """How refusal messages name the file at ``path``."""
    return path.name or str(path)


def read_limited(
    path: Path,
    max_bytes: int,
    *,
    oversized: Callable[[str], FileRefused],
    unreadable: Callable[[str], FileRefused],
) -> bytes:
    """The bytes of ``path``, at most ``max_bytes + 1`` of them, so the parser can tell that a
    file grew while it was read. A file already larger is refused by ``oversized(label)``, one
    that cannot be read by ``unreadable(message)``."""
    name = file_label(path)
    try:
        with path.open("rb") as stream:
            if os.fstat(stream.fileno()).st_size > max_bytes:
                raise oversized(name)
            return stream.read(max_bytes + 1)
    except OSError as error:
        raise unreadable(f"{name} could not be read ({error.strerror or error}).") from error


def load_finite_json(text: str, **hooks: Any) -> Any:
    """``json.loads`` refusing NaN and infinite numbers with ``ValueError``: they are valid to
    Python's parser, but no file of ours holds one and no checksum can encode it.

    ``hooks`` are passed on (``object_pairs_hook``, for instance).
    """
    return json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float, **hooks)


def checked_version(document: dict[str, Any], version: int) -> None:
    """Raise ``NewerFormat`` or ``Damaged`` unless ``document`` names ``version`` exactly."""
    found = document.get("version")
    if isinstance(found, int) and not isinstance(found, bool) and found > version:
        raise NewerFormat(found)
    if found != version or isinstance(found, bool):
        raise Damaged("its format version is unreadable")


def json_document(
    text: str, format_name: str, version: int, build: Callable[[dict[str, Any]], T]
) -> T:
    """What ``build`` makes of the JSON object in ``text``, which names ``format_name`` and
    ``version``.

    ``build`` raises ``KeyError`` for a missing entry, ``TypeError`` or ``ValueError`` for a
    wrong one. Raises ``NotThisFormat``, ``NewerFormat`` or ``Damaged``.
    """
    try:
        document = load_finite_json(text)
    except (ValueError, RecursionError) as error:
        if format_name in text:
            raise Damaged("it is not complete JSON") from error
        raise NotThisFormat(format_name) from error
    if not isinstance(document, dict) or document.get("format") != format_name:
        raise NotThisFormat(format_name)
    checked_version(document, version)
    try:
        return build(document)
    except KeyError as error:
        raise Damaged(f"{error.args[0]} is missing") from error
    except (TypeError, ValueError, AttributeError) as error:
        raise Damaged(str(error)) from error


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def _finite_float(text: str) -> float:
    """``1e999`` is valid JSON but infinite."""
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{text} is out of range")
    return number


def naive_utc(moment: datetime) -> datetime:
    """``moment`` as the store keeps times: naive UTC (a naive one is taken to be UTC already)."""
    if moment.tzinfo is not None:
        return moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def time_for_file(moment: datetime) -> str:
    """``moment`` as files carry it: ISO 8601 in UTC, marked ``Z``."""
    return naive_utc(moment).isoformat() + "Z"


def time_from_file(text: str) -> datetime:
    """A time a file carries (ISO 8601, with ``Z``, an offset or neither), as naive UTC.

    Raises ``ValueError`` when ``text`` is not a time.
    """
    return naive_utc(datetime.fromisoformat(text))
