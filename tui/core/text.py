"""Small text helpers for what docket quotes: shortened text, quoted values, did-you-mean hints.

(Counts, dates and lengths in words are `tui.core.words`.)

Each was written inline, four or five times over, wherever a message needed it; one version
here keeps the app, the command line and a schedule's diagnostics saying things the same
way, and a fix (a cut that must leave room for the ellipsis) is made
once.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

ELLIPSIS = "…"


def truncate(text: str, width: int) -> str:
    """`text` in at most `width` characters: a longer one ends in an ellipsis at the cut.

    Counts characters, not terminal cells: a table of plain text lines up, wide characters
    aside (the app measures cells itself).
    """
    if len(text) <= width:
        return text
    return text[: width - 1] + ELLIPSIS if width > 0 else ""


#: The longest name or value a message quotes in full: a 1 MB title pasted into a key is
#: not worth a 1 MB error line.
QUOTED_WIDTH = 60


def clip(text: str) -> str:
    """A name or value from a file, as a message quotes it: at most QUOTED_WIDTH long."""
    return truncate(text, QUOTED_WIDTH)


def shown(value: object) -> str:
    """`repr(value)` as a message quotes it: at most QUOTED_WIDTH long."""
    return truncate(repr(value), QUOTED_WIDTH)


def suggest(word: str, candidates: Iterable[str]) -> str:
    """' (did you mean `x`?)' when a near name exists, else ''.

    Tried as typed first, then ignoring case, so `Europe/vienna` and `Sesion` both find
    their name without a case-blind match outranking an exact-case one.
    """
    if len(word) > 2 * QUOTED_WIDTH:  # nothing is near it, and comparing would be slow
        return ""
    options = list(candidates)
    matches = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not matches:
        lowered = {option.lower(): option for option in options}
        matches = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
        matches = [lowered[m] for m in matches]
    return f" (did you mean `{matches[0]}`?)" if matches else ""


#: The longest file name or revision a message names in full: room for any real path, not
#: for the 100 kB name a script (or an attacker) can pass.
NAME_WIDTH = 200


def short_name(name: str, width: int = NAME_WIDTH) -> str:
    """A file name or revision as a message names it: whole unless huge, else its start and
    its end (where a path's file name is) around an ellipsis, `width` characters in all."""
    if len(name) <= width or width < 3:
        return truncate(name, width)
    tail = width // 3
    return name[: width - tail - 1] + ELLIPSIS + name[-tail:]
