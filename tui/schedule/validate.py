"""Checking a parsed schedule document and building the model from it.

Every problem is collected (not just the first) as an `Issue` naming the key path at
fault; the loader turns paths into file positions afterwards, so the common case of a
valid file never pays for position tracking.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache
from typing import Any, Literal
from zoneinfo import ZoneInfo

from tui.core.errors import Severity
from tui.core.model import POINT_KINDS, Event, MeetingHours, Schedule, Venue
from tui.schedule.fields import (
    ENUMS,
    FIRST_YEAR,
    HOURS_PATTERN,
    LAST_YEAR,
    SLUG_PATTERN,
    TABLES,
    TOP_LEVEL_KEYS,
    Field,
)
from tui.schedule.toml_source import KeyPath

Anchor = Literal["key", "value", "table"]

_SLUG = re.compile(SLUG_PATTERN)
_HOURS = re.compile(HOURS_PATTERN)


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem at a key path, not yet located in the text."""

    path: KeyPath
    anchor: Anchor
    severity: Severity
    message: str


def suggest(word: str, candidates: Any) -> str:
    """' (did you mean `x`?)' when a near name exists, else ''."""
    options = [str(c) for c in candidates]
    matches = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not matches:
        lowered = {option.lower(): option for option in options}
        matches = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
        matches = [lowered[m] for m in matches]
    return f" (did you mean `{matches[0]}`?)" if matches else ""


#: Files in a zone directory that load as zones but are not IANA zone names: the machine's
#: own zone, a default rule file, and copies of the database in other formats.
_NOT_ZONES = ("localtime", "posixrules")
_NOT_ZONE_PREFIXES = ("posix/", "right/")


@cache
def _zone_names() -> frozenset[str]:
    from zoneinfo import available_timezones

    return frozenset(name for name in available_timezones() if name not in _NOT_ZONES)


@cache
def zone_or_none(name: str) -> ZoneInfo | None:
    """A ZoneInfo for a real IANA name; None for anything else, whatever the string holds."""
    if not name or name != name.strip() or name.startswith(("/", ".")) or ".." in name:
        return None
    if name in _NOT_ZONES or name.startswith(_NOT_ZONE_PREFIXES):
        return None
    try:
        return ZoneInfo(name)
    except Exception:  # ZoneInfoNotFoundError, ValueError, OSError on odd paths
        return None


def suggest_zone(name: str) -> str:
    names = _zone_names()
    tail = {zone.rsplit("/", 1)[-1].lower().replace("_", " "): zone for zone in names}
    key = name.rsplit("/", 1)[-1].lower().replace("_", " ")
    if key in tail:
        return f" (did you mean `{tail[key]}`?)"
    return suggest(name, names)


def type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, datetime):
        return "a date-time"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, time):
        return "a time of day"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


