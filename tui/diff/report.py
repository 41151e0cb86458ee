"""A comparison in words: one sentence per change, grouped by kind (`tui.diff.json_report`
has the same as JSON).

The words are plain text; the command line sanitises them and colours them by the style
`text_lines` gives each line, so the words stay testable without a terminal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from tui.core.countdown import Countdown
from tui.core.model import Event, Schedule, Venue
from tui.core.words import day_text, moment_text, plural, quoted, shift_text, signed, span_text
from tui.diff import changes
from tui.diff.changes import EVENT_KINDS, SCHEDULE_KINDS, because_text, hours_list, venue_name
from tui.diff.compare import ScheduleDiff

TITLES = {
    "schedule": "Schedule",
    "deadline": "Headline deadline",
    "zone": "Zones",
    "holidays": "Holidays",
    "venues": "Venues",
    "added": "Added",
    "removed": "Removed",
    "moved": "Moved",
    "resized": "Resized",
    "status": "Status",
    "venue": "Venue",
    "hours": "Hours",
    "kind": "Kind",
    "text": "Text only",
}


@dataclass(frozen=True, slots=True)
class Group:
    """The sentences of one kind of change, under its title."""

    kind: str
    title: str
    sentences: tuple[str, ...]


# -- sentences --------------------------------------------------------------------------------


def event_sentence(item: changes.EventDiff, change: changes.EventChange) -> str:
    """One change of one event as a sentence naming the event by title and id."""
    label = item.label
    match change:
        case changes.Added(new=new):
            return f"{label} added: {span_text(new)}, {_what(new)}"
        case changes.Removed(old=old):
            return f"{label} removed (was {span_text(old)}, {_what(old)})"
        case changes.Moved():
            return (
                f"{label} moved {shift_text(change.shift)}{because_text(change.because)}: "
                f"{_arrow(change)}{_moved_tail(change)}"
            )
        case changes.Resized():
            return (
                f"{label} resized{because_text(change.because)}: {_meeting_days(change)}; "
                f"{_arrow(change)}{_ends(change)}"
            )
        case changes.StatusChanged(old=old, new=new):
            if change.change == "restored":
                return f"{label} restored ({new.status}, was {old.status})"
            if change.change in ("confirmed", "tentative"):
                word = "now tentative" if change.change == "tentative" else "confirmed"
                return f"{label} {word} (was {old.status})"
            was = "" if old.status == "confirmed" else f" (was {old.status})"
            return f"{label} {change.change}{was}"
        case changes.VenueChanged(old=old, new=new):
            return f"{label} venue changed: {_venue(old.venue)} → {_venue(new.venue)}"
        case changes.HoursChanged(old=old, new=new):
            return f"{label} hours changed: {hours_list(old.hours)} → {hours_list(new.hours)}"
        case changes.KindChanged(old=old, new=new):
            return f"{label} is now a {new.kind} (was a {old.kind})"
        case changes.TextChanged(old=old, new=new):
            return f"{label} text changed: {', '.join(_text_parts(change))}"
    raise AssertionError(change)  # pragma: no cover - every kind is matched above


def _what(event: Event) -> str:
    parts: list[str] = [event.kind]
    if event.venue is not None:
        parts.append(f"in {venue_name(event.venue)}")
    if event.status != "confirmed":
        parts.append(event.status)
    return " ".join(parts[:2]) + (f", {parts[2]}" if len(parts) > 2 else "")


def _arrow(change: changes.Moved | changes.Resized) -> str:
    return f"{span_text(change.old)} → {span_text(change.new)}"


def _moved_tail(change: changes.Moved) -> str:
    whole_days = change.shift % timedelta(days=1) == timedelta(0)
    tail = ""
    if whole_days or change.days:
        tail = f" ({signed(change.days, 'day')}, {signed(change.working_days, 'working day')})"
    before, after = change.meeting_days
    if before != after:
        tail += f"; {_meeting_days(change)}"
    return tail


def _meeting_days(change: changes.Moved | changes.Resized) -> str:
    before, after = change.meeting_days
    if before == after:
        return f"same meeting days ({before})"
    return f"{change.meeting_delta_text()} ({before} → {after})"


def _ends(change: changes.Resized) -> str:
    parts = []
    for word, shift in (("starts", change.start_shift), ("ends", change.end_shift)):
        if shift:
            parts.append(f"{word} {shift_text(shift)}")
    if change.timing:
        parts.append(change.timing)
    return f", {', '.join(parts)}" if parts else ""


def _venue(venue: Venue | None) -> str:
    return "no venue" if venue is None else f"{venue_name(venue)} ({venue.id})"


def _text_parts(change: changes.TextChanged) -> list[str]:
    old, new = change.old, change.new
    parts = []
    for name in change.fields:
        if name == "title":
            parts.append(f"title {quoted(old.title)} → {quoted(new.title)}")
        elif name == "tags":
            gained = [f"+{t}" for t in new.tags if t not in old.tags]
            lost = [f"-{t}" for t in old.tags if t not in new.tags]
            parts.append(" ".join(["tags", *gained, *lost]) if gained or lost else "tags reordered")
        else:
            before, after = getattr(old, name), getattr(new, name)
            word = "added" if before is None else "removed" if after is None else "changed"
            parts.append(f"{name} {word}")
    return parts


def schedule_sentence(diff: ScheduleDiff, change: changes.ScheduleChange) -> str:
    """One schedule-level change as a sentence."""
    match change:
        case changes.HeaderChanged(field="id"):
            return (
                f"Schedule id {quoted(change.old)} → {quoted(change.new)} "
                "(calendar UIDs derive from it: imported calendars will see new events)"
            )
        case changes.HeaderChanged(field="description"):
            word = "added" if change.old is None else "removed" if change.new is None else "changed"
            return f"Schedule description {word}"
        case changes.HeaderChanged():
            return f"Schedule {change.field} {quoted(change.old)} → {quoted(change.new)}"
        case changes.DeadlineChanged():
            before = _deadline_label(diff.old, change.old)
            after = _deadline_label(diff.new, change.new)
            return f"Headline deadline changed: {before} → {after}"
        case changes.ZoneChanged():
            where = "Schedule zone" if change.venue is None else f"Venue {change.venue} zone"
            return f"{where} {change.old} → {change.new}"
        case changes.HolidaysChanged():
            where = (
                "Schedule holidays" if change.venue is None else f"Venue {change.venue} holidays"
            )
            parts = []
            if change.added:
                parts.append("added " + ", ".join(day_text(d) for d in change.added))
            if change.removed:
                parts.append("removed " + ", ".join(day_text(d) for d in change.removed))
            return f"{where}: {'; '.join(parts)}"
        case changes.VenuesChanged(old=old, new=new):
            return _venue_sentence(change, old, new)
    raise AssertionError(change)  # pragma: no cover


def _deadline_label(schedule: Schedule, event_id: str | None) -> str:
    if event_id is None:
        return "none"
    event = schedule.event(event_id)
    return f"{event.title} ({event_id})" if event is not None else event_id


def _venue_sentence(change: changes.VenuesChanged, old: Venue | None, new: Venue | None) -> str:
    head = f"Venue {change.venue}"
    if change.change == "added" and new is not None:
        return f"{head} added: {new.label} ({new.timezone})"
    if change.change == "removed" and old is not None:
        return f"{head} removed (was {old.label})"
    assert old is not None and new is not None
    parts = [f"{f} {quoted(getattr(old, f))} → {quoted(getattr(new, f))}" for f in change.fields]
    word = "renamed" if change.change == "renamed" else "details changed"
    return f"{head} {word}: {', '.join(parts)}"


def groups(diff: ScheduleDiff) -> list[Group]:
    """The report's groups in order (schedule-level first), each with its sentences."""
    found: dict[str, list[str]] = {kind: [] for kind in (*SCHEDULE_KINDS, *EVENT_KINDS)}
    for schedule_change in diff.schedule_changes:
        found[schedule_change.kind].append(schedule_sentence(diff, schedule_change))
    for item, change in diff.event_changes():
        found[change.kind].append(event_sentence(item, change))
    return [Group(kind, TITLES[kind], tuple(lines)) for kind, lines in found.items() if lines]


