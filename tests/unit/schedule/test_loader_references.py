"""A broken declaration is one error at the declaration, never "unknown" where it is named.

A venue with a mistyped zone, an event with a bad kind or no readable id, a schedule header
with a bad zone: each is reported once, where it is wrong, and everything that names it
(events at the venue, `[schedule] deadline`, a rule's venues, `order` and `waive`) is judged
against it as declared, so no second error follows from the first.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.errors import Diagnostic, ScheduleError
from tui.schedule.loader import load_text

#: Every kind of declaration something else names, and each of those references.
BASE = """\
[schedule]
id = "programme"
title = "Programme"
timezone = "Europe/Vienna"
deadline = "final-report"
holidays = [2024-12-25]

[venues.vienna]
name = "Vienna International Centre"
city = "Vienna"
country = "Austria"
address = "Wagramer Strasse 5"
timezone = "Europe/Vienna"
holidays = [2024-03-15]

[[events]]
id = "session-1"
kind = "session"
title = "First session"
start = 2024-03-04
end = 2024-03-08
venue = "vienna"
hours = ["10:00-13:00", "15:00-18:00"]
status = "confirmed"
tags = ["substantive"]
url = "https://example.org/s1"
notes = "Notes"

[[events]]
id = "briefing"
kind = "meeting"
title = "Briefing"
start = 2024-03-05T10:00:00
end = 2024-03-05T12:00:00
venue = "vienna"

[[events]]
id = "final-report"
kind = "deadline"
title = "Final report due"
start = 2024-06-06

[[rules]]
id = "in-vienna"
title = "Sessions in Vienna"
kinds = ["session"]
venues = ["vienna"]
venue = { all = "vienna" }

[[rules]]
id = "report-last"
title = "The session ends before the report"
order = { event = "session-1", before = "final-report" }

