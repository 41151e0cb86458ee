"""The edits a planner makes, as plain values: each knows how to rewrite the text.

Every edit is a frozen dataclass (so the app can keep, compare and journal them) with:

- `splices(text, loaded)`: the targeted changes of the text (`tui.edit.rewrite`), or an
  `EditError` saying why the edit cannot be made (no such event, a key docket lacks);
- `describe()`: one line for a header, an undo menu or the journal.

Whether the result is a valid schedule is not the edit's business: the session loads it
and refuses it with the loader's own message (an end before the start, a venue no table
declares, a deadline given an end).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from tui.core.model import KINDS, STATUSES, Event, Schedule
from tui.core.sanitize import visible
from tui.core.text import suggest
from tui.edit.follow_edits import follows_of, moved_link
from tui.edit.rewrite import add_event, remove_event, remove_key, require, set_key
from tui.edit.spans import EditError, EventChunks, EventSpans, Splice, locate_event, newline_of
from tui.edit.values import shift_raw_date, toml_value
from tui.schedule.loader import Loaded

#: The keys `SetFields` may change (the event's id and kind are its identity).
FIELDS: tuple[str, ...] = (
    "title",
    "status",
    "venue",
    "start",
    "end",
    "hours",
    "tags",
    "notes",
    "url",
)
#: A field's new value: None removes the key.
Value = str | date | datetime | tuple[str, ...] | None


def find_event(loaded: Loaded | Schedule, event_id: str) -> tuple[int, Event]:
    """The event's index in file order, or an `EditError` with a did-you-mean."""
    schedule = loaded if isinstance(loaded, Schedule) else loaded.schedule
    index = schedule.position(event_id)
    if index is not None:
        return index, schedule.events[index]
    hint = suggest(event_id, (event.id for event in schedule.events))
    raise EditError(visible(f"no event {event_id!r} in the schedule{hint}"))


def _shifted(loaded: Loaded, event_id: str, key: str, raw: str, days: int) -> str:
    """The value `key` gets when it moves by `days`: the written date shifted, or, for a
    date that follows another's, the same link with a new offset (never a fixed date)."""
    link = follows_of(loaded.schedule, event_id, key)
    if link is None:
        return shift_raw_date(raw, days)
    _, event = find_event(loaded, event_id)
    return moved_link(loaded.schedule, event, key, link, days)


def _spans(text: str, loaded: Loaded, event_id: str, chunks: EventChunks | None) -> EventSpans:
    index, _ = find_event(loaded, event_id)
    return locate_event(text, index, event_id, chunks)


@dataclass(frozen=True)
class Move:
    """Move an event by whole days (start and end alike), keeping its length and style."""

    event_id: str
    days: int

    def splices(self, text: str, loaded: Loaded, chunks: EventChunks | None = None) -> list[Splice]:
        spans = _spans(text, loaded, self.event_id, chunks)
        out = []
        for key in ("start", "end"):
            span = spans.keys.get(key)
            link = follows_of(loaded.schedule, self.event_id, key)
            if link is not None and link.anchor == self.event_id:
                continue  # follows the event's own start, which moves with it
            if span is not None:
                raw = _shifted(loaded, self.event_id, key, span.raw, self.days)
                out.append(Splice(span.value_start, span.value_end, raw))
        return out

    def describe(self) -> str:
        return f"move {self.event_id} by {self.days:+d} days"


@dataclass(frozen=True)
class Resize:
    """Move an event's last day by `end_days` (lengthen or shorten), its start kept."""

    event_id: str
    end_days: int

    def splices(self, text: str, loaded: Loaded, chunks: EventChunks | None = None) -> list[Splice]:
        spans = _spans(text, loaded, self.event_id, chunks)
        end = spans.keys.get("end")
        if end is not None:
            raw = _shifted(loaded, self.event_id, "end", end.raw, self.end_days)
            return [Splice(end.value_start, end.value_end, raw)]
        start = spans.keys.get("start")
        require(start is not None, f"event {self.event_id!r} has no start to resize from")
        assert start is not None
        _, event = find_event(loaded, self.event_id)
        if follows_of(loaded.schedule, self.event_id, "start") is not None:
            # A new end after a following start: a date of its own, from the resolved start.
            written = event.start.isoformat()  # an offset date-time: the exact instant
            return [set_key(text, spans, "end", shift_raw_date(written, self.end_days))]
        return [set_key(text, spans, "end", shift_raw_date(start.raw, self.end_days))]

    def describe(self) -> str:
        verb = "lengthen" if self.end_days > 0 else "shorten"
        return f"{verb} {self.event_id} by {abs(self.end_days)} days"


