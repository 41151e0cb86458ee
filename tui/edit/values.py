"""New values spelt as TOML, and dates shifted in the spelling the file already uses.

A moved date keeps its style: a date stays a date, a date-time keeps its separator, its
fraction and its offset, because only the `YYYY-MM-DD` part of what is written changes.
Strings are written so that the file stays plain text whatever they hold: controls,
bidirectional and other invisible format characters become `\\uXXXX` escapes, and a
literal string is kept literal when the new text allows it.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from tui.edit.spans import EditError

_DATE_PART = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_SHORT = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def shift_raw_date(raw: str, days: int) -> str:
    """A written date or date-time with its date part moved by `days`, all else as written."""
    match = _DATE_PART.match(raw)
    if match is None:
        raise EditError(f"{raw[:40]!r} is not a date this edit can move")
    try:
        moved = date(*map(int, match.groups())) + timedelta(days=days)
    except (ValueError, OverflowError):
        raise EditError(f"moving {match.group()} by {days} days leaves the calendar") from None
    return f"{moved.year:04d}-{moved.month:02d}-{moved.day:02d}" + raw[match.end() :]


def _escaped(char: str) -> str:
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    if code < 0x20 or 0x7F <= code <= 0x9F or unicodedata.category(char) in ("Cf", "Zl", "Zp"):
        return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"
    return char


def _needs_escape(char: str) -> bool:
    return _escaped(char) != char


def toml_string(value: str, old_raw: str | None = None) -> str:
    """`value` as a TOML string: literal ('…') when the old value was one and the new text
    needs no escape, else a basic string ("…") with escapes."""
    if any(0xD800 <= ord(c) <= 0xDFFF for c in value):
        raise EditError("not Unicode text: a lone surrogate")
    literal = old_raw is not None and old_raw.startswith("'") and not old_raw.startswith("'''")
    if literal and "'" not in value and not any(map(_needs_escape, value)):
        return f"'{value}'"
    return '"' + "".join(map(_escaped, value)) + '"'


def toml_when(value: date | datetime) -> str:
    """A date, a local date-time (naive, or in a named zone: the loader attaches the zone
    again), or an offset date-time."""
    if isinstance(value, datetime):
        if value.tzinfo is None or isinstance(value.tzinfo, ZoneInfo):
            return value.replace(tzinfo=None).isoformat()
        return value.isoformat()
    return value.isoformat()


def toml_value(value: object, old_raw: str | None = None) -> str:
    """A field's new value as TOML: strings, dates, date-times, lists of strings."""
    if isinstance(value, str):
        return toml_string(value, old_raw)
    if isinstance(value, (date, datetime)):
        return toml_when(value)
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    raise EditError(f"a value of type {type(value).__name__} cannot be written")
