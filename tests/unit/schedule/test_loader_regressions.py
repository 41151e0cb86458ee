"""Bugs found by attacking the loader, one test each: the exact line and message now seen.

Every error in one run (a bad `[schedule] deadline` was held back until the events were
fixed); values that escaped as exceptions; positions that toml-rs reports in bytes, or
that a line-by-line search found inside a multi-line string.
"""

from __future__ import annotations

import pytest

from tests.unit.schedule.test_loader_errors import HEAD, errors, event


def _with_deadline(deadline: str, events: str) -> str:
    return HEAD.replace('title = "T"\n', f'title = "T"\ndeadline = "{deadline}"\n') + events


BAD_EVENT = '\n[[events]]\nid = "a"\nkind = "sesion"\ntitle = "A"\nstart = 2023-01-09\n'


def test_a_deadline_naming_no_event_is_reported_with_the_event_errors() -> None:
    # It was held back until every event error was fixed: two runs for two mistakes.
    found = errors(_with_deadline("nothing", BAD_EVENT))
    assert [f.split(": error: ")[1].split(" (")[0] for f in found] == [
        "`deadline` names no event: 'nothing'",
        "unknown kind 'sesion'",
    ]
    assert found[0].startswith("s.toml:4:12:")


def test_a_deadline_naming_a_session_is_reported_with_the_event_errors() -> None:
    session = '\n[[events]]\nid = "s"\nkind = "session"\ntitle = "S"\nstart = 2023-01-09\n'
    found = errors(_with_deadline("s", session + BAD_EVENT))
    assert found[0] == (
        "s.toml:4:12: error: `deadline` 's' is a session; the headline deadline must be a "
        "deadline or milestone event"
    )
    assert len(found) == 2 and "unknown kind 'sesion'" in found[1]


def test_a_deadline_naming_an_event_with_errors_is_not_an_error_itself() -> None:
    broken = '\n[[events]]\nid = "d"\nkind = "deadline"\ntitle = "D"\nstart = 2023-01-09\nx = 1\n'
    found = errors(_with_deadline("d", broken))
    assert found == ["s.toml:16:1: error: unknown key `x` in event `d`"]
    # Nor when its kind is what is wrong: that error says it all.
    found = errors(_with_deadline("a", BAD_EVENT))
    assert len(found) == 1 and "unknown kind" in found[0]


def test_values_that_crashed_the_loader_are_located_errors() -> None:
    # A trailing newline passed the `$` of the slug and hours patterns: an id with a
    # newline in it was accepted, and a meeting block with one raised ValueError.
    body = 'id = "a\\n"\nkind = "session"\ntitle = "A"\nstart = 2023-01-09\n'
    assert errors(event(body))[0].startswith("s.toml:11:6: error: `id` 'a\\n' must be a slug")
    hours = (
        'id = "a"\nkind = "session"\ntitle = "A"\nstart = 2023-01-09\nhours = ["10:00-13:00\\n"]\n'
    )
    assert errors(event(hours))[0].startswith("s.toml:15:10: error: bad meeting block")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0000-01-01", "invalid date or time `0000-01-01`: year 0 is out of range"),
        ("0000-01-01T10:00:00Z", "invalid date or time `0000-01-01T10:00:00Z`: year 0"),
        ("2023-06-30T23:59:60", "invalid date or time `2023-06-30T23:59:60`: second must be"),
    ],
)
def test_valid_toml_dates_python_cannot_hold_are_located(value: str, message: str) -> None:
    # toml-rs raises a bare ValueError for these (year 0, a leap second), which escaped.
    body = f'id = "a"\nkind = "deadline"\ntitle = "A ( 2023-01-01 )"\nstart = {value}\n'
    found = errors(event(body))
    assert len(found) == 1 and found[0].startswith("s.toml:14:9: error: " + message), found


def test_syntax_errors_after_non_ascii_text_are_on_their_own_line() -> None:
    # toml-rs's lineno/colno count bytes as characters: this was reported on line 4.
    text = '[schedule]\nid = "x"\ntitle = "日本語のタイトル—ünïcödé"\ntimezone = Europe\n'
    assert errors(text)[0].startswith("s.toml:4:12: error: invalid TOML")
    # The same for positions from the metadata: columns count characters, not bytes.
    found = errors('[schedule]\nid = "x"\ntitle = "T"\nx = { a = "日本", b = 1 }\n')
    assert found == ["s.toml:4:1: error: unknown key `x` in [schedule]"]
    inline = '[schedule]\nid = "x"\ntitle = "T"\nholidays = ["日本", 2022-01-01, "é"]\n'
    assert errors(inline)[0].startswith("s.toml:4:13:")
    assert errors(inline)[1].startswith("s.toml:4:31:")


def test_a_header_inside_a_multi_line_string_is_text() -> None:
    text = '[schedule]\nid = "x"\ntitle = "T"\nnotes_x = 1\n\n[venues.v]\nname = "V"\n'
    text += 'city = """\n[venues.w]\n"""\n\n[venues.w]\nname = "W"\n'
    found = errors(text)
    assert "s.toml:12:1: error: missing required key `timezone` in [venues.w]" in found


def test_text_with_a_lone_surrogate_is_located() -> None:
    # Only text handed in as str can hold one (bytes from a file never decode to it).
    assert errors('[schedule]\nid = "x"\ntitle = "\udfff"\n') == [
        "s.toml:3:10: error: not Unicode text: a lone surrogate U+DFFF"
    ]


@pytest.mark.parametrize(
    "line",
    [
        'timezone = "{big}"',
        'deadline = "{big}"',
        '"{big}" = 1',
        'kind = "{big}"',
        "title = {big}",  # a syntax error: no whole line offered as the fix
    ],
)
def test_a_huge_value_is_quoted_shortly(line: str) -> None:
    # A 1 MB value was quoted whole: a 1 MB error line.
    text = HEAD + line.format(big="x" * 1_000_000) + "\n"
    found = errors(text)
    assert found and all(len(message) < 400 for message in found), [m[:200] for m in found]
