"""The main screen's views: timeline (1), agenda (2), countdowns (3), month (4), rules (5),
and moving between them.

A part of `MainScreen` (see main_base.py). The agenda table, the countdowns dashboard and
the month view are created the first time they are shown (a table of 10,000 rows is not
free), filled from the rows the timeline shows, and kept in step with the selection by
event id; the rules are judged in a worker on every load, so the header's badge and the
timeline's `✗` marks are current whichever view is on screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import work

from tui.app.screens.main_base import MainScreenBase

if TYPE_CHECKING:
    from datetime import datetime

    from tui.app.loading import Prepared
    from tui.app.month.dashboard import Card
    from tui.app.widgets.agenda import AgendaTable, EventTable
    from tui.app.widgets.countdowns import CountdownsDashboard
    from tui.app.widgets.month import MonthView
    from tui.rules import RuleResult, RulesSummary


class MainViews(MainScreenBase):
    """Actions and handlers of `MainScreen` about its five views."""

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

    def _fill_agenda(self) -> None:
        from tui.app.widgets.agenda import AgendaTable

        if not self.query("#agenda"):
            self.query_one("#agenda-view").mount(AgendaTable(id="agenda"))
            self.call_after_refresh(self._fill_agenda)
            return
        table = self.query_one(AgendaTable)
        if self._agenda_dirty and self.prepared is not None:
            timeline = self.timeline
            table.fill(timeline.rows, self.selected_id, timeline.marks, timeline.faults)
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
        from tui.app.widgets.countdowns import CountdownsDashboard

        if not self.query("#countdowns"):
            self.query_one("#countdowns-view").mount(CountdownsDashboard(id="countdowns"))
        if self.prepared is not None and self._countdowns_dirty:
            self._countdowns_dirty = False
            self._compute_countdowns(self.prepared, self.clock.now())

    @work(
        thread=True,
        exclusive=True,
        group="countdowns",
        exit_on_error=False,
        description="countdowns",
    )
    def _compute_countdowns(self, prepared: Prepared, now: datetime) -> list[Card]:
        from tui.app.month.dashboard import cards
        from tui.core.countdown import countdowns

        schedule = prepared.loaded.schedule
        return cards(schedule, countdowns(schedule, now), schedule.deadline, now)

    def _fill_countdowns(self, result: Sequence[Card]) -> None:
        from tui.app.widgets.countdowns import CountdownsDashboard

        if self.prepared is not None and self.query("#countdowns"):
            dashboard = self.query_one(CountdownsDashboard)
            dashboard.fill(result)
            if self.view == "countdowns":
                dashboard.focus()

    def on_countdowns_dashboard_chosen(self, message: CountdownsDashboard.Chosen) -> None:
        self._show_event(message.event_id)

    # --- 4: the month -----------------------------------------------------------------------

    def _show_month(self, *, opening: bool = False) -> None:
        """Show the month of the selected event (its day nearest the as-of date), or of the
        as-of date; the rows are the timeline's, so the filter applies."""
        from tui.app.month.grid import opening_day
        from tui.app.widgets.month import MonthView

        if not self.query("#month-grid-view"):
            self.query_one("#month-view").mount(MonthView(id="month-grid-view"))
            self.call_after_refresh(lambda: self._show_month(opening=True))
            return
        month = self.query_one(MonthView)
        if self.prepared is not None:
            schedule = self.prepared.loaded.schedule
            as_of = self.clock.now().astimezone(schedule.zone).date()
            selected = schedule.event(self.selected_id) if self.selected_id else None
            day = opening_day(selected, as_of) if opening else None
            rows = self.timeline.rows
            if self.prepared.baseline is not None and self.prepared.baseline.removed:
                rows = [row for row in rows if not row.removed]  # not the baseline's
            month.show(schedule, rows, day, as_of)
        if opening and self.view == "month":  # not while the filter is typed
            month.grid.focus()

    def on_month_view_opened(self, message: MonthView.Opened) -> None:
        from tui.app.screens.event_details import EventDetailsScreen
        from tui.core.describe import details

        if self.prepared is None:
            return
        schedule = self.prepared.loaded.schedule
        event = schedule.event(message.event_id)
        if event is None:
            return
        self.selected_id = event.id
        self.timeline.select_event(event.id)
        facts = details(schedule, event, self.clock.now(), self.config.viewer_zone)
        self.app.push_screen(EventDetailsScreen(event.title, event.kind, facts, event.notes))

    # --- 5: the rules -------------------------------------------------------------------------

    def _say_newly_failing(self, results: Sequence[RuleResult]) -> None:
        """A notification when a save turns a rule red, as `docket serve` reports it: only
        for a rule that did not fail when the schedule was last judged (not on the first
        load, which the header's badge tells, and not again on every reload)."""
        failing = [rule for rule in results if rule.status == "fail"]
        before, self.failing_rules = self.failing_rules, frozenset(r.rule.id for r in failing)
        if before is None:
            return
        turned = [rule for rule in failing if rule.rule.id not in before]
        if not turned:
            return
        lines = []
        for rule in turned[:3]:
            why = rule.failures[0].message if rule.failures else rule.message
            lines.append(f"rule {rule.rule.id} now fails: {why}")
        if len(turned) > 3:
            lines.append(f"… and {len(turned) - 3} more (5 shows the rules)")
        error = any(rule.rule.severity == "error" for rule in turned)
        self.notify(
            "\n".join(lines),
            title="Rules",
            severity="error" if error else "warning",
            timeout=8,
            markup=False,
        )

    def _refresh_rules(self) -> None:
        """Judge the schedule's rules again (in a worker): on every load, so an edit that
        breaks a rule shows in the view, the header's badge and the timeline (`✗` after the
        title of each event a failing rule blames) as soon as it is saved."""
        if self.prepared is not None:
            self._compute_rules(self.prepared)

    @work(thread=True, exclusive=True, group="rules", exit_on_error=False, description="rules")
    def _compute_rules(
        self, prepared: Prepared
    ) -> tuple[Prepared, list[RuleResult], RulesSummary | None]:
        from tui.rules import evaluate, summarize

        results = evaluate(prepared.loaded.schedule)
        return prepared, results, summarize(results) if results else None

    def _fill_rules(self, result: tuple[Prepared, list[RuleResult], RulesSummary | None]) -> None:
        from tui.app.widgets.rules import RulesView

        prepared, results, summary = result
        if prepared is not self.prepared:
            return  # a newer load is on its way
        failing = summary is not None and not summary.ok
        self.header.show_rules(summary.badge if summary else "", failing)
        self._say_newly_failing(results)
        faults: dict[str, list[str]] = {}
        for rule in results:
            for finding in rule.failures if rule.status == "fail" else ():
                if finding.at is not None:
                    faults.setdefault(finding.at, []).append(f"{rule.rule.id}: {finding.message}")
        before = self.rule_faults
        self.rule_faults = {event: tuple(said) for event, said in faults.items()}
        if self.rule_faults != before:
            self.timeline.set_marks(faults=frozenset(self.rule_faults))
            self._show_details()
            self._agenda_dirty = True
            if self.view == "agenda":
                self._fill_agenda()
        found = self.query(RulesView)
        view = found.first() if found else RulesView(id="rules")
        if not found and self.query("#rules-view"):
            self.query_one("#rules-view").mount(view)
        view.fill(results, summary)
