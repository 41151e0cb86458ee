"""`docket publish` against hostile CalDAV servers: a small threaded http.server on
127.0.0.1 in the test, serving crafted PROPFIND and REPORT answers (CR/LF in ETags, hrefs
with `%2e%2e`, other hosts, deep XML, oversized and trickled bodies, echoed passwords).

Each server records the raw path of every request it received, so "no request ever left
the collection" is the server's own word. docket runs through its real entry point, and
every run must end with a clear message: no traceback, no password, never a DELETE outside
`/cal/`. Every server stops by itself (bounded loops, a deadline) and is shut down by the
test.
"""

from __future__ import annotations

import posixpath
import re
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.cli.helpers import assert_no_traceback, docket
from tests.cli.hostile_dav import (
    COLLECTION,
    OURS,
    PASSWORD,
    SCHEDULE,
    XML_HEAD,
    XML_TAIL,
    Answer,
    Handler,
    HostileServer,
    calendar_data,
    response,
)


@pytest.fixture
def hostile() -> Iterator[Callable[[dict[str, Answer]], HostileServer]]:
    servers: list[HostileServer] = []

    def start(answers: dict[str, Answer]) -> HostileServer:
        server = HostileServer(answers)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def publish(server: HostileServer, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    args = ["publish", SCHEDULE, "--to", server.url, "--user", "alice"]
    result = docket(
        *args, "--password-env", "PW", "--state", tmp_path / "ledger.json", *extra,
        env={"PW": PASSWORD, "NO_COLOR": "1"},
    )  # fmt: skip
    check_hygiene(server, result)
    return result


def check_hygiene(server: HostileServer, result: subprocess.CompletedProcess[str]) -> None:
    """What every run must keep to, whatever the server did."""
    assert_no_traceback(result)
    assert PASSWORD not in result.stdout + result.stderr
    for method, path, if_match in server.received:
        resolved = posixpath.normpath(unquote(path))
        assert path.startswith("/cal/") and resolved.startswith("/cal"), (method, path)
        assert not re.search(r"(?i)(^|/)(\.|%2e){1,2}(/|$)|//", path), (method, path)
        assert if_match is None or re.fullmatch(r'(W/)?"[\x21\x23-\x7e]*"', if_match)


def sent(server: HostileServer, method: str) -> list[str]:
    return [path for m, path, _ in server.received if m == method]


# -- hrefs ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "href",
    [
        "/cal/%2e%2e/victim/gone%40mini.docket.ics",
        "/cal/%2E%2E/%2e%2E/etc/gone.ics",
        "/cal/..%2fvictim.ics",
        "/cal/%2e%2e%2Fvictim.ics",
        "/cal/%c0%ae%c0%ae/victim.ics",
        "/cal/../victim.ics",
        "../victim.ics",
        "/other/gone%40mini.docket.ics",
        "/cal/sub/gone%40mini.docket.ics",
        "http://evil.example/cal/gone%40mini.docket.ics",
        "//evil.example/cal/gone%40mini.docket.ics",
        f"http://alice:{PASSWORD}@127.0.0.1/cal/gone.ics",
        "/cal/a&#13;&#10;b.ics",
    ],
)
def test_an_href_outside_the_collection_is_refused_and_nothing_is_deleted(
    hostile: Callable[[dict[str, Answer]], HostileServer], tmp_path: Path, href: str
) -> None:
    listing = response(href, '"9"', calendar_data("gone@mini.docket"))
    answer: Answer = lambda h: h.multistatus(COLLECTION, listing)  # noqa: E731
    server = hostile({"PROPFIND 1": answer, "REPORT": answer})
    result = publish(server, tmp_path)
    assert result.returncode == 1, result.stderr
    assert "refused, nothing is sent for it" in result.stderr, result.stderr
    assert sent(server, "DELETE") == [] and sent(server, "PUT") == []


