"""Titles that begin alike, shortened so they still read apart. Textual-free.

"Draft convention approved by the committee" and "Draft convention due: General Assembly
78th session closes" both became "Draft convention…" in a narrow title column: a planner
saw two rows with the same words. Each title therefore carries the end of its shortest
prefix, at a word, that no other title of the schedule shares (`distinct_ends`, computed
once per load with the rows); the title column is sized to show those prefixes when the
width allows (`columns` in `lines`), and where it cannot, `fit_title` cuts in the middle,
keeping the start and the word that tells the title apart ("Draft…approved by…").
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from rich.cells import cell_len, set_cell_size

ELLIPSIS = "…"
#: What `fit` drops before its ellipsis, so a cut ends "due…", not "due:…".
STRIPPED = " ,;:–-"


def fit(text: str, width: int) -> str:
    """Exactly `width` cells: shortened with an ellipsis at a word boundary, or padded.

    Only a first word longer than the whole width is cut inside (there is no boundary)."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    cut = set_cell_size(text, width - 1)
    if not cut.endswith(" ") and text[len(cut) : len(cut) + 1] != " ":
        # The cut fell inside a word: back to the word's start.
        space = cut.rstrip().rfind(" ")
        if space > 0:
            cut = cut[:space]
    return set_cell_size(cut.rstrip(STRIPPED) + ELLIPSIS, width)


def _common(a: str, b: str) -> int:
    """The length of the longest common prefix of `a` and `b`."""
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return index
    return min(len(a), len(b))


def _word_end(title: str, first_different: int) -> int:
    """Where the word holding the character at `first_different` ends: the shortest prefix
    at a word boundary that, even with its trailing punctuation dropped by `fit`, still
    holds that character (the whole title when it is a prefix of another)."""
    if first_different >= len(title):
        return len(title)
    end = title.find(" ", first_different)
    end = len(title) if end < 0 else end
    while len(title[:end].rstrip(STRIPPED)) <= first_different and end < len(title):
        following = title.find(" ", end + 1)
        end = len(title) if following < 0 else following
    return end


def distinct_ends(titles: Sequence[str]) -> list[int]:
    """For each title, the length (in characters) of its shortest prefix ending at a word
    that tells it apart from every other, different title; 0 when none begins like it.
    Titles that are the same are not told apart (nothing could)."""
    unique = sorted(set(titles))
    # Sorted, a title shares the most with a neighbour: its longest common prefix with
    # either is the longest with any.
    commons = [0, *(_common(a, b) for a, b in pairwise(unique)), 0]
    ends = {
        title: _word_end(title, common) if (common := max(before, after)) else 0
        for title, before, after in zip(unique, commons, commons[1:], strict=False)
    }
    return list(map(ends.__getitem__, titles))


def distinct_cells(title: str, end: int) -> int:
    """Cells a title needs to show its distinguishing prefix (and an ellipsis after it)."""
    if end <= 0:
        return 0
    return cell_len(title[:end]) + (1 if end < len(title) else 0)


def fit_title(title: str, width: int, end: int) -> str:
    """Exactly `width` cells of `title`, keeping its first `end` characters (`distinct_ends`)
    when they fit: shortened at a word as `fit` does, else cut in the middle to keep the
    start and the distinguishing word ("Draft…approved by…")."""
    if width <= 0:
        return ""
    if cell_len(title) <= width or end <= 0 or distinct_cells(title, end) <= width:
        return fit(title, width)
    start = title.rfind(" ", 0, max(0, end - 1)) + 1  # the distinguishing word's start
    word = distinct_cells(title[start:], end - start)
    head_room = width - 1 - word
    if start == 0 or head_room < 0:
        # No start to keep, or the word alone is too wide: the end of the distinguishing
        # prefix, after an ellipsis (it holds the character that differs).
        tail = title[:end]
        while tail and cell_len(tail) > width - 1:
            tail = tail[1:]
        return set_cell_size(ELLIPSIS + tail, width)
    head = _words_in(title[:start].rstrip(), head_room)
    return set_cell_size(head + ELLIPSIS + fit(title[start:], width - cell_len(head) - 1), width)


def _words_in(text: str, width: int) -> str:
    """The first words of `text` that fit in `width` cells, without an ellipsis (the first
    word cut when it alone is wider)."""
    if cell_len(text) <= width:
        return text
    cut = set_cell_size(text, width)
    space = cut.rfind(" ")
    if text[len(cut) : len(cut) + 1] == " ":
        return cut.rstrip()
    return cut[:space].rstrip(STRIPPED) if space > 0 else cut.rstrip()
