"""Where a schedule's following dates come from, for the explanations that say so.

The loader resolves every date that follows another and keeps the definitions on
`Schedule.follows`; this walks them back, from a date to the fixed date its chain rests
on, for `docket explain`, the details panel and `docket diff`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from tui.core.follows import Follows, Part
from tui.core.model import Event, Schedule
from tui.core.words import date_value_text, follows_text


@dataclass(frozen=True, slots=True)
class Step:
    """One link of a chain: `event`'s `name` date follows `link`, landing on `value`."""

    event: Event
    name: str
    link: Follows
    value: date | datetime
    anchor: Event | None

    @property
    def text(self) -> str:
        """`4 weeks before Sixth session opens (Mon 4 Mar 2024)`."""
        said = follows_text(self.link, self.anchor)
        if self.anchor is None:
            return said
        return f"{said} ({date_value_text(part_value(self.anchor, self.link.part))})"


def part_value(event: Event, part: Part | str) -> date | datetime:
    """An event's start, or its end (its start when it has none): what a link hangs on."""
    return event.end if part == "end" and event.end is not None else event.start


def origin(schedule: Schedule, event_id: str, name: str) -> list[Step]:
    """The links from one date down to the fixed date it rests on, nearest first (empty
    for a date of its own). A loaded schedule holds no cycle; a stop is kept regardless."""
    steps: list[Step] = []
    seen: set[tuple[str, str]] = set()
    while (event_id, name) not in seen:
        seen.add((event_id, name))
        link = schedule.follows.get(event_id, {}).get(name)
        event = schedule.event(event_id)
        if link is None or event is None:
            break
        anchor = schedule.event(link.anchor)
        steps.append(Step(event, name, link, part_value(event, name), anchor))
        if anchor is None:
            break
        event_id = link.anchor
        name = "end" if link.part == "end" and anchor.end is not None else "start"
    return steps
