"""Which events an export takes: one value that the export flow (`tui.ical.export_plan`) builds
for `docket export` and the app's dialog alike.

Both front ends once passed the same five keyword lists to the exporter, checked them for
typos with a second function and, on the command line, ran the selection a second time to
say how many events went out. `EventSelection` holds the choices once, so the typo check,
the export (`tui.ical.export`) and the count all read the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tui.core.model import KINDS, Event, Schedule
from tui.core.text import suggest


@dataclass(frozen=True)
class EventSelection:
    """Kinds, tags and venue ids (any value of one matches; every one given must match) and
    the days the events must overlap; `ids`, when given, the only events it may take (those
    the app's filter shows). The empty selection takes every event.
    """

    kinds: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    venues: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    ids: frozenset[str] | None = None
    # The last schedule selected from and what was taken, so that the count said after an
    # export is the export's own selection rather than a second pass over the schedule.
    _last: list[tuple[Schedule, tuple[Event, ...]]] = field(
        default_factory=list, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        # A list given (as in a test or a script) becomes a tuple, so that the value stays
        # hashable and nobody changes it behind a memoised selection.
        for name in ("kinds", "tags", "venues"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        if self.ids is not None:
            object.__setattr__(self, "ids", frozenset(self.ids))

    def matches(self, event: Event) -> bool:
        if self.ids is not None and event.id not in self.ids:
            return False
        if self.kinds and event.kind not in self.kinds:
            return False
        if self.tags and not set(event.tags) & set(self.tags):
            return False
        if self.venues and (event.venue is None or event.venue.id not in self.venues):
            return False
        if self.start is not None and event.last_day < self.start:
            return False
        return self.end is None or event.first_day <= self.end

    def select(self, schedule: Schedule) -> tuple[Event, ...]:
        """The events taken, in date order (the order of the timeline and of the export)."""
        if self._last and self._last[0][0] is schedule:
            return self._last[0][1]
        chosen = tuple(event for event in schedule.in_date_order() if self.matches(event))
        self._last[:] = [(schedule, chosen)]
        return chosen

    def count(self, schedule: Schedule) -> int:
        """How many events are taken; after an export, read from the export's selection."""
        return len(self.select(schedule))

    def unknown_value(self, schedule: Schedule) -> tuple[str, str] | None:
        """The first value that names nothing in the schedule, as (filter, message).

        A typo would otherwise export nothing and say only that nothing matched; the
        command line and the dialog both name the value and suggest the near one.
        """
        known_tags = {tag for event in schedule.events for tag in event.tags}
        for name, values, known in (
            ("kind", self.kinds, KINDS),
            ("venue", self.venues, schedule.venues),
            ("tag", self.tags, known_tags),
        ):
            for value in values:
                if value not in known:
                    listing = ", ".join(sorted(known)) or "none"
                    hint = suggest(value, known)
                    return name, f"unknown {name} {value!r}{hint}; known: {listing}"
        return None
