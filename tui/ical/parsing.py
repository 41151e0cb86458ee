"""From the text of a calendar to icalendar components, a group at a time, one bad line never
costing the rest.

The text is split first, by its BEGIN and END lines (unfolded as icalendar unfolds them),
into the VCALENDAR's own properties, its VTIMEZONEs and its other components, kept as
offsets into the text. icalendar then parses the components `GROUP` at a time, as the
importer reads them (`ParsedCalendar.components`): it never holds the tree of the whole
file, which for 100,000 VEVENTs was 30 times the file's size. VTIMEZONEs never reach
icalendar, which would expand their rules unbounded (`tui.ical.calendar_zones` reads them).

icalendar reads most malformed values lazily (`tui.ical.values` guards those), but a few
still raise while a group is parsed: a VALARM with a broken TRIGGER (VALARMs are parsed
strictly), ``CATEGORIES;VALUE=DATE``, an END without its BEGIN. A planner with one such
line among 500 good events should get 500 events and a note. So a group that does not
parse is parsed again by halves until the bad components are alone (a few parses per bad
component, not one per component); a bad component is retried without its nested
components, then without the lines that fail on their own, and skipped only if it still
fails. Every piece dropped is a note.
"""

from __future__ import annotations

import re
import time
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from icalendar import Calendar, Component

from tui.core.errors import CalendarImportError
from tui.core.sanitize import visible

#: What icalendar raises while parsing malformed text.
PARSE_ERRORS = (ValueError, TypeError, ArithmeticError, LookupError, AttributeError)
#: A calendar's own properties are a handful; past this many they are not read one by one.
_HEADER_LINES = 200
#: How long repairing one calendar may take, at most.
REPAIR_SECONDS = 10.0


def _wrap(lines: Sequence[str]) -> str:
    return "BEGIN:VCALENDAR\r\n" + "".join(f"{line}\r\n" for line in lines) + "END:VCALENDAR\r\n"


def _calendar(lines: Sequence[str]) -> Calendar | None:
    try:
        parsed = Calendar.from_ical(_wrap(lines))
        parsed.subcomponents  # noqa: B018 - the parse is done: this touches the result
    except (*PARSE_ERRORS, RecursionError):
        return None
    return parsed if isinstance(parsed, Calendar) else None


def _name(line: str, word: str) -> str | None:
    head, _, value = line.partition(":")
    return value.strip().upper() if head.strip().upper() == word else None


class _Repair:
    """Parses pieces of one calendar, with the VTIMEZONEs that parse, noting what it drops.

    Repair costs a few parses per bad component: past `REPAIR_SECONDS` (50,000 events each
    with a bad line), the bad components left are skipped instead, and counted.
    """

    def __init__(self, zones: list[str], notes: list[str]) -> None:
        self.zones, self.notes = zones, notes
        self.deadline = time.monotonic() + REPAIR_SECONDS
        self.unrepaired = 0

    def group(self, pieces: list[list[str]], first: int) -> list[Component]:
        """Components of `pieces` (numbered from `first`): all at once, else by halves."""
        parsed = _calendar([*self.zones, *(line for piece in pieces for line in piece)])
        if parsed is not None:
            return [c for c in parsed.subcomponents if c.name != "VTIMEZONE"]
        if time.monotonic() > self.deadline:
            self.unrepaired += len(pieces)
            return []
        if len(pieces) == 1:
            return self.alone(pieces[0], first)
        half = len(pieces) // 2
        return self.group(pieces[:half], first) + self.group(pieces[half:], first + half)

    def alone(self, piece: list[str], number: int) -> list[Component]:
        name = _name(piece[0], "BEGIN") or "component"
        what = f"{name} #{number + 1}"
        outer = self._outer(piece)
        if len(outer) < len(piece):
            found = self._parse(outer)
            if found:
                self.notes.append(f"{what}: its nested components cannot be read: left out")
                return found
        body = [line for line in outer[1:-1] if self._parse([outer[0], line, outer[-1]])]
        kept = [outer[0], *body, outer[-1]]
        found = self._parse(kept) if len(kept) > 2 else []
        dropped = len(outer) - len(kept)
        if found and dropped:
            self.notes.append(f"{what}: {dropped} lines cannot be read: left out")
            return found
        self.notes.append(f"{what} cannot be read: skipped")
        return []

    def _parse(self, lines: list[str]) -> list[Component]:
        parsed = _calendar([*self.zones, *lines])
        if parsed is None:
            return []
        return parsed.subcomponents[-1:]

    @staticmethod
    def _outer(piece: list[str]) -> list[str]:
        """The piece without its nested components (a VEVENT without its VALARMs)."""
        kept, depth = [], 0
        for index, line in enumerate(piece):
            begins, ends = _name(line, "BEGIN"), _name(line, "END")
            if index and begins is not None:
                depth += 1
            elif depth and ends is not None:
                depth -= 1
            elif not depth:
                kept.append(line)
        return kept


#: How icalendar unfolds lines (a line break, any blank lines, then a space or a tab).
_UNFOLD = re.compile(r"(?:(?<!\n)\r\n|(?<![\r\n])\n)(?:\r?\n)*[ \t]")
_BOUNDARY = re.compile(r"^(BEGIN|END)(?:;[^:\r\n]*)?:([^\r\n]*)", re.MULTILINE | re.IGNORECASE)
_LINE = re.compile(r"\r?\n")
#: Components icalendar parses at once: a bad one costs the repair of its group only.
GROUP = 64
#: Lines icalendar parses at once, at most (unless one component has more).
GROUP_LINES = 5_000
#: Lines one component may have: an event with thousands of attendees has fewer.
MAX_COMPONENT_LINES = 20_000
#: The VCALENDAR's own lines kept at most (a calendar has a handful).
MAX_HEADER_LINES = 1_000


