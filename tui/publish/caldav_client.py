"""The WebDAV/CalDAV requests of `docket publish`, over the standard library's http.client.

Why not python-caldav: a one-way publish lives or dies by its conditional requests, and
here each is written out and sent as written — `If-None-Match: *` on every create,
`If-Match: <the listed ETag>` on every update and delete, no request retried after it may
have reached the server, no redirect followed (a redirected PUT can lose its
precondition), bodies sent byte for byte (python-caldav re-serialises and, by default,
raises SEQUENCE on every save, which would fight the ledger). The protocol surface is
small: PROPFIND, REPORT calendar-multiget, MKCALENDAR, GET, PUT, DELETE.

One connection is kept alive while the server allows it (Radicale closes after each
answer; http.client then reconnects). A read (PROPFIND, REPORT, GET) that fails on a
reused connection is sent once more, since servers close idle connections at will; a
write is never resent: a dropped connection mid-write ends the run (`PublishError`), and
the next run re-plans from the listing. Answers are parsed by ElementTree (it fetches no
external entity; the expat it links bounds entity expansion) and bounded in size.

Credentials go out only as HTTP Basic over the connection to the URL's host; a password
sent to a non-loopback host over plain http is warned about by the caller.
"""

from __future__ import annotations

import base64
import http.client
import socket
import ssl
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import quote, unquote, urljoin, urlsplit
from xml.sax.saxutils import escape

from tui.core.errors import DocketError
from tui.core.sanitize import visible

DAV = "{DAV:}"
CALDAV = "{urn:ietf:params:xml:ns:caldav}"
#: Bigger answers are refused: 48,000 resources list in about 10 MB.
MAX_BODY = 256 * 1024 * 1024
#: A connection idle this long is reopened before a write, not trusted to be alive.
IDLE_SECONDS = 2.0
TIMEOUT = 60.0
_XML = {"Content-Type": "application/xml; charset=utf-8"}
_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n'
_NS = 'xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"'


class PublishError(DocketError):
    """Publishing failed; the message names the URL and the reason (exit 1)."""


class PublishUsageError(PublishError):
    """A bad URL or a missing credential: the command line's usage error (exit 2)."""


class Target(NamedTuple):
    """The collection: scheme, host, port, its path (decoded, with a final slash), and
    the URL as shown (never with credentials)."""

    scheme: str
    host: str
    port: int
    path: str
    url: str
    user: str | None


