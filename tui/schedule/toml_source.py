"""Reading schedule text and finding where things are in it.

Parsing uses toml-rs (a compiled TOML 1.0 parser, about ten times faster than `tomllib`
on a large schedule, with the same result). Positions of keys and values are only needed
when there is something to report, so the slower parse that records them runs lazily,
once, and only for files that have diagnostics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import toml_rs

from tui.core.errors import Diagnostic, ScheduleError, unopenable

TOML_VERSION: Final = "1.0.0"
#: Deeper bracket nesting than this is refused before parsing (see `_deeply_nested`).
MAX_NESTING = 64

#: A path into the parsed document, such as ("events", 3, "start").
KeyPath = tuple[str | int, ...]


def read_bytes(path: Path) -> bytes:
    """Read a file, turning every way it cannot be opened into one clear message."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise unopenable(path, error) from None


def decode(data: bytes, name: str) -> str:
    """Bytes to text, or a located error: binary files and bad UTF-8 name their line."""
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ScheduleError(
            [Diagnostic(name, line, 1, "error", "binary data (NUL byte): not a TOML schedule")]
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        line = data[: error.start].count(b"\n") + 1
        column = len(data[line_start : error.start].decode("utf-8", "replace")) + 1
        raise ScheduleError(
            [
                Diagnostic(
                    name,
                    line,
                    column,
                    "error",
                    f"invalid UTF-8 byte 0x{data[error.start]:02x}: save the file as UTF-8",
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")


def parse(text: str, name: str) -> dict[str, Any]:
    """TOML text to a dict; a syntax error becomes a located diagnostic."""
    if not text.strip():
        raise ScheduleError(
            [Diagnostic(name, 1, 1, "error", "empty file: a schedule needs a [schedule] table")]
        )
    if _deeply_nested(text):
        # toml-rs overflows its stack (a crash, not an exception) past a few thousand
        # nested arrays or inline tables; no schedule needs more than a few levels.
        raise ScheduleError(
            [Diagnostic(name, 1, 1, "error", "TOML nested too deeply to be a schedule")]
        )
    try:
        return toml_rs.loads(text, toml_version=TOML_VERSION)
    except toml_rs.TOMLDecodeError as error:
        raise ScheduleError([_syntax_diagnostic(error, name)]) from None
    except RecursionError:
        raise ScheduleError(
            [Diagnostic(name, 1, 1, "error", "TOML nested too deeply to be a schedule")]
        ) from None


_BRACKETS_ONLY = bytes(c for c in range(256) if chr(c) not in "[]{}")
_EMPTY_PAIR = re.compile(rb"\[\]|\{\}")
_OPENERS = re.compile(rb"[\[{]{%d}" % MAX_NESTING)


def _deeply_nested(text: str) -> bool:
    """True if brackets nest past MAX_NESTING (cheap: C-speed passes over brackets only).

    Brackets inside strings are counted too, which can only make this cautious.
    """
    brackets = text.encode("utf-8", "replace").translate(None, _BRACKETS_ONLY)
    for _ in range(MAX_NESTING):
        reduced = _EMPTY_PAIR.sub(b"", brackets)
        if reduced == brackets:
            break
        brackets = reduced
    return _OPENERS.search(brackets) is not None


def _syntax_diagnostic(error: toml_rs.TOMLDecodeError, name: str) -> Diagnostic:
    # toml-rs messages are "TOML parse error at line L, column C\n  |\n L | ...\n  | ^\nreason";
    # the last line is the reason, the rest repeats what path:line:col already says.
    lines = [line for line in str(getattr(error, "msg", error)).splitlines() if line.strip()]
    reason = lines[-1].strip() if lines else "invalid TOML"
    line = int(getattr(error, "lineno", 1) or 1)
    column = int(getattr(error, "colno", 1) or 1)
    return Diagnostic(name, line, column, "error", f"invalid TOML: {reason}{_hint(reason)}")


def _hint(reason: str) -> str:
    """A fix for the TOML mistakes planners make most, where the parser's words don't say."""
    if "(MM:SS)" in reason or "expected `:`" in reason:
        return " (TOML times need seconds: write 10:00:00, not 10:00)"
    if "string values must be quoted" in reason:
        return ' (text goes in quotes: title = "First session")'
    return ""


@dataclass
class Locator:
    """Maps key paths to (line, column), from toml-rs's metadata parse of the same text."""

    text: str
    _meta: Any = field(default=None, init=False, repr=False)
    _headers: dict[str, int] | None = field(default=None, init=False, repr=False)

    @property
    def meta(self) -> Any:
        if self._meta is None:
            try:
                document = toml_rs.load_with_metadata(self.text, toml_version=TOML_VERSION)
                self._meta = document.meta.get("nodes", {})
            except Exception:  # the text parsed once already; be safe regardless
                self._meta = {}
        return self._meta

    def key(self, path: KeyPath) -> tuple[int, int]:
        """Where the key at `path` is written (its table header if the key is missing)."""
        return self._find(path, value=False)

    def value(self, path: KeyPath) -> tuple[int, int]:
        """Where the value at `path` starts."""
        return self._find(path, value=True)

    def table(self, path: KeyPath) -> tuple[int, int]:
        """The header line of the table at `path` ([schedule], [venues.x], [[events]])."""
        if path and path[0] == "events" and len(path) >= 2:
            node = self._walk(path[:2])
            if isinstance(node, dict) and "value_line" in node:
                return node["value_line"], 1
        header = self._header_line(path)
        if header is not None:
            return header, 1
        # No header written (e.g. an inline table): the first key inside it, else line 1.
        node = self._walk(path)
        first = _first_line(node)
        return (first, 1) if first else (1, 1)

    def _find(self, path: KeyPath, *, value: bool) -> tuple[int, int]:
        # Walk as deep as the metadata goes; report the deepest position found, and the
        # table's header when the key itself is not written (a missing required key).
        table_depth = {"schedule": 1, "venues": 2, "events": 2}.get(str(path[0]), 0)
        for depth in range(len(path), table_depth, -1):
            node = self._walk(path[:depth])
            if isinstance(node, dict):
                if depth == len(path) and value and "value_line" in node:
                    return node["value_line"], _column(node["value_col"])
                if "key_line" in node:
                    return node["key_line"], _column(node["key_col"])
                if "value_line" in node:
                    return node["value_line"], _column(node["value_col"])
                if depth == len(path) and isinstance(path[-1], str):
                    found = self._sub_table(node, path[-1])
                    if found:
                        return found
        if table_depth:
            return self.table(path[:table_depth])
        header = self._header_line(path[:1])
        return (header, 1) if header else (1, 1)

    def _sub_table(self, node: dict[str, Any], name: str) -> tuple[int, int] | None:
        """Where a table with no position of its own starts: its `[a.b.name]` header, or
        the dotted key `name.x = ...` that created it."""
        first = _first_line(node)
        if not first:
            return None
        lines = self.text.splitlines()
        line = lines[first - 1] if first <= len(lines) else ""
        if not _HEADER.match(line):
            for number in range(first - 1, 0, -1):
                if not lines[number - 1].lstrip().startswith("["):
                    continue
                header = _HEADER.match(lines[number - 1])
                if header and header.group(1).rsplit(".", 1)[-1].strip().strip("\"'") == name:
                    return number, 1
                break
        column = line.find(name)
        return first, column + 1 if column >= 0 else 1

    def _walk(self, path: KeyPath) -> Any:
        node: Any = self.meta
        for part in path:
            if isinstance(node, dict) and ("key_line" in node or "value_line" in node):
                node = node.get("value")
            if isinstance(part, int):
                if not isinstance(node, list) or part >= len(node):
                    return None
                node = node[part]
            else:
                if not isinstance(node, dict) or part not in node:
                    return None
                node = node[part]
        return node

    def _header_line(self, path: KeyPath) -> int | None:
        if self._headers is None:
            self._headers = {}
            for number, line in enumerate(self.text.splitlines(), start=1):
                match = _HEADER.match(line)
                if match:
                    dotted = ".".join(
                        part.strip().strip("\"'") for part in match.group(1).split(".")
                    )
                    self._headers.setdefault(dotted, number)
        key = ".".join(str(part) for part in path[:2])
        return self._headers.get(key)

    def event_line_for_id(self, event_id: str) -> int | None:
        """Line of the `[[events]]` header of the event with this id."""
        events = self._walk(("events",))
        if isinstance(events, dict):
            events = events.get("value")
        for item in events if isinstance(events, list) else []:
            body = item.get("value") if isinstance(item, dict) else None
            id_node = body.get("id") if isinstance(body, dict) else None
            if isinstance(id_node, dict) and id_node.get("value") == event_id:
                return _line(item.get("value_line"))
        return None


_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")


def _column(span: int | tuple[int, int] | list[int]) -> int:
    """toml-rs gives a column as (start, end) for most values, a bare int for some."""
    return int(span[0] if isinstance(span, (tuple, list)) else span)


def _line(value: object) -> int | None:
    """A line number from the metadata, which the parser types only loosely."""
    return value if isinstance(value, int) else None


def _first_line(node: object, depth: int = 0) -> int | None:
    if depth > 50:
        return None
    if isinstance(node, dict):
        if "key_line" in node:
            return _line(node["key_line"])
        lines = [_first_line(child, depth + 1) for child in node.values()]
        found = [line for line in lines if line]
        return min(found) if found else None
    if isinstance(node, list):
        found = [line for line in (_first_line(c, depth + 1) for c in node) if line]
        return min(found) if found else None
    return None
