"""Loading an edited text: the loader's own checks, on the one event that changed.

A full `load_text` of a 10,000-event file takes over 100 ms, too slow for a key held down.
An edit that changes one event written as an `[[events]]` table changes only the lines
from that table's header to the next header (`EventChunks`), and the loader judges an
event by itself and the venues and zone it names: so the edited table is parsed alone
(`parse`, the loader's parser, controls and nesting bounds included) and built by the
loader's builder (`build_schedule`) with the schedule's venues and zone, and the other
events are kept as they were. The warnings are the loader's own checks, redone where the
edit can change them (`tui.edit.warning_cache`).

Anything else — an added or deleted event (ids, references and rules depend on them), an
event in an inline array, a file with a table below `events`, an edit that touches another
table, and every refusal (for the loader's exact message, located in the whole file) —
goes through the full `load_text`. tests/unit/edit/test_edit_session.py checks that
the fast path gives what the full load gives, edit after edit.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tui.core.countdown import carry_index
from tui.core.errors import DocketError
from tui.core.model import Event, Schedule
from tui.edit.spans import EventChunks, Splice
from tui.edit.warning_cache import WarningCache
from tui.schedule.build import build_schedule
from tui.schedule.loader import Loaded, locate
from tui.schedule.locator import Locator
from tui.schedule.reading import refuse_controls
from tui.schedule.toml_source import parse
from tui.schedule.warnings import schedule_warnings


def load_one_event(
    before: Loaded,
    chunks: EventChunks | None,
    index: int,
    splices: list[Splice],
    text: str,
    name: str,
    cache: WarningCache | None = None,
) -> tuple[Loaded, EventChunks, WarningCache | None] | None:
    """`text` (the edited text) loaded by rebuilding event `index` alone, with the chunks
    of the new text and its warnings' cache (`cache` is the one of `before`, if kept); None
    when this edit cannot be judged so (the caller loads in full)."""
    if chunks is None or not chunks.isolated or len(chunks.starts) != len(before.schedule.events):
        return None
    if before.schedule.follows:  # dates that follow others: only the whole load resolves them
        return None
    bounds = chunks.bounds(index)
    if bounds is None or not splices:
        return None
    begin, stop = bounds
    if any(s.start < begin or s.end > stop for s in splices):
        return None
    delta = sum(len(s.new) - (s.end - s.start) for s in splices)
    chunk = text[begin : stop + delta]
    event = _rebuilt(chunk, before.schedule, name)
    if event is None:
        return None
    events = before.schedule.events
    if event.id != events[index].id:
        return None  # a new id: the references to it are the full load's to judge
    schedule = before.schedule.with_event(index, event)
    carry_index(before.schedule, schedule, events[index], event)
    new_chunks = chunks.shifted(index, delta)
    if cache is None:
        cache = WarningCache.of(before.schedule, before.text, chunks)
    added_lines = chunk.count("\n") - before.text.count("\n", begin, stop)
    new_cache = cache.edited(schedule, index, events[index], event, added_lines)
    warnings = None
    if new_cache is not None:
        warnings = new_cache.warnings(schedule, text, new_chunks, name)
    locator = Locator(text)
    if warnings is None:  # a warning placed another way: the loader's own
        index_of = {e.id: number for number, e in enumerate(schedule.events)}
        warnings = locate(schedule_warnings(schedule, index_of), locator, name)
        new_cache = None
    loaded = Loaded(schedule=schedule, warnings=warnings, text=text, locator=locator)
    return loaded, new_chunks, new_cache


def _rebuilt(chunk: str, schedule: Schedule, name: str) -> Event | None:
    """The one event of `chunk` as the loader builds it, or None on any error."""
    try:
        refuse_controls(chunk, name)
        document = parse(chunk, name)
    except DocketError:
        return None
    items = document.get("events")
    if set(document) != {"events"} or not isinstance(items, list) or len(items) != 1:
        return None
    built = build_schedule(
        {"schedule": _header(schedule), "venues": _venues(schedule), "events": items}
    )
    if built.schedule is None or len(built.schedule.events) != 1:
        return None
    event = built.schedule.events[0]
    # The model's own venue and holiday objects, shared as the loader shares them.
    venue = schedule.venues.get(event.venue.id) if event.venue is not None else None
    if venue is not None and venue == event.venue:
        event = replace(event, venue=venue)
    return event


def _header(schedule: Schedule) -> dict[str, Any]:
    """What the builder needs of `[schedule]` to judge an event: the zone and holidays."""
    return {
        "id": schedule.id,
        "title": schedule.title,
        "timezone": schedule.timezone,
        "holidays": sorted(schedule.holidays),
    }


def _venues(schedule: Schedule) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for venue_id, venue in schedule.venues.items():
        table: dict[str, Any] = {"name": venue.name, "timezone": venue.timezone}
        for key in ("city", "country", "address"):
            value = getattr(venue, key)
            if value is not None:
                table[key] = value
        if venue.holidays:
            table["holidays"] = sorted(venue.holidays)
        out[venue_id] = table
    return out
