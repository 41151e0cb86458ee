"""Generated schedules and rules: the loader raises only ScheduleError, evaluation never raises."""

from __future__ import annotations

from datetime import date, timedelta

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.errors import ScheduleError
from tui.rules import evaluate, summarize
from tui.schedule.loader import load_text

IDS = ["a", "b", "c", "d", "zz"]
VENUES = ["vienna", "new-york"]
KINDS = ["session", "consultation", "meeting", "deadline", "milestone"]
STATUSES = ["confirmed", "tentative", "postponed", "cancelled"]


def mostly(good: list[object], bad: list[object]) -> st.SearchStrategy[object]:
    """Usually a valid value, now and then a bad one: most examples load, some do not."""
    return st.sampled_from(good * 8 + bad)


days = st.integers(0, 9).flatmap(
    lambda n: (
        st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 12, 31))
        if n
        else st.dates(min_value=date(1899, 12, 1), max_value=date(3001, 1, 1))
    )
)
junk = st.one_of(
    st.integers(-3, 30),
    st.text(max_size=6),
    st.booleans(),
    days,
    st.lists(st.sampled_from([*IDS, *VENUES, "x"]), max_size=3),
    st.just({}),
)


@st.composite
def events(draw: st.DrawFn) -> list[dict[str, object]]:
    out = []
    for event_id in draw(st.lists(st.sampled_from(IDS[:-1]), max_size=4, unique=True)):
        kind = draw(mostly(KINDS, ["sesion"]))
        start = draw(days)
        body: dict[str, object] = {"id": event_id, "kind": kind, "title": event_id.upper()}
        body["start"] = start
        if kind not in ("deadline", "milestone") and draw(st.booleans()):
            body["end"] = start + timedelta(days=draw(st.integers(0, 20) | st.just(-1)))
        if draw(st.booleans()):
            body["venue"] = draw(mostly(VENUES, ["nowhere"]))
        if draw(st.booleans()):
            body["status"] = draw(mostly(STATUSES, ["bogus"]))
        if draw(st.booleans()):
            body["tags"] = draw(st.lists(st.sampled_from(["s", "t"]), max_size=2))
        out.append(body)
    return out


def _bounds(draw: st.DrawFn) -> dict[str, object]:
    keys = draw(st.sampled_from([("min",), ("max",), ("min", "max"), ("min",), ()]))
    numbers = st.integers(0, 90)
    return {key: draw(numbers if draw(st.integers(0, 9)) else junk) for key in keys}


@st.composite
def constraints(draw: st.DrawFn, ids: list[str]) -> dict[str, object]:
    key = draw(mostly(["count", "length", "gap", "venue", "order"], ["bogus"]))
    table: dict[str, object]
    if key in ("count", "length", "gap"):
        table = _bounds(draw)
        if key != "count":
            units = ["days", "working_days"] + (["meeting_days"] if key == "length" else ["weeks"])
            table["unit"] = draw(mostly(units, ["dayz", "meeting_days", "weeks"]))
        if key == "gap" and draw(st.booleans()):
            table["measure"] = draw(mostly(["end-to-start", "start-to-start"], ["x"]))
    elif key == "venue":
        mode = draw(mostly(["all", "any", "last"], ["first"]))
        places = mostly(VENUES, ["nowhere"])
        table = {mode: draw(st.one_of(places, st.lists(places, min_size=1, max_size=2)))}
    elif key == "order":
        table = {"before": draw(st.one_of(mostly(ids, ["zz"]), days, junk))}
        if draw(st.booleans()):
            table["event"] = draw(mostly(ids, ["zz"]))
    else:
        table = {"x": 1}
    result: dict[str, object] = {key: table}
    if draw(st.integers(0, 9)) == 0:  # now and then a second constraint
        result["count"] = {"min": 1}
    return result


@st.composite
def rules(draw: st.DrawFn, ids: list[str]) -> list[dict[str, object]]:
    out = []
    for index in range(draw(st.integers(0, 3))):
        body: dict[str, object] = {"id": f"r{index}", "title": "R"}
        body.update(draw(constraints(ids)))
        if draw(st.booleans()):
            body["kinds"] = draw(st.lists(mostly(KINDS, ["sesion"]), max_size=2))
        if draw(st.booleans()):
            body["statuses"] = draw(st.lists(mostly(STATUSES, ["bogus"]), max_size=2))
        if draw(st.booleans()):
            body["venues"] = draw(st.lists(mostly(VENUES, ["nowhere"]), max_size=2))
        if draw(st.booleans()):
            body["severity"] = draw(mostly(["error", "warning"], ["fatal"]))
        if draw(st.booleans()):
            waived = draw(st.lists(mostly(ids, ["zz"]), max_size=2, unique=True))
            body["waive"] = [{"event": e, "reason": draw(mostly(["r"], [""]))} for e in waived]
        if draw(st.integers(0, 9)) == 0:
            body[draw(st.sampled_from(["source", "gap", "waive", "idd"]))] = draw(junk)
        out.append(body)
    return out


HEADER = {
    "schedule": {"id": "g", "title": "G"},
    "venues": {
        "vienna": {"name": "VIC", "timezone": "Europe/Vienna", "holidays": [date(2022, 9, 5)]},
        "new-york": {"name": "UNHQ", "timezone": "America/New_York"},
    },
}


@st.composite
def documents(draw: st.DrawFn) -> dict[str, object]:
    event_list = draw(events())
    ids = [str(body["id"]) for body in event_list] or ["zz"]
    return {**HEADER, "events": event_list, "rules": draw(rules(ids))}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_loader_raises_only_schedule_errors_and_evaluation_never_raises(
    document: dict[str, object],
) -> None:
    rule_list = document["rules"]
    assert isinstance(rule_list, list)
    text = tomli_w.dumps(document)
    try:
        loaded = load_text(text, "g.toml")
    except ScheduleError as error:
        assert error.errors, "a ScheduleError always carries a located error"
        assert all(d.line >= 1 and d.column >= 1 for d in error.diagnostics)
        return
    results = evaluate(loaded.schedule)
    assert len(results) == len(rule_list)
    for result in results:
        assert result.status in ("pass", "fail", "waived")
        assert (result.status == "fail") == bool(result.failures)
        assert set(result.as_json()) == {
            "id",
            "title",
            "severity",
            "status",
            "message",
            "events",
            "waived",
            "source",
        }
    summary = summarize(results)
    assert summary.total == len(results)
