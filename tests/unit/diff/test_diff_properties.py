"""`tui.diff`: properties of `compare` over generated edits, and its words, dump and sources.

For generated edits (shift an event by k days, change its end, flip its status, change its
venue) `compare` must report exactly those changes, with days and working days counted
here by walking the calendar day by day; comparing a schedule with itself finds nothing;
comparing backwards swaps added and removed.
"""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.diff.diff_helpers import (
    AS_OF,
    BUNDLED_TEXT,
    MINIMAL,
    drop_event,
    load,
    sentences,
    set_key,
)
from tui.core.words import days_text, length_text, shift_text
from tui.diff.changes import Moved, Resized
from tui.diff.compare import ScheduleDiff, compare
from tui.diff.sources import DiffSourceError, read_side
from tui.diff.textconv import dump

# -- words ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last", "text"),
    [
        (date(2023, 1, 9), date(2023, 1, 20), "9–20 Jan 2023"),
        (date(2022, 8, 29), date(2022, 9, 9), "29 Aug – 9 Sep 2022"),
        (date(2024, 9, 10), date(2024, 9, 10), "10 Sep 2024"),
        (date(2022, 12, 19), date(2023, 1, 6), "19 Dec 2022 – 6 Jan 2023"),
    ],
)
def test_days_text(first, last, text):
    assert days_text(first, last) == text


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(days=14), "2 weeks later"),
        (timedelta(days=-3), "3 days earlier"),
        (timedelta(days=9), "1 week 2 days later"),
        (timedelta(days=1), "1 day later"),
        (timedelta(hours=-1, minutes=-30), "1 hour 30 minutes earlier"),
        (timedelta(seconds=20), "under a minute later"),
    ],
)
def test_shift_text(delta, text):
    assert shift_text(delta) == text


def test_length_text_has_no_direction():
    assert length_text(timedelta(days=-8, hours=-2)) == "1 week 1 day 2 hours"


# -- textconv ---------------------------------------------------------------------------------


def test_textconv_dump_is_one_fact_a_line_and_canonical():
    text = dump(load(BUNDLED_TEXT))
    lines = text.splitlines()
    assert "event session-4 start 2023-01-09" in lines
    assert "event session-4 venue vienna" in lines
    assert "schedule deadline ga78-close" in lines
    assert "venue new-york holiday 2022-09-05" in lines
    assert "event session-5 hours 10:00-13:00 15:00-18:00" in lines
    assert all("\n" not in line for line in lines) and text.endswith("\n")
    # Notes keep their lines as visible ␊; every line names its entity.
    assert all(line.startswith(("schedule ", "venue ", "event ")) for line in lines)
    ids = [line.split()[1] for line in lines if line.startswith("event ")]
    assert ids == sorted(ids)
    # Events in another order, comments gone, keys reordered: the same dump.
    blocks = re.split(r"(?m)^\[\[events\]\]$", BUNDLED_TEXT)
    reordered = blocks[0] + "".join("[[events]]" + b for b in reversed(blocks[1:]))
    reordered = re.sub(r"(?m)^#.*\n", "", reordered)
    assert reordered != BUNDLED_TEXT
    assert dump(load(reordered)) == text


def test_textconv_keeps_each_fact_on_one_line():
    new = set_key(MINIMAL, "s1", "notes", '"one\\ntwo\\tthree"')
    assert "event s1 notes one␊two three" in dump(load(new)).splitlines()


# -- sources ----------------------------------------------------------------------------------


def test_read_side_files_and_stdin(tmp_path):
    path = tmp_path / "plan.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    side = read_side(str(path))
    assert (side.data, side.name, side.path) == (MINIMAL.encode(), str(path), path)
    stdin = read_side("-", io.BytesIO(b"abc"))
    assert (stdin.data, stdin.name, stdin.path) == (b"abc", "<stdin>", None)
    with pytest.raises(DiffSourceError, match="no such file"):
        read_side(str(tmp_path / "missing.toml"))
    with pytest.raises(DiffSourceError, match="is a directory"):
        read_side(str(tmp_path))
    with pytest.raises(DiffSourceError, match="standard input is closed"):
        read_side("-", None)


# -- properties -------------------------------------------------------------------------------

#: minimal.toml with holidays (schedule and venue) and a second venue, so that shifts cross
#: holidays and venues can change. s1 is Mon 9 - Fri 20 Jan 2023 in Vienna.
BASE = (
    MINIMAL.replace(
        'timezone = "Europe/Vienna"\n\n[venues',
        'timezone = "Europe/Vienna"\nholidays = [2023-01-06, 2023-04-10, 2023-12-25]\n\n[venues',
        1,
    ).replace('city = "Vienna"\n', 'city = "Vienna"\nholidays = [2023-05-01, 2022-12-08]\n', 1)
    + '\n[venues.new-york]\nname = "UN Headquarters"\ncity = "New York"\n'
    'timezone = "America/New_York"\nholidays = [2023-07-04, 2022-11-24]\n'
)
BASE_SCHEDULE = load(BASE)
S1_FIRST, S1_LAST = date(2023, 1, 9), date(2023, 1, 20)
STATUSES = ("confirmed", "tentative", "postponed", "cancelled")


