"""What the main screen's parts share: the document, the widgets, and a few hooks.

`MainScreen` (main.py: layout, start-up, binding the document's view models to widgets)
is assembled from `ViewSwitching` (views.py), `Tools` (tools.py), `ExportAction`
(export_action.py) and `BackgroundWork` (background.py). Its state is not here: it is the
document's (`tui.app.document.Document`), so the parts share one object and the widgets,
not a score of attributes. Each part subclasses `MainScreenBase`, and the few methods one
part calls in another are declared here as abstract hooks. No hook is a message handler:
Textual calls a handler in every class of the MRO that defines one.
"""

from __future__ import annotations

from abc import abstractmethod
from threading import Event as Flag
from typing import TYPE_CHECKING

from textual.screen import Screen

from tui.app.document import Document
from tui.app.widgets.header import DocketHeader
from tui.app.widgets.timeline import Timeline

if TYPE_CHECKING:
    from datetime import datetime

    from tui.app.clock import AsOfClock
    from tui.app.config import AppConfig
    from tui.app.filtering import EventFilter
    from tui.app.loading import Prepared
    from tui.app.view_models import Update
    from tui.app.widgets.details import DetailsPanel
    from tui.core.errors import ScheduleError, ScheduleFileError
    from tui.diff.baseline_source import Baseline


class MainScreenBase(Screen[None]):
    """The document, the view on screen, and the widgets every part reaches."""

    def __init__(self, config: AppConfig) -> None:
        super().__init__()
        self.config = config
        self.path = config.path
        self.document = Document(config)
        #: The view on screen: timeline, agenda, countdowns, month or rules.
        self.view = "timeline"
        #: The widgets after the first frame are mounted (see `MainScreen.start`).
        self.ready = False
        #: Set once they are: the load waits for it before it reports (rows first).
        self.panels_mounted = Flag()
        self._stop_watching = Flag()

    # What the document holds, read-only, under the names the parts (and tests) use.

    @property
    def prepared(self) -> Prepared | None:
        return self.document.prepared

    @property
    def last_error(self) -> ScheduleError | ScheduleFileError | None:
        return self.document.last_error

    @property
    def event_filter(self) -> EventFilter | None:
        return self.document.event_filter

    @property
    def filtering(self) -> bool:
        return self.document.filtering

    @property
    def selected_id(self) -> str | None:
        """The selected event; before the first load, the cached row selected."""
        document = self.document
        return document.selected_id if document.prepared is not None else document.wanted_id

    @property
    def baseline(self) -> Baseline | None:
        return self.document.baseline

    @property
    def rule_faults(self) -> dict[str, tuple[str, ...]]:
        return self.document.rule_faults

    @property
    def clock(self) -> AsOfClock:
        return self.document.clock

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

    # --- hooks: implemented by the part named, called from the others -------------------

    @abstractmethod
    def bind(self, update: Update) -> None:
        """main.py: show what the document's update says changed."""

    @abstractmethod
    def reload(self) -> None:
        """background.py: load the file again, in a worker."""

    @abstractmethod
    def refuse_if_read_only(self, what: str) -> bool:
        """editing.py: say why `what` cannot be done here, if it cannot (True then)."""

    @abstractmethod
    def watch_schedule(self) -> object:
        """background.py: watch the file (`path`) for changes, in a worker."""

    @abstractmethod
    def read_baseline(self, prepared: Prepared, spec: str) -> None:
        """background.py: read the baseline `spec` and compare `prepared` with it."""

    @abstractmethod
    def count_down(self, prepared: Prepared, now: datetime) -> object:
        """background.py: count the dashboard's cards, in a worker."""

    @abstractmethod
    def _baseline_dialog(self, value: str, error: str) -> None:
        """tools.py: the `b` dialog, with `value` typed and `error` said."""

    @abstractmethod
    def _leave_details(self) -> None:
        """views.py: close the details panel and give the timeline its focus back."""

    @abstractmethod
    def action_show_view(self, view: str) -> None:
        """views.py: show one of the five views."""

    @abstractmethod
    def _focus_view(self) -> None:
        """views.py: give the current view the focus."""
