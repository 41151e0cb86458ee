"""Building the model from a parsed schedule document, checking what spans tables as it goes.

`checks` judges one table at a time; what needs several at once is here: an event's venue
must be declared, `end` must match `start` and not precede it, event ids must be unique,
the headline deadline must name a deadline or a milestone. No model is returned when anything is an
error, so the rest of docket only ever sees schedules that make sense.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from tui.core.follows import Follows
from tui.core.model import KINDS, POINT_KINDS, Event, Schedule, Venue
from tui.core.rules_model import Rule
from tui.core.sanitize import first_control
from tui.core.text import clip, shown, suggest
from tui.core.zones import zone_or_none
from tui.schedule.checks import SLUG, Validator, misspelt_key, type_name
from tui.schedule.controls import control_issues, may_hold_controls, tainted_keys
from tui.schedule.fields import TABLES, TOP_LEVEL_KEYS
from tui.schedule.follow_graph import Entry, attach, resolve_follows
from tui.schedule.follow_table import Written
from tui.schedule.issues import Issue
from tui.schedule.references import Known, unreadable
from tui.schedule.rule_tables import build_rules
from tui.schedule.toml_source import KeyPath


@dataclass
class Built:
    """The model (None if there was any error), every issue found, and where each event is."""

    schedule: Schedule | None
    issues: list[Issue]
    #: Each event id's index in `[[events]]`, so later issues can name their key path.
    event_index: dict[str, int] = field(default_factory=dict)


def build_schedule(
    document: dict[str, object], source: Path | None = None, *, text: str | None = None
) -> Built:
    """Check a parsed document and build its model; warnings are not looked for here.

    `text` (the TOML the document came from) lets the search for control characters be
    skipped when the text cannot hold any.
    """
    controls = control_issues(document) if text is None or may_hold_controls(text) else []
    v = Validator(tainted_keys(controls), frozenset(issue.path for issue in controls))
    v.issues.extend(controls)
    v.find_misnamed = lambda: _misnamed_ids(document)
    # A misspelt table ([venue.x], [[event]]) is one error: what it holds is not declared,
    # yet it was meant to be, so nothing is missing and what names its ids is not judged.
    misspelt: set[str] = set()
    for key in document:
        if key not in TOP_LEVEL_KEYS and (key,) not in v.tainted:
            misspelt.update(name for name in TOP_LEVEL_KEYS if misspelt_key(key, name))
            v.error(
                (key,),
                f"unknown top-level key `{clip(key)}`{suggest(key, TOP_LEVEL_KEYS)}; "
                "a schedule has [schedule], [venues.<id>], [[events]] and [[rules]]",
                "key",
            )

    header = document.get("schedule")
    if ("schedule",) in v.reported or (header is None and "schedule" in misspelt):
        head: dict[str, Any] = {}
    elif not isinstance(header, dict):
        if header is None:
            v.error(
                ("schedule",), "missing [schedule] table (with at least `id` and `title`)", "table"
            )
        else:
            v.error(("schedule",), f"`schedule` must be a table, not {type_name(header)}", "key")
        head = {}
    else:
        head = v.fields(header, TABLES["schedule"], ("schedule",), "[schedule]")
    zone_name = head.get("timezone", "UTC")
    schedule_zone = zone_or_none(zone_name) or ZoneInfo("UTC")
    schedule_holidays = frozenset(head.get("holidays", ()))

    venues, venue_ids = _venues(v, document.get("venues", {}), schedule_zone.key)
    venue_ids.complete = venue_ids.complete and "venues" not in misspelt
    events, event_index, event_ids, follows = _events(
        v, document.get("events", []), venues, venue_ids, schedule_zone, schedule_holidays
    )
    event_ids.complete = event_ids.complete and "events" not in misspelt

    deadline = head.get("deadline")
    if deadline is not None:
        _check_deadline(v, deadline, _written_kinds(document.get("events")), event_ids)
    rules: tuple[Rule, ...] = ()
    if "rules" in document and ("rules",) not in v.reported:
        rules = build_rules(v, document["rules"], venue_ids, event_ids)

    if v.failed:
        return Built(None, v.issues)
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
        rules=rules,
        follows=follows,
    )
    return Built(schedule, v.issues, event_index)


def _misnamed_ids(document: dict[str, object]) -> frozenset[str]:
    """Venue and event ids declared that are not slugs (each is an error where declared)."""
    venues = document.get("venues")
    events = document.get("events")
    ids = [*(venues if isinstance(venues, dict) else ())]
    for body in events if isinstance(events, list) else ():
        if isinstance(body, dict) and isinstance(body.get("id"), str):
            ids.append(body["id"])
    return frozenset(name for name in ids if not SLUG.fullmatch(name))


def _written_kinds(items: object) -> dict[str, object]:
    """Each event id as written, with its kind as written: what `deadline` may name, even
    where the event has errors of its own (they are reported too, in the same run)."""
    kinds: dict[str, object] = {}
    for body in items if isinstance(items, list) else ():
        if isinstance(body, dict) and isinstance(body.get("id"), str):
            kinds.setdefault(body["id"], body.get("kind"))
    return kinds


def _check_deadline(
    v: Validator, deadline: str, kinds: dict[str, object], event_ids: Known
) -> None:
    if event_ids.dangles(deadline):
        v.error(
            ("schedule", "deadline"),
            f"`deadline` names no event: {shown(deadline)}{event_ids.hint(deadline)}",
        )
        return
    kind = kinds.get(deadline)
    if isinstance(kind, str) and kind in KINDS and kind not in POINT_KINDS:
        v.error(
            ("schedule", "deadline"),
            f"`deadline` {shown(deadline)} is a {kind}; the headline deadline must be "
            "a deadline or milestone event",
        )


def _venues(v: Validator, table: object, fallback_zone: str) -> tuple[dict[str, Venue], Known]:
    """Every declared venue, and their ids. A venue with errors is still declared: its
    events are judged against it as written, with the schedule's zone for a broken one."""
    if ("venues",) in v.reported:
        return {}, unreadable("venue")
    if not isinstance(table, dict):
        v.error(
            ("venues",),
            f"`venues` must be a table of [venues.<id>] tables, not {type_name(table)}",
            "key",
        )
        return {}, unreadable("venue")
    venues: dict[str, Venue] = {}
    readable = True
    for venue_id, body in table.items():
        path: KeyPath = ("venues", venue_id)
        clean: dict[str, Any] = {}
        if path in v.reported:  # a control character in the id, or the value is a string
            if first_control(venue_id, allow_newline=False) is not None:
                readable = False
                continue
        elif not isinstance(body, dict):
            v.error(path, f"venue `{clip(venue_id)}` must be a table, not {type_name(body)}", "key")
        else:
            clean = v.fields(body, TABLES["venue"], path, f"[venues.{clip(venue_id)}]")
        if path not in v.reported and not SLUG.fullmatch(venue_id):
            readable = False
            v.error(
                path,
                f"venue id {shown(venue_id)} must be a slug (letters, digits, '-', '_', '.')",
                "table",
            )
        venues[venue_id] = Venue(
            id=venue_id,
            name=clean.get("name", str(venue_id)),
            timezone=clean.get("timezone", fallback_zone),
            city=clean.get("city"),
            country=clean.get("country"),
            address=clean.get("address"),
            holidays=frozenset(clean.get("holidays", ())),
        )
    return venues, Known(venues, noun="venue", complete=readable)


