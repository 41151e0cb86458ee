"""A canonical dump of a schedule, one fact a line, for `git diff`'s textconv.

    git config diff.docket.textconv "docket diff --textconv"
    echo '*.toml diff=docket' >> .gitattributes

git then diffs these lines instead of the TOML, so reordering events, reformatting, or
moving a comment shows nothing, and a moved session shows as its `start` and `end` lines.
Each line is `schedule FIELD VALUE`, `venue ID FIELD VALUE` or `event ID FIELD VALUE`: the
schedule first, then venues and events sorted by id (so an entity's lines stay together
and in place wherever it sits in the file), fields in a fixed order, absent optional
fields left out, every holiday and tag on a line of its own (adding one is a one-line
diff). Values are one line: newlines and other controls are shown by the sanitiser
(`tui.core.sanitize.visible`), never sent to the terminal git writes to.
"""

from __future__ import annotations

from collections.abc import Iterable

from tui.core.model import Event, Schedule, Venue
from tui.core.sanitize import visible


def _line(*parts: str) -> str:
    return " ".join(visible(part) for part in parts)


def _schedule_lines(schedule: Schedule) -> Iterable[str]:
    yield _line("schedule", "id", schedule.id)
    yield _line("schedule", "title", schedule.title)
    yield _line("schedule", "timezone", schedule.timezone)
    if schedule.deadline is not None:
        yield _line("schedule", "deadline", schedule.deadline)
    for day in sorted(schedule.holidays):
        yield _line("schedule", "holiday", day.isoformat())
    if schedule.url is not None:
        yield _line("schedule", "url", schedule.url)
    if schedule.description is not None:
        yield _line("schedule", "description", schedule.description)


def _venue_lines(venue: Venue) -> Iterable[str]:
    head = ("venue", venue.id)
    yield _line(*head, "name", venue.name)
    for name in ("city", "country", "address"):
        value = getattr(venue, name)
        if value is not None:
            yield _line(*head, name, value)
    yield _line(*head, "timezone", venue.timezone)
    for day in sorted(venue.holidays):
        yield _line(*head, "holiday", day.isoformat())


def _event_lines(event: Event) -> Iterable[str]:
    head = ("event", event.id)
    yield _line(*head, "kind", event.kind)
    yield _line(*head, "title", event.title)
    yield _line(*head, "start", event.start.isoformat())
    if event.end is not None:
        yield _line(*head, "end", event.end.isoformat())
    if event.venue is not None:
        yield _line(*head, "venue", event.venue.id)
    if event.hours:
        yield _line(*head, "hours", " ".join(str(block) for block in event.hours))
    yield _line(*head, "status", event.status)
    for tag in sorted(event.tags):
        yield _line(*head, "tag", tag)
    if event.url is not None:
        yield _line(*head, "url", event.url)
    if event.notes is not None:
        yield _line(*head, "notes", event.notes)


def dump(schedule: Schedule) -> str:
    """The canonical text: the same schedule, however written, gives the same bytes."""
    lines = list(_schedule_lines(schedule))
    for venue_id in sorted(schedule.venues):
        lines.extend(_venue_lines(schedule.venues[venue_id]))
    for event in sorted(schedule.events, key=lambda e: e.id):
        lines.extend(_event_lines(event))
    return "\n".join(lines) + "\n"
