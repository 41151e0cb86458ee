"""The countdowns view: every deadline and milestone with what is left before it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.app.timeline.rows import KIND_GLYPHS
from tui.app.widgets.agenda import EventTable, add_columns, cell, fit_title_column

if TYPE_CHECKING:
    from tui.core.countdown import Countdown

#: (key, label); the deadline's title takes the room the others leave.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("title", "Deadline"),
    ("due", "Due"),
    ("days", "Days"),
    ("working", "Work days"),
    ("sessions", "Sessions"),
    ("meeting", "Meeting days"),
    ("phrase", "When"),
)

#: Fixed widths for the columns whose content has a known size, so the table's layout never
#: depends on when its rows arrive (they are computed in a worker).
WIDTHS: dict[str, int] = {
    "due": 10,  # "2024-09-10"; `fill` widens it for a timed deadline ("2024-09-10 18:00")
    "days": 6,
    "working": len("Work days"),
    "sessions": len("Sessions"),
    "meeting": len("Meeting days"),
}


class CountdownsTable(EventTable):
    """One row per countdown (the headline deadline first); enter shows it on the timeline."""

    def on_mount(self) -> None:
        add_columns(self, COLUMNS, WIDTHS)

    def on_resize(self) -> None:
        fit_title_column(self)

    def fill(self, countdowns: Sequence[Countdown], headline: str | None) -> None:
        """Show countdowns computed off the event loop (the screen's worker)."""
        row = self.cursor_row
        self.clear()
        due = self.columns.get("due")  # type: ignore[call-overload]
        if due is not None:
            due.width = max((len(c.due_text[:16]) for c in countdowns), default=WIDTHS["due"])
        for countdown in countdowns:
            event = countdown.event
            past = countdown.days < 0
            style = "dim" if past else ("bold" if event.id == headline else "")
            self.add_row(
                cell(f"{KIND_GLYPHS.get(event.kind, '')} {event.title}", style, wrap=True),
                cell(countdown.due_text[:16].replace("T", " ")),
                countdown.days,
                countdown.working_days,
                countdown.sessions_left,
                countdown.meeting_days_left,
                cell(countdown.phrase, style, wrap=True),
                key=event.id,
            )
        if self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1), animate=False)
        self.call_after_refresh(fit_title_column, self)