@dataclass
class ParsedCalendar:
    """A calendar split into its parts, its components parsed only as they are read.

    `components()` gives the components other than VTIMEZONEs, parsed `GROUP` at a time
    from `text`: an import holds icalendar's objects for one group, not for the whole
    file (icalendar's tree of 100,000 VEVENTs took 30 times the file's size). VTIMEZONEs
    are kept as text, for `tui.ical.calendar_zones`, and never given to icalendar.
    """

    header: Calendar
    zones: list[str]
    notes: list[str]
    text: str = field(repr=False)
    starts: array[int] = field(default_factory=lambda: array("q"))
    ends: array[int] = field(default_factory=lambda: array("q"))

    def components(self) -> Iterator[Component]:
        repair = _Repair([], self.notes)
        for first, spans in self._groups():
            parsed = _calendar_text("\r\n".join(self.text[a:b] for a, b in spans))
            if parsed is not None:
                yield from parsed.subcomponents
                continue
            pieces = [[ln for ln in _LINE.split(self.text[a:b]) if ln.strip()] for a, b in spans]
            yield from repair.group(pieces, first)
        if repair.unrepaired:
            self.notes.append(
                f"{repair.unrepaired} components cannot be read and were not repaired in "
                f"{REPAIR_SECONDS:g} s: skipped"
            )

    def _groups(self) -> Iterator[tuple[int, list[tuple[int, int]]]]:
        """Runs of at most `GROUP` components and `GROUP_LINES` lines (with the number of
        the first); a component of more than `MAX_COMPONENT_LINES` lines is skipped, with
        a note, before icalendar builds its tree (40 times its size)."""
        spans: list[tuple[int, int]] = []
        lines = first = 0
        for number, (start, end) in enumerate(zip(self.starts, self.ends, strict=True)):
            count = self.text.count("\n", start, end) + 1
            if count > MAX_COMPONENT_LINES:
                name = self.text[start : min(end, start + 30)].split("\n")[0].strip()[6:]
                self.notes.append(
                    f"{visible(name)[:20]} #{number + 1} has {count:,} lines, more than "
                    f"{MAX_COMPONENT_LINES:,}: skipped"
                )
                continue
            if spans and (len(spans) >= GROUP or lines + count > GROUP_LINES):
                yield first, spans
                spans, lines = [], 0
            if not spans:
                first = number
            spans.append((start, end))
            lines += count
        if spans:
            yield first, spans


def _calendar_text(body: str) -> Calendar | None:
    try:
        parsed = Calendar.from_ical(f"BEGIN:VCALENDAR\r\n{body}\r\nEND:VCALENDAR\r\n")
        parsed.subcomponents  # noqa: B018 - the parse is done: this touches the result
    except (*PARSE_ERRORS, RecursionError):
        return None
    return parsed if isinstance(parsed, Calendar) else None


def _header(lines: list[str]) -> tuple[Calendar, list[str]]:
    """The VCALENDAR with its own properties; lines that do not parse are left out."""
    notes: list[str] = []
    if len(lines) > MAX_HEADER_LINES:
        notes.append(f"{len(lines) - MAX_HEADER_LINES} calendar lines past the first "
                     f"{MAX_HEADER_LINES:,}: left out")  # fmt: skip
        lines = lines[:MAX_HEADER_LINES]
    calendar = _calendar(lines)
    if calendar is not None:
        return calendar, notes
    good: list[str] = []
    for line in lines[:_HEADER_LINES]:  # each line kept if the lines so far still parse
        if _calendar([*good, line]) is not None:
            good.append(line)
    notes.append(f"{len(lines) - len(good)} calendar lines cannot be read: left out")
    calendar = _calendar(good)
    if calendar is None:
        raise CalendarImportError("not a valid iCalendar file (its VCALENDAR cannot be read)")
    return calendar, notes


def parse_calendar(text: str) -> ParsedCalendar:
    """The first VCALENDAR in `text`, split into its own properties, its VTIMEZONEs and
    its other components (parsed as they are read). A component without its END runs to
    the end of the text, and a stray END ends the calendar, as icalendar reads them.

    Raises CalendarImportError when the calendar's own properties cannot be read.
    """
    text = _UNFOLD.sub("", text)
    parsed = ParsedCalendar(Calendar(), [], [], text)
    header: list[str] = []
    depth, cursor, begun, name = 0, 0, 0, ""
    for match in _BOUNDARY.finditer(text):
        word, value = match[1].upper(), match[2].upper()
        if depth == 0:
            if word == "BEGIN" and value == "VCALENDAR":
                depth, cursor = 1, match.end()
            continue
        if depth == 1:
            header += _LINE.split(text[cursor : match.start()])
            if word == "END":
                depth = 0
                break  # END:VCALENDAR (or a stray END): the calendar is over
            depth, begun, name = 2, match.start(), value
            continue
        depth += 1 if word == "BEGIN" else -1
        if depth == 1:
            _add(parsed, name, begun, match.end())
            cursor = match.end()
    if depth > 1:  # the last component has no END
        _add(parsed, name, begun, len(text))
    elif depth == 1:
        header += _LINE.split(text[cursor:])
    parsed.header, parsed.notes = _header([line for line in header if line.strip()])
    return parsed


def _add(parsed: ParsedCalendar, name: str, start: int, end: int) -> None:
    if name == "VTIMEZONE":
        parsed.zones.append(parsed.text[start:end])
    else:
        parsed.starts.append(start)
        parsed.ends.append(end)
