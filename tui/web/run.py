"""Running `docket web`: listen, say where, serve until SIGINT or SIGTERM, end every
session on the way out."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Sequence

from aiohttp import web

from tui.core.errors import DocketError
from tui.web.access import redacted
from tui.web.server import DocketWeb, Log, Served, WebOptions


class WebError(DocketError):
    """`docket web` cannot start (the address cannot be listened on)."""


def serve_web(
    served: Sequence[Served],
    host: str,
    port: int,
    options: WebOptions,
    *,
    log: Log,
    announce: Log,
) -> None:
    """Serve until SIGINT/SIGTERM; `WebError` if it cannot listen. Every line logged, by
    docket or by aiohttp and textual-serve (a failed request, a broken pipe), passes
    through `log` with the key taken out."""

    def safe(line: str) -> None:
        log(redacted(line, options.key))

    handler = _LogHandler(safe)
    loggers = [logging.getLogger(name) for name in ("aiohttp", "textual-serve")]
    for logger in loggers:
        logger.addHandler(handler)
        logger.propagate = False
    try:
        asyncio.run(_serve(served, host, port, options, safe, announce))
    finally:
        for logger in loggers:
            logger.removeHandler(handler)
            logger.propagate = True


class _LogHandler(logging.Handler):
    """Library log records (warnings and worse) as docket's log lines."""

    def __init__(self, log: Log) -> None:
        super().__init__(logging.WARNING)
        self._log = log

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().splitlines()
        self._log(f"docket: web: {record.name}: {message[0] if message else ''}")


async def _serve(
    served: Sequence[Served], host: str, port: int, options: WebOptions, log: Log, announce: Log
) -> None:
    server = DocketWeb(served, options, log)
    runner = web.AppRunner(server.application(), access_log=None, handle_signals=False)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port, shutdown_timeout=5)
        try:
            await site.start()
        except OSError as error:
            raise WebError(f"cannot listen on {host}:{port} ({error.strerror or error})") from None
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sent in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sent, stop.set)
        bound = runner.addresses[0]
        shown_host = f"[{bound[0]}]" if ":" in str(bound[0]) else str(bound[0])
        names = ", ".join(s.title for s in served)
        announce(f"docket: web: serving {names} at http://{shown_host}:{bound[1]}/")
        announce(f"  open: http://{shown_host}:{bound[1]}/?key={options.key}")
        await stop.wait()
        log("docket: web: stopping: ending every session")
    finally:
        await runner.cleanup()
    log("docket: web: stopped")
