"""The header: schedule title, the as-of clock, the headline countdown, the view tabs and
what is next (the session in progress or the next one).

One widget drawing three lines (no child widgets): it is in the first frame, which must be
cheap, and it redraws every second while the clock ticks.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from tui.app.shown import shown
from tui.app.timeline.lines import fit

VIEWS = (
    ("timeline", "Timeline"),
    ("agenda", "Agenda"),
    ("countdowns", "Countdowns"),
    ("month", "Month"),
    ("rules", "Rules"),
)


class DocketHeader(Widget):
    """Line 1: title · clock (marked AS OF when not the real time).
    Line 2: the headline countdown · the view tabs (left out when narrow).
    Line 3: the session in progress or next, with its venue and phase.
    Line 4, against a baseline only: what changed, and the headline numbers old → new."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "header--title",
        "header--warnings",
        "header--rules",
        "header--rules-failing",
        "header--clock",
        "header--as-of",
        "header--countdown",
        "header--numbers",
        "header--tab",
        "header--tab-current",
        "header--session",
        "header--baseline",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title = "docket"
        self.warnings = 0
        #: `rules: 5 ✓ 1 ✗` ('' without rules) and whether an `error` rule fails.
        self.rules = ""
        self.rules_failing = False
        self.clock = ""
        self.as_of = False
        self.numbers = ""
        self.countdown = ""
        self.view = "timeline"
        self.session = ""
        #: Against a baseline: what changed and how the headline numbers moved (a 4th line).
        self.baseline = ""
        #: Narrow terminal: no tabs, and the clock drops the weekday and zone.
        self.compact = False

    def show_title(self, title: str) -> None:
        self.title = shown(title)  # from the file: shown, never sent to the terminal
        self.refresh()

    def show_warnings(self, count: int) -> None:
        """How many warnings the schedule has (`docket check` lists them)."""
        self.warnings = count
        self.refresh()

    def show_rules(self, badge: str, failing: bool) -> None:
        """The rules badge (`tui.rules.summary.RulesSummary.badge`), red when `failing`."""
        if (badge, failing) != (self.rules, self.rules_failing):
            self.rules, self.rules_failing = badge, failing
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

    def show_session(self, text: str) -> None:
        """The current or next session in words (`tui.app.timeline.whats_next`)."""
        if text != self.session:
            self.session = text
            self.refresh()

    def show_baseline(self, text: str) -> None:
        """The baseline line (`tui.app.baseline_view.headline_text`); '' takes the line away."""
        if text != self.baseline:
            self.baseline = text
            self.set_class(bool(text), "-baseline")
            self.refresh(layout=True)

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
        rules = f" {self.rules} " if self.rules else ""
        if self.compact and rules:
            rules = f" {self.rules.removeprefix('rules: ')} "
        room = max(0, width - cell_len(clock) - cell_len(warnings) - cell_len(rules))
        top.append(_fit(f" {self.title}", room), self._style("title"))
        top.append(rules, self._style("rules-failing" if self.rules_failing else "rules"))
        top.append(warnings, self._style("warnings"))
        top.append(clock, self._style("as-of" if self.as_of else "clock"))

        tabs = Text()
        if not self.compact:
            for number, (name, label) in enumerate(VIEWS, start=1):
                style = "tab-current" if name == self.view else "tab"
                tabs.append(f" {number} {label} ", self._style(style))
        bottom = Text(no_wrap=True)
        room = max(0, width - tabs.cell_len)
        # Shortened at word boundaries: the numbers first, the deadline's title if room is left.
        numbers = fit(f" ◆ {self.numbers}", room) if self.numbers else ""
        numbers = numbers.rstrip() if cell_len(numbers.rstrip()) + 4 <= room else numbers
        bottom.append(numbers, self._style("numbers"))
        arrow = " → " if self.numbers else " "
        bottom.append(
            fit(arrow + self.countdown, room - cell_len(numbers)), self._style("countdown")
        )
        bottom.append_text(tabs)
        third = Text(_fit(f" {self.session}", width), self._style("session"), no_wrap=True)
        lines = [top, bottom, third]
        if self.baseline:
            # From the file (event titles, the revision's name): shown, never sent.
            text = fit(f" {shown(self.baseline)}", width)
            lines.append(Text(text, self._style("baseline"), no_wrap=True))
        return Text("\n").join(lines)


def _fit(text: str, width: int) -> str:
    if cell_len(text) > width:
        return set_cell_size(text, max(0, width - 1)) + "…" if width else ""
    return set_cell_size(text, width)
