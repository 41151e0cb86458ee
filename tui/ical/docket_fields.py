"""What docket's own export writes into a calendar, read back as the untrusted text it is.

A UID of docket's form (``{event}+{YYYYMMDD}-{n}@{schedule}.docket``) and the X-DOCKET-*
properties restore a schedule on import, but any calendar can hold text of that form: a
day that does not exist (20240230), a block number thousands of digits long (Python's
`int` refuses past 4,300 digits, and the importer ended in a traceback), digits of other
scripts (``١٢``, which `\\d` and `int` accept), a span whose days are reversed. Each part
is matched in ASCII, bounded in length before it is converted, and checked against what
docket writes; a UID that fails is read as another calendar's UID, with a note naming the
event and the part, and an X- property that fails is ignored with a note.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING

from tui.core.model import STATUSES
from tui.ical.vevents import X_HOURS, X_SPAN, X_STATUS, X_VENUE, X_VENUE_ZONE, DocketUid

if TYPE_CHECKING:
    from tui.ical.values import PropertyReader, VEventValues

_ID = r"[A-Za-z0-9][A-Za-z0-9._-]*"
_UID = re.compile(
    rf"(?P<event>{_ID})(?:\+(?P<day>[0-9]+)-(?P<block>[0-9]+))?@(?P<schedule>{_ID})\.docket",
    re.ASCII,
)
_SLUG = re.compile(_ID, re.ASCII)
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
#: Blocks docket writes on one day: whole minutes that do not overlap, so fewer than this.
MAX_BLOCKS = 1_440
#: Digits a block number may have before it is converted: 1440 has four.
_BLOCK_DIGITS = 4


def uid_problem(uid: str) -> tuple[DocketUid | None, str | None]:
    """The ids in a UID of docket's form and None; or None and why a UID that claims
    docket's form (it ends in ``.docket``) is not one docket wrote; or None, None for
    another calendar's UID."""
    match = _UID.fullmatch(uid)
    if match is None:
        return None, ("is not of the form docket writes" if uid.endswith(".docket") else None)
    day, block = match["day"], match["block"]
    if day is None:
        return DocketUid(match["schedule"], match["event"], None, None), None
    when = _day(day)
    if when is None:
        return None, f"has the day {day[:12]!r}, which does not exist"
    if len(block) > _BLOCK_DIGITS or not 1 <= int(block) <= MAX_BLOCKS:
        return None, f"has the block number {block[:12]!r}, not 1 to {MAX_BLOCKS:,}"
    return DocketUid(match["schedule"], match["event"], when, int(block)), None


def _day(text: str) -> date | None:
    """The day of eight ASCII digits (YYYYMMDD) within the supported years, else None."""
    from tui.ical.values import problem_with

    if len(text) != 8 or not text.isascii() or not text.isdigit():
        return None
    try:
        day = date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None
    return day if problem_with(day) is None else None


def read_docket(reader: PropertyReader, values: VEventValues) -> None:
    """The UID's ids and docket's own X- properties, each checked against what a
    schedule accepts (`valid_hours` for meeting hours)."""
    from tui.ical.values import valid_hours

    values.docket_uid, problem = uid_problem(values.uid)
    if problem is not None:
        reader.bad("UID", values.uid, problem, "read as another calendar's UID")
    marks: dict[str, str] = {}
    venue = reader.text(X_VENUE).strip()
    if venue and not _SLUG.fullmatch(venue):
        reader.bad(X_VENUE, venue, "is not a venue id", "ignored")
    elif venue:
        marks["venue"] = venue
    zone = reader.text(X_VENUE_ZONE).strip()
    if zone:
        marks["zone"] = zone
    status = reader.text(X_STATUS).strip()
    if status in STATUSES:
        marks["status"] = status
    elif status:
        reader.bad(X_STATUS, status, "is not a status", "ignored")
    hours = reader.text(X_HOURS).replace(" ", "")
    blocks = hours.split(",")
    is_date = not isinstance(values.start.value, datetime)
    if hours and len(blocks) <= MAX_BLOCKS and valid_hours(blocks) and is_date:
        values.docket_hours = tuple(blocks)
    elif hours:
        reader.bad(X_HOURS, hours, "are not meeting hours of a date event", "ignored")
    if marks:
        values.docket = marks
    span = reader.text(X_SPAN).strip()
    if span:
        first, _, last = span.partition("/")
        days = [
            _day(part.replace("-", "")) if _DAY.fullmatch(part) else None for part in (first, last)
        ]
        if days[0] is None or days[1] is None or days[0] > days[1]:
            reader.bad(X_SPAN, span, "is not a span of days", "ignored")
        else:
            values.docket_span = (days[0], days[1])
