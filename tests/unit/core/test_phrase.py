"""The countdown phrase is calendar arithmetic a planner can check by hand."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tui.core.dates import FIRST_YEAR, LAST_YEAR
from tui.core.phrase import add_months, calendar_span, phrase

dates = st.dates(min_value=date(FIRST_YEAR, 1, 1), max_value=date(LAST_YEAR, 12, 31))


def test_the_day_before_the_anniversary_is_not_a_year() -> None:
    # A day short of the anniversary: 11 months 30 days, never rounded up to "in 1 year".
    assert phrase(date(2022, 9, 6), date(2023, 9, 5)) == "in 11 months 30 days"
    assert phrase(date(2022, 9, 6), date(2023, 9, 6)) == "in 1 year"


def test_worked_example_and_edges() -> None:
    assert phrase(date(2022, 3, 1), date(2024, 9, 10)) == "in 2 years 6 months 9 days"
    assert phrase(date(2024, 9, 10), date(2024, 9, 10)) == "today"
    assert phrase(date(2024, 9, 11), date(2024, 9, 10)) == "1 day ago"
    assert phrase(date(2026, 9, 10), date(2024, 9, 10)) == "2 years ago"
    assert phrase(date(2023, 1, 31), date(2023, 2, 28)) == "in 1 month"
    assert phrase(date(2024, 2, 29), date(2025, 2, 28)) == "in 1 year"


@given(dates, dates)
def test_parts_add_up_exactly_with_as_many_months_as_fit(d: date, e: date) -> None:
    first, last = min(d, e), max(d, e)
    years, months, days = calendar_span(first, last)
    assert 0 <= months < 12 and days >= 0
    whole = 12 * years + months
    assert add_months(first, whole) + timedelta(days=days) == last
    if last.year < LAST_YEAR:
        assert add_months(first, whole + 1) > last  # no further whole month fits


@given(dates, dates)
def test_phrase_reads_its_parts(d: date, e: date) -> None:
    text = phrase(d, e)
    if d == e:
        assert text == "today"
        return
    assert text.startswith("in ") if e > d else text.endswith(" ago")
    years, months, days = calendar_span(min(d, e), max(d, e))
    numbers = [int(word) for word in text.split() if word.isdigit()]
    assert numbers == [n for n in (years, months, days) if n]
