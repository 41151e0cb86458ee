"""The browser sessions of `docket web`: one `docket open --web` process each, bounded in
number, and ended with its tab.

textual-serve's `AppService` speaks the app's packet protocol; docket starts the process
itself (an argument list, never a shell line that a file name could break) in a process
group of its own, and ends it in bounded time: asked to quit, then SIGTERM to the group,
then SIGKILL, so nothing it started (an editor, a git) outlives the tab.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

#: How long a session's app may take to quit when asked, then to die of SIGTERM.
QUIT_SECONDS = 2.0
TERM_SECONDS = 2.0


def app_command(
    schedule: Path, *, baseline: str | None = None, as_of: str | None = None
) -> list[str]:
    """The app of one session: `docket open --web` on `schedule`, by this Python."""
    command = [sys.executable, "-m", "tui", "open", "--web"]
    if baseline is not None:
        command += ["--baseline", baseline]
    if as_of is not None:
        command += ["--as-of", as_of]
    return [*command, "--", str(schedule)]


class DocketSession(AppService):
    """One browser session's app process."""

    def __init__(
        self,
        command: Sequence[str],
        *,
        write_bytes: Callable[[bytes], Awaitable[None]],
        write_str: Callable[[str], Awaitable[None]],
        close: Callable[[], Awaitable[object]],
        download_manager: DownloadManager,
    ) -> None:
        super().__init__(
            " ".join(command),
            write_bytes=write_bytes,
            write_str=write_str,
            close=close,  # type: ignore[arg-type]  # its result is not used
            download_manager=download_manager,
        )
        self.argv = list(command)

    async def _open_app_process(
        self, width: int = 80, height: int = 24
    ) -> asyncio.subprocess.Process:
        environment = self._build_environment(width=width, height=height)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
            start_new_session=True,  # its own process group: ended whole
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def run(self) -> None:
        """textual-serve closes the socket only when the app says it exits: an app that
        fails before it starts (the file gone, a baseline no longer there) would leave the
        tab on "starting…" and its session taken. The socket closes whenever the app ends."""
        try:
            await super().run()
        finally:
            with contextlib.suppress(Exception):
                await self.remote_close()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def end(self) -> None:
        """Quit the app, and make sure its process group is gone within seconds."""
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.stop(), QUIT_SECONDS)
        process = self._process
        if process is None:
            return
        if process.returncode is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGTERM)
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(process.wait(), TERM_SECONDS)
        # Whatever the app started (a git) goes with it, even once the app itself is gone.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        if process.returncode is None:
            await process.wait()


class Sessions:
    """The live sessions, at most `limit` at once."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._live: set[DocketSession] = set()

    def __len__(self) -> int:
        return len(self._live)

    @property
    def full(self) -> bool:
        return len(self._live) >= self.limit

    def add(self, session: DocketSession) -> None:
        self._live.add(session)

    def discard(self, session: DocketSession) -> None:
        self._live.discard(session)

    async def end_all(self) -> None:
        """Every session ended (the server stops): in parallel, each bounded in time."""
        live = list(self._live)
        await asyncio.gather(*(session.end() for session in live), return_exceptions=True)
        self._live.clear()
