"""The main screen's views: timeline (1), agenda (2), countdowns (3), month (4), rules (5),
moving between them, and what each view's widget tells the screen.

A part of `MainScreen` (see screen_base.py). The agenda and the countdowns are created the
first time they are needed (a table of 10,000 rows is not free), filled from the
document's rows, and kept in step with the selection by event id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app.screens.screen_base import MainScreenBase

if TYPE_CHECKING:
    from collections.abc import Sequence

    from tui.app.month.dashboard import Card
    from tui.app.widgets.agenda import AgendaTable, EventTable
    from tui.app.widgets.countdowns import CountdownsDashboard
    from tui.app.widgets.month import MonthView
    from tui.app.widgets.status_bars import FilterBar


class ViewSwitching(MainScreenBase):
    """Actions and handlers of `MainScreen` about its views and its panels."""

    #: The agenda's table is behind the document's rows (it is filled when shown).
    _agenda_dirty = True
    #: The dashboard is behind the document's schedule or as-of day.
    _countdowns_dirty = True
    #: Cards counted while another view was shown, for the dashboard when it is.
    _counted_cards: Sequence[Card] | None = None

    def action_show_view(self, view: str) -> None:
        if not self.ready:
            return
        opening = view != self.view
        self.view = view
        self.remove_class("-details")
        for container in self.query(".view"):
            container.display = container.id == f"{view}-view"
        self.header.show_view(view)
        if view == "agenda":
            self._fill_agenda()
        elif view == "countdowns":
            self._refresh_countdowns()
        elif view == "month":
            self._show_month(opening=opening)
        self._focus_view()
        self.refresh_bindings()

    def _focus_view(self) -> None:
        found = self.query(f"#{self.view}")
        if found:
            found.first().focus()

    # --- 2: the agenda ------------------------------------------------------------------------

    def _fill_agenda(self) -> None:
        from tui.app.widgets.agenda import AgendaTable

        if not self.query("#agenda"):
            self.query_one("#agenda-view").mount(AgendaTable(id="agenda"))
            self.call_after_refresh(self._fill_agenda)
            return
        table = self.query_one(AgendaTable)
        rows = self.document.rows()
        selected = self.document.selected_id
        if self._agenda_dirty and rows is not None:
            table.fill(rows.rows, selected, rows.marks, rows.faults)
            self._agenda_dirty = False
        elif selected:
            table.select(selected)
        table.focus()

    def on_agenda_table_highlighted(self, message: AgendaTable.Highlighted) -> None:
        self.document.select(message.event_id)
        self.timeline.select_event(message.event_id)

    def on_event_table_chosen(self, message: EventTable.Chosen) -> None:
        self._show_event(message.event_id)

    def _show_event(self, event_id: str) -> None:
        from tui.app.widgets.status_bars import FilterBar

        if self.filtering and event_id not in {r.event.id for r in self.timeline.rows}:
            self.query_one(FilterBar).action_clear()
        self.document.select(event_id)
        self.action_show_view("timeline")
        self.timeline.select_event(event_id)

    # --- 3: the countdowns ----------------------------------------------------------------------

    def _refresh_countdowns(self) -> None:
        """Count the dashboard's cards again (in a worker) if they are out of date."""
        from tui.app.widgets.countdowns import CountdownsDashboard

        if not self.query("#countdowns"):
            self.query_one("#countdowns-view").mount(CountdownsDashboard(id="countdowns"))
        prepared = self.document.prepared
        if prepared is not None and self._countdowns_dirty:
            self._countdowns_dirty = False
            self._counted_cards = None
            self.count_down(prepared, self.clock.now())
        elif self._counted_cards is not None and self.view == "countdowns":
            cards, self._counted_cards = self._counted_cards, None
            self.query_one("#countdowns", CountdownsDashboard).fill(cards)

    def on_countdowns_dashboard_chosen(self, message: CountdownsDashboard.Chosen) -> None:
        self._show_event(message.event_id)

    # --- 4: the month -----------------------------------------------------------------------

    def _show_month(self, *, opening: bool = False) -> None:
        """Show the month of the selected event (its day nearest the as-of date), or of the
        as-of date; the rows are the timeline's, so the filter applies."""
        from tui.app.widgets.month import MonthView

        if not self.query("#month-grid-view"):
            self.query_one("#month-view").mount(MonthView(id="month-grid-view"))
            self.call_after_refresh(lambda: self._show_month(opening=True))
            return
        month = self.query_one(MonthView)
        days = self.document.month(opening=opening)
        if days is not None:
            month.show(days.schedule, days.rows, days.day, days.as_of)
        if opening and self.view == "month":  # not while the filter is typed
            month.grid.focus()

    def on_month_view_opened(self, message: MonthView.Opened) -> None:
        from tui.app.screens.event_details import EventDetailsScreen

        shown = self.document.event_details(message.event_id)
        if shown is None:
            return
        self.document.select(message.event_id)
        self.timeline.select_event(message.event_id)
        dialog = EventDetailsScreen(shown.title, shown.kind, shown.facts, shown.notes)
        self.app.push_screen(dialog)

    # --- the filter bar and the details panel -------------------------------------------------

    def on_filter_bar_changed(self, message: FilterBar.Changed) -> None:
        from tui.app.widgets.status_bars import FilterBar

        self.bind(self.document.set_filter(message.text))
        self.query_one(FilterBar).display = self.filtering or not message.done
        if message.done:
            self._focus_view()
        self.refresh_bindings()

    def on_timeline_details_requested(self) -> None:
        if self.ready:
            self.add_class("-details")
            self.details_panel.focus()

    def on_details_panel_left(self) -> None:
        self._leave_details()

    def _leave_details(self) -> None:
        self.remove_class("-details")
        self.timeline.focus()
