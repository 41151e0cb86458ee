"""What the document (`tui.app.document`) answers the screen with: plain values, Textual-free.

Each view model is what one widget shows, already in words: the header's lines, the rows of
the timeline (and so of the agenda and the month), an event's details. `Update` says which
of them changed after an operation (`Redraw`, one flag per view) and what to tell the planner
(`Note`, a notification), so the screen binds what changed and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Flag, auto
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from datetime import date

    from tui.app.describe import Fact
    from tui.app.headline import Headline
    from tui.app.timeline.marks import RowMark
    from tui.app.timeline.rows import Row
    from tui.core.errors import Diagnostic, ScheduleError, ScheduleFileError
    from tui.core.model import Schedule


class Redraw(Flag):
    """The views an operation changed."""

    NOTHING = 0
    #: A new current schedule: judge its rules, count its countdowns, check the keys again.
    SCHEDULE = auto()
    #: The header's title and its badges (warnings, rules).
    TITLE = auto()
    #: The header's clock, countdown, session and baseline lines; the timeline's as-of line.
    HEADER = auto()
    #: The rows shown (timeline, agenda, month) and the filter's count.
    ROWS = auto()
    #: The baseline's marks and the rules' faults on the rows.
    MARKS = auto()
    #: The selected event's details.
    DETAILS = auto()
    #: The countdowns dashboard is out of date (a new schedule or another as-of day).
    COUNTDOWNS = auto()
    #: The rules view has new results.
    RULES = auto()
    #: The error bar: the errors of the file on disk, or none.
    ERRORS = auto()
    ALL = SCHEDULE | TITLE | HEADER | ROWS | MARKS | DETAILS | COUNTDOWNS | RULES | ERRORS


Severity = Literal["information", "warning", "error"]


@dataclass(frozen=True)
class Note:
    """A notification: what happened, for the planner (text may quote the file)."""

    text: str
    title: str = ""
    severity: Severity = "information"
    timeout: float | None = None


@dataclass(frozen=True)
class Update:
    """What an operation changed: the views to redraw, the notes to show, and whether the
    comparison must be made again (in a worker) because it is not with the baseline the
    schedule is drawn against now."""

    redraw: Redraw = Redraw.NOTHING
    notes: tuple[Note, ...] = ()
    compare_again: bool = False

    def __or__(self, other: Update) -> Update:
        return Update(
            self.redraw | other.redraw,
            self.notes + other.notes,
            self.compare_again or other.compare_again,
        )


@dataclass(frozen=True)
class HeaderLines:
    """Everything the header shows (`tui.app.widgets.header.DocketHeader`)."""

    title: str
    warnings: int
    #: `rules: 5 ✓ 1 ✗` ('' without rules) and whether an `error` rule fails.
    rules: str
    rules_failing: bool
    clock: str
    as_of: bool
    #: The lines below are None before a valid load (the header keeps what it shows).
    headline: Headline | None
    #: The session in progress or next ('' once none is left).
    session: str | None
    #: Against a baseline: what changed and how the headline numbers moved ('' without).
    baseline: str | None


@dataclass(frozen=True)
class RowsView:
    """The timeline's rows: the filter's (with a baseline's removed events merged in), the
    span the whole-schedule zoom fits, the schedule's event count, its widest texts, and
    the marks on them."""

    rows: list[Row]
    bounds: tuple[float, float]
    total: int
    widths: tuple[int, ...]
    #: How many of `rows` are the schedule's own (the rest are a baseline's removed events).
    events: int
    marks: dict[str, RowMark]
    faults: frozenset[str]


@dataclass(frozen=True)
class Details:
    """One event as the details panel (or the month's dialog) shows it."""

    title: str
    kind: str
    facts: list[Fact]
    notes: str | None


@dataclass(frozen=True)
class MonthDays:
    """What the month view shows: the schedule, its rows (never a baseline's removed
    events), the day to open on (None: keep the one shown) and the as-of day."""

    schedule: Schedule
    rows: list[Row]
    day: date | None
    as_of: date


@dataclass(frozen=True)
class ErrorsView:
    """The errors of the file on disk while the app shows the last valid schedule."""

    errors: list[Diagnostic | str]
    path: str

    @classmethod
    def of(cls, error: ScheduleError | ScheduleFileError, path: str) -> ErrorsView:
        """A schedule's located errors, or a file's one message."""
        from tui.core.errors import ScheduleError

        listed: list[Diagnostic | str] = (
            list(error.errors) if isinstance(error, ScheduleError) else [str(error)]
        )
        return cls(listed, path)
