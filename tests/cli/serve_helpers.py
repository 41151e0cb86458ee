"""`docket serve` as a subprocess on 127.0.0.1 with a free port, and raw-socket clients.

The server runs on `--port 0` (the address is read from its first line) and is stopped by
SIGTERM; `stop_server` checks it stopped cleanly and logged no traceback. The raw clients
speak bytes, for what `http.client` will not send: a head a byte at a time, a body after
a GET, a request line too long.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
FEED = "/ahc-cybercrime.ics"


@dataclass
class Server:
    process: subprocess.Popen[str]
    host: str
    port: int
    prefix: str
    lines: list[str]
    #: The thread copying the server's standard error into `lines`: it ends when the server
    #: closes it, so joining it means every line the server wrote is in.
    reader: threading.Thread | None = None

    def request(
        self, method: str, path: str, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=10)
        try:
            connection.request(method, path, headers=headers or {})
            response = connection.getresponse()
            body = response.read()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, body
        finally:
            connection.close()

    def wait_for_log(self, pattern: str, timeout: float = 10, *, after: int = 0) -> str:
        """The first log line matching `pattern` among those from line `after` on (pass
        `len(server.lines)` taken before an action, to wait for that action's line)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in list(self.lines)[after:]:
                if re.search(pattern, line):
                    return line
            time.sleep(0.05)
        raise AssertionError(f"no log line matching {pattern!r} in {self.lines!r}")

    def connect(self) -> socket.socket:
        return socket.create_connection((self.host, self.port), timeout=10)

    def exchange(self, data: bytes, timeout: float = 10) -> bytes:
        """Send `data` on a fresh connection; everything the server says until it closes."""
        with self.connect() as raw:
            raw.sendall(data)
            return read_until_closed(raw, timeout)

    def cpu_seconds(self) -> float | None:
        """User and system time the server has used so far (Linux), else None."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def read_until_closed(raw: socket.socket, timeout: float = 10) -> bytes:
    """What the peer sends until it closes; AssertionError if it is still open at `timeout`."""
    deadline = time.monotonic() + timeout
    got = bytearray()
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"still open after {timeout} s; received {bytes(got[:300])!r}")
        raw.settimeout(left)
        try:
            chunk = raw.recv(65536)
        except TimeoutError:
            continue
        except ConnectionResetError:
            return bytes(got)
        if not chunk:
            return bytes(got)
        got += chunk


def statuses(answer: bytes) -> list[int]:
    """The status codes of every response in a byte stream (status lines at line starts)."""
    return [int(code) for code in re.findall(rb"(?:^|\r\n)HTTP/1\.[01] (\d{3}) ", answer)]


def start_server(
    *args: str | Path,
    cwd: Path,
    env: dict[str, str] | None = None,
    preexec: Callable[[], None] | None = None,
) -> Server:
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "serve", "--port", "0", *map(str, args)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        cwd=cwd,
        env={**ENV, **(env or {})},
        preexec_fn=preexec,
    )
    lines: list[str] = []
    assert process.stderr is not None
    stream = process.stderr

    def pump() -> None:
        for line in stream:
            lines.append(line.rstrip("\n"))

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        for line in list(lines):
            match = re.search(r"serving \d+ feed\(s\) at http://([\d.]+):(\d+)(\S*)/", line)
            if match:
                return Server(process, match[1], int(match[2]), match[3], lines, reader)
        if process.poll() is not None:
            reader.join(10)  # what it said before it exited
            raise AssertionError(f"server exited {process.returncode}: {lines}")
        time.sleep(0.05)
    process.kill()
    raise AssertionError(f"server did not start: {lines}")


def stop_server(server: Server) -> None:
    server.process.send_signal(signal.SIGTERM)
    try:
        assert server.process.wait(timeout=10) == 0
    finally:
        if server.process.poll() is None:
            server.process.kill()
    if server.reader is not None:
        server.reader.join(10)  # its last lines
    assert not any("Traceback" in line for line in server.lines), server.lines
    assert any("stopped" in line for line in server.lines)
