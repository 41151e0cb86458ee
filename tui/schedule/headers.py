"""The `[table]` and `[[array]]` headers of a TOML text, with their lines and key parts.

toml-rs's metadata gives no position to a table made by a header, yet a missing key is
reported at its table's header. Reading headers line by line needs two cares a regular
expression alone gets wrong: a line inside a multi-line string that looks like a header
is text (a `[draft]` line in multi-line notes), and a quoted part may hold dots or brackets
(`[venues."u.n"]`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from tui.schedule.dialect import STRING_OR_COMMENT, loads

_HEADER_LINE = re.compile(r"^[ \t]*(\[\[?)(.*)$", re.MULTILINE)
_PART = re.compile(r"""[ \t]*(?:([A-Za-z0-9_-]+)|"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)')[ \t]*""")
_STRING_OR_COMMENT = re.compile(STRING_OR_COMMENT)


@dataclass(frozen=True, slots=True)
class Header:
    line: int
    parts: tuple[str, ...]
    array: bool


@dataclass(slots=True)
class _Branch:
    """Headers whose parts begin with one key prefix: their lines (in file order) and the
    longer prefixes below."""

    lines: list[int] = field(default_factory=list)
    below: dict[str, _Branch] = field(default_factory=dict)


class HeaderIndex:
    """The headers of a text by key prefix, so that finding one costs the length of the
    key path, not the number of headers: a file with 30,000 errors at 30,000 headers is
    located in linear time (a scan per error took 50 s)."""

    def __init__(self, headers: list[Header]) -> None:
        self._root = _Branch()
        for header in headers:  # in file order, so every list of lines stays sorted
            branch = self._root
            branch.lines.append(header.line)
            for part in header.parts:
                branch = branch.below.setdefault(part, _Branch())
                branch.lines.append(header.line)

    def first(
        self, names: tuple[str, ...], after: int = 0, before: int | None = None
    ) -> int | None:
        """Line of the first header naming `names` (or a table inside it) after line `after`
        and before line `before` (None: to the end)."""
        branch = self._root
        for name in names:
            found = branch.below.get(name)
            if found is None:
                return None
            branch = found
        index = bisect_right(branch.lines, after)
        if index == len(branch.lines):
            return None
        line = branch.lines[index]
        return line if before is None or line < before else None


def find_headers(text: str) -> list[Header]:
    """Every header in `text`, in file order."""
    hidden = lines_inside_strings(text) if ('"""' in text or "'''" in text) else set()
    headers = []
    line, counted = 1, 0
    for match in _HEADER_LINE.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        if line in hidden:
            continue
        parts = _parts(match.group(2))
        if parts:
            headers.append(Header(line, parts, match.group(1) == "[["))
    return headers


def _parts(rest: str) -> tuple[str, ...]:
    """The key parts of a header, from just after its opening bracket(s)."""
    parts: list[str] = []
    position = 0
    while True:
        match = _PART.match(rest, position)
        if match is None:
            return ()
        bare, basic, literal = match.groups()
        parts.append(
            bare if bare is not None else _unescape(basic) if basic is not None else literal
        )
        position = match.end()
        if rest.startswith(".", position):
            position += 1
        elif rest.startswith("]", position):
            return tuple(parts)
        else:
            return ()


def _unescape(basic: str) -> str:
    """A basic string's escapes (`\\u00e9`), as TOML reads them."""
    if "\\" not in basic:
        return basic
    try:
        value = loads(f'k = "{basic}"')["k"]
    except Exception:  # an invalid escape: the parse has reported it already
        return basic
    return value if isinstance(value, str) else basic


def lines_inside_strings(text: str) -> set[int]:
    """Lines that begin inside a multi-line string, where `[x]` is text, not a header."""
    hidden: set[int] = set()
    line, counted = 1, 0
    for match in _STRING_OR_COMMENT.finditer(text):
        newlines = match.group().count("\n")
        if newlines:
            line += text.count("\n", counted, match.start())
            counted = match.start()
            hidden.update(range(line + 1, line + 1 + newlines))
    return hidden
