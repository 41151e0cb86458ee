"""One way to say a range of days: every caller says the same days with the same text.

The timeline's dates column, `docket diff`'s sentences, `docket rules`' findings and the
details panel (in its weekday form) are each asked about the same grid of ranges, and must
agree with `tui.core.words.days_text` and with each other; random pairs of dates must read
back to themselves; and no locale-dependent strftime name directive may creep back into
`tui`.
"""

from __future__ import annotations

import locale
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tui
from tui.app import describe
from tui.app.clock import clock_text
from tui.app.timeline.rows import TimelineRows
from tui.core.dates import FIRST_YEAR, LAST_YEAR
from tui.core.words import (
    MONTHS,
    WEEKDAYS,
    count_text,
    day_with_weekday,
    days_text,
    days_with_weekdays,
    length_text,
    long_day_text,
    month_text,
    signed,
    times_text,
    weeks_text,
)
from tui.diff.compare import compare
from tui.diff.report import groups
from tui.rules import evaluate
from tui.schedule.loader import load_text

#: (first, last, how every caller says it): same day, same month, across months, across
#: years, the 1st and the 31st, leap days.
GRID = [
    (date(2024, 9, 10), date(2024, 9, 10), "10 Sep 2024"),
    (date(2023, 1, 9), date(2023, 1, 20), "9–20 Jan 2023"),
    (date(2022, 8, 29), date(2022, 9, 9), "29 Aug – 9 Sep 2022"),
    (date(2023, 12, 12), date(2024, 1, 5), "12 Dec 2023 – 5 Jan 2024"),
    (date(2023, 1, 1), date(2023, 1, 31), "1–31 Jan 2023"),
    (date(2023, 3, 31), date(2023, 4, 1), "31 Mar – 1 Apr 2023"),
    (date(2023, 12, 31), date(2024, 1, 1), "31 Dec 2023 – 1 Jan 2024"),
    (date(2024, 2, 29), date(2024, 2, 29), "29 Feb 2024"),
    (date(2024, 2, 28), date(2024, 3, 1), "28 Feb – 1 Mar 2024"),
    (date(2023, 2, 28), date(2024, 2, 29), "28 Feb 2023 – 29 Feb 2024"),
]

HEAD = """\
[schedule]
id = "grid"
title = "Grid"
timezone = "Europe/Vienna"

[venues.vienna]
name = "VIC"
city = "Vienna"
timezone = "Europe/Vienna"
"""


def grid_events(shift: int = 0) -> str:
    """One all-day meeting per range of GRID (moved `shift` days), ids r0, r1, …"""
    blocks = []
    for n, (first, last, _) in enumerate(GRID):
        first, last = first + timedelta(days=shift), last + timedelta(days=shift)
        blocks.append(
            f'[[events]]\nid = "r{n}"\nkind = "meeting"\ntitle = "R{n}"\n'
            f'start = {first}\nend = {last}\nvenue = "vienna"\n'
        )
    return "\n".join(blocks)


#: A rule every grid event fails, so each gets a finding naming its days.
UTC = ZoneInfo("UTC")
RULE = """
[[rules]]
id = "short"
title = "Short"
kinds = ["meeting"]
length = { max = 0, unit = "days" }
"""

GRID_TEXT = HEAD + "\n" + grid_events() + RULE
EXPECTED = {f"r{n}": text for n, (_, _, text) in enumerate(GRID)}
WEEKDAY_WORD = re.compile(rf"\b(?:{'|'.join(WEEKDAYS)}) ")


def test_days_text_says_the_grid() -> None:
    for first, last, text in GRID:
        assert days_text(first, last) == text


