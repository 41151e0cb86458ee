"""Benchmark `docket web` in headless Chromium against the terminal app, in the same run.

    python bench/bench_web.py [--runs 7] [--events 0]

(a) page load to rows on screen: from the page's start (its `performance.now()` clock)
    until the bytes that put the axis ("N events") on the page's terminal arrive, found by
    replaying what the page got (tests/web/browser.py), so the polling costs nothing;
    against the terminal app (`python -m tui open FILE` in a 120x40 pty) until the same
    text reaches the terminal. Median of --runs, and the ratio.
(b) a key's round trip in the browser: `3` (the dashboard) then `1` (the timeline), from the
    key press until the bytes that show the view arrive (the page's clock); median of
    --runs of each.
(c) memory per session: the resident size of each session's app process, once its rows are
    on screen, and of the server; how many sessions a GB holds.
--events N uses a generated schedule of N events (0: the bundled one).
Needs Chromium (Debian's `chromium`, or DOCKET_CHROMIUM).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--events", type=int, default=0)
    args = parser.parse_args()
    from bench_app import bench_schedule, time_to_text
    from playwright.sync_api import sync_playwright

    from tests.web.browser import CHROMIUM, RECORDER, Screen, launch
    from tests.web.conftest import served_folder, start_server, stop_server

    if not CHROMIUM:
        print("no Chromium: install it (Debian: apt-get install chromium) or set DOCKET_CHROMIUM")
        return 2
    with tempfile.TemporaryDirectory() as directory:
        folder = served_folder(Path(directory))
        schedule = folder / "schedule.toml"
        if args.events:
            schedule.write_text(bench_schedule(args.events), encoding="utf-8")
        marker = "events"
        terminal = [
            time_to_text([sys.executable, "-m", "tui", "open", str(schedule)], [marker.encode()])[0]
            for _ in range(args.runs)
        ]
        server = start_server(folder)
        loads, keys, sessions = [], {"3": [], "1": []}, []
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                context.add_init_script(RECORDER)
                page = context.new_page()
                page.goto(server.link)  # the cookie, and a warm-up
                Screen(page).wait_for(marker, timeout=60)
                page.close()
                for _ in range(args.runs):
                    page = context.new_page()
                    screen = Screen(page)
                    page.goto(server.base + "/")
                    screen.wait_for(marker, timeout=60)
                    loads.append(screen.arrival(marker) / 1000)  # from the page's own start
                    for key, wanted in (("3", "Substantive"), ("1", marker)):
                        start = screen.now()
                        page.keyboard.press(key)
                        screen.wait_for(wanted, timeout=30)
                        keys[key].append((screen.arrival(wanted, start) - start) / 1000)
                    sessions += [rss_mb(pid) for pid in server.app_processes()]
                    page.close()
                server_mb = rss_mb(server.process.pid)
                browser.close()
        finally:
            stop_server(server)
    web, term = statistics.median(loads), statistics.median(terminal)
    per_session = statistics.median(sessions)
    print(f"docket web, {args.events or 'bundled'} events, median of {args.runs}")
    print(f"  rows on screen: browser {web * 1000:6.0f} ms, terminal {term * 1000:6.0f} ms")
    print(f"                  x{web / term:4.2f} of the terminal app")
    for key, values in keys.items():
        print(f"  key {key} round trip in the browser: {statistics.median(values) * 1000:6.0f} ms")
    print(f"  memory: {per_session:5.0f} MB per session, server {server_mb:4.0f} MB")
    print(f"          {1024 / per_session:5.1f} sessions per GB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
