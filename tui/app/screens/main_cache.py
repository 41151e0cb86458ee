"""The main screen's part that puts the rows on screen first.

The load worker (`tui.app.loading.load_prepared`) posts rows here as soon as it has some:
the view cache's (`tui.app.rows_cache`) for exactly the file's bytes, before it parses
anything, and the rows of the validated load as soon as they are made. They are drawn at
once, before the panels, the footer, the headline countdown and the watcher (`start` waits
for them, or for the load to end without rows); the load's result then replaces them,
keeping the selection by event id. Cached rows were the rows of a valid load of the same
bytes, so they are never rows of an invalid file; should the full load fail all the same,
they are taken off the screen. The load waits for the panels before it reports.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from threading import Event as Flag
from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import Worker, WorkerState

from tui.app.screens.main_base import MainScreenBase

if TYPE_CHECKING:
    from tui.app.config import AppConfig
    from tui.app.rows_cache import CachedRows
    from tui.app.timeline.rows import TimelineRows


class CachedRowsFound(Message):
    """Rows to draw (cached or validated), or None when the load ended without rows."""

    def __init__(self, rows: CachedRows | TimelineRows | None) -> None:
        super().__init__()
        self.rows = rows


class CacheNote(Message):
    """Why the rows cache is off for this run (its directory cannot be trusted)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class MainCache(MainScreenBase):
    """Cached rows first; the panels mounted before a load reports."""

    def __init__(self, config: AppConfig) -> None:
        super().__init__(config)
        #: Set once the panels `_apply` needs are mounted (`MainScreen.start`).
        self.panels_mounted = Flag()
        #: Cached rows are on screen (until the first full load replaces them).
        self.showing_cached = False
        #: What runs once the first rows are drawn, or the first load ended without any.
        self._then: Callable[[], Awaitable[None]] | None = None

    def found_cached(self, rows: CachedRows | TimelineRows | None) -> None:
        """Called in the load worker's thread."""
        self.post_message(CachedRowsFound(rows))

    def cache_note(self, text: str) -> None:
        """Called in the load worker's thread."""
        self.post_message(CacheNote(text))

    def on_cache_note(self, message: CacheNote) -> None:
        self.notify(message.text, title="docket", severity="warning", timeout=6, markup=False)

    def after_first_rows(self, then: Callable[[], Awaitable[None]]) -> None:
        """Run `then` (once, on the screen's loop) when the first rows are on screen, or the
        first load ended without any."""
        self._then = then

    def _rows_drawn(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            self.call_later(then)

    def on_cached_rows_found(self, message: CachedRowsFound) -> None:
        rows = message.rows
        if rows is None or self.prepared is not None or self.last_error is not None:
            self._rows_drawn()
            return  # nothing to draw, or the full load was quicker
        from tui.app.rows_cache import CachedRows

        if isinstance(rows, CachedRows):
            self.showing_cached, title = True, rows.title
        else:
            self.showing_cached, title = False, rows.schedule.title
        self.header.show_title(title)
        self.timeline.set_rows(
            rows.all,  # type: ignore[arg-type]  # CachedRow has every attribute a Row has
            (rows.first, rows.last),
            len(rows),
            self.selected_id,
            rows.widths,
        )
        self.call_after_refresh(self._rows_drawn)  # the rows are painted: now the rest

    def on_worker_state_changed(self, message: Worker.StateChanged) -> None:
        # Runs after `MainScreen`'s own handler (Textual calls every class's, in MRO order).
        if message.worker.group != "load" or not self.showing_cached:
            return
        if message.state in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            self.showing_cached = False
            if self.prepared is None and self.is_attached:
                # The full load failed: what it says is on screen, never rows it did not check.
                self.timeline.set_rows([], (0.0, 0.0), 0, None)
