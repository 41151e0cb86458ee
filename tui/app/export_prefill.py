"""What the export dialog starts from when a `/` filter is on screen. Textual-free.

The filter's `kind:`, `tag:` and `venue:` parts become the dialog's Kinds, Tags and Venues,
resolved against the schedule the way the filter matches them (a kind by prefix, a tag by
substring, a venue by its id, name or city), so the dialog shows the names the export
takes. Words and `status:` have no field in the dialog: then the selection also keeps to
the ids of the events the filter shows (`FilteredSelection`), and the dialog says so. Either
way the export holds exactly the events on screen, unless the planner edits the fields.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tui.app.shown import shown
from tui.core.filtering import EventFilter
from tui.core.model import KINDS, Event, Schedule
from tui.core.selection import EventSelection
from tui.core.words import plural


@dataclass(frozen=True)
class FilteredSelection(EventSelection):
    """An `EventSelection` that also keeps to some event ids: those a filter showed."""

    ids: frozenset[str] = field(default_factory=frozenset)

    def matches(self, event: Event) -> bool:
        return event.id in self.ids and super().matches(event)


@dataclass(frozen=True)
class Prefill:
    """The dialog's first texts, the note that says where they come from, and the ids the
    export keeps to when the filter has words or a status (else None)."""

    texts: dict[str, str]
    note: str
    ids: frozenset[str] | None = None


def _resolve(values: Sequence[str], known: Mapping[str, Sequence[str]], prefix: bool) -> list[str]:
    """The known names any value matches (as the filter matches them); the values themselves
    when none does, so that the dialog names the typo instead of exporting everything."""
    chosen = [
        name
        for name, parts in known.items()
        if any(
            (part.startswith(value) if prefix else value in part)
            for value in values
            for part in parts
        )
    ]
    return chosen or list(values)


def prefill(
    event_filter: EventFilter, schedule: Schedule, shown_events: Sequence[Event]
) -> Prefill:
    """The dialog's start for `event_filter` (active), which shows `shown_events`."""
    fields = event_filter.fields
    texts: dict[str, str] = {}
    if "kind" in fields:
        texts["kinds"] = " ".join(_resolve(fields["kind"], {k: (k,) for k in KINDS}, True))
    if "tag" in fields:
        tags = sorted({tag for event in schedule.events for tag in event.tags})
        texts["tags"] = " ".join(_resolve(fields["tag"], {t: (t.lower(),) for t in tags}, False))
    if "venue" in fields:
        venues = {
            vid: tuple(p.lower() for p in (vid, v.name, v.city or ""))
            for vid, v in schedule.venues.items()
        }
        texts["venues"] = " ".join(_resolve(fields["venue"], venues, False))
    count = plural(len(shown_events), "event")
    quoted = shown(event_filter.text.strip())
    if event_filter.words or "status" in fields:
        ids = frozenset(event.id for event in shown_events)
        note = f"From the filter “{quoted}”: exports exactly the {count} it shows."
        return Prefill(texts, note, ids)
    return Prefill(texts, f"From the filter “{quoted}” ({count}).")
