"""The main screen's workers: loading, watching, the baseline, the rules and the countdowns.

A part of `MainScreen` (see screen_base.py). Each worker runs in a thread, reads what it
needs of the document when it starts, and posts one typed message (`work_messages`) with
its result; the screen's handler of that message gives it to the document. None ends the
app (`exit_on_error=False`): a failed load, even docket's bug, is an error of the file,
shown over the last valid schedule, and any other worker's exception is said
(`MainScreen.on_worker_state_changed`, which looks at failures only).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from tui.app.screens.screen_base import MainScreenBase
from tui.app.screens.work_messages import (
    BaselineCompared,
    BaselineRefused,
    CachedRowsFound,
    CacheNote,
    CountdownsCounted,
    FileChanged,
    Loaded,
    LoadFailed,
    RulesJudged,
)

if TYPE_CHECKING:
    from datetime import datetime

    from tui.app.loading import Prepared
    from tui.app.rows_cache import CachedRows
    from tui.app.timeline.rows import TimelineRows
    from tui.diff.baseline_source import Baseline

#: How long a load waits for the panels before it reports (they mount right after the
#: first rows are drawn); past it, the result is kept and shown once they are.
PANELS_WAIT = 10.0


class BackgroundWork(MainScreenBase):
    """Workers that post their results as messages."""

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False, description="load")
    def _load(self) -> None:
        from tui.app.loading import Prepared, failed, load_prepared

        document, config = self.document, self.config
        early = self._found_rows if document.prepared is None else None  # rows first
        try:
            result = load_prepared(
                self.path,
                config.load,
                cache=config.cache_dir,
                early=early,
                baseline=document.baseline,
                as_of=document.as_of_in,
                note=self._cache_note,
                watch=self._stop_watching,  # the watcher starts from what this load read
            )
        except Exception as error:  # `load_prepared` returns its errors: this is a bug
            result = failed(self.path, error)
        if early is not None:
            early(None)  # the first load is over: `start` goes on even if it drew nothing
        self.panels_mounted.wait(PANELS_WAIT)  # what the result is shown in (see `start`)
        self.post_message(Loaded(result) if isinstance(result, Prepared) else LoadFailed(result))

    def _found_rows(self, rows: CachedRows | TimelineRows | None) -> None:
        """Called in the load worker's thread."""
        self.post_message(CachedRowsFound(rows))

    def _cache_note(self, text: str) -> None:
        """Called in the load worker's thread."""
        self.post_message(CacheNote(text))

    @work(thread=True, group="watch", exit_on_error=False, description="watch")
    def watch_schedule(self) -> None:
        from tui.app.loading import watch_file

        watch_file(self.path, self._stop_watching, lambda: self.post_message(FileChanged()))

    # --- the baseline -----------------------------------------------------------------------

    def read_baseline(self, prepared: Prepared, spec: str) -> None:
        self._read_baseline(prepared, spec, self.clock.now())

    @work(
        thread=True, exclusive=True, group="baseline", exit_on_error=False, description="baseline"
    )
    def _read_baseline(self, prepared: Prepared, spec: str, now: datetime) -> None:
        """Read `spec` (empty: no baseline) and compare `prepared` with it at `now`; when it
        cannot be read, the dialog comes back saying why (`_read_failed`)."""
        from tui.app.baseline_view import baseline_view
        from tui.core.errors import DocketError, ScheduleError
        from tui.diff.baseline_source import read_baseline, read_revision_baseline

        if not spec:
            self.post_message(BaselineCompared(prepared, None, None, chosen=True))
            return
        try:
            read = read_revision_baseline if self.config.web else read_baseline
            baseline = read(spec, self.path)
        except ScheduleError as error:
            count = len(error.errors)
            more = f" (+{count - 1} more: docket check)" if count > 1 else ""
            self.app.call_from_thread(self._read_failed, BaselineRefused(spec, f"{error}{more}"))
            return
        except DocketError as error:
            self.app.call_from_thread(self._read_failed, BaselineRefused(spec, str(error)))
            return
        view = baseline_view(baseline, prepared.rows, now)
        self.post_message(BaselineCompared(prepared, baseline, view, chosen=True))

    def _read_failed(self, message: BaselineRefused) -> None:
        """The dialog again, saying why; not for a read that a later `b` has replaced.
        (Handled at once, through `call_from_thread`: the worker waits until it is.)"""
        if not message.stale:
            self._baseline_dialog(message.spec, message.error)

    def compare(self) -> None:
        """Compare the current schedule with the document's baseline, in a worker."""
        prepared = self.document.prepared
        if prepared is not None:
            self._compare(prepared, self.document.baseline, self.clock.now())

    @work(thread=True, exclusive=True, group="baseline", exit_on_error=False, description="compare")
    def _compare(self, prepared: Prepared, baseline: Baseline | None, now: datetime) -> None:
        from tui.app.baseline_view import baseline_view

        view = baseline_view(baseline, prepared.rows, now) if baseline is not None else None
        self.post_message(BaselineCompared(prepared, baseline, view))

    # --- the rules and the countdowns ---------------------------------------------------------

    @work(thread=True, exclusive=True, group="rules", exit_on_error=False, description="rules")
    def judge_rules(self, prepared: Prepared) -> None:
        """Judge the schedule's rules again: on every load, so an edit that breaks a rule
        shows in the view, the header's badge and the timeline (`✗` after the title of each
        event a failing rule blames) as soon as it is saved."""
        from tui.rules import evaluate, summarize

        results = evaluate(prepared.loaded.schedule)
        summary = summarize(results) if results else None
        self.post_message(RulesJudged(prepared, results, summary))

    @work(
        thread=True,
        exclusive=True,
        group="countdowns",
        exit_on_error=False,
        description="countdowns",
    )
    def count_down(self, prepared: Prepared, now: datetime) -> None:
        from tui.app.month.dashboard import cards
        from tui.core.countdown import countdowns

        schedule = prepared.loaded.schedule
        made = cards(schedule, countdowns(schedule, now), schedule.deadline, now)
        self.post_message(CountdownsCounted(prepared, made))
