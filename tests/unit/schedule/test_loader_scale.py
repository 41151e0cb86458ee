"""Reporting errors costs time linear in their number: counted in steps, never timed.

Each error used to be located by a scan of every header (20,000 unknown tables took 18 s),
and a message about a dangling name searched and listed every declaration. Here a file
with 2n errors must cost at most about twice the Python lines executed for n: a scan per
error makes it four times. (`bench/bench_check.py` measures the time.)
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

import pytest

from tui.core.errors import ScheduleError
from tui.schedule.loader import load_text

HEAD = '[schedule]\nid = "t"\ntitle = "T"\n\n'


def _event(index: int, extra: str = "") -> str:
    return (
        f'[[events]]\nid = "e{index}"\nkind = "meeting"\ntitle = "E"\nstart = 2024-03-05\n{extra}\n'
    )


#: Files with n errors of one kind each.
CASES: dict[str, Callable[[int], str]] = {
    "unknown tables": lambda n: HEAD + "".join(f"[t{i}]\nx = 1\n\n" for i in range(n)),
    "venues without a zone": lambda n: (
        HEAD + "".join(f'[venues.v{i}]\nname = "V{i}"\n\n' for i in range(n))
    ),
    "unknown sub-tables of events": lambda n: (
        HEAD + "".join(_event(i, "[events.extra]\ny = 1") for i in range(n))
    ),
    "unknown venues among many": lambda n: (
        HEAD
        + "".join(f'[venues.v{i}]\nname = "V"\ntimezone = "UTC"\n' for i in range(n))
        + "".join(_event(i, f'venue = "w{i}x"') for i in range(n))
    ),
    "rules naming no event among many": lambda n: (
        HEAD
        + "".join(_event(i) for i in range(n))
        + "".join(
            f'[[rules]]\nid = "r{i}"\ntitle = "R"\norder = {{ before = "x{i}q" }}\n'
            for i in range(n)
        )
    ),
}


def steps(text: str) -> tuple[int, int]:
    """(Python lines executed, errors reported) while loading `text`."""
    count = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        count += 1
        return trace

    previous = sys.gettrace()  # a coverage tool's or a debugger's, given back after
    sys.settrace(trace)
    try:
        load_text(text, "s.toml")
    except ScheduleError as error:
        reported = len(error.errors)
    else:
        reported = 0
    finally:
        sys.settrace(previous)
    return count, reported


@pytest.mark.parametrize("case", sorted(CASES))
def test_twice_the_errors_cost_about_twice_the_steps(case: str) -> None:
    small, small_errors = steps(CASES[case](200))
    large, large_errors = steps(CASES[case](400))
    assert small_errors >= 200 and large_errors >= 400
    assert large / small < 2.4, (case, small, large)
