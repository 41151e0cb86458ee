"""The shipped JSON Schema is the generated one, and it describes the real format."""

from __future__ import annotations

import json

from tests.conftest import ROOT
from tui.schedule.fields import EVENT_FIELDS
from tui.schedule.json_schema import schedule_schema, schema_text


def test_shipped_schema_is_in_sync() -> None:
    shipped = (ROOT / "schedules" / "schedule.schema.json").read_text(encoding="utf-8")
    assert shipped == schema_text(), "run: docket schema > schedules/schedule.schema.json"


def test_schema_lists_every_event_key_with_a_description() -> None:
    events = schedule_schema()["properties"]["events"]["items"]
    assert set(events["properties"]) == {f.name for f in EVENT_FIELDS}
    assert all(prop["description"] for prop in events["properties"].values())
    assert events["required"] == ["id", "kind", "title", "start"]
    assert events["additionalProperties"] is False
    assert events["properties"]["kind"]["enum"] == [
        "session",
        "consultation",
        "meeting",
        "deadline",
        "milestone",
    ]


def test_schema_is_plain_json() -> None:
    assert json.loads(schema_text())["$schema"].startswith("http://json-schema.org/")


def test_schema_describes_a_following_date_with_one_direction_and_one_amount() -> None:
    events = schedule_schema()["properties"]["events"]["items"]["properties"]
    for name in ("start", "end"):
        table = next(form for form in events[name]["anyOf"] if form.get("type") == "object")
        assert set(table["properties"]) == {
            "before",
            "after",
            "days",
            "weeks",
            "months",
            "working_days",
        }
        assert all(prop["description"] for prop in table["properties"].values())
        assert table["additionalProperties"] is False
        directions, amounts = table["allOf"]
        assert directions == {"oneOf": [{"required": ["before"]}, {"required": ["after"]}]}
        assert len(amounts["oneOf"]) == 4
