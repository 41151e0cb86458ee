"""One test per error kind: the exact line, column and message a planner sees."""

from __future__ import annotations

from textwrap import dedent

import pytest

from tui.core.errors import ScheduleError
from tui.schedule.loader import load_text

HEAD = """\
[schedule]
id = "t"
title = "T"
timezone = "Europe/Vienna"

[venues.vienna]
name = "VIC"
timezone = "Europe/Vienna"
"""  # 8 lines: the first [[events]] of a test starts on line 10 after a blank line.


def errors(text: str) -> list[str]:
    with pytest.raises(ScheduleError) as caught:
        load_text(text, "s.toml")
    return [str(d) for d in caught.value.errors]


def event(body: str) -> str:
    return HEAD + "\n[[events]]\n" + dedent(body)


def test_syntax_error_is_located_by_the_parser() -> None:
    assert errors('[schedule]\nid = "x"\ntitle = \n') == [
        "s.toml:3:9: error: invalid TOML: string values must be quoted, expected literal string"
        ' (text goes in quotes, as in `title = "…"`)'
    ]


def test_duplicate_key_is_a_syntax_error() -> None:
    found = errors('[schedule]\nid = "x"\nid = "y"\ntitle = "T"\n')
    assert len(found) == 1
    assert found[0].startswith("s.toml:3:1: error: invalid TOML: duplicate key")


def test_empty_file_is_located_at_line_one() -> None:
    assert errors("  \n\n") == [
        "s.toml:1:1: error: empty file: a schedule needs a [schedule] table"
    ]


def test_invalid_utf8_names_the_bad_bytes_line() -> None:
    with pytest.raises(ScheduleError) as caught:
        load_text(b'[schedule]\nid = "x"\ntitle = "caf\xe9"\n', "s.toml")
    assert [str(d) for d in caught.value.errors] == [
        "s.toml:3:13: error: invalid UTF-8 byte 0xe9: save the file as UTF-8"
    ]


def test_binary_file_is_refused_at_its_first_bad_byte() -> None:
    # A PNG's first byte is not UTF-8: line 1, not the line of its first NUL.
    with pytest.raises(ScheduleError) as caught:
        load_text(b"\x89PNG\r\n\x1a\n\x00\x00", "s.toml")
    assert [str(d) for d in caught.value.errors] == [
        "s.toml:1:1: error: binary data (byte 0x89 is not UTF-8): not a TOML schedule"
    ]


def test_a_control_before_a_bad_byte_is_the_one_reported() -> None:
    with pytest.raises(ScheduleError) as caught:
        load_text(b'[schedule]\nid = "x\x1b"\ntitle = "caf\xe9"\n', "s.toml")
    assert [str(d) for d in caught.value.errors] == [
        "s.toml:2:8: error: control character U+001B (\u241b): TOML text may hold tabs and "
        "new lines, but no other control characters (write it as an escape, such as \\u001b, "
        "in a string)"
    ]


def test_missing_schedule_table() -> None:
    assert errors('[venues.v]\nname = "V"\ntimezone = "UTC"\n') == [
        "s.toml:1:1: error: missing [schedule] table (with at least `id` and `title`)"
    ]


def test_missing_required_key_is_located_at_its_table_header() -> None:
    text = '# comment\n\n[schedule]\nid = "x"\n'
    assert errors(text) == ["s.toml:3:1: error: missing required key `title` in [schedule]"]


def test_missing_event_key_points_at_its_events_header() -> None:
    found = errors(event('id = "a"\nkind = "session"\nstart = 2023-01-09\n'))
    assert found == ["s.toml:10:1: error: missing required key `title` in event `a`"]


def test_missing_venue_zone_points_at_venue_header() -> None:
    text = '[schedule]\nid = "x"\ntitle = "X"\n\n[venues.ny]\nname = "UN"\n'
    assert errors(text) == ["s.toml:5:1: error: missing required key `timezone` in [venues.ny]"]


def test_unknown_key_suggests_the_near_name() -> None:
    # One mistake, one error: the misspelt `start` is not also reported as missing.
    found = errors(event('id = "a"\nkind = "session"\ntitle = "A"\nstrat = 2023-01-09\n'))
    assert found == [
        "s.toml:14:1: error: unknown key `strat` in event `a` (did you mean `start`?)",
    ]


def test_a_missing_key_is_still_reported_beside_an_unrelated_unknown_one() -> None:
    found = errors(event('id = "a"\nkind = "session"\ntitle = "A"\ncolour = "red"\n'))
    assert found == [
        "s.toml:10:1: error: missing required key `start` in event `a`",
        "s.toml:14:1: error: unknown key `colour` in event `a`",
    ]


def test_unknown_top_level_key() -> None:
    found = errors('[schedule]\nid = "x"\ntitle = "X"\n\n[[event]]\nid = "a"\n')
    assert found == [
        "s.toml:5:3: error: unknown top-level key `event` (did you mean `events`?); "
        "a schedule has [schedule], [venues.<id>], [[events]] and [[rules]]"
    ]


