"""What the app is opened on and how: built by `tui.app.factory.build_app`. Textual-free."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from tui.diff.baseline_source import Baseline
    from tui.schedule.loader import Loaded

UTC = ZoneInfo("UTC")


class AppConfig:
    """What the app is opened on and how (a plain class: no dataclass cost at start-up)."""

    __slots__ = (
        "as_of",
        "baseline",
        "bundled",
        "cache_dir",
        "exit_on_invalid",
        "load",
        "path",
        "peek_zone",
        "read_only",
        "tick",
        "title_hint",
        "viewer_zone",
        "watch",
        "web",
    )

    def __init__(
        self,
        path: Path,
        *,
        as_of: str | datetime | None = None,
        viewer_zone: tzinfo | None = None,
        tick: bool = True,
        watch: bool = True,
        exit_on_invalid: bool = True,
        title_hint: str = "docket",
        peek_zone: ZoneInfo = UTC,
        load: Callable[[Path], Loaded] | None = None,
        cache_dir: Path | None = None,
        baseline: Baseline | None = None,
        read_only: bool = False,
        bundled: bool = False,
        web: bool = False,
    ) -> None:
        self.path = path
        #: `--as-of`: an ISO string or a datetime; without offset it is in the schedule's zone.
        self.as_of = as_of
        #: The viewer's zone for the details panel; None means the machine's local zone.
        self.viewer_zone = viewer_zone
        #: Run the clock (False freezes it: tests and snapshots).
        self.tick = tick
        #: Watch the file and reload on change.
        self.watch = watch
        #: An invalid file at start ends the app with exit code 1 (the CLI prints the errors).
        self.exit_on_invalid = exit_on_invalid
        #: Shown in the header until the schedule has loaded.
        self.title_hint = title_hint
        #: The schedule's zone as peeked from the file, until it has loaded.
        self.peek_zone = peek_zone
        #: What reads the file, in the load worker: `tui.schedule.loader.load_path` when
        #: None. Tests pass one that fails as no real file can, to prove the app survives.
        self.load = load
        #: The view cache's directory (`tui.app.rows_cache`); None: no cache.
        self.cache_dir = cache_dir
        #: `--baseline`: the version the schedule is drawn against (read and validated).
        self.baseline = baseline
        #: `--read-only`: every edit key (and `e`) refuses, saying why.
        self.read_only = read_only
        #: The bundled schedule (no file named): edits are allowed, but saved only to a file
        #: the planner names (never over the copy docket ships).
        self.bundled = bundled
        #: Served to a browser (`docket web`): read-only, no external editor, the export a
        #: download to the browser, a baseline only a git revision of the file; nothing
        #: typed in the browser names a file of the server's.
        self.web = web
        if web:
            self.read_only = True

    def as_of_moment(self, zone: ZoneInfo) -> datetime | None:
        """The `--as-of` moment, reading a value without offset in `zone`."""
        if self.as_of is None:
            return None
        if isinstance(self.as_of, datetime):
            return self.as_of if self.as_of.tzinfo else self.as_of.replace(tzinfo=zone)
        from tui.core.asof import parse_as_of

        return parse_as_of(self.as_of, zone)
