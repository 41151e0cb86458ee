"""The change ledger: what subscribed clients were last shown, per calendar UID.

A calendar client notices that a subscribed event changed only when its SEQUENCE rises or
its LAST-MODIFIED moves, and an export is made afresh each time, so docket keeps a small
state file per schedule: for each UID a fingerprint of what a client shows, the SEQUENCE
and the moment of the last change. When an event's times, status, hours or venue change
(`schedule` fingerprint), SEQUENCE goes up by one and LAST-MODIFIED becomes that moment; a
change of text only (`text` fingerprint: title, notes, categories, url) moves
LAST-MODIFIED and keeps SEQUENCE, as RFC 5545 §3.8.7.4 asks.

A UID that leaves the schedule stays in the ledger, so an event that comes back continues
its SEQUENCE instead of restarting below what clients saw. The UIDs of the last export are
kept too (`exported`, a key older ledgers call `shown` and that is still read), so one
that leaves the calendar is a change clients are told of. SEQUENCE is an RFC 5545 INTEGER:
at `MAX_SEQUENCE` (2^31 - 1) it stops growing, and LAST-MODIFIED alone tells a client of
later changes, so docket never writes a ledger it would refuse. The file is JSON, read and
written as a state file (`tui.core.state_files`: a regular file only, bounded, atomic); a
damaged or foreign file is reported, set aside and rebuilt, never a traceback.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from tui.core.state_files import read_state, write_json

FORMAT = "docket-ledger"
VERSION = 1
#: The largest SEQUENCE: RFC 5545's INTEGER is a signed 32-bit number.
MAX_SEQUENCE = 2**31 - 1


class Fingerprint(NamedTuple):
    """Hashes of what a client shows: the part that schedules (times, status, hours, venue)
    and the part that only reads (title, notes, categories, url)."""

    schedule: str
    text: str


class Stamp(NamedTuple):
    """What an exported VEVENT carries from the ledger."""

    sequence: int
    modified: datetime


@dataclass
class Entry:
    fingerprint: Fingerprint
    sequence: int
    modified: datetime


@dataclass
class Ledger:
    """Per-UID state of one schedule's calendar, and the moment its content last changed."""

    schedule_id: str
    entries: dict[str, Entry] = field(default_factory=dict)
    #: The UIDs of the last export: one missing now has left the calendar (a change).
    #: Its JSON key is "exported"; a ledger written before the rename says "shown".
    exported: set[str] = field(default_factory=set)
    #: The last moment anything clients see changed (an event added, edited or removed).
    changed: datetime | None = None
    #: Why the file on disk was not used, when it was corrupt or foreign (to report).
    problem: str | None = None

    def update(self, current: Mapping[str, Fingerprint], now: datetime) -> dict[str, Stamp]:
        """Record what is exported now; return each current UID's SEQUENCE and LAST-MODIFIED.

        Returns whether anything changed through `changed`: it moves to `now` when a UID was
        added, edited or left the calendar, and never moves backwards.
        """
        now = now.astimezone(UTC).replace(microsecond=0)
        if self.changed is not None and now < self.changed:
            now = self.changed  # a clock set back must not make LAST-MODIFIED go backwards
        moved = False
        stamps: dict[str, Stamp] = {}
        for uid, fingerprint in current.items():
            entry = self.entries.get(uid)
            if entry is None:
                entry = self.entries[uid] = Entry(fingerprint, 0, now)
                moved = True
            elif entry.fingerprint != fingerprint:
                if entry.fingerprint.schedule != fingerprint.schedule:
                    entry.sequence = min(entry.sequence + 1, MAX_SEQUENCE)
                entry.fingerprint, entry.modified = fingerprint, now
                moved = True
            stamps[uid] = Stamp(entry.sequence, entry.modified)
        gone = self.exported - current.keys()
        if gone:
            moved = True
        self.exported = set(current)
        if moved or self.changed is None:
            self.changed = now
        return stamps

    # -- persistence --------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "schedule": self.schedule_id,
            "changed": _iso(self.changed),
            "exported": sorted(self.exported),
            "entries": {
                uid: {
                    "schedule": entry.fingerprint.schedule,
                    "text": entry.fingerprint.text,
                    "sequence": entry.sequence,
                    "modified": _iso(entry.modified),
                }
                for uid, entry in sorted(self.entries.items())
            },
        }

    def save(self, path: Path) -> None:
        """Write the ledger as a state file (its folder made 0700); WriteError if it cannot be."""
        write_json(path, self.to_json())


def load_ledger(path: Path, schedule_id: str) -> Ledger:
    """The ledger at `path`; a fresh one when there is none, or when it is unusable.

    An unusable file (not JSON, nested too deep, too large, another program's, another
    schedule's, a value of the wrong type or out of range) gives a fresh ledger whose
    `problem` says why, for the caller to report, and is renamed aside (`state_files`);
    what is no regular file (a pipe, a device, another user's link) is left alone and
    never opened, and the next save refuses to write there.
    """
    ledger, problem = read_state(path, lambda data: _parse(data, schedule_id), "docket ledger")
    return ledger if ledger is not None else Ledger(schedule_id, problem=problem)


def _parse(data: Any, schedule_id: str) -> Ledger:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("no docket-ledger format marker")
    if data.get("version") != VERSION:
        raise ValueError(f"version {data.get('version')!r}, expected {VERSION}")
    if data.get("schedule") != schedule_id:
        raise ValueError(f"it belongs to schedule {data.get('schedule')!r}")
    entries: dict[str, Entry] = {}
    if not isinstance(data["entries"], dict):
        raise TypeError("entries: expected an object")
    for uid, item in data["entries"].items():
        sequence = item["sequence"]
        if type(sequence) is not int:
            raise ValueError(f"entry {uid[:80]!r}: SEQUENCE is not an integer")
        if not 0 <= sequence <= MAX_SEQUENCE:
            raise ValueError(f"entry {uid[:80]!r}: SEQUENCE outside 0 to {MAX_SEQUENCE}")
        fingerprint = Fingerprint(_text(item["schedule"]), _text(item["text"]))
        entries[uid] = Entry(fingerprint, sequence, _moment(item["modified"]))
    exported = {_text(uid) for uid in _list(data.get("exported", data.get("shown", [])))}
    changed = _moment(data["changed"]) if data["changed"] else None
    return Ledger(schedule_id, entries, exported, changed)


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value


def _moment(value: Any) -> datetime:
    moment = datetime.fromisoformat(_text(value))
    if moment.tzinfo is None:
        raise ValueError("a moment without its offset")
    return moment.astimezone(UTC)


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment is not None else None


def default_ledger_path(schedule_id: str) -> Path:
    """`<user state dir>/docket/ledgers/<schedule-id>.json` ($XDG_STATE_HOME on Linux).

    Keyed by the schedule id, which is what calendar UIDs derive from: the same programme
    opened from another folder keeps its SEQUENCEs.
    """
    from platformdirs import user_state_path

    return user_state_path("docket", appauthor=False) / "ledgers" / f"{schedule_id}.json"