class Validator:
    """Walks one document, collecting issues and building model objects where it can."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def error(self, path: KeyPath, message: str, anchor: Anchor = "value") -> None:
        self.issues.append(Issue(path, anchor, "error", message))

    def warning(self, path: KeyPath, message: str, anchor: Anchor = "value") -> None:
        self.issues.append(Issue(path, anchor, "warning", message))

    @property
    def failed(self) -> bool:
        return any(issue.severity == "error" for issue in self.issues)

    # -- generic field checks -------------------------------------------------------

    def fields(
        self, table: dict[str, Any], spec: tuple[Field, ...], path: KeyPath, what: str
    ) -> dict[str, Any]:
        """Check keys and value types of one table; return the values that passed."""
        known = _KNOWN[id(spec)]
        clean: dict[str, Any] = {}
        for key, value in table.items():
            field = known.get(key)
            if field is not None:
                quick = _QUICK[field.type](value)
                if quick is not None:
                    clean[key] = quick
                    continue
            if field is None:
                self.error(
                    (*path, key),
                    f"unknown key `{key}` in {what}{suggest(key, known)}{_misplaced(key, path)}",
                    "key",
                )
                continue
            checked = self.value(field, value, (*path, key))
            if checked is not None:
                clean[key] = checked
        for name in _REQUIRED[id(spec)]:
            if name not in table:
                self.error(path, f"missing required key `{name}` in {what}", "table")
        return clean

    def value(self, field: Field, value: Any, path: KeyPath) -> Any:
        """One value against its declared type; None (after reporting) when it is wrong."""
        name = field.name
        kind = field.type
        if kind in ("string", "slug", "zone", "kind", "status"):
            if not isinstance(value, str):
                self.error(path, f"`{name}` must be a string, not {type_name(value)}")
                return None
            if not value.strip():
                self.error(path, f"`{name}` must not be empty")
                return None
            if kind == "slug" and not _SLUG.match(value):
                self.error(
                    path,
                    f"`{name}` {value!r} must be a slug: letters, digits, '-', '_' or '.', "
                    "starting with a letter or digit",
                )
                return None
            if kind == "zone" and zone_or_none(value) is None:
                self.error(
                    path,
                    f"unknown time zone {value!r}: use an IANA name such as "
                    f"'Europe/Vienna'{suggest_zone(value)}",
                )
                return None
            if kind in ENUMS and value not in ENUMS[kind]:
                choices = ", ".join(ENUMS[kind])
                self.error(
                    path,
                    f"unknown {kind} {value!r}{suggest(value, ENUMS[kind])}; "
                    f"expected one of: {choices}",
                )
                return None
            return value
        if kind == "date-or-datetime":
            if isinstance(value, time) or not isinstance(value, date):
                hint = ""
                if isinstance(value, str) and _looks_like_date(value):
                    hint = f" (write it without quotes: {name} = {value.strip()})"
                elif isinstance(value, time):
                    hint = " (a time of day needs a date, e.g. 2022-03-01T10:00)"
                self.error(
                    path,
                    f"`{name}` must be a date or a date-time, not {type_name(value)}{hint}",
                )
                return None
            return self._in_years(value, path, name)
        if kind == "date-list":
            return self._list(value, path, name, date, "dates", exclude=datetime)
        if kind == "string-list":
            return self._list(value, path, name, str, "strings")
        if kind == "hours":
            return self._hours(value, path)
        raise AssertionError(f"unhandled field type {kind}")  # pragma: no cover

    def _list(
        self,
        value: Any,
        path: KeyPath,
        name: str,
        item_type: type,
        plural: str,
        exclude: type | None = None,
    ) -> list[Any] | None:
        if not isinstance(value, list):
            self.error(path, f"`{name}` must be an array of {plural}, not {type_name(value)}")
            return None
        good = []
        for index, item in enumerate(value):
            if not isinstance(item, item_type) or (exclude and isinstance(item, exclude)):
                self.error(
                    (*path, index),
                    f"`{name}` must hold only {plural}; item {index + 1} is {type_name(item)}",
                )
            elif item_type is not date or self._in_years(item, (*path, index), name):
                good.append(item)
        return good

    def _in_years(self, value: date, path: KeyPath, name: str) -> date | None:
        """The date if its year is one docket supports; None (after reporting) if not."""
        if FIRST_YEAR <= value.year <= LAST_YEAR:
            return value
        self.error(
            path,
            f"`{name}` {value} is outside the years docket supports ({FIRST_YEAR} to {LAST_YEAR})",
        )
        return None

    def _hours(self, value: Any, path: KeyPath) -> tuple[MeetingHours, ...] | None:
        if not isinstance(value, list) or not value:
            self.error(
                path,
                '`hours` must be a non-empty array of blocks such as ["10:00-13:00"], '
                f"not {type_name(value)}",
            )
            return None
        blocks: list[MeetingHours] = []
        ok = True
        for index, item in enumerate(value):
            compact = item.replace(" ", "") if isinstance(item, str) else None
            if compact is None or not _HOURS.match(compact):
                self.error(
                    (*path, index),
                    f'bad meeting block {item!r}: expected HH:MM-HH:MM, such as "10:00-13:00"',
                )
                ok = False
                continue
            start_text, end_text = compact.split("-")
            block = MeetingHours(
                time.fromisoformat(_pad(start_text)), time.fromisoformat(_pad(end_text))
            )
            if block.end <= block.start:
                self.error((*path, index), f"meeting block {item!r} ends before it starts")
                ok = False
                continue
            if blocks and block.start < blocks[-1].end:
                self.error(
                    (*path, index),
                    f"meeting block {item!r} overlaps or precedes {str(blocks[-1])!r}: "
                    "list blocks in order, without overlap",
                )
                ok = False
                continue
            blocks.append(block)
        if not ok:
            return None
        result = tuple(blocks)
        if len(_HOURS_CACHE) < 1024:
            _HOURS_CACHE[tuple(value)] = result
        return result


# Keyed by id(): hashing a tuple of Field objects on every table would cost more than
# the checks themselves.
_KNOWN = {id(spec): {f.name: f for f in spec} for spec in TABLES.values()}
_REQUIRED = {id(spec): tuple(f.name for f in spec if f.required) for spec in TABLES.values()}
_ENUM_SETS = {kind: frozenset(values) for kind, values in ENUMS.items()}
_YEARS = range(FIRST_YEAR, LAST_YEAR + 1)
_HOURS_CACHE: dict[tuple[str, ...], tuple[MeetingHours, ...]] = {}


def _quick_hours(value: Any) -> tuple[MeetingHours, ...] | None:
    """Hours lists repeat across a schedule: reuse ones already checked."""
    if type(value) is list:
        return _HOURS_CACHE.get(tuple(v if type(v) is str else repr(v) for v in value))
    return None


#: Fast acceptance of values that are plainly right: the common case of a valid file
#: costs one call per key. Anything else (None) goes through the full, reporting check.
_QUICK = {
    "string": lambda v: v if type(v) is str and v.strip() else None,
    "slug": lambda v: v if type(v) is str and _SLUG.match(v) else None,
    "zone": lambda v: v if type(v) is str and zone_or_none(v) is not None else None,
    "kind": lambda v: v if type(v) is str and v in _ENUM_SETS["kind"] else None,
    "status": lambda v: v if type(v) is str and v in _ENUM_SETS["status"] else None,
    "date-or-datetime": lambda v: v if isinstance(v, date) and v.year in _YEARS else None,
    "date-list": lambda v: (
        v if type(v) is list and all(type(x) is date and x.year in _YEARS for x in v) else None
    ),
    "string-list": lambda v: v if type(v) is list and all(type(x) is str for x in v) else None,
    "hours": _quick_hours,
}


def _misplaced(key: str, path: KeyPath) -> str:
    """Keys written below a table header belong to that table: say so for top-level keys."""
    if key in TOP_LEVEL_KEYS and len(path) == 1:
        return f"; keys after [{path[0]}] belong to it: move `{key}` above the first table"
    return ""


def _pad(hhmm: str) -> str:
    return hhmm if len(hhmm) == 5 else "0" + hhmm


def _looks_like_date(text: str) -> bool:
    return bool(re.match(r"^\s*\d{4}-\d{2}-\d{2}", text))


def build_schedule(
    document: dict[str, Any], source: Any = None
) -> tuple[Schedule | None, list[Issue]]:
    """Validate a parsed document; return the model (None if any error) and all issues."""
    v = Validator()
    for key in document:
        if key not in TOP_LEVEL_KEYS:
            v.error(
                (key,),
                f"unknown top-level key `{key}`{suggest(key, TOP_LEVEL_KEYS)}; "
                "a schedule has [schedule], [venues.<id>] and [[events]]",
                "key",
            )

    header = document.get("schedule")
    if not isinstance(header, dict):
        if header is None:
            v.error(
                ("schedule",), "missing [schedule] table (with at least `id` and `title`)", "table"
            )
        else:
            v.error(("schedule",), f"`schedule` must be a table, not {type_name(header)}", "key")
        head: dict[str, Any] = {}
    else:
        head = v.fields(header, TABLES["schedule"], ("schedule",), "[schedule]")
    zone_name = head.get("timezone", "UTC")
    schedule_zone = zone_or_none(zone_name) or ZoneInfo("UTC")
    schedule_holidays = frozenset(head.get("holidays", ()))

    venues = _venues(v, document.get("venues", {}))
    events, event_paths = _events(
        v, document.get("events", []), venues, schedule_zone, schedule_holidays
    )

    deadline = head.get("deadline")
    if deadline is not None:
        target = next((e for e in events if e.id == deadline), None)
        if target is None and not v.failed:
            v.error(
                ("schedule", "deadline"),
                f"`deadline` names no event: {deadline!r}"
                f"{suggest(deadline, [e.id for e in events])}",
            )
        elif target is not None and target.kind not in POINT_KINDS:
            v.error(
                ("schedule", "deadline"),
                f"`deadline` {deadline!r} is a {target.kind}; the headline deadline must be "
                "a deadline or milestone event",
            )

    if v.failed:
        return None, v.issues
    schedule = Schedule(
        id=head["id"],
        title=head["title"],
        timezone=zone_name,
        deadline=deadline,
        holidays=schedule_holidays,
        url=head.get("url"),
        description=head.get("description"),
        venues=venues,
        events=tuple(events),
        source=source,
    )
    from tui.schedule.warnings import schedule_warnings

    v.issues.extend(schedule_warnings(schedule, event_paths))
    return schedule, v.issues


def _venues(v: Validator, table: Any) -> dict[str, Venue]:
    if not isinstance(table, dict):
        v.error(
            ("venues",),
            f"`venues` must be a table of [venues.<id>] tables, not {type_name(table)}",
            "key",
        )
        return {}
    venues: dict[str, Venue] = {}
    for venue_id, body in table.items():
        path: KeyPath = ("venues", venue_id)
        if not _SLUG.match(venue_id):
            v.error(
                path,
                f"venue id {venue_id!r} must be a slug (letters, digits, '-', '_', '.')",
                "table",
            )
        if not isinstance(body, dict):
            v.error(path, f"venue `{venue_id}` must be a table, not {type_name(body)}", "key")
            continue
        clean = v.fields(body, TABLES["venue"], path, f"[venues.{venue_id}]")
        if "name" in clean and "timezone" in clean:
            venues[venue_id] = Venue(
                id=venue_id,
                name=clean["name"],
                timezone=clean["timezone"],
                city=clean.get("city"),
                country=clean.get("country"),
                address=clean.get("address"),
                holidays=frozenset(clean.get("holidays", ())),
            )
    return venues


def _events(
    v: Validator,
    items: Any,
    venues: dict[str, Venue],
    schedule_zone: ZoneInfo,
    schedule_holidays: frozenset[date],
) -> tuple[list[Event], dict[str, int]]:
    if not isinstance(items, list):
        v.error(
            ("events",),
            f"`events` must be an array of [[events]] tables, not {type_name(items)}",
            "key",
        )
        return [], {}
    events: list[Event] = []
    seen: dict[str, int] = {}
    # One shared set per venue (and one for no venue): events point at it, never copy it.
    holiday_sets: dict[str | None, frozenset[date]] = {None: schedule_holidays}
    for venue_id, venue in venues.items():
        holiday_sets[venue_id] = (
            schedule_holidays | venue.holidays if venue.holidays else schedule_holidays
        )
    for index, body in enumerate(items):
        path: KeyPath = ("events", index)
        if not isinstance(body, dict):
            v.error(path, f"each [[events]] entry must be a table, not {type_name(body)}", "value")
            continue
        event_id = body.get("id") if isinstance(body.get("id"), str) else None
        what = f"event `{event_id}`" if event_id else f"[[events]] #{index + 1}"
        clean = v.fields(body, TABLES["event"], path, what)
        event = _event(v, clean, path, venues, schedule_zone, holiday_sets)
        if "id" in clean:
            if clean["id"] in seen:
                first = seen[clean["id"]]
                v.error(
                    (*path, "id"),
                    f"duplicate event id `{clean['id']}` (first used by [[events]] #{first + 1})",
                )
                continue
            seen[clean["id"]] = index
        if event is not None:
            events.append(event)
    return events, seen


def _event(
    v: Validator,
    clean: dict[str, Any],
    path: KeyPath,
    venues: dict[str, Venue],
    schedule_zone: ZoneInfo,
    holiday_sets: dict[str | None, frozenset[date]],
) -> Event | None:
    venue = None
    if "venue" in clean:
        venue = venues.get(clean["venue"])
        if venue is None:
            known = ", ".join(venues) or "none declared"
            v.error(
                (*path, "venue"),
                f"unknown venue `{clean['venue']}`{suggest(clean['venue'], venues)}; "
                f"venues: {known}",
            )
            return None
    zone = venue.zone if venue is not None else schedule_zone
    start = clean.get("start")
    end = clean.get("end")
    kind = clean.get("kind")
    ok = True
    if kind in POINT_KINDS and "end" in clean:
        v.error(
            (*path, "end"),
            f"a {kind} is a point in time: remove `end` (it has only `start`)",
            "key",
        )
        ok = False
    if start is not None and end is not None:
        if isinstance(start, datetime) != isinstance(end, datetime):
            v.error(
                (*path, "end"),
                f"`end` is {type_name(end)} but `start` is {type_name(start)}: "
                "both must be dates or both date-times",
            )
            ok = False
        else:
            start_cmp = _attach(start, zone)
            end_cmp = _attach(end, zone)
            if end_cmp < start_cmp:
                v.error((*path, "end"), f"`end` {end} is before `start` {start}")
                ok = False
    if "hours" in clean and isinstance(start, datetime):
        v.error(
            (*path, "hours"),
            "`hours` applies to date spans only; this event has a start time already",
            "key",
        )
        ok = False
    if not ok or any(key not in clean for key in ("id", "kind", "title", "start")):
        return None
    return Event(
        id=clean["id"],
        kind=kind,
        title=clean["title"],
        start=_attach(start, zone),
        end=_attach(end, zone) if end is not None else None,
        zone=zone,
        venue=venue,
        hours=clean.get("hours", ()),
        status=clean.get("status", "confirmed"),
        tags=tuple(clean.get("tags", ())),
        url=clean.get("url"),
        notes=clean.get("notes"),
        holidays=holiday_sets[venue.id if venue is not None else None],
    )


def _attach(value: date | datetime, zone: ZoneInfo) -> date | datetime:
    """A local date-time gets the venue's (or schedule's) zone; others are kept as written."""
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=zone)
    return value
