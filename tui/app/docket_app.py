"""The docket app: the main screen, the help and quit keys, the command palette.

Kept small: the main screen (`tui/app/screens/main.py`) binds its document
(`tui/app/document.py`: the schedule, filter, selection, clock) to the views; the widgets
draw; this class wires the stylesheet, the palette provider and the first frame.
Build it with `tui.app.factory.build_app`, as the command line and the tests do.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen

from tui.app.config import AppConfig
from tui.app.screens.main import MainScreen
from tui.app.shown import pasted, shown

if TYPE_CHECKING:
    from textual.command import Provider


class DocketApp(App[object]):
    """A keyboard-driven timeline of a schedule file, with live countdowns and live reload."""

    CSS_PATH = "app.tcss"
    TITLE = "docket"
    COMMANDS = App.COMMANDS | {lambda: _docket_commands()}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, config: AppConfig) -> None:
        super().__init__()
        self.config = config

    def get_default_screen(self) -> Screen[Any]:
        return MainScreen(self.config)

    @property
    def main(self) -> MainScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    async def on_event(self, event: events.Event) -> None:
        # Every paste passes here on its way to the focused widget (docket's inputs and
        # Textual's, the palette's too): what it holds is shown, never sent, and an Input
        # would draw a pasted C1 control or bidi override raw. Typed keys need nothing: a
        # control is not printable, so no Input inserts it.
        if isinstance(event, events.InputEvent | events.Paste) and not event.is_forwarded:
            if not self.screen_stack:
                # Keys typed ahead of a quit (a palette's "Quit" chosen, then more keys)
                # arrive once the screens are gone: Textual would raise ScreenStackError.
                return
            if isinstance(event, events.Paste):
                text = pasted(event.text)
                if text != event.text:
                    event = events.Paste(text)
        await super().on_event(event)

    async def on_ready(self, _event: events.Ready) -> None:
        # The first frame is on screen: mount the rest, load the schedule, watch the file.
        if self.config.web:  # before any download: its chunks are written from a thread
            from tui.app.widgets.textual_internals import serialise_web_writes

            serialise_web_writes(self)
        await self.main.start()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification, docket's and Textual's, passes here: what it says may quote
        the file (names, values, paths), so its control characters are made visible.
        docket's own notifications pass `markup=False`: a file name is text, not markup.
        Textual's own pass markup; one that does not parse (it quotes a path such as
        `[--a=/b]`, which `escape` leaves as it is) is shown as text, not a crash."""
        if markup and not _is_markup(message):
            markup = False  # a Textual message that quotes a path: shown as it is
        super().notify(
            shown(message, multiline=True),
            title=shown(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # Textual's "Keys" panel repeats what `?` shows, and squeezes the timeline to make
        # room for itself: the palette offers docket's own help instead.
        for command in super().get_system_commands(screen):
            if command.title != "Keys":
                yield command

    # The palette: docket's guarded one (`tui/app/palette.py`) wherever Textual opens one
    # (`search_commands`, which neither docket nor Textual calls, is left as it is).

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from tui.app.palette import DocketPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(DocketPalette(id="--command-palette"))

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        from tui.app.palette import DocketPalette

        self.push_screen(DocketPalette(providers=[ThemeProvider], placeholder="Search for themes…"))

    async def action_quit(self) -> None:
        """q, ctrl+q and the palette's Quit: with edits pending, ask first (save / discard /
        cancel); otherwise quit at once."""
        main = self.screen_stack[0] if self.screen_stack else None
        if isinstance(main, MainScreen) and main.pending_edits:
            main.ask_before_quit()
            return
        self.exit()

    def action_help(self) -> None:
        from tui.app.live_bindings import live_keys
        from tui.app.screens.help import HelpScreen

        if isinstance(self.screen, MainScreen):
            palette = self.get_key_display(Binding(self.COMMAND_PALETTE_BINDING, ""))
            self.push_screen(HelpScreen(live_keys(self.screen), palette))


def _is_markup(text: str) -> bool:
    from textual.content import Content
    from textual.markup import MarkupError

    try:
        Content.from_markup(text)
    except MarkupError:
        return False
    return True


def _docket_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens (not at start-up)."""
    from tui.app.commands import DocketCommands

    return DocketCommands
