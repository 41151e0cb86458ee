"""What the main screen's workers report: one typed message per result, one handler each.

A worker posts its result as one of these (from its thread) and returns nothing; the
screen's handler hands it to the document and binds what the document says changed. A
message knows the worker that made it: once a newer worker of the same exclusive group has
replaced that one, the result is `stale` and dropped, as Textual drops a cancelled worker's
return value.

The load also posts rows as soon as it has some (`CachedRowsFound`): the rows cache's for
exactly the file's bytes, before it parses anything, and the validated load's as soon as
they are made, so they are drawn before the panels, the footer and the countdowns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import NoActiveWorker, get_current_worker

if TYPE_CHECKING:
    from textual.worker import Worker

    from tui.app.baseline_view import BaselineView
    from tui.app.loading import Prepared
    from tui.app.month.dashboard import Card
    from tui.app.rows_cache import CachedRows
    from tui.app.timeline.rows import TimelineRows
    from tui.core.errors import ScheduleError, ScheduleFileError
    from tui.diff.baseline_source import Baseline
    from tui.rules import RuleResult, RulesSummary


class WorkerMessage(Message):
    """A worker's result, which a newer worker of its group may have made stale."""

    def __init__(self) -> None:
        super().__init__()
        try:
            self._worker: Worker[object] | None = get_current_worker()
        except NoActiveWorker:
            self._worker = None

    @property
    def stale(self) -> bool:
        return self._worker is not None and self._worker.is_cancelled


class Loaded(WorkerMessage):
    """A valid load of the file, prepared (rows, comparison) off the event loop."""

    def __init__(self, prepared: Prepared) -> None:
        super().__init__()
        self.prepared = prepared


class LoadFailed(WorkerMessage):
    """The file could not be loaded: its located errors (or docket's bug, as one)."""

    def __init__(self, error: ScheduleError | ScheduleFileError) -> None:
        super().__init__()
        self.error = error


class BaselineCompared(WorkerMessage):
    """`prepared` compared with `baseline` (None: no baseline, `view` None too); `chosen`:
    the baseline is the planner's new choice (`b`), not the one drawn against already."""

    def __init__(
        self,
        prepared: Prepared,
        baseline: Baseline | None,
        view: BaselineView | None,
        *,
        chosen: bool = False,
    ) -> None:
        super().__init__()
        self.prepared, self.baseline, self.view = prepared, baseline, view
        self.chosen = chosen


class BaselineRefused(WorkerMessage):
    """The baseline `spec` cannot be one: why, for the dialog to say."""

    def __init__(self, spec: str, error: str) -> None:
        super().__init__()
        self.spec, self.error = spec, error


class RulesJudged(WorkerMessage):
    """The rules of `prepared`'s schedule, judged."""

    def __init__(
        self, prepared: Prepared, results: list[RuleResult], summary: RulesSummary | None
    ) -> None:
        super().__init__()
        self.prepared, self.results, self.summary = prepared, results, summary


class CountdownsCounted(WorkerMessage):
    """The countdowns dashboard's cards for `prepared` at one as-of moment."""

    def __init__(self, prepared: Prepared, cards: Sequence[Card]) -> None:
        super().__init__()
        self.prepared, self.cards = prepared, cards


class FileChanged(Message):
    """The schedule file changed on disk (posted by the watcher thread)."""


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
