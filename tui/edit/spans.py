"""Where an event's keys and values are written: character spans for targeted rewrites.

An edit changes a value by replacing exactly the characters that spell it, so everything
else in the file (comments, blank lines, quoting, key order, line endings) stays as it was.
The spans come from toml-rs's metadata parse. That parse of a whole 10,000-event file
takes about a second, so an event written as an `[[events]]` table is located by parsing
only its own lines (from its header to the next header); an event spelt any other way (an
inline table in `events = [...]`) falls back to the whole file. Every span is checked
against the text it claims (`value_raw`): a position the parser reports oddly is an
`EditError`, never a wrong byte written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import toml_rs

from tui.core.errors import DocketError
from tui.schedule.headers import Header, find_headers
from tui.schedule.toml_source import TOML_VERSION


class EditError(DocketError):
    """An edit that cannot be made; the message says why (nothing was changed)."""


@dataclass(frozen=True, slots=True)
class Splice:
    """Replace text[start:end] with `new`: one targeted change of a text."""

    start: int
    end: int
    new: str


def apply_splices(text: str, splices: list[Splice]) -> tuple[str, list[Splice]]:
    """The text with `splices` (non-overlapping) applied, and the splices that undo them."""
    ordered = sorted(splices, key=lambda s: s.start)
    pieces: list[str] = []
    inverse: list[Splice] = []
    position, shift = 0, 0
    for splice in ordered:
        if splice.start < position or splice.end < splice.start or splice.end > len(text):
            raise EditError("overlapping or out-of-range changes (an internal error)")
        pieces.append(text[position : splice.start])
        pieces.append(splice.new)
        start = splice.start + shift
        inverse.append(Splice(start, start + len(splice.new), text[splice.start : splice.end]))
        shift += len(splice.new) - (splice.end - splice.start)
        position = splice.end
    pieces.append(text[position:])
    return "".join(pieces), inverse


@dataclass(frozen=True, slots=True)
class KeySpan:
    """One `key = value` of an event: where the key begins and the value's characters."""

    key_start: int
    value_start: int
    value_end: int
    raw: str


@dataclass
class EventSpans:
    """An event as written: its keys, and where the whole event begins and ends."""

    keys: dict[str, KeySpan]
    #: Start of the `[[events]]` header line, or of the `{` of an inline table.
    start: int
    #: End of the event's last value (for an inline table: just past its `}`).
    end: int
    inline: bool
    newline: str = field(default="\n")