def test_hrefs_are_normalised_and_sent_exactly_in_their_normal_form(
    hostile: Callable[[dict[str, Answer]], HostileServer], tmp_path: Path
) -> None:
    def listing(h: Handler) -> None:
        port = h.server.server_address[1]
        h.multistatus(
            COLLECTION,
            response("/cal/./gone%40mini.docket.ics", '"1"'),
            response(f"http://127.0.0.1:{port}/cal/x/%2e%2e//gone-2@mini.docket.ics", '"2"'),
            response("gone-3%40mini.docket.ics", '"3"'),  # relative to the collection
        )

    def report(h: Handler) -> None:
        names = ((1, "gone"), (2, "gone-2"), (3, "gone-3"))
        found = [
            response(
                f"/cal/{name}%40mini.docket.ics", f'"{n}"', calendar_data(f"{name}@mini.docket")
            )
            for n, name in names
        ]
        h.multistatus(*found)

    server = hostile({"PROPFIND 1": listing, "REPORT": report})
    result = publish(server, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "1 created, 0 updated, 3 deleted" in result.stdout
    assert sorted(sent(server, "DELETE")) == [
        "/cal/gone%40mini.docket.ics",
        "/cal/gone-2%40mini.docket.ics",
        "/cal/gone-3%40mini.docket.ics",
    ]
    ifs = {path: tag for m, path, tag in server.received if m == "DELETE"}
    assert ifs["/cal/gone-2%40mini.docket.ics"] == '"2"'
    assert sent(server, "PUT") == [OURS]


# -- ETags ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "etag", ['"a"&#13;&#10;X-Evil: 1', '"a&#10;"', "unquoted", '"a"b"', '"é"', '"a&#9;b"', '"a" x']
)
def test_an_invalid_etag_is_never_sent_and_its_resource_is_left_alone(
    hostile: Callable[[dict[str, Answer]], HostileServer], tmp_path: Path, etag: str
) -> None:
    ours = response(OURS, etag, calendar_data("s1@mini.docket"))
    gone = response("/cal/gone%40mini.docket.ics", etag, calendar_data("gone@mini.docket"))
    listing = lambda h: h.multistatus(COLLECTION, ours, gone)  # noqa: E731
    server = hostile({"PROPFIND 1": listing, "REPORT": listing})
    result = publish(server, tmp_path)
    assert result.returncode == 1, result.stderr
    assert "not valid" in result.stderr and "ignored" in result.stderr
    assert "docket: not published: s1: the server gave no valid ETag" in result.stderr
    assert "docket: not published: gone" in result.stderr
    assert "(not current: 2 events left out, listed below)" in result.stdout
    assert sent(server, "DELETE") == [] and sent(server, "PUT") == []


def test_a_put_answered_with_a_crlf_etag_is_read_again(
    hostile: Callable[[dict[str, Answer]], HostileServer], tmp_path: Path
) -> None:
    def put(h: Handler) -> None:  # a folded header: its value holds CR LF
        h.send_response(201)
        h.send_header("ETag", '"x"\r\n X-Injected: 1')
        h.send_header("Content-Length", "0")
        h.end_headers()

    server = hostile({"PUT": put, "PROPFIND 0": lambda h: h.multistatus(COLLECTION)})
    result = publish(server, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "1 created" in result.stdout and "not valid" in result.stderr


# -- bounds: depth, count, size, time -----------------------------------------------------


def _deep(h: Handler) -> None:
    deep = "<D:response>" + "<x>" * 50_000 + "</x>" * 50_000 + "</D:response>"
    h.send(207, (XML_HEAD + deep + XML_TAIL).encode())


def _many(h: Handler) -> None:
    h.multistatus(COLLECTION, *(response(f"/cal/{n}.ics") for n in range(100_001)))


def _declared(h: Handler) -> None:
    h.send_response(207)
    h.send_header("Content-Length", str(10 * 1024**3))
    h.end_headers()
    h.wfile.write(b"<")


def _streamed(h: Handler) -> None:
    h.send_response(207)
    h.send_header("Connection", "close")  # no length: the answer ends when it closes
    h.end_headers()
    chunk = b"<!-- " + b"x" * (1024 * 1024) + b" -->"
    try:
        h.wfile.write(XML_HEAD.encode())
        for _ in range(40):
            h.wfile.write(chunk)
    except OSError:
        h.server.cut_off.set()
    h.close_connection = True


def _doctype(h: Handler) -> None:
    bomb = '<!DOCTYPE m [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
    h.send(
        207,
        f'<?xml version="1.0"?>{bomb}<D:multistatus xmlns:D="DAV:">&b;</D:multistatus>'.encode(),
    )


def _not_xml(h: Handler) -> None:
    h.send(207, (XML_HEAD + "<D:response><D:href>/cal/x.ics</D:hr").encode())


def _deep_resource(h: Handler) -> None:
    nested = "BEGIN:X&#13;\n" * 600 + "END:X&#13;\n" * 600
    data = calendar_data("s1@mini.docket").replace("END:VEVENT", nested + "END:VEVENT")
    h.multistatus(COLLECTION, response("/cal/deep.ics", '"1"', data))


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (_deep, "nested deeper than 32 elements"),
        (_many, "more than 100,000 resources"),
        (_declared, "larger than 32 MB: refused"),
        (_streamed, "larger than 32 MB: refused"),
        (_doctype, "it declares a DOCTYPE"),
        (_not_xml, "the server's answer is not XML (line 2"),
    ],
)
def test_an_answer_over_a_bound_ends_the_run_with_a_message(
    hostile: Callable[[dict[str, Answer]], HostileServer],
    tmp_path: Path,
    answer: Answer,
    message: str,
) -> None:
    server = hostile({"PROPFIND 1": answer})
    result = publish(server, tmp_path)
    assert result.returncode == 1 and message in result.stderr, result.stderr
    assert sent(server, "PUT") == [] and sent(server, "DELETE") == []


