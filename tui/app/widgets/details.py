"""The details panel: everything about the selected event, in the venue's and the viewer's zone."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from tui.app.describe import Fact
from tui.app.shown import shown
from tui.app.timeline.rows import KIND_GLYPHS

#: Links the panel makes clickable; any other url is shown as text only.
LINK_SCHEMES = ("http://", "https://", "mailto:")


class DetailsPanel(VerticalScroll):
    """A scrollable panel; focus it (enter) to scroll long notes, escape to go back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "leave", "Back"),
        Binding("j", "scroll_down", "Scroll down", show=False),
        Binding("k", "scroll_up", "Scroll up", show=False),
    ]

    class Left(Message):
        """The planner is done reading the details."""

    def compose(self) -> ComposeResult:
        yield Static("", id="details-body")

    def show(self, title: str, kind: str, facts: list[Fact], notes: str | None) -> None:
        """Show one event; every text may come from the file, so each is made visible
        (control characters shown, never sent) and none is read as markup."""
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(ratio=1, overflow="fold")
        for fact in facts:
            value = Text(shown(fact.value))
            if fact.label == "Link" and value.plain.lower().startswith(LINK_SCHEMES):
                value.stylize(Style(link=value.plain, underline=True))
            grid.add_row(Text(shown(fact.label)), value)
        parts: list[RenderableType] = [
            Text(shown(title), style="bold"),
            Text(f"{KIND_GLYPHS.get(kind, '')} {shown(kind)}", style="dim"),
            Text(""),
            grid,
        ]
        if notes:
            parts += [
                Text(""),
                Text("Notes", style="bold"),
                Text(shown(notes, multiline=True).strip()),
            ]
        self.query_one("#details-body", Static).update(Group(*parts))

    def show_nothing(self, text: str) -> None:
        self.query_one("#details-body", Static).update(Text(shown(text), style="dim"))

    def action_leave(self) -> None:
        self.post_message(self.Left())
