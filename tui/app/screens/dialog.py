"""The base of every dialog: closed once, whatever arrives after; and its error line.

Keys typed ahead (a paste, key repeat, a slow link) can deliver a second `enter` or
`escape` to a dialog after it has asked to close but before it is off the stack.
Textual's `dismiss` pops whatever screen is on top, so a second one would pop the main
screen (a crash: "Can't pop screen") or the dialog a callback just opened in its place.
"""

from __future__ import annotations

import asyncio
from typing import TypeVar

from rich.text import Text
from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen

from tui.app.shown import as_text, middle

ResultType = TypeVar("ResultType")

#: The longest message a dialog shows: one that quotes a pasted megabyte says so in a
#: few lines, not in thousands (which take seconds to wrap); cut in the middle, so the
#: reason at the end of `PATH: cannot write (…)` stays, however long the path.
MESSAGE_LENGTH = 300


def message_text(message: str) -> Text:
    """A dialog's error or note: it may quote what was typed, so it is text, never markup."""
    return as_text(middle(message, MESSAGE_LENGTH))


class Dialog(ModalScreen[ResultType]):
    """A modal screen whose `dismiss` acts once, and only while it is the screen on top."""

    _dismissed = False

    def dismiss(self, result: ResultType | None = None) -> AwaitComplete:
        if self._dismissed or self.app.screen is not self:
            return AwaitComplete(asyncio.sleep(0))  # already closing: nothing more to do
        self._dismissed = True
        return super().dismiss(result)
