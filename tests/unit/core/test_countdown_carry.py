"""The session index carried across a one-event edit (`carry_index`, what the app's edit
keys use) counts exactly what an index built afresh counts: every countdown and the
current or next session, at moments all along the programme."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import bundled
from tui.core.countdown import carry_index, countdowns, current_or_next_session
from tui.core.model import Event, Schedule

SCHEDULE = bundled().schedule
MOMENTS = [datetime(2022, 1, 1, tzinfo=UTC) + timedelta(days=20 * n) for n in range(60)]


SESSIONS = [e for e in SCHEDULE.events if e.is_session]


def _edited(event: Event, how: str, days: int) -> Event:
    shift = timedelta(days=days)
    if how == "align":  # to start on another session's first day, a day or two longer or
        # shorter: the index orders such ties by their last day
        target = SESSIONS[days % len(SESSIONS)]
        if type(target.start) is not type(event.start) or target.end is None:
            return event
        longer = timedelta(days=(1 if days % 2 else -1) * (1 + days % 3))
        return replace(event, start=target.start, end=target.end + longer)
    if how == "move":
        end = event.end + shift if event.end is not None else None
        return replace(event, start=event.start + shift, end=end)
    if how == "resize" and event.end is not None and event.end + shift >= event.start:
        return replace(event, end=event.end + shift)
    if how == "status":
        return replace(event, status="cancelled" if days % 2 else "confirmed")
    return event


def _counted(schedule: Schedule) -> list[object]:
    said: list[object] = []
    for moment in MOMENTS:
        said.append(
            [
                (c.event.id, c.sessions_left, c.meeting_days_left)
                for c in countdowns(schedule, moment)
            ]
        )
        found = current_or_next_session(schedule, moment)
        said.append(found.id if found is not None else None)
    return said


@settings(max_examples=60, deadline=None)
@given(
    steps=st.lists(
        st.tuples(
            st.integers(0, len(SCHEDULE.events) - 1),
            st.sampled_from(["move", "resize", "status", "align"]),
            st.integers(-40, 40),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_a_carried_index_counts_what_a_fresh_one_counts(steps) -> None:
    schedule = SCHEDULE
    countdowns(schedule, MOMENTS[0])  # its index built, as the app's first frame does
    for number, how, days in steps:
        old = schedule.events[number]
        new = _edited(old, how, days)
        events = schedule.events
        after = replace(schedule, events=(*events[:number], new, *events[number + 1 :]))
        carry_index(schedule, after, old, new)
        fresh = replace(after)  # another object: its index is built from nothing
        assert _counted(after) == _counted(fresh)
        schedule = after