def walked_working_days(first: date, last: date, holidays: frozenset[date]) -> int:
    """Working days from first up to, not including, last (negative backwards), day by day."""
    lo, hi = min(first, last), max(first, last)
    count = 0
    day = lo
    while day < hi:
        count += day.weekday() < 5 and day not in holidays
        day += timedelta(days=1)
    return count if last >= first else -count


def test_base_is_valid_and_has_its_holidays():
    assert BASE_SCHEDULE.holidays == {date(2023, 1, 6), date(2023, 4, 10), date(2023, 12, 25)}
    assert set(BASE_SCHEDULE.venues) == {"vienna", "new-york"}


@settings(max_examples=60, deadline=None)
@given(
    shift=st.integers(-400, 400),
    stretch=st.integers(-11, 30),
    status=st.sampled_from(STATUSES),
    venue=st.sampled_from(("vienna", "new-york")),
)
def test_generated_edits_are_reported_exactly(shift, stretch, status, venue):
    first = S1_FIRST + timedelta(days=shift)
    last = S1_LAST + timedelta(days=shift + stretch)
    new_text = set_key(BASE, "s1", "start", first.isoformat())
    new_text = set_key(new_text, "s1", "end", last.isoformat())
    new_text = set_key(new_text, "s1", "status", f'"{status}"')
    new_text = set_key(new_text, "s1", "venue", f'"{venue}"')
    new = load(new_text)
    result = compare(BASE_SCHEDULE, new, AS_OF)

    expected = []
    if stretch:
        expected.append("resized")
    elif shift:
        expected.append("moved")
    if status != "confirmed":
        expected.append("status")
    if venue != "vienna":
        expected.append("venue")
    actual = [c.kind for c in result["s1"].changes] if "s1" in result else []
    assert actual == expected
    assert not result.schedule_changes and set(result.events) <= {"s1"}
    assert result.same == (not expected)

    event = new.event("s1")
    assert event is not None
    holidays = new.holidays | new.venues[venue].holidays
    change = result["s1"].changes[0] if expected else None
    if isinstance(change, Moved):
        assert change.days == shift
        assert change.shift == timedelta(days=shift)
        assert change.working_days == walked_working_days(S1_FIRST, first, holidays)
        assert change.meeting_days[1] == event.working_day_count
    if isinstance(change, Resized):
        assert change.start_shift == timedelta(days=shift)
        assert change.end_shift == timedelta(days=shift + stretch)
        walked = sum(
            1
            for i in range((last - first).days + 1)
            if (d := first + timedelta(days=i)).weekday() < 5 and d not in holidays
        )
        assert change.meeting_days == (10, walked)
    if status != "confirmed":
        sentence = [s for s in sentences(result) if "Session one (s1) " in s and status in s]
        assert sentence, sentences(result)


#: Bundled events that can go without making the schedule invalid (not the headline deadline).
#: Events the bundled [[rules]] do not name (a rule naming a missing event is an error).
_RULES_TEXT = BUNDLED_TEXT[BUNDLED_TEXT.index("[[rules]]") :]
DROPPABLE = [
    e.id
    for e in load(BUNDLED_TEXT).events
    if e.id != "ga78-close" and f'"{e.id}"' not in _RULES_TEXT
]


@settings(max_examples=25, deadline=None)
@given(
    gone_old=st.sets(st.sampled_from(DROPPABLE)),
    gone_new=st.sets(st.sampled_from(DROPPABLE)),
    shift=st.integers(-30, 30),
)
def test_comparing_backwards_swaps_added_and_removed(gone_old, gone_new, shift):
    a_text = BUNDLED_TEXT
    for event_id in gone_old:
        a_text = drop_event(a_text, event_id)
    b_text = BUNDLED_TEXT
    for event_id in gone_new:
        b_text = drop_event(b_text, event_id)
    b_text = set_key(
        b_text, "ga78-close", "start", (date(2024, 9, 10) + timedelta(shift)).isoformat()
    )
    a, b = load(a_text), load(b_text)
    forward, backward = compare(a, b, AS_OF), compare(b, a, AS_OF)

    def ids(result: ScheduleDiff, kind: str) -> set[str]:
        return {item.id for item, change in result.event_changes() if change.kind == kind}

    assert ids(forward, "added") == ids(backward, "removed") == gone_old - gone_new
    assert ids(forward, "removed") == ids(backward, "added") == gone_new - gone_old
    if shift:
        there, back = forward["ga78-close"].changes[0], backward["ga78-close"].changes[0]
        assert isinstance(there, Moved) and isinstance(back, Moved)
        assert (there.days, there.working_days) == (-back.days, -back.working_days)
        assert there.days == shift
    assert compare(a, a, AS_OF).same and compare(b, b, AS_OF).same
    # The countdown before of one direction is the countdown after of the other.
    assert forward.countdown_old == backward.countdown_new
