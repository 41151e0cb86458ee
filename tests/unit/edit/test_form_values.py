"""Reading a field's text into the value an edit takes (`tui.edit.form_values`), which the
app's event form and `docket set` share, and writing an event's values as the form shows
them: what is written reads back as the same value, so an untouched field never changes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.model import MeetingHours
from tui.core.sanitize import visible
from tui.edit.form_values import (
    FORM_FIELDS,
    FieldError,
    FormErrors,
    changed_values,
    field_text,
    parse_field,
    parse_hours,
    parse_when,
    revealed,
)

DATES = st.dates(date(1900, 1, 1), date(2999, 12, 31))
TIMES = st.times().map(lambda t: t.replace(microsecond=0))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2023-04-11", date(2023, 4, 11)),
        (" 2023-04-11 ", date(2023, 4, 11)),
        ("2023-04-11T10:00", datetime(2023, 4, 11, 10, 0)),
        ("2023-04-11 10:00:30", datetime(2023, 4, 11, 10, 0, 30)),
        ("2023-04-11T10:00+02:00", datetime(2023, 4, 11, 10, tzinfo=timezone(timedelta(hours=2)))),
    ],
)
def test_dates_and_date_times_read_as_iso(text, value) -> None:
    assert parse_when(text) == value


@pytest.mark.parametrize("text", ["2023-02-30", "11/04/2023", "tomorrow", "2023-04-11T25:00", "T"])
def test_what_is_not_iso_says_what_would_be(text) -> None:
    with pytest.raises(FieldError, match="is not an ISO date \\(2023-04-11\\) or date-time"):
        parse_when(text)


def test_hours_are_checked_for_their_shape_only() -> None:
    assert parse_hours("10:00-13:00, 15:00 - 18:00,") == ("10:00-13:00", "15:00 - 18:00")
    assert parse_hours("13:00-10:00") == ("13:00-10:00",)  # backwards: the loader says so
    for bad in ("10-13", "10:00", "24:00-25:00", "10:00-13:00;15:00-18:00"):
        with pytest.raises(FieldError, match="is not a meeting block such as 10:00-13:00"):
            parse_hours(bad)


def test_empty_removes_but_a_title_is_required() -> None:
    for key in FORM_FIELDS:
        if key != "title":
            assert parse_field(key, "  ") is None
    with pytest.raises(FieldError, match="needs a title"):
        parse_field("title", " ")
    assert parse_field("tags", "a, b ,, c") == ("a", "b", "c")
    with pytest.raises(FieldError, match="did you mean `tentative`"):
        parse_field("status", "tentativ")


def test_a_long_bad_value_is_quoted_short() -> None:
    with pytest.raises(FieldError) as raised:
        parse_when("9" * 100_000)
    assert len(str(raised.value)) < 200


@settings(max_examples=60)
@given(DATES, st.one_of(st.none(), TIMES), st.sampled_from(["zone", "offset"]))
def test_a_value_written_as_the_form_shows_it_reads_back_the_same(bundled_loaded, day, at, how):
    # `bundled_loaded` is session-scoped, so hypothesis may reuse it.
    event = next(e for e in bundled_loaded.schedule.events if e.id == "session-1")
    if at is None:
        start: date | datetime = day
    elif how == "zone":
        start = datetime.combine(day, at, ZoneInfo("America/New_York"))
    else:
        start = datetime.combine(day, at, timezone(timedelta(hours=-3, minutes=-30)))
    moved = replace(event, start=start, end=None)
    text = field_text(moved, "start")
    back = parse_when(text)
    expected = start.replace(tzinfo=None) if how == "zone" and at is not None else start
    assert back == expected
    assert changed_values(moved, {"start": text}) == {}


def test_untouched_and_same_valued_fields_are_left_out(bundled_loaded) -> None:
    event = next(e for e in bundled_loaded.schedule.events if e.id == "session-1")
    event = replace(event, hours=(MeetingHours(time(9), time(12)),))
    texts = {key: field_text(event, key) for key in FORM_FIELDS}
    assert texts["hours"] == "09:00-12:00" and texts["tags"] == "substantive"
    assert changed_values(event, texts) == {}
    same = {**texts, "tags": " substantive ,", "start": "2022-02-28 "}
    assert changed_values(event, same) == {}
    assert changed_values(event, {**texts, "url": "", "tags": "a"}) == {"url": None, "tags": ("a",)}


def test_every_field_that_does_not_read_is_named(bundled_loaded) -> None:
    event = bundled_loaded.schedule.events[0]
    with pytest.raises(FormErrors) as raised:
        changed_values(event, {"start": "x", "end": "y", "hours": "z", "title": "ok"})
    assert set(raised.value.errors) == {"start", "end", "hours"}


BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@given(
    st.text(
        st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\\"), max_size=30
    )
    | st.lists(st.sampled_from([*BIDI, "a", " ", "é", "[b]"])).map("".join)
)
def test_revealed_gives_back_the_bidi_controls_the_screen_shows(text) -> None:
    # Text without a backslash of its own: every `\u202e` on screen stands for a control.
    assert revealed(visible(text)) == text
