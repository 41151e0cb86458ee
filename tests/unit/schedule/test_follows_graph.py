"""Random graphs of dates that follow others, against a resolver written plainly here.

The loader walks chains with an explicit stack and jumps whole weeks of working days; the
reference below recurses and walks day by day, so the two share no code but the format.
Graphs cover chains, fans (many dates on one), self-reference and cycles of every length,
all-day and local date-time anchors (across Vienna's changes of summer time), month ends
and runs of holidays.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.errors import ScheduleError
from tui.schedule.loader import load_text

VIENNA = ZoneInfo("Europe/Vienna")
UNITS = ("days", "weeks", "months", "working_days")
HEADER = '[schedule]\nid = "p"\ntitle = "P"\ntimezone = "Europe/Vienna"\n'


@dataclass(frozen=True)
class Fixed:
    start: date | datetime
    days: int | None  # a session's length, or None for a deadline


@dataclass(frozen=True)
class Link:
    target: int
    part: str | None  # "start", "end" or None (the default of the direction)
    before: bool
    unit: str
    amount: int


def _shift_day(day: date, amount: int, unit: str, holidays: set[date]) -> date:
    if unit == "days":
        return day + timedelta(days=amount)
    if unit == "weeks":
        return day + timedelta(days=7 * amount)
    if unit == "months":
        month0 = day.month - 1 + amount
        year, month = day.year + month0 // 12, month0 % 12 + 1
        last = calendar.monthrange(year, month)[1]
        return date(year, month, min(day.day, last))
    step = 1 if amount > 0 else -1
    for _ in range(abs(amount)):
        day += timedelta(days=step)
        while day.weekday() >= 5 or day in holidays:
            day += timedelta(days=step)
    return day


def reference(
    nodes: list[Fixed | Link], holidays: set[date]
) -> tuple[dict[int, date | datetime], set[int]]:
    """Each resolvable event's start, and the events on a cycle."""
    values: dict[int, date | datetime] = {}
    cycles: set[int] = set()

    def end_of(index: int) -> date | datetime | None:
        node = nodes[index]
        if isinstance(node, Fixed) and node.days is not None:
            assert not isinstance(node.start, datetime)
            return node.start + timedelta(days=node.days)
        return start_of(index, [])

    def start_of(index: int, path: list[int]) -> date | datetime | None:
        if index in values:
            return values[index]
        node = nodes[index]
        if isinstance(node, Fixed):
            values[index] = node.start
            return node.start
        if index in path:
            cycles.update(path[path.index(index) :])
            return None
        part = node.part or ("start" if node.before else "end")
        if part == "end" and isinstance(nodes[node.target], Fixed):
            base = end_of(node.target)
        else:
            base = start_of(node.target, [*path, index])
        if base is None or index in cycles:
            return None
        amount = -node.amount if node.before else node.amount
        if isinstance(base, datetime):
            moved = _shift_day(base.date(), amount, node.unit, holidays)
            value: date | datetime = datetime.combine(moved, base.time(), VIENNA)
        else:
            value = _shift_day(base, amount, node.unit, holidays)
        values[index] = value
        return value

    for index in range(len(nodes)):
        start_of(index, [])
    return values, cycles


def render(nodes: list[Fixed | Link], holidays: set[date]) -> tuple[str, dict[int, int]]:
    """The schedule's text, and the line of each event's `start`."""
    lines = HEADER.splitlines()
    lines.append("holidays = [" + ", ".join(map(str, sorted(holidays))) + "]")
    start_lines: dict[int, int] = {}
    for index, node in enumerate(nodes):
        kind = "session" if isinstance(node, Fixed) and node.days is not None else "deadline"
        lines += ["", "[[events]]", f'id = "e{index}"', f'kind = "{kind}"', f'title = "E{index}"']
        if isinstance(node, Fixed):
            written = (
                node.start.isoformat()
                if not isinstance(node.start, datetime)
                else (node.start.replace(tzinfo=None).isoformat())
            )
            lines.append(f"start = {written}")
            start_lines[index] = len(lines)
            if node.days is not None:
                assert not isinstance(node.start, datetime)
                lines.append(f"end = {node.start + timedelta(days=node.days)}")
        else:
            name = f"e{node.target}" + (f".{node.part}" if node.part else "")
            direction = "before" if node.before else "after"
            lines.append(f'start = {{ {direction} = "{name}", {node.unit} = {node.amount} }}')
            start_lines[index] = len(lines)
    return "\n".join(lines) + "\n", start_lines