def newline_of(text: str) -> str:
    """The file's line ending: CRLF when its first line ends so, else LF."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def event_headers(text: str) -> list[Header]:
    return [h for h in find_headers(text) if h.array and h.parts == ("events",)]


@dataclass(frozen=True, slots=True)
class EventChunks:
    """Where each `[[events]]` table of a text is written: from its header line to the next
    header (of any table), by event index. Finding headers costs a scan of the whole text
    (40 ms at 10,000 events), so an edit session keeps one per text and shifts it after an
    edit (`shifted`) instead of scanning again.

    `isolated` says that no header below `events` exists (`[events.x]` would add to the
    event before it), so each chunk parses alone exactly as it parses in the file.
    """

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    isolated: bool

    @classmethod
    def of(cls, text: str) -> EventChunks:
        headers = find_headers(text)
        line_starts = _line_starts(text)
        starts: list[int] = []
        ends: list[int] = []
        for number, header in enumerate(headers):
            if header.array and header.parts == ("events",):
                starts.append(line_starts[header.line - 1])
                following = headers[number + 1].line if number + 1 < len(headers) else None
                ends.append(line_starts[following - 1] if following is not None else len(text))
        isolated = not any(h.parts[:1] == ("events",) and len(h.parts) > 1 for h in headers)
        return cls(tuple(starts), tuple(ends), isolated)

    def bounds(self, index: int) -> tuple[int, int] | None:
        if 0 <= index < len(self.starts):
            return self.starts[index], self.ends[index]
        return None

    def shifted(self, index: int, delta: int) -> EventChunks:
        """The chunks after chunk `index` grew by `delta` characters (all later ones move)."""
        starts = self.starts[: index + 1] + tuple(s + delta for s in self.starts[index + 1 :])
        ends = self.ends[:index] + tuple(e + delta for e in self.ends[index:])
        return EventChunks(starts, ends, self.isolated)


def locate_event(
    text: str, index: int, event_id: str, chunks: EventChunks | None = None
) -> EventSpans:
    """The spans of the `index`-th event (whose id is `event_id`) of a loaded text; with
    `chunks` of this text, without scanning the whole of it for headers."""
    if chunks is None:
        chunks = EventChunks.of(text)
    bounds = chunks.bounds(index)
    if bounds is not None:
        begin, stop = bounds
        found = _event_in(text[begin:stop], 0, event_id, text_offset=begin)
        if found is not None:
            found.start = begin
            found.newline = newline_of(text)
            return found
    whole = _event_in(text, index, event_id, text_offset=0)
    if whole is None:
        raise EditError(f"cannot find where event {event_id!r} is written")
    whole.newline = newline_of(text)
    return whole


def _event_in(chunk: str, index: int, event_id: str, *, text_offset: int) -> EventSpans | None:
    try:
        nodes = toml_rs.load_with_metadata(chunk, toml_version=TOML_VERSION).meta.get("nodes", {})
    except Exception:  # a chunk the parser reads differently alone: the caller falls back
        return None
    items = nodes.get("events", {}).get("value") if isinstance(nodes, dict) else None
    if not isinstance(items, list) or not 0 <= index < len(items):
        return None
    item = items[index]
    body = item.get("value") if isinstance(item, dict) else None
    if not isinstance(body, dict):
        return None
    starts = _line_starts(chunk)
    keys: dict[str, KeySpan] = {}
    for name, node in body.items():
        if not isinstance(node, dict) or "value_raw" not in node:
            return None  # a dotted key or a sub-table: not an event docket reads
        value_start = _offset(chunk, starts, node.get("value_line"), node.get("value_col"))
        key_start = _offset(chunk, starts, node.get("key_line"), node.get("key_col"))
        raw = str(node["value_raw"])
        if value_start is None or key_start is None:
            return None
        if chunk[value_start : value_start + len(raw)] != raw:
            return None
        keys[str(name)] = KeySpan(
            key_start + text_offset,
            value_start + text_offset,
            value_start + len(raw) + text_offset,
            raw,
        )
    id_span = keys.get("id")
    if id_span is None or body["id"].get("value") != event_id:
        return None
    raw_item = str(item.get("value_raw", ""))
    inline = raw_item.startswith("{")
    start = _offset(chunk, starts, item.get("value_line"), item.get("value_col"))
    if start is None:
        return None
    end = max(span.value_end for span in keys.values())
    if inline:
        if chunk[start : start + len(raw_item)] != raw_item:
            return None
        end = start + len(raw_item) + text_offset
    return EventSpans(keys, start + text_offset, end, inline)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    find = text.find
    position = find("\n")
    while position >= 0:
        starts.append(position + 1)
        position = find("\n", position + 1)
    return starts


def _offset(text: str, starts: list[int], line: Any, column: Any) -> int | None:
    """A (line, UTF-8 byte column) from the metadata as a character offset in `text`."""
    if isinstance(line, (tuple, list)):
        line = line[0] if line else None
    if isinstance(column, (tuple, list)):
        column = column[0] if column else None
    if not isinstance(line, int) or not isinstance(column, int) or line < 1 or column < 1:
        return None
    if line > len(starts):
        return None
    begin = starts[line - 1]
    stop = starts[line] if line < len(starts) else len(text)
    row = text[begin:stop]
    if row.isascii():
        return begin + column - 1
    prefix = row.encode("utf-8", "surrogatepass")[: column - 1]
    return begin + len(prefix.decode("utf-8", "replace"))
