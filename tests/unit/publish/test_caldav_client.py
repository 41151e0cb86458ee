"""DavClient's resend rule against a server on 127.0.0.1 that drops kept-alive connections:
a read that fails on a reused connection is sent once more on a fresh one; a write, or a
read that fails on a fresh connection, never is (it may have reached the server)."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator

import pytest

from tui.publish.caldav.client import DavClient
from tui.publish.caldav.urls import PublishError, parse_target


class ForgetfulServer:
    """Answers the first request of each connection (keep-alive promised, HTTP/1.1) and then
    closes it; with `answer` False, closes without answering. `requests` lists the request
    lines it read, one a connection."""

    def __init__(self, *, answer: bool = True) -> None:
        self.answer = answer
        self.requests: list[str] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            with connection:
                connection.settimeout(10)
                data = b""
                while b"\r\n\r\n" not in data:
                    chunk = connection.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                self.requests.append(data.split(b"\r\n", 1)[0].decode("ascii", "replace"))
                if self.answer:
                    connection.sendall(
                        b'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nETag: "1"\r\n\r\nok'
                    )

    def stop(self) -> None:
        with contextlib.suppress(OSError):  # wakes the blocked accept (close alone does not)
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        self.thread.join(timeout=10)


@pytest.fixture
def forgetful() -> Iterator[ForgetfulServer]:
    server = ForgetfulServer()
    yield server
    server.stop()


def _client(port: int) -> DavClient:
    return DavClient(parse_target(f"http://127.0.0.1:{port}/cal/"), None, deadline=20)


def test_a_read_on_a_dropped_kept_alive_connection_is_sent_once_more(
    forgetful: ForgetfulServer,
) -> None:
    client = _client(forgetful.port)
    try:
        assert client.get("/cal/a.ics").body == b"ok"
        assert client.get("/cal/b.ics").body == b"ok"  # the reused connection was closed
    finally:
        client.close()
    assert forgetful.requests == ["GET /cal/a.ics HTTP/1.1", "GET /cal/b.ics HTTP/1.1"]


def test_a_write_on_a_dropped_kept_alive_connection_is_never_resent(
    forgetful: ForgetfulServer,
) -> None:
    client = _client(forgetful.port)
    try:
        assert client.get("/cal/a.ics").body == b"ok"
        with pytest.raises(PublishError, match=r"connection to .* was lost"):
            client.put("/cal/b.ics", b"BEGIN:VCALENDAR\r\n", if_match=None)
    finally:
        client.close()
    assert forgetful.requests == ["GET /cal/a.ics HTTP/1.1"]


def test_a_read_that_fails_on_a_fresh_connection_is_not_resent() -> None:
    server = ForgetfulServer(answer=False)
    client = _client(server.port)
    try:
        with pytest.raises(PublishError, match="cannot reach"):
            client.get("/cal/a.ics")
    finally:
        client.close()
        server.stop()
    assert server.requests == ["GET /cal/a.ics HTTP/1.1"]
