"""The header's second line: the headline deadline's numbers, its name and the view tabs,
fitted to the width. Textual-free (rich's cell widths only).

At 120 columns the full numbers, the deadline's name and the five tabs do not all fit, and
cutting the line from the right took the name first (`… 53 meeting days →…`): the header
counted down to a deadline it never named. So the line is chosen, not cut: each number
has a full and a short form ("526 working", "526 wd"), the tabs a full and a short form
(the current view named, the others by their key), and `fit_headline` takes the first
combination that leaves the name at least `NAME_MIN` cells — the fullest numbers first,
then the fullest tabs (full, short, none). Below that, the numbers are shortened at a word
like any text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size

from tui.app.timeline.titles import fit
from tui.core.words import plural

if TYPE_CHECKING:
    from tui.core.countdown import Countdown

#: The views, in key order (1 to 5), with the tab's label.
VIEWS = (
    ("timeline", "Timeline"),
    ("agenda", "Agenda"),
    ("countdowns", "Countdowns"),
    ("month", "Month"),
    ("rules", "Rules"),
)
#: The deadline's name gets at least this many cells (or its whole length, if shorter).
NAME_MIN = 16
MARK, ARROW, SEPARATOR = " ◆ ", " → ", " · "


@dataclass(frozen=True)
class Phrase:
    """One number of the countdown, in words and in its short form."""

    full: str
    short: str


@dataclass(frozen=True)
class Headline:
    """What the line says: the numbers (none without a headline deadline) and the name
    (the deadline's title, shown; or what to do when there is none)."""

    phrases: tuple[Phrase, ...]
    name: str


@dataclass(frozen=True)
class HeadlineLayout:
    """The line as drawn: numbers, the arrow and name, the tabs (`tab_texts`) at the right."""

    numbers: str
    name: str
    tabs: str  # "full", "short" or "none"


def headline_for(countdown: Countdown, title: str, left: str | None) -> Headline:
    """The numbers of `countdown` (`left`: hh:mm:ss when under two days away, else None)."""
    sessions = countdown.sessions_left
    working = Phrase(f"{countdown.working_days} working", f"{countdown.working_days} wd")
    sessions_left = Phrase(f"{plural(sessions, 'session')} left", f"{sessions} sess")
    if left is not None:
        phrases = [Phrase(f"{left} left", left), working, sessions_left]
    elif countdown.days < 0:
        phrases = [
            Phrase(f"passed {plural(-countdown.days, 'day')} ago", f"{-countdown.days}d ago")
        ]
    else:
        phrases = [Phrase(plural(countdown.days, "day"), f"{countdown.days}d"), working]
        phrases.append(sessions_left)
    if countdown.days >= 0:
        meeting = countdown.meeting_days_left
        phrases.append(Phrase(f"{meeting} meeting days", f"{meeting} mtg d"))
    return Headline(tuple(phrases), title)


def tab_texts(view: str, mode: str) -> list[tuple[str, bool]]:
    """The tabs as (text, is the current view); `short` names only the current view."""
    if mode == "none":
        return []
    tabs = []
    for number, (name, label) in enumerate(VIEWS, start=1):
        current = name == view
        tabs.append(
            (f" {number} {label} " if mode == "full" or current else f" {number} ", current)
        )
    return tabs


def _numbers(phrases: tuple[Phrase, ...], short: int) -> str:
    """The numbers with the last `short` phrases in their short form."""
    keep = len(phrases) - short
    words = [p.full if i < keep else p.short for i, p in enumerate(phrases)]
    return MARK + SEPARATOR.join(words)


def fit_headline(headline: Headline, width: int, view: str, tabs: bool) -> HeadlineLayout:
    """The fullest line that still names the deadline in `width` cells; `tabs`: whether the
    line may carry the view tabs (not on a narrow terminal, whose footer has the keys)."""
    name = headline.name
    modes = ("full", "short", "none") if tabs else ("none",)
    phrases = headline.phrases
    if not phrases:  # no headline deadline: the sentence that says how to set one
        mode = next((m for m in modes if _tabs_cells(view, m) + NAME_MIN <= width), "none")
        return HeadlineLayout("", fit(" " + name, width - _tabs_cells(view, mode)), mode)
    need = min(cell_len(name), NAME_MIN) + cell_len(ARROW)
    for short in range(len(phrases) + 1):
        numbers = _numbers(phrases, short)
        for mode in modes:
            room = width - _tabs_cells(view, mode) - cell_len(numbers)
            if room >= need:
                named = fit(ARROW + name, room)
                if named.rstrip() == ARROW.rstrip() + "…":  # one long word: cut inside it
                    named = ARROW + set_cell_size(name, room - cell_len(ARROW) - 1) + "…"
                return HeadlineLayout(numbers, named, mode)
    # Too narrow for the name beside the numbers: the short numbers, cut at a word.
    return HeadlineLayout(fit(_numbers(phrases, len(phrases)), width), "", "none")


def _tabs_cells(view: str, mode: str) -> int:
    return sum(cell_len(text) for text, _ in tab_texts(view, mode))
