"""A suggested fix is itself valid: applied to the file, the error it answers is gone.

Hints name a replacement in backticks: `write \\`start = 2023-01-09T10:00:00\\`` (the whole
line), `as in \\`title = "…"\\`` (an example: valid TOML on its own) or `did you mean
\\`session\\`` (a name). Each test applies the suggestion the way a planner would and loads
the file again.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import toml_rs
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.errors import Diagnostic, ScheduleError
from tui.schedule.loader import load_text

HEAD = '[schedule]\nid = "s"\ntitle = "S"\ntimezone = "Europe/Vienna"\n\n'
EVENT = '[[events]]\nid = "e"\nkind = "meeting"\ntitle = "Meeting"\n'  # start goes below

_WRITE = re.compile(r"write (?:it without quotes: )?`([^`]+)`")
_AS_IN = re.compile(r"as in `([^`]+)`")
_MEAN = re.compile(r"did you mean `([^`]+)`")


def errors_of(text: str) -> list[Diagnostic]:
    try:
        load_text(text, "s.toml")
    except ScheduleError as error:
        return error.errors
    return []


def apply_write(text: str, error: Diagnostic, replacement: str) -> str:
    """The text with the error's line replaced by the suggestion (indentation kept)."""
    lines = text.split("\n")
    line = lines[error.line - 1]
    lines[error.line - 1] = line[: len(line) - len(line.lstrip())] + replacement
    return "\n".join(lines)


def answered(error: Diagnostic, after: list[Diagnostic]) -> bool:
    """Whether `error` is gone: no syntax error and no error of its kind left on its line."""
    stem = error.message.split(" (", 1)[0]
    return not [
        e
        for e in after
        if e.line == error.line and (e.message.startswith("invalid TOML") or stem in e.message)
    ]


def check_every_hint(text: str) -> int:
    """Apply each suggestion of the first error; return how many there were."""
    found = errors_of(text)
    assert found, "the mistake must be an error"
    error = found[0]
    applied = 0
    for replacement in _WRITE.findall(error.message):
        if "=" in replacement:  # a whole `key = value` line parses on its own too
            toml_rs.loads(replacement)
        after = errors_of(apply_write(text, error, replacement))
        assert answered(error, after), (str(error), [str(e) for e in after])
        applied += 1
    for example in _AS_IN.findall(error.message):
        toml_rs.loads(example)  # an example is valid TOML on its own
        applied += 1
    for name in _MEAN.findall(error.message):
        lines = text.split("\n")
        wrong = re.search(r"[\"']?([^\"'=\s]+)[\"']?\s*$|^\s*([\w-]+)\s*=", lines[error.line - 1])
        assert wrong, lines[error.line - 1]
        bad = wrong.group(1) if "unknown key" not in error.message else wrong.group(2)
        lines[error.line - 1] = lines[error.line - 1].replace(bad, name, 1)
        after = errors_of("\n".join(lines))
        assert answered(error, after), [str(e) for e in after]
        applied += 1
    return applied


# -- times without seconds ---------------------------------------------------------------

TIMES = st.builds(
    lambda day, hour, minute, separator, offset: (
        f"{day}{separator}{hour}:{minute:02d}{offset}" if day else f"{hour}:{minute:02d}{offset}"
    ),
    st.sampled_from(["2023-01-09", ""]),
    st.sampled_from(["9", "09", "10", "23"]),
    st.integers(0, 59),
    st.sampled_from(["T", " ", "t"]),
    st.sampled_from(["", "Z", "+02:00", "-05:30"]),
)


@settings(max_examples=150, deadline=None)
@given(TIMES, st.sampled_from(["line", "inline", "array", "indented"]))
def test_a_time_without_seconds_gets_a_fix_that_parses(value: str, where: str) -> None:
    if where == "line":
        text = HEAD + EVENT + f"start = {value}\n"
    elif where == "indented":
        text = HEAD + EVENT + f"    start = {value}  # when\n"
    elif where == "inline":
        text = HEAD + EVENT + "start = 2023-01-09T10:00:00\n" + f"extra = {{ at = {value} }}\n"
    else:
        text = HEAD + "dates = [\n  2023-01-09,\n  " + value + ",\n]\n"
    found = errors_of(text)
    assert "TOML times need seconds" in found[0].message, str(found[0])
    check_every_hint(text)


def test_hours_written_without_quotes_are_quoted_not_given_seconds() -> None:
    text = HEAD + EVENT + "start = 2023-01-09\nend = 2023-01-10\nhours = [10:00-13:00]\n"
    found = errors_of(text)
    assert 'write `hours = ["10:00-13:00"]`' in found[0].message, str(found[0])
    assert check_every_hint(text) == 1
    assert not errors_of(apply_write(text, found[0], 'hours = ["10:00-13:00"]'))


