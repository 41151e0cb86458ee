"""`docket countdown`: every deadline and milestone with what is left before it.

The table puts the headline deadline first (marked `*`), then the others by due date; `--json`
prints the spec's objects (keys: id, title, due, days, working_days, sessions_left,
meeting_days_left, phrase) for scripts. The arithmetic is `tui.core.countdown`'s.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import click

from tui.cli.common import as_of_option, load_or_exit, resolve_as_of, say, schedule_argument
from tui.core.countdown import Countdown, countdowns
from tui.core.model import Schedule
from tui.core.sanitize import visible
from tui.core.text import truncate
from tui.core.words import moment_with_weekday

#: Titles longer than this are shortened with an ellipsis in the table (never in JSON).
TITLE_WIDTH = 64

#: (two header lines, alignment) of each column after the marker.
_COLUMNS = (
    (("", "event"), "<"),
    (("", "due"), "<"),
    (("", "days"), ">"),
    (("working", "days"), ">"),
    (("sessions", "left"), ">"),
    (("meeting", "days left"), ">"),
    (("", "when"), "<"),
)


@click.command("countdown")
@schedule_argument()
@as_of_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of a table.")
def countdown_command(schedule: Path | None, as_of: str | None, as_json: bool) -> None:
    """Print every deadline and milestone of SCHEDULE with what is left before it.

    For each: days and working days until it is due, and the sessions and meeting days
    left before it; the headline deadline comes first. Without SCHEDULE, the bundled
    2022-2024 schedule. Validation warnings are left to `docket check`.
    """
    loaded = load_or_exit(schedule, show_warnings=False)
    moment = resolve_as_of(as_of, loaded.schedule)
    items = countdowns(loaded.schedule, moment)
    if as_json:
        say(_json([c.as_json() for c in items]), data=True)
        return
    say(render_table(loaded.schedule, items, moment))


def render_table(schedule: Schedule, items: list[Countdown], as_of: datetime) -> str:
    """The human table: a heading, the as-of moment, one aligned row per countdown."""
    local = as_of.astimezone(schedule.zone)
    lines = [
        schedule.title,
        f"as of {moment_with_weekday(local)} ({schedule.timezone})",
        "",
    ]
    if not items:
        lines.append("No deadlines or milestones in this schedule.")
        return "\n".join(lines)

    headline = schedule.headline_deadline
    rows = [
        (
            "*" if c.event is headline else "",
            truncate(visible(c.event.title), TITLE_WIDTH),
            _due(c),
            str(c.days),
            str(c.working_days),
            str(c.sessions_left),
            str(c.meeting_days_left),
            c.phrase,
        )
        for c in items
    ]
    headers = [("", ""), *(names for names, _ in _COLUMNS)]
    aligns = ["<", *(align for _, align in _COLUMNS)]
    widths = [
        max(len(headers[i][0]), len(headers[i][1]), *(len(row[i]) for row in rows))
        for i in range(len(headers))
    ]

    def line(cells: tuple[str, ...] | list[str]) -> str:
        return "  ".join(
            f"{cell:{align}{width}}"
            for cell, align, width in zip(cells, aligns, widths, strict=True)
        ).rstrip()

    lines.append(line([top for top, _ in headers]))
    lines.append(line([bottom for _, bottom in headers]))
    lines.extend(line(row) for row in rows)
    if headline is not None:
        lines += ["", "* headline deadline"]
    return "\n".join(lines)


def _json(value: object) -> str:
    """JSON as scripts expect it; C1 controls escaped too (json leaves them raw)."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return _C1.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


_C1 = re.compile("[\x7f-\x9f]")


def _due(countdown: Countdown) -> str:
    """A date-only deadline by its date; a timed one by its time in its own zone."""
    start = countdown.event.start
    if isinstance(start, datetime):
        local = start.astimezone(countdown.event.zone)
        return f"{local:%Y-%m-%d %H:%M} {local.tzname()}"
    return start.isoformat()
