"""From the bytes of a calendar to icalendar components, one bad line never costing the rest.

icalendar reads most malformed values lazily (`tui.ical.values` guards those), but a few
still raise while the file is parsed, and then the whole file is lost: a VALARM with a
broken TRIGGER (VALARMs are parsed strictly), ``CATEGORIES;VALUE=DATE``, an END without
its BEGIN. A planner with one such line among 500 good events should get 500 events and a
note. So when the whole file does not parse, it is parsed again piece by piece: the
VCALENDAR's own properties, each VTIMEZONE, and the other components in groups that are
halved until the bad ones are alone (a few parses per bad component, not one per
component); a bad component is retried without its nested components, then without the
lines that fail on their own, and skipped only if it still fails. Every piece dropped is
a note.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence

from icalendar import Calendar, Component

from tui.core.errors import CalendarImportError
from tui.core.sanitize import visible

#: What icalendar raises while parsing malformed text.
PARSE_ERRORS = (ValueError, TypeError, ArithmeticError, LookupError, AttributeError)
_LINE_BREAK = re.compile(r"\r\n|\n|\r")
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


def _logical_lines(text: str) -> list[str]:
    """Content lines, unfolded (a line that starts with a space or tab continues one)."""
    lines: list[str] = []
    for raw in _LINE_BREAK.split(text):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        elif raw.strip():
            lines.append(raw)
    return lines


def _name(line: str, word: str) -> str | None:
    head, _, value = line.partition(":")
    return value.strip().upper() if head.strip().upper() == word else None


def _pieces(lines: list[str]) -> tuple[list[str], list[list[str]]]:
    """The VCALENDAR's own property lines, and its components' lines (BEGIN to END)."""
    header: list[str] = []
    pieces: list[list[str]] = []
    depth = 0
    for line in lines:
        begins, ends = _name(line, "BEGIN"), _name(line, "END")
        if depth == 0:
            depth = 1 if begins == "VCALENDAR" else 0
            continue
        if depth == 1 and ends is not None:
            break  # END:VCALENDAR (or a stray END): the calendar is over
        if depth == 1 and begins is None:
            header.append(line)
            continue
        if depth == 1:
            pieces.append([])
        pieces[-1].append(line)
        depth += (begins is not None) - (ends is not None)
        depth = max(depth, 1)
    return header, pieces


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


def parse_calendar(text: str) -> tuple[Calendar, list[str]]:
    """The calendar in `text`, and notes on what could not be read of it.

    Raises CalendarImportError when not even the calendar's frame can be read.
    """
    try:
        whole = Calendar.from_ical(text)
        whole.events  # noqa: B018 - touches every component: a failure shows here
        if isinstance(whole, Calendar):
            return whole, []
    except (*PARSE_ERRORS, RecursionError) as error:
        first_error = visible(str(error))[:200]
    else:
        first_error = "not one calendar"
    header, pieces = _pieces(_logical_lines(text))
    if not pieces:
        raise CalendarImportError(f"not a valid iCalendar file, and no events: {first_error}")
    notes: list[str] = []
    good_header: list[str] = []
    for line in header[:_HEADER_LINES]:  # each line kept if the lines so far still parse
        if _calendar([*good_header, line]) is not None:
            good_header.append(line)
    if len(good_header) < len(header):
        notes.append(f"{len(header) - len(good_header)} calendar lines cannot be read: left out")
    calendar = _calendar(good_header)
    if calendar is None:
        raise CalendarImportError(f"not a valid iCalendar file: {first_error}")
    zones = [p for p in pieces if _name(p[0], "BEGIN") == "VTIMEZONE"]
    good_zones = [line for zone in zones if _calendar(zone) is not None for line in zone]
    if sum(map(len, zones)) > len(good_zones):
        notes.append("a VTIMEZONE cannot be read: left out (its TZID is read as a zone name)")
    others = [p for p in pieces if _name(p[0], "BEGIN") != "VTIMEZONE"]
    repair = _Repair(good_zones, notes)
    components = repair.group(others, 0) if others else []
    if repair.unrepaired:
        notes.append(
            f"{repair.unrepaired} components cannot be read and were not repaired in "
            f"{REPAIR_SECONDS:g} s: skipped"
        )
    if good_zones:
        parsed = _calendar(good_zones)
        components = [*(parsed.subcomponents if parsed else []), *components]
    for component in components:
        calendar.add_component(component)
    return calendar, notes