def test_every_caller_says_the_same_range_the_same_way() -> None:
    schedule = load_text(GRID_TEXT, "grid.toml").schedule
    assert {e.id for e in schedule.events} == set(EXPECTED)

    timeline = {row.event.id: row.dates for row in TimelineRows(schedule).all}
    assert timeline == EXPECTED

    (result,) = evaluate(schedule)
    findings = {f.at: f.message for f in result.failures}
    for event_id, text in EXPECTED.items():
        assert findings[event_id].startswith(f"R{event_id[1:]} ({text}) has "), findings[event_id]

    empty = load_text(HEAD, "old.toml").schedule
    added = {
        s
        for g in groups(compare(empty, schedule, datetime(2022, 1, 1, tzinfo=UTC)))
        for s in g.sentences
    }
    for event_id, text in EXPECTED.items():
        assert any(s.startswith(f"R{event_id[1:]} (") and f" added: {text}, " in s for s in added)

    moved = load_text(HEAD + "\n" + grid_events(shift=7) + RULE, "new.toml").schedule
    arrows = [
        s
        for g in groups(compare(schedule, moved, datetime(2022, 1, 1, tzinfo=UTC)))
        for s in g.sentences
    ]
    for n, (first, last, text) in enumerate(GRID):
        later = days_text(first + timedelta(days=7), last + timedelta(days=7))
        assert any(s.startswith(f"R{n} (") and f"{text} → {later}" in s for s in arrows), arrows

    # The details panel says weekdays too, by the same spacing rule: without them, the same.
    for event in schedule.events:
        panel = describe.span_text(event)
        assert WEEKDAY_WORD.sub("", panel) == EXPECTED[event.id], panel


def test_the_forms_with_weekdays() -> None:
    assert days_with_weekdays(date(2022, 8, 29), date(2022, 9, 9)) == "Mon 29 Aug – Fri 9 Sep 2022"
    assert days_with_weekdays(date(2023, 1, 9), date(2023, 1, 20)) == "Mon 9–Fri 20 Jan 2023"
    assert days_with_weekdays(date(2023, 12, 29), date(2024, 1, 5)) == (
        "Fri 29 Dec 2023 – Fri 5 Jan 2024"
    )
    assert day_with_weekday(date(2024, 9, 10)) == "Tue 10 Sep 2024"
    assert long_day_text(date(2024, 2, 29)) == "Thursday 29 February 2024"
    assert month_text(date(2024, 9, 1)) == "September 2024"


def test_lengths_and_counts() -> None:
    assert length_text(timedelta(weeks=2)) == "2 weeks"
    assert length_text(timedelta(days=9)) == "1 week 2 days"
    assert length_text(timedelta(days=81)) == weeks_text(81) == "11 weeks 4 days"
    assert length_text(timedelta(hours=3, minutes=30)) == "3 hours 30 minutes"
    assert length_text(timedelta(seconds=5)) == "under a minute"
    assert weeks_text(0) == "0 days" and weeks_text(-9) == "-1 week 2 days"
    assert count_text(81, "weeks") == "11 weeks 4 days"
    assert count_text(1, "working_days") == "1 working day"
    assert count_text(80, "days") == "80 days"
    assert signed(10, "working day") == "+10 working days"
    assert signed(-1, "day") == "-1 day"


def test_moments_and_the_clock() -> None:
    vienna = ZoneInfo("Europe/Vienna")
    start = datetime(2023, 1, 9, 10, tzinfo=vienna)
    assert times_text(start, start.replace(hour=12)) == "9 Jan 2023 10:00–12:00 CET"
    assert times_text(start, datetime(2023, 1, 20, 18, tzinfo=vienna)) == (
        "9 Jan 2023 10:00 – 20 Jan 2023 18:00 CET"
    )
    # Across a change of clocks each end says its own zone.
    assert (
        times_text(
            datetime(2023, 3, 24, 10, tzinfo=vienna), datetime(2023, 3, 27, 10, tzinfo=vienna)
        )
        == "24 Mar 2023 10:00 CET – 27 Mar 2023 10:00 CEST"
    )
    new_york = ZoneInfo("America/New_York")
    assert clock_text(datetime(2022, 9, 6, 10, tzinfo=new_york)) == "Tue 6 Sep 2022 10:00:00 EDT"


# -- reading a range back ---------------------------------------------------------------------

