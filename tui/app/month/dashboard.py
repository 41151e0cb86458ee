"""The countdowns dashboard's cards, one per deadline or milestone, as text runs. Textual-free.

Every number comes from `tui.core.countdown`: what is left is `countdown_for` at the as-of
moment, and the totals are the same function at the schedule's first day, so "done" and
"used" are totals minus what is left, never counted a second way here. A card reads:

    ◆ Draft convention due: General Assembly 78th session closes
      Time          ├━━━━━━━━━▼──────────────────┤       in 2 years 4 days
      Due           Tue 10 Sep 2024                 735 days    526 working
      Substantive   ●●○○○○                            2 done      4 left
      Meeting days  ■■■■■□□□□□□□□□□□□□□□□□□□         28 used     53 left

The bar runs from the schedule's first day to the due day, `▼` at the as-of day; numbers
are right-aligned in a column as wide as the widest card's; titles lose whole words.

The sessions line counts what the mandate counts: when the schedule has a `count` rule over
sessions (the bundled `six-sessions`: kind session, tag substantive), the sessions it
selects, labelled by its tag ("Substantive"), so the 2021 organizational session and the
concluding one are not among "6 done"; without such a rule, every session. Meeting days are
every counted session's (`meeting_days_left`): consultations and other meetings never count,
which the help's legend says.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, time
from typing import TYPE_CHECKING

from rich.cells import cell_len

from tui.app.month.text import Run, fit_words, pad
from tui.app.shown import shown
from tui.app.timeline.rows import KIND_GLYPHS
from tui.core.countdown import countdown_for
from tui.core.rules_model import Count
from tui.core.words import day_text, day_with_weekday
from tui.rules.evaluate import selected

if TYPE_CHECKING:
    from tui.core.countdown import Countdown
    from tui.core.model import Schedule
    from tui.core.rules_model import Rule

LABEL = 13
INDENT = "  "
#: Lines per card, its blank separator included.
CARD_LINES = 6


@dataclass(frozen=True, slots=True)
class Card:
    countdown: Countdown
    #: The same countdown as of the schedule's first day: everything there was to do.
    total: Countdown
    headline: bool
    #: The counted sessions' countdowns (now, and as of the first day): the mandate's
    #: sessions when a `count` rule selects them, else the same as `countdown` and `total`.
    counted: Countdown | None = None
    counted_total: Countdown | None = None
    #: What the sessions line counts: "Sessions", or the counting rule's tag ("Substantive").
    sessions_label: str = "Sessions"

    @property
    def past(self) -> bool:
        return self.countdown.days < 0

    @property
    def sessions_left(self) -> int:
        return (self.counted or self.countdown).sessions_left

    @property
    def sessions_done(self) -> int:
        return (self.counted_total or self.total).sessions_left - self.sessions_left

    @property
    def meeting_days_used(self) -> int:
        return self.total.meeting_days_left - self.countdown.meeting_days_left

    @property
    def elapsed(self) -> float:
        """How far through the span from the schedule's first day to the due day (0 to 1)."""
        span = self.total.days
        if span <= 0:
            return 1.0
        return min(1.0, max(0.0, (span - self.countdown.days) / span))

    def due_text(self, room: int = 99) -> str:
        """The due day as the file gave it (a timed deadline with its time, in its zone);
        without its weekday when it has less than `room` cells."""
        event = self.countdown.event
        moment = event.end if event.end is not None else event.start
        text = day_with_weekday(moment)
        if len(text) + (6 if isinstance(moment, datetime) else 0) > room:
            text = day_text(moment)
        return f"{text} {moment:%H:%M}" if isinstance(moment, datetime) else text

    def right_texts(self) -> list[str]:
        """The numbers' column, a line each: the phrase, then pairs of numbers whose words
        are padded so that the numbers stand in two columns."""
        c = self.countdown
        return [
            c.phrase,
            _pair(c.days, "days", c.working_days, "working"),
            _pair(self.sessions_done, "done", self.sessions_left, "left"),
            _pair(self.meeting_days_used, "used", c.meeting_days_left, "left"),
        ]


def _pair(first: int, first_word: str, second: int, second_word: str) -> str:
    return f"{first:>5} {first_word:<4} {second:>5} {second_word:<7}"


