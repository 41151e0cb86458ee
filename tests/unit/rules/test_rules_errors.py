"""Malformed rules are located errors with did-you-mean, like every other table's."""

from __future__ import annotations

import pytest

from tests.unit.rules.rules_helpers import TEXT
from tui.core.errors import ScheduleError
from tui.schedule.loader import load_text

#: The first [[rules]] header of a test is on this line.
LINE = TEXT.count("\n") + 2


def errors(rules: str) -> list[str]:
    with pytest.raises(ScheduleError) as caught:
        load_text(TEXT + "\n" + rules, "s.toml")
    return [str(d) for d in caught.value.errors]


def at(line: int, column: int, message: str) -> str:
    return f"s.toml:{LINE + line}:{column}: error: {message}"


RULE = '[[rules]]\nid = "r"\ntitle = "R"\n'


def test_unknown_key_with_did_you_mean() -> None:
    assert errors(RULE + "count = { min = 1 }\nsevrity = 'error'\n") == [
        at(4, 1, "unknown key `sevrity` in rule `r` (did you mean `severity`?)")
    ]


def test_unknown_key_inside_a_constraint() -> None:
    assert errors(RULE + 'gap = { min = 1, unit = "days", mesure = "end-to-start" }\n') == [
        at(3, 33, "unknown key `mesure` in `gap` of rule `r` (did you mean `measure`?)")
    ]


def test_bad_severity() -> None:
    assert errors(RULE + 'severity = "eror"\ncount = { min = 1 }\n') == [
        at(
            3,
            12,
            "unknown severity 'eror' (did you mean `error`?); expected one of: error, warning",
        )
    ]


def test_two_constraints_are_located_at_the_second() -> None:
    assert errors(RULE + 'count = { min = 1 }\nvenue = { all = "vienna" }\n') == [
        at(
            4,
            1,
            "rule `r` has more than one constraint (`count` and `venue`): a rule states exactly "
            "one; write a second [[rules]] table for this one",
        )
    ]


def test_no_constraint_is_located_at_the_header() -> None:
    assert errors(RULE) == [
        at(
            0,
            1,
            "rule `r` has no constraint: give it one of `count`, `length`, `gap`, `venue`, `order`",
        )
    ]


def test_unknown_event_in_waive_and_order() -> None:
    text = (
        RULE + 'order = { event = "s9", before = "dua" }\nwaive = [{ event = "s", reason = "x" }]\n'
    )
    assert errors(text) == [
        at(3, 19, "`event` in rule `r` names no event: 's9'"),
        at(3, 34, "`before` in rule `r` names no event: 'dua' (did you mean `due`?)"),
        at(4, 20, "`event` in rule `r` names no event: 's' (did you mean `s4`?)"),
    ]
    text = RULE + 'order = { event = "s1", before = "dua" }\n'
    assert errors(text) == [
        at(3, 34, "`before` in rule `r` names no event: 'dua' (did you mean `due`?)")
    ]


def test_bad_gap_unit() -> None:
    assert errors(RULE + 'gap = { min = 11, unit = "weks" }\n') == [
        at(
            3,
            26,
            "unknown unit 'weks' (did you mean `weeks`?); expected one of: days, weeks, "
            "working_days",
        )
    ]


def test_missing_unit_and_bounds() -> None:
    assert errors(RULE + "length = { min = 1 }\n") == [
        at(3, 1, "missing required key `unit` in `length` of rule `r`")
    ]
    assert errors(RULE + 'gap = { unit = "days" }\n') == [
        at(3, 1, "`gap` of rule `r` needs `min`, `max` or both")
    ]


def test_bad_numbers() -> None:
    assert errors(RULE + "count = { min = 3, max = 2 }\n") == [
        at(3, 26, "`max` 2 is below `min` 3")
    ]
    assert errors(RULE + "count = { min = -1 }\n") == [at(3, 17, "`min` must be 0 or more, not -1")]
    assert errors(RULE + 'count = { min = "6" }\n') == [
        at(3, 17, "`min` must be a whole number, 0 or more, not a string")
    ]


