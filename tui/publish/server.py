"""`docket serve`: a live iCalendar subscription feed over HTTP, from the standard library.

Calendar clients poll a subscribed URL every few hours; what they need is cheap correct
answers, not throughput: the body is built once per content change and kept, so a poll is
a dictionary look-up, a strong ETag comparison and a write. The standard library's request
parsing (`BaseHTTPRequestHandler`) answers one request head at a time; the connections
themselves are held, bounded and timed out by `tui.publish.connections` (measured in
bench/bench_serve.py), so no dependency is added. A request with a body (Content-Length
or Transfer-Encoding) is answered (400 for GET and HEAD, 405 otherwise) and its connection
closed: a body is never read, so it can never be taken for the next request.

With `--secret`, the secret segment is compared in constant time and every log line shows
it as `<secret>`.

HTTP details, each for a client seen to need it: `text/calendar; charset=utf-8`, never
compressed (some clients mishandle gzip on calendars); a strong ETag (hash of the body) and
Last-Modified (the last content change, never "now", never backwards); If-None-Match wins
over If-Modified-Since, lists and weak comparison and `*` per RFC 9110 §13.1.2; a 304
carries both validators again; a malformed If-Modified-Since is ignored (a full 200).
Every request is one log line on standard error; no traceback ever reaches a client.
"""

from __future__ import annotations

import hmac
import html
import io
import sys
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from typing import Any, NamedTuple
from urllib.parse import unquote, urlsplit

from tui.core.sanitize import visible
from tui.core.words import MONTHS
from tui.publish.answers import Outcome, Writer
from tui.publish.bounds import Limits, listen
from tui.publish.connections import ConnectionLoop


class Feed(NamedTuple):
    """One schedule's calendar as served: the bytes and their validators."""

    schedule_id: str
    title: str
    body: bytes
    etag: str
    modified: datetime


class FeedBoard:
    """The feeds being served, swapped whole when a file changes (readers never lock)."""

    def __init__(self) -> None:
        self._feeds: dict[str, Feed] = {}
        self._lock = threading.Lock()

    def put(self, feed: Feed) -> None:
        with self._lock:
            feeds = dict(self._feeds)
            feeds[feed.schedule_id] = feed
            self._feeds = feeds

    def get(self, schedule_id: str) -> Feed | None:
        return self._feeds.get(schedule_id)

    def all(self) -> list[Feed]:
        return sorted(self._feeds.values(), key=lambda feed: feed.schedule_id)


class FeedServer:
    """The HTTP server; `prefix` is "" or "/<secret>" (the private-address segment).

    Connections are held, bounded and timed out by `ConnectionLoop`; each complete request
    head is answered by one `FeedHandler` on a worker thread.
    """

    def __init__(
        self,
        address: tuple[str, int],
        board: FeedBoard,
        *,
        prefix: str = "",
        log: Callable[[str], None] | None = None,
        limits: Limits | None = None,
    ) -> None:
        self.board = board
        self.prefix = prefix
        self.log = log or _stderr
        self.limits = limits or Limits()
        self.socket = listen(address, self.limits.backlog)
        self.server_address: tuple[Any, ...] = self.socket.getsockname()
        self._loop = ConnectionLoop(self.socket, self._answer, self.limits, self.log)

    def serve_forever(self, poll_interval: float = 0.5) -> None:
        self._loop.run(poll_interval)

    def shutdown(self) -> None:
        """Stop `serve_forever` (from another thread) and close every connection."""
        self._loop.stop()

    def server_close(self) -> None:
        self._loop.close()
        self.socket.close()

    def _answer(self, writer: Writer, address: Any, head: bytes, last: bool) -> Outcome:
        return FeedHandler(writer, address, self, head=head, last=last).outcome

    def redact(self, text: str) -> str:
        """`text` with the secret segment, plain or percent-encoded, shown as `<secret>`."""
        secret = self.prefix[1:]
        if not secret:
            return text
        if secret in text:
            return text.replace(secret, "<secret>")
        decoded = unquote(text)
        return decoded.replace(secret, "<secret>") if secret in decoded else text