def test_unknown_kind_suggests() -> None:
    found = errors(event('id = "a"\nkind = "sesion"\ntitle = "A"\nstart = 2023-01-09\n'))
    assert found == [
        "s.toml:12:8: error: unknown kind 'sesion' (did you mean `session`?); "
        "expected one of: session, consultation, meeting, deadline, milestone"
    ]


def test_unknown_status_suggests() -> None:
    body = 'id = "a"\nkind = "session"\ntitle = "A"\nstart = 2023-01-09\nstatus = "canceled"\n'
    assert errors(event(body)) == [
        "s.toml:15:10: error: unknown status 'canceled' (did you mean `cancelled`?); "
        "expected one of: confirmed, tentative, postponed, cancelled"
    ]


def test_unknown_venue_suggests() -> None:
    body = 'id = "a"\nkind = "session"\ntitle = "A"\nstart = 2023-01-09\nvenue = "viena"\n'
    assert errors(event(body)) == [
        "s.toml:15:9: error: unknown venue `viena` (did you mean `vienna`?); venues: vienna"
    ]


def test_bad_zone_suggests_iana_name() -> None:
    text = HEAD.replace('timezone = "Europe/Vienna"\n\n', 'timezone = "Europe/Viena"\n\n', 1)
    assert errors(text) == [
        "s.toml:4:12: error: unknown time zone 'Europe/Viena': use an IANA name such as "
        "'Europe/Vienna' (did you mean `Europe/Vienna`?)"
    ]


@pytest.mark.parametrize("name", ["localtime", "posixrules", "right/UTC", "posix/Europe/Vienna"])
def test_zone_files_that_are_not_iana_names_are_refused(name: str) -> None:
    # They load with ZoneInfo, but "localtime" is whatever the machine is set to, and
    # `docket export` could not write a VTIMEZONE for "right/UTC" after `check` passed.
    text = HEAD.replace('timezone = "Europe/Vienna"\n\n', f'timezone = "{name}"\n\n', 1)
    found = errors(text)
    assert len(found) == 1
    assert found[0].startswith(f"s.toml:4:12: error: unknown time zone {name!r}: use an IANA name")


def test_bare_city_as_zone_suggests_full_name() -> None:
    text = HEAD.replace('timezone = "Europe/Vienna"\n\n', 'timezone = "Vienna"\n\n', 1)
    assert errors(text)[0].endswith("(did you mean `Europe/Vienna`?)")


def test_quoted_date_gets_a_fix() -> None:
    found = errors(event('id = "a"\nkind = "session"\ntitle = "A"\nstart = "2023-01-09"\n'))
    assert found == [
        "s.toml:14:9: error: `start` must be a date or a date-time, not a string "
        "(write it without quotes: `start = 2023-01-09`)"
    ]


def test_impossible_date_is_a_syntax_error_on_its_line() -> None:
    found = errors(event('id = "a"\nkind = "session"\ntitle = "A"\nstart = 2023-02-30\n'))
    assert len(found) == 1 and found[0].startswith("s.toml:14:")


def test_end_before_start_is_located_at_end() -> None:
    body = 'id = "a"\nkind = "session"\ntitle = "A"\nstart = 2023-01-09\nend = 2023-01-02\n'
    assert errors(event(body)) == [
        "s.toml:15:7: error: `end` 2023-01-02 is before `start` 2023-01-09"
    ]


def test_mixed_date_and_datetime() -> None:
    body = (
        'id = "a"\nkind = "meeting"\ntitle = "A"\nstart = 2023-01-09\nend = 2023-01-09T10:00:00\n'
    )
    assert errors(event(body)) == [
        "s.toml:15:7: error: `end` is a date-time but `start` is a date: "
        "both must be dates or both date-times"
    ]


def test_point_with_end() -> None:
    body = 'id = "d"\nkind = "deadline"\ntitle = "D"\nstart = 2023-01-09\nend = 2023-01-10\n'
    assert errors(event(body)) == [
        "s.toml:15:1: error: a deadline is a point in time: remove `end` (it has only `start`)"
    ]


def test_duplicate_id_points_at_the_second_id() -> None:
    body = 'id = "a"\nkind = "session"\ntitle = "A"\nstart = 2023-01-09\n'
    text = event(body) + "\n[[events]]\n" + body
    assert errors(text) == [
        "s.toml:17:6: error: duplicate event id `a` (first used by [[events]] #1)"
    ]


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ('["25:00-26:00"]', "bad meeting block '25:00-26:00': expected HH:MM-HH:MM"),
        ('["13:00-10:00"]', "meeting block '13:00-10:00' ends before it starts"),
        ('["10:00-13:00", "12:00-14:00"]', "meeting block '12:00-14:00' overlaps or precedes"),
        ('"10:00-13:00"', "`hours` must be a non-empty array of blocks"),
    ],
)
def test_bad_hours(hours: str, message: str) -> None:
    body = f'id = "a"\nkind = "session"\ntitle = "A"\nstart = 2023-01-09\nhours = {hours}\n'
    found = errors(event(body))
    assert len(found) == 1
    assert found[0].startswith("s.toml:15:")
    assert message in found[0]


