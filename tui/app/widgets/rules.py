"""The rules view (5): every `[[rules]]` entry of the schedule, pass, fail or waived, with
its explanation, waivers and source, drawn with the line API.

The results are computed in the screen's worker on every load (`tui.rules.evaluate`); this
widget only wraps them to its width (`tui.app.rules_lines`) and draws the lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app.rules_lines import rules_lines

if TYPE_CHECKING:
    from tui.app.rules_lines import Run
    from tui.rules import RuleResult, RulesSummary

STYLES = [
    "pass",
    "fail",
    "waived",
    "error",
    "warning",
    "title",
    "text",
    "waiver",
    "label",
    "source",
    "url",
    "hint",
]


class RulesView(ScrollView, can_focus=True):
    """The schedule's rules, one block each; scrolls with the arrow and page keys."""

    HELP_SECTION = "Rules"
    COMPONENT_CLASSES: ClassVar[set[str]] = {f"rules--{name}" for name in STYLES}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.results: list[RuleResult] = []
        self.summary: RulesSummary | None = None
        #: False until the first results arrive (tests wait for it).
        self.filled = False
        self._lines: list[list[Run]] = []
        self._width = -1
        self._styles: dict[str, Style] = {}

    def fill(self, results: Sequence[RuleResult], summary: RulesSummary | None) -> None:
        """Show results computed off the event loop (the screen's worker)."""
        self.results = list(results)
        self.summary = summary
        self.filled = True
        self._layout(self.scrollable_content_region.width, force=True)
        self.refresh()

    @property
    def plain(self) -> str:
        """The view's text as it is wrapped now (for tests)."""
        return "\n".join("".join(text for text, _ in runs) for runs in self._lines)

    def _layout(self, width: int, *, force: bool = False) -> None:
        if width <= 0 or (width == self._width and not force):
            return
        self._width = width
        self._lines = rules_lines(self.results, self.summary, width - 1) if self.filled else []
        self.virtual_size = Size(width, max(1, len(self._lines)))

    def on_resize(self, event: events.Resize) -> None:
        self._layout(self.scrollable_content_region.width)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self.rich_style
            if name:
                style += self.get_component_rich_style(f"rules--{name}")
            self._styles[name] = style
        return style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width  # without the scrollbar
        self._layout(width)
        line = y + int(self.scroll_y)
        if line >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        segments = [Segment(text, self._style(style)) for text, style in self._lines[line]]
        return Strip(segments).extend_cell_length(width, self.rich_style).crop(0, width)
