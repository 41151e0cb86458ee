"""The command palette, guarded against the keys that end Textual's own (Textual 8.2).

Its failures here all come from keys typed ahead of a frame:
- `pgup`/`pgdn` before the list of commands has been laid out: `OptionList._move_page`
  reads a line map that only a laid-out list has (a KeyError). Until the list has a size,
  a page move is a move to the first or last command, which is what it would do anyway
  on a list shorter than a page.
- a second `escape` or `enter` between the palette asking to close and leaving the stack:
  `Screen.dismiss` pops whatever screen is on top, so it would pop the main screen (a
  ScreenStackError) or a dialog the chosen command just opened. The palette closes once,
  and only while it is the screen on top, as docket's dialogs do (`screens/dialog.py`);
  and a second `enter` no longer runs the chosen command a second time.
- keys typed while it closes: the search they start finds the palette's list already
  removed (a NoMatches that ends the app from a worker). A search for a palette that has
  lost its list is dropped.
"""

from __future__ import annotations

import asyncio
from typing import Any

from textual import work
from textual.await_complete import AwaitComplete
from textual.command import CommandList, CommandPalette
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import Button, Input, OptionList

#: What chooses a command: a second of these, queued before the palette closed, ran the
#: command again (`enter enter enter` opened three export dialogs).
_CHOOSING = (Input.Submitted, Button.Pressed, OptionList.OptionSelected)
_WITHOUT_LAYOUT = {"page_up": "first", "page_down": "last"}
#: Textual's search, without its `@work` (re-applied below, with the same group).
_gather = CommandPalette._gather_commands.__wrapped__  # type: ignore[attr-defined]


class DocketPalette(CommandPalette):
    """Textual's palette, with page moves and closing made safe for keys typed ahead."""

    _dismissed = False

    def _action_command_list(self, action: str) -> None:
        commands = self.query(CommandList)
        if commands and not commands.first().scrollable_content_region:
            action = _WITHOUT_LAYOUT.get(action, action)
        super()._action_command_list(action)

    async def _on_message(self, message: Message) -> None:
        if self._dismissed and isinstance(message, _CHOOSING):
            return  # closing: the command was chosen once already (these were queued)
        await super()._on_message(message)

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if self._dismissed or self.app.screen is not self:
            return AwaitComplete(asyncio.sleep(0))  # already closing: nothing more to do
        self._dismissed = True
        return super().dismiss(result)

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        try:
            await _gather(self, search_value)
        except NoMatches:
            if self.query(CommandList):
                raise  # not the closing palette's: a failure to see
