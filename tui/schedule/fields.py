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
from tui.core.rules_model import GAP_MEASURES, GAP_UNITS, LENGTH_UNITS, SEVERITIES

ValueType = Literal[
    "string",
    "slug",
    "zone",
    "date-or-datetime",
    "date-or-follows",
    "date-list",
    "string-list",
    "hours",
    "kind",
    "status",
    # Used by [[rules]] (see RULE_FIELDS):
    "count",
    "kind-list",
    "status-list",
    "slug-list",
    "slug-or-slugs",
    "slug-or-date",
    "severity",
    "length-unit",
    "gap-unit",
    "gap-measure",
    "table",
    "table-list",
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
    #: For a `table` or `table-list`: the name in TABLES of the table's own fields.
    table: str | None = None


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
        "date-or-follows",
        "A date (all-day), a local date-time (in the venue's or schedule's zone), "
        "an offset date-time (an exact instant), or a date that follows another event's: "
        '{ before = "session-6", weeks = 4 } (see FOLLOWS_FIELDS).',
        required=True,
    ),
    Field(
        "end",
        "date-or-follows",
        "Last day (inclusive) or end time; same type as start, never before it. "
        "Deadlines and milestones have no end. May follow another event's date, like start.",
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


def _bounds(sentence: str) -> tuple[Field, Field]:
    """A constraint's `min` and `max`, each a whole number: `sentence` says what they bound,
    with `{}` where "least" or "most" goes."""
    bound = "a whole number, 0 or more"
    return (
        Field("min", "count", f"{sentence.format('least')} ({bound})."),
        Field("max", "count", f"{sentence.format('most')} ({bound})."),
    )


RULE_FIELDS: tuple[Field, ...] = (
    Field("id", "slug", "Unique identifier of the rule, as `docket check` names it.", True),
    Field("title", "string", "What the rule requires, in a few words.", True),
    Field(
        "source",
        "table",
        'Where the rule comes from: { citation = "…", url = "https://…" }.',
        table="source",
    ),
    Field(
        "severity",
        "severity",
        "error: a failure makes `docket check` fail; warning: it is only reported.",
        default="error",
    ),
    Field("kinds", "kind-list", "Select events of these kinds (any of them)."),
    Field("tags", "string-list", "Select events with any of these tags."),
    Field("venues", "slug-list", "Select events at any of these venues."),
    Field(
        "statuses",
        "status-list",
        "Select events with these statuses; without it, postponed and cancelled events "
        "are left out.",
    ),
    Field("count", "table", "Constraint: how many events are selected.", table="count"),
    Field("length", "table", "Constraint: how long each selected event is.", table="length"),
    Field(
        "gap",
        "table",
        "Constraint: how far apart consecutive selected events are.",
        table="gap",
    ),
    Field("venue", "table", "Constraint: where the selected events meet.", table="venue-rule"),
    Field(
        "order",
        "table",
        "Constraint: an event (or the last selected one) comes before an event or a date.",
        table="order",
    ),
    Field(
        "waive",
        "table-list",
        'Events exempt from the rule, each with its reason: [{ event = "…", reason = "…" }].',
        table="waiver",
    ),
)

SOURCE_FIELDS: tuple[Field, ...] = (
    Field("citation", "string", "The text that states the rule, as a person would cite it.", True),
    Field("url", "string", "Where to read it."),
)

COUNT_FIELDS: tuple[Field, ...] = (*_bounds("At {} this many selected events"),)

LENGTH_FIELDS: tuple[Field, ...] = (
    Field(
        "unit",
        "length-unit",
        "days: calendar days of the span; working_days: Monday-Friday minus the schedule's "
        "holidays; meeting_days: working days minus the venue's holidays too.",
        required=True,
    ),
    *_bounds("Each selected event lasts at {} this many units"),
)

GAP_FIELDS: tuple[Field, ...] = (
    Field(
        "unit",
        "gap-unit",
        "days or weeks (calendar), or working_days (Monday-Friday minus the schedule's "
        "holidays) from the first date to the second.",
        required=True,
    ),
    *_bounds("Consecutive events at {} this far apart"),
    Field(
        "measure",
        "gap-measure",
        "end-to-start: from one event's last day to the next one's first day; "
        "start-to-start: from first day to first day.",
        default="end-to-start",
    ),
)

VENUE_RULE_FIELDS: tuple[Field, ...] = (
    Field("all", "slug-or-slugs", "Every selected event is at this venue (or one of these)."),
    Field("any", "slug-or-slugs", "This venue (each of these) hosts at least one selected event."),
    Field("last", "slug-or-slugs", "The last selected event is at this venue (or one of these)."),
)

ORDER_FIELDS: tuple[Field, ...] = (
    Field("event", "slug", "Id of the event that must come first; without it, the last selected."),
    Field(
        "before",
        "slug-or-date",
        "An event id (it must end before that event starts, or by a deadline's due moment) "
        "or a date (it must end before that day).",
        required=True,
    ),
)

WAIVER_FIELDS: tuple[Field, ...] = (
    Field("event", "slug", "Id of the exempt event.", True),
    Field("reason", "string", "Why it is exempt, shown wherever the rule is.", True),
    Field(
        "dates",
        "date-list",
        "The event's first and last day the waiver was granted for ([first, last], or [day] "
        "for a one-day event): once the event no longer runs on them, the waiver no longer "
        "applies and docket says so.",
    ),
)

FOLLOWS_FIELDS: tuple[Field, ...] = (
    Field(
        "before",
        "string",
        'The event this date comes before: "<event-id>" (its start), "<event-id>.start" '
        'or "<event-id>.end". Exactly one of before and after.',
    ),
    Field(
        "after",
        "string",
        'The event this date comes after: "<event-id>" (its end), "<event-id>.end" '
        'or "<event-id>.start". Exactly one of before and after.',
    ),
    Field("days", "count", "How many calendar days before or after. One amount only."),
    Field("weeks", "count", "How many weeks (of seven days) before or after."),
    Field(
        "months",
        "count",
        "How many calendar months before or after; a day past the month's end is its last "
        "day (31 January + 1 month = 28 or 29 February).",
    ),
    Field(
        "working_days",
        "count",
        "How many working days before or after: Monday to Friday minus the schedule's "
        "holidays and the venue's (this event's venue, or else the other event's).",
    ),
)

TABLES: dict[str, tuple[Field, ...]] = {
    "schedule": SCHEDULE_FIELDS,
    "venue": VENUE_FIELDS,
    "event": EVENT_FIELDS,
    "rule": RULE_FIELDS,
    "source": SOURCE_FIELDS,
    "count": COUNT_FIELDS,
    "length": LENGTH_FIELDS,
    "gap": GAP_FIELDS,
    "venue-rule": VENUE_RULE_FIELDS,
    "order": ORDER_FIELDS,
    "waiver": WAIVER_FIELDS,
    "follows": FOLLOWS_FIELDS,
}

TOP_LEVEL_KEYS = ("schedule", "venues", "events", "rules")

ENUMS: dict[str, tuple[str, ...]] = {
    "kind": KINDS,
    "status": STATUSES,
    "severity": SEVERITIES,
    "length-unit": LENGTH_UNITS,
    "gap-unit": GAP_UNITS,
    "gap-measure": GAP_MEASURES,
}
#: The word for each enumeration in messages ("unknown unit 'dayz'").
ENUM_WORDS: dict[str, str] = {
    "length-unit": "unit",
    "gap-unit": "unit",
    "gap-measure": "measure",
}
#: The enumeration each list type draws from.
LIST_ENUMS: dict[str, str] = {"kind-list": "kind", "status-list": "status"}