_M = f"({'|'.join(MONTHS)})"
_FORMS = [
    re.compile(rf"^(\d{{1,2}}) {_M} (\d{{4}})$"),
    re.compile(rf"^(\d{{1,2}})–(\d{{1,2}}) {_M} (\d{{4}})$"),
    re.compile(rf"^(\d{{1,2}}) {_M} – (\d{{1,2}}) {_M} (\d{{4}})$"),
    re.compile(rf"^(\d{{1,2}}) {_M} (\d{{4}}) – (\d{{1,2}}) {_M} (\d{{4}})$"),
]


def parse_days(text: str) -> tuple[date, date]:
    """The two dates a `days_text` says; exactly one of its four forms must match."""
    matches = [(n, m) for n, form in enumerate(_FORMS) if (m := form.match(text))]
    assert len(matches) == 1, text
    n, m = matches[0]
    g = m.groups()

    def day(d: str, mon: str, y: str) -> date:
        return date(int(y), MONTHS.index(mon) + 1, int(d))

    if n == 0:
        first = last = day(g[0], g[1], g[2])
    elif n == 1:
        first, last = day(g[0], g[2], g[3]), day(g[1], g[2], g[3])
    elif n == 2:
        first, last = day(g[0], g[1], g[4]), day(g[2], g[3], g[4])
    else:
        first, last = day(g[0], g[1], g[2]), day(g[3], g[4], g[5])
    return first, last


days = st.dates(date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31))


@settings(max_examples=300, deadline=None)
@given(days, days)
def test_a_range_reads_back_to_its_days(a: date, b: date) -> None:
    first, last = min(a, b), max(a, b)
    text = days_text(first, last)
    assert parse_days(text) == (first, last)
    # The shortest form that says them: a shared month and year are written once.
    form = (
        0
        if first == last
        else 1
        if (first.year, first.month) == (last.year, last.month)
        else 2
        if first.year == last.year
        else 3
    )
    assert _FORMS[form].match(text), text
    panel = days_with_weekdays(first, last)
    assert WEEKDAY_WORD.sub("", panel) == text
    said = re.findall(rf"\b({'|'.join(WEEKDAYS)}) ", panel)
    assert said == [WEEKDAYS[d.weekday()] for d in dict.fromkeys((first, last))]


# -- the locale -------------------------------------------------------------------------------

#: strftime's directives that follow the locale: names (%a %A %b %B %h), its date and time
#: (%c %x %X) and AM/PM (%p).
_LOCALE_DIRECTIVES = re.compile(r"%[aAbBhcxXp]")


def test_no_source_of_tui_asks_the_locale_for_names() -> None:
    found = [
        f"{path.relative_to(Path(tui.__file__).parent)}:{n}: {line.strip()}"
        for path in sorted(Path(tui.__file__).parent.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _LOCALE_DIRECTIVES.search(line)
    ]
    assert not found, "dates in words are tui.core.words' (English): " + "; ".join(found)


def _other_locale() -> str | None:
    for name in ("de_DE.UTF-8", "fr_FR.UTF-8", "es_ES.UTF-8", "de_DE.utf8", "fr_FR.utf8"):
        try:
            locale.setlocale(locale.LC_TIME, name)
        except locale.Error:
            continue
        return name
    return None


def test_callers_say_english_under_another_locale() -> None:
    saved = locale.setlocale(locale.LC_TIME)
    try:
        if _other_locale() is None:
            pytest.skip("no non-English locale is installed (the source check above holds)")
        schedule = load_text(GRID_TEXT, "grid.toml").schedule
        assert {row.event.id: row.dates for row in TimelineRows(schedule).all} == EXPECTED
        assert clock_text(datetime(2022, 9, 6, 10, tzinfo=ZoneInfo("America/New_York"))) == (
            "Tue 6 Sep 2022 10:00:00 EDT"
        )
        assert long_day_text(date(2024, 3, 1)) == "Friday 1 March 2024"
    finally:
        locale.setlocale(locale.LC_TIME, saved)


def test_counts_in_the_details_agree_in_number() -> None:
    assert describe.countdown_line(-1, 0, 0) == "passed 1 day ago"
    assert describe.countdown_line(1, 1, 1) == "1 day · 1 working · 1 session left"
