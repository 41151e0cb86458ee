"""SEQUENCE, LAST-MODIFIED and DTSTAMP for exports that remember what clients saw.

Kept apart from the ledger (tui.publish) so that export needs no state: the exporter hands
each VEVENT's fingerprint to a `Stamper` (the ledger, or anything else) and writes what it
answers. What a fingerprint covers decides what counts as a change a client must act on:
the `schedule` part (times, status, hours, venue, transparency) raises SEQUENCE; the
`text` part (title, notes, categories, url) only moves LAST-MODIFIED.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import NamedTuple

from icalendar import vDDDTypes, vText

from tui.ical.vevents import Prop, VEventSpec

#: Properties whose change means the event moved or changed how it takes place.
SCHEDULING = frozenset(
    {
        "DTSTART",
        "DTEND",
        "DURATION",
        "RRULE",
        "STATUS",
        "TRANSP",
        "LOCATION",
        "X-DOCKET-VENUE",
        "X-DOCKET-VENUE-ZONE",
        "X-DOCKET-SPAN",
        "X-DOCKET-STATUS",
        "X-DOCKET-HOURS",
    }
)
#: Never part of a fingerprint: they are what the stamper decides, or the identity itself.
_STAMPED = frozenset({"DTSTAMP", "SEQUENCE", "LAST-MODIFIED", "UID"})


class Fingerprints(NamedTuple):
    schedule: str
    text: str


class Stamps(NamedTuple):
    """The stamper's answer: DTSTAMP for every VEVENT (the last content change), and each
    UID's SEQUENCE and LAST-MODIFIED."""

    dtstamp: datetime
    per_uid: Mapping[str, tuple[int, datetime]]


Stamper = Callable[[Mapping[str, Fingerprints]], Stamps]


def fingerprints(specs: list[VEventSpec]) -> dict[str, Fingerprints]:
    """Each VEVENT's UID -> hashes of what a client shows, split by what it means."""
    result: dict[str, Fingerprints] = {}
    lines: dict[int, tuple[Prop, bytes]] = {}  # shared values are interned: format each once
    for spec in specs:
        uid = ""
        scheduling = hashlib.blake2b(digest_size=12)
        text = hashlib.blake2b(digest_size=12)
        for prop in sorted((*spec.shared, *spec.own), key=_name):
            name, value = prop
            if name == "UID":
                uid = str(value)
            if name in _STAMPED:
                continue
            hit = lines.get(id(prop))
            if hit is None:
                hit = lines[id(prop)] = (prop, name.encode() + b":" + value.to_ical() + b"\n")
            (scheduling if name in SCHEDULING else text).update(hit[1])
        result[uid] = Fingerprints(scheduling.hexdigest(), text.hexdigest())
    return result


def apply_stamps(specs: list[VEventSpec], stamps: Stamps) -> None:
    """Replace each spec's DTSTAMP and add its SEQUENCE and LAST-MODIFIED, in place."""
    dtstamp: Prop = ("DTSTAMP", vDDDTypes(stamps.dtstamp))
    cache: dict[tuple[int, datetime], list[Prop]] = {}
    for spec in specs:
        spec.shared = [dtstamp if name == "DTSTAMP" else (name, v) for name, v in spec.shared]
        uid = next(str(value) for name, value in spec.own if name == "UID")
        sequence, modified = stamps.per_uid[uid]
        props = cache.get((sequence, modified))
        if props is None:
            props = cache[(sequence, modified)] = [
                ("SEQUENCE", vText(str(sequence))),
                ("LAST-MODIFIED", vDDDTypes(modified)),
            ]
        spec.shared.extend(props)


def _name(prop: Prop) -> str:
    return prop[0]
