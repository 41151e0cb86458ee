"""A comparison as JSON, with stable keys: scripts rely on them.

`TOP_KEYS` at the top; every change has `CHANGE_KEYS` (`text` is its report sentence) plus
the `EXTRA_KEYS` of its kind. Dates are ISO; an event's span is `{"start", "end"}` as the
file wrote them (`end` inclusive, null for a point). All documented in `tui.cli.diff` and the
README.
"""

from __future__ import annotations

from datetime import timedelta

from tui.core.model import Event, Venue
from tui.diff import changes
from tui.diff.compare import ScheduleDiff
from tui.diff.report import event_sentence, schedule_sentence

TOP_KEYS = ("old", "new", "as_of", "same", "change_count", "changes", "countdown")
CHANGE_KEYS = ("kind", "event", "title", "old", "new", "text")
EXTRA_KEYS: dict[str, tuple[str, ...]] = {
    "added": (),
    "removed": (),
    "moved": ("days", "working_days", "minutes", "meeting_days", "because"),
    "resized": (
        "start_days",
        "end_days",
        "start_minutes",
        "end_minutes",
        "meeting_days",
        "timing",
        "because",
    ),
    "status": ("change",),
    "venue": (),
    "hours": (),
    "kind": (),
    "text": ("fields",),
    "schedule": ("field",),
    "deadline": (),
    "zone": ("venue",),
    "holidays": ("venue", "added", "removed"),
    "venues": ("venue", "change", "fields"),
}


def _span(event: Event) -> dict[str, str | None]:
    end = event.end
    return {"start": event.start.isoformat(), "end": end.isoformat() if end is not None else None}


def _minutes(shift: timedelta) -> int:
    return shift // timedelta(minutes=1)


def _venue_json(venue: Venue | None) -> dict[str, str | None] | None:
    if venue is None:
        return None
    fields = ("name", "city", "country", "address", "timezone")
    return {name: getattr(venue, name) for name in fields}


def _event_json(item: changes.EventDiff, change: changes.EventChange) -> dict[str, object]:
    out: dict[str, object] = {"kind": change.kind, "event": item.id, "title": item.title}
    match change:
        case changes.Added(new=new):
            out |= {"old": None, "new": _span(new)}
        case changes.Removed(old=old):
            out |= {"old": _span(old), "new": None}
        case changes.Moved(old=old, new=new):
            out |= {"old": _span(old), "new": _span(new), "days": change.days}
            out |= {"working_days": change.working_days, "minutes": _minutes(change.shift)}
            out["meeting_days"] = dict(zip(("old", "new"), change.meeting_days, strict=True))
            out["because"] = change.because
        case changes.Resized(old=old, new=new):
            out |= {"old": _span(old), "new": _span(new)}
            out["start_days"] = (new.first_day - old.first_day).days
            out["end_days"] = (new.last_day - old.last_day).days
            out["start_minutes"] = _minutes(change.start_shift)
            out["end_minutes"] = _minutes(change.end_shift)
            out["meeting_days"] = dict(zip(("old", "new"), change.meeting_days, strict=True))
            out["timing"] = change.timing
            out["because"] = change.because
        case changes.StatusChanged(old=old, new=new):
            out |= {"old": old.status, "new": new.status, "change": change.change}
        case changes.VenueChanged(old=old, new=new):
            out |= {"old": old.venue.id if old.venue else None}
            out["new"] = new.venue.id if new.venue else None
        case changes.HoursChanged(old=old, new=new):
            out |= {"old": [str(h) for h in old.hours], "new": [str(h) for h in new.hours]}
        case changes.KindChanged(old=old, new=new):
            out |= {"old": old.kind, "new": new.kind}
        case changes.TextChanged(old=old, new=new):
            values = [
                {f: list(getattr(e, f)) if f == "tags" else getattr(e, f) for f in change.fields}
                for e in (old, new)
            ]
            out |= {"old": values[0], "new": values[1], "fields": list(change.fields)}
    out["text"] = event_sentence(item, change)
    return out


def _schedule_json(diff: ScheduleDiff, change: changes.ScheduleChange) -> dict[str, object]:
    out: dict[str, object] = {"kind": change.kind, "event": None, "title": None}
    match change:
        case changes.HeaderChanged():
            out |= {"old": change.old, "new": change.new, "field": change.field}
        case changes.DeadlineChanged():
            out |= {"old": change.old, "new": change.new}
        case changes.ZoneChanged():
            out |= {"old": change.old, "new": change.new, "venue": change.venue}
        case changes.HolidaysChanged():
            before = (
                diff.old.holidays
                if change.venue is None
                else diff.old.venues[change.venue].holidays
            )
            after = (
                diff.new.holidays
                if change.venue is None
                else diff.new.venues[change.venue].holidays
            )
            out |= {"old": sorted(d.isoformat() for d in before)}
            out |= {"new": sorted(d.isoformat() for d in after), "venue": change.venue}
            out["added"] = [d.isoformat() for d in change.added]
            out["removed"] = [d.isoformat() for d in change.removed]
        case changes.VenuesChanged():
            out |= {"old": _venue_json(change.old), "new": _venue_json(change.new)}
            out |= {"venue": change.venue, "change": change.change, "fields": list(change.fields)}
    out["text"] = schedule_sentence(diff, change)
    return out


def as_json(diff: ScheduleDiff, old_name: str, new_name: str) -> dict[str, object]:
    """The JSON object: `TOP_KEYS`; every change has `CHANGE_KEYS` + its `EXTRA_KEYS`."""
    found = [_schedule_json(diff, change) for change in diff.schedule_changes]
    found += [_event_json(item, change) for item, change in diff.event_changes()]
    old, new = diff.countdown_old, diff.countdown_new
    return {
        "old": old_name,
        "new": new_name,
        "as_of": diff.as_of.isoformat(),
        "same": diff.same,
        "change_count": diff.change_count,
        "changes": found,
        "countdown": {
            "old": old.as_json() if old is not None else None,
            "new": new.as_json() if new is not None else None,
        },
    }
