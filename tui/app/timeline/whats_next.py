"""The header's third line: the session in progress or next, in words. Textual-free.

"█ Now: Third session · New York · day 6 of 9", or "█ Next: Fourth session · Vienna ·
in 125 days"; empty once no session is left. The words depend only on the schedule and
the as-of day, so the screen computes them once a day, not at every tick.
"""

from __future__ import annotations

from datetime import datetime

from tui.app.shown import shown
from tui.core.countdown import current_or_next_session, phase
from tui.core.model import Schedule
from tui.core.words import plural


def session_line(schedule: Schedule, now: datetime) -> str:
    """What the header says about the current or next session at the moment `now`."""
    event = current_or_next_session(schedule, now)
    if event is None:
        return ""
    venue = event.venue
    where = f" · {shown(venue.city or venue.name)}" if venue is not None else ""
    state = phase(event, now)
    if state.state == "in progress":
        return f"█ Now: {shown(event.title)}{where} · {state.label}"
    days = (event.first_day - now.astimezone(schedule.zone).date()).days
    when = "tomorrow" if days == 1 else "today" if days <= 0 else f"in {plural(days, 'day')}"
    return f"█ Next: {shown(event.title)}{where} · {when}"
