"""The as-of moment: every countdown is a function of it, and its "now" is read here.

Elsewhere the clock is read only for stamps and logs (DTSTAMP, the ledger's and the
publish state's times, a damaged state file's name, the server's log lines) and for
placeholders (`docket new`'s example dates, the month grid's day before its first fill);
never for what is left before a deadline.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from tui.core.dates import FIRST_YEAR, LAST_YEAR
from tui.core.errors import InputError


class AsOfError(InputError):
    """An --as-of value that is not an ISO date or date-time."""


def now_in(zone: ZoneInfo) -> datetime:
    """The real current moment, in the given zone (the app and CLI default)."""
    return datetime.now(UTC).astimezone(zone)


def parse_as_of(text: str, zone: ZoneInfo) -> datetime:
    """Parse an ISO date or date-time; a value without offset is in `zone`, never the machine's.

    A bare date means the start of that day in the schedule's zone. Years are those a
    schedule may use (FIRST_YEAR to LAST_YEAR), so the arithmetic never overflows.
    """
    value = text.strip()
    if not value:
        raise AsOfError("empty value; expected an ISO date such as 2022-03-01")
    try:
        if len(value) == 10:
            moment = datetime.combine(date.fromisoformat(value), time(0))
        else:
            moment = datetime.fromisoformat(value.replace(" ", "T", 1))
    except ValueError:
        raise AsOfError(
            f"{text!r} is not an ISO date or date-time "
            "(expected e.g. 2022-03-01 or 2022-03-01T09:30 or 2022-03-01T09:30+01:00)"
        ) from None
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise AsOfError(
            f"{text!r} is outside the years docket supports ({FIRST_YEAR} to {LAST_YEAR})"
        )
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone)
    return moment
