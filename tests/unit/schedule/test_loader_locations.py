"""Every error names the line of what is at fault: one mistake in the bundled schedule.

Each example takes the bundled schedule, rewrites one random event in a random layout
(keys in any order, indented or not, arrays and strings over several lines, quoted keys,
comments, text in the UN's six languages), makes one semantic mistake in it, and checks
that `docket check` points at exactly the line (and column) a planner must fix: the value
for a bad value, the key for a key that must go, the `[[events]]` header for a missing
key, the second `id =` for a duplicate id, `end` for an end before its start.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import pytest
import toml_rs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.errors import ScheduleError
from tui.schedule.loader import bundled_schedule_path, load_text

BUNDLED = bundled_schedule_path().read_text(encoding="utf-8")
LINES = BUNDLED.split("\n")
EVENTS: list[dict[str, Any]] = toml_rs.loads(BUNDLED)["events"]
HEADERS = [number for number, line in enumerate(LINES) if line.strip() == "[[events]]"]
DEADLINE_LINE = next(n for n, line in enumerate(LINES, 1) if line.startswith("deadline ="))

TEXTS = [
    "Première session (Genève)",
    "الدورة الأولى",
    "第一届会议",
    "Первая сессия",
    "Primera sesión",
    "First session",
]


@dataclass
class Block:
    """An [[events]] table being written: its lines and where each key and item went."""

    indent: str
    lines: list[str] = field(default_factory=list)
    keys: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # line, key col, value col
    items: dict[tuple[str, int], tuple[int, int]] = field(default_factory=dict)

    def write(self, draw: st.DrawFn, key: str, value: Any) -> None:
        quoted = draw(st.booleans()) and key != "colour"
        written_key = f'"{key}"' if quoted else key
        gap = draw(st.sampled_from([" = ", "=", "  =  "]))
        head = f"{self.indent}{written_key}{gap}"
        line = len(self.lines)  # 0-based within the block
        self.keys[key] = (line, len(self.indent) + 1, len(head) + 1)
        if isinstance(value, Raw):
            self.lines.append(head + value.lines[0])
            self.lines.extend(value.lines[1:])
        elif isinstance(value, list) and value and draw(st.booleans()):
            self.lines.append(head + "[")
            for index, item in enumerate(value):
                self.items[(key, index)] = (len(self.lines), len(self.indent) + 5)
                self.lines.append(f"{self.indent}    {_literal(item)},")
            self.lines.append(f"{self.indent}]")
        elif isinstance(value, list):
            text = head + "["
            for index, item in enumerate(value):
                self.items[(key, index)] = (line, len(text) + 1)
                text += _literal(item) + (", " if index < len(value) - 1 else "")
            self.lines.append(text + "]")
        elif (
            key in ("title", "notes")
            and isinstance(value, str)
            and "\n" not in value
            and draw(st.booleans())
        ):
            # A multi-line basic string starting on the key's line, ending two lines on.
            self.lines.append(head + '"""' + _escaped(value))
            self.lines.append(_escaped(" (continued)"))
            self.lines.append('"""')
        else:
            comment = draw(st.sampled_from(["", "  # checked", " # 注"]))
            self.lines.append(head + _literal(value) + comment)


def _escaped(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)[1:-1]


def _literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(value)


MISTAKES = [
    "kind",
    "unknown",
    "end",
    "duplicate",
    "venue",
    "hours",
    "empty-hours",
    "type",
    "item-type",
    "missing",
    "control",
]


@dataclass(frozen=True)
class Raw:
    """A value written exactly as given, over several lines."""

    lines: tuple[str, ...]


class Case:
    """A broken schedule and where its one mistake is (the repr leaves the text out)."""

    def __init__(self, text: str, mistake: str, line: int, column: int | None, fragment: str):
        self.text, self.mistake, self.line, self.column = text, mistake, line, column
        self.fragment = fragment

    def __repr__(self) -> str:
        return f"Case({self.mistake}, line {self.line}, column {self.column})"


