"""Which row the timeline's keys select, and where its window goes when they do.

Textual-free, like the rest of this package: the widget keeps the state (its window, its
zoom, the cursor) and asks these functions for the next row or window, so "keep the
selected event on screen" is tested without a terminal. Imported for the first frame, so
it needs nothing of the model at run time (`Row` is only an annotation here).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.app.timeline.scale import Window, window_for

if TYPE_CHECKING:
    from tui.app.timeline.rows import Row


# --- searches over the visible rows (all O(log n) or one pass) --------------------------------


def index_of(rows: Sequence[Row], event_id: str | None) -> int | None:
    if event_id is None:
        return None
    for index, row in enumerate(rows):
        if row.event.id == event_id:
            return index
    return None


def nearest(rows: Sequence[Row], t: float) -> int | None:
    """The row whose span is closest to the moment t (one in progress at t wins)."""
    if not rows:
        return None
    at = bisect_left(rows, t, key=lambda r: r.t0)
    candidates = range(max(0, at - 8), min(len(rows), at + 2))

    def distance(i: int) -> float:
        row = rows[i]
        if row.t0 <= t <= max(row.t1, row.t0):
            return 0.0
        return min(abs(row.t0 - t), abs(row.t1 - t))

    return min(candidates, key=lambda i: (distance(i), i))


def first_from(rows: Sequence[Row], t: float) -> int | None:
    """The first row not over by the moment t (in progress or upcoming), else the last row
    (the last that is not a baseline's removed event, when there is one)."""
    if not rows:
        return None
    for index, row in enumerate(rows):
        if max(row.t1, row.t0) > t and not row.removed:
            return index
    for index in range(len(rows) - 1, -1, -1):
        if not rows[index].removed:
            return index
    return len(rows) - 1


def next_of_kind(rows: Sequence[Row], start: int, step: int, kinds: frozenset[str]) -> int | None:
    """The next row after `start` (step +1) or before it (step -1) whose kind is in `kinds`
    (a baseline's removed events are passed over, here and by the other searches)."""
    index = start + step
    while 0 <= index < len(rows):
        if rows[index].event.kind in kinds and not rows[index].removed:
            return index
        index += step
    return None


# --- the window ---------------------------------------------------------------------------------


def zoom_focus(window: Window, row: Row | None) -> float:
    """The moment a zoom keeps still: the selected event if it is on screen, else the centre.

    Of a bar that starts before the window, the part on screen is kept, not its hidden start.
    """
    if row is None or not window.overlaps(row.t0, row.t1):
        return window.centre
    return row.t0 if row.point else min(max(row.t0, window.start), row.t1)


def zoomed(
    window: Window, zoom: str, width: int, focus: float, first: float, last: float
) -> Window:
    """The window at `zoom` with `focus` where it was on screen in `window`, when it can be.

    The focus is kept off the edges (10% in at least), so that zooming in on an event at an
    edge still shows what is around it. "all" fits the whole schedule, `first` to `last`.
    """
    new = window_for(zoom, width, focus, first, last)
    if zoom == "all":
        return new
    ratio = (focus - window.start) / window.span if window.span else 0.5
    ratio = min(0.9, max(0.1, ratio))
    return new.moved_to(focus - new.span * ratio)


def following(window: Window, row: Row) -> Window | None:
    """The window moved to show `row` a quarter in from the left, or None if it shows it."""
    if window.overlaps(row.t0, row.t1 if not row.point else row.t0 + 1e-9):
        return None
    return window.moved_to(row.t0 - window.span / 4)


def session_from(rows: Sequence[Row], t: float) -> int | None:
    """The session in progress at the moment t, else the next one (those that still meet:
    postponed and cancelled ones are passed over); None if no session is left."""
    for index, row in enumerate(rows):
        event = row.event
        if event.kind == "session" and not event.is_off and row.t1 > t and not row.removed:
            return index
    return None
