"""The one sanitiser for text on its way to a terminal: escape sequences are shown, never sent.

Titles, venue names, notes, tags, urls, file names and imported calendar text can all hold
control characters; a raw ESC in a title could recolour, move the cursor or retitle the
window of whoever opens the schedule. Every piece of text from a file passes through
`visible` before the app, the command line or an error message shows it: C0 controls
become their Unicode pictures (ESC is `␛`), DEL is `␡`, C1 controls (which some terminals
obey as escapes) become `\\x9b`-style text, and the bidirectional embedding, override and
isolate controls (U+202A–U+202E, U+2066–U+2069), which reorder what a line shows without
being seen ("Trojan Source"), become `\\u202e`-style text. Right-to-left text itself, and
the marks U+200E/U+200F it may need, pass as they are. Nothing is dropped, so a planner
sees that something odd is there and where.
"""

from __future__ import annotations

import re

#: Controls that never pass: C0 but tab and newline, DEL, and C1 (what a schedule may not
#: hold: `first_control`); on screen, the bidirectional controls do not pass either.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_UNSAFE_LINE = re.compile("[\x00-\x1f\x7f-\x9f]")
_BIDI = "\u202a-\u202e\u2066-\u2069"
_SHOWN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_SHOWN_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")

_PICTURES: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)}
_PICTURES[0x7F] = "\u2421"  # ␡
_PICTURES.update({code: f"\\x{code:02x}" for code in range(0x80, 0xA0)})
_PICTURES.update(
    {code: f"\\u{code:04x}" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
)
_MULTILINE = {code: text for code, text in _PICTURES.items() if code not in (0x09, 0x0A)}
_ONE_LINE = dict(_PICTURES)
_ONE_LINE[0x09] = " "  # a tab in a table cell or a header reads as the space it stands for


def visible(text: str, *, multiline: bool = False) -> str:
    """`text` with every control character shown as a visible stand-in.

    With `multiline`, tabs and newlines pass (notes, help); otherwise a newline is shown as
    `␊` and a tab as a space, so one value stays on one line.
    """
    if multiline:
        return text.translate(_MULTILINE) if _SHOWN.search(text) else text
    return text.translate(_ONE_LINE) if _SHOWN_LINE.search(text) else text


def first_control(text: str, *, allow_newline: bool = True) -> int | None:
    """The index of the first character a schedule may not hold (controls but tab/newline)."""
    match = (_UNSAFE if allow_newline else _UNSAFE_LINE).search(text.replace("\t", " "))
    return match.start() if match else None


def describe_control(char: str) -> str:
    """How an error message names a control character: `U+001B (␛)`."""
    return f"U+{ord(char):04X} ({visible(char)})"
