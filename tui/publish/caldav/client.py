"""The WebDAV/CalDAV requests of `docket publish`, over the standard library's http.client.

Why not python-caldav (the tests use 3.6, independently, to read back what docket wrote)?
Since 3.x it sends bytes as they are (`save(raw_data=...)`: no re-serialising, no SEQUENCE
bump), with `If-None-Match: *` (`no_overwrite=True`) or `If-Match` with the ETag it has
seen, so the reasons this module first gave (it re-serialised, raised SEQUENCE, skipped
the preconditions) no longer hold. What still does: a server is untrusted input, and
docket bounds every answer — a cap on the bytes read, on XML depth and count
(`multistatus`), and a total deadline per request that cuts off a server trickling its
answer — where python-caldav reads answers whole under per-read socket timeouts; its HTTP
session (niquests) follows redirects, and turns a PUT answered 302 or 303 into a GET, so
the write is lost while the answer looks fine; where its per-server hints say a server
mishandles `If-None-Match: *`, it searches for the UID and PUTs without the header, where
docket sends the same conditional request to every server and reports a 412 as a
conflict; and for six methods (PROPFIND, REPORT calendar-multiget, MKCALENDAR, GET, PUT,
DELETE) it would bring niquests, lxml, dnspython, PyYAML and three more packages.

So this client's rules: `If-None-Match: *` on every create, `If-Match: <the listed
ETag>` on every update and delete (an ETag that is not an RFC 7232 entity-tag is never
sent: the resource is then left alone); no request retried after it may have reached the
server; no redirect followed (a redirected write lands on a resource the plan never saw,
or, followed as niquests does a 302, becomes a GET). One
connection is kept alive while the server allows it; a read (PROPFIND, REPORT, GET) that
fails on a reused connection is sent once more, since servers close idle connections at
will; a write never is: a dropped connection mid-write ends the run (`PublishError`), and
the next run re-plans from the listing.

Its limits, by choice, all three of which python-caldav has: HTTP Basic only (no Digest,
no bearer tokens), no proxy (HTTP(S)_PROXY is not read), no discovery (no
/.well-known/caldav, no DNS SRV, no principal or home set): the URL must be the calendar
collection's. Credentials go only to the URL's host; a password sent to a non-loopback
host over plain http is warned about by the caller.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import socket
import ssl
import threading
import time
from typing import NamedTuple
from xml.sax.saxutils import escape

from tui.core.sanitize import visible
from tui.publish.caldav.multistatus import DavItem, parse_multistatus
from tui.publish.caldav.urls import (
    PublishError,
    Target,
    encode_path,
    redact_url,
    shorten,
    valid_etag,
)

#: Bigger answers are refused: 48,000 resources list in about 10 MB.
MAX_BODY = 32 * 1024 * 1024
#: A connection idle this long is reopened before a write, not trusted to be alive.
IDLE_SECONDS = 2.0
#: The most one request may take, from sending it to the last byte of its answer.
DEADLINE = 120.0
_CHUNK = 256 * 1024
_XML = {"Content-Type": "application/xml; charset=utf-8"}
_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n'
_NS = 'xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"'


class Response(NamedTuple):
    status: int
    reason: str
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def etag(self) -> str | None:
        """The ETag header when it is an entity-tag; None when absent or invalid."""
        return valid_etag(self.headers.get("ETag"))


#: How a request fails on the way (UnicodeError: a host name the resolver cannot encode).
_FAILURES = (OSError, http.client.HTTPException, UnicodeError)


class _Expired(Exception):
    """The request's deadline passed."""


