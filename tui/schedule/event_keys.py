"""Where an event's own key is written, found without the metadata parse.

Locating a warning used to cost a second, metadata parse of the whole file (164 of 233 ms
of a `docket check` at 10,000 events with a warning each, and a tree ten times the text's
size). Every warning points at a key of one event, `("events", i, key)`; when the events
are written as `[[events]]` tables, that key is a line `key = …` between the i-th such
header and the next header of any kind, and finding it takes the header index and a look
at those lines (none that begins inside a multi-line string). Anything this cannot be sure
of (a quoted or dotted key, the key written twice, inline arrays of events) answers None
and the caller asks the metadata, as before; tests hold both answers equal.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tui.schedule.headers import find_headers, lines_inside_strings

Position = tuple[int, int]


class EventKeys:
    """The lines of each `[[events]]` table of one text."""

    def __init__(self, text: str, line_text: Callable[[int], str]) -> None:
        self._line_text = line_text
        self._hidden = lines_inside_strings(text) if ('"""' in text or "'''" in text) else set()
        headers = find_headers(text)  # none of them inside a multi-line string
        lines = [header.line for header in headers]
        ends = [*lines[1:], text.count("\n") + 2]
        self._spans = [
            (header.line, end)
            for header, end in zip(headers, ends, strict=True)
            if header.array and header.parts == ("events",)
        ]
        self._patterns: dict[str, re.Pattern[str]] = {}

    def value(self, index: int, key: str) -> Position | None:
        """(line, column) of the value of bare key `key` of event `index`, or None."""
        spans = self._spans
        if not spans or not 0 <= index < len(spans) or not re.fullmatch(r"[A-Za-z0-9_-]+", key):
            return None
        pattern = self._patterns.get(key)
        if pattern is None:
            pattern = self._patterns[key] = re.compile(rf"[ \t]*{re.escape(key)}[ \t]*=[ \t]*")
        first, end = spans[index]
        found: Position | None = None
        hidden = self._hidden
        for line in range(first + 1, end):
            if line in hidden:  # text of a string, not a key
                continue
            match = pattern.match(self._line_text(line))
            if match:
                if found is not None:
                    return None  # written twice: an error the loader reports, not ours to place
                found = (line, match.end() + 1)
        return found
