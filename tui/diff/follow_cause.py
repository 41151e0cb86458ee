"""Why a date that follows another moved: "moved 1 week later because Sixth session moved".

A dependant whose own definition is the same on both sides moved only because what it
follows did; the cause named is the first event down its chain whose date is its own, or
whose definition changed (its own offset did, so it is the one that moved). A dependant
whose own offset changed moved on its own account: no cause is given. Nor is one when the
event at the root did not move (a working-day offset across holidays that changed).
"""

from __future__ import annotations

import dataclasses

from tui.core.model import Schedule
from tui.core.origins import origin, part_value
from tui.diff.changes import EventChange, Moved, Resized


def explain_timing(
    old: Schedule, new: Schedule, changes: tuple[EventChange, ...]
) -> tuple[EventChange, ...]:
    """The changes, with a move or resize of a following event given its cause."""
    return tuple(
        _with_cause(old, new, change) if isinstance(change, (Moved, Resized)) else change
        for change in changes
    )


def _with_cause(old: Schedule, new: Schedule, change: Moved | Resized) -> Moved | Resized:
    title = cause(old, new, change.new.id)
    return dataclasses.replace(change, because=title) if title is not None else change


def cause(old: Schedule, new: Schedule, event_id: str) -> str | None:
    """The title of the event whose move `event_id`'s dates follow, or None (see module)."""
    before, after = old.event(event_id), new.event(event_id)
    if before is None or after is None:
        return None
    links_old = old.follows.get(event_id, {})
    links_new = new.follows.get(event_id, {})
    changed = [
        name
        for name, (a, b) in (
            ("start", (before.start, after.start)),
            ("end", (before.end, after.end)),
        )
        if a != b
    ]
    if not changed or any(
        name not in links_new or links_old.get(name) != links_new[name] for name in changed
    ):
        return None
    steps = origin(new, event_id, changed[0])
    root = None
    for index, step in enumerate(steps):
        root = step
        if index + 1 < len(steps):
            below = steps[index + 1]
            if old.follows.get(below.event.id, {}).get(below.name) != below.link:
                break  # its own definition changed: it is the one that moved
    if root is None or root.anchor is None:
        return None
    anchor_old = old.event(root.anchor.id)
    if anchor_old is not None and part_value(anchor_old, root.link.part) == part_value(
        root.anchor, root.link.part
    ):
        return None
    return root.anchor.title
