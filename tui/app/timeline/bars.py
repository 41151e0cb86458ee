"""How a span's bar is drawn cell by cell: days as they are. Textual-free.

Wherever a day is at least one cell wide, a day without meetings inside a span (a weekend,
a schedule or venue holiday) is drawn in a light shade `░` instead of the kind's glyph, so
a planner sees which days meet. Where a day is six cells or more (week zoom and closer) the
`hours` blocks are drawn at their local times: the kind's glyph in the hours, `─` between
them, and half blocks where a block covers only half a cell, so 10:00–13:00 and 15:00–18:00
read as two blocks a day. A cell that spans more than a day keeps the kind's glyph
throughout, so even a ten-day session at the whole-schedule zoom is one recognisable cell.

Per line this is one pass over the bar's cells with arithmetic only; what the row knows
(its holidays as day numbers, its blocks as fractions of a day) is computed once per load.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.app.timeline.rows import Row
    from tui.app.timeline.scale import Window

#: A day without meetings inside a span.
LIGHT = "░"
#: A working day's time outside its meeting blocks.
BETWEEN = "─"
#: A block covering the left or the right half of a cell only.
LEFT_HALF, RIGHT_HALF = "▌", "▐"
#: Cells per day from which the meeting blocks are drawn at their times.
HOURS_FROM = 6.0


def draw_bar(
    chars: list[str], names: list[str], row: Row, window: Window, cells: range, kind: str, now: int
) -> None:
    """Fill `cells` (inside the window) with `row`'s bar, in style `kind` (`now` on the as-of
    line)."""
    glyph = row.bar_glyph
    per_cell = window.days_per_cell
    # (A row from the view cache, `tui.app.rows_cache`, may lack the day facts: drawn whole.)
    if not getattr(row, "daily", False) or per_cell > 1.0 or row.event.is_off:
        for cell in cells:
            chars[cell] = glyph
            names[cell] = "now" if cell == now else kind
        return
    hours = row.hours if per_cell * HOURS_FROM <= 1.0 else ()
    start, t0, t1 = window.start, row.t0, row.t1
    for cell in cells:
        a = start + cell * per_cell
        # The day the cell is most of; a cell at an end of the bar takes the bar's own day.
        day = math.floor(min(max(a + per_cell / 2, t0), t1 - 1e-9))
        if not row.meets_on(day):
            shape = LIGHT
        elif hours:
            shape = _in_hours(a, per_cell, day, hours, glyph)
        else:
            shape = glyph
        chars[cell] = shape
        names[cell] = "now" if cell == now else kind


def _in_hours(
    a: float, per_cell: float, day: int, hours: tuple[tuple[float, float], ...], glyph: str
) -> str:
    """The cell [a, a + per_cell) of day `day`: in a block, between blocks, or half of each."""
    half = per_cell / 2
    left = right = 0.0
    for s, e in hours:
        s, e = day + s, day + e
        left += max(0.0, min(e, a + half) - max(s, a))
        right += max(0.0, min(e, a + per_cell) - max(s, a + half))
    in_left, in_right = left > half / 2, right > half / 2  # more than half of the half
    if in_left and in_right:
        return glyph
    if in_left:
        return LEFT_HALF
    if in_right:
        return RIGHT_HALF
    return BETWEEN