[[rules]]
id = "long-enough"
title = "Sessions of five meeting days"
tags = ["substantive"]
length = { min = 5, unit = "meeting_days" }
waive = [{ event = "session-1", reason = "Short" }]
"""
LINES = BASE.splitlines()
HEADERS = [i for i, line in enumerate(LINES) if line.startswith("[")]
#: The declarations that others name: (first line index, end index) of each block.
BLOCKS = {
    LINES[start]: (start, next((h for h in HEADERS if h > start), len(LINES)))
    for start in HEADERS
    if not LINES[start].startswith("[[rules]]")
}
REQUIRED = {"id", "title", "name", "kind", "start"}

#: Broken values by the type of value a key holds; `{}` is the key's good value.
BROKEN: dict[str, list[str]] = {
    "text": ["5", '""', "[]", '"bad\\u001bvalue"', "true", "{ x = 1 }"],
    "slug": ["5", '"not a slug"', '""', '"id\\u009b"'],
    "zone": ['"Europe/Viena"', '"Vienna"', "5", '""', '"Europe/Vienna\\u0007"'],
    "dates": ["5", '["2024-12-25"]', "[1800-01-01]", '"2024-12-25"', "[2024-12-25T10:00:00]"],
    "kind": ['"sesion"', "5", '"Session"', '""'],
    "status": ['"confirmd"', "5"],
    "date": ['"2024-03-04"', "5", "1800-03-04", "10:00:00", '""'],
    "hours": ['["10:00-25:00"]', "5", "[]", '["13:00-10:00"]', '["x"]'],
    "tags": ["5", "[5]", '"substantive"'],
}
KEY_TYPES = {
    "id": "slug",
    "title": "text",
    "name": "text",
    "city": "text",
    "country": "text",
    "address": "text",
    "url": "text",
    "notes": "text",
    "timezone": "zone",
    "holidays": "dates",
    "kind": "kind",
    "status": "status",
    "start": "date",
    "end": "date",
    "hours": "hours",
    "tags": "tags",
}


def errors_of(text: str) -> list[Diagnostic]:
    with pytest.raises(ScheduleError) as caught:
        load_text(text, "s.toml")
    return caught.value.errors


def test_the_base_is_valid() -> None:
    loaded = load_text(BASE, "s.toml")
    assert len(loaded.schedule.rules) == 3 and len(loaded.schedule.events) == 3


@st.composite
def one_broken_field(draw: st.DrawFn) -> tuple[str, str, int, int]:
    """(text, what was done, first line, last line) of the declaration broken."""
    header = draw(st.sampled_from(sorted(BLOCKS)))
    start, end = BLOCKS[header]
    keys = [
        (index, LINES[index].split(" = ")[0])
        for index in range(start + 1, end)
        if " = " in LINES[index] and LINES[index].split(" = ")[0] in KEY_TYPES
    ]
    index, key = draw(st.sampled_from(keys))
    ways = ["value", "misspelt"] + (["missing"] if key in REQUIRED else [])
    if header.startswith("[venues") and key == "timezone":
        ways.append("missing")
    way = draw(st.sampled_from(ways))
    lines = list(LINES)
    if way == "value":
        value = draw(st.sampled_from(BROKEN[KEY_TYPES[key]]))
        lines[index] = f"{key} = {value}"
    elif way == "misspelt":
        at = draw(st.integers(0, len(key) - 2))
        typo = key[:at] + key[at + 1] + key[at] + key[at + 2 :]  # two letters swapped
        if typo == key or typo in KEY_TYPES:
            typo = key + "s" if key + "s" not in KEY_TYPES else "x" + key
        lines[index] = lines[index].replace(key, typo, 1)
    else:
        lines[index] = "# removed"
    return "\n".join(lines) + "\n", f"{header} {key}: {way} -> {lines[index]}", start + 1, end


@settings(max_examples=150, deadline=None)
@given(one_broken_field())
def test_one_broken_field_is_one_error_at_its_declaration(
    case: tuple[str, str, int, int],
) -> None:
    text, what, first, last = case
    found = errors_of(text)
    shown = [str(error) for error in found]
    assert len(found) == 1, (what, shown)
    assert first <= found[0].line <= last, (what, shown)
    assert "unknown venue" not in found[0].message, (what, shown)
    assert "names no event" not in found[0].message, (what, shown)


def test_a_mistyped_venue_zone_is_one_error_where_the_zone_is_written() -> None:
    text = BASE.replace(
        'timezone = "Europe/Vienna"\nholidays = [2024-03-15]',
        'timezone = "Europe/Viena"\nholidays = [2024-03-15]',
    )
    assert [str(e) for e in errors_of(text)] == [
        "s.toml:13:12: error: unknown time zone 'Europe/Viena': use an IANA name such as "
        "'Europe/Vienna' (did you mean `Europe/Vienna`?)"
    ]


def test_events_at_a_broken_venue_are_still_judged_against_it() -> None:
    # The venue's zone is wrong, and an event there ends before it starts: both are said.
    text = BASE.replace(
        'timezone = "Europe/Vienna"\nholidays = [2024-03-15]',
        "timezone = 5\nholidays = [2024-03-15]",
    )
    text = text.replace("end = 2024-03-05T12:00:00", "end = 2024-03-05T09:00:00")
    assert [(e.line, e.message) for e in errors_of(text)] == [
        (13, "`timezone` must be a string, not an integer"),
        (34, "`end` 2024-03-05 09:00:00 is before `start` 2024-03-05 10:00:00"),
    ]


def test_a_venue_that_is_no_table_is_still_declared() -> None:
    text = BASE.replace(
        '[venues.vienna]\nname = "Vienna International Centre"',
        '[venues]\nvienna = 5\n[venues.other]\nname = "Other"',
    )
    found = errors_of(text)
    assert [(e.line, e.message) for e in found] == [
        (9, "venue `vienna` must be a table, not an integer")
    ]


def test_venues_that_are_no_table_leave_their_references_unjudged() -> None:
    body = BASE.replace("[venues.vienna]\n", "[other]\n")
    messages = [e.message for e in errors_of("venues = 5\n" + body)]
    assert messages == [
        "`venues` must be a table of [venues.<id>] tables, not an integer",
        "unknown top-level key `other`; a schedule has [schedule], [venues.<id>], [[events]] "
        "and [[rules]]",
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # The ids cannot be read: a reference that matches none may mean that one.
        ('id = "final-report"\n', "id = 5\n", "`id` must be a string"),
        ('id = "final-report"\n', 'id = "final report"\n', "must be a slug"),
        ('id = "final-report"\n', "", "missing required key `id`"),
    ],
    ids=["not-a-string", "not-a-slug", "missing"],
)
def test_unreadable_event_ids_leave_what_names_them_unjudged(
    old: str, new: str, expected: str
) -> None:
    messages = [e.message for e in errors_of(BASE.replace(old, new, 1))]
    assert len(messages) == 1 and expected in messages[0], messages


def test_a_reference_that_really_dangles_is_still_an_error() -> None:
    text = BASE.replace('venue = "vienna"\nhours', 'venue = "viena"\nhours')
    text = text.replace('before = "final-report"', 'before = "final-reprot"')
    assert [e.message for e in errors_of(text)] == [
        "unknown venue `viena` (did you mean `vienna`?); venues: vienna",
        "`before` in rule `report-last` names no event: 'final-reprot' "
        "(did you mean `final-report`?)",
    ]


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("vienna", '"new york"', 8),
        ("final-report", "final report", 38),
        ("session-1", "session 1", 17),
    ],
    ids=["venue", "deadline-event", "session"],
)
def test_an_id_that_is_no_slug_is_one_error_even_where_it_is_named(
    old: str, new: str, line: int
) -> None:
    # Renamed everywhere: the declaration is wrong, the references only repeat it.
    if old == "vienna":
        text = BASE.replace("[venues.vienna]", f"[venues.{new}]").replace('"vienna"', new)
    else:
        text = BASE.replace(f'"{old}"', f'"{new}"')
    found = errors_of(text)
    assert [e.line for e in found] == [line], [str(e) for e in found]
    assert "slug" in found[0].message


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("[venues.vienna]", "[venue.vienna]"),
        ('[[events]]\nid = "final-report"', '[[event]]\nid = "final-report"'),
        ("[schedule]", "[schedul]"),
        ('[[rules]]\nid = "in-vienna"', '[[rule]]\nid = "in-vienna"'),
    ],
    ids=["venue", "event", "schedule", "rule"],
)
def test_a_misspelt_table_is_one_error(old: str, new: str) -> None:
    # What it holds is not declared, yet was meant to be: nothing is also missing or unknown.
    found = errors_of(BASE.replace(old, new, 1))
    assert len(found) == 1, [str(e) for e in found]
    assert "unknown top-level key" in found[0].message and "did you mean" in found[0].message
