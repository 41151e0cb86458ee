"""The typed records of a comparison: one class per kind of change.

Each event change keeps the old and new `Event` objects whole (not just the values that
differ), so a reader can show either side, and has `phrase()`: the short form the app shows
for an event against its baseline ("moved 2 weeks later (was 9–20 Jan 2023)"). The full
sentences and JSON are `tui.diff.report`'s. `kind` names the change in JSON and groups the
text report; the values are listed in `EVENT_KINDS` and `SCHEDULE_KINDS`, in report order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar, Literal

from tui.core.model import Event, MeetingHours, Venue
from tui.core.words import plural, shift_text, span_text

#: Event-level kinds, in the order the report lists their groups.
EVENT_KINDS = ("added", "removed", "moved", "resized", "status", "venue", "hours", "kind", "text")
#: Schedule-level kinds, listed before the events' (they can change every event at once).
SCHEDULE_KINDS = ("schedule", "deadline", "zone", "holidays", "venues")
#: How a count of events names each kind of change (`1 moved · 1 status changed`): the
#: baseline line and the unsaved-edits line say it the same way.
COUNT_WORDS = {
    "added": "added",
    "removed": "removed",
    "moved": "moved",
    "resized": "resized",
    "status": "status changed",
    "venue": "venue changed",
    "hours": "hours changed",
    "kind": "kind changed",
    "text": "reworded",
    **{kind: f"{kind} changed" for kind in SCHEDULE_KINDS},
}

StatusChange = Literal["postponed", "cancelled", "restored", "confirmed", "tentative"]
VenueChange = Literal["added", "removed", "renamed", "details"]
#: The event fields a text-only change may touch, in the order they are reported.
TEXT_FIELDS = ("title", "notes", "url", "tags")


def venue_name(venue: Venue | None) -> str:
    """A venue as a change sentence names it: its city (shorter), else its name."""
    if venue is None:
        return "no venue"
    return venue.city or venue.name


def hours_list(hours: tuple[MeetingHours, ...]) -> str:
    return ", ".join(str(block).replace("-", "–") for block in hours) if hours else "no hours"


def because_text(title: str | None) -> str:
    """` because Sixth session moved`, or '' for a change of the event's own."""
    return f" because {title} moved" if title is not None else ""


@dataclass(frozen=True, slots=True)
class Added:
    """An event only the new schedule has."""

    kind: ClassVar[str] = "added"
    new: Event

    def phrase(self) -> str:
        return "added"


@dataclass(frozen=True, slots=True)
class Removed:
    """An event only the old schedule has."""

    kind: ClassVar[str] = "removed"
    old: Event

    def phrase(self) -> str:
        return f"removed (was {span_text(self.old)})"


@dataclass(frozen=True, slots=True)
class _Changed:
    """An event both schedules have, before (`old`) and after (`new`)."""

    kind: ClassVar[str]
    old: Event
    new: Event


@dataclass(frozen=True, slots=True)
class _Timing(_Changed):
    """A change of when: the span's working days before and after can differ."""

    @property
    def meeting_days(self) -> tuple[int, int]:
        """Working days of the span (Monday-Friday minus its holidays) before and after: a
        resize changes them, and so can a move across a holiday."""
        return self.old.working_day_count, self.new.working_day_count

    def meeting_delta_text(self) -> str:
        """`1 meeting day fewer`, `2 meeting days more`, `same meeting days`."""
        before, after = self.meeting_days
        if before == after:
            return "same meeting days"
        word = "more" if after > before else "fewer"
        return f"{plural(abs(after - before), 'meeting day')} {word}"


@dataclass(frozen=True, slots=True)
class Moved(_Timing):
    """The same length, shifted: `shift` exactly (whole days for all-day events), `days` and
    `working_days` the shift of its first day in calendar and working days."""

    kind: ClassVar[str] = "moved"
    shift: timedelta
    days: int
    working_days: int
    #: The title of the event whose move this one follows, its own definition unchanged
    #: (`because Sixth session moved`); None for a move of its own.
    because: str | None = None

    def phrase(self) -> str:
        said = because_text(self.because)
        return f"moved {shift_text(self.shift)}{said} (was {span_text(self.old)})"


