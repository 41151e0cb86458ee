"""Running `docket serve`: load, stamp and serve the feeds; watch the files; stop cleanly.

Watching polls each schedule's status (through symlinks: size, mtime, inode) four times a
second instead of using an event watcher: a server follows a handful of files, polling
costs nothing measurable, and it sees what event watchers can miss — a directory removed
and re-created, a symlink pointed elsewhere, a network folder. A valid save is served within
about half a second; an invalid one is logged with its located errors and the last valid
feed stays up.
"""

from __future__ import annotations

import ipaddress
import os
import signal
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType

from tui.core.errors import DocketError, ScheduleError, ScheduleFileError
from tui.core.model import Schedule
from tui.core.sanitize import visible
from tui.publish.bounds import Limits
from tui.publish.feed import DEFAULT_REFRESH, build_feed, ledger_for
from tui.publish.ledger import Ledger
from tui.publish.secret import secret_segment
from tui.publish.server import FeedBoard, FeedServer
from tui.schedule.loader import load_path

POLL_SECONDS = 0.25
Log = Callable[[str], None]


class ServeError(DocketError):
    """The server cannot start: a bad address, a port in use, schedules that clash."""


@dataclass
class _Watched:
    path: Path
    signature: tuple[int, int, int, int] | None
    schedule_id: str
    ledger: Ledger
    ledger_path: Path


@dataclass(frozen=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8025
    secret: bool = False
    refresh: timedelta = DEFAULT_REFRESH
    state: Path | None = None
    limits: Limits = field(default_factory=Limits)


def _signature(path: Path) -> tuple[int, int, int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino, info.st_dev)


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class FeedRunner:
    """The feeds of several schedule files, kept current on the board."""

    def __init__(self, paths: Sequence[Path], options: ServeOptions, log: Log) -> None:
        self.options, self.log = options, log
        self.board = FeedBoard()
        self.watched: list[_Watched] = []
        ids: dict[str, Path] = {}
        for path in paths:
            loaded = load_path(path)
            schedule = loaded.schedule
            if schedule.id in ids:
                raise ServeError(
                    f"{path} and {ids[schedule.id]} are both schedule {schedule.id!r}: "
                    "their feeds would have the same address"
                )
            ids[schedule.id] = path
            ledger, ledger_path = ledger_for(schedule.id, self._state_path(schedule.id, paths))
            if ledger.problem:
                log(f"docket: serve: {ledger.problem}")
            watched = _Watched(path, _signature(path), schedule.id, ledger, ledger_path)
            self._publish(watched, schedule)
            log(f"docket: serve: loaded {visible(str(path))}: {verdict(schedule)}")
            self.watched.append(watched)

    def _state_path(self, schedule_id: str, paths: Sequence[Path]) -> Path | None:
        state = self.options.state
        if state is None:
            return None
        if len(paths) > 1 or state.is_dir():
            return state / f"{schedule_id}.json"
        return state

    def _publish(self, watched: _Watched, schedule: Schedule) -> None:
        feed = build_feed(schedule, watched.ledger, datetime.now(UTC), self.options.refresh)
        try:
            watched.ledger.save(watched.ledger_path)
        except DocketError as error:
            self.log(f"docket: serve: ledger not saved: {error}")
        self.board.put(feed)

    def poll(self) -> None:
        """Reload every file whose status changed; keep the last valid feed on errors."""
        for watched in self.watched:
            signature = _signature(watched.path)
            if signature == watched.signature:
                continue
            watched.signature = signature
            try:
                loaded = load_path(watched.path)
            except ScheduleFileError as error:
                self.log(f"docket: serve: {error}; still serving the last valid feed")
                continue
            except ScheduleError as error:
                for diagnostic in error.diagnostics:
                    self.log(str(diagnostic))
                self.log(
                    f"docket: serve: {visible(str(watched.path))}: invalid; "
                    "still serving the last valid feed"
                )
                continue
            if loaded.schedule.id != watched.schedule_id:
                self.log(
                    f"docket: serve: {visible(str(watched.path))}: the schedule id changed to "
                    f"{loaded.schedule.id!r}; keep ids stable (calendar UIDs derive from them)"
                )
                continue
            self._publish(watched, loaded.schedule)
            self.log(
                f"docket: serve: reloaded {visible(str(watched.path))}: {verdict(loaded.schedule)}"
            )


def verdict(schedule: Schedule) -> str:
    """`22 events` and, for each rule the schedule now breaks, `rule ID fails: why`.

    A save that breaks a mandate rule is still served (the file is valid), but the log says
    so, in the words `docket check` uses.
    """
    from tui.rules import evaluate

    said = [f"{len(schedule.events)} events"]
    for result in evaluate(schedule):
        if result.status == "fail":
            kind = "" if result.rule.severity == "error" else " (a warning)"
            said.append(f"rule {result.rule.id}{kind} fails: {result.message}")
    return visible("; ".join(said))


def serve(
    paths: Sequence[Path],
    options: ServeOptions,
    log: Log,
    *,
    announce: Log | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Serve until SIGINT/SIGTERM (or `stop`); raises DocketError if it cannot start."""
    announce = announce or log
    prefix = ""
    if options.secret:  # first: a folder that cannot hold the secret safely stops it all
        state_dir = (
            options.state if options.state and options.state.is_dir() else None
        ) or default_state_dir()
        prefix = "/" + secret_segment(state_dir, log)
    runner = FeedRunner(paths, options, log)
    if not options.secret and not is_loopback(options.host):
        log(
            f"docket: serve: warning: {options.host} is not a loopback address and there is no "
            "--secret: anyone who can reach it can read the calendars"
        )
    try:
        server = FeedServer(
            (options.host, options.port),
            runner.board,
            prefix=prefix,
            log=log,
            limits=options.limits,
        )
    except OSError as error:
        raise ServeError(
            f"cannot listen on {options.host}:{options.port} ({error.strerror or error})"
        ) from None
    stopping = stop or threading.Event()
    host, port = str(server.server_address[0]), int(server.server_address[1])
    shown_host = f"[{host}]" if ":" in host else host
    base = f"http://{shown_host}:{port}{prefix}"
    announce(f"docket: serving {len(runner.watched)} feed(s) at {base}/")
    for feed in runner.board.all():
        name = f"{feed.schedule_id}.ics"
        announce(f"  {base}/{name}   (webcal://{shown_host}:{port}{prefix}/{name})")
    previous = _install_signals(stopping)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True
    )
    thread.start()
    try:
        while not stopping.wait(POLL_SECONDS):
            runner.poll()
    finally:
        server.shutdown()
        server.server_close()
        _restore_signals(previous)
        log("docket: serve: stopped")


def default_state_dir() -> Path:
    """The user's state directory for docket (the secrets of `serve` and `web` are kept there)."""
    from platformdirs import user_state_path

    return user_state_path("docket", appauthor=False)


def _install_signals(stopping: threading.Event) -> dict[int, object]:
    if threading.current_thread() is not threading.main_thread():
        return {}

    def handler(signum: int, frame: FrameType | None) -> None:
        stopping.set()

    previous: dict[int, object] = {}
    for number in (signal.SIGINT, signal.SIGTERM):
        previous[number] = signal.signal(number, handler)
    return previous


def _restore_signals(previous: dict[int, object]) -> None:
    for number, handler in previous.items():
        signal.signal(number, handler)  # type: ignore[arg-type]
