"""A control character in any text value or key is one located error; tab and newline pass.

TOML's escapes make any control character (`"\\u001b"`, `"\\u009b"`, `"\\r"`, `"\\b"`), and
raw C1 characters are valid TOML. Whatever the key and however the string is written,
the error is at the value's line and names the character, and no message carries one.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.errors import ScheduleError
from tui.core.sanitize import describe_control
from tui.schedule.loader import load_text

#: One table of each kind, each value on its own line (line numbers below are fixed).
TEMPLATE = """\
[schedule]
id = {id}
title = {title}
timezone = {timezone}
deadline = {deadline}
url = {url}
description = {description}

[venues.v]
name = {name}
city = {city}
country = {country}
address = {address}
timezone = {venue_zone}

[[events]]
id = {event_id}
kind = {kind}
title = {event_title}
start = 2023-01-09
end = 2023-01-13
venue = {venue}
hours = [{hours}, "15:00-18:00"]
status = {status}
tags = ["plenary", {tag}]
url = {event_url}
notes = {notes}

[[events]]
id = "due"
kind = "deadline"
title = "Due"
start = 2023-01-20
"""

GOOD = {
    "id": "s",
    "title": "Title",
    "timezone": "Europe/Vienna",
    "deadline": "due",
    "url": "https://example.org",
    "description": "About it",
    "name": "VIC",
    "city": "Vienna",
    "country": "Austria",
    "address": "Wagramer Strasse 5",
    "venue_zone": "Europe/Vienna",
    "event_id": "e",
    "kind": "session",
    "event_title": "Session",
    "venue": "v",
    "hours": "10:00-13:00",
    "status": "confirmed",
    "tag": "budget",
    "event_url": "https://example.org/e",
    "notes": "Notes",
}
LINE = {
    field: number
    for number, line in enumerate(TEMPLATE.splitlines(), 1)
    for field in re.findall(r"\{(\w+)\}", line)
}
KEY = {
    "venue_zone": "timezone",
    "event_id": "id",
    "event_title": "title",
    "event_url": "url",
    "tag": "tags",
}

#: Every control character that is not tab or newline, and how TOML can write each.
CONTROLS = [chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0)]]
SHORT_ESCAPES = {"\b": "\\b", "\f": "\\f", "\r": "\\r"}


def basic(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\t", "\\t") + '"'


def render(values: dict[str, str]) -> str:
    return TEMPLATE.format(**{key: basic(value) for key, value in values.items()})


def test_the_template_is_valid() -> None:
    assert load_text(render(GOOD)).schedule.id == "s"


@st.composite
def poisoned(draw: st.DrawFn) -> tuple[str, str, str]:
    """(text, field, control character): one value of one field holds the character."""
    field = draw(st.sampled_from(sorted(GOOD)))
    char = draw(st.sampled_from(CONTROLS))
    style = draw(st.sampled_from(["\\u", "\\U", "short", "raw", "multi-line", "literal"]))
    if style == "short" and char not in SHORT_ESCAPES:
        style = "\\u"
    if style in ("raw", "literal") and not 0x80 <= ord(char) <= 0x9F:
        style = "\\u"  # TOML refuses raw C0 and DEL: only C1 may be written as itself
    at = draw(st.integers(0, len(GOOD[field])))
    before, after = GOOD[field][:at], GOOD[field][at:]
    escaped = {
        "\\u": f"\\u{ord(char):04x}",
        "\\U": f"\\U{ord(char):08X}",
        "short": SHORT_ESCAPES.get(char, ""),
        "raw": char,
        "multi-line": f"\\u{ord(char):04X}",
        "literal": char,
    }[style]
    if style == "multi-line":
        value = f'"""{before}{escaped}{after}"""'
    elif style == "literal":
        value = f"'{before}{escaped}{after}'"
    else:
        value = f'"{before}{escaped}{after}"'
    values = {key: basic(text) for key, text in GOOD.items()}
    values[field] = value
    return TEMPLATE.format(**values), field, char


@settings(max_examples=400, deadline=None)
@given(poisoned())
def test_a_control_character_in_any_value_is_one_error_at_its_line(
    case: tuple[str, str, str],
) -> None:
    text, field, char = case
    with pytest.raises(ScheduleError) as caught:
        load_text(text, "s.toml")
    errors = caught.value.errors
    ours = [e for e in errors if e.message.startswith("control character")]
    assert len(ours) == 1, [str(e) for e in errors]
    assert ours[0].line == LINE[field]
    assert f"control character {describe_control(char)} in `{KEY.get(field, field)}`" in (
        ours[0].message
    )
    for error in errors:
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", error.message), error.message
    # The bad value is reported once: not again as a bad slug, kind, zone or block, nor
    # where it is named (the deadline's event, the venue an event names).
    assert errors == ours, [str(e) for e in errors]


@pytest.mark.parametrize(
    "key",
    ['"bad\\u001bkey"', '"\\u009b31m"', "'tab\u0085nel'", '"a\\rb"'],
    ids=["ESC", "CSI", "NEL", "CR"],
)
@pytest.mark.parametrize("table", ["schedule", "venue", "event", "top"])
def test_a_control_character_in_a_key_is_an_error_at_the_key(key: str, table: str) -> None:
    lines = render(GOOD).splitlines()
    at = {"schedule": 1, "venue": 9, "event": 16, "top": 0}[table]
    lines.insert(at, f"{key} = 1")
    with pytest.raises(ScheduleError) as caught:
        load_text("\n".join(lines) + "\n", "s.toml")
    errors = caught.value.errors
    assert [e.line for e in errors if "control character" in e.message] == [at + 1]
    assert "in key `" in next(e.message for e in errors if "control character" in e.message)
    assert all(not re.search("[\x00-\x1f\x7f-\x9f]", e.message) for e in errors)


def test_tab_and_newline_are_text() -> None:
    values = dict(GOOD, event_title="Tab\there", notes="Line one\nline two\ttabbed")
    event = load_text(render(values)).schedule.event("e")
    assert event.title == "Tab\there" and event.notes == "Line one\nline two\ttabbed"


def test_a_crlf_file_keeps_no_carriage_returns() -> None:
    text = render(GOOD).replace('notes = "Notes"', 'notes = """\nOne\nTwo"""')
    event = load_text(text.replace("\n", "\r\n")).schedule.event("e")
    assert event.notes == "One\nTwo"


def test_escapes_that_make_ordinary_characters_are_fine() -> None:
    values = dict(GOOD, event_title="caf\\u00e9 \\U0001F600 \\\\u001b")
    text = TEMPLATE.format(**{key: f'"{value}"' for key, value in values.items()})
    assert load_text(text).schedule.event("e").title == "café 😀 \\u001b"
