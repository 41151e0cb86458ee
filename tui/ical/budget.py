"""What one import may spend expanding rules: occurrences, seconds and search steps.

Shared by the expansion of repeating events (`tui.ical.recurrence`) and of the calendar's
own time zones (`tui.ical.calendar_zones`), so that neither can take what the other was
bounded to. dateutil cannot be interrupted otherwise (a rule that never matches blocks
inside one `next()`), so `metered` counts its steps with a profile hook in this thread.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

from tui.core.words import plural

#: What one import may expand in all (see the README, "Import", for why these numbers).
TOTAL_OCCURRENCES = 10_000
EXPANSION_SECONDS = 3.0
#: Profile events one rule's search may take: about 40 times what 500 daily ones need.
RULE_STEPS = 250_000


@dataclass
class Budget:
    """What expansion may still spend in one import; it says what it cut.

    `series` is how many repeating events are still to be expanded: each may take an
    equal share of what is left (`share`). The seconds are counted only while expansion
    runs (`running`, or from `start` on), for a file's time zones and its repeating
    events together: reading the file does not count.
    """

    left: int = TOTAL_OCCURRENCES
    seconds: float = EXPANSION_SECONDS
    series: int = 1
    deadline: float = 0.0
    out_of_time: bool = False
    starved: int = 0  # repeating events that lost occurrences to the budget
    used: float = 0.0  # seconds spent before the clock last started
    since: float | None = None  # when it last started, while it runs

    def __post_init__(self) -> None:
        self.total = self.left  # what the notes name as the budget

    def start(self) -> None:
        """Start (or go on with) the clock: expansion begins, with what is left of it."""
        if self.since is None:
            self.since = time.monotonic()
            self.deadline = self.since + self.seconds - self.used

    def stop(self) -> None:
        if self.since is not None:
            self.used += time.monotonic() - self.since
            self.since = None

    @contextmanager
    def running(self) -> Iterator[None]:
        """The clock runs inside (if it did not already)."""
        if self.since is not None:
            yield
            return
        self.start()
        try:
            yield
        finally:
            self.stop()

    @property
    def spent(self) -> bool:
        now_used = self.used + (time.monotonic() - self.since if self.since is not None else 0)
        if not self.out_of_time and now_used > self.seconds:
            self.out_of_time = True
        return self.left <= 0 or self.out_of_time

    def note(self) -> str:
        """The note an import that reached the budget begins with."""
        spent = (
            f"{self.seconds:g} s of expansion"
            if self.out_of_time
            else f"{self.total:,} occurrences, shared by all repeating events"
        )
        return (
            f"repeating events: the import's budget ({spent}) was reached; "
            f"{plural(self.starved, 'repeating event')} cut to the occurrences that fit "
            "(their first at least; each says so below): export a shorter date range "
            "from the calendar for more"
        )

    def share(self) -> int:
        """Occurrences (beyond its first) the next repeating event may take."""
        return self.left // max(1, self.series)


class Stop(Exception):
    """Raised by the profile hook inside dateutil: the rule's steps or the time ran out."""


@contextmanager
def metered(budget: Budget) -> Iterator[None]:
    """Count dateutil's steps in this thread and stop it past `RULE_STEPS` or the deadline."""
    previous = sys.getprofile()
    steps = 0

    def hook(frame: FrameType, event: str, arg: object) -> None:
        nonlocal steps
        steps += 1
        if steps > RULE_STEPS:
            raise Stop
        if steps % 4096 == 0 and time.monotonic() > budget.deadline:
            budget.out_of_time = True
            raise Stop

    sys.setprofile(hook)
    try:
        yield
    finally:
        sys.setprofile(previous)
