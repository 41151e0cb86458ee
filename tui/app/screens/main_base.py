"""The main screen's state, declared once for the modules the screen is written in.

`MainScreen` (main.py: layout, loading, selection, the clock) is assembled from
`MainViews` (main_views.py: the five views), `MainTools` (main_tools.py: the filter, as-of,
editor and export keys), `MainCache` (main_cache.py: cached rows first) and `MainBaseline`
(main_baseline.py: the comparison with a baseline). Each part subclasses
`MainScreenBase`, so mypy checks every attribute a part uses against the one declaration
here, and the few methods one part calls in another are declared here as abstract hooks:
instantiating a `MainScreen` that lacks one is a type error.

No hook is a message handler: Textual calls a handler in every class of the MRO that
defines one, so even an empty stub would run.
"""

from __future__ import annotations

from abc import abstractmethod
from threading import Event as StopEvent
from typing import TYPE_CHECKING

from textual.screen import Screen

from tui.app.clock import AsOfClock
from tui.app.widgets.header import DocketHeader
from tui.app.widgets.timeline import Timeline

if TYPE_CHECKING:
    from datetime import date

    from tui.app.config import AppConfig
    from tui.app.loading import Prepared
    from tui.app.widgets.details import DetailsPanel
    from tui.core.countdown import Countdown
    from tui.core.errors import ScheduleError, ScheduleFileError
    from tui.core.filtering import EventFilter
    from tui.diff.baseline_source import Baseline


class MainScreenBase(Screen[None]):
    """The document the main screen shows: the last valid schedule, the filter, the
    selection (by event id, so it survives reloads, filters and view changes), the clock."""

    def __init__(self, config: AppConfig) -> None:
        super().__init__()
        self.config = config
        self.path = config.path
        self.prepared: Prepared | None = None
        #: The error of the file on disk while it is invalid (the app keeps `prepared`).
        self.last_error: ScheduleError | ScheduleFileError | None = None
        #: The filter typed after `/`; None until one is typed.
        self.event_filter: EventFilter | None = None
        self.selected_id: str | None = None
        self.view = "timeline"
        self.clock = AsOfClock(
            config.peek_zone, config.as_of_moment(config.peek_zone), running=config.tick
        )
        #: The widgets after the first frame are mounted (see `MainScreen.start`).
        self.ready = False
        self._stop_watching = StopEvent()
        #: The header's countdown, kept for one schedule (by identity) and one as-of day.
        self._headline: tuple[tuple[int, date], Countdown] | None = None
        #: The header's current-or-next-session line, likewise per schedule and as-of day.
        self._next_session: tuple[tuple[int, date], str] | None = None
        self._last_day: date | None = None
        self._agenda_dirty = True
        self._countdowns_dirty = True
        #: The version the schedule is drawn against (`--baseline`, `b`), if any.
        self.baseline: Baseline | None = config.baseline
        #: The header's baseline line, per comparison (by identity), as-of day and width.
        self._baseline_line: tuple[tuple[int, date, bool], str] | None = None
        #: What each event a failing rule blames is blamed for (`rule-id: sentence`).
        self.rule_faults: dict[str, tuple[str, ...]] = {}
        #: The rules that failed when the schedule was last judged (None: not judged yet).
        self.failing_rules: frozenset[str] | None = None

    @property
    def timeline(self) -> Timeline:
        return self.query_one(Timeline)

    @property
    def header(self) -> DocketHeader:
        return self.query_one(DocketHeader)

    @property
    def details_panel(self) -> DetailsPanel:
        from tui.app.widgets.details import DetailsPanel

        return self.query_one(DetailsPanel)

    @property
    def filtering(self) -> bool:
        return self.event_filter is not None and self.event_filter.active

    # --- hooks: implemented by the part named, called from the others -------------------

    @abstractmethod
    def reload(self) -> None:
        """main.py: load the file again, in a worker."""

    @abstractmethod
    def _tick(self) -> None:
        """main.py: show the clock's moment everywhere it is shown."""

    @abstractmethod
    def _show_details(self) -> None:
        """main.py: show the selected event in the details panel."""

    @abstractmethod
    def _apply_filter(self) -> None:
        """main.py: show the rows the filter lets through (and the baseline's removed ones)."""

    @abstractmethod
    def _leave_details(self) -> None:
        """main.py: close the details panel and give the timeline its focus back."""

    @abstractmethod
    def action_show_view(self, view: str) -> None:
        """main_views.py: show one of the views (timeline, agenda, countdowns, month, rules)."""

    @abstractmethod
    def _refresh_countdowns(self) -> None:
        """main_views.py: recompute the countdown cards if they are out of date."""
