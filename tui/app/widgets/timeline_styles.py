"""The timeline's styles: the theme's colour of each style name a line's runs use.

A base class of `Timeline`, kept apart so the widget module stays about drawing and
selection. `timeline.lines` names the styles (`"session"`, `"ghost"`, `"fault"`…); each is
a `timeline--<name>` component class in app.tcss, resolved once per theme and cached, and
`cursor+<name>` is the same on the selected row (bold too: not colour alone).
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.scroll_view import ScrollView
from textual.strip import Strip

_KINDS = ("session", "consultation", "meeting", "deadline", "milestone")
#: Against a baseline (`timeline.marks`), and an event a failing rule blames.
_MARKS = ("ghost", "added", "removed", "changed", "fault")


class TimelineStyles(ScrollView):
    """Style names to Rich styles, cached until the theme or the CSS changes."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline--axis",
        "timeline--axis-top",
        "timeline--grid",
        "timeline--now",
        "timeline--cursor",
        "timeline--title",
        "timeline--title-off",
        "timeline--dim",
        *(f"timeline--{name}" for name in _KINDS + _MARKS),
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._styles: dict[str, Style] = {}

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._styles_changed()

    def _styles_changed(self) -> None:
        """What the widget drew with the old styles is stale (overridden by `Timeline`)."""

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            if name == "base":
                style = self.rich_style
            elif name.startswith("cursor+"):
                cursor = self.get_component_rich_style("timeline--cursor")
                style = self._style(name[7:]) + Style(bgcolor=cursor.bgcolor, bold=True)
            else:
                style = self.rich_style + self.get_component_rich_style(f"timeline--{name}")
            self._styles[name] = style
        return style

    def _strip(self, runs: list[tuple[str, str]], prefix: str, width: int) -> Strip:
        """A line of `width` cells from (text, style name) runs."""
        style = self._style
        strip = Strip([Segment(text, style(prefix + name)) for text, name in runs])
        return strip.adjust_cell_length(width, style(prefix + "base"))
