"""The `?` screen: every key that works here, built from the live bindings."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tui.live_bindings import SKIP_ACTIONS, KeyHelp

FILTER_HELP = (
    "Filter (/): words must all appear; kind:, tag:, venue:, status: pick by field "
    "(kind:session,deadline means either); escape clears."
)


class HelpScreen(ModalScreen[None]):
    """Shows the sections given (see `tui.live_bindings.live_keys`); any of esc, q, ? closes."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, sections: list[tuple[str, list[KeyHelp]]], palette_key: str) -> None:
        super().__init__()
        self.sections = sections
        self.palette_key = palette_key

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help-dialog"):
            yield Label("docket keys", classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(self._body(), id="help-body")
            yield Label("[dim]esc close[/dim]", classes="dialog-help")

    def _body(self) -> Group:
        parts: list = []
        for title, items in self.sections:
            table = Table.grid(padding=(0, 2))
            table.add_column(style="bold", no_wrap=True, min_width=9)
            table.add_column()
            for item in items:
                if item.action in SKIP_ACTIONS:
                    continue
                style = "" if item.enabled else "dim"
                table.add_row(" ".join(item.keys), Text(item.description, style=style))
            parts += [Text(title, style="underline"), table, Text("")]
        parts.append(Text(f"{self.palette_key}  command palette: every action by name"))
        parts.append(Text("click  select an event (double-click: details)"))
        parts.append(Text(""))
        parts.append(Text(FILTER_HELP, style="dim"))
        return Group(*parts)

    def action_close(self) -> None:
        self.dismiss(None)
