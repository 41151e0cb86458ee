"""The countdowns dashboard: a card per deadline and milestone, drawn with the line API.

The cards (`tui.app.month.dashboard`) are computed in the screen's worker; this widget only
draws the lines on screen, each cached per width, so 10,000 deadlines cost what a screenful
does. `↑`/`↓` move between cards, `enter` shows the deadline on the timeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app.month.dashboard import CARD_LINES, card_lines, right_width

if TYPE_CHECKING:
    from tui.app.month.dashboard import Card
    from tui.app.month.text import Run

STYLES = ("title", "headline", "past", "due", "label", "bar", "sessions", "meeting", "numbers")


class CountdownsDashboard(ScrollView, can_focus=True):
    """Every deadline's card, the headline first; the selected card is marked `▌`."""

    HELP_SECTION = "Countdowns"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "move(1)", "Next deadline", show=False),
        Binding("up,k", "move(-1)", "Previous deadline", show=False),
        Binding("home", "move_to(0)", "First deadline", show=False),
        Binding("end", "move_to(-1)", "Last deadline", show=False),
        Binding("enter", "choose", "Show on timeline"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {f"dashboard--{name}" for name in STYLES} | {
        "dashboard--text",
        "dashboard--cursor",
        "dashboard--empty",
    }

    class Chosen(Message):
        def __init__(self, event_id: str) -> None:
            super().__init__()
            self.event_id = event_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cards: list[Card] = []
        self.cursor = 0
        self._right = 0
        self._lines: dict[tuple[int, int], list[Run]] = {}
        self._styles: dict[str, Style] = {}

    @property
    def row_count(self) -> int:
        """How many cards (so tests wait for it as for a table's rows)."""
        return len(self.cards)

    @property
    def selected_id(self) -> str | None:
        return self.cards[self.cursor].countdown.event.id if self.cards else None

    def fill(self, cards: Sequence[Card]) -> None:
        """Show cards computed off the event loop (the screen's worker)."""
        self.cards = list(cards)
        self._right = right_width(self.cards)
        self.cursor = min(self.cursor, max(0, len(self.cards) - 1))
        self._lines.clear()
        self.virtual_size = Size(self.size.width, max(1, len(self.cards) * CARD_LINES))
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._lines.clear()
        self.virtual_size = Size(event.size.width, max(1, len(self.cards) * CARD_LINES))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    def action_move(self, step: int) -> None:
        self._go(self.cursor + step)

    def action_move_to(self, index: int) -> None:
        self._go(index if index >= 0 else len(self.cards) - 1)

    def action_choose(self) -> None:
        if self.selected_id is not None:
            self.post_message(self.Chosen(self.selected_id))

    def on_click(self, event: events.Click) -> None:
        index = (event.y + int(self.scroll_y)) // CARD_LINES
        if 0 <= index < len(self.cards):
            self._go(index)
            if event.chain >= 2:
                self.action_choose()

    def _go(self, index: int) -> None:
        if not self.cards:
            return
        self.cursor = max(0, min(index, len(self.cards) - 1))
        top, height = int(self.scroll_y), self.size.height
        first, last = self.cursor * CARD_LINES, self.cursor * CARD_LINES + CARD_LINES - 1
        if first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif last >= top + height:
            self.scroll_to(y=max(0, last - height + 1), animate=False, immediate=True)
        self.refresh()

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self.rich_style
            if name:
                style += self.get_component_rich_style(f"dashboard--{name}")
            self._styles[name] = style
        return style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width  # without the scrollbar
        line = y + int(self.scroll_y)
        if not self.cards:
            text = " No deadlines or milestones in this schedule." if y == 0 else ""
            return Strip([Segment(text.ljust(width), self._style("empty"))]).crop(0, width)
        index, part = divmod(line, CARD_LINES)
        if index >= len(self.cards):
            return Strip.blank(width, self.rich_style)
        runs = self._lines.get((index, part))
        if runs is None:
            for number, runs_of_line in enumerate(
                card_lines(self.cards[index], width - 1, self._right)
            ):
                self._lines[(index, number)] = runs_of_line
            runs = self._lines[(index, part)]
        marker = "▌" if index == self.cursor and part < CARD_LINES - 1 else " "
        segments = [Segment(marker, self._style("cursor"))]
        segments += [Segment(text, self._style(style)) for text, style in runs]
        return Strip(segments).extend_cell_length(width, self.rich_style).crop(0, width)
