"""`docket explain`: where each date that follows another comes from.

For one event (or, without one, every event with a following date): each such date, what
it follows and by how much, and the chain down to the fixed date it rests on, with the
line of each definition so an editor can jump there.
"""

from __future__ import annotations

from pathlib import Path

import click

from tui.cli.common import EXIT_USAGE, fail, load_or_exit, say
from tui.core.origins import origin
from tui.core.sanitize import visible
from tui.core.text import clip, suggest
from tui.core.words import date_value_text, plural
from tui.schedule.loader import Loaded


@click.command("explain")
@click.argument("event", required=False)
@click.option(
    "--schedule",
    "schedule",
    type=click.Path(dir_okay=True, path_type=Path),
    help="The schedule (./schedule.toml, else the bundled one).",
)
def explain_command(event: str | None, schedule: Path | None) -> None:
    """Say where EVENT's dates come from (every following date, without EVENT).

    A date written as `{ before = "session-6", weeks = 4 }` is shown with what it follows,
    the date that lands on, and the chain down to a fixed date.
    """
    loaded = load_or_exit(schedule, show_warnings=False)
    follows = loaded.schedule.follows
    if event is not None:
        if loaded.schedule.event(event) is None:
            ids = [e.id for e in loaded.schedule.events]
            fail(f"no event {clip(event)!r} in the schedule{suggest(event, ids)}", EXIT_USAGE)
        ids = [event]
    else:
        ids = [e.id for e in loaded.schedule.events if e.id in follows]
        if not ids:
            say("No dates in this schedule follow another event's.")
            return
    say("\n\n".join(explain_event(loaded, event_id) for event_id in ids))


def explain_event(loaded: Loaded, event_id: str) -> str:
    """The lines for one event: each of its dates, fixed or following, with its origin."""
    schedule = loaded.schedule
    event = schedule.event(event_id)
    assert event is not None
    line = loaded.event_line(event_id)
    where = f" (line {line})" if line is not None else ""
    lines = [visible(f"{event.id}: {event.title}{where}")]
    names = ("start",) if event.end is None else ("start", "end")
    for name in names:
        value = event.start if name == "start" else event.end
        assert value is not None
        steps = origin(schedule, event_id, name)
        if not steps:
            lines.append(f"  {name}: {date_value_text(value)}, a date of its own")
            continue
        lines.append(visible(f"  {name}: {date_value_text(value)}, {steps[0].text}"))
        for step in steps[1:]:
            lines.append(visible(f"    which is {step.name} of {step.event.id}: {step.text}"))
        if len(steps) > 1:
            lines.append(f"    ({plural(len(steps), 'link')} down to a date of its own)")
    return "\n".join(lines)
