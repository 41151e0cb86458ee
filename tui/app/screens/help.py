"""The `?` screen: every key that works here, built from the live bindings."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static

from tui.app.live_bindings import SKIP_ACTIONS, KeyHelp
from tui.app.screens.dialog import Dialog

SCROLL_HINT = "↑↓ scroll · esc close"
#: `#help-dialog`'s width and `#help-scroll`'s tallest (app.tcss).
DIALOG_WIDTH, MAX_ROWS = 104, 34
FILTER_HELP = (
    "Filter (/): words must all appear; kind:, tag:, venue:, status: pick by field "
    "(kind:session,deadline means either); escape clears."
)
MARKS_HELP = (
    "Against a baseline (b): + added, − removed, ~ moved or resized, * other change, "
    "▁ (◌ for a deadline) the baseline's dates. ✗ after a title: a failing rule blames "
    "that event (5 says why)."
)
COUNTS_HELP = (
    "Counts: working days are Monday–Friday less the schedule's holidays (header, "
    "countdowns); an event's meeting days also leave out its venue's holidays (details, "
    "agenda's Meet). The meeting days left in the header and dashboard add up sessions "
    "only, never consultations; the dashboard's sessions follow the schedule's count rule "
    "(six-sessions: the substantive ones)."
)


class HelpScreen(Dialog[None]):
    """Shows the sections given (see `tui.app.live_bindings.live_keys`); any of esc, q, ? closes."""

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
            yield Label(SCROLL_HINT, classes="dialog-help", id="help-hint", markup=False)

    def on_mount(self) -> None:
        self._fit_height()

    def on_resize(self) -> None:
        self._fit_height()

    def _fit_height(self) -> None:
        """Give the keys only the rows the terminal has left, so the title and the scroll
        hint below them stay on screen at any size (the dialog's `max-height: 100%` alone
        would push the hint off the bottom: the keys would take their full height)."""
        width, height = self.app.size
        inner = max(1, min(DIALOG_WIDTH, width) - 4)  # less the border and the padding
        hint = -(-cell_len(SCROLL_HINT) // inner)  # its lines once wrapped
        rows = max(1, min(MAX_ROWS, height - 2 - 1 - hint))  # border, title, hint
        self.query_one("#help-scroll").styles.max_height = rows

    def _section(self, title: str, items: list[KeyHelp]) -> Group:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True, min_width=7)
        table.add_column()
        for item in items:
            if item.action in SKIP_ACTIONS:
                continue
            style = "" if item.enabled else "dim"
            table.add_row(" ".join(item.keys), Text(item.description, style=style))
        return Group(Text(title, style="underline"), table, Text(""))

    def _body(self) -> Group:
        sections = [self._section(title, items) for title, items in self.sections]
        extra = Group(
            Text(f"{self.palette_key}  command palette: every action by name"),
            Text("click  select an event (double-click: details)"),
            Text(""),
            Text(FILTER_HELP, style="dim"),
            Text(MARKS_HELP, style="dim"),
            Text(COUNTS_HELP, style="dim"),
        )
        if self.app.size.width >= 100 and len(sections) > 1:
            # Two columns: the focused widget's keys on the left, the rest on the right.
            columns = Table.grid(padding=(0, 4))
            columns.add_column()
            columns.add_column()
            columns.add_row(sections[0], Group(*sections[1:]))
            return Group(columns, extra)
        return Group(*sections, extra)

    def action_close(self) -> None:
        self.dismiss(None)