def test_unknown_venue_kind_and_status() -> None:
    text = (
        RULE
        + 'kinds = ["sesion"]\nstatuses = ["postponed", "canceled"]\nvenue = { last = "viena" }\n'
    )
    assert errors(text) == [
        at(
            3,
            10,
            "unknown kind 'sesion' (did you mean `session`?); expected one of: session, "
            "consultation, meeting, deadline, milestone",
        ),
        at(
            4,
            26,
            "unknown status 'canceled' (did you mean `cancelled`?); expected one of: confirmed, "
            "tentative, postponed, cancelled",
        ),
        at(5, 18, "unknown venue `viena` (did you mean `vienna`?); venues: vienna, new-york"),
    ]


def test_venue_constraint_needs_one_mode() -> None:
    assert errors(RULE + 'venue = { all = "vienna", last = "vienna" }\n') == [
        at(
            3,
            1,
            "`venue` of rule `r` needs exactly one of `all`, `any` or `last`, not `all` and `last`",
        )
    ]


def test_waive_on_a_count_and_twice_the_same_event() -> None:
    assert errors(RULE + 'count = { min = 1 }\nwaive = [{ event = "s1", reason = "x" }]\n') == [
        at(
            4,
            1,
            "a `count` rule's failures name no event, so there is nothing to waive: change the "
            "selection or `min`/`max` instead",
        )
    ]
    text = (
        RULE
        + 'venue = { all = "vienna" }\n'
        + 'waive = [{ event = "s1", reason = "x" }, { event = "s1", reason = "y" }]\n'
    )
    assert errors(text) == [at(4, 52, "`s1` is waived twice in rule `r`")]


def test_waiver_without_reason_and_source_without_citation() -> None:
    text = RULE + 'venue = { all = "vienna" }\nwaive = [{ event = "s1" }]\nsource = { url = "u" }\n'
    assert errors(text) == [
        at(4, 10, "missing required key `reason` in `waive` of rule `r`"),
        at(5, 1, "missing required key `citation` in `source`"),
    ]


def test_duplicate_rule_ids_and_a_rule_that_is_not_a_table() -> None:
    text = RULE + "count = { min = 1 }\n\n" + RULE + "count = { min = 1 }\n"
    assert errors(text) == [at(6, 6, "duplicate rule id `r` (first used by [[rules]] #1)")]


def test_rules_must_be_an_array_of_tables() -> None:
    with pytest.raises(ScheduleError) as caught:
        load_text("rules = 3\n" + TEXT, "s.toml")
    assert [str(d) for d in caught.value.errors] == [
        "s.toml:1:1: error: `rules` must be an array of [[rules]] tables, not an integer"
    ]
    with pytest.raises(ScheduleError) as caught:
        load_text(TEXT + "\n[rule]\nid = 1\n", "s.toml")
    assert "unknown top-level key `rule` (did you mean `rules`?)" in str(caught.value)


def test_a_sub_table_form_is_the_same_rule() -> None:
    text = TEXT + '\n[[rules]]\nid = "r"\ntitle = "R"\n\n[rules.gap]\nmin = 1\nunit = "dais"\n'
    with pytest.raises(ScheduleError) as caught:
        load_text(text, "s.toml")
    (error,) = caught.value.errors
    assert (error.line, error.column) == (LINE + 6, 8)
    assert "did you mean `days`?" in error.message


def test_every_error_in_one_run() -> None:
    text = (
        RULE
        + 'severity = "fatal"\ngap = { min = 1, unit = "weks" }\n\n'
        + '[[rules]]\nid = "q"\ntitle = "Q"\norder = { before = "nothing" }\n'
    )
    assert len(errors(text)) == 3


def test_the_json_schema_covers_the_rules() -> None:
    from tui.schedule.fields import RULE_FIELDS
    from tui.schedule.json_schema import schedule_schema

    rules = schedule_schema()["properties"]["rules"]["items"]
    assert set(rules["properties"]) == {f.name for f in RULE_FIELDS}
    assert rules["required"] == ["id", "title"]
    assert rules["additionalProperties"] is False
    assert len(rules["oneOf"]) == 5
    gap = rules["properties"]["gap"]
    assert gap["properties"]["unit"]["enum"] == ["days", "weeks", "working_days"]
    assert gap["additionalProperties"] is False
    waiver = rules["properties"]["waive"]["items"]
    assert waiver["required"] == ["event", "reason"]
