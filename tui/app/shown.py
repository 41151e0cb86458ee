"""The app's one gate for text on its way to the screen. Textual-free.

Titles, venue names, tags, notes, urls, ids, file names and the messages that quote them
all come from outside docket. `shown` passes them through `tui.core.sanitize.visible`
(control characters become their pictures, ESC is `␛`) and also replaces lone surrogates,
which a file name that is not UTF-8 decodes to and which UTF-8 cannot encode (the
terminal's writer would print them as backslash escapes). Markup is a separate matter:
widgets that read markup get `Text` objects (or `textual.markup.escape`d strings), never
a raw string from the file.
"""

from __future__ import annotations

import re

from tui.core.sanitize import visible

_SURROGATE = re.compile("[\ud800-\udfff]")


def shown(text: str, *, multiline: bool = False) -> str:
    """`text` safe to draw: controls made visible (tabs and newlines kept with `multiline`),
    undecodable bytes of a file name as U+FFFD."""
    text = visible(text, multiline=multiline)
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text