def test_hours_on_a_timed_event() -> None:
    body = (
        'id = "a"\nkind = "meeting"\ntitle = "A"\nstart = 2023-01-09T10:00:00\n'
        'hours = ["10:00-13:00"]\n'
    )
    assert errors(event(body)) == [
        "s.toml:15:1: error: `hours` applies to date spans only; "
        "this event has a start time already"
    ]


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ("5", "an integer"),
        ("true", "a boolean"),  # a bool is an int to Python: named as what the file wrote
        ("5.5", "a number"),
        ("2023-01-09T10:00:00", "a date-time"),  # a datetime is a date to Python
        ("2023-01-09", "a date"),
        ("10:00:00", "a time of day"),
        ("[1, 2]", "an array"),
        ("{ a = 1 }", "a table"),
    ],
)
def test_wrong_type(value: str, name: str) -> None:
    assert errors(f'[schedule]\nid = "x"\ntitle = {value}\n') == [
        f"s.toml:3:9: error: `title` must be a string, not {name}"
    ]


def test_bad_slug() -> None:
    assert errors('[schedule]\nid = "my schedule"\ntitle = "X"\n')[0].startswith(
        "s.toml:2:6: error: `id` 'my schedule' must be a slug"
    )


def test_holiday_list_item_type() -> None:
    found = errors('[schedule]\nid = "x"\ntitle = "X"\nholidays = [2022-12-26, "2022-12-27"]\n')
    assert found == ["s.toml:4:25: error: `holidays` must hold only dates; item 2 is a string"]


def test_deadline_must_name_an_event() -> None:
    text = HEAD.replace('title = "T"\n', 'title = "T"\ndeadline = "finall"\n') + dedent(
        """
        [[events]]
        id = "final"
        kind = "deadline"
        title = "F"
        start = 2023-01-10
        """
    )
    assert errors(text) == [
        "s.toml:4:12: error: `deadline` names no event: 'finall' (did you mean `final`?)"
    ]


def test_every_error_in_a_file_is_reported_in_one_run() -> None:
    text = event(
        'id = "a"\nkind = "sesion"\ntitle = "A"\nstart = 2023-01-09\nvenue = "nyc"\n'
        'colour = "red"\n'
    )
    found = errors(text)
    assert [line.split(":")[1] for line in found] == ["12", "15", "16"]


@pytest.mark.parametrize(
    "value",
    [
        "9999-12-31",
        "0001-01-01",
        "9999-12-31T23:00:00-05:00",
        "0001-01-01T00:00:00+05:00",
        "1899-12-31T23:59:59",
    ],
)
def test_date_outside_the_supported_years_is_located(value: str) -> None:
    # Such dates once passed `check`, then crashed it (or countdown, or export) on
    # date arithmetic past year 9999 or before year 1.
    body = f'id = "d"\nkind = "deadline"\ntitle = "D"\nstart = {value}\n'
    assert errors(event(body)) == [
        f"s.toml:14:9: error: `start` {value.replace('T', ' ')} is outside the "
        "years docket supports (1900 to 2999)"
    ]


def test_holiday_outside_the_supported_years_is_located() -> None:
    text = HEAD.replace('timezone = "Europe/Vienna"\n\n', "holidays = [0001-01-01]\n\n", 1)
    text = text.replace("[schedule]\n", '[schedule]\ntimezone = "UTC"\n', 1)
    assert errors(text) == [
        "s.toml:5:13: error: `holidays` 0001-01-01 is outside the years docket supports "
        "(1900 to 2999)"
    ]


def test_unknown_sub_table_is_located_at_its_own_header() -> None:
    # It was located at the enclosing [venues.vienna] / [[events]] header instead.
    text = HEAD + "\n[venues.vienna.extra]\nfoo = 1\n"
    assert errors(text) == ["s.toml:10:1: error: unknown key `extra` in [venues.vienna]"]
    body = 'id = "a"\nkind = "session"\ntitle = "A"\nstart = 2023-01-09\n\n[events.sub]\nx = 1\n'
    assert errors(event(body)) == ["s.toml:16:1: error: unknown key `sub` in event `a`"]


def test_unknown_dotted_key_is_located_on_its_line() -> None:
    body = 'id = "a"\nkind = "session"\ntitle = "A"\nstart = 2023-01-09\nmeta.x = 1\n'
    assert errors(event(body)) == ["s.toml:15:1: error: unknown key `meta` in event `a`"]


def test_time_without_seconds_gets_a_hint() -> None:
    found = errors(event('id = "a"\nkind = "meeting"\ntitle = "A"\nstart = 2023-01-09T10:00\n'))
    assert len(found) == 1
    assert found[0].startswith("s.toml:14:")
    assert found[0].endswith("(TOML times need seconds: write `start = 2023-01-09T10:00:00`)")


def test_top_level_key_written_below_schedule_says_to_move_it() -> None:
    found = errors('[schedule]\nid = "x"\ntitle = "X"\nevents = []\n')
    assert found == [
        "s.toml:4:1: error: unknown key `events` in [schedule]; keys after [schedule] belong "
        "to it: move `events` above the first table"
    ]