@st.composite
def broken_schedule(draw: st.DrawFn) -> Case:
    """The text, what was broken, and where the error must point."""
    mistake = draw(st.sampled_from(MISTAKES))
    candidates = list(range(len(EVENTS)))
    if mistake == "end":
        candidates = [i for i, e in enumerate(EVENTS) if "end" in e]
    elif mistake == "duplicate":
        candidates = candidates[1:]
    index = draw(st.sampled_from(candidates))
    event = dict(EVENTS[index])
    if draw(st.booleans()):
        event["title"] = draw(st.sampled_from(TEXTS))
    anchor, fragment = "value", ""
    target: str | tuple[str, int] = ""
    if mistake == "kind":
        event["kind"] = draw(st.sampled_from(["sesion", "Session", "workshop", ""]))
        target, fragment = "kind", "kind"
    elif mistake == "unknown":
        event["colour"] = "red"
        target, anchor, fragment = "colour", "key", "unknown key `colour`"
    elif mistake == "end":
        start = event["start"]
        event["end"] = start - timedelta(days=draw(st.integers(1, 400)))
        target, fragment = "end", "is before `start`"
    elif mistake == "duplicate":
        event["id"] = EVENTS[draw(st.integers(0, index - 1))]["id"]
        target, fragment = "id", "duplicate event id"
    elif mistake == "venue":
        event["venue"] = draw(st.sampled_from(["nowhere", "viena", "New-York"]))
        target, fragment = "venue", "unknown venue"
    elif mistake == "hours":
        good = ["09:00-10:00", "10:00-13:00", "15:00-18:00"]
        bad = draw(st.sampled_from(["25:00-26:00", "13:00-10:00", "10:00", "", "10:00-13:00 "]))
        position = draw(st.integers(0, len(good)))
        event["hours"] = [*good[:position], bad, *good[position:]]
        if bad == "10:00-13:00 ":  # a space is allowed; out of order is not
            event["hours"] = ["15:00-18:00", bad]
            position = 1
        target, fragment = ("hours", position), "meeting block"
    elif mistake == "empty-hours":
        event["hours"] = Raw(("[", "]"))
        target, fragment = "hours", "non-empty array"
    elif mistake == "item-type":
        key = draw(st.sampled_from(["tags", "hours"]))
        values = ["a", "b"] if key == "tags" else ["10:00-11:00", "12:00-13:00"]
        position = draw(st.integers(0, 2))
        event[key] = [
            *values[:position],
            draw(st.sampled_from([5, 1.5, date(2022, 1, 1)])),
            *values[position:],
        ]
        target = (key, position)
        fragment = "item" if key == "tags" else "meeting block"
    elif mistake == "control":
        key = draw(st.sampled_from(["title", "notes", "kind", "id", "url"]))
        event[key] = Raw(('"""\\', "Text with \\u001b[31m colour", '"""'))
        target, fragment = key, "control character U+001B"
    elif mistake == "type":
        key = draw(st.sampled_from(["title", "start", "tags", "status", "url", "id"]))
        event[key] = draw(st.sampled_from([5, 1.5, True, ["x"] if key != "tags" else "x"]))
        target, fragment = key, f"`{key}` must"
    else:
        key = draw(st.sampled_from(["id", "kind", "title", "start"]))
        del event[key]
        event.pop("end", None) if key == "start" else None
        target, anchor, fragment = "", "table", f"missing required key `{key}`"
    block = Block(indent=draw(st.sampled_from(["", "  ", "\t"])))
    order = draw(st.permutations(list(event)))
    for key in order:
        block.write(draw, key, event[key])

    header = HEADERS[index]
    end = HEADERS[index + 1] if index + 1 < len(HEADERS) else len(LINES)
    # Keep the comment and blank lines that end the original block.
    tail = end
    while tail > header + 1 and (not LINES[tail - 1].strip() or LINES[tail - 1].startswith("#")):
        tail -= 1
    lines = [*LINES[: header + 1], *block.lines, *LINES[tail:]]
    first = header + 2  # 1-based line of the block's first key
    text = "\n".join(lines)
    if anchor == "table":
        return Case(text, mistake, header + 1, None, fragment)
    if isinstance(target, tuple):
        line, column = block.items[target]
        return Case(text, mistake, first + line, column, fragment)
    line, key_column, value_column = block.keys[target]
    column = key_column if anchor == "key" else value_column
    return Case(text, mistake, first + line, column, fragment)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(broken_schedule())
