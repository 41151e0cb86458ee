"""How rule messages say bounds, lists of titles and counts of events ("at least 11 weeks",
"First session, Second session and 4 more"). Dates, spans and lengths are said by
`tui.core.words`, as everywhere else."""

from __future__ import annotations

from collections.abc import Sequence

from tui.core.model import Event
from tui.core.words import count_text, plural


def bound(low: int | None, high: int | None, unit: str | None = None) -> str:
    """`at least 11 weeks`, `at most 12 days`, `between 8 and 10 meeting days`."""

    def said(value: int) -> str:
        return count_text(value, unit) if unit else str(value)

    if low is not None and high is not None:
        if low == high:
            return f"exactly {said(low)}"
        first = said(low) if unit == "weeks" else str(low)
        return f"between {first} and {said(high)}"
    if low is not None:
        return f"at least {said(low)}"
    assert high is not None
    return f"at most {said(high)}"


def titles(events: Sequence[Event], limit: int = 3) -> str:
    """`First session, Second session and 4 more`."""
    names = [event.title for event in events]
    if not names:
        return "none"
    if len(names) <= limit + 1:
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return ", ".join(names[:limit]) + f" and {len(names) - limit} more"


def noun(events: Sequence[Event], count: int) -> str:
    """`6 sessions` when every event is of one kind, else `6 events`."""
    kinds = {event.kind for event in events}
    word = next(iter(kinds)) if len(kinds) == 1 else "event"
    return plural(count, word)
