"""The HTTP side of `docket web` (aiohttp): pages, the websocket of each session, downloads.

Every request needs the key (`access`): the link's `?key=` once, the cookie after. The
websocket also needs the page's own Origin, and a free session (`sessions`). Nothing that
is logged names the key: aiohttp's access log is off and docket's own lines say what
happened without the address.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from aiohttp import WSMsgType, web
from aiohttp.helpers import content_disposition_header
from textual_serve.download_manager import DownloadManager

from tui.web.access import (
    KEY_PARAMETER,
    cookie_name,
    cookie_value,
    key_matches,
    same_origin,
)
from tui.web.page import app_page, list_page, refusal_page, static_path
from tui.web.sessions import DocketSession, Sessions, app_command

Log = Callable[[str], None]


@dataclass(frozen=True)
class Served:
    """One schedule served: its file and the title the browser's tab shows."""

    path: Path
    title: str


@dataclass(frozen=True)
class WebOptions:
    key: str
    sessions: int = 8
    baseline: str | None = None
    as_of: str | None = None
    #: Largest message a browser may send on the websocket (keys, sizes, pings).
    max_message: int = 64 * 1024


class DocketWeb:
    """The aiohttp application of `docket web`."""

    def __init__(self, served: Sequence[Served], options: WebOptions, log: Log) -> None:
        self.served = list(served)
        self.options = options
        self.log = log
        self.sessions = Sessions(options.sessions)
        self.downloads = DownloadManager()

    def application(self) -> web.Application:
        app = web.Application(middlewares=[self._keyed], client_max_size=16 * 1024)
        app.add_routes(
            [
                web.get("/", self._index),
                web.get("/s/{index:[0-9]{1,6}}", self._app_page),
                web.get("/ws/{index:[0-9]{1,6}}", self._websocket),
                web.get("/download/{key}", self._download, allow_head=False),
                web.get("/static/{name}", self._static),
                web.get("/favicon.ico", _no_icon),
            ]
        )
        app.on_shutdown.append(self._shutdown)
        return app

    # -- access ---------------------------------------------------------------------------------

    @web.middleware
    async def _keyed(self, request: web.Request, handler):  # type: ignore[no-untyped-def]
        """The key on every request: from the link once (then a cookie, and the same
        address without it), else the cookie; neither, a page that says so (401)."""
        key = self.options.key
        given = request.query.get(KEY_PARAMETER)
        if given is not None:
            if not key_matches(given, key):
                return _refused(401, "Wrong key", "This link's key is not the server's.")
            query = {k: v for k, v in request.query.items() if k != KEY_PARAMETER}
            # Always a path on this server: `//elsewhere/?key=…` must not send it away.
            place = request.rel_url.with_path("/" + request.path.lstrip("/\\")).with_query(query)
            response = web.HTTPSeeOther(place)
            secure = request.secure or request.headers.get("X-Forwarded-Proto") == "https"
            response.set_cookie(
                cookie_name(key),
                cookie_value(key),
                httponly=True,
                samesite="Strict",
                path="/",
                secure=secure,
            )
            raise response
        if not key_matches(request.cookies.get(cookie_name(key)), cookie_value(key)):
            text = "Open the link docket web printed when it started: it holds the key."
            return _refused(401, "This page needs its key", text)
        return await handler(request)

    # -- pages ----------------------------------------------------------------------------------

    async def _index(self, request: web.Request) -> web.Response:
        if len(self.served) == 1:
            return self._page(0)
        return _html(list_page([s.title for s in self.served]))

    async def _app_page(self, request: web.Request) -> web.Response:
        index = int(request.match_info["index"])
        if index >= len(self.served):
            return _refused(404, "No such schedule", "This server serves no schedule there.")
        return self._page(index)

    def _page(self, index: int) -> web.Response:
        if self.sessions.full:
            return self._full()
        return _html(app_page(self.served[index].title, f"/ws/{index}"))

    def _full(self) -> web.Response:
        limit = self.options.sessions
        text = (
            f"All {limit} sessions of this server are in use. Close another tab of it, or "
            "try again in a moment."
        )
        return _refused(503, "Every session is taken", text)

    async def _static(self, request: web.Request) -> web.StreamResponse:
        found = static_path(request.match_info["name"])
        if found is None:
            return _refused(404, "Not found", "No such file.")
        path, content_type = found
        response = web.FileResponse(path, headers={"Content-Type": content_type})
        response.headers["Cache-Control"] = "private, max-age=3600"
        return response

    async def _download(self, request: web.Request) -> web.StreamResponse:
        """A calendar the app delivered (`x`), by its one-time key."""
        key = request.match_info["key"]
        try:
            meta = await self.downloads.get_download_metadata(key)
        except KeyError:
            return _refused(404, "No such download", "It was taken already, or never made.")
        response = web.StreamResponse()
        content_type = meta.mime_type or "application/octet-stream"
        if meta.encoding:
            content_type += f"; charset={meta.encoding}"
        response.headers["Content-Type"] = content_type
        response.headers["Content-Disposition"] = content_disposition_header(
            "attachment", filename=meta.file_name or "calendar.ics"
        )
        await response.prepare(request)
        async for chunk in self.downloads.download(key):
            await response.write(chunk)
        await response.write_eof()
        return response

    # -- sessions -------------------------------------------------------------------------------

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        """One session: the page's own origin only, within the limit; its app process ends
        when the socket closes (the tab closed, reloaded, the network gone)."""
        index = int(request.match_info["index"])
        if not same_origin(request.headers.get("Origin"), request.host):
            self.log("docket: web: a websocket from another origin refused")
            return _refused(403, "Refused", "Not from this server's page.")
        if index >= len(self.served):
            return _refused(404, "No such schedule", "This server serves no schedule there.")
        if self.sessions.full:
            return self._full()
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=self.options.max_message)
        width, height = _size(request, "width", 80), _size(request, "height", 24)
        served = self.served[index]
        command = app_command(served.path, baseline=self.options.baseline, as_of=self.options.as_of)
        session = DocketSession(
            command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.downloads,
        )
        self.sessions.add(session)  # before any await: the limit holds however they race
        try:
            await websocket.prepare(request)
            await session.start(width, height)
            self.log(
                f"docket: web: session started ({len(self.sessions)} of {self.sessions.limit})"
            )
            await _relay(websocket, session)
        except (ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            self.sessions.discard(session)
            await session.end()
            with contextlib.suppress(Exception):
                await websocket.close()
            self.log(f"docket: web: session ended ({len(self.sessions)} of {self.sessions.limit})")
        return websocket

    async def _shutdown(self, _app: web.Application) -> None:
        await self.sessions.end_all()


async def _relay(websocket: web.WebSocketResponse, session: DocketSession) -> None:
    """What the browser sends, to the app: keys, sizes, focus; pings answered. Anything
    malformed is dropped, never a crash of the server."""
    async for message in websocket:
        if message.type != WSMsgType.TEXT:
            continue
        if not message.data.startswith('["'):
            continue  # not an envelope (and no deep nesting for the JSON parser to recurse)
        try:
            envelope = message.json()
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
        except (ValueError, TypeError, IndexError, KeyError, RecursionError):
            continue
        if kind == "stdin" and isinstance(data, str):
            await session.send_bytes(data.encode("utf-8", "replace"))
        elif kind == "resize" and isinstance(data, dict):
            width, height = data.get("width"), data.get("height")
            if _valid_size(width) and _valid_size(height):
                await session.set_terminal_size(int(width), int(height))  # type: ignore[arg-type]
        elif kind == "ping" and isinstance(data, str) and len(data) < 64:
            await websocket.send_json(["pong", data])
        elif kind == "blur":
            await session.blur()
        elif kind == "focus":
            await session.focus()


async def _no_icon(_request: web.Request) -> web.Response:
    return web.Response(status=204)


def _valid_size(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 1000


def _size(request: web.Request, name: str, default: int) -> int:
    try:
        value = int(request.query.get(name, default))
    except ValueError:
        return default
    return value if 1 <= value <= 1000 else default


def _html(text: str, status: int = 200) -> web.Response:
    return web.Response(
        text=text,
        status=status,
        content_type="text/html",
        headers={
            "Cache-Control": "no-store",
            "Referrer-Policy": "no-referrer",
            "X-Content-Type-Options": "nosniff",
            "X-Frame-Options": "DENY",
            # A link opened from the app gets no handle on this tab; and the browser
            # itself refuses any request to another server.
            "Cross-Origin-Opener-Policy": "same-origin",
            "Content-Security-Policy": (
                "default-src 'self'; script-src 'self' 'unsafe-inline'; "
                "style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; "
                "frame-ancestors 'none'"
            ),
        },
    )


def _refused(status: int, heading: str, text: str) -> web.Response:
    return _html(refusal_page(heading, text), status)