# -- text without quotes -----------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(["kind", "title", "venue", "status", "notes"]),
    st.sampled_from(["session", "First session", 'A "quoted" \\ word', "Réunion # 2", "日程"]),
)
def test_unquoted_text_gets_a_fix_that_parses(key: str, value: str) -> None:
    text = HEAD + EVENT.replace('kind = "meeting"\n', "") + f"{key} = {value}\n"
    if key != "kind":
        text += 'kind = "meeting"\n'
    text += "start = 2023-01-09\n"
    found = errors_of(text)
    assert found[0].message.startswith("invalid TOML"), str(found[0])
    if "string values must be quoted" in found[0].message:  # the parser's words for it
        assert "text goes in quotes" in found[0].message, str(found[0])
        assert check_every_hint(text) >= 1


def test_unquoted_words_in_an_array_are_quoted_one_at_a_time() -> None:
    text = HEAD + EVENT + "start = 2023-01-09\ntags = [budget, plenary]\n"
    found = errors_of(text)
    assert 'write `tags = ["budget", "plenary"]`' in found[0].message, str(found[0])
    check_every_hint(text)


def test_an_empty_value_gets_an_example_that_parses() -> None:
    text = HEAD + EVENT + "start = 2023-01-09\nnotes =\n"
    found = errors_of(text)
    assert 'as in `notes = "…"`' in found[0].message or "quotes" in found[0].message
    check_every_hint(text)


# -- quoted dates and times of day -------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ('"2023-01-09"', "`start = 2023-01-09`"),
        ('" 2023-01-09 "', "`start = 2023-01-09`"),
        ('"2023-01-09T10:00"', "`start = 2023-01-09T10:00:00`"),
        ('"2023-01-09 10:00:00+02:00"', "`start = 2023-01-09 10:00:00+02:00`"),
        ('"2023-01-09 junk"', None),  # not a date: no fix to suggest
        ('"2023-02-30"', None),
        ('"2023-01-09T25:00"', None),
        ("10:00:00", "`start = 2022-03-01T10:00:00`"),
        ("10:30:15.5", "`start = 2022-03-01T10:30:15.500000`"),
    ],
)
def test_a_date_written_wrongly_gets_a_fix_only_if_the_fix_is_valid(
    written: str, hint: str | None
) -> None:
    text = HEAD + EVENT + f"start = {written}\n"
    found = errors_of(text)
    line = text.split("\n").index(f"start = {written}") + 1
    assert found[0].line == line and "`start` must be a date or a date-time" in found[0].message
    if hint is None:
        assert "`" not in found[0].message.split("not a", 1)[1], str(found[0])
    else:
        assert hint in found[0].message, str(found[0])
        assert check_every_hint(text) == 1


# -- names: did you mean -----------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    ['kind = "sesion"', 'status = "canceled"', "strat = 2023-01-09", 'venue = "viena"'],
)
def test_did_you_mean_names_something_that_works(line: str) -> None:
    venue = '[venues.vienna]\nname = "VIC"\ntimezone = "Europe/Vienna"\n\n'
    text = HEAD + venue + EVENT.replace('kind = "meeting"\n', "")
    text += f"{line}\n"
    if not line.startswith("kind"):
        text += 'kind = "meeting"\n'
    if not line.startswith("strat"):
        text += "start = 2023-01-09\n"
    found = [e for e in errors_of(text) if "did you mean" in e.message]
    assert found, errors_of(text)
    lines = text.split("\n")
    name = _MEAN.findall(found[0].message)[0]
    wrong = re.findall(r"[\w-]+", line)
    bad = wrong[0] if line.startswith("strat") else wrong[-1]
    lines[found[0].line - 1] = lines[found[0].line - 1].replace(bad, name, 1)
    assert not errors_of("\n".join(lines))


ZONES = ["istanbul", "Central", "utc", "Buenos Aires", "Indianapolis", "samoa", "Eastern", "gmt"]


def test_zone_suggestions_are_the_same_in_every_run() -> None:
    # Which zone a city name suggested depended on the order of a set of strings, which
    # changes from one interpreter to the next.
    code = f"from tui.core.zones import suggest_zone\nprint([suggest_zone(z) for z in {ZONES!r}])"
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env={"PYTHONHASHSEED": str(seed), "PATH": ""},
            check=True,
        ).stdout
        for seed in range(6)
    }
    assert len(runs) == 1, runs
    assert "America/Argentina/Buenos_Aires" in runs.pop()