@dataclass(frozen=True, slots=True)
class Resized(_Timing):
    """Start or end changed so that the length changed; `timing` says an all-day event became
    timed or the reverse (its shifts are then whole days of its first and last days)."""

    kind: ClassVar[str] = "resized"
    start_shift: timedelta
    end_shift: timedelta
    timing: str | None = None
    #: As `Moved.because`: the event whose change this one's dates follow.
    because: str | None = None

    def phrase(self) -> str:
        said = because_text(self.because)
        return f"resized{said}, {self.meeting_delta_text()} (was {span_text(self.old)})"


@dataclass(frozen=True, slots=True)
class StatusChanged(_Changed):
    """`change` is the new status, or `restored` when a postponed or cancelled event is back."""

    kind: ClassVar[str] = "status"
    change: StatusChange

    def phrase(self) -> str:
        return f"{self.change} (was {self.old.status})"


@dataclass(frozen=True, slots=True)
class VenueChanged(_Changed):
    kind: ClassVar[str] = "venue"

    def phrase(self) -> str:
        return f"venue changed (was {venue_name(self.old.venue)})"


@dataclass(frozen=True, slots=True)
class HoursChanged(_Changed):
    kind: ClassVar[str] = "hours"

    def phrase(self) -> str:
        return f"hours changed (was {hours_list(self.old.hours)})"


@dataclass(frozen=True, slots=True)
class KindChanged(_Changed):
    """A kind change moves an event into or out of the sessions the countdowns count."""

    kind: ClassVar[str] = "kind"

    def phrase(self) -> str:
        return f"now a {self.new.kind} (was a {self.old.kind})"


@dataclass(frozen=True, slots=True)
class TextChanged(_Changed):
    """Only words changed: `fields` among `TEXT_FIELDS`, in that order."""

    kind: ClassVar[str] = "text"
    fields: tuple[str, ...]

    def phrase(self) -> str:
        return f"{', '.join(self.fields)} changed"


EventChange = (
    Added
    | Removed
    | Moved
    | Resized
    | StatusChanged
    | VenueChanged
    | HoursChanged
    | KindChanged
    | TextChanged
)


@dataclass(frozen=True, slots=True)
class EventDiff:
    """Everything that changed about one event id: one or more changes (moved + venue)."""

    id: str
    old: Event | None
    new: Event | None
    changes: tuple[EventChange, ...]

    @property
    def title(self) -> str:
        """The new title (the old one for a removed event)."""
        event = self.new if self.new is not None else self.old
        assert event is not None
        return event.title

    @property
    def label(self) -> str:
        """`Fourth session (session-4)`: how every sentence names the event."""
        return f"{self.title} ({self.id})"

    def phrase(self) -> str:
        """All changes in short: `moved 2 weeks later (was 9–20 Jan 2023); venue changed …`."""
        return "; ".join(change.phrase() for change in self.changes)

    def change(self, kind: str) -> EventChange | None:
        """This event's change of that kind, if any (`diff["session-4"].change("moved")`)."""
        return next((c for c in self.changes if c.kind == kind), None)


# -- schedule-level ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HeaderChanged:
    """`[schedule]` id, title, url or description; the id matters most (calendar UIDs)."""

    kind: ClassVar[str] = "schedule"
    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class DeadlineChanged:
    """The headline deadline names another event (or none)."""

    kind: ClassVar[str] = "deadline"
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class ZoneChanged:
    """The schedule's zone (`venue` None) or a venue's."""

    kind: ClassVar[str] = "zone"
    venue: str | None
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class HolidaysChanged:
    """Holidays of the schedule (`venue` None) or of a venue both sides have, sorted."""

    kind: ClassVar[str] = "holidays"
    venue: str | None
    added: tuple[date, ...]
    removed: tuple[date, ...]


@dataclass(frozen=True, slots=True)
class VenuesChanged:
    """A venue added, removed, renamed (name or city) or with other details changed
    (country, address); `fields` lists the fields that differ for the last two."""

    kind: ClassVar[str] = "venues"
    change: VenueChange
    venue: str
    old: Venue | None
    new: Venue | None
    fields: tuple[str, ...] = ()


ScheduleChange = HeaderChanged | DeadlineChanged | ZoneChanged | HolidaysChanged | VenuesChanged