@dataclass(frozen=True)
class SetFields:
    """Set (or, with None, remove) some of an event's fields at once: one undo step."""

    event_id: str
    values: tuple[tuple[str, Value], ...]

    @classmethod
    def of(cls, event_id: str, values: dict[str, Value]) -> SetFields:
        return cls(event_id, tuple(values.items()))

    def splices(self, text: str, loaded: Loaded, chunks: EventChunks | None = None) -> list[Splice]:
        spans = _spans(text, loaded, self.event_id, chunks)
        out: list[Splice] = []
        for key, value in self.values:
            if key not in FIELDS:
                raise EditError(
                    visible(f"{key!r} is not a field an edit sets{suggest(key, FIELDS)}")
                )
            if value is None or value == () or (value == "" and key != "title"):
                removed = remove_key(text, spans, key)
                if removed is not None:
                    out.append(removed)
                continue
            old = spans.keys.get(key)
            out.append(set_key(text, spans, key, toml_value(value, old.raw if old else None)))
        return _merge_inserts(out)

    def describe(self) -> str:
        return f"set {', '.join(key for key, _ in self.values)} of {self.event_id}"


def _merge_inserts(splices: list[Splice]) -> list[Splice]:
    """Several new keys go at the same place: one splice, in the order given."""
    merged: dict[tuple[int, int], str] = {}
    for splice in splices:
        merged[(splice.start, splice.end)] = merged.get((splice.start, splice.end), "") + splice.new
    return [Splice(start, end, new) for (start, end), new in merged.items()]


@dataclass(frozen=True)
class SetStatus:
    """Set an event's status (confirmed, tentative, postponed, cancelled)."""

    event_id: str
    status: str

    def splices(self, text: str, loaded: Loaded, chunks: EventChunks | None = None) -> list[Splice]:
        if self.status not in STATUSES:
            hint = suggest(self.status, STATUSES)
            raise EditError(visible(f"{self.status!r} is not a status{hint}"))
        return SetFields(self.event_id, (("status", self.status),)).splices(text, loaded, chunks)

    def describe(self) -> str:
        return f"mark {self.event_id} {self.status}"


@dataclass(frozen=True)
class AddEvent:
    """A new event after the last one; its id made from the title when none is given."""

    kind: str
    title: str
    start: date | datetime
    end: date | datetime | None = None
    event_id: str | None = None
    extra: tuple[tuple[str, Value], ...] = field(default=())

    def new_id(self, schedule: Schedule) -> str:
        """The id given, else a slug of the title that no event of `schedule` has."""
        if self.event_id is not None:
            return self.event_id
        taken = {event.id for event in schedule.events}
        base = re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-")[:40] or self.kind
        candidate, number = base, 2
        while candidate in taken:
            candidate, number = f"{base}-{number}", number + 1
        return candidate

    def splices(self, text: str, loaded: Loaded, chunks: EventChunks | None = None) -> list[Splice]:
        if self.kind not in KINDS:
            raise EditError(visible(f"{self.kind!r} is not a kind{suggest(self.kind, KINDS)}"))
        pairs: list[tuple[str, str]] = [
            ("id", toml_value(self.new_id(loaded.schedule))),
            ("kind", toml_value(self.kind)),
            ("title", toml_value(self.title)),
            ("start", toml_value(self.start)),
        ]
        if self.end is not None:
            pairs.append(("end", toml_value(self.end)))
        for key, value in self.extra:
            if key not in FIELDS:
                raise EditError(
                    visible(f"{key!r} is not a field an edit sets{suggest(key, FIELDS)}")
                )
            if value is not None:
                pairs.append((key, toml_value(value)))
        events = loaded.schedule.events
        last = locate_event(text, len(events) - 1, events[-1].id, chunks) if events else None
        return [add_event(text, last, pairs, newline_of(text))]

    def describe(self) -> str:
        return f"add {self.kind} {self.title!r}"


@dataclass(frozen=True)
class DeleteEvent:
    """Remove an event (its header, keys and the comment right above it)."""

    event_id: str

    def splices(self, text: str, loaded: Loaded, chunks: EventChunks | None = None) -> list[Splice]:
        return [remove_event(text, _spans(text, loaded, self.event_id, chunks))]

    def describe(self) -> str:
        return f"delete {self.event_id}"


Edit = Move | Resize | SetStatus | SetFields | AddEvent | DeleteEvent