def test_each_mistake_is_located_where_it_was_made(case: Case) -> None:
    text, mistake, line, column, fragment = (
        case.text,
        case.mistake,
        case.line,
        case.column,
        case.fragment,
    )
    with pytest.raises(ScheduleError) as caught:
        load_text(text, "s.toml")
    errors = caught.value.errors
    ours = [e for e in errors if fragment in e.message]
    assert ours, f"{mistake}: no error says {fragment!r}: {[str(e) for e in errors]}"
    context = "\n".join(
        f"{number:4} {text}"
        for number, text in enumerate(text.split("\n"), 1)
        if abs(number - line) < 4
    )
    found = (ours[0].line, ours[0].column if column is None else column)
    assert (ours[0].line, ours[0].column) == (line, found[1]), f"{ours[0]}\n{context}"
    # Nothing else is reported but what the mistake causes (the headline deadline's event
    # may have lost its id or kind, and so may an event a rule names).
    # The mistake's event may be laid out over more lines, so find the rules in this text.
    lines = text.split("\n")
    rules_from = lines.index("[[rules]]") + 1 if "[[rules]]" in lines else len(lines) + 1
    allowed = {line, DEADLINE_LINE, *range(rules_from, len(lines) + 2)}
    assert {e.line for e in errors} <= allowed, [str(e) for e in errors]


# -- [schedule] and [venues.x], written as headers, dotted keys or inline tables ------------

SCHEDULE = {"id": "t", "title": "Тест", "timezone": "Europe/Vienna", "deadline": "due"}
VENUES = {
    "vienna": {"name": "VIC", "timezone": "Europe/Vienna", "city": "Wien"},
    "new-york": {"name": "UNHQ", "timezone": "America/New_York"},
}
EVENT = '[[events]]\nid = "due"\nkind = "deadline"\ntitle = "截止"\nstart = 2023-01-10\n'


class Writer:
    """Writes tables in a chosen form and remembers where each table and key went."""

    def __init__(self) -> None:
        self.top: list[str] = []  # keys before the first header
        self.tables: list[str] = []
        self.where: dict[tuple[str, ...], tuple[str, int, int, int]] = {}

    def place(self, part: str, line: int, key_col: int, value_col: int, path: tuple[str, ...]):
        self.where[path] = (part, line, key_col, value_col)

    def table(self, draw: st.DrawFn, path: tuple[str, ...], body: dict[str, Any]) -> None:
        form = draw(st.sampled_from(["header", "dotted", "inline"]))
        name = ".".join(f'"{p}"' if draw(st.booleans()) else p for p in path)
        if form == "header":
            spaced = draw(st.sampled_from(["[{}]", "[ {} ]", "[{}]  # table"]))
            self.place("tables", len(self.tables), 1, 1, path)
            self.tables.append(spaced.format(name))
            for key, value in body.items():
                head = f"{key} = "
                self.place("tables", len(self.tables), 1, len(head) + 1, (*path, key))
                self.tables.append(head + _literal(value))
        elif form == "dotted":
            first = True
            for key, value in body.items():
                head = f"{name}.{key} = "
                if first:  # the table itself is where its first dotted key is
                    self.place("top", len(self.top), 1, 1, path)
                    first = False
                self.place("top", len(self.top), len(name) + 2, len(head) + 1, (*path, key))
                self.top.append(head + _literal(value))
        else:
            text = f"{name} = {{"
            self.place("top", len(self.top), 1, 1, path)
            for index, (key, value) in enumerate(body.items()):
                text += " " if index == 0 else ", "
                self.place(
                    "top", len(self.top), len(text) + 1, len(text) + len(key) + 4, (*path, key)
                )
                text += f"{key} = {_literal(value)}"
            self.top.append(text + " }")

    def text(self) -> str:
        return "\n".join([*self.top, "", *self.tables, "", EVENT])

    def position(self, path: tuple[str, ...], anchor: str) -> tuple[int, int | None]:
        part, line, key_col, value_col = self.where[path]
        number = line + 1 if part == "top" else len(self.top) + 2 + line
        return number, {"key": key_col, "value": value_col, "table": None}[anchor]


