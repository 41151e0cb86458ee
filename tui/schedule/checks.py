"""Checking the keys and values of one table against the declarations in `fields`.

Every problem is collected (not just the first) as an `Issue` naming the key path at fault,
so one run of `docket check` shows a planner all her mistakes. Each value type has one
rule, `_RULES`, pairing a cheap acceptance test with the full check that explains what is
wrong: a valid file (the common case) costs one quick test per key, and only a value that
fails it is looked at again, to be reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, cast

from tui.core.model import MeetingHours
from tui.core.text import clip, shown, suggest
from tui.core.zones import suggest_zone, zone_or_none
from tui.schedule.fields import (
    ENUM_WORDS,
    ENUMS,
    FIRST_YEAR,
    HOURS_PATTERN,
    LAST_YEAR,
    SLUG_PATTERN,
    TABLES,
    TOP_LEVEL_KEYS,
    Field,
    ValueType,
)
from tui.schedule.follow_table import check_date_or_follows
from tui.schedule.issues import Anchor, Issue
from tui.schedule.issues import type_name as type_name  # re-exported
from tui.schedule.rule_values import RULE_VALUE_TYPES
from tui.schedule.syntax import unquoted_date
from tui.schedule.toml_source import KeyPath

SLUG = re.compile(SLUG_PATTERN)
#: Slug fields that name a declaration rather than declare one.
_REFERENCES = frozenset({"deadline", "venue", "event"})
_HOURS = re.compile(HOURS_PATTERN)


class Validator:
    """Walks one document, collecting issues; `fields` returns the values that passed.

    `tainted` keys were reported already (a control character in them or their value) and
    are skipped, so that one mistake makes one error; `reported` are the exact paths of
    those reports (a table above one is tainted, yet its other keys are still checked).
    """

    def __init__(
        self, tainted: frozenset[KeyPath] = frozenset(), reported: frozenset[KeyPath] = frozenset()
    ) -> None:
        self.issues: list[Issue] = []
        self.tainted = tainted
        self.reported = reported
        #: Finds the ids declared that are not slugs (set by the builder; asked only when a
        #: reference is not a slug, so a valid file never pays for it).
        self.find_misnamed: Callable[[], frozenset[str]] = frozenset
        self._misnamed: frozenset[str] | None = None

    def names_misnamed(self, value: object) -> bool:
        """Whether a reference that is no slug names, exactly, an id declared that is no slug
        either (`[venues."new york"]`, `venue = "new york"`): the declaration's error is the
        one mistake, so the reference is taken as written."""
        if not isinstance(value, str):
            return False
        if self._misnamed is None:
            self._misnamed = self.find_misnamed()
        return value in self._misnamed

    def error(self, path: KeyPath, message: str, anchor: Anchor = "value") -> None:
        self.issues.append(Issue(path, anchor, "error", message))

    @property
    def failed(self) -> bool:
        return any(issue.severity == "error" for issue in self.issues)

    def fields(
        self, table: dict[str, object], spec: tuple[Field, ...], path: KeyPath, what: str
    ) -> dict[str, Any]:
        """Check keys and value types of one table; return the values that passed.

        The values returned have the types their fields declare (a `date-list` is a list of
        dates, `hours` a tuple of `MeetingHours`): `Any`, because which one depends on the key.
        """
        known = _KNOWN[id(spec)]
        clean: dict[str, Any] = {}
        tainted = self.tainted
        unknown: list[str] = []
        for key, value in table.items():
            if tainted and (*path, key) in tainted:
                continue
            entry = known.get(key)
            if entry is None:
                unknown.append(key)
                continue
            field, rule = entry
            checked = rule.quick(value)
            if checked is None:
                checked = rule.check(self, field, value, (*path, key))
                if checked is None:
                    continue
            clean[key] = checked
        if unknown or not table.keys() >= _REQUIRED_SET[id(spec)]:
            self._unknown_and_missing(table, spec, path, what, unknown)
        return clean

    def _unknown_and_missing(
        self,
        table: dict[str, object],
        spec: tuple[Field, ...],
        path: KeyPath,
        what: str,
        unknown: list[str],
    ) -> None:
        """Unknown keys, and required keys not written. A misspelt required key (`strat`,
        `di`) is one mistake, so one error: the unknown key, saying which it means."""
        known = _KNOWN[id(spec)]
        missing = [name for name in _REQUIRED[id(spec)] if name not in table]
        for key in unknown:
            meant = next((name for name in missing if misspelt_key(key, name)), None)
            if meant is not None:
                missing.remove(meant)
            hint = f" (did you mean `{meant}`?)" if meant else suggest(key, known)
            self.error(
                (*path, key),
                f"unknown key `{clip(key)}` in {what}{hint}{_misplaced(key, path)}",
                "key",
            )
        for name in missing:
            self.error(path, f"missing required key `{name}` in {what}", "table")

    # -- the full check of each value type (see `_RULES`): None after reporting ----------

    def _string(self, field: Field, value: object, path: KeyPath) -> str | None:
        if not isinstance(value, str):
            self.error(path, f"`{field.name}` must be a string, not {type_name(value)}")
            return None
        if not value.strip():
            self.error(path, f"`{field.name}` must not be empty")
            return None
        return value

    def _slug(self, field: Field, value: object, path: KeyPath) -> str | None:
        text = self._string(field, value, path)
        if text is not None and not SLUG.fullmatch(text):
            if field.name in _REFERENCES and self.names_misnamed(text):
                return text
            self.error(
                path,
                f"`{field.name}` {shown(text)} must be a slug: letters, digits, '-', '_' or '.', "
                "starting with a letter or digit",
            )
            return None
        return text

    def _zone(self, field: Field, value: object, path: KeyPath) -> str | None:
        text = self._string(field, value, path)
        if text is not None and zone_or_none(text) is None:
            self.error(
                path,
                f"unknown time zone {shown(text)}: use an IANA name such as "
                f"'Europe/Vienna'{suggest_zone(text)}",
            )
            return None
        return text

    def _choice(self, field: Field, value: object, path: KeyPath) -> str | None:
        text = self._string(field, value, path)
        choices = ENUMS[field.type]
        if text is not None and text not in choices:
            self.error(
                path,
                f"unknown {ENUM_WORDS.get(field.type, field.type)} {shown(text)}"
                f"{suggest(text, choices)}; "
                f"expected one of: {', '.join(choices)}",
            )
            return None
        return text

    def _date_or_datetime(self, field: Field, value: object, path: KeyPath) -> date | None:
        name = field.name
        if isinstance(value, date):
            return self._in_years(value, path, name)
        hint = ""
        unquoted = unquoted_date(value) if isinstance(value, str) else None
        if unquoted:
            hint = f" (write it without quotes: `{name} = {unquoted}`)"
        elif isinstance(value, time):
            hint = f" (a time of day needs a date, as in `{name} = 2022-03-01T{value.isoformat()}`)"
        self.error(path, f"`{name}` must be a date or a date-time, not {type_name(value)}{hint}")
        return None

    def _date_list(self, field: Field, value: object, path: KeyPath) -> list[date] | None:
        items = self._array(field, value, path, "dates")
        if items is None:
            return None
        good: list[date] = []
        for index, item in enumerate(items):
            if not isinstance(item, date) or isinstance(item, datetime):
                self._bad_item(field, item, path, index, "dates")
            elif self._in_years(item, (*path, index), field.name) is not None:
                good.append(item)
        return good

    def _string_list(self, field: Field, value: object, path: KeyPath) -> list[str] | None:
        items = self._array(field, value, path, "strings")
        if items is None:
            return None
        good: list[str] = []
        for index, item in enumerate(items):
            if isinstance(item, str):
                good.append(item)
            else:
                self._bad_item(field, item, path, index, "strings")
        return good

    def _hours(self, field: Field, value: object, path: KeyPath) -> tuple[MeetingHours, ...] | None:
        if not isinstance(value, list) or not value:
            self.error(
                path,
                '`hours` must be a non-empty array of blocks such as ["10:00-13:00"], '
                f"not {type_name(value)}",
            )
            return None
        blocks: list[MeetingHours] = []
        ok = True
        for index, item in enumerate(value):
            compact = item.replace(" ", "") if isinstance(item, str) else None
            if compact is None or not _HOURS.fullmatch(compact):
                self.error(
                    (*path, index),
                    f'bad meeting block {shown(item)}: expected HH:MM-HH:MM, such as "10:00-13:00"',
                )
                ok = False
                continue
            start_text, end_text = compact.split("-")
            block = MeetingHours(
                time.fromisoformat(_pad(start_text)), time.fromisoformat(_pad(end_text))
            )
            if block.end <= block.start:
                self.error((*path, index), f"meeting block {shown(item)} ends before it starts")
                ok = False
                continue
            if blocks and block.start < blocks[-1].end:
                self.error(
                    (*path, index),
                    f"meeting block {shown(item)} overlaps or precedes {str(blocks[-1])!r}: "
                    "list blocks in order, without overlap",
                )
                ok = False
                continue
            blocks.append(block)
        if not ok:
            return None
        result = tuple(blocks)
        if len(_HOURS_CACHE) < 1024:
            _HOURS_CACHE[tuple(value)] = result
        return result

    # -- shared by the checks above ------------------------------------------------------

    def _array(self, field: Field, value: object, path: KeyPath, plural: str) -> list[Any] | None:
        if not isinstance(value, list):
            self.error(path, f"`{field.name}` must be an array of {plural}, not {type_name(value)}")
            return None
        return value

    def _bad_item(self, field: Field, item: object, path: KeyPath, index: int, plural: str) -> None:
        self.error(
            (*path, index),
            f"`{field.name}` must hold only {plural}; item {index + 1} is {type_name(item)}",
        )

    def _in_years(self, value: date, path: KeyPath, name: str) -> date | None:
        """The date if its year is one docket supports; None (after reporting) if not."""
        if FIRST_YEAR <= value.year <= LAST_YEAR:
            return value
        self.error(
            path,
            f"`{name}` {value} is outside the years docket supports ({FIRST_YEAR} to {LAST_YEAR})",
        )
        return None


#: Accepts a value that is plainly right, returning what the table keeps; None sends the value
#: to the full check.
Quick = Callable[[object], object | None]
#: Reports what is wrong with a value (returning None), or accepts it after all.
Check = Callable[[Validator, Field, object, KeyPath], object | None]


@dataclass(frozen=True, slots=True)
class _Rule:
    """How one value type is checked: the quick acceptance first, the full check if it fails."""

    quick: Quick
    check: Check


_ENUM_SETS = {kind: frozenset(values) for kind, values in ENUMS.items()}
_YEARS = range(FIRST_YEAR, LAST_YEAR + 1)
#: Hours lists repeat across a schedule: the full check stores each good one for the quick one.
_HOURS_CACHE: dict[tuple[str, ...], tuple[MeetingHours, ...]] = {}


def _quick_hours(value: object) -> tuple[MeetingHours, ...] | None:
    if type(value) is list:
        return _HOURS_CACHE.get(tuple(v if type(v) is str else repr(v) for v in value))
    return None


#: The one switch over value types. The quick tests use `type(v) is ...`, the cheapest test
#: there is; a value they let pass would pass the full check too, so skipping it saves time only.
_RULES: dict[ValueType, _Rule] = {
    "string": _Rule(lambda v: v if type(v) is str and v.strip() else None, Validator._string),
    "slug": _Rule(lambda v: v if type(v) is str and SLUG.fullmatch(v) else None, Validator._slug),
    "zone": _Rule(
        lambda v: v if type(v) is str and zone_or_none(v) is not None else None, Validator._zone
    ),
    "kind": _Rule(
        lambda v: v if type(v) is str and v in _ENUM_SETS["kind"] else None, Validator._choice
    ),
    "status": _Rule(
        lambda v: v if type(v) is str and v in _ENUM_SETS["status"] else None, Validator._choice
    ),
    "date-or-datetime": _Rule(
        lambda v: v if isinstance(v, date) and v.year in _YEARS else None,
        Validator._date_or_datetime,
    ),
    "date-or-follows": _Rule(
        lambda v: v if isinstance(v, date) and v.year in _YEARS else None,
        check_date_or_follows,
    ),
    "date-list": _Rule(
        lambda v: (
            v if type(v) is list and all(type(x) is date and x.year in _YEARS for x in v) else None
        ),
        Validator._date_list,
    ),
    "string-list": _Rule(
        lambda v: v if type(v) is list and all(type(x) is str for x in v) else None,
        Validator._string_list,
    ),
    "hours": _Rule(_quick_hours, Validator._hours),
}


def _quick_choice(name: ValueType) -> Quick:
    choices = frozenset(ENUMS[name])
    return lambda v: v if type(v) is str and v in choices else None


# The enumerations and other value types of [[rules]] (see `rule_values`).
_RULE_ENUMS: tuple[ValueType, ...] = ("severity", "length-unit", "gap-unit", "gap-measure")
_RULES.update({name: _Rule(_quick_choice(name), Validator._choice) for name in _RULE_ENUMS})
_RULES.update({cast(ValueType, k): _Rule(*pair) for k, pair in RULE_VALUE_TYPES.items()})

# Keyed by id(): hashing a tuple of Field objects on every table would cost more than the
# checks themselves.
_KNOWN = {id(spec): {f.name: (f, _RULES[f.type]) for f in spec} for spec in TABLES.values()}
_REQUIRED = {id(spec): tuple(f.name for f in spec if f.required) for spec in TABLES.values()}
_REQUIRED_SET = {key: frozenset(names) for key, names in _REQUIRED.items()}


def _misplaced(key: str, path: KeyPath) -> str:
    """Keys written below a table header belong to that table: say so for top-level keys."""
    if key in TOP_LEVEL_KEYS and len(path) == 1:
        return f"; keys after [{path[0]}] belong to it: move `{key}` above the first table"
    return ""


def misspelt_key(key: str, name: str) -> bool:
    """Whether `key` is `name` mistyped: near by did-you-mean's measure, or (for the short
    names it misses, `di` for `id`) the same letters in another order or one letter off."""
    if suggest(key, (name,)):
        return True
    key, name = key.lower(), name.lower()
    if sorted(key) == sorted(name):
        return True
    if abs(len(key) - len(name)) > 1 or len(name) < 2:
        return False
    shorter, longer = sorted((key, name), key=len)
    for index in range(len(longer)):  # one letter changed, added or dropped
        if longer[:index] + longer[index + 1 :] == shorter or (
            len(key) == len(name)
            and key[:index] + key[index + 1 :] == name[:index] + name[index + 1 :]
        ):
            return True
    return False


def _pad(hhmm: str) -> str:
    """`9:00` is allowed in a meeting block; `time.fromisoformat` wants `09:00`."""
    return hhmm if len(hhmm) == 5 else "0" + hhmm
