"""What a planner types for an event's field, read into the value an edit takes, one way.

`docket set EVENT KEY=VALUE` and the app's event form both read text through
`parse_field`, so a date, a date-time, a meeting-hours list or a tag list is said the same
way in both: dates ISO (`2023-04-11`), date-times ISO with a `T` or a space
(`2023-04-11T10:00`, local to the event's venue unless it carries an offset), lists
comma-separated, and an empty value removes the key (a title cannot be removed).

`field_text` is the other direction: an event's current value written as the form shows
it (and as the TOML would hold it), so an untouched field reads back as the same value
and is left out of the edit (`changed_values`).

Only the syntax is checked here. Whether the values make a valid schedule (an end before
the start, a venue no table declares, hours on a timed event) is the loader's business
once the edit is made: the session refuses it with the loader's own message.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime

from tui.core.errors import InputError
from tui.core.model import STATUSES, Event
from tui.core.text import clip, suggest
from tui.edit.edits import Value
from tui.edit.values import toml_when
from tui.schedule.fields import HOURS_PATTERN

#: The fields the event form shows, in its order (status has its own dialog).
FORM_FIELDS: tuple[str, ...] = ("title", "venue", "start", "end", "hours", "tags", "notes", "url")

_HOURS = re.compile(HOURS_PATTERN)
#: How `tui.core.sanitize.visible` shows the bidirectional controls a schedule may hold.
_BIDI_SHOWN = re.compile(r"\\u(202[a-e]|206[6-9])")


class FieldError(InputError):
    """Text that does not say a value of its field; the message names what would."""


def parse_when(text: str) -> date | datetime:
    """An ISO date, or an ISO date-time (a `T` or a space between date and time)."""
    value = text.strip()
    try:
        if "T" in value or " " in value:
            return datetime.fromisoformat(value)
        return date.fromisoformat(value)
    except ValueError:
        raise FieldError(
            f"{clip(value)!r} is not an ISO date (2023-04-11) or date-time (2023-04-11T10:00)"
        ) from None


def parse_date(text: str) -> date:
    """An ISO date such as 2023-04-11 (`docket move --to`)."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise FieldError(f"{clip(text.strip())!r} is not an ISO date such as 2023-04-11") from None


def parse_list(text: str) -> tuple[str, ...]:
    """`a, b ,c` -> ("a", "b", "c"): commas separate, spaces around them do not count."""
    return tuple(part.strip() for part in text.split(",") if part.strip())


def parse_hours(text: str) -> tuple[str, ...]:
    """Meeting blocks such as `10:00-13:00, 15:00-18:00`, each of the shape HH:MM-HH:MM
    (their order and overlaps are the loader's to judge)."""
    blocks = parse_list(text)
    for block in blocks:
        if not _HOURS.fullmatch(block.replace(" ", "")):
            raise FieldError(f"{clip(block)!r} is not a meeting block such as 10:00-13:00")
    return blocks


def parse_field(key: str, raw: str) -> Value:
    """The value of field `key` typed as `raw`: None (an empty value) removes the key."""
    if raw.strip() == "" and key != "title":
        return None
    if key in ("start", "end"):
        return parse_when(raw)
    if key == "hours":
        return parse_hours(raw)
    if key == "tags":
        return parse_list(raw)
    if key == "status" and raw not in STATUSES:
        raise FieldError(f"{raw!r} is not a status ({', '.join(STATUSES)}){suggest(raw, STATUSES)}")
    if key == "title" and not raw.strip():
        raise FieldError("an event needs a title")
    return raw


def when_text(value: date | datetime | None) -> str:
    """A date or date-time as the TOML holds it (a local time without its zone)."""
    return "" if value is None else toml_when(value)


def field_text(event: Event, key: str) -> str:
    """`event`'s value of `key` as the form shows it ('' for a key it does not have)."""
    if key in ("start", "end"):
        return when_text(event.start if key == "start" else event.end)
    if key == "venue":
        return event.venue.id if event.venue else ""
    if key == "hours":
        return ", ".join(str(block) for block in event.hours)
    if key == "tags":
        return ", ".join(event.tags)
    value = getattr(event, key)
    return "" if value is None else str(value)


def revealed(text: str) -> str:
    """Typed text with the stand-ins the app shows for a bidirectional control (`\\u202e`)
    turned back into the character, so an edited title keeps the one it held (the file
    writes it as an escape; every screen shows it as the stand-in again)."""
    return _BIDI_SHOWN.sub(lambda match: chr(int(match.group(1), 16)), text)


def changed_values(event: Event, texts: Mapping[str, str]) -> dict[str, Value]:
    """The fields whose text says another value than `event` has, read with `parse_field`
    (text as `field_text` wrote it, or saying the same value, is left out); `FormErrors`
    names every field that does not read, each with its message."""
    values: dict[str, Value] = {}
    errors: dict[str, str] = {}
    for key, text in texts.items():
        old = field_text(event, key)
        if text == old:
            continue
        try:
            value = parse_field(key, text)
            if value == (parse_field(key, old) if old else None):
                continue
            values[key] = value
        except FieldError as error:
            errors[key] = str(error)
    if errors:
        raise FormErrors(errors)
    return values


class FormErrors(InputError):
    """Some fields did not read: each key with its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{key}: {message}" for key, message in errors.items()))
        self.errors = errors