def test_a_resource_nested_hundreds_deep_is_not_read_and_left_alone(
    hostile: Callable[[dict[str, Answer]], HostileServer], tmp_path: Path
) -> None:
    server = hostile({"PROPFIND 1": _deep_resource, "REPORT": _deep_resource})
    result = publish(server, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "1 created" in result.stdout and sent(server, "DELETE") == []


def _trickle(head: bytes, rest: bytes) -> Answer:
    """Send `head`, then `rest` a byte every 0.1 s, for at most 60 s: a server that never
    stalls long enough for a socket timeout, and never finishes."""

    def answer(h: Handler) -> None:
        end = time.monotonic() + 60
        try:
            h.wfile.write(head)
            h.wfile.flush()
            for byte in (rest * 1000)[:600]:
                if time.monotonic() > end:
                    return
                h.wfile.write(bytes([byte]))
                h.wfile.flush()
                time.sleep(0.1)  # the trickle is the hostile server: a byte per 0.1 s
        except OSError:
            h.server.cut_off.set()
        h.close_connection = True

    return answer


@pytest.mark.parametrize(
    "answer",
    [
        _trickle(b"HTTP/1.1 207 Multi-Status\r\n", b"X-Slow: header\r\n"),
        _trickle(b"HTTP/1.1 207 Multi-Status\r\nContent-Length: 100000\r\n\r\n", b"<x>"),
    ],
    ids=["headers", "body"],
)
def test_a_trickling_server_is_cut_off_at_the_deadline(
    hostile: Callable[[dict[str, Answer]], HostileServer], tmp_path: Path, answer: Answer
) -> None:
    server = hostile({"PROPFIND 1": answer})
    result = publish(server, tmp_path, "--timeout", "1")
    assert result.returncode == 1, result.stderr
    assert "no complete answer to PROPFIND within 1 s (--timeout)" in result.stderr
    assert server.cut_off.wait(30)  # docket hung up; the server did not finish


# -- secrets a server echoes ----------------------------------------------------------------


def _echo_reason(h: Handler) -> None:
    h.send_response(500, f"no user alice:{PASSWORD} here")
    h.send_header("Content-Length", "0")
    h.end_headers()


def _echo_location(h: Handler) -> None:
    where = f"http://alice:{PASSWORD}@127.0.0.1/other/"
    h.send(301, headers={"Location": where})


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (_echo_reason, "server error from"),
        (_echo_location, "redirects (301) to http://***@127.0.0.1/other/"),
    ],
)
def test_a_password_the_server_echoes_is_never_shown(
    hostile: Callable[[dict[str, Answer]], HostileServer],
    tmp_path: Path,
    answer: Answer,
    message: str,
) -> None:
    server = hostile({"PROPFIND 0": answer})
    result = publish(server, tmp_path)
    assert result.returncode == 1 and message in result.stderr, result.stderr