class FeedHandler(BaseHTTPRequestHandler):
    """One request, from a head the connection loop read in full; never reads a body."""

    server: FeedServer  # type: ignore[assignment]
    server_version = "docket"
    sys_version = ""
    protocol_version = "HTTP/1.1"

    def __init__(
        self, writer: Writer, address: Any, server: FeedServer, *, head: bytes, last: bool
    ) -> None:
        self._head, self._last = head, last
        self._body_sent = False  # the client sent (or announced) a request body
        self._connection_said = False
        self.outcome = Outcome.CLOSE
        super().__init__(writer, address, server)  # type: ignore[arg-type]

    def setup(self) -> None:
        self.connection = self.request
        self.rfile = io.BytesIO(self._head)
        self.wfile = self.request  # the connection's Writer: never blocks on a slow reader

    def handle(self) -> None:
        self.close_connection = True
        try:
            self.handle_one_request()
        except OSError:  # the client went away or stopped reading: nothing more to say
            self.close_connection = True
            return
        if self._body_sent:
            self.outcome = Outcome.LINGER
        elif not self.close_connection:
            self.outcome = Outcome.KEEP

    def finish(self) -> None:
        self.rfile.close()

    def parse_request(self) -> bool:
        """The base's parsing, then: a request that has a body is answered and closed."""
        if not super().parse_request():
            return False
        lengths = self.headers.get_all("Content-Length") or []
        if self.headers.get_all("Transfer-Encoding") or any(v.strip() != "0" for v in lengths):
            self._body_sent = True  # never drained into the next request: refused, closed
        if self._body_sent or self._last:
            self.close_connection = True
        return True

    def handle_expect_100(self) -> bool:
        return True  # no "100 Continue": no body is ever read

    def send_header(self, keyword: str, value: str) -> None:
        if keyword.lower() == "connection":
            self._connection_said = True
        super().send_header(keyword, value)

    def end_headers(self) -> None:
        if self.close_connection and not self._connection_said:
            self.send_header("Connection", "close")
        super().end_headers()

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _not_allowed(self) -> None:
        try:
            self._plain(HTTPStatus.METHOD_NOT_ALLOWED, "method not allowed\n", allow="GET, HEAD")
        except OSError:
            self.close_connection = True

    def __getattr__(self, name: str) -> Callable[[], None]:
        # Every other method (POST, PUT, PROPFIND, …) is a plain 405, not the base's 501.
        if name.startswith("do_"):
            return self._not_allowed
        raise AttributeError(name)

    # -- routing --------------------------------------------------------------------------

    def _answer(self, *, send_body: bool) -> None:
        try:
            if self._body_sent:
                text = "a GET or HEAD request has no body\n"
                self._plain(HTTPStatus.BAD_REQUEST, text, send_body=send_body)
                return
            path = _within(self.server.prefix, unquote(urlsplit(self.path).path))
            if path in ("", "/", "/index.html"):
                self._index(send_body)
                return
            if path is not None and path.startswith("/") and path.endswith(".ics"):
                feed = self.server.board.get(path[1 : -len(".ics")])
                if feed is not None:
                    self._feed(feed, send_body)
                    return
            self._plain(HTTPStatus.NOT_FOUND, "not found\n", send_body=send_body)
        except OSError:  # a client gone, or too slow to read: the write deadline passed
            self.close_connection = True
        except Exception as error:  # never a traceback to a client: a plain 500 and a log line
            self.server.log(f"docket: serve: {visible(repr(error))}")
            try:
                self._plain(HTTPStatus.INTERNAL_SERVER_ERROR, "internal error\n")
            except OSError:
                self.close_connection = True

    def _feed(self, feed: Feed, send_body: bool) -> None:
        matches = self.headers.get_all("If-None-Match")
        if _not_modified(feed, matches, self.headers.get("If-Modified-Since")):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self._validators(feed)
            self.end_headers()
            return
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/calendar; charset=utf-8")
        self.send_header("Content-Disposition", f'inline; filename="{feed.schedule_id}.ics"')
        self._validators(feed)
        self.send_header("Content-Length", str(len(feed.body)))
        self.end_headers()
        if send_body:
            self.wfile.write(feed.body)

    def _validators(self, feed: Feed) -> None:
        self.send_header("ETag", feed.etag)
        self.send_header("Last-Modified", format_datetime(feed.modified, usegmt=True))
        self.send_header("Cache-Control", "no-cache")  # revalidate: a 304 costs nothing

    def _index(self, send_body: bool) -> None:
        host = self.headers.get("Host") or "{}:{}".format(*self.server.server_address[:2])
        body = index_page(self.server.board.all(), visible(host), self.server.prefix).encode()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _plain(
        self, status: HTTPStatus, text: str, *, send_body: bool = True, allow: str | None = None
    ) -> None:
        body = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if allow:
            self.send_header("Allow", allow)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    # -- logging: one common-log-format line per request, sanitised -----------------------

    def log_message(self, format: str, *args: object) -> None:
        said = self.server.redact(format % args)  # the secret never reaches the log
        line = f"{self.address_string()} - - [{self.log_date_time_string()}] {said}"
        self.server.log(visible(line))

    def log_date_time_string(self) -> str:
        # Common log format's month is English whatever the locale (`tui.core.words`).
        now = datetime.now(UTC)
        return f"{now:%d}/{MONTHS[now.month - 1]}/{now:%Y:%H:%M:%S} +0000"


