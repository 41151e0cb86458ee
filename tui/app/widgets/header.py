"""The header: schedule title, the as-of clock, the headline countdown and the view tabs.

One widget drawing two lines (no child widgets): it is in the first frame, which must be
cheap, and it redraws every second while the clock ticks.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from tui.app.shown import shown

VIEWS = (("timeline", "Timeline"), ("agenda", "Agenda"), ("countdowns", "Countdowns"))


class DocketHeader(Widget):
    """Line 1: title · clock (marked AS OF when not the real time).
    Line 2: the headline countdown · the view tabs (left out when narrow)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "header--title",
        "header--warnings",
        "header--clock",
        "header--as-of",
        "header--countdown",
        "header--numbers",
        "header--tab",
        "header--tab-current",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title = "docket"
        self.warnings = 0
        self.clock = ""
        self.as_of = False
        self.numbers = ""
        self.countdown = ""
        self.view = "timeline"
        #: Narrow terminal: no tabs, and the clock drops the weekday and zone.
        self.compact = False

    def show_title(self, title: str) -> None:
        self.title = shown(title)  # from the file: shown, never sent to the terminal
        self.refresh()

    def show_warnings(self, count: int) -> None:
        """How many warnings the schedule has (`docket check` lists them)."""
        self.warnings = count
        self.refresh()

    def show_clock(self, text: str, as_of: bool) -> None:
        if (text, as_of) != (self.clock, self.as_of):
            self.clock, self.as_of = text, as_of
            self.refresh()

    def show_countdown(self, numbers: str, title: str) -> None:
        title = shown(title)
        if (numbers, title) != (self.numbers, self.countdown):
            self.numbers, self.countdown = numbers, title
            self.refresh()

    def show_view(self, view: str) -> None:
        self.view = view
        self.refresh()

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"header--{name}")

    def render(self) -> Text:
        width = self.size.width
        clock = f" AS OF {self.clock} " if self.as_of else f" {self.clock} "
        top = Text(no_wrap=True, overflow="ellipsis")
        plural = "s" if self.warnings != 1 else ""
        warnings = f" ⚠ {self.warnings} warning{plural} " if self.warnings else ""
        if self.compact and warnings:
            warnings = f" ⚠ {self.warnings} "
        room = max(0, width - cell_len(clock) - cell_len(warnings))
        top.append(_fit(f" {self.title}", room), self._style("title"))
        top.append(warnings, self._style("warnings"))
        top.append(clock, self._style("as-of" if self.as_of else "clock"))

        tabs = Text()
        if not self.compact:
            for number, (name, label) in enumerate(VIEWS, start=1):
                style = "tab-current" if name == self.view else "tab"
                tabs.append(f" {number} {label} ", self._style(style))
        bottom = Text(no_wrap=True)
        room = max(0, width - tabs.cell_len)
        left = Text()
        if self.numbers:
            left.append(f" ◆ {self.numbers}", self._style("numbers"))
            left.append(f" → {self.countdown}", self._style("countdown"))
        else:
            left.append(f" {self.countdown}", self._style("countdown"))
        left.truncate(room, overflow="ellipsis", pad=True)
        bottom.append_text(left)
        bottom.append_text(tabs)
        return Text("\n").join([top, bottom])


def _fit(text: str, width: int) -> str:
    if cell_len(text) > width:
        return set_cell_size(text, max(0, width - 1)) + "…" if width else ""
    return set_cell_size(text, width)
