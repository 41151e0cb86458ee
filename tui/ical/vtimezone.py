"""VTIMEZONE components in the yearly-RRULE form Outlook writes, derived from the zone database.

Outlook is reported to mishandle VTIMEZONEs written as long RDATE lists (icalendar's own
`Timezone.from_tzid` writes those, only up to 2038). Every compiled zone file (TZif,
RFC 8536) ends with a POSIX TZ string such as ``CET-1CEST,M3.5.0,M10.5.0/3`` that rules
the zone for all years after its explicit transitions. Each ``Mm.w.d[/time]`` of that
string is one yearly RRULE (``FREQ=YEARLY;BYMONTH=m;BYDAY=wSU``), whose DTSTART is the
local time *before* the change, as RFC 5545's own New York example writes it.

The explicit transitions of the file tell from which year that rule has held. Only when a
calendar needs dates before that year are the older transitions written as one observance
each (a plain DTSTART, no RDATE list).
"""

from __future__ import annotations

import calendar
import re
import struct
import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources
from pathlib import Path

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

from tui.core.errors import ZoneDataError

_EPOCH = datetime(1970, 1, 1)
_ICAL_DAYS = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")  # POSIX counts weekdays from Sunday
_NAME = r"<[^>]+>|[A-Za-z]{3,}"
_OFFSET = r"[+-]?\d{1,3}(?::\d{2}){0,2}"
_RULE = rf"(M\d+\.\d\.\d|J?\d+)(?:/({_OFFSET}))?"
_POSIX = re.compile(rf"^({_NAME})({_OFFSET})(?:({_NAME})({_OFFSET})?(?:,{_RULE},{_RULE})?)?$")


@dataclass(frozen=True, slots=True)
class Transition:
    """A change of UTC offset: at `utc` the zone goes from `before` to `after`."""

    utc: datetime
    before: timedelta
    after: timedelta
    name: str
    dst: bool

    @property
    def local_before(self) -> datetime:
        """The wall-clock time of the change, read on the clock before it (DTSTART)."""
        return self.utc + self.before


@dataclass(frozen=True, slots=True)
class YearlyOnset:
    """One ``Mm.w.d/time`` of a POSIX string: the yearly change into `after`."""

    month: int
    week: int  # 1-4, or 5 for the last
    weekday: int  # 0 = Sunday
    seconds: int  # local time of the change on the clock before it; may pass 24 h or be < 0
    before: timedelta
    after: timedelta
    name: str
    dst: bool

    def local_before(self, year: int) -> datetime:
        first_weekday = (calendar.weekday(year, self.month, 1) + 1) % 7  # Sunday = 0
        day = 1 + (self.weekday - first_weekday) % 7 + 7 * (self.week - 1)
        last = calendar.monthrange(year, self.month)[1]
        while day > last:
            day -= 7
        return datetime(year, self.month, day) + timedelta(seconds=self.seconds)

    def transition(self, year: int) -> Transition:
        utc = self.local_before(year) - self.before
        return Transition(utc, self.before, self.after, self.name, self.dst)

    def rrule(self) -> dict[str, object] | None:
        """The RRULE that repeats this onset, or None if no single yearly rule says it."""
        shift = self.seconds // 86400  # a time like /26 or /-1 moves the change to another day
        if shift == 0:
            ordinal = -1 if self.week == 5 else self.week
            return {"FREQ": "YEARLY", "BYMONTH": self.month, "BYDAY": f"{ordinal}{self.day}"}
        if self.week == 5:
            days = [d + shift for d in range(-7, 0)]
            if max(days) >= 0:
                return None  # would spill into the next month
        else:
            days = [d + shift for d in range(7 * self.week - 6, 7 * self.week + 1)]
            if min(days) < 1 or max(days) > calendar.monthrange(2001, self.month)[1]:
                return None  # would spill into a neighbouring month
        return {
            "FREQ": "YEARLY",
            "BYMONTH": self.month,
            "BYDAY": self.day,
            "BYMONTHDAY": days,
        }

    @property
    def day(self) -> str:
        return _ICAL_DAYS[(self.weekday + self.seconds // 86400) % 7]


@dataclass(frozen=True, slots=True)
class ZoneRules:
    """What the zone file says: its explicit transitions and the POSIX rule for later years."""

    key: str
    transitions: tuple[Transition, ...]
    standard_offset: timedelta
    standard_name: str
    onsets: tuple[YearlyOnset, ...]  # empty for a zone without daylight saving time

    def rule_transitions(self, year: int) -> list[Transition]:
        return sorted((onset.transition(year) for onset in self.onsets), key=lambda t: t.utc)

    def actual_transitions(self, year: int) -> list[Transition]:
        """What the zone does in `year`: explicit transitions, then the rule after them."""
        explicit = [t for t in self.transitions if t.local_before.year == year]
        last = self.transitions[-1].utc if self.transitions else datetime.min
        return explicit + [t for t in self.rule_transitions(year) if t.utc > last]

    def offset_at_new_year(self, year: int) -> timedelta:
        """The offset in force as `year` begins (read on its standard-time clock)."""
        boundary = datetime(year, 1, 1) - self.standard_offset
        if not self.transitions or boundary > self.transitions[-1].utc:
            return self.rule_offset_at_new_year(year)
        before = [t for t in self.transitions if t.utc <= boundary]
        return before[-1].after if before else self.transitions[0].before

    def rule_offset_at_new_year(self, year: int) -> timedelta:
        return self.rule_transitions(year)[0].before if self.onsets else self.standard_offset

    @property
    def last_explicit_year(self) -> int:
        return self.transitions[-1].local_before.year if self.transitions else 1970

    def year_follows_rule(self, year: int) -> bool:
        actual = [(t.utc, t.after) for t in self.actual_transitions(year) if t.after != t.before]
        ruled = [(t.utc, t.after) for t in self.rule_transitions(year)]
        return actual == ruled and self.offset_at_new_year(year) == (
            self.rule_offset_at_new_year(year)
        )

    @property
    def rule_since(self) -> int:
        """The first year from which the POSIX rule describes the zone for good."""
        year = self.last_explicit_year + 1
        while year > 1900 and self.year_follows_rule(year - 1):
            year -= 1
        return year


def _seconds(text: str) -> int:
    sign = -1 if text.startswith("-") else 1
    parts = [int(p) for p in text.lstrip("+-").split(":")]
    parts += [0] * (3 - len(parts))
    return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2])


