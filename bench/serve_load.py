"""`docket serve` under load, against a bare ThreadingHTTPServer serving the same bytes.

Both servers run as subprocesses on 127.0.0.1 (so neither shares the clients' interpreter).
A round: `concurrent` clients, released together by a barrier, each open a fresh
connection and GET the feed; its latency is connect-to-last-byte, and a client with no
answer within 10 s counts as unanswered. The same round runs again while `slow` slowloris
clients hold connections open, sending a request head one byte every 0.1 s. Medians over
`runs` rounds; the ratios docket/bare are what to read.
"""

from __future__ import annotations

import contextlib
import http.client
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FEED = "/ahc-cybercrime.ics"
ANSWER_SECONDS = 10.0


def bare_server(body_file: Path, backlog: int = 5) -> None:
    """The floor: the standard library's threading server, `body_file` for every GET
    (with its default listen backlog of 5, or `backlog`)."""
    body = body_file.read_bytes()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    ThreadingHTTPServer.request_queue_size = backlog
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(f"port {server.server_address[1]}", flush=True)
    server.serve_forever()


@contextlib.contextmanager
def _process(command: list[str], pattern: str) -> Iterator[int]:
    """Run `command`; yield the port its output names (matched by `pattern`); stop it."""
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT
    )
    assert process.stdout is not None
    try:
        for line in process.stdout:
            match = re.search(pattern, line)
            if match:
                break
        else:
            raise RuntimeError(f"{command[:4]} did not start")
        threading.Thread(target=process.stdout.read, daemon=True).start()  # drain the log
        yield int(match[1])
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def _get(port: int) -> float | None:
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=ANSWER_SECONDS)
    try:
        connection.request("GET", FEED)
        response = connection.getresponse()
        response.read()
        return time.perf_counter() - started if response.status == 200 else None
    except OSError:
        return None
    finally:
        connection.close()


def _round(port: int, clients: int) -> list[float | None]:
    ready = threading.Barrier(clients)
    latencies: list[float | None] = [None] * clients

    def client(index: int) -> None:
        ready.wait()
        latencies[index] = _get(port)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies


@contextlib.contextmanager
def _slowloris(port: int, count: int) -> Iterator[None]:
    sockets = []
    for _ in range(count):
        with contextlib.suppress(OSError):
            sockets.append(socket.create_connection(("127.0.0.1", port), timeout=2))
    head = f"GET {FEED} HTTP/1.1\r\nHost: x\r\nX-Slow: ".encode() + b"a" * 100_000
    stop = threading.Event()

    def trickle() -> None:
        for offset in range(len(head)):
            if stop.wait(0.1):
                return
            for raw in sockets:
                with contextlib.suppress(OSError):
                    raw.send(head[offset : offset + 1])

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    time.sleep(0.5)  # all connected and trickling before the round
    try:
        yield
    finally:
        stop.set()
        thread.join()
        for raw in sockets:
            raw.close()


def _summary(rounds: list[list[float | None]]) -> tuple[float, float, float]:
    """Medians over rounds of (median latency ms, 95th percentile ms, unanswered share)."""
    medians, tails, missing = [], [], []
    for latencies in rounds:
        answered = sorted(t for t in latencies if t is not None)
        missing.append(1 - len(answered) / len(latencies))
        if answered:
            medians.append(statistics.median(answered) * 1000)
            tails.append(answered[int(0.95 * (len(answered) - 1))] * 1000)
    nan = float("nan")
    return (
        statistics.median(medians) if medians else nan,
        statistics.median(tails) if tails else nan,
        statistics.median(missing),
    )


def _measure(port: int, runs: int, slow: int, concurrent: int) -> dict[str, tuple[float, ...]]:
    results = {"concurrent": _summary([_round(port, concurrent) for _ in range(runs)])}
    with _slowloris(port, slow):
        results["slow + concurrent"] = _summary([_round(port, concurrent) for _ in range(runs)])
    return results


def measure_load(runs: int, slow: int, concurrent: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="docket-bench-serve-"))
    try:
        docket = [
            sys.executable,
            "-m",
            "tui",
            "serve",
            "--port",
            "0",
            "--state",
            str(folder / "ledger.json"),
            str(ROOT / "schedules" / "ahc-2022-2024.toml"),
        ]
        measured = {}
        with _process(docket, r"serving \d+ feed\(s\) at http://[\d.]+:(\d+)/") as port:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", FEED)
            (folder / "feed.ics").write_bytes(connection.getresponse().read())
            connection.close()
            measured["docket serve"] = _measure(port, runs, slow, concurrent)
        for name, backlog in (("bare", 5), ("bare, backlog 1024", 1024)):
            bare = [
                sys.executable,
                str(Path(__file__).parent / "bench_serve.py"),
                "--bare-file",
                str(folder / "feed.ics"),
                "--bare-backlog",
                str(backlog),
            ]
            with _process(bare, r"port (\d+)") as port:
                measured[name] = _measure(port, runs, slow, concurrent)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(
        f"load: {concurrent} clients at once, then again with {slow} slowloris clients "
        f"held open; medians of {runs} rounds (latency connect-to-last-byte)"
    )
    for scenario in ("concurrent", "slow + concurrent"):
        ours = measured["docket serve"][scenario]
        print(f"{scenario}:")
        for name, (median, tail, missing) in ((n, m[scenario]) for n, m in measured.items()):
            ratio = (
                ""
                if name == "docket serve"
                else (f" | docket/this: median {ours[0] / median:.2f}x, p95 {ours[1] / tail:.2f}x")
            )
            print(
                f"  {name:>20}: median {median:7.1f} ms, p95 {tail:7.1f} ms, "
                f"unanswered {missing:4.0%}{ratio}"
            )
