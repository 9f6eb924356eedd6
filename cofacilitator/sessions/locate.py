"""Find the line a key is written on in a TOML module file.

``tomllib`` gives a line number only for syntax errors. A facilitator told that ``minutes`` is
wrong in a forty-segment file needs the line as well, so this scanner walks the text once the way
TOML reads it (table headers, arrays of tables, dotted keys) and remembers where each key path such
as ``("segments", 3, "kind")`` is written. It only has to be right for text ``tomllib`` accepted;
anything it cannot place falls back to the nearest enclosing table, then to line 1.
"""

from __future__ import annotations

import re
import tomllib

KeyPath = tuple[str | int, ...]
"""Keys and list indexes from the top of the document, e.g. ``("assignment", "fields", 2)``."""

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_MULTILINE_DELIMITERS = ('"""', "'''")


class KeyLines:
    """Where each table and key of one document starts."""

    def __init__(self, lines: dict[KeyPath, int]) -> None:
        self._lines = lines

    def line_of(self, path: KeyPath) -> int:
        """The key's own line, else its closest enclosing table's, else 1.

        Missing keys (a segment without ``title``) land on the header of the table that should
        have held them, which is where the facilitator has to add them.
        """
        for end in range(len(path), 0, -1):
            line = self._lines.get(path[:end])
            if line is not None:
                return line
        return 1


def index_key_lines(text: str) -> KeyLines:
    """Map every table header and key in ``text`` to its line number (1-based)."""
    scanner = _Scanner()
    # Only "\n" ends a line in TOML; str.splitlines() would also split on characters such as
    # U+2028 that may sit inside a string, and every line number after them would be wrong.
    for number, line in enumerate(text.split("\n"), start=1):
        scanner.feed(line.removesuffix("\r"), number)
    return KeyLines(scanner.lines)


class _Scanner:
    """Line-by-line TOML reader that tracks only what decides where a key lives.

    Values are skipped, but strings and brackets are followed so that text inside a multi-line
    string or array (a markdown ``body`` that contains ``title = x``) is never taken for a key.
    """

    def __init__(self) -> None:
        self.lines: dict[KeyPath, int] = {}
        self._table: KeyPath = ()
        self._array_lengths: dict[KeyPath, int] = {}
        self._open_string: str | None = None
        self._depth = 0

    def feed(self, line: str, number: int) -> None:
        if self._open_string is not None or self._depth > 0:
            self._skip_value(line, 0)
            return
        stripped = line.lstrip()
        if not stripped or stripped.startswith("#"):
            return
        start = len(line) - len(stripped)
        if stripped.startswith("[["):
            self._open_array_table(line, start + 2, number)
        elif stripped.startswith("["):
            self._open_table(line, start + 1, number)
        else:
            self._read_key_value(line, start, number)

    def _open_table(self, line: str, start: int, number: int) -> None:
        parts, _ = _parse_key(line, start)
        if parts:
            self._table = self._resolve(parts)
            self.lines.setdefault(self._table, number)

    def _open_array_table(self, line: str, start: int, number: int) -> None:
        parts, _ = _parse_key(line, start)
        if not parts:
            return
        array = (*self._resolve(parts[:-1]), parts[-1])
        index = self._array_lengths.get(array, 0)
        self._array_lengths[array] = index + 1
        self._table = (*array, index)
        self.lines.setdefault(array, number)
        self.lines.setdefault(self._table, number)

    def _resolve(self, parts: tuple[str, ...]) -> KeyPath:
        """Header names refer to the latest element of any array of tables they pass through."""
        path: KeyPath = ()
        for part in parts:
            path = (*path, part)
            length = self._array_lengths.get(path)
            if length:
                path = (*path, length - 1)
        return path

    def _read_key_value(self, line: str, start: int, number: int) -> None:
        parts, position = _parse_key(line, start)
        if not parts:
            return
        for end in range(1, len(parts) + 1):
            self.lines.setdefault((*self._table, *parts[:end]), number)
        equals = line.find("=", position)
        if equals >= 0:
            self._skip_value(line, equals + 1)

    def _skip_value(self, line: str, position: int) -> None:
        length = len(line)
        while position < length:
            if self._open_string is not None:
                position = self._skip_multiline(line, position)
                continue
            char = line[position]
            if char == "#":
                return
            delimiter = line[position : position + 3]
            if delimiter in _MULTILINE_DELIMITERS:
                self._open_string = delimiter
                position += 3
            elif char in "\"'":
                position = _skip_string(line, position)
            else:
                if char in "[{":
                    self._depth += 1
                elif char in "]}":
                    self._depth = max(0, self._depth - 1)
                position += 1

    def _skip_multiline(self, line: str, position: int) -> int:
        delimiter = self._open_string or '"""'
        quote = delimiter[0]
        length = len(line)
        while position < length:
            char = line[position]
            if char == "\\" and quote == '"':
                position += 2
            elif char == quote:
                run = len(line[position:]) - len(line[position:].lstrip(quote))
                position += run
                if run >= 3:
                    self._open_string = None
                    return position
            else:
                position += 1
        return length


def _skip_string(line: str, position: int) -> int:
    """Index just past the one-line string opening at ``position``."""
    quote = line[position]
    position += 1
    while position < len(line):
        char = line[position]
        if char == "\\" and quote == '"':
            position += 2
        elif char == quote:
            return position + 1
        else:
            position += 1
    return position


def _parse_key(line: str, position: int) -> tuple[tuple[str, ...], int]:
    """Read a possibly dotted, possibly quoted key; return its parts and the index after it."""
    parts: list[str] = []
    length = len(line)
    while True:
        while position < length and line[position] in " \t":
            position += 1
        if position >= length:
            break
        if line[position] in "\"'":
            end = _skip_string(line, position)
            parts.append(_unquote(line[position:end]))
            position = end
        else:
            match = _BARE_KEY.match(line, position)
            if match is None:
                break
            parts.append(match.group())
            position = match.end()
        while position < length and line[position] in " \t":
            position += 1
        if position < length and line[position] == ".":
            position += 1
            continue
        break
    return tuple(parts), position


def _unquote(token: str) -> str:
    """Let tomllib decode the escapes of a quoted key, so the scanner agrees with the parser."""
    try:
        value = tomllib.loads(f"key = {token}")["key"]
    except tomllib.TOMLDecodeError:
        return token.strip("\"'")
    return value if isinstance(value, str) else token