def parse_posix(
    text: str,
) -> tuple[timedelta, str, tuple[YearlyOnset, ...]]:
    """Standard offset, standard name and yearly onsets of a POSIX TZ string.

    POSIX offsets count west of Greenwich (``EST5`` is UTC-5); the returned ones are east.
    """
    match = _POSIX.match(text)
    if not match:
        raise ZoneDataError(f"unsupported POSIX TZ string {text!r}")
    std_name, std_off, dst_name, dst_off, start, start_at, end, end_at = match.groups()
    std = timedelta(seconds=-_seconds(std_off))
    if not dst_name:
        return std, std_name.strip("<>"), ()
    dst = timedelta(seconds=-_seconds(dst_off)) if dst_off else std + timedelta(hours=1)
    if not (start and end and start.startswith("M") and end.startswith("M")):
        raise ZoneDataError(f"unsupported POSIX TZ rule {text!r} (only Mm.w.d rules)")

    def onset(
        rule: str, at: str | None, before: timedelta, after: timedelta, name: str
    ) -> YearlyOnset:
        month, week, weekday = (int(p) for p in rule[1:].split("."))
        seconds = _seconds(at) if at else 7200
        # The change to the larger offset is DAYLIGHT, even where the zone database calls
        # winter its "daylight" time (Europe/Dublin): clients expect summer to be ahead.
        is_dst = after > before
        return YearlyOnset(month, week, weekday, seconds, before, after, name, is_dst)

    return (
        std,
        std_name.strip("<>"),
        (
            onset(start, start_at, std, dst, dst_name.strip("<>")),
            onset(end, end_at, dst, std, std_name.strip("<>")),
        ),
    )


def _zone_file_bytes(key: str) -> bytes:
    """The compiled zone file, found where `zoneinfo` looks: TZPATH first, then tzdata."""
    if not re.fullmatch(r"[A-Za-z0-9_+\-]+(/[A-Za-z0-9_+\-]+)*", key):
        raise ZoneDataError(f"not a zone name: {key!r}")
    for base in zoneinfo.TZPATH:
        candidate = Path(base, key)
        if candidate.is_file():
            return candidate.read_bytes()
    try:
        package, _, name = f"tzdata.zoneinfo/{key}".rpartition("/")
        return resources.files(package.replace("/", ".")).joinpath(name).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        raise ZoneDataError(f"unknown time zone {key!r}") from None


