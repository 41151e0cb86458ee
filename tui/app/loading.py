"""The app's side of schedule files, Textual-free: loading plus the precomputation the
timeline needs, and watching the file (the editor command: `tui.app.editor`).

Everything slow here runs in the app's worker threads, never on its event loop. (What the
first frame needs from the file is in `tui.schedule.peek`, which imports almost nothing.)
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from threading import Event as StopEvent
from typing import TYPE_CHECKING, NamedTuple

from tui.core.errors import Diagnostic, ScheduleError, ScheduleFileError

if TYPE_CHECKING:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    # For the annotations only: the screen imports this module on its event loop, and the
    # loader and the rows (with the model behind them) are what `load_prepared` defers.
    from tui.app.baseline_view import BaselineView
    from tui.app.rows_cache import CachedRows
    from tui.app.timeline.rows import TimelineRows
    from tui.diff.baseline_source import Baseline
    from tui.schedule.loader import Loaded


@dataclass
class Prepared:
    """A loaded schedule with what the app draws from it, built off the event loop."""

    loaded: Loaded
    rows: TimelineRows
    #: The schedule against the baseline, when there is one.
    baseline: BaselineView | None = None


def load_prepared(
    path: Path,
    load: Callable[[Path], Loaded] | None = None,
    *,
    cache: Path | None = None,
    early: Callable[[CachedRows | TimelineRows], object] | None = None,
    baseline: Baseline | None = None,
    as_of: Callable[[ZoneInfo], datetime] | None = None,
    note: Callable[[str], object] | None = None,
    watch: StopEvent | None = None,
) -> Prepared | ScheduleError | ScheduleFileError:
    """Load (with `load`, else the schedule loader) and prepare; every failure comes back as
    an error (a worker's result), never raised: bad input as the loader reports it, and
    anything else (a bug in docket) as an error of the file, so the app keeps what it shows.

    Rows first: the rows of a valid load go to `early` as soon as they are made (before the
    countdown index, and before the worker reports), so the app draws them at once. With a
    `cache` directory (and the real loader), the file's bytes are read once: the rows cached
    for exactly those bytes go to `early` even before they are parsed, and the rows of a
    valid load are cached for them, in a thread of their own (`tui.app.rows_cache`). A
    cache directory that cannot be trusted (another user owns or can write it) is not
    used, and `note` is told why. With a `baseline`, the schedule is compared with it
    (`tui.app.baseline_view`) at the as-of moment `as_of` gives in the loaded schedule's
    zone (the app's clock: `--as-of` and `a` as well as the real time), else at the real
    time. With `watch` (the stop event of the path's `watch_file`), what the path leads to
    is noted just before the read: the watcher starts from it, so a save after this read is
    reported even if it lands before the watcher starts."""
    if watch is not None:
        _loaded_from[watch] = _seen(os.path.abspath(path))
    try:
        if load is None and cache is not None:
            loaded, write = _load_cached(path, cache, early, note)
        else:
            write = None
            read = load
            if read is None:
                from tui.schedule.loader import load_path

                read = load_path
            loaded = read(path)
        from tui.app.timeline.rows import TimelineRows

        schedule = loaded.schedule
        rows = TimelineRows(schedule)
        if early is not None:
            early(rows)
        if write is not None:
            write(schedule.title, rows)
        headline = schedule.headline_deadline
        if headline is not None:
            # Build the countdown's session index here, in the worker, not on the first keypress.
            from tui.core.asof import now_in
            from tui.core.countdown import countdown_for

            countdown_for(schedule, headline, now_in(schedule.zone))
        view = None
        if baseline is not None:
            from tui.app.baseline_view import baseline_view
            from tui.core.asof import now_in

            moment = as_of(schedule.zone) if as_of is not None else now_in(schedule.zone)
            view = baseline_view(baseline, rows, moment)
    except (ScheduleError, ScheduleFileError) as error:
        return error
    except Exception as error:  # whatever it is, it must not end the app
        return failed(path, error)
    return Prepared(loaded, rows, view)


def _load_cached(
    path: Path,
    cache: Path,
    early: Callable[[CachedRows | TimelineRows], object] | None,
    note: Callable[[str], object] | None,
) -> tuple[Loaded, Callable[[str, TimelineRows], None] | None]:
    """Load `path` from bytes read once; what writes the rows to the cache on a miss. (The
    cache is read only for an `early` to show its rows: not on a reload.)"""
    from tui.app import rows_cache
    from tui.schedule.reading import read_bytes

    data = read_bytes(path)
    problem = rows_cache.open_cache(cache)
    if problem is not None:
        if note is not None and early is not None:  # said once, on the first load
            note(problem)
        from tui.schedule.loader import load_text

        return load_text(data, str(path), source=path), None
    key = rows_cache.cache_key(data)
    hit = rows_cache.read_rows(cache, key) if early is not None else None
    if hit is not None and early is not None:
        early(hit)  # before the loader is even imported
    import threading

    from tui.schedule.loader import load_text

    loaded = load_text(data, str(path), source=path)
    if hit is not None:
        return loaded, None

    def write(title: str, rows: TimelineRows) -> None:
        arguments = (cache, key, title, rows)
        threading.Thread(
            target=rows_cache.write_rows, args=arguments, name="docket rows cache"
        ).start()

    return loaded, write


def failed(path: Path, error: BaseException | None) -> ScheduleError:
    """An unexpected failure to load `path`, as an error located at its start."""
    what = f"{type(error).__name__}: {error}" if error is not None else "unknown error"
    message = f"docket could not load this file ({what}); this is a bug in docket"
    return ScheduleError([Diagnostic(str(path), 1, 1, "error", message)])


#: How often the watcher checks by `stat` what no file event shows: its directory deleted and
#: re-created, a symlink on its way re-pointed (`ln -sfn`), a write whose event was lost.
POLL_SECONDS = 0.25


class _Seen(NamedTuple):
    """What the schedule path leads to, as the watcher last saw it."""

    target: str  # the file the path resolves to (through any symlinks)
    folders: tuple[tuple[str, tuple[int, int] | None], ...]  # directories watched, identities
    file: tuple[int, int, int, int] | None  # device, inode, size and mtime of the file


#: What each watcher's path led to when it was last loaded (by the watcher's stop event): the
#: watcher starts from the text on screen, not from the file as it is when the thread starts.
_loaded_from: weakref.WeakKeyDictionary[StopEvent, _Seen] = weakref.WeakKeyDictionary()


def _seen(link: str) -> _Seen:
    target = os.path.realpath(link)
    folders = dict.fromkeys((os.path.dirname(link), os.path.dirname(target)))
    return _Seen(target, tuple((f, _identity(f)) for f in folders), _signature(link))


def _identity(folder: str) -> tuple[int, int] | None:
    try:
        info = os.stat(folder)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _signature(file: str) -> tuple[int, int, int, int] | None:
    try:
        info = os.stat(file)
    except OSError:
        return None
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


def _named(names: frozenset[str]) -> Callable[[object, str], bool]:
    """The watch filter: changes to a file of one of these names (in the folders watched)."""
    return lambda _change, where: os.path.basename(where) in names


def watch_file(
    path: Path, stop: StopEvent, changed: Callable[[], object], *, poll: float = POLL_SECONDS
) -> None:
    """Call `changed()` whenever `path` is written, replaced, deleted or re-created, or
    leads elsewhere, until `stop`.

    Watches the directories of the path and of the file it resolves to (editors often save
    by renaming a new file over the old one, which a watch on the file itself would lose),
    reporting only this file, about 50 ms after the last write of a burst. Every `poll`
    seconds it also compares what the path leads to (`_Seen`): a directory deleted and
    made again, or a re-pointed symlink, is reported and watched anew, and where nothing
    can be watched (no directory yet, no inotify watches left) it polls. Nothing here
    raises: the app's watcher must outlive whatever happens to the file. What `changed`
    returns is ignored (the screen passes `post_message`).

    It starts from the file as `load_prepared(..., watch=stop)` last read it, so a save
    between that read and this start is reported at the first look (within `poll`); with
    no such load, from the file as it is now.
    """
    import watchfiles

    link = os.path.abspath(path)
    seen = _loaded_from.get(stop) or _seen(link)
    while not stop.is_set():
        names = frozenset({os.path.basename(link), os.path.basename(seen.target)})
        folders = [folder for folder, identity in seen.folders if identity is not None]
        try:
            if not folders:
                raise FileNotFoundError(link)
            for changes in watchfiles.watch(
                *folders,
                watch_filter=_named(names),
                debounce=400,
                step=50,
                stop_event=stop,
                rust_timeout=max(1, int(poll * 1000)),
                yield_on_timeout=True,
                recursive=False,
                raise_interrupt=False,
            ):
                now = _seen(link)
                if changes or now != seen:
                    changed()
                moved = now[:2] != seen[:2]
                seen = now
                if moved:
                    break  # watch the directories as they are now
        except Exception:  # nothing to watch, or watchfiles cannot (inotify limits): poll
            if stop.wait(poll):
                return
            now = _seen(link)
            if now != seen:
                changed()
            seen = now
