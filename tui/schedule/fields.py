"""The schedule format, declared once: every table, key, type and description.

The validator checks files against these declarations and `docket schema` turns them into
the JSON Schema editors use, so the two can never disagree. Hand-written rather than a
validation library: see the README ("Why no validation library") for the measured cost.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tui.core.dates import FIRST_YEAR as FIRST_YEAR  # re-exported: the format's bound
from tui.core.dates import LAST_YEAR as LAST_YEAR
from tui.core.model import KINDS, STATUSES

ValueType = Literal[
    "string",
    "slug",
    "zone",
    "date-or-datetime",
    "date-list",
    "string-list",
    "hours",
    "kind",
    "status",
]

SLUG_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
HOURS_PATTERN = r"^([01]?[0-9]|2[0-3]):[0-5][0-9]-([01]?[0-9]|2[0-3]):[0-5][0-9]$"


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: ValueType
    description: str
    required: bool = False
    default: object = None


SCHEDULE_FIELDS: tuple[Field, ...] = (
    Field(
        "id",
        "slug",
        "Stable identifier of the schedule; calendar UIDs derive from it, so keep it stable.",
        required=True,
    ),
    Field("title", "string", "Title shown in the app header and as the calendar's name.", True),
    Field(
        "timezone",
        "zone",
        "IANA time zone for events without a venue, and for countdown dates.",
        default="UTC",
    ),
    Field("deadline", "slug", "Id of the headline deadline event, shown in the app's header."),
    Field("holidays", "date-list", "Dates excluded from working-day counts everywhere."),
    Field("url", "string", "A web page about the whole programme."),
    Field("description", "string", "Free text about the programme."),
)

VENUE_FIELDS: tuple[Field, ...] = (
    Field("name", "string", "Name of the venue, e.g. 'United Nations Headquarters'.", True),
    Field("city", "string", "City, shown with the name in calendar LOCATION fields."),
    Field("country", "string", "Country of the venue."),
    Field("address", "string", "Street address of the venue."),
    Field(
        "timezone",
        "zone",
        "IANA time zone of the venue; local times of its events are in it.",
        required=True,
    ),
    Field("holidays", "date-list", "Extra non-working days at this venue."),
)

EVENT_FIELDS: tuple[Field, ...] = (
    Field("id", "slug", "Unique identifier of the event; its calendar UID derives from it.", True),
    Field("kind", "kind", "What sort of event this is.", True),
    Field("title", "string", "Title of the event.", True),
    Field(
        "start",
        "date-or-datetime",
        "A date (all-day), a local date-time (in the venue's or schedule's zone), "
        "or an offset date-time (an exact instant).",
        required=True,
    ),
    Field(
        "end",
        "date-or-datetime",
        "Last day (inclusive) or end time; same type as start, never before it. "
        "Deadlines and milestones have no end.",
    ),
    Field("venue", "slug", "Id of a venue declared under [venues.<id>]."),
    Field(
        "hours",
        "hours",
        'Daily meeting blocks in venue time, such as "10:00-13:00", on each working day '
        "of a date span.",
    ),
    Field("status", "status", "Whether the event is going ahead.", default="confirmed"),
    Field("tags", "string-list", "Free labels for filtering and calendar categories."),
    Field("url", "string", "A source or information page for the event."),
    Field("notes", "string", "Free text, several lines allowed."),
)

TABLES: dict[str, tuple[Field, ...]] = {
    "schedule": SCHEDULE_FIELDS,
    "venue": VENUE_FIELDS,
    "event": EVENT_FIELDS,
}

TOP_LEVEL_KEYS = ("schedule", "venues", "events")

ENUMS: dict[str, tuple[str, ...]] = {"kind": KINDS, "status": STATUSES}
