"""What a row says beyond its own event: against a baseline, and against the rules.
Textual-free.

With a baseline (`docket --baseline REV|FILE`, or `b`), every event that changed carries a
`RowMark`: a sign in the row's first cell — `+` added, `−` removed, `~` moved or resized,
`*` any other change (status, venue, hours, kind, words) — and, when its dates moved, the
baseline's dates as a ghost bar behind its own (`▁` cells where the current bar is not,
`◌` for a deadline or milestone). A removed event keeps a row of its own, drawn as a ghost
only. Signs are shapes, not colours alone, so the marks read in any theme.

An event at fault under a failing rule ends its title with `✗` (`FAULT`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.app.timeline.scale import Window

#: The sign of each mark, and the style it is drawn in.
ADDED, REMOVED, TIMING, OTHER = "+", "−", "~", "*"
SIGN_STYLES = {ADDED: "added", REMOVED: "removed", TIMING: "changed", OTHER: "changed"}
#: A baseline span's cells where the current bar is not, and a baseline point's cell.
GHOST, GHOST_POINT = "▁", "◌"
#: The end of the title of an event a failing rule blames.
FAULT = "✗"


@dataclass(frozen=True, slots=True)
class RowMark:
    """One event against the baseline: its sign, what changed in words, and the baseline's
    span as day numbers (`ghost`, None when the dates did not change)."""

    sign: str
    phrase: str
    ghost: tuple[float, float] | None = None
    ghost_point: bool = False

    @property
    def style(self) -> str:
        return SIGN_STYLES[self.sign]


def draw_ghost(chars: list[str], names: list[str], mark: RowMark, window: Window) -> None:
    """Put the baseline's span of `mark` into an empty chart line, before the row's own bar
    is drawn over it (cells on the as-of line keep it)."""
    if mark.ghost is None:
        return
    t0, t1 = mark.ghost
    width = window.width
    first = window.cell(t0)
    if mark.ghost_point:
        if 0 <= first < width:
            chars[first], names[first] = GHOST_POINT, "ghost"
        return
    last = max(first, math.ceil(window.column(t1)) - 1)
    for column in range(max(0, first), min(width - 1, last) + 1):
        if names[column] != "now":
            chars[column], names[column] = GHOST, "ghost"