_DAYS = st.dates(date(2000, 1, 1), date(2100, 12, 31))
_FIXED = st.one_of(
    st.builds(Fixed, _DAYS, st.one_of(st.none(), st.integers(0, 40))),
    st.builds(
        Fixed,
        st.builds(
            lambda day, hour: datetime.combine(day, datetime.min.time(), VIENNA).replace(hour=hour),
            st.dates(date(2023, 3, 1), date(2025, 11, 30)),
            st.sampled_from([0, 1, 2, 3, 10, 23]),
        ),
        st.none(),
    ),
)


@st.composite
def graphs(draw: st.DrawFn) -> tuple[list[Fixed | Link], set[date]]:
    size = draw(st.integers(1, 25))
    nodes: list[Fixed | Link] = []
    for _ in range(size):
        if draw(st.booleans()):
            nodes.append(draw(_FIXED))
        else:
            unit = draw(st.sampled_from(UNITS))
            amount = draw(st.integers(0, 24 if unit == "months" else 60))
            nodes.append(
                Link(
                    draw(st.integers(0, size - 1)),
                    draw(st.sampled_from([None, "start", "end"])),
                    draw(st.booleans()),
                    unit,
                    amount,
                )
            )
    holidays: set[date] = set()
    for first in draw(st.lists(_DAYS, max_size=6)):
        holidays.update(first + timedelta(days=d) for d in range(draw(st.integers(1, 12))))
    return nodes, holidays


@settings(max_examples=150, deadline=None)
@given(graphs())
def test_random_graphs_resolve_as_the_plain_resolver_does(
    graph: tuple[list[Fixed | Link], set[date]],
) -> None:
    nodes, holidays = graph
    text, start_lines = render(nodes, holidays)
    values, cycles = reference(nodes, holidays)
    if cycles:
        with pytest.raises(ScheduleError) as raised:
            load_text(text)
        errors = raised.value.diagnostics
        assert {d.line for d in errors} == {start_lines[i] for i in cycles}
        assert all("cycle" in d.message or "follows itself" in d.message for d in errors)
        return
    schedule = load_text(text).schedule
    for index, node in enumerate(nodes):
        event = schedule.event(f"e{index}")
        assert event is not None
        expected = values[index]
        if isinstance(expected, datetime):
            assert isinstance(event.start, datetime)
            assert event.start.replace(tzinfo=None) == expected.replace(tzinfo=None)
            assert event.start.utcoffset() == expected.utcoffset()
        else:
            assert event.start == expected
        assert (f"e{index}" in schedule.follows) == isinstance(node, Link)


@pytest.mark.parametrize("length", [1, 2, 3, 7, 1000])
def test_a_cycle_of_any_length_is_an_error_at_every_member(length: int) -> None:
    nodes: list[Fixed | Link] = [
        Link((i + 1) % length, None, False, "days", 1) for i in range(length)
    ]
    nodes.append(Link(0, None, True, "days", 1))  # hangs on the cycle: no error of its own
    text, start_lines = render(nodes, set())
    with pytest.raises(ScheduleError) as raised:
        load_text(text)
    errors = raised.value.diagnostics
    assert [d.line for d in errors] == [start_lines[i] for i in range(length)]
    if length == 1:
        assert "`start` follows itself" in errors[0].message
    else:
        assert "e0.start → e1.start" in errors[0].message
        assert errors[-1].message.endswith("one of them must be a date of its own")


def test_a_chain_thousands_deep_resolves_without_recursion() -> None:
    depth = 5000
    nodes: list[Fixed | Link] = [Fixed(date(2024, 1, 1), None)]
    nodes += [Link(i, None, False, "days", 1) for i in range(depth)]
    schedule = load_text(render(nodes, set())[0]).schedule
    last = schedule.event(f"e{depth}")
    assert last is not None and last.start == date(2024, 1, 1) + timedelta(days=depth)


def test_a_wide_fan_all_follow_one_event() -> None:
    nodes: list[Fixed | Link] = [Fixed(date(2024, 1, 31), 0)]
    nodes += [Link(0, "start", False, "months", n) for n in range(1, 400)]
    schedule = load_text(render(nodes, set())[0]).schedule
    assert schedule.event("e1").start == date(2024, 2, 29)  # type: ignore[union-attr]
    assert schedule.event("e2").start == date(2024, 3, 31)  # type: ignore[union-attr]
    assert schedule.event("e13").start == date(2025, 2, 28)  # type: ignore[union-attr]
