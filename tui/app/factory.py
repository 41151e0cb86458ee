"""The one place the app is built, for the command line and the tests alike."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tui.app.config import AppConfig
from tui.app.rows_cache import cache_dir
from tui.schedule.peek import bundled_schedule_path, peek

if TYPE_CHECKING:
    # Imported in `build_app` at run time: Textual loads only when an app is built.
    from tui.app.docket_app import DocketApp
    from tui.diff.baseline_source import Baseline
    from tui.schedule.loader import Loaded


def build_app(
    path: Path | None = None,
    as_of: datetime | str | None = None,
    *,
    theme: str | None = None,
    viewer_zone: tzinfo | None = None,
    tick: bool = True,
    watch: bool = True,
    exit_on_invalid: bool = True,
    load: Callable[[Path], Loaded] | None = None,
    cache: bool = False,
    baseline: Baseline | str | None = None,
    read_only: bool = False,
    web: bool = False,
) -> DocketApp:
    """A `DocketApp` on `path` (the bundled schedule by default).

    `as_of` fixes the moment everything is computed from (a string or naive datetime is in
    the schedule's zone); `viewer_zone` is the "your zone" of the details panel (default:
    the machine's); `tick=False` freezes the clock, for tests and snapshots; `load` reads
    the file in place of the schedule loader (see `AppConfig.load`); `cache` draws the rows
    cached for the file's bytes while it loads, and caches them (`tui.app.rows_cache`:
    the command line's default; off unless asked, so tests never touch the user's cache);
    `baseline` draws the schedule against another version of it (a `Baseline`, or what
    `--baseline` names, read here: `tui.diff.baseline_source.read_baseline` raises if it cannot be);
    `read_only` refuses every edit (`--read-only`); `web`: served to a browser
    (`AppConfig.web`).
    """
    from tui.app.docket_app import DocketApp

    target = path if path is not None else bundled_schedule_path()
    if isinstance(baseline, str):
        from tui.diff.baseline_source import read_baseline

        baseline = read_baseline(baseline, target)
    title, timezone = peek(target)
    try:
        zone = ZoneInfo(timezone) if timezone else ZoneInfo("UTC")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    config = AppConfig(
        path=target,
        as_of=as_of,
        viewer_zone=viewer_zone,
        tick=tick,
        watch=watch,
        exit_on_invalid=exit_on_invalid,
        title_hint=title or target.name,
        peek_zone=zone,
        load=load,
        cache_dir=cache_dir() if cache else None,
        baseline=baseline,
        read_only=read_only,
        bundled=_is_bundled(target),
        web=web,
    )
    app = DocketApp(config)
    if theme is not None:
        app.theme = theme
    return app


def _is_bundled(target: Path) -> bool:
    """Whether `target` is the schedule docket ships (however it was named)."""
    try:
        return target.resolve() == bundled_schedule_path().resolve()
    except OSError:
        return False