def countdown_sentence(diff: ScheduleDiff) -> str | None:
    """The headline countdown before → after, or None when neither side has a headline."""
    old, new = diff.countdown_old, diff.countdown_new
    if old is None and new is None:
        return None
    if old is None or new is None or old.event.id != new.event.id:
        return f"before: {_countdown_text(old)}; after: {_countdown_text(new)}"
    pairs = (
        ("days", old.days, new.days),
        ("working days", old.working_days, new.working_days),
        ("sessions left", old.sessions_left, new.sessions_left),
        ("meeting days left", old.meeting_days_left, new.meeting_days_left),
    )
    label = f"{new.event.title} ({new.event.id})"
    if all(a == b for _, a, b in pairs):
        return f"{label}: unchanged ({', '.join(f'{name} {a}' for name, a, _ in pairs)})"
    words = [f"{name} {a} → {b}" if a != b else f"{name} {a} (unchanged)" for name, a, b in pairs]
    return f"{label}: {', '.join(words)}"


def _countdown_text(countdown: Countdown | None) -> str:
    if countdown is None:
        return "no headline deadline"
    c = countdown
    return (
        f"{c.event.title} ({c.event.id}): days {c.days}, working days {c.working_days}, "
        f"sessions left {c.sessions_left}, meeting days left {c.meeting_days_left}"
    )


def as_of_text(diff: ScheduleDiff) -> str:
    return moment_text(diff.as_of.astimezone(diff.new.zone))


def text_lines(diff: ScheduleDiff, old_name: str, new_name: str) -> list[tuple[str, str]]:
    """The whole text report as (style, line): style is `heading`, `title`, a change kind,
    or `plain`; the command line colours by it (or not)."""
    if diff.same:
        return [("heading", f"{old_name} → {new_name}: no differences")]
    lines = [("heading", f"{old_name} → {new_name}: {plural(diff.change_count, 'change')}")]
    for group in groups(diff):
        lines += [("plain", ""), ("title", f"{group.title} ({len(group.sentences)})")]
        lines += [(group.kind, f"  {sentence}") for sentence in group.sentences]
    sentence = countdown_sentence(diff)
    if sentence is not None:
        lines += [("plain", ""), ("title", f"Headline countdown, as of {as_of_text(diff)}")]
        lines.append(("countdown", f"  {sentence}"))
    return lines
