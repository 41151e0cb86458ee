"""A hostile CalDAV server for `docket publish`'s tests: a threaded http.server on
127.0.0.1 that answers each method (PROPFIND by its Depth) with what a test tells it, and
records the method, raw path and If-Match of every request it received.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.cli.helpers import ROOT

PASSWORD = "s3cret-Pa55"
SCHEDULE = ROOT / "tests" / "data" / "minimal.toml"  # one event: UID s1@mini.docket
OURS = "/cal/s1%40mini.docket.ics"
XML_HEAD = (
    '<?xml version="1.0"?>\n<D:multistatus xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
)
XML_TAIL = "</D:multistatus>"

Answer = Callable[["Handler"], None]


def calendar_data(uid: str, summary: str = "Edited elsewhere") -> str:
    return (
        "BEGIN:VCALENDAR&#13;\nVERSION:2.0&#13;\nPRODID:-//x//y//EN&#13;\nBEGIN:VEVENT&#13;\n"
        f"UID:{uid}&#13;\nDTSTAMP:20220101T000000Z&#13;\nDTSTART;VALUE=DATE:20230109&#13;\n"
        f"SUMMARY:{summary}&#13;\nEND:VEVENT&#13;\nEND:VCALENDAR&#13;\n"
    )


def response(href: str, etag: str = '"1"', data: str | None = None) -> str:
    """One `<D:response>`; `href` and `etag` go in as given (XML, so `&#13;` is a CR)."""
    content = f"<C:calendar-data>{data}</C:calendar-data>" if data is not None else ""
    return (
        f"<D:response><D:href>{href}</D:href><D:propstat><D:prop><D:getetag>{etag}"
        f"</D:getetag><D:resourcetype/>{content}</D:prop>"
        "<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
    )


COLLECTION = (
    "<D:response><D:href>/cal/</D:href><D:propstat><D:prop><D:resourcetype><D:collection/>"
    "<C:calendar/></D:resourcetype></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>"
    "</D:response>"
)


class Handler(BaseHTTPRequestHandler):
    server: HostileServer
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def _any(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.server.received.append((self.command, self.path, self.headers.get("If-Match")))
        depth = self.headers.get("Depth")
        key = f"{self.command} {depth}" if self.command == "PROPFIND" else self.command
        answer = self.server.answers.get(key) or DEFAULTS.get(key) or DEFAULTS["*"]
        answer(self)

    do_PROPFIND = do_REPORT = do_PUT = do_DELETE = do_GET = do_MKCALENDAR = _any

    def send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def multistatus(self, *responses: str) -> None:
        body = (XML_HEAD + "".join(responses) + XML_TAIL).encode()
        self.send(207, body, {"Content-Type": "application/xml"})


DEFAULTS: dict[str, Answer] = {
    "PROPFIND 0": lambda h: h.multistatus(COLLECTION),
    "PROPFIND 1": lambda h: h.multistatus(COLLECTION),
    "PUT": lambda h: h.send(201, headers={"ETag": '"new"'}),
    "DELETE": lambda h: h.send(204),
    "*": lambda h: h.send(404),
}


class HostileServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, answers: dict[str, Answer]) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.answers = answers
        self.received: list[tuple[str, str, str | None]] = []
        self.cut_off = threading.Event()  # a trickled answer was abandoned by docket

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/cal/"