def _events(
    v: Validator,
    items: object,
    venues: dict[str, Venue],
    venue_ids: Known,
    schedule_zone: ZoneInfo,
    schedule_holidays: frozenset[date],
) -> tuple[list[Event], dict[str, int], Known, dict[str, dict[str, Follows]]]:
    """The events without errors, each id's index, the ids other tables may name (every
    event whose `id` is valid, even where the event has other errors), and the definitions
    of the dates that follow others (resolved in the events: see `follow_graph`)."""
    if ("events",) in v.reported:
        return [], {}, unreadable("event"), {}
    if not isinstance(items, list):
        v.error(
            ("events",),
            f"`events` must be an array of [[events]] tables, not {type_name(items)}",
            "key",
        )
        return [], {}, unreadable("event"), {}
    events: list[Event] = []
    seen: dict[str, int] = {}
    readable = True
    # One shared set per venue (and one for no venue): events point at it, never copy it.
    sets: dict[str | None, frozenset[date]] = {None: schedule_holidays}
    for venue_id, venue in venues.items():
        sets[venue_id] = schedule_holidays | venue.holidays if venue.holidays else schedule_holidays
    slots: list[Event | tuple[dict[str, Any], KeyPath, Venue | None] | None] = []
    following: list[str] = []
    for index, body in enumerate(items):
        path: KeyPath = ("events", index)
        if not isinstance(body, dict):
            readable = False
            if path not in v.reported:
                v.error(
                    path, f"each [[events]] entry must be a table, not {type_name(body)}", "value"
                )
            continue
        event_id = body.get("id") if isinstance(body.get("id"), str) else None
        what = f"event `{clip(event_id)}`" if event_id else f"[[events]] #{index + 1}"
        clean = v.fields(body, TABLES["event"], path, what)
        follows = isinstance(clean.get("start"), Written) or isinstance(clean.get("end"), Written)
        place = _venue_of(v, clean, path, venues, venue_ids)
        zone = place.zone if place else schedule_zone
        built = None if follows or place is False else _event(v, clean, path, place, zone, sets)
        if "id" not in clean:
            readable = False
        elif clean["id"] in seen:
            first = seen[clean["id"]]
            v.error(
                (*path, "id"),
                f"duplicate event id `{clip(clean['id'])}` (first used by [[events]] #{first + 1})",
            )
            continue
        else:
            seen[clean["id"]] = index
        if follows and place is not False:
            slots.append((clean, path, place))
            if "id" in clean:
                following.append(clean["id"])
        else:
            slots.append(built)
    known = Known(seen, noun="event", complete=readable)
    if not following:  # the usual file: every date its own
        return [slot for slot in slots if isinstance(slot, Event)], seen, known, {}
    entries = _entries(slots, sets, schedule_zone)
    resolution = resolve_follows(v, entries, known, following)
    for slot in slots:
        if isinstance(slot, tuple):
            clean, path, place = slot
            if "id" not in clean or clean["id"] in resolution.failed:
                continue  # its error, or that of a date it follows, is reported
            zone = place.zone if place is not None else schedule_zone
            slot = _event(v, clean, path, place, zone, sets)
        if slot is not None:
            events.append(slot)
    return events, seen, known, resolution.follows


