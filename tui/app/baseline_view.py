"""The baseline view: the plan as approved, drawn against the plan as it is. Textual-free.

`docket --baseline REV|FILE` (or `b` in the app) names the version to compare with, as
`docket diff` reads its sides: an existing file, `REV:PATH` from git, or a bare revision
(`HEAD~1`, a tag such as `rev1`) of the schedule the app is open on. It is read and
validated once (`tui.diff.baseline_source.read_baseline`, before Textual loads); every load of
the schedule is then compared with it (`baseline_view`, in the load worker: 33 ms at
10,000 events), so a live edit shows what moved as soon as it is saved.

The view gives each changed event a `RowMark` (its sign, its ghost bar, the change in
words), rows for the events only the baseline has, and the header's line: what changed
and how the headline numbers moved ("◆ meeting days 80 → 78").
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from tui.app.timeline.marks import ADDED, OTHER, REMOVED, TIMING, RowMark
from tui.app.timeline.rows import RemovedRow, Row, matching, row_for
from tui.core.words import plural
from tui.diff.baseline_source import Baseline
from tui.diff.changes import COUNT_WORDS

if TYPE_CHECKING:
    from tui.app.filtering import EventFilter
    from tui.app.timeline.rows import TimelineRows
    from tui.core.countdown import Countdown
    from tui.core.model import Schedule
    from tui.diff.compare import ScheduleDiff


@dataclass
class BaselineView:
    """One load of the schedule against a baseline."""

    baseline: Baseline
    diff: ScheduleDiff
    #: Every changed event's mark, by id (removed events' too).
    marks: dict[str, RowMark]
    #: Rows of the events only the baseline has, in date order.
    removed: list[Row]
    #: Day numbers the whole-schedule zoom must fit besides the rows: ghosts and removals.
    first: float
    last: float
    _haystacks: list[str] | None = field(default=None, repr=False)

    @property
    def label(self) -> str:
        return self.baseline.label

    def merged(self, rows: Sequence[Row], event_filter: EventFilter | None) -> list[Row]:
        """The schedule's (filtered) rows with the removed events the filter matches, in
        date order."""
        removed = self.removed
        if event_filter is not None and event_filter.active and removed:
            if event_filter.words and self._haystacks is None:
                from tui.app.filtering import event_haystack

                self._haystacks = [event_haystack(r.event) for r in removed]
            removed = matching(removed, event_filter, self._haystacks)
        if not removed:
            return list(rows)
        return list(heapq.merge(rows, removed, key=_timeline_order))

    def counts_text(self) -> str:
        """`1 moved · 1 status changed`, or `no changes`; schedule-level changes
        (holidays, zones, the deadline) are counted after the events."""
        counts: dict[str, int] = {}
        for _item, change in self.diff.event_changes():
            counts[change.kind] = counts.get(change.kind, 0) + 1
        parts = [f"{counts[kind]} {word}" for kind, word in COUNT_WORDS.items() if kind in counts]
        others = len(self.diff.schedule_changes)
        if others:
            parts.append(plural(others, "schedule change"))
        return " · ".join(parts) if parts else "no changes"


def _timeline_order(row: Row) -> tuple[datetime, datetime]:
    """The order of `TimelineRows.all` (`Schedule.in_date_order`): by instants, not by `t0`,
    which counts an all-day event from midnight in its own zone and a timed one in the
    schedule's, so the two orders differ for an all-day event abroad."""
    return (row.event.start_instant, row.event.end_instant)


def baseline_view(baseline: Baseline, rows: TimelineRows, as_of: datetime) -> BaselineView:
    """Compare the schedule of `rows` with `baseline`; what the timeline, the agenda, the
    details and the header show of it."""
    from tui.diff.compare import compare

    schedule = rows.schedule
    diff = compare(baseline.schedule, schedule, as_of)
    marks: dict[str, RowMark] = {}
    removed: list[Row] = []
    spans: list[float] = []
    holiday_days: dict[int, frozenset[int]] = {}
    for item in diff.events.values():
        kinds = {change.kind for change in item.changes}
        phrase = item.phrase()
        if item.new is None:
            assert item.old is not None
            # On the schedule's own day numbers (its zone), so it lines up with every row.
            row = row_for(item.old, schedule, holiday_days, RemovedRow)
            removed.append(row)
            marks[item.id] = RowMark(REMOVED, phrase, (row.t0, row.t1), row.point)
            spans += (row.t0, row.t1)
        elif "added" in kinds:
            marks[item.id] = RowMark(ADDED, phrase)
        elif kinds & {"moved", "resized"} and item.old is not None:
            old = row_for(item.old, schedule, holiday_days)
            marks[item.id] = RowMark(TIMING, phrase, (old.t0, old.t1), old.point)
            spans += (old.t0, old.t1)
        else:
            marks[item.id] = RowMark(OTHER, phrase)
    removed.sort(key=_timeline_order)
    first = min(spans, default=rows.first)
    last = max(spans, default=rows.last)
    return BaselineView(baseline, diff, marks, removed, first, last)


def headline_text(
    view: BaselineView, now: datetime, *, short: bool = False, words: str | None = None
) -> str:
    """The header's baseline line: what changed, then the headline numbers old → new as of
    `now` (`◆ meeting days 80 → 78 · sessions left 4 → 3`), or that they are the same.
    `short` (a narrow terminal) leaves out what changed: the numbers matter more, and the
    rows' signs show the changes. `words` replaces what changed (pending edits say
    `unsaved: 1 moved`, at any width: that they are unsaved matters most)."""
    before = _countdown(view.baseline.schedule, now)
    after = _countdown(view.diff.new, now)
    if words is None:
        words = f"vs {view.label}" if short else f"vs {view.label}: {view.counts_text()}"
    numbers = _numbers(before, after)
    return f"{words} │ ◆ {numbers}" if numbers else words


def _countdown(schedule: Schedule, now: datetime) -> Countdown | None:
    from tui.core.countdown import countdown_for

    headline = schedule.headline_deadline
    return countdown_for(schedule, headline, now) if headline is not None else None


def _numbers(before: Countdown | None, after: Countdown | None) -> str:
    if before is None and after is None:
        return ""
    if before is None or after is None:
        return "headline deadline added" if before is None else "headline deadline removed"
    parts = []
    shift = (after.due.date() - before.due.date()).days
    if before.event.id != after.event.id:
        parts.append(f"deadline now {after.event.title}")
    elif shift:
        later = "later" if shift > 0 else "earlier"
        parts.append(f"due {plural(abs(shift), 'day')} {later}")
    changes = [
        ("meeting days", before.meeting_days_left, after.meeting_days_left),
        ("sessions left", before.sessions_left, after.sessions_left),
    ]
    if not parts:
        changes.insert(0, ("days", before.days, after.days))
    parts += [f"{label} {a} → {b}" for label, a, b in changes if a != b]
    return " · ".join(parts) if parts else "headline numbers unchanged"
