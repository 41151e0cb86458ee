"""One schedule's subscription feed: the export, stamped from the ledger, with its validators.

An unchanged schedule must give the same bytes on every poll (so the ETag holds and clients
get 304s): DTSTAMP is the ledger's last content change, not the time of the request, and
SEQUENCE and LAST-MODIFIED come from the ledger too.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Mapping
from datetime import datetime, timedelta
from pathlib import Path

from tui.core.errors import InputError
from tui.core.model import Schedule
from tui.ical.alarms import bounded_span
from tui.ical.export import export_bytes
from tui.ical.stamping import Fingerprints, Stamper, Stamps
from tui.publish.ledger import Fingerprint, Ledger, default_ledger_path, load_ledger
from tui.publish.server import Feed

DEFAULT_REFRESH = timedelta(hours=1)


def refresh_interval(text: str) -> timedelta:
    """`--refresh`: how often subscribed clients should poll, more than zero, at most a year.

    Its own words: the duration syntax and bounds are shared with `--alarm`, the messages
    are not.
    """
    return bounded_span(
        text,
        InputError,
        too_long="the refresh interval can be at most a year (365 days)",
        not_positive="the refresh interval must be longer than zero",
    )


def ledger_stamper(ledger: Ledger, now: datetime) -> Stamper:
    """The exporter's `stamper`: records the fingerprints in the ledger, answers its stamps."""

    def stamp(current: Mapping[str, Fingerprints]) -> Stamps:
        stamps = ledger.update({uid: Fingerprint(*fp) for uid, fp in current.items()}, now)
        assert ledger.changed is not None
        return Stamps(ledger.changed, dict(stamps))

    return stamp


def stamped_export(
    schedule: Schedule, ledger: Ledger, now: datetime, *, refresh: timedelta | None = None
) -> bytes:
    """The whole calendar with SEQUENCE, LAST-MODIFIED and DTSTAMP from `ledger`."""
    return export_bytes(schedule, stamper=ledger_stamper(ledger, now), refresh=refresh)


def build_feed(
    schedule: Schedule, ledger: Ledger, now: datetime, refresh: timedelta = DEFAULT_REFRESH
) -> Feed:
    body = stamped_export(schedule, ledger, now, refresh=refresh)
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    assert ledger.changed is not None
    return Feed(schedule.id, schedule.title, body, etag, ledger.changed)


def ledger_path(schedule_id: str, state: Path | None) -> Path:
    """Where a schedule's ledger lives, the one meaning of `--state PATH` for export, serve
    and publish: the file PATH, or `PATH/<schedule-id>.json` when PATH is a folder; without
    it, the user's state directory."""
    if state is None:
        return default_ledger_path(schedule_id)
    try:
        folder = stat.S_ISDIR(os.stat(state).st_mode)
    except (OSError, ValueError):  # none yet (a file to make), or a name the OS refuses
        folder = False
    return state / f"{schedule_id}.json" if folder else state


def ledger_for(schedule_id: str, state: Path | None) -> tuple[Ledger, Path]:
    """The ledger for a schedule and where it lives (`ledger_path`)."""
    path = ledger_path(schedule_id, state)
    return load_ledger(path, schedule_id), path