def _entries(
    slots: list[Event | tuple[dict[str, Any], KeyPath, Venue | None] | None],
    sets: dict[str | None, frozenset[date]],
    schedule_zone: ZoneInfo,
) -> dict[str, Entry]:
    """Every readable event's dates, for the links to hang on: a built event's as built,
    a following one's as written. An event with errors of its own is left out, so what
    follows it is not judged (its error is the one reported)."""
    entries: dict[str, Entry] = {}
    for slot in slots:
        if isinstance(slot, Event):
            dates: dict[str, Any] = {"start": slot.start, "status": slot.status}
            if slot.end is not None:
                dates["end"] = slot.end
            entries[slot.id] = Entry(dates, (), slot.zone, slot.holidays, slot.venue is not None)
        elif slot is not None and "id" in slot[0]:
            clean, path, place = slot
            zone = place.zone if place is not None else schedule_zone
            holidays = sets[place.id if place is not None else None]
            entries[clean["id"]] = Entry(clean, path, zone, holidays, place is not None)
    return entries


def _venue_of(
    v: Validator,
    clean: dict[str, Any],
    path: KeyPath,
    venues: dict[str, Venue],
    venue_ids: Known,
) -> Venue | Literal[False] | None:
    """The event's venue, None for none, False (after reporting) for an unknown one."""
    if "venue" not in clean:
        return None
    venue = venues.get(clean["venue"])
    if venue is None and venue_ids.dangles(clean["venue"]):
        v.error((*path, "venue"), venue_ids.unknown(clean["venue"]))
        return False
    return venue


def _event(
    v: Validator,
    clean: dict[str, Any],
    path: KeyPath,
    venue: Venue | None,
    zone: ZoneInfo,
    holiday_sets: dict[str | None, frozenset[date]],
) -> Event | None:
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
        elif attach(end, zone) < attach(start, zone):
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
        kind=clean["kind"],
        title=clean["title"],
        start=attach(clean["start"], zone),
        end=attach(end, zone) if end is not None else None,
        zone=zone,
        venue=venue,
        hours=clean.get("hours", ()),
        status=clean.get("status", "confirmed"),
        tags=tuple(clean.get("tags", ())),
        url=clean.get("url"),
        notes=clean.get("notes"),
        holidays=holiday_sets[venue.id if venue is not None else None],
    )
