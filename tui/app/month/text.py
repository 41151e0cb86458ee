"""Fitting text into cells without cutting a word: shared by the month grid and the dashboard."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

#: A piece of a line: its text and the name of its style.
Run = tuple[str, str]


def fit_words(text: str, width: int) -> str:
    """At most `width` cells: a longer text loses whole words and ends in an ellipsis (one
    long first word is cut only when nothing else would show)."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    words = text.split(" ")
    kept = ""
    for word in words:
        candidate = f"{kept} {word}" if kept else word
        if cell_len(candidate) + 1 > width:
            break
        kept = candidate
    if not kept:
        return set_cell_size(text, width - 1) + "…"
    return kept.rstrip(" ,;:·-–") + "…"


def pad(text: str, width: int) -> str:
    """`text` fitted (by words) and padded to exactly `width` cells."""
    return set_cell_size(fit_words(text, width), width) if width > 0 else ""


def line_width(runs: list[Run]) -> int:
    return sum(cell_len(text) for text, _ in runs)
