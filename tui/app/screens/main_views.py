"""The main screen's views: timeline (1), agenda (2) and countdowns (3), and moving between them.

A part of `MainScreen` (see main_base.py). The agenda and countdowns tables are created
the first time they are shown (a table of 10,000 rows is not free), filled from the rows
the timeline shows, and kept in step with the selection by event id.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import work

from tui.app.screens.main_base import MainScreenBase

if TYPE_CHECKING:
    from datetime import datetime

    from tui.app.loading import Prepared
    from tui.app.widgets.agenda import AgendaTable, EventTable
    from tui.core.countdown import Countdown


class MainViews(MainScreenBase):
    """Actions and handlers of `MainScreen` about its three views."""

    def action_show_view(self, view: str) -> None:
        if not self.ready:
            return
        self.view = view
        self.remove_class("-details")
        for container in self.query(".view"):
            container.display = container.id == f"{view}-view"
        self.header.show_view(view)
        if view == "agenda":
            self._fill_agenda()
        elif view == "countdowns":
            self._refresh_countdowns()
        self._focus_view()
        self.refresh_bindings()

    def _focus_view(self) -> None:
        found = self.query(f"#{self.view}")
        if found:
            found.first().focus()

    def _fill_agenda(self) -> None:
        from tui.app.widgets.agenda import AgendaTable

        if not self.query("#agenda"):
            self.query_one("#agenda-view").mount(AgendaTable(id="agenda"))
            self.call_after_refresh(self._fill_agenda)
            return
        table = self.query_one(AgendaTable)
        if self._agenda_dirty and self.prepared is not None:
            table.fill(self.timeline.rows, self.selected_id)
            self._agenda_dirty = False
        elif self.selected_id:
            table.select(self.selected_id)
        table.focus()

    def on_agenda_table_highlighted(self, message: AgendaTable.Highlighted) -> None:
        self.selected_id = message.event_id
        self.timeline.select_event(message.event_id)

    def on_event_table_chosen(self, message: EventTable.Chosen) -> None:
        self._show_event(message.event_id)

    def _show_event(self, event_id: str) -> None:
        from tui.app.widgets.status_bars import FilterBar

        if self.filtering and event_id not in {r.event.id for r in self.timeline.rows}:
            self.query_one(FilterBar).action_clear()
        self.selected_id = event_id
        self.action_show_view("timeline")
        self.timeline.select_event(event_id)

    def _refresh_countdowns(self) -> None:
        from tui.app.widgets.countdowns import CountdownsTable

        if not self.query("#countdowns"):
            self.query_one("#countdowns-view").mount(CountdownsTable(id="countdowns"))
        if self.prepared is not None and self._countdowns_dirty:
            self._countdowns_dirty = False
            self._compute_countdowns(self.prepared, self.clock.now())

    @work(thread=True, exclusive=True, group="countdowns", exit_on_error=False)
    def _compute_countdowns(self, prepared: Prepared, now: datetime) -> list[Countdown]:
        from tui.core.countdown import countdowns

        return countdowns(prepared.loaded.schedule, now)

    def _fill_countdowns(self, result: Sequence[Countdown]) -> None:
        from tui.app.widgets.countdowns import CountdownsTable

        if self.prepared is not None and self.query("#countdowns"):
            table = self.query_one(CountdownsTable)
            table.fill(result, self.prepared.loaded.schedule.deadline)
            if self.view == "countdowns":
                table.focus()
