"""The text operations every edit is made of: set a key, remove one, add or remove an event.

Each returns `Splice`s over the exact characters concerned (see `tui.edit.spans`), so an
edit rewrites the value it changes and the lines it adds or removes, and nothing else.
"""

from __future__ import annotations

import re

from tui.edit.spans import EditError, EventSpans, Splice

_TRAILING_COMMA = re.compile(r"[ \t]*,[ \t]*")
_LEADING_COMMA = re.compile(r",[ \t]*$")


def set_key(text: str, spans: EventSpans, key: str, raw: str) -> Splice:
    """Replace the value of `key`, or add `key = raw` at the end of the event."""
    found = spans.keys.get(key)
    if found is not None:
        return Splice(found.value_start, found.value_end, raw)
    last = max(span.value_end for span in spans.keys.values())
    if spans.inline:
        return Splice(last, last, f", {key} = {raw}")
    indent = _indent(text, spans.keys["id"].key_start)
    line_end = text.find("\n", last)
    if line_end < 0:  # the file ends on this line, without a final newline: it still won't
        return Splice(len(text), len(text), f"{spans.newline}{indent}{key} = {raw}")
    return Splice(line_end + 1, line_end + 1, f"{indent}{key} = {raw}{spans.newline}")


def remove_key(text: str, spans: EventSpans, key: str) -> Splice | None:
    """Remove `key = value` (its whole line in a table; with its comma in an inline table)."""
    found = spans.keys.get(key)
    if found is None:
        return None
    return remove_range(text, found.key_start, found.value_end, inline=spans.inline)


def remove_range(text: str, start: int, end: int, *, inline: bool) -> Splice:
    """Remove text[start:end] and, within a line, a comma beside it; lines it leaves empty go."""
    if inline:
        after = _TRAILING_COMMA.match(text, end)
        if after is not None and text[after.end() : after.end() + 1] not in ("]", "}"):
            end = after.end()
        else:
            before = _LEADING_COMMA.search(text, text.rfind("\n", 0, start) + 1, start)
            if before is not None:
                start = before.start()
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    rest = text[end : line_end if line_end >= 0 else len(text)]
    if text[line_start:start].strip() == "" and (
        rest.strip() == "" or rest.lstrip().startswith("#")
    ):
        start = line_start
        end = line_end + 1 if line_end >= 0 else len(text)
    return Splice(start, end, "")


def remove_event(text: str, spans: EventSpans) -> Splice:
    """Remove an event: its header, keys and the comment lines right above it, then the
    blank lines after it; an inline table goes with its comma."""
    if spans.inline:
        return remove_range(text, spans.start, spans.end, inline=True)
    start = spans.start
    while start > 0:
        previous = text.rfind("\n", 0, start - 1) + 1
        if not text[previous:start].lstrip().startswith("#"):
            break
        start = previous
    line_end = text.find("\n", spans.end)
    end = line_end + 1 if line_end >= 0 else len(text)
    while end < len(text):
        next_end = text.find("\n", end)
        line = text[end : next_end if next_end >= 0 else len(text)]
        if line.strip():
            break
        end = next_end + 1 if next_end >= 0 else len(text)
    return Splice(start, end, "")


def add_event(
    text: str, last: EventSpans | None, pairs: list[tuple[str, str]], newline: str
) -> Splice:
    """An event after the last one (as a table, or inline in an inline array), or at the end."""
    if last is not None and last.inline:
        body = ", ".join(f"{key} = {raw}" for key, raw in pairs)
        return Splice(last.end, last.end, f", {{ {body} }}")
    lines = newline.join(["[[events]]", *(f"{key} = {raw}" for key, raw in pairs)])
    if last is None:
        lead = "" if not text or text.endswith("\n") else newline
        return Splice(len(text), len(text), f"{lead}{newline}{lines}{newline}")
    line_end = text.find("\n", last.end)
    if line_end < 0:
        return Splice(len(text), len(text), f"{newline}{newline}{lines}")
    return Splice(line_end + 1, line_end + 1, f"{newline}{lines}{newline}")


def _indent(text: str, position: int) -> str:
    line_start = text.rfind("\n", 0, position) + 1
    before = text[line_start:position]
    return before if before.strip() == "" else ""


def require(condition: bool, message: str) -> None:
    if not condition:
        raise EditError(message)
