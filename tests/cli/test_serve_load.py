"""`docket serve` under hostile and heavy clients, over real sockets on 127.0.0.1.

Each attack is a class the server must bound: connections that send nothing or half a
request (they time out), a head a byte at a time (slowloris: its deadline counts from the
first byte), bodies announced by Content-Length or chunked (refused, the connection closed,
never parsed as the next request), request lines and heads too long, many clients at once,
and a flood beyond the descriptor limit. Counts and times are bounded; waits are on
conditions (a status, a closed connection), with generous deadlines, never on speed.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli.serve_helpers import (
    FEED,
    Server,
    read_until_closed,
    start_server,
    statuses,
    stop_server,
)
from tui.schedule.loader import bundled_schedule_path

SMUGGLED = f"GET {FEED} HTTP/1.1\r\nHost: x\r\n\r\n".encode()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for the module, with a 2-second idle and head timeout."""
    folder = tmp_path_factory.mktemp("load")
    schedule = folder / "ahc.toml"
    shutil.copy(bundled_schedule_path(), schedule)
    running = start_server(schedule, "--timeout", "2", "--state", folder / "state.json", cwd=folder)
    yield running
    stop_server(running)


def _get_ok(server: Server) -> int:
    return server.request("GET", FEED)[0]


class Trickle:
    """Slow clients: each sends a request head one byte per tick and never finishes."""

    def __init__(self, server: Server, count: int) -> None:
        self.sockets = [server.connect() for _ in range(count)]
        self.head = f"GET {FEED} HTTP/1.1\r\nHost: x\r\nX-Slow: ".encode() + b"a" * 4096
        self.sent = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.wait(0.1) and self.sent < len(self.head):
            for raw in self.sockets:
                with contextlib.suppress(OSError):  # closed by the server, in time
                    raw.send(self.head[self.sent : self.sent + 1])
            self.sent += 1

    def close(self) -> None:
        self.stop.set()
        self.thread.join(5)
        for raw in self.sockets:
            raw.close()


def test_slow_heads_time_out_with_408_while_others_are_answered(server: Server) -> None:
    slow = Trickle(server, 40)
    try:
        with ThreadPoolExecutor(max_workers=10) as pool:
            assert set(pool.map(lambda _: _get_ok(server), range(30))) == {200}
        # However slowly it trickles, a head has `--timeout` seconds from its first byte.
        for raw in slow.sockets:
            answer = read_until_closed(raw, timeout=20)
            assert statuses(answer) == [408], answer[:200]
        assert slow.sent < len(slow.head)  # closed while still sending, not at its end
    finally:
        slow.close()
    server.wait_for_log(r"refused: 408")


def test_clients_that_never_read_do_not_stop_the_others(server: Server) -> None:
    readers = []
    for _ in range(40):  # more than the server's workers, each with answers piling up
        raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        raw.settimeout(10)
        raw.connect((server.host, server.port))
        raw.sendall(f"GET {FEED} HTTP/1.1\r\nHost: x\r\n\r\n".encode() * 200)
        readers.append(raw)
    try:
        with ThreadPoolExecutor(max_workers=10) as pool:
            assert set(pool.map(lambda _: _get_ok(server), range(30))) == {200}
    finally:
        for raw in readers:
            raw.close()


def test_a_reader_that_pauses_gets_every_byte(server: Server) -> None:
    """100 answers (8 MB) outgrow the socket buffers while the client waits: the rest is
    sent by the server's loop as it reads, intact and in order."""
    body = server.request("GET", FEED)[2]
    raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    raw.settimeout(10)
    with raw:
        raw.connect((server.host, server.port))
        ask = f"GET {FEED} HTTP/1.1\r\nHost: x\r\n\r\n".encode()
        raw.sendall(ask * 99 + ask.replace(b"Host: x", b"Host: x\r\nConnection: close"))
        time.sleep(0.5)  # not reading: the server's buffers fill (the test holds either way)
        answer = read_until_closed(raw, timeout=30)
    assert statuses(answer) == [200] * 100
    assert answer.count(body) == 100