@st.composite
def broken_tables(draw: st.DrawFn) -> Case:
    schedule = dict(SCHEDULE)
    venues = {k: dict(v) for k, v in VENUES.items()}
    mistake = draw(st.sampled_from(["missing", "unknown", "zone", "deadline", "type", "holiday"]))
    where = draw(st.sampled_from(["schedule", "vienna", "new-york"]))
    body = schedule if where == "schedule" else venues[where]
    path = ("schedule",) if where == "schedule" else ("venues", where)
    if mistake == "missing":
        key = draw(
            st.sampled_from(["id", "title"] if where == "schedule" else ["name", "timezone"])
        )
        del body[key]
        target, anchor, fragment = path, "table", f"missing required key `{key}`"
    elif mistake == "unknown":
        body["colour"] = "red"
        target, anchor, fragment = (*path, "colour"), "key", "unknown key `colour`"
    elif mistake == "zone":
        body["timezone"] = "Europe/Viena"
        target, anchor, fragment = (*path, "timezone"), "value", "unknown time zone"
    elif mistake == "deadline":
        schedule["deadline"] = draw(st.sampled_from(["dew", "nothing"]))
        target, anchor, fragment = ("schedule", "deadline"), "value", "names no event"
    elif mistake == "type":
        key = "title" if where == "schedule" else "name"
        body[key] = 5
        target, anchor, fragment = (*path, key), "value", f"`{key}` must be a string"
    else:
        body["holidays"] = "2023-01-01"
        target, anchor, fragment = (*path, "holidays"), "value", "`holidays` must be an array"
    writer = Writer()
    tables = [(("schedule",), schedule), *((("venues", k), v) for k, v in venues.items())]
    for table_path, table_body in draw(st.permutations(tables)):
        writer.table(draw, table_path, table_body)
    line, column = writer.position(target, anchor)
    return Case(writer.text(), mistake, line, column, fragment)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(broken_tables())
def test_mistakes_in_schedule_and_venue_tables_are_located_in_every_form(case: Case) -> None:
    with pytest.raises(ScheduleError) as caught:
        load_text(case.text, "s.toml")
    ours = [e for e in caught.value.errors if case.fragment in e.message]
    numbered = "\n".join(f"{n:4} {t}" for n, t in enumerate(case.text.split("\n"), 1))
    assert ours, f"{[str(e) for e in caught.value.errors]}\n{numbered}"
    expected = (case.line, ours[0].column if case.column is None else case.column)
    assert (ours[0].line, ours[0].column) == expected, f"{ours[0]}\n{numbered}"


# -- syntax errors, after the bundled schedule's non-ASCII text -----------------------------

#: Lines of the bundled schedule that are one `key = value` (not inside a multi-line string).
SIMPLE = [
    number
    for number, line in enumerate(LINES)
    if " = " in line
    and not line.startswith(("#", " "))
    and '"""' not in line
    and not LINES[number - 1].endswith("\\")
]
BROKEN = ["First session", "2023-01-09T10:00", '"unterminated', "2023-02-30", "tru", "'a'b", "1__0"]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(SIMPLE), st.sampled_from(BROKEN), st.sampled_from(["", "été ", "日本 "]))
def test_syntax_errors_are_on_their_line_whatever_text_comes_before(
    number: int, broken: str, prefix: str
) -> None:
    lines = list(LINES)
    key = lines[number].split(" = ", 1)[0]
    lines[number] = f"{key} = {broken}"
    if prefix:  # non-ASCII text earlier on the same line, in a comment above
        lines.insert(number, f"# {prefix}{prefix}")
        number += 1
    with pytest.raises(ScheduleError) as caught:
        load_text("\n".join(lines), "s.toml")
    error = caught.value.errors[0]
    assert error.line == number + 1, str(error)
    assert error.message.startswith("invalid TOML"), str(error)
