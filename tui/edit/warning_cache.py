"""The warnings of an edited text, worked out again only where one edit can change them.

Checking a 10,000-event schedule for warnings costs about 25 ms and locating each of them
in the text more (a schedule dense with warnings has thousands): too slow for an edit key
held down. An edit of one event (the fast path of `tui.edit.reload`) changes that event's
own warnings (a weekend or holiday at an end, a clock gap: `event_warnings`) and may change
any warning between events (overlaps, the deadline, consultations: `relation_warnings`,
about 5 ms, worked out again only when the event is a session, a consultation or the
headline deadline, before or after). Every other event's own warnings are kept, and
each warning's place is kept relative to the line its event's table starts on, so lines
added above an event only shift it.

What comes out is what the loader gives for the whole text: the property test of
tests/unit/edit/test_edit_session.py compares the two edit after edit, on a schedule dense
with warnings among others.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.errors import Diagnostic
from tui.core.model import Event, Schedule
from tui.core.sanitize import visible
from tui.edit.spans import EditError, EventChunks, locate_event
from tui.schedule.issues import Issue
from tui.schedule.warnings import event_warnings, key_paths, relation_warnings

#: (event index, key) -> (line of the key's value counted from its table's first line,
#: 1-based column).
_Places = dict[tuple[int, str], tuple[int, int]]


@dataclass(frozen=True, slots=True)
class WarningCache:
    """What one edited text's warnings were made of, for the next edit to reuse. One per
    text: undo goes back to the cache of the text it restores."""

    #: Each event's own warnings, by event index.
    own: tuple[tuple[Issue, ...], ...]
    #: The event ids by index, as the key paths number them.
    index_of: dict[str, int]
    #: The 0-based line each event's table starts on, by event index.
    lines: tuple[int, ...]
    #: Where each key a warning pointed at is written. Filled as warnings are located
    #: (a memo of this text's places: it never changes what a place is).
    places: _Places
    #: The warnings between events (None in the cache `of` makes: `edited` works them out
    #: for the schedule it is given, or keeps them when the edit could not change them).
    relations: tuple[Issue, ...] | None = None

    @classmethod
    def of(cls, schedule: Schedule, text: str, chunks: EventChunks) -> WarningCache:
        """The cache of a text the loader read whole (the first edit of a session)."""
        index_of = {event.id: number for number, event in enumerate(schedule.events)}
        at = key_paths(index_of)
        own = tuple(tuple(event_warnings(event, at)) for event in schedule.events)
        lines, line, previous = [], 0, 0
        for start in chunks.starts:
            line += text.count("\n", previous, start)
            lines.append(line)
            previous = start
        return cls(own, index_of, tuple(lines), {})

    def edited(
        self, after: Schedule, index: int, old: Event, event: Event, added_lines: int
    ) -> WarningCache | None:
        """The cache of `after`, where event `index` became `event` (was `old`) and its
        table grew by `added_lines` lines; None if the edit renamed it (ids number the key
        paths)."""
        if self.index_of.get(event.id) != index:
            return None
        # Only sessions, consultations and the headline deadline take part in warnings
        # between events; an edit of any other event keeps them.
        related = {"session", "consultation"}
        keeps = old.kind not in related and event.kind not in related
        relations = self.relations if keeps and event.id != after.deadline else None
        if relations is None:
            relations = tuple(relation_warnings(after, key_paths(self.index_of)))
        own = (
            *self.own[:index],
            tuple(event_warnings(event, key_paths(self.index_of))),
        )
        own += self.own[index + 1 :]
        lines = self.lines
        if added_lines:
            lines = lines[: index + 1] + tuple(line + added_lines for line in lines[index + 1 :])
        places = {place: where for place, where in self.places.items() if place[0] != index}
        return WarningCache(own, self.index_of, lines, places, relations)

    def warnings(
        self, schedule: Schedule, text: str, chunks: EventChunks, name: str
    ) -> list[Diagnostic] | None:
        """Every warning of `schedule` (written as `text`), located and in the loader's
        order; None where one cannot be placed so (the caller locates the loader's way)."""
        issues = [issue for own in self.own for issue in own]
        issues.extend(self.relations or ())  # set by `edited`, the only maker of a state used
        diagnostics = []
        for issue in issues:
            where = self._place(issue, schedule, text, chunks)
            if where is None:
                return None
            line, column = where
            message = visible(issue.message)  # what the file says: shown, never sent
            diagnostics.append(Diagnostic(name, line, column, issue.severity, message))
        diagnostics.sort(key=lambda d: (d.line, d.column, d.severity != "error"))
        return diagnostics

    def _place(
        self, issue: Issue, schedule: Schedule, text: str, chunks: EventChunks
    ) -> tuple[int, int] | None:
        """The 1-based (line, column) of a warning at an event's value, or None."""
        path = issue.path
        if issue.anchor != "value" or len(path) != 3 or path[0] != "events":
            return None
        number, key = path[1], path[2]
        if not isinstance(number, int) or not isinstance(key, str):
            return None
        where = self.places.get((number, key))
        if where is None:
            where = _found(text, chunks, schedule, number, key)
            if where is None:
                return None
            self.places[(number, key)] = where
        line, column = where
        return self.lines[number] + line + 1, column


def _found(
    text: str, chunks: EventChunks, schedule: Schedule, number: int, key: str
) -> tuple[int, int] | None:
    """Where event `number`'s `key` value is written, from that event's own table."""
    bounds = chunks.bounds(number)
    if bounds is None or number >= len(schedule.events):
        return None
    try:
        spans = locate_event(text, number, schedule.events[number].id, chunks)
    except EditError:
        return None
    span = spans.keys.get(key)
    if span is None:
        return None
    offset = span.value_start
    line = text.count("\n", bounds[0], offset)
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