def parse_target(url: str) -> Target:
    """Check `url` (http or https, a host, no password) and split it."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise PublishUsageError(f"bad URL {visible(url)!r}: {error}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PublishUsageError(
            f"bad URL {visible(url)!r}: expected http(s)://host/path/to/calendar/"
        )
    if parts.password is not None:
        raise PublishUsageError(
            "the URL holds a password: give it through --password-env NAME or ~/.netrc, "
            "never on the command line"
        )
    if parts.query or parts.fragment:
        raise PublishUsageError(f"bad URL {visible(url)!r}: a collection has no ?query or #part")
    path = unquote(parts.path or "/")
    if not path.endswith("/"):
        path += "/"
    host = parts.hostname
    shown_host = f"[{host}]" if ":" in host else host
    default = 443 if parts.scheme == "https" else 80
    netloc = shown_host if port in (None, default) else f"{shown_host}:{port}"
    shown = f"{parts.scheme}://{netloc}{encode_path(path)}"
    user = unquote(parts.username) if parts.username else None
    return Target(parts.scheme, host, port or default, path, shown, user)


def encode_path(path: str) -> str:
    """A decoded path as sent: each segment percent-encoded (`@` and `+` included)."""
    return "/".join(quote(segment, safe="") for segment in path.split("/"))


class Response(NamedTuple):
    status: int
    reason: str
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def etag(self) -> str | None:
        tag = self.headers.get("ETag")
        return tag.strip() if tag else None


@dataclass(frozen=True, slots=True)
class DavItem:
    """One `<D:response>` of a multistatus, its properties as found (None when absent)."""

    href: str  # decoded path
    status: int
    etag: str | None
    data: bytes | None
    collection: bool
    calendar: bool


class DavClient:
    """Requests to one server, on one kept-alive connection."""

    def __init__(
        self, target: Target, auth: tuple[str, str] | None, *, timeout: float = TIMEOUT
    ) -> None:
        self.target = target
        self.timeout = timeout
        self._auth = None
        if auth is not None:
            token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
            self._auth = f"Basic {token}"
        self._connection: http.client.HTTPConnection | None = None
        self._last_used = 0.0
        self._answered = False  # the server answered once: later failures are "lost"
        self.requests = 0

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _connect(self) -> http.client.HTTPConnection:
        if self._connection is None:
            if self.target.scheme == "https":
                self._connection = http.client.HTTPSConnection(
                    self.target.host,
                    self.target.port,
                    timeout=self.timeout,
                    context=ssl.create_default_context(),
                )
            else:
                self._connection = http.client.HTTPConnection(
                    self.target.host, self.target.port, timeout=self.timeout
                )
        return self._connection

    def request(
        self,
        method: str,
        path: str,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        *,
        write: bool = False,
    ) -> Response:
        """Send one request to the decoded `path`; a read is resent once on a reused
        connection that failed, a write never. Raises PublishError when the server
        cannot be reached or the connection is lost."""
        sent = {"User-Agent": "docket", **(headers or {})}
        if self._auth:
            sent["Authorization"] = self._auth
        reused = self._connection is not None and self._connection.sock is not None
        if write and reused and time.monotonic() - self._last_used > IDLE_SECONDS:
            self.close()  # an idle connection may be closing under us: start afresh
            reused = False
        try:
            return self._send(method, path, body, sent)
        except (OSError, http.client.HTTPException) as error:
            self.close()
            if write or not reused:
                raise self._lost(error) from None
        try:
            return self._send(method, path, body, sent)
        except (OSError, http.client.HTTPException) as error:
            self.close()
            raise self._lost(error) from None

    def _send(self, method: str, path: str, body: bytes, headers: dict[str, str]) -> Response:
        connection = self._connect()
        self.requests += 1
        connection.request(method, encode_path(path), body=body or None, headers=headers)
        answer = connection.getresponse()
        data = answer.read(MAX_BODY + 1)
        if len(data) > MAX_BODY:
            self.close()
            raise PublishError(f"{self.target.url}: the answer to {method} is too large")
        if answer.will_close:
            self.close()
        self._answered = True
        self._last_used = time.monotonic()
        return Response(answer.status, answer.reason, answer.headers, data)

    def _lost(self, error: BaseException) -> PublishError:
        url = self.target.url
        if isinstance(error, ssl.SSLCertVerificationError):
            return PublishError(f"cannot reach {url} (certificate: {error.verify_message})")
        if isinstance(error, socket.gaierror):
            return PublishError(f"cannot reach {url} (unknown host {self.target.host})")
        if isinstance(error, ConnectionRefusedError):
            return PublishError(f"cannot reach {url} (connection refused)")
        reason = _reason(error)
        if not self._answered:
            return PublishError(f"cannot reach {url} ({reason})")
        return PublishError(f"the connection to {url} was lost ({reason})")

    # -- the requests -------------------------------------------------------------------

    def propfind(self, path: str, depth: int, props: str) -> list[DavItem]:
        body = f"{_HEAD}<D:propfind {_NS}><D:prop>{props}</D:prop></D:propfind>"
        headers = {"Depth": str(depth), **_XML}
        answer = self.request("PROPFIND", path, body.encode(), headers)
        if answer.status == 404:
            return []
        self.expect(answer, {207}, "PROPFIND", path)
        return parse_multistatus(answer.body, self.target.path)

    def multiget(self, hrefs: list[str]) -> list[DavItem] | None:
        """calendar-multiget of `hrefs`; None when the server does not do that REPORT."""
        refs = "".join(f"<D:href>{escape(encode_path(h))}</D:href>" for h in hrefs)
        body = (
            f"{_HEAD}<C:calendar-multiget {_NS}><D:prop><D:getetag/><C:calendar-data/>"
            f"</D:prop>{refs}</C:calendar-multiget>"
        )
        answer = self.request("REPORT", self.target.path, body.encode(), _XML)
        if answer.status in (400, 403, 405, 501):
            return None
        self.expect(answer, {207}, "REPORT", self.target.path)
        return parse_multistatus(answer.body, self.target.path)

    def get(self, path: str) -> Response:
        answer = self.request("GET", path)
        if answer.status not in (200, 404, 410):
            self.expect(answer, {200}, "GET", path)
        return answer

    def put(self, path: str, body: bytes, *, if_match: str | None) -> Response:
        """PUT with `If-Match: <etag>`, or `If-None-Match: *` when `if_match` is None."""
        condition = {"If-Match": if_match} if if_match is not None else {"If-None-Match": "*"}
        headers = {"Content-Type": "text/calendar; charset=utf-8", **condition}
        return self.request("PUT", path, body, headers, write=True)

    def delete(self, path: str, *, if_match: str) -> Response:
        return self.request("DELETE", path, headers={"If-Match": if_match}, write=True)

    def mkcalendar(self, path: str, title: str) -> Response:
        body = (
            f"{_HEAD}<C:mkcalendar {_NS}><D:set><D:prop>"
            f"<D:displayname>{escape(title)}</D:displayname>"
            '<C:supported-calendar-component-set><C:comp name="VEVENT"/>'
            "</C:supported-calendar-component-set></D:prop></D:set></C:mkcalendar>"
        )
        return self.request("MKCALENDAR", path, body.encode(), _XML, write=True)

    def expect(self, answer: Response, statuses: set[int], method: str, path: str) -> None:
        """Raise the PublishError that explains an answer outside `statuses`."""
        if answer.status in statuses:
            return
        raise self.failure(answer, method, path)

    def failure(self, answer: Response, method: str, path: str) -> PublishError:
        url, status = self.target.url, answer.status
        reason = visible(answer.reason or "")
        if status == 401:
            hint = (
                "" if self._auth else ": give --user and --password-env NAME, or a ~/.netrc entry"
            )
            return PublishError(f"authentication failed for {url} (401){hint}")
        if status == 403:
            return PublishError(f"permission denied by {url} (403 {reason}) for {method}")
        if status in (301, 302, 303, 307, 308):
            moved = visible(answer.headers.get("Location", "") or "?")
            return PublishError(f"{url} redirects ({status}) to {moved}: publish to that URL")
        if status >= 500:
            return PublishError(f"server error from {url}: {status} {reason} ({method})")
        where = visible(encode_path(path))
        return PublishError(f"{url}: {method} {where} answered {status} {reason}")


def _reason(error: BaseException) -> str:
    if isinstance(error, TimeoutError | socket.timeout):
        return "timed out"
    if isinstance(error, http.client.RemoteDisconnected | ConnectionResetError):
        return "connection closed by the server"
    if isinstance(error, OSError) and error.strerror:
        return visible(error.strerror.lower())
    return visible(type(error).__name__)


def parse_multistatus(body: bytes, base: str) -> list[DavItem]:
    """Each `<D:response>`: its decoded path and the properties found with status 200."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError as error:
        raise PublishError(f"the server's answer is not XML ({error})") from None
    items: list[DavItem] = []
    for response in root.iter(f"{DAV}response"):
        href = response.findtext(f"{DAV}href")
        if not href:
            continue
        path = unquote(urlsplit(urljoin(base, href.strip())).path)
        status = _status(response.findtext(f"{DAV}status")) or 200
        etag = data = None
        collection = calendar = False
        for propstat in response.iter(f"{DAV}propstat"):
            if _status(propstat.findtext(f"{DAV}status")) not in (200, None):
                continue
            for prop in propstat.iter(f"{DAV}prop"):
                tag = prop.findtext(f"{DAV}getetag")
                etag = tag.strip() if tag else etag
                text = prop.findtext(f"{CALDAV}calendar-data")
                data = text.encode("utf-8") if text is not None else data
                kind = prop.find(f"{DAV}resourcetype")
                if kind is not None:
                    collection = kind.find(f"{DAV}collection") is not None
                    calendar = kind.find(f"{CALDAV}calendar") is not None
        items.append(DavItem(path, status, etag, data, collection, calendar))
    return items


def _status(line: str | None) -> int | None:
    """`HTTP/1.1 200 OK` -> 200."""
    if not line:
        return None
    parts = line.split()
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