def counting_rule(schedule: Schedule) -> Rule | None:
    """The first `count` rule about sessions (kind `session`, or every kind): the mandate's
    count of sessions, which the dashboard's sessions line follows."""
    for rule in schedule.rules:
        kinds = rule.selection.kinds
        if isinstance(rule.constraint, Count) and (not kinds or "session" in kinds):
            return rule
    return None


def sessions_label(rule: Rule | None) -> str:
    """ "Substantive" for a rule that selects one tag; "Sessions" otherwise."""
    if rule is not None and len(rule.selection.tags) == 1:
        label = rule.selection.tags[0].replace("-", " ").replace("_", " ").capitalize()
        if cell_len(label) <= LABEL - 1:
            return shown(label)
    return "Sessions"


def cards(
    schedule: Schedule,
    countdowns: Sequence[Countdown],
    headline: str | None,
    as_of: datetime | None = None,
) -> list[Card]:
    """A card per countdown (computed in a worker: this costs a countdown each). `as_of` is
    the moment `countdowns` were computed for; the counted sessions are recounted at it
    (without it, every session counts)."""
    if not schedule.events:
        return []
    first = min(event.first_day for event in schedule.events)
    start = datetime.combine(first, time(0), schedule.zone)
    rule = counting_rule(schedule)
    counted = None
    if rule is not None and as_of is not None:
        picked = {id(e) for e in selected(rule, schedule.events)}
        counted = replace(
            schedule, events=tuple(e for e in schedule.events if id(e) in picked or e.is_point)
        )
    label = sessions_label(rule)
    result = []
    for c in countdowns:
        card = Card(c, countdown_for(schedule, c.event, start), c.event.id == headline)
        if counted is not None and as_of is not None:
            card = replace(
                card,
                counted=countdown_for(counted, c.event, as_of),
                counted_total=countdown_for(counted, c.event, start),
                sessions_label=label,
            )
        result.append(card)
    return result


def right_width(all_cards: Sequence[Card]) -> int:
    """The numbers' column: as wide as the widest card's, so numbers line up across cards."""
    return max((cell_len(t) for card in all_cards for t in card.right_texts()), default=0)


def _bar(fraction: float, width: int, done: str, left: str) -> str:
    filled = round(fraction * width)
    return done * filled + left * (width - filled)


def _time_bar(fraction: float, width: int) -> str:
    if width < 3:
        return "▼"[:width]
    inner = width - 2
    at = min(inner - 1, int(fraction * inner))
    return "├" + "━" * at + "▼" + "─" * (inner - at - 1) + "┤"


def card_lines(card: Card, width: int, right: int) -> list[list[Run]]:
    """The card's lines at `width` cells, its numbers in a right column `right` wide."""
    c = card.countdown
    event = c.event
    tone = "past" if card.past else ("headline" if card.headline else "title")
    right = min(right, max(0, width - len(INDENT) - 4))
    texts = card.right_texts()
    graphic = max(0, width - len(INDENT) - LABEL - right - 2)
    title = f"{KIND_GLYPHS.get(event.kind, '')} {shown(event.title)}"
    lines: list[list[Run]] = [[(pad(title, width), tone)]]
    if graphic:
        sessions = card.sessions_done + card.sessions_left
        marks = (
            "●" * card.sessions_done + "○" * card.sessions_left
            if sessions <= graphic
            else _bar(card.sessions_done / sessions, graphic, "●", "○")
        )
        meeting = card.total.meeting_days_left
        used = card.meeting_days_used / meeting if meeting else 0.0
        graphics = [
            (_time_bar(card.elapsed, graphic), "bar"),
            (card.due_text(graphic), "due"),
            (marks, "sessions"),
            (_bar(used, graphic, "■", "□") if meeting else "", "meeting"),
        ]
    else:
        graphics = [("", "bar"), ("", "due"), ("", "sessions"), ("", "meeting")]
    labels = ("Time", "Due", card.sessions_label, "Meeting days")
    for label, (art, style), text in zip(labels, graphics, texts, strict=True):
        lines.append(
            [
                (INDENT + pad(label, LABEL), "label"),
                (pad(art, graphic), style),
                ("  ", "text"),
                (fit_words(text, right).rjust(right), "numbers"),
            ]
        )
    lines.append([("", "text")])
    return lines
