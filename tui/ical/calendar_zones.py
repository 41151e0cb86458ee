"""The VTIMEZONEs a calendar defines, read by docket and expanded under the import's budget.

icalendar turns every VTIMEZONE it parses into a tz by handing its RRULEs to dateutil,
which expands each one from its DTSTART on every lookup and caches every occurrence: a
452-byte VTIMEZONE with ``RRULE:FREQ=MINUTELY`` never finished and took over 2 GB, and an
ordinary Outlook zone starting in 1601 cost 0.3 ms per event (24 s for 100,000 events).
So no VTIMEZONE reaches icalendar (`tui.ical.parsing` keeps them apart) and this module
reads them instead, and only for what they are needed for: a TZID that names no zone
docket knows (an IANA name or a Windows name maps to the zone database, and the file's
definition is not used, as before).

A zone's changes are expanded once, on first use, and bounded: only YEARLY and MONTHLY
rules with the parts real zones use, searched only up to 3000 (so at most 13,200 periods
each, even for a rule that never matches), the changes between 1899 and 3000, at most
`ZONE_CHANGES` changes for the whole import, and within the import's time budget
(`tui.ical.budget.Budget`), which the expansion of repeating events shares. A zone that
cannot be expanded within those bounds is not used, with a note: its times are read as
those of an unknown TZID.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from typing import Any

from dateutil.rrule import MONTHLY, YEARLY, rrule
from icalendar.parser import Contentline
from icalendar.prop import vDDDTypes, vRecur
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from tui.core.dates import FIRST_YEAR, LAST_YEAR
from tui.core.sanitize import visible
from tui.core.zones import zone_or_none
from tui.ical.budget import Budget
from tui.ical.recurrence import Rule, RuleError, bounded_rule

#: Zone changes the whole import may expand: 45 zones of two yearly changes for 1,100 years.
ZONE_CHANGES = 100_000
#: Observances one VTIMEZONE may have, and RDATE values one observance may list.
MAX_OBSERVANCES = 1_000
#: What a zone's changes are read for: the supported years and a year each side.
FIRST_CHANGE = datetime(FIRST_YEAR - 1, 1, 1)
LAST_CHANGE = datetime(LAST_YEAR + 1, 12, 31)
_FREQS = ("YEARLY", "MONTHLY")
_PARTS = {"FREQ", "BYMONTH", "BYDAY", "BYMONTHDAY", "UNTIL", "COUNT", "INTERVAL", "WKST"}
#: What reading a value may raise (icalendar and the arithmetic on its values).
_BAD = (ValueError, TypeError, ArithmeticError, LookupError, AttributeError)
_LINE = re.compile(r"\r?\n")


class ZoneRuleError(ValueError):
    """Why a VTIMEZONE cannot be used; the message says it for the note."""


#: icalendar's readers of one value (untyped there).
_content_line: Any = Contentline
_from_ical: Any = vDDDTypes.from_ical
#: A UTC offset as RFC 5545 writes it, in ASCII digits (icalendar also reads '+١٢٠٠').
_OFFSET = re.compile(r"([+-])([0-9]{2})([0-9]{2})([0-9]{2})?", re.ASCII)


def _offset(text: str) -> timedelta:
    match = _OFFSET.fullmatch(text.strip())
    if match is None:
        raise ZoneRuleError(f"the offset {visible(text)[:12]!r} is not one RFC 5545 writes")
    sign, hours, minutes, seconds = match.groups()
    if int(hours) > 23 or int(minutes) > 59 or int(seconds or 0) > 59:
        raise ZoneRuleError(f"the offset {text.strip()!r} is a day or more, or not a time")
    span = timedelta(hours=int(hours), minutes=int(minutes), seconds=int(seconds or 0))
    return -span if sign == "-" else span


def _date_time(text: str) -> object:
    """A DTSTART or RDATE value; ASCII only, as RFC 5545 writes it."""
    if not text.isascii():
        raise ZoneRuleError(f"the time {visible(text)[:20]!r} is not one RFC 5545 writes")
    return _from_ical(text)


def iana(name: str) -> str | None:
    """The IANA zone a TZID names (Windows names mapped), or None."""
    name = name.strip().strip("/")
    if not name or zone_or_none(name) is not None:
        return name or None  # an IANA name (even one Windows also uses, such as UTC)
    name = WINDOWS_TO_OLSON.get(name, name)
    return name if zone_or_none(name) is not None else None


@dataclass
class _Observance:
    start: datetime  # local time, on the clock before the change
    before: timedelta
    after: timedelta
    rule: Rule | None = None
    dates: list[datetime] = field(default_factory=list)  # RDATE values (local times)


@dataclass
class FileZone:
    """One VTIMEZONE: its observances as read, and its changes once expanded."""

    tzid: str
    observances: list[_Observance]
    problem: str | None = None  # why it is not used; set when reading or expanding failed
    changes: list[datetime] | None = None  # UTC instants of the changes, in order
    offsets: list[timedelta] = field(default_factory=list)  # in force from each change on
    first: timedelta = timedelta(0)  # in force before the first change
    said: bool = False  # its problem was noted

    def offset_at(self, instant: datetime) -> timedelta:
        assert self.changes is not None
        index = bisect.bisect_right(self.changes, instant) - 1
        return self.offsets[index] if index >= 0 else self.first


def _value(line: str) -> tuple[str, dict[str, Any], str]:
    name, params, value = _content_line(line).parts()
    return name.upper(), dict(params), value


def _observance(lines: list[str]) -> _Observance:
    """One STANDARD or DAYLIGHT; ZoneRuleError naming what cannot be read."""
    found: dict[str, str] = {}
    dates: list[datetime] = []
    for line in lines:
        name, _, value = _value(line)
        if name == "RDATE":
            for part in value.split(","):
                moment = _date_time(part.split("/")[0])
                if isinstance(moment, datetime):
                    dates.append(moment.replace(tzinfo=None))
                elif isinstance(moment, date):
                    dates.append(datetime.combine(moment, datetime.min.time()))
        elif name in found and name in ("DTSTART", "TZOFFSETFROM", "TZOFFSETTO", "RRULE"):
            raise ZoneRuleError(f"{name} is given twice")
        else:
            found[name] = value
    missing = [n for n in ("DTSTART", "TZOFFSETFROM", "TZOFFSETTO") if n not in found]
    if missing:
        raise ZoneRuleError(f"an observance has no {missing[0]}")
    start = _date_time(found["DTSTART"])
    if not isinstance(start, datetime):
        raise ZoneRuleError("an observance's DTSTART is not a date-time")
    before, after = (_offset(found[n]) for n in ("TZOFFSETFROM", "TZOFFSETTO"))
    observance = _Observance(start.replace(tzinfo=None), before, after, dates=dates)
    if "RRULE" in found:
        observance.rule = _zone_rule(found["RRULE"])
    return observance


def _zone_rule(text: str) -> Rule:
    try:
        parts = {str(k).upper(): list(v) for k, v in vRecur.from_ical(text).items()}
    except _BAD:
        raise ZoneRuleError("its RRULE cannot be read") from None
    freq = str((parts.get("FREQ") or [""])[0]).upper()
    if freq not in _FREQS:
        raise ZoneRuleError(f"its RRULE is FREQ={visible(freq)[:20]}, not a yearly rule")
    unknown = sorted(set(parts) - _PARTS)
    if unknown:
        raise ZoneRuleError(f"its RRULE has {visible(unknown[0])[:20]}, which zones do not use")
    try:
        return bounded_rule(parts)
    except RuleError as error:
        raise ZoneRuleError(f"its RRULE cannot be used ({error})") from None


def read_zone(text: str) -> FileZone | None:
    """A VTIMEZONE's text (unfolded) as a FileZone; None if it has no TZID. A zone that
    cannot be read comes back with its `problem` set, never an exception."""
    lines = [line for line in _LINE.split(text) if line]
    tzid = ""
    observances: list[_Observance] = []
    try:
        depth, current = 0, list[str]()
        for line in lines[1:-1]:
            name, _, value = _value(line)
            if name == "BEGIN":
                depth += 1
                current = [] if depth == 1 else current  # a nested component is skipped
            elif name == "END":
                depth = max(0, depth - 1)
                if depth == 0 and value.upper() in ("STANDARD", "DAYLIGHT"):
                    observances.append(_observance(current))
            elif depth == 0 and name == "TZID":
                tzid = tzid or value
            elif depth == 1:
                current.append(line)
            if len(observances) > MAX_OBSERVANCES:
                raise ZoneRuleError(f"it has more than {MAX_OBSERVANCES:,} observances")
    except ZoneRuleError as error:
        return FileZone(tzid, [], str(error)) if tzid else None
    except _BAD:
        return FileZone(tzid, [], "it cannot be read") if tzid else None
    if not tzid:
        return None
    return FileZone(tzid, observances, None if observances else "it has no observance")


class FileZones:
    """The calendar's VTIMEZONEs by TZID: the instant a wall time in one of them is."""

    def __init__(self, zones: list[FileZone], budget: Budget, say: Any) -> None:
        self.zones: dict[str, FileZone] = {}
        for zone in zones:
            self.zones.setdefault(zone.tzid, zone)
        self.budget, self.say = budget, say
        self.changes_left = ZONE_CHANGES

    def instant(self, tzid: str, wall: datetime) -> datetime | None:
        """The UTC instant of `wall` in the file's zone `tzid`; None when the TZID names a
        zone docket knows, the file defines no such zone, or it cannot be used."""
        zone = self.zones.get(tzid)
        if zone is None or iana(tzid) is not None:
            return None
        if zone.changes is None and zone.problem is None:
            self._expand(zone)
        if zone.problem is not None:
            if not zone.said:
                zone.said = True
                self.say(f"VTIMEZONE {zone.tzid!r}: {zone.problem}: not used (read by its TZID)")
            return None
        guess = zone.offset_at(wall.replace(tzinfo=UTC))
        offset = zone.offset_at(wall.replace(tzinfo=UTC) - guess)
        if zone.offset_at(wall.replace(tzinfo=UTC) - offset) != offset:
            offset = guess  # a wall time the change skips: read on the clock before it
        return wall.replace(tzinfo=UTC) - offset

    def _expand(self, zone: FileZone) -> None:
        changes: list[tuple[datetime, timedelta, timedelta]] = []
        with self.budget.running():
            for observance in zone.observances:
                local = [observance.start, *observance.dates]
                if observance.rule is not None:
                    most = self.changes_left - len(changes)
                    window = (FIRST_CHANGE, LAST_CHANGE, observance.before)
                    found = _rule_times(
                        observance.rule, observance.start, window, self.budget, most
                    )
                    if isinstance(found, str):
                        zone.problem = found
                        break
                    local += found
                changes += [
                    (
                        max(moment, FIRST_CHANGE) - observance.before,
                        observance.before,
                        observance.after,
                    )
                    for moment in local
                    if moment <= LAST_CHANGE and (moment >= FIRST_CHANGE or moment is local[0])
                ]
                if len(changes) > self.changes_left:
                    zone.problem = f"the import's {ZONE_CHANGES:,} zone changes are used up"
                    break
        if not changes and zone.problem is None:
            zone.problem = f"it has no change from {FIRST_CHANGE.year} to {LAST_CHANGE.year}"
        if zone.problem is not None:
            return
        self.changes_left -= len(changes)
        changes.sort(key=lambda change: change[0])
        zone.changes = [moment.replace(tzinfo=UTC) for moment, _, _ in changes]
        zone.offsets = [after for _, _, after in changes]
        zone.first = changes[0][1] if changes else timedelta(0)


