"""Which strings are time zones: the one gate between text from a file and `ZoneInfo`.

A schedule's `timezone` and an imported calendar's TZID both pass through `zone_or_none`,
because `ZoneInfo` itself accepts more than IANA names (file paths, `localtime`, the `posix/`
copies of the database) and raises several kinds of error for the rest. It lives in the
core so that the reader of each format (TOML, iCalendar) asks the same question.
"""

from __future__ import annotations

from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from tui.core.text import suggest

#: Files in a zone directory that load as zones but are not IANA zone names: the machine's
#: own zone, a default rule file, and copies of the database in other formats.
_NOT_ZONES = ("localtime", "posixrules")
_NOT_ZONE_PREFIXES = ("posix/", "right/")


@cache
def zone_names() -> frozenset[str]:
    """Every IANA zone name this machine knows (read from disk once, on first use)."""
    return frozenset(name for name in available_timezones() if name not in _NOT_ZONES)


@cache
def zone_or_none(name: str) -> ZoneInfo | None:
    """A ZoneInfo for a real IANA name; None for anything else, whatever the string holds."""
    if not name or name != name.strip() or name.startswith(("/", ".")) or ".." in name:
        return None
    if name in _NOT_ZONES or name.startswith(_NOT_ZONE_PREFIXES):
        return None
    try:
        return ZoneInfo(name)
    except Exception:  # ZoneInfoNotFoundError, ValueError, OSError on odd paths
        return None


def suggest_zone(name: str) -> str:
    """' (did you mean `Europe/Vienna`?)' for a near zone name, else ''.

    A planner often knows the city but not the region or the spelling of the key: a match on
    the last part (`vienna`, `New York`) wins before spelling similarity is tried. The same
    name always gets the same suggestion (see `_by_city`).
    """
    key = name.rsplit("/", 1)[-1].lower().replace("_", " ")
    found = _by_city().get(key)
    if found:
        return f" (did you mean `{found}`?)"
    return suggest(name, _sorted_names())


#: The regions of the zone database's own names; other prefixes (`US/`, `Etc/`) are aliases.
_REGIONS = frozenset(
    {"Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe"}
    | {"Indian", "Pacific"}
)


def _preference(zone: str) -> tuple[int, int, str]:
    """Region names first, then bare ones (`UTC`), then aliases; the longest name of a
    region first (`America/Argentina/Buenos_Aires`, not the old `America/Buenos_Aires`)."""
    region = zone.split("/", 1)[0]
    rank = 0 if region in _REGIONS else 1 if "/" not in zone else 2
    return rank, -zone.count("/"), zone


@cache
def _sorted_names() -> tuple[str, ...]:
    return tuple(sorted(zone_names()))


@cache
def _by_city() -> dict[str, str]:
    """The last part of each zone name, lowered, to the zone preferred for it.

    Built in a fixed order: from a set, which of `Asia/Istanbul` and `Europe/Istanbul`
    answered `istanbul` changed from one run to the next.
    """
    table: dict[str, str] = {}
    for zone in sorted(zone_names(), key=_preference):
        table.setdefault(zone.rsplit("/", 1)[-1].lower().replace("_", " "), zone)
    return table
