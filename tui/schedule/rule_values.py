"""The value types only `[[rules]]` use: counts, lists of kinds, venue ids, dates or ids, tables.

Each is a (quick, check) pair like those in `checks._RULES`, which takes them in: the quick
test accepts a plainly right value (returning what the table keeps), the full check reports
what is wrong (returning None). Kept apart so that `checks` stays about the format's core.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from tui.core.text import shown, suggest
from tui.schedule.fields import ENUMS, FIRST_YEAR, LAST_YEAR, LIST_ENUMS, SLUG_PATTERN, Field
from tui.schedule.issues import type_name
from tui.schedule.toml_source import KeyPath

if TYPE_CHECKING:
    from tui.schedule.checks import Validator

_SLUG = re.compile(SLUG_PATTERN)
_YEARS = range(FIRST_YEAR, LAST_YEAR + 1)
_SETS = {name: frozenset(ENUMS[enum]) for name, enum in LIST_ENUMS.items()}
_SLUG_HINT = "letters, digits, '-', '_' or '.', starting with a letter or digit"


def _is_slug(value: object) -> bool:
    return type(value) is str and _SLUG.fullmatch(value) is not None


def _count(v: Validator, field: Field, value: object, path: KeyPath) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        v.error(path, f"`{field.name}` must be a whole number, 0 or more, not {type_name(value)}")
    elif value < 0:
        v.error(path, f"`{field.name}` must be 0 or more, not {value}")
    else:
        return value
    return None


def _choice_list(v: Validator, field: Field, value: object, path: KeyPath) -> list[str] | None:
    enum = LIST_ENUMS[field.type]
    choices = ENUMS[enum]
    if not isinstance(value, list):
        v.error(path, f"`{field.name}` must be an array of {enum}s, not {type_name(value)}")
        return None
    good: list[str] = []
    for index, item in enumerate(value):
        if isinstance(item, str) and item in choices:
            good.append(item)
        elif isinstance(item, str):
            v.error(
                (*path, index),
                f"unknown {enum} {shown(item)}{suggest(item, choices)}; "
                f"expected one of: {', '.join(choices)}",
            )
        else:
            v.error((*path, index), f"`{field.name}` item {index + 1} is {type_name(item)}")
    return good if len(good) == len(value) else None


def _slug_list(v: Validator, field: Field, value: object, path: KeyPath) -> list[str] | None:
    if not isinstance(value, list):
        v.error(path, f"`{field.name}` must be an array of ids, not {type_name(value)}")
        return None
    bad = [
        index
        for index, item in enumerate(value)
        if not _is_slug(item) and not v.names_misnamed(item)
    ]
    for index in bad:
        v.error(
            (*path, index),
            f"`{field.name}` item {index + 1} {shown(value[index])} must be an id: {_SLUG_HINT}",
        )
    return None if bad else list(value)


def _slug_or_slugs(
    v: Validator, field: Field, value: object, path: KeyPath
) -> tuple[str, ...] | None:
    if isinstance(value, list) and value:
        good = _slug_list(v, field, value, path)
        return tuple(good) if good is not None else None
    if _is_slug(value) or v.names_misnamed(value):
        return (str(value),)
    v.error(
        path,
        f"`{field.name}` must be a venue id or a non-empty array of them, "
        f"not {shown(value) if isinstance(value, str) else type_name(value)}",
    )
    return None


def _slug_or_date(v: Validator, field: Field, value: object, path: KeyPath) -> object:
    if isinstance(value, datetime):
        v.error(path, f"`{field.name}` must be an event id or a date, not a date-time")
    elif isinstance(value, date):
        if value.year in _YEARS:
            return value
        v.error(
            path,
            f"`{field.name}` {value} is outside the years docket supports "
            f"({FIRST_YEAR} to {LAST_YEAR})",
        )
    elif _is_slug(value) or v.names_misnamed(value):
        return value
    else:
        shown_value = shown(value) if isinstance(value, str) else type_name(value)
        v.error(path, f"`{field.name}` must be an event id or a date, not {shown_value}")
    return None


def _table(v: Validator, field: Field, value: object, path: KeyPath) -> dict[str, Any] | None:
    if isinstance(value, dict):
        return value
    v.error(path, f"`{field.name}` must be a table, such as {_EXAMPLES[field.name]}", "value")
    return None


def _table_list(
    v: Validator, field: Field, value: object, path: KeyPath
) -> list[dict[str, Any]] | None:
    example = _EXAMPLES[field.name]
    if not isinstance(value, list):
        v.error(path, f"`{field.name}` must be an array of tables, such as [{example}]")
        return None
    bad = [index for index, item in enumerate(value) if not isinstance(item, dict)]
    for index in bad:
        v.error(
            (*path, index),
            f"`{field.name}` item {index + 1} must be a table such as {example}, "
            f"not {type_name(value[index])}",
        )
    return None if bad else value


_EXAMPLES = {
    "source": '{ citation = "GA resolution 75/282", url = "https://…" }',
    "count": "{ min = 6 }",
    "length": '{ min = 10, unit = "meeting_days" }',
    "gap": '{ min = 11, unit = "weeks" }',
    "venue": '{ last = "new-york" }',
    "order": '{ event = "draft", before = "deadline" }',
    "waive": '{ event = "session-5", reason = "…" }',
}

Quick = Callable[[object], object | None]
Check = Callable[["Validator", Field, object, KeyPath], object | None]


def _quick_choices(name: str) -> Quick:
    choices = _SETS[name]
    return lambda v: v if type(v) is list and all(x in choices for x in v) else None


#: value type -> (quick acceptance, full check), merged into `checks._RULES`.
RULE_VALUE_TYPES: dict[str, tuple[Quick, Check]] = {
    "count": (lambda v: v if type(v) is int and v >= 0 else None, _count),
    "kind-list": (_quick_choices("kind-list"), _choice_list),
    "status-list": (_quick_choices("status-list"), _choice_list),
    "slug-list": (
        lambda v: v if type(v) is list and all(_is_slug(x) for x in v) else None,
        _slug_list,
    ),
    "slug-or-slugs": (lambda v: (v,) if _is_slug(v) else None, _slug_or_slugs),
    "slug-or-date": (lambda v: v if _is_slug(v) else None, _slug_or_date),
    "table": (lambda v: v if type(v) is dict else None, _table),
    "table-list": (
        lambda v: v if type(v) is list and all(type(x) is dict for x in v) else None,
        _table_list,
    ),
}
