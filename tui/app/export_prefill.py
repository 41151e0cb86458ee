"""What the export dialog starts from when a `/` filter is on screen. Textual-free.

The filter's `kind:`, `tag:` and `venue:` parts become the dialog's Kinds, Tags and Venues,
resolved against the schedule the way the filter matches them (a kind by prefix, a tag by
substring, a venue by its id, name or city), so the dialog shows the names the export
takes. Words and `status:` have no field in the dialog: then the selection also keeps to
the ids of the events the filter shows (`EventSelection.ids`), and the dialog says so. Either
way the export holds exactly the events on screen, unless the planner edits the fields.

The fields' placeholders (`hints`) come from the schedule too: its own kinds, tags, venues
and dates, never examples that belong to another schedule.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.cells import cell_len

from tui.app.filtering import EventFilter
from tui.app.shown import shown
from tui.core.model import KINDS, Event, Schedule
from tui.core.words import plural


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


#: The most cells a hint takes (the dialog's field is 43 cells wide at 60 columns).
HINT_CELLS = 40


def _listing(lead: str, names: Sequence[str]) -> str:
    """`lead (or: a b c …)` with as many of `names`, in order, as fit in `HINT_CELLS` (one
    too long for it is passed over); `…` when some are left out."""
    chosen: list[str] = []
    for name in names:
        if cell_len(f"{lead} (or: {' '.join([*chosen, name])} …)") <= HINT_CELLS:
            chosen.append(name)
    if not chosen:
        return lead
    more = " …" if len(chosen) < len(names) else ""
    return f"{lead} (or: {' '.join(chosen)}{more})"


def _typeable(name: str) -> bool:
    """Whether `name` can be typed in a list field (spaces and commas separate names)."""
    return bool(name) and not any(c.isspace() or c == "," for c in name)


def hints(schedule: Schedule) -> dict[str, str]:
    """The dialog's placeholders, from the schedule itself: its kinds, its most used tags,
    its venues' ids and the days its events span (a fixed `vienna new-york` or `2023-01-01`
    would name venues and years another schedule does not have)."""
    events = schedule.events
    kinds = [kind for kind in KINDS if any(event.kind == kind for event in events)]
    counts = Counter(tag for event in events for tag in event.tags)
    tags = [shown(t) for t, _ in sorted(counts.items(), key=lambda c: (-c[1], c[0]))]
    venues = [shown(v) for v in schedule.venues]
    result = {
        "kinds": _listing("all", kinds),
        "tags": _listing("all", [t for t in tags if _typeable(t)]),
        "venues": _listing("all", [v for v in venues if _typeable(v)]),
    }
    if events:
        first = min(event.first_day for event in events)
        last = max(event.last_day for event in events)
        result["start"] = f"first event, {first.isoformat()} (or a date)"
        result["end"] = f"last event, {last.isoformat()} (or a date)"
    return result