def test_idle_and_half_open_connections_are_closed(server: Server) -> None:
    idle, half, half_closed = server.connect(), server.connect(), server.connect()
    try:
        half.sendall(f"GET {FEED} HTTP/1.1\r\nHost: x\r\n".encode())
        half_closed.sendall(b"GET / HTTP/1.1\r\n")
        half_closed.shutdown(socket.SHUT_WR)  # the client is gone but for its half
        assert read_until_closed(idle, timeout=20) == b""  # nothing sent: closed in silence
        assert statuses(read_until_closed(half, timeout=20)) == [408]
        assert read_until_closed(half_closed, timeout=20) == b""
    finally:
        for raw in (idle, half, half_closed):
            raw.close()
    # A kept-alive connection, idle after its answer, is closed too.
    with server.connect() as kept:
        kept.sendall(f"GET {FEED} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        assert statuses(read_until_closed(kept, timeout=20)) == [200]


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (f"POST {FEED} HTTP/1.1\r\nContent-Length: {len(SMUGGLED)}\r\n\r\n", 405),
        (f"GET {FEED} HTTP/1.1\r\nContent-Length: {len(SMUGGLED)}\r\n\r\n", 400),
        (f"HEAD {FEED} HTTP/1.1\r\nContent-Length: {len(SMUGGLED)}\r\n\r\n", 400),
        (f"GET {FEED} HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        (f"PUT {FEED} HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", 405),
        (f"GET {FEED} HTTP/1.1\r\nContent-Length: 0\r\nContent-Length: 5\r\n\r\n", 400),
        (f"GET {FEED} HTTP/1.1\r\nContent-Length: nine\r\n\r\n", 400),
        (f"GET {FEED} HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 40\r\n\r\n", 400),
    ],
    ids=[
        "post",
        "get",
        "head",
        "get-chunked",
        "put-chunked",
        "two-lengths",
        "bad-length",
        "expect-continue",
    ],
)
def test_a_body_is_refused_and_never_parsed_as_the_next_request(
    server: Server, head: str, expected: int
) -> None:
    body = SMUGGLED if "chunked" not in head else f"{len(SMUGGLED):x}\r\n".encode() + SMUGGLED
    answer = server.exchange(head.encode() + body + SMUGGLED)
    assert statuses(answer) == [expected], answer[:300]  # one answer, then closed
    assert b"Connection: close\r\n" in answer and b"BEGIN:VCALENDAR" not in answer


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    method=st.sampled_from(["GET", "HEAD", "POST", "PUT", "PROPFIND"]),
    framing=st.sampled_from(["length", "chunked", "both"]),
    body=st.binary(max_size=300).map(lambda junk: junk + SMUGGLED),
)
def test_no_body_of_any_framing_is_taken_for_a_request(
    server: Server, method: str, framing: str, body: bytes
) -> None:
    headers = {
        "length": f"Content-Length: {len(body)}\r\n",
        "chunked": "Transfer-Encoding: chunked\r\n",
        "both": f"Content-Length: {len(body)}\r\nTransfer-Encoding: chunked\r\n",
    }[framing]
    answer = server.exchange(
        f"{method} {FEED} HTTP/1.1\r\nHost: x\r\n{headers}\r\n".encode() + body
    )
    assert len(statuses(answer)) == 1 and statuses(answer)[0] in (400, 405), answer[:300]
    assert b"BEGIN:VCALENDAR" not in answer


def test_pipelined_requests_without_bodies_are_answered_in_order(server: Server) -> None:
    requests = (
        f"GET {FEED} HTTP/1.1\r\nHost: x\r\n\r\n"
        f"HEAD {FEED} HTTP/1.1\r\nHost: x\r\n\r\n"
        "\r\n"  # a stray blank line between requests is allowed (RFC 9112 §2.2)
        "GET /nothing.ics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    answer = server.exchange(requests.encode())
    assert statuses(answer) == [200, 200, 404]
    assert answer.count(b"BEGIN:VCALENDAR") == 1


def test_request_lines_and_heads_too_long_are_refused(server: Server) -> None:
    long_line = f"GET /{'a' * 20_000}.ics HTTP/1.1\r\nHost: x\r\n\r\n".encode()
    assert statuses(server.exchange(long_line)) == [414]
    long_head = f"GET {FEED} HTTP/1.1\r\n".encode() + b"X-Pad: " + b"b" * 40_000 + b"\r\n\r\n"
    assert statuses(server.exchange(long_head)) == [431]
    many = f"GET {FEED} HTTP/1.1\r\n".encode() + b"".join(
        f"X-{n}: 1\r\n".encode() for n in range(150)
    )
    assert statuses(server.exchange(many + b"\r\n")) == [431]  # more than 100 fields
    endless = f"GET {FEED} HTTP/1.1\r\n".encode()
    with server.connect() as raw:  # a head that never ends is cut at its size, not read on
        raw.sendall(endless)
        with contextlib.suppress(OSError):
            for _ in range(40):
                raw.sendall(b"X-More: " + b"c" * 1000 + b"\r\n")
        assert statuses(read_until_closed(raw)) == [431]


def test_many_clients_at_once_are_all_answered(server: Server) -> None:
    clients = 200
    ready = threading.Barrier(clients)

    def one(_: int) -> int:
        ready.wait(timeout=30)
        return _get_ok(server)

    with ThreadPoolExecutor(max_workers=clients) as pool:
        assert list(pool.map(one, range(clients))) == [200] * clients


def test_a_stop_right_after_the_start_is_clean(tmp_path: Path) -> None:
    schedule = tmp_path / "ahc.toml"
    shutil.copy(bundled_schedule_path(), schedule)
    for number in range(3):  # SIGTERM before, or while, the connection loop starts
        stop_server(start_server(schedule, "--state", tmp_path / f"{number}.json", cwd=tmp_path))


def _few_descriptors() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))


def test_at_the_descriptor_limit_slow_clients_do_not_stop_the_others(tmp_path: Path) -> None:
    pytest.importorskip("resource")
    schedule = tmp_path / "ahc.toml"
    shutil.copy(bundled_schedule_path(), schedule)
    running = start_server(
        schedule, "--state", tmp_path / "s.json", cwd=tmp_path, preexec=_few_descriptors
    )
    slow: Trickle | None = None
    try:
        slow = Trickle(running, 100)  # past the 64 descriptors the server may open
        time.sleep(0.5)  # let them all be accepted (or dropped); nothing waits on this
        with ThreadPoolExecutor(max_workers=4) as pool:
            assert set(pool.map(lambda _: _get_ok(running), range(20))) == {200}
        before = running.cpu_seconds()
        time.sleep(1.5)  # the window the server's CPU is measured over while held
        after = running.cpu_seconds()
        if before is not None and after is not None:
            assert after - before < 1.0, "the server spins while the flood is held"
        assert _get_ok(running) == 200
    finally:
        if slow is not None:
            slow.close()
        stop_server(running)
