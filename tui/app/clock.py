"""The app's as-of clock: the real time, or a chosen moment that runs on from where it was set.

With `--as-of` (or the `a` key) the app behaves as if it had been started at that moment: the
clock keeps running from there, so the header still ticks and a countdown under two days still
counts down its hours, minutes and seconds. Tests freeze it (`running=False`) so every frame
is reproducible. Textual-free: the app reads `now()` once a second.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from tui.core.asof import now_in
from tui.core.words import moment_with_weekday


class AsOfClock:
    """The moment every countdown and the timeline's "now" line are computed from."""

    def __init__(
        self,
        zone: ZoneInfo,
        as_of: datetime | None = None,
        *,
        running: bool = True,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.zone = zone
        self.running = running
        self._monotonic = monotonic
        self._base: datetime | None = None
        self._base_tick = 0.0
        self._frozen_now = now_in(zone) if not running else None
        self.set(as_of)

    @property
    def is_as_of(self) -> bool:
        """True when the clock shows a chosen moment rather than the real time."""
        return self._base is not None

    @property
    def chosen(self) -> datetime | None:
        """The moment chosen (`--as-of`, `a`) as it was set, not run on; None for the real
        time. What an export stamps (`tui.ical.export.stamp_for`), as `docket export
        --as-of` does, so the same choice gives the same calendar."""
        return self._base

    def set(self, as_of: datetime | None) -> None:
        """Show `as_of` from now on (running on from it), or the real time again with None."""
        self._base = as_of.astimezone(self.zone) if as_of is not None else None
        self._base_tick = self._monotonic()

    def set_zone(self, zone: ZoneInfo) -> None:
        """Follow a reloaded schedule's zone; a chosen moment stays the same instant."""
        self.zone = zone
        if self._base is not None:
            self._base = self._base.astimezone(zone)

    def now(self) -> datetime:
        """The current as-of moment, in the clock's zone."""
        if self._base is None:
            if self._frozen_now is not None:
                return self._frozen_now.astimezone(self.zone)
            return now_in(self.zone)
        if not self.running:
            return self._base
        elapsed = self._monotonic() - self._base_tick
        return self._base + timedelta(seconds=int(elapsed))


def clock_text(now: datetime, short: bool = False) -> str:
    """The header's clock: "Tue 6 Sep 2022 10:00:00 EDT" (short: "2022-09-06 10:00:00")."""
    if short:
        return f"{now:%Y-%m-%d %H:%M:%S}"
    return moment_with_weekday(now, seconds=True)