def _nearer(rule: Rule, start: datetime, first: datetime) -> datetime:
    """A later DTSTART with the same occurrences from `first` on: `start` moved by whole
    periods (so every part it gives the rule by default stays), for a rule without COUNT,
    whose occurrences depend on where it began. Saves searching from 1601 (Outlook)."""
    if rule.count is not None or start >= first:
        return start
    interval = int(rule.options.get("interval", 1))
    if rule.freq == YEARLY:
        steps = (first.year - start.year) // interval
        for back in range(8):  # 29 February needs a leap year
            try:
                return start.replace(year=start.year + (steps - back) * interval)
            except ValueError:
                continue
    elif rule.freq == MONTHLY:
        months = ((first.year - start.year) * 12 + first.month - start.month) // interval
        for back in range(12):  # the 31st needs a long month
            total = start.month - 1 + (months - back) * interval
            try:
                return start.replace(year=start.year + total // 12, month=total % 12 + 1)
            except ValueError:
                continue
    return start


def _rule_times(
    rule: Rule,
    start: datetime,
    window: tuple[datetime, datetime, timedelta],
    budget: Budget,
    most: int,
) -> list[datetime] | str:
    """The occurrences of a time zone's `rule` from `start` (wall times) within `window`
    (first, last, and the offset UNTIL's UTC is read with), at most `most` of them, within
    the import's clock; or why it was given up.

    dateutil gets the window's end as its UNTIL, so its search stops there even for a
    rule that never matches: a YEARLY or MONTHLY rule then has at most 13,200 periods to
    look at (a profile hook, as for events' rules, would make each zone cost 0.4 s)."""
    first, last, offset = window
    until = rule.until
    if isinstance(until, datetime) and until.tzinfo is not None:
        until = until.astimezone(UTC).replace(tzinfo=None) + offset
    elif isinstance(until, date) and not isinstance(until, datetime):
        until = datetime.combine(until, clock(23, 59, 59))
    stop = min(last, until) if isinstance(until, datetime) else last
    found: list[datetime] = []
    taken = 0
    begin = _nearer(rule, start, first)
    try:
        with budget.running():
            for moment in rrule(rule.freq, dtstart=begin, until=stop, **rule.options):
                taken += 1
                if moment >= first:
                    found.append(moment)
                    if len(found) > most:
                        return f"its rules give more than the import's {most:,} changes left"
                if rule.count is not None and taken >= rule.count:
                    break
                if taken % 256 == 0 and budget.spent:
                    return f"the import's {budget.seconds:g} s for expansion ran out"
    except (ValueError, OverflowError, TypeError):
        pass  # dateutil past the year 9999: what was found stands
    return found


__all__ = ["FileZone", "FileZones", "iana", "read_zone"]
