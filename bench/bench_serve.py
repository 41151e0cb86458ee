"""`docket serve`: conditional GETs per second, and answers under load, against bare servers.

    python bench/bench_serve.py [--seconds 3] [--clients 8] [--runs 3] [--load-only]
        [--slow 200] [--concurrent 100]

What a subscription feed mostly answers is a poll that changed nothing: `If-None-Match`
with the current ETag, answered 304. This measures those (and full 200 GETs) on the
bundled schedule and on 10,000 events, against a floor: the same standard-library
ThreadingHTTPServer answering a fixed 304 with no work at all. Medians of `--runs`; read
the ratios, not the absolute numbers (a shared 2-core machine). Loopback only.

Under load (`serve_load.py`): `docket serve` as a subprocess, and beside it a bare
ThreadingHTTPServer subprocess serving the same bytes, each met by `--concurrent` clients
connecting at the same moment, with and without `--slow` slowloris clients trickling a
head a byte at a time; per answer the latency, and how many got no answer within 10 s.
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import sys
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate_schedule import generate
from bench.serve_load import bare_server, measure_load
from tui.publish.feed import build_feed
from tui.publish.ledger import Ledger
from tui.publish.server import FeedBoard, FeedServer
from tui.schedule.loader import bundled_schedule_path, load_path, load_text


class _Bare(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self.send_response(304)
        self.send_header("ETag", '"x"')
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def _rate(port: int, path: str, headers: dict[str, str], seconds: float, clients: int) -> float:
    """Requests per second from `clients` threads, each on one keep-alive connection."""
    counts = [0] * clients
    stop = time.monotonic() + seconds

    def client(index: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < stop:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            counts[index] += 1
        connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / seconds


def _serve(server: ThreadingHTTPServer | FeedServer) -> int:
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return int(server.server_address[1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--load-only", action="store_true")
    parser.add_argument("--slow", type=int, default=200)
    parser.add_argument("--concurrent", type=int, default=100)
    parser.add_argument("--bare-file", help=argparse.SUPPRESS)  # the bare server's own process
    parser.add_argument("--bare-backlog", type=int, default=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_file:
        bare_server(Path(args.bare_file), args.bare_backlog)
        return
    if args.load_only:
        measure_load(args.runs, args.slow, args.concurrent)
        return

    bare = ThreadingHTTPServer(("127.0.0.1", 0), _Bare)
    bare.daemon_threads = True
    bare_port = _serve(bare)
    floor = statistics.median(
        _rate(bare_port, "/", {}, args.seconds, args.clients) for _ in range(args.runs)
    )
    print(f"floor: bare ThreadingHTTPServer, fixed 304: {floor:8.0f} requests/s")

    schedules = {
        "bundled": load_path(bundled_schedule_path()).schedule,
        "10,000 events": load_text(generate(10_000), "gen.toml").schedule,
    }
    now = datetime.now(UTC)
    for name, schedule in schedules.items():
        started = time.perf_counter()
        feed = build_feed(schedule, Ledger(schedule.id), now)
        built = time.perf_counter() - started
        board = FeedBoard()
        board.put(feed)
        server = FeedServer(("127.0.0.1", 0), board, log=lambda line: None)
        port = _serve(server)
        path = f"/{schedule.id}.ics"
        # Each run measures the floor right before: on a shared machine the load moves.
        pairs = [
            (
                _rate(bare_port, "/", {}, args.seconds, args.clients),
                _rate(port, path, {"If-None-Match": feed.etag}, args.seconds, args.clients),
            )
            for _ in range(args.runs)
        ]
        conditional = statistics.median(ours for _, ours in pairs)
        ratio = statistics.median(ours / bare_rate for bare_rate, ours in pairs)
        full = statistics.median(
            _rate(port, path, {}, args.seconds, args.clients) for _ in range(args.runs)
        )
        server.shutdown()
        print(
            f"{name:>14}: feed {len(feed.body) / 1e6:5.1f} MB built in {built * 1000:6.0f} ms | "
            f"conditional GET (304) {conditional:7.0f}/s ({ratio:.2f}x floor, paired) | "
            f"full GET (200) {full:7.0f}/s"
        )
    bare.shutdown()
    measure_load(args.runs, args.slow, args.concurrent)


if __name__ == "__main__":
    main()
