"""The app's side of schedule files, Textual-free: loading plus the precomputation the
timeline needs, watching the file, the editor command.

Everything slow here runs in the app's worker threads, never on its event loop. (What the
first frame needs from the file is in `tui.schedule.peek`, which imports almost nothing.)
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from threading import Event as StopEvent
from typing import TYPE_CHECKING

from tui.core.errors import ScheduleError, ScheduleFileError

if TYPE_CHECKING:
    # For the annotations only: the screen imports this module on its event loop, and the
    # loader and the rows (with the model behind them) are what `load_prepared` defers.
    from tui.app.timeline.rows import TimelineRows
    from tui.schedule.loader import Loaded


@dataclass
class Prepared:
    """A loaded schedule with what the app draws from it, built off the event loop."""

    loaded: Loaded
    rows: TimelineRows


def load_prepared(path: Path) -> Prepared | ScheduleError | ScheduleFileError:
    """Load and prepare; bad input comes back as the error (a worker's result), not raised."""
    from tui.app.timeline.rows import TimelineRows
    from tui.schedule.loader import load_path

    try:
        loaded = load_path(path)
    except (ScheduleError, ScheduleFileError) as error:
        return error
    schedule = loaded.schedule
    rows = TimelineRows(schedule)
    headline = schedule.headline_deadline
    if headline is not None:
        # Build the countdown index and import pendulum here, not on the first keypress.
        from tui.core.asof import now_in
        from tui.core.countdown import countdown_for

        countdown_for(schedule, headline, now_in(schedule.zone))
    return Prepared(loaded, rows)


def watch_file(path: Path, stop: StopEvent, changed: Callable[[], object]) -> None:
    """Call `changed()` whenever `path` is written, replaced or re-created, until `stop`.

    Watches the file's directory (editors often save by writing a new file and renaming it
    over the old one, which a watch on the file itself would lose) and reports only this
    file, within about 50 ms of the last write of a burst. What `changed` returns is ignored
    (the screen passes `post_message`, which says whether the message was queued).
    """
    import watchfiles

    target = path.resolve()
    directory = target.parent

    def only_ours(_change: object, changed_path: str) -> bool:
        return Path(changed_path) == target

    for _changes in watchfiles.watch(
        directory,
        watch_filter=only_ours,
        debounce=400,
        step=50,
        stop_event=stop,
        rust_timeout=500,
        yield_on_timeout=False,
        recursive=False,
        raise_interrupt=False,
    ):
        if stop.is_set():
            return
        changed()


def editor_command(path: Path, line: int | None) -> list[str]:
    """`$VISUAL` or `$EDITOR` (else vi) with `+LINE` (vi, vim, nano, emacs, micro, kak…)."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    command = shlex.split(editor)
    if line is not None:
        command.append(f"+{line}")
    command.append(str(path))
    return command
