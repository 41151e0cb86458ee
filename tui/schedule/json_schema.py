"""The JSON Schema of the schedule format, generated from `tui.schedule.fields`.

Editors (taplo, VS Code's Even Better TOML) read it through a `#:schema` comment at the top
of a schedule, and then complete keys and flag mistakes as the planner types.
"""

from __future__ import annotations

import json
from typing import Any

from tui.core.follows import UNITS
from tui.schedule.fields import (
    ENUMS,
    EVENT_FIELDS,
    FOLLOWS_FIELDS,
    HOURS_PATTERN,
    LIST_ENUMS,
    RULE_FIELDS,
    SCHEDULE_FIELDS,
    SLUG_PATTERN,
    TABLES,
    VENUE_FIELDS,
    Field,
)

SCHEMA_ID = "https://docket.invalid/schedule-v1.schema.json"

# TOML dates reach JSON Schema validators as strings with these formats (taplo's mapping).
_DATE = {"type": "string", "format": "date"}
_SLUG = {"type": "string", "pattern": SLUG_PATTERN}
_DATE_OR_DATETIME = {
    "anyOf": [
        {"type": "string", "format": "date"},
        {"type": "string", "format": "date-time"},
        {"type": "string", "format": "partial-date-time"},
    ]
}


def _property(field: Field) -> dict[str, Any]:
    kind = field.type
    prop: dict[str, Any]
    if kind == "string":
        prop = {"type": "string", "minLength": 1}
    elif kind == "slug":
        prop = {"type": "string", "pattern": SLUG_PATTERN}
    elif kind == "zone":
        prop = {"type": "string", "minLength": 1, "examples": ["Europe/Vienna", "America/New_York"]}
    elif kind in ENUMS:
        prop = {"type": "string", "enum": list(ENUMS[kind])}
    elif kind == "date-or-datetime":
        prop = dict(_DATE_OR_DATETIME)
    elif kind == "date-or-follows":
        prop = {"anyOf": [*_DATE_OR_DATETIME["anyOf"], _follows_table()]}
    elif kind == "date-list":
        prop = {"type": "array", "items": _DATE}
    elif kind == "string-list":
        prop = {"type": "array", "items": {"type": "string"}}
    elif kind == "count":
        prop = {"type": "integer", "minimum": 0}
    elif kind in LIST_ENUMS:
        prop = {"type": "array", "items": {"type": "string", "enum": list(ENUMS[LIST_ENUMS[kind]])}}
    elif kind == "slug-list":
        prop = {"type": "array", "items": _SLUG}
    elif kind == "slug-or-slugs":
        prop = {"anyOf": [_SLUG, {"type": "array", "minItems": 1, "items": _SLUG}]}
    elif kind == "slug-or-date":
        prop = {"anyOf": [_SLUG, _DATE]}
    elif kind == "table" and field.table is not None:
        prop = _table(TABLES[field.table], field.description)
    elif kind == "table-list" and field.table is not None:
        prop = {"type": "array", "items": _table(TABLES[field.table], field.description)}
    elif kind == "hours":
        prop = {
            "type": "array",
            "minItems": 1,
            "items": {"type": "string", "pattern": HOURS_PATTERN},
            "examples": [["10:00-13:00", "15:00-18:00"]],
        }
    else:  # pragma: no cover - every field type is handled above
        raise AssertionError(kind)
    prop.setdefault("description", field.description)
    if field.default is not None:
        prop["default"] = field.default
    return prop


def _table(fields: tuple[Field, ...], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": {field.name: _property(field) for field in fields},
        "required": [field.name for field in fields if field.required],
        "additionalProperties": False,
    }


def _follows_table() -> dict[str, Any]:
    """A date that follows another event's, with "exactly one direction and one amount"."""
    table = _table(
        FOLLOWS_FIELDS,
        "A date that follows another event's start or end, by an amount before or after it.",
    )
    table["allOf"] = [
        {"oneOf": [{"required": ["before"]}, {"required": ["after"]}]},
        {"oneOf": [{"required": [unit]} for unit in UNITS]},
    ]
    table["examples"] = [
        {"before": "session-6.start", "weeks": 4},
        {"after": "session-5.end", "working_days": 10},
    ]
    return table


def _rule_table() -> dict[str, Any]:
    """A rule's table, with "exactly one constraint" said the JSON Schema way."""
    table = _table(RULE_FIELDS, "A rule: a selection of events and one constraint on them.")
    constraints = ("count", "length", "gap", "venue", "order")
    table["oneOf"] = [
        {"required": [key], "not": {"anyOf": [{"required": [o]} for o in constraints if o != key]}}
        for key in constraints
    ]
    return table


def schedule_schema() -> dict[str, Any]:
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "docket schedule (format version 1)",
        "description": "A programme of meetings for docket: header, venues, events and rules.",
        "type": "object",
        "properties": {
            "schedule": _table(SCHEDULE_FIELDS, "The schedule's header."),
            "venues": {
                "type": "object",
                "description": "Venues by id: [venues.<id>].",
                "propertyNames": {"pattern": SLUG_PATTERN},
                "additionalProperties": _table(VENUE_FIELDS, "A venue."),
            },
            "events": {
                "type": "array",
                "description": "The events: one [[events]] table each.",
                "items": _table(EVENT_FIELDS, "An event."),
            },
            "rules": {
                "type": "array",
                "description": "Optional rules the schedule must meet: one [[rules]] table "
                "each, with exactly one constraint (count, length, gap, venue or order).",
                "items": _rule_table(),
            },
        },
        "required": ["schedule"],
        "additionalProperties": False,
    }


def schema_text() -> str:
    return json.dumps(schedule_schema(), indent=2, ensure_ascii=False) + "\n"