def _within(prefix: str, path: str) -> str | None:
    """The rest of `path` after the secret segment `prefix` (compared in constant time),
    or None when it does not start with it; `path` itself when there is no secret."""
    if not prefix:
        return path if path != "" else "/"
    segment, slash, rest = path[1:].partition("/")
    given = segment.encode("utf-8", "replace")
    if not path.startswith("/") or not hmac.compare_digest(given, prefix[1:].encode()):
        return None
    return slash + rest


def _not_modified(
    feed: Feed, if_none_match: list[str] | None, if_modified_since: str | None
) -> bool:
    """RFC 9110 §13.2.2: If-None-Match, when present, decides alone; else If-Modified-Since."""
    if if_none_match:
        tags = [tag.strip() for header in if_none_match for tag in header.split(",")]
        if "*" in tags:
            return True
        ours = _opaque(feed.etag)
        return any(_opaque(tag) == ours for tag in tags if tag)
    if if_modified_since:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError, IndexError, OverflowError):
            return False  # malformed: answer in full
        if since is None or since.tzinfo is None:
            return False
        return feed.modified.replace(microsecond=0) <= since
    return False


def _opaque(tag: str) -> str:
    """Weak comparison: `W/"x"` and `"x"` are the same tag."""
    return tag[2:] if tag.startswith("W/") else tag


def index_page(feeds: list[Feed], host: str, prefix: str) -> str:
    """The page a browser sees at `/`: each feed's subscribe links and the clients' steps."""
    items = []
    for feed in feeds:
        path = f"{prefix}/{feed.schedule_id}.ics"
        http_url = html.escape(f"http://{host}{path}")
        webcal = html.escape(f"webcal://{host}{path}")
        title = html.escape(visible(feed.title))
        items.append(
            f'<li><strong>{title}</strong><br><a href="{http_url}">{http_url}</a>'
            f' · <a href="{webcal}">subscribe (webcal)</a></li>'
        )
    listing = "\n".join(items) or "<li>No valid schedule yet: see the server's log.</li>"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>docket feeds</title>
<style>body{{font-family:system-ui,sans-serif;max-width:46em;margin:2em auto;padding:0 1em}}
li{{margin:.6em 0}} code{{background:#eee;padding:0 .2em}}</style></head>
<body><h1>docket calendar feeds</h1>
<ul>
{listing}
</ul>
<h2>Subscribe</h2>
<ul>
<li><strong>Outlook (desktop)</strong>: Add calendar → From Internet, paste the http(s) link.
It refreshes at the interval the feed asks for.</li>
<li><strong>Outlook.com / new Outlook</strong>: Add calendar → Subscribe from web. It fetches
from Microsoft's servers: the address must be public https (see docket's README).</li>
<li><strong>Google Calendar</strong>: Other calendars → + → From URL. Google fetches from its
own servers (public https only), refreshes every several hours, and hides cancelled
events.</li>
<li><strong>Apple Calendar, Thunderbird, khal/vdirsyncer</strong>: the webcal or http link.</li>
</ul>
<p>Each event keeps its identity (UID) across edits; a moved event's SEQUENCE rises, so
subscribed calendars update it in place.</p>
</body></html>
"""


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)
