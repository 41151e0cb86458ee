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

from tui.app.headline import Headline, fit_headline, tab_texts
from tui.app.shown import shown
from tui.app.timeline.titles import fit


class DocketHeader(Widget):
    """Line 1: title · clock (marked AS OF when not the real time).
    Line 2: the headline countdown, the deadline's name and the view tabs, fitted to the
    width by `tui.app.headline` (no tabs when narrow).
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
        self.headline = Headline((), "")
        self.view = "timeline"
        self.session = ""
        #: Against a baseline: what changed and how the headline numbers moved (a 4th line).
        self.baseline = ""
        #: Narrow terminal: no tabs, and the clock drops the weekday and zone.
        self.compact = False
        self._styles: dict[str, Style] = {}

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

    @property
    def numbers(self) -> str:
        """The headline's numbers in full words, as one line ("735 days · 526 working · …")."""
        return " · ".join(phrase.full for phrase in self.headline.phrases)

    def show_countdown(self, headline: Headline) -> None:
        """The headline deadline's numbers and name (`tui.app.headline.headline_for`)."""
        headline = Headline(headline.phrases, shown(headline.name))  # the title is the file's
        if headline != self.headline:
            self.headline = headline
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

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    def _style(self, name: str) -> Style:
        """A component style, cached until the theme or the CSS changes: resolving one costs
        Textual a walk of the styles, a dozen times a redraw (each edit key redraws)."""
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(f"header--{name}")
        return style

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
        # Short of room, the badges go before the clock does (`docket check` and `5` say
        # the same), the warnings first.
        if cell_len(clock + warnings + rules) > width:
            warnings = ""
        if cell_len(clock + rules) > width:
            rules = ""
        room = max(0, width - cell_len(clock) - cell_len(warnings) - cell_len(rules))
        top.append(_fit(f" {self.title}", room), self._style("title"))
        top.append(rules, self._style("rules-failing" if self.rules_failing else "rules"))
        top.append(warnings, self._style("warnings"))
        top.append(clock, self._style("as-of" if self.as_of else "clock"))

        layout = fit_headline(self.headline, width, self.view, tabs=not self.compact)
        bottom = Text(no_wrap=True)
        bottom.append(layout.numbers, self._style("numbers"))
        bottom.append(layout.name, self._style("countdown"))
        for text, current in tab_texts(self.view, layout.tabs):
            bottom.append(text, self._style("tab-current" if current else "tab"))
        bottom.truncate(width)
        third = Text(_fit(f" {self.session}", width), self._style("session"), no_wrap=True)
        lines = [top, bottom, third]
        if self.baseline:
            # From the file (event titles, the revision's name): shown, never sent.
            text = fit(f" {shown(self.baseline)}", width)
            lines.append(Text(text, self._style("baseline"), no_wrap=True))
        for line in lines:
            line.truncate(width, overflow="ellipsis")  # in cells; never wrapped onto the next
        return Text("\n", no_wrap=True).join(lines)


def _fit(text: str, width: int) -> str:
    if cell_len(text) > width:
        return set_cell_size(text, max(0, width - 1)) + "…" if width else ""
    return set_cell_size(text, width)
