"""Where keys and values are written: key paths to (line, column), for diagnostics.

Positions come from toml-rs's metadata parse, which is slower than the plain parse and is
only needed when there is something to report, so it runs lazily, once. Its raw numbers
need care: a value spread over several lines has a line *range*, and columns count UTF-8
bytes; diagnostics give the first line and count characters, like `docket check`'s other
messages. Tables made by a header (`[venues.x]`) or by dotted keys have no position of
their own, so their headers are read from the text (see `tui.schedule.headers`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import toml_rs

from tui.schedule.event_keys import EventKeys
from tui.schedule.headers import HeaderIndex, find_headers
from tui.schedule.nesting import MAX_NESTING, too_deep
from tui.schedule.toml_source import TOML_VERSION, KeyPath

Position = tuple[int, int]


@dataclass
class Locator:
    """Maps key paths to (line, column), from toml-rs's metadata parse of the same text."""

    text: str
    _meta: Any = field(default=None, init=False, repr=False)
    _headers: HeaderIndex | None = field(default=None, init=False, repr=False)
    _lines: list[str] | None = field(default=None, init=False, repr=False)
    _event_keys: EventKeys | None = field(default=None, init=False, repr=False)

    @property
    def meta(self) -> Any:
        if self._meta is None:
            self._meta = {}
            if too_deep(self.text) is None:  # the metadata parse crashes sooner than loads
                try:
                    document = toml_rs.load_with_metadata(self.text, toml_version=TOML_VERSION)
                    self._meta = document.meta.get("nodes", {})
                except Exception:  # the text parsed once already; be safe regardless
                    pass
        return self._meta

    def release(self) -> None:
        """Let go of the metadata tree (rebuilt if asked again, as `e` does): once a load's
        issues are located it is about 120 MB at 10,000 events, kept alive for as long as
        the loaded schedule lives. (The peak stays: the tree is built to locate them.)"""
        self._meta = None
        self._lines = None

    def key(self, path: KeyPath) -> Position:
        """Where the key at `path` is written (for a table made by a header: the header)."""
        return self._find(path, value=False)

    def value(self, path: KeyPath) -> Position:
        """Where the value at `path` starts: an event's own key from the lines themselves
        when it can be (`event_keys`: what every warning points at), else the metadata."""
        if len(path) == 3 and path[0] == "events":
            index, key = path[1], path[2]
            if isinstance(index, int) and isinstance(key, str):
                if self._event_keys is None:
                    self._event_keys = EventKeys(self.text, self._line_text)
                found = self._event_keys.value(index, key)
                if found is not None:
                    return found
        return self._find(path, value=True)

    def table(self, path: KeyPath) -> Position:
        """The header of the table at `path` ([schedule], [venues.x], [[events]]): where a
        missing key is reported. For an inline table, the key that names it."""
        if not path:
            return 1, 1
        return self._table(path) or self._find(path[:-1], value=False)

    def event_line_for_id(self, event_id: str) -> int | None:
        """Line of the `[[events]]` header of the event with this id."""
        events = self._walk(("events",))
        for item in events if isinstance(events, list) else []:
            body = item.get("value") if isinstance(item, dict) else None
            id_node = body.get("id") if isinstance(body, dict) else None
            if isinstance(id_node, dict) and id_node.get("value") == event_id:
                return _first(item.get("value_line"))
        return None

    # -- finding ---------------------------------------------------------------------------

    def _find(self, path: KeyPath, *, value: bool) -> Position:
        """The position at `path`, else at the deepest part of it that is written."""
        for depth in range(len(path), 0, -1):
            node = self._node(path[:depth])
            if node is None:
                continue
            if _positioned(node):
                return self._own(node, value=value and depth == len(path))
            found = self._table(path[:depth])
            if found:
                return found
        return 1, 1

    def _own(self, node: dict[str, Any], *, value: bool) -> Position:
        order = ("value", "key") if value else ("key", "value")
        for kind in order:
            line = _first(node.get(f"{kind}_line"))
            if line:  # an [[array]] element's value is its header
                return line, self._column(line, node.get(f"{kind}_col"))
        return 1, 1

    def _table(self, path: KeyPath) -> Position | None:
        """Where the table at `path` begins: its own position, header or first dotted key."""
        node = self._node(path)
        if node is None:
            return None
        if _positioned(node):
            return self._own(node, value=False)
        candidates: list[Position] = []
        header = self._header(path)
        if header:
            candidates.append((header, 1))
        first = _first_line(node)
        if first:
            # A table made by dotted keys (`meta.x = 1`): the line of the first such key.
            name = str(path[-1])
            text = self._line_text(first)
            column = text.find(name)
            candidates.append((first, column + 1 if column >= 0 else 1))
        return min(candidates) if candidates else None

    def _header(self, path: KeyPath) -> int | None:
        """Line of the first header naming this table (or one inside it), within the
        [[array]] element the path goes through, if any."""
        if self._headers is None:
            self._headers = HeaderIndex(find_headers(self.text))
        names = tuple(str(part) for part in path if isinstance(part, str))
        low, high = 0, None
        for index, part in enumerate(path):
            if isinstance(part, int):  # between this element's header and the next one's
                here = self._node(path[: index + 1])
                after = self._node((*path[:index], part + 1))
                low = (_first(here.get("value_line")) or 0) if isinstance(here, dict) else 0
                high = _first(after.get("value_line")) if isinstance(after, dict) else None
        return self._headers.first(names, low, high)

    def _node(self, path: KeyPath) -> Any:
        """The metadata node at `path` (a positioned dict for a key or an item, a plain
        dict for a table), or None."""
        node: Any = self.meta
        for part in path:
            if _positioned(node):
                node = node.get("value")
            if isinstance(part, int):
                if not isinstance(node, list) or not 0 <= part < len(node):
                    return None
            elif not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
        return node

    def _walk(self, path: KeyPath) -> Any:
        """The value under the node at `path` (a list of items for an array)."""
        node = self._node(path)
        return node.get("value") if _positioned(node) else node

    # -- columns ---------------------------------------------------------------------------

    def _line_text(self, line: int) -> str:
        if self._lines is None:
            self._lines = self.text.split("\n")  # not splitlines: TOML ends lines at \n only
        return self._lines[line - 1] if 0 < line <= len(self._lines) else ""

    def _column(self, line: int, span: object) -> int:
        """toml-rs counts UTF-8 bytes from 1, as (start, end) or a bare start: characters."""
        column = span[0] if isinstance(span, (tuple, list)) and span else span
        if not isinstance(column, int) or column < 1:
            return 1
        text = self._line_text(line)
        if text.isascii():
            return column
        return (
            len(text.encode("utf-8", "surrogatepass")[: column - 1].decode("utf-8", "replace")) + 1
        )


def _positioned(node: object) -> bool:
    """Whether a metadata node is a key or an array item (with a position of its own),
    rather than a table's keys (one of which may be called `key_line`)."""
    if not isinstance(node, dict):
        return False
    line = node.get("key_line", node.get("value_line"))
    return isinstance(line, (int, tuple, list))


def _first(value: object) -> int | None:
    """A line from the metadata: an int, or a (first, last) range for a value spread over
    several lines, which the parser types only loosely."""
    if isinstance(value, (tuple, list)):
        value = value[0] if value else None
    return value if isinstance(value, int) and value > 0 else None


def _first_line(node: object, depth: int = 0) -> int | None:
    """The first line of anything written inside a metadata node."""
    if depth > MAX_NESTING + 2:
        return None
    if isinstance(node, dict) and _positioned(node):
        return _first(node.get("key_line")) or _first(node.get("value_line"))
    if isinstance(node, dict):
        children: list[Any] = list(node.values())
    elif isinstance(node, list):
        children = node
    else:
        return None
    found = [line for line in (_first_line(child, depth + 1) for child in children) if line]
    return min(found) if found else None
