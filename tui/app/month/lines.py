"""Each line of the month grid as text runs with style names. Textual-free.

The grid is a title line, a weekday line, then `per_week` lines for each week: the day's
number (with `▸` before the selected day, `▼` after the as-of day and `✱` on a holiday)
and its marks on the first line (or on the second when there are two), then the titles of
what meets that day.
"""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len, set_cell_size

from tui.app.month.grid import AS_OF, CURSOR, HOLIDAY, DayCell, MonthIndex
from tui.app.month.text import Run, fit_words, line_width, pad
from tui.core.words import WEEKDAYS, month_text


def lines_per_week(height: int, weeks: int) -> int:
    """How many lines each week gets in `height` lines (at least one, at most five)."""
    return max(1, min(5, (height - 2) // max(1, weeks)))


def cell_width(width: int) -> int:
    return max(4, width // 7)


def grid_lines(
    index: MonthIndex, first: date, cursor: date, as_of: date, width: int, per_week: int
) -> list[list[Run]]:
    """Every line of `first`'s month: title, weekdays, then the weeks."""
    cw = cell_width(width)
    title = f"◂ {month_text(first)} ▸"
    lines: list[list[Run]] = [[(pad(f" {title}", cw * 7), "title")]]
    names = [(pad(f"  {name}", cw), _day_style(i >= 5, True)) for i, name in enumerate(WEEKDAYS)]
    lines.append([(text, f"{style} heading") for text, style in names])
    for week in index.grid(first):
        for line in range(per_week):
            runs: list[Run] = []
            for cell in week:
                runs += _cell_runs(cell, cursor, as_of, cw, line, per_week)
            lines.append(runs)
    return lines


def _day_style(weekend: bool, in_month: bool) -> str:
    if not in_month:
        return "outside"
    return "weekend" if weekend else "day"


def _cell_runs(
    cell: DayCell, cursor: date, as_of: date, cw: int, line: int, per_week: int
) -> list[Run]:
    """One line of one day's cell, exactly `cw` cells; style names are space-separated, the
    cell's own (cursor, now, weekend, outside) first, then the mark's kind."""
    base = _day_style(cell.weekend, cell.in_month)
    if cell.day == cursor:
        base = "cursor"
    elif cell.day == as_of:
        base = "now"
    runs: list[Run] = []
    if line == 0:
        mark = CURSOR if cell.day == cursor else " "
        runs.append((f"{mark}{cell.day.day:>2}{AS_OF if cell.day == as_of else ' '}", base))
        if cell.holiday:
            runs.append((HOLIDAY, f"{base} holiday"))
    if (per_week == 1 and line == 0) or (per_week > 1 and line == 1):
        if line == 1:
            runs.append(("    ", base))
        runs += [(m.glyph, f"{base} {m.style}") for m in cell.marks]
    elif line >= 2 and line - 2 < len(cell.titles) and cw >= 10:
        text, style = cell.titles[line - 2]
        runs.append((" " + fit_words(text, cw - 1), f"{base} {style}"))
    used = line_width(runs)
    if used > cw:  # more marks than room: keep what fits
        kept: list[Run] = []
        room = cw
        for text, style in runs:
            piece = set_cell_size(text, min(room, cell_len(text)))
            if piece:
                kept.append((piece, style))
            room -= cell_len(piece)
        runs, used = kept, cw
    runs.append((" " * (cw - used), base))
    return runs