class DavClient:
    """Requests to one server, on one kept-alive connection, each within `deadline`."""

    def __init__(
        self, target: Target, auth: tuple[str, str] | None, *, deadline: float = DEADLINE
    ) -> None:
        self.target = target
        self.deadline = deadline
        self._auth = None
        if auth is not None:
            token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
            self._auth = f"Basic {token}"
        self._connection: http.client.HTTPConnection | None = None
        self._last_used = 0.0
        self._answered = False  # the server answered once: later failures are "lost"
        #: Resources for which the server gave an ETag that is not an entity-tag.
        self.bad_etags: list[str] = []

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _connect(self) -> http.client.HTTPConnection:
        if self._connection is None:
            timeout = min(60.0, self.deadline)
            if self.target.scheme == "https":
                self._connection = http.client.HTTPSConnection(
                    self.target.host,
                    self.target.port,
                    timeout=timeout,
                    context=ssl.create_default_context(),
                )
            else:
                self._connection = http.client.HTTPConnection(
                    self.target.host, self.target.port, timeout=timeout
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
        cannot be reached, the connection is lost, or the deadline passes."""
        sent = {"User-Agent": "docket", **(headers or {})}
        if self._auth:
            sent["Authorization"] = self._auth
        reused = self._connection is not None and self._connection.sock is not None
        if write and reused and time.monotonic() - self._last_used > IDLE_SECONDS:
            self.close()  # an idle connection may be closing under us: start afresh
            reused = False
        resend = reused and not write
        while True:
            try:
                return self._send(method, path, body, sent)
            except _Expired:
                raise self._expired(method) from None
            except _FAILURES as error:
                self.close()
                if not resend:
                    raise self._lost(error) from None
                resend = False  # once: the fresh connection's failure is the server's

    def _send(self, method: str, path: str, body: bytes, headers: dict[str, str]) -> Response:
        """One request and its whole answer, or _Expired when `deadline` passes first: a
        timer shuts the socket down, which ends any read however slowly the server
        trickles (a socket timeout alone restarts with every byte)."""
        connection = self._connect()
        expired = threading.Event()

        def expire() -> None:
            expired.set()
            sock = connection.sock
            if sock is not None:
                # the plain socket's shutdown, also under TLS: it wakes a blocked read
                with contextlib.suppress(OSError):
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)

        timer = threading.Timer(self.deadline, expire)
        timer.daemon = True
        timer.start()
        try:
            connection.request(method, encode_path(path), body=body or None, headers=headers)
            if expired.is_set():
                raise _Expired
            answer = connection.getresponse()
            data = self._read(answer, method)
        except _FAILURES:
            if expired.is_set():
                self.close()
                raise _Expired from None
            raise
        finally:
            timer.cancel()
        if expired.is_set():  # a close-delimited answer cut short looks complete
            self.close()
            raise _Expired
        if answer.will_close:
            self.close()
        self._answered = True
        self._last_used = time.monotonic()
        found = Response(answer.status, answer.reason, answer.headers, data)
        if answer.headers.get("ETag") is not None and found.etag is None:
            self.bad_etags.append(path)
        return found

    def _read(self, answer: http.client.HTTPResponse, method: str) -> bytes:
        """The body, refused past MAX_BODY bytes (announced or read)."""
        if answer.length is not None and answer.length > MAX_BODY:
            self.close()
            raise self._too_large(method)
        chunks: list[bytes] = []
        size = 0
        while chunk := answer.read(min(_CHUNK, MAX_BODY + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_BODY:
                self.close()
                raise self._too_large(method)
        return b"".join(chunks)

    def _too_large(self, method: str) -> PublishError:
        limit = MAX_BODY // (1024 * 1024)
        return PublishError(
            f"{self.target.url}: the answer to {method} is larger than {limit} MB: refused"
        )

    def _expired(self, method: str) -> PublishError:
        self.close()
        return PublishError(
            f"{self.target.url}: no complete answer to {method} within "
            f"{self.deadline:g} s (--timeout): the server is too slow or stalled"
        )

    def _lost(self, error: BaseException) -> PublishError:
        url = self.target.url
        if isinstance(error, ssl.SSLCertVerificationError):
            reason = visible(str(error.verify_message))
            return PublishError(f"cannot reach {url} (certificate: {reason})")
        if isinstance(error, socket.gaierror):
            return PublishError(f"cannot reach {url} (unknown host {visible(self.target.host)})")
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
        self._expect(answer, 207, "PROPFIND", path)
        return self._items(answer.body)

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
        self._expect(answer, 207, "REPORT", self.target.path)
        return self._items(answer.body)

    def _items(self, body: bytes) -> list[DavItem]:
        items = parse_multistatus(body, self.target)
        self.bad_etags.extend(item.href for item in items if item.bad_etag)
        return items

    def get(self, path: str) -> Response:
        answer = self.request("GET", path)
        if answer.status not in (200, 404, 410):
            self._expect(answer, 200, "GET", path)
        return answer

    def put(self, path: str, body: bytes, *, if_match: str | None) -> Response:
        """PUT with `If-Match: <etag>`, or `If-None-Match: *` when `if_match` is None."""
        if if_match is None:
            condition = {"If-None-Match": "*"}
        else:
            condition = {"If-Match": self._precondition(if_match, path)}
        headers = {"Content-Type": "text/calendar; charset=utf-8", **condition}
        return self.request("PUT", path, body, headers, write=True)

    def delete(self, path: str, *, if_match: str) -> Response:
        condition = {"If-Match": self._precondition(if_match, path)}
        return self.request("DELETE", path, headers=condition, write=True)

    def _precondition(self, etag: str, path: str) -> str:
        """Only an entity-tag goes into If-Match: anything else could split the header."""
        tag = valid_etag(etag)
        if tag is None:
            shown = visible(shorten(encode_path(path)))
            raise PublishError(f"{self.target.url}: no valid ETag for {shown}: not sent")
        return tag

    def mkcalendar(self, path: str, title: str) -> Response:
        body = (
            f"{_HEAD}<C:mkcalendar {_NS}><D:set><D:prop>"
            f"<D:displayname>{escape(title)}</D:displayname>"
            '<C:supported-calendar-component-set><C:comp name="VEVENT"/>'
            "</C:supported-calendar-component-set></D:prop></D:set></C:mkcalendar>"
        )
        return self.request("MKCALENDAR", path, body.encode(), _XML, write=True)

    def _expect(self, answer: Response, status: int, method: str, path: str) -> None:
        if answer.status != status:
            raise self.failure(answer, method, path)

    def failure(self, answer: Response, method: str, path: str) -> PublishError:
        """The PublishError that explains an unexpected answer (server text made visible,
        a Location redacted)."""
        url, status = self.target.url, answer.status
        reason = visible(shorten(answer.reason or ""))
        if status == 401:
            hint = (
                "" if self._auth else ": give --user and --password-env NAME, or a ~/.netrc entry"
            )
            return PublishError(f"authentication failed for {url} (401){hint}")
        if status == 403:
            return PublishError(f"permission denied by {url} (403 {reason}) for {method}")
        if status in (301, 302, 303, 307, 308):
            moved = redact_url(answer.headers.get("Location", "") or "?")
            return PublishError(f"{url} redirects ({status}) to {moved}: publish to that URL")
        if status >= 500:
            return PublishError(f"server error from {url}: {status} {reason} ({method})")
        where = visible(shorten(encode_path(path)))
        return PublishError(f"{url}: {method} {where} answered {status} {reason}")


def _reason(error: BaseException) -> str:
    if isinstance(error, TimeoutError | socket.timeout):
        return "timed out"
    if isinstance(error, http.client.RemoteDisconnected | ConnectionResetError):
        return "connection closed by the server"
    if isinstance(error, OSError) and error.strerror:
        return visible(error.strerror.lower())
    return visible(type(error).__name__)
