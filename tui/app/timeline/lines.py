"""What each line of the timeline says, as runs of (text, style name). Textual-free.

The timeline widget turns the style names into its theme's colours (`timeline--<name>`
component classes) and caches the resulting strips; everything about *what* is drawn
where is here, so it can be tested without a terminal:

- two axis lines: the zoom and event count in the title column, then the time labels,
  with the as-of marker `▼` (in a gap of either line: it never hides a label's letter);
- one line per event: its kind's glyph and title, its dates when there is room, then its
  bar (or diamond) placed on the time axis (`bars`: days as they are), `◂`/`▸` at the
  edge for an event outside the window, `┊` gridlines and the as-of line `│` in the gaps;
  against a baseline, a sign in the first cell and a ghost bar of the baseline's dates,
  and `✗` after the title of an event a failing rule blames (`marks`).

The title column grows with the terminal (`columns`), and text is shortened at a word
boundary with an ellipsis (`fit`); titles that begin alike keep the words that tell them
apart (`titles.fit_title`).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from tui.app.timeline.bars import draw_bar
from tui.app.timeline.marks import FAULT, REMOVED, RowMark, draw_ghost
from tui.app.timeline.scale import Window, axis_lines
from tui.app.timeline.titles import fit, fit_title
from tui.core.words import plural

if TYPE_CHECKING:
    from tui.app.timeline.rows import Row

#: A piece of a line: its text and the name of its style.
Run = tuple[str, str]


#: Terminal widths from which rows carry their dates.
DATES_FROM = 100


#: The most of a line the title column takes to show every title's distinguishing prefix.
TITLE_SHARE = 0.42


def columns(line_width: int, widths: tuple[int, ...]) -> tuple[int, int]:
    """(title column, dates column) in cells for a line of `line_width`, given the widest
    title, dates text and distinguishing prefix (`titles.distinct_cells`): the title column
    grows with the terminal (a third of it, 17 to 48 cells, no more than the longest title
    needs), and further, up to `TITLE_SHARE` of the line, when that lets titles that begin
    alike show the words that tell them apart; the dates column is there from `DATES_FROM`
    columns."""
    title, dates, distinct = (*widths, 0)[:3]
    dates_width = dates + 1 if line_width >= DATES_FROM and dates else 0
    title_width = max(17, min(title + 4, line_width // 3, 48))
    if distinct:
        wanted = min(distinct, title) + 4  # the glyph and its spaces
        title_width = max(title_width, min(wanted, int(line_width * TITLE_SHARE)))
    return title_width, dates_width


def axis_runs(
    window: Window,
    title_width: int,
    zoom: str,
    shown: int,
    total: int,
    as_of_t: float,
    removed: int = 0,
) -> tuple[list[Run], list[Run]]:
    """The two axis lines; `shown` of the schedule's `total` events are on screen, and
    `removed` rows of a baseline's events besides (counted apart: they are not events)."""
    upper, lower, grid = axis_lines(window)
    count = f"{shown} of {total}" if shown != total else plural(total, "event")
    if removed:
        count += f" +{removed} removed"
    top: list[Run] = [(fit(f" zoom: {zoom}", title_width), "axis")]
    bottom: list[Run] = [(fit(f" {count}" if total else "", title_width), "axis")]
    lower_cells = list(lower)
    for cell in grid:
        if lower_cells[cell] == " ":
            lower_cells[cell] = "╷"
    now = window.cell(as_of_t)

    def marked(cells: list[str], name: str, mark: str) -> list[Run]:
        return [("".join(cells[:now]), name), (mark, "now"), ("".join(cells[now + 1 :]), name)]

    if not 0 <= now < len(lower_cells):
        top.append((upper, "axis-top"))
        bottom.append(("".join(lower_cells), "axis"))
    elif upper[now] == " ":  # the as-of marker: a ▼ in a gap of the top line,
        top += marked(list(upper), "axis-top", "▼")
        bottom.append(("".join(lower_cells), "axis"))
    else:  # else in a gap of the bottom line; over letters, it only colours the one there
        top.append((upper, "axis-top"))
        bottom += marked(lower_cells, "axis", "▼" if lower_cells[now] in " ╷" else lower_cells[now])
    return top, bottom


def background(window: Window, as_of_t: float) -> tuple[list[str], list[str]]:
    """Characters and style names of an empty chart line: gridlines and the as-of line."""
    chars = [" "] * window.width
    names = ["base"] * window.width
    for cell in axis_lines(window)[2]:
        chars[cell], names[cell] = "┊", "grid"
    now = window.cell(as_of_t)
    if 0 <= now < window.width:
        chars[now], names[now] = "│", "now"
    return chars, names


def row_runs(
    row: Row,
    window: Window,
    title_width: int,
    as_of_t: float,
    empty: tuple[list[str], list[str]],
    dates_width: int = 0,
    mark: RowMark | None = None,
    fault: bool = False,
) -> list[Run]:
    """One event's line; `empty` is `background(window, as_of_t)`, computed once per view.
    `mark`: the event against the baseline (`marks`: a sign, a ghost bar; a removed event
    is drawn as its ghost only); `fault`: a failing rule blames it (`✗` after the title)."""
    event = row.event
    kind = "dim" if event.is_off else event.kind
    chars, names = empty[0].copy(), empty[1].copy()
    width = window.width
    if mark is not None:
        draw_ghost(chars, names, mark, window)
    if row.removed:
        # Only the ghost: the event is not in the schedule any more. Outside the window when
        # no cell of it is inside (the same cells `draw_ghost` fills), as for a current bar.
        c0 = window.cell(row.t0)
        c1 = c0 if row.point else max(c0, math.ceil(window.column(row.t1)) - 1)
        if c1 < 0 or c0 >= width:
            _edge(chars, names, c0, width, "ghost")
    elif row.point:
        cell = window.cell(row.t0)
        if 0 <= cell < width:
            chars[cell], names[cell] = row.glyph, kind
        else:
            _edge(chars, names, cell, width, kind)
    else:
        c0 = window.cell(row.t0)
        c1 = max(c0, math.ceil(window.column(row.t1)) - 1)
        if c1 < 0 or c0 >= width:
            _edge(chars, names, c0, width, kind)
        else:
            cells = range(max(0, c0), min(width - 1, c1) + 1)
            draw_bar(chars, names, row, window, cells, kind, window.cell(as_of_t))
    gone = event.is_off or (mark is not None and mark.sign == REMOVED)
    title_style = "title-off" if gone else "title"
    runs: list[Run] = [
        (mark.sign, mark.style) if mark is not None else (" ", "base"),
        (row.glyph, kind),
    ]
    title, end = row.title, row.distinct
    if fault:
        runs += [(" " + fit_title(title, title_width - 6, end) + " ", title_style)]
        runs += [(FAULT, "fault"), (" ", title_style)]
    else:
        runs.append((" " + fit_title(title, title_width - 4, end) + " ", title_style))
    if dates_width:
        runs.append((fit(getattr(row, "dates", ""), dates_width - 1) + " ", "axis"))
    start = 0
    for cell in range(1, width + 1):
        if cell == width or names[cell] != names[start]:
            runs.append(("".join(chars[start:cell]), names[start]))
            start = cell
    return runs


def _edge(chars: list[str], names: list[str], cell: int, width: int, kind: str) -> None:
    """Mark an event outside the window with an arrow at the edge it lies beyond."""
    if cell < 0:
        chars[0], names[0] = "◂", kind
    else:
        chars[width - 1], names[width - 1] = "▸", kind
