"""The app's one gate for text on its way to the screen (Rich's `Text`, not Textual).

Titles, venue names, tags, notes, urls, ids, file names, what a planner typed or pasted,
and the messages that quote them all come from outside docket. `shown` passes them
through `tui.core.sanitize.visible` (control characters become their pictures, ESC is
`␛`) and also replaces lone surrogates, which a file name that is not UTF-8 decodes to
and which UTF-8 cannot encode (the terminal's writer would print them as backslash
escapes).

Markup is the other half: a widget that reads markup (Label, Static, a DataTable cell, a
notification) must get such text as a `Text` object, made by `as_text`, never as a string.
Escaping is no way out: `textual.markup.escape` is Rich's, and Textual's own markup reads
tags it does not escape (`[--a=/b]` raises MarkupError, `[$x]` and `[-a=b]` vanish).
"""

from __future__ import annotations

import re

from rich.cells import cell_len, set_cell_size
from rich.text import Text

from tui.core.sanitize import visible
from tui.core.text import ELLIPSIS

_SURROGATE = re.compile("[\ud800-\udfff]")


def shown(text: str, *, multiline: bool = False) -> str:
    """`text` safe to draw: controls made visible (tabs and newlines kept with `multiline`),
    undecodable bytes of a file name as U+FFFD."""
    text = visible(text, multiline=multiline)
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def as_text(text: str, style: str = "", *, multiline: bool = False) -> Text:
    """`text` from outside docket as a widget shows it: `shown`, and never read as markup."""
    return Text(shown(text, multiline=multiline), style=style)


def pasted(text: str) -> str:
    """A paste as an input receives it: every control but the newline made visible (a tab
    as a space), so an input shows what was pasted and sends none of it. Line breaks (a
    terminal's paste ends lines in CR) become newlines, for the widget to split on."""
    return "\n".join(visible(line) for line in text.splitlines())


def middle(text: str, width: int) -> str:
    """`text` in at most `width` cells, cut in the middle (`/home/…/plans/ahc.toml`): the
    start and the end of a path say the most about it, and a message that quotes a long
    value (`'…' is not a date`, `PATH: cannot write (…)`) keeps both what and why."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    tail_room = (width - 1) // 2 + (width - 1) % 2  # the end (the file name) gets the extra
    # Slices first: a character takes at most two cells, so `width` of them always fill
    # the room (a megabyte is never measured whole).
    head = set_cell_size(text[:width], width - 1 - tail_room)
    tail = set_cell_size(text[-width:][::-1], tail_room)[::-1]
    return f"{head.rstrip()}{ELLIPSIS}{tail}"