def _parse_tzif(data: bytes) -> tuple[list[tuple[int, int, bool, str]], int, str]:
    """(utc seconds, offset seconds, is_dst, abbreviation) per transition; first offset; footer."""
    if data[:4] != b"TZif" or data[4:5] < b"2":
        raise ZoneDataError("not a version 2+ TZif file")
    counts = struct.unpack(">6l", data[20:44])
    isut, isstd, leap, timecnt, typecnt, charcnt = counts
    v1_size = timecnt * 5 + typecnt * 6 + charcnt + leap * 8 + isstd + isut
    header = 44 + v1_size
    isut, isstd, leap, timecnt, typecnt, charcnt = struct.unpack(
        ">6l", data[header + 20 : header + 44]
    )
    pos = header + 44
    times = struct.unpack(f">{timecnt}q", data[pos : pos + 8 * timecnt])
    pos += 8 * timecnt
    indices = data[pos : pos + timecnt]
    pos += timecnt
    types = [struct.unpack(">lBB", data[pos + 6 * i : pos + 6 * i + 6]) for i in range(typecnt)]
    pos += 6 * typecnt
    chars = data[pos : pos + charcnt]
    pos += charcnt + leap * 12 + isstd + isut
    footer = data[pos:].strip(b"\n").decode("ascii")

    def abbr(index: int) -> str:
        return chars[index : chars.index(b"\0", index)].decode("ascii")

    transitions = [
        (t, types[i][0], bool(types[i][1]), abbr(types[i][2]))
        for t, i in zip(times, indices, strict=True)
    ]
    return transitions, types[0][0] if types else 0, footer


@cache
def zone_rules(key: str) -> ZoneRules:
    """Read the zone's file once: its transitions and its POSIX rule."""
    raw, first_offset, footer = _parse_tzif(_zone_file_bytes(key))
    std, std_name, onsets = parse_posix(footer)
    transitions = []
    before = timedelta(seconds=first_offset)
    for seconds, offset, dst, name in raw:
        after = timedelta(seconds=offset)
        transitions.append(
            Transition(_EPOCH + timedelta(seconds=seconds), before, after, name, dst)
        )
        before = after
    return ZoneRules(key, tuple(transitions), std, std_name, onsets)


def _observance(
    dst: bool, start: datetime, before: timedelta, after: timedelta, name: str
) -> TimezoneStandard | TimezoneDaylight:
    component = TimezoneDaylight() if dst else TimezoneStandard()
    component.add("DTSTART", start)
    component.add("TZOFFSETFROM", before)
    component.add("TZOFFSETTO", after)
    component.add("TZNAME", name)
    return component


def build_vtimezone(key: str, since: date | None = None) -> Timezone:
    """A VTIMEZONE for the IANA zone `key`, right for every moment from `since` on.

    Written as yearly RRULEs from the year the zone's present rule took hold; transitions
    before that year are added one observance each only when `since` needs them. Raises
    ZoneDataError for an unknown zone or a rule that cannot be written this way.
    """
    rules = zone_rules(key)
    rule_year = rules.rule_since
    boundary = datetime(rule_year, 1, 1) - rules.standard_offset
    older = [t for t in rules.transitions if t.utc < boundary and t.after != t.before]
    # A zone without daylight saving time: its last change opens the one STANDARD below.
    final = older.pop() if not rules.onsets and older else None
    vtimezone = Timezone()
    vtimezone.add("TZID", key)
    if since is not None and since.year < rule_year:
        first = datetime(since.year, 1, 1) - timedelta(days=1)
        earlier = [t for t in older if t.utc < first]
        for t in earlier[-1:] + [t for t in older if t.utc >= first]:
            vtimezone.add_component(_observance(t.dst, t.local_before, t.before, t.after, t.name))
    if not rules.onsets:
        std = rules.standard_offset
        if final is None:
            vtimezone.add_component(
                _observance(False, datetime(1970, 1, 1), std, std, rules.standard_name)
            )
        else:
            vtimezone.add_component(
                _observance(False, final.local_before, final.before, std, rules.standard_name)
            )
        return vtimezone
    for onset in sorted(rules.onsets, key=lambda o: o.dst):  # STANDARD first, as Outlook
        rrule = onset.rrule()
        if rrule is None:
            raise ZoneDataError(f"the rule of {key} cannot be written as a yearly RRULE")
        start = onset.local_before(rule_year)
        component = _observance(onset.dst, start, onset.before, onset.after, onset.name)
        component.add("RRULE", rrule)
        vtimezone.add_component(component)
    return vtimezone


def is_utc(key: str) -> bool:
    """Zones whose times are written in UTC with ``Z`` rather than with a TZID."""
    return key in {"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Zulu", "Zulu", "GMT", "Etc/GMT"}


__all__ = ["ZoneDataError", "build_vtimezone", "is_utc", "zone_rules"]
