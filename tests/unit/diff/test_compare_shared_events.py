"""`compare` finds the events an edit did not touch by identity, side by side when the
file order is the same: the result must be the one it gives for the same schedules with
no object shared, whatever was replaced, renamed, swapped, added or removed."""

from __future__ import annotations

import copy
import dataclasses
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.diff.diff_helpers import AS_OF, BUNDLED_TEXT, load
from tui.core.model import Event, Schedule
from tui.diff.compare import compare, event_changes

BASE = load(BUNDLED_TEXT)
COUNT = len(BASE.events)
index = st.integers(0, COUNT - 1)
steps = st.one_of(
    st.tuples(st.just("move"), index, st.integers(-30, 30)),
    st.tuples(st.just("rename"), index, st.integers(0, 3)),
    st.tuples(st.just("swap"), index, index),
    st.tuples(st.just("drop"), index, st.just(0)),
    st.tuples(st.just("copy"), index, st.integers(0, 3)),
)


def changed(schedule: Schedule, step: tuple[str, int, int]) -> Schedule:
    events: list[Event] = list(schedule.events)
    what, at, n = step
    at %= len(events)
    event = events[at]
    if what == "move":
        shift = timedelta(days=n)
        end = event.end + shift if event.end is not None else None
        events[at] = dataclasses.replace(event, start=event.start + shift, end=end)
    elif what == "rename":
        events[at] = dataclasses.replace(event, id=f"{event.id}-renamed-{n}")
    elif what == "swap":
        other = n % len(events)
        events[at], events[other] = events[other], events[at]
    elif what == "drop" and len(events) > 1:
        del events[at]
    elif what == "copy":
        events.append(dataclasses.replace(event, id=f"{event.id}-copy-{n}"))
    ids = [e.id for e in events]
    if len(set(ids)) != len(ids):
        return schedule  # ids stay unique, as the loader makes them
    return dataclasses.replace(schedule, events=tuple(events))


def by_id(old: Schedule, new: Schedule) -> dict[str, tuple[str, ...]]:
    """What changed, event by event, looked up by id alone (no identity, no order)."""
    before = {event.id: event for event in old.events}
    after = {event.id: event for event in new.events}
    kinds: dict[str, tuple[str, ...]] = {}
    for event_id, event in after.items():
        if event_id not in before:
            kinds[event_id] = ("added",)
        elif found := event_changes(before[event_id], event):
            kinds[event_id] = tuple(change.kind for change in found)
    for event_id in before.keys() - after.keys():
        kinds[event_id] = ("removed",)
    return kinds


@settings(max_examples=150, deadline=None)
@given(st.lists(steps, min_size=0, max_size=5))
def test_shared_events_give_the_changes_found_by_id(steps: list[tuple[str, int, int]]) -> None:
    new = BASE
    for step in steps:
        new = changed(new, step)
    found = compare(BASE, new, AS_OF)
    kinds = {item.id: tuple(c.kind for c in item.changes) for item in found.events.values()}
    assert kinds == by_id(BASE, new)
    apart = compare(BASE, copy.deepcopy(new), AS_OF)  # no object shared: every pair looked at
    assert [item.phrase() for item in found.events.values()] == [
        item.phrase() for item in apart.events.values()
    ]
