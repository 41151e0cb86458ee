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
    the last part (`vienna`, `New York`) wins before spelling similarity is tried.
    """
    names = zone_names()
    tail = {zone.rsplit("/", 1)[-1].lower().replace("_", " "): zone for zone in names}
    key = name.rsplit("/", 1)[-1].lower().replace("_", " ")
    if key in tail:
        return f" (did you mean `{tail[key]}`?)"
    return suggest(name, names)
