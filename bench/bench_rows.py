"""Time to rows on screen, with and without the view cache, against a minimal Textual app.

    python bench/bench_rows.py [--runs 5] [--sizes bundled,1000,10000,50000] [--skip-keys]

(a) rows on screen: `python -m tui FILE` started in a 120x40 pseudo-terminal; the clock
    stops when the timeline's axis says "N events" (drawn only with the rows), against a
    minimal one-Static Textual app started the same way in the same run (its label). A
    "hit" has the file's rows in a cache directory of its own (`DOCKET_CACHE_DIR`, warmed
    by one untimed run); a "miss" starts each run with an empty one. Also: the process's
    peak memory (VmHWM) at the moment the rows are seen plus the load's end (0.5 s later
    on a hit, when the full load has replaced the cached rows). Medians of --runs.
(b) keys at 10,000 events in a headless app (run_test; the terminal encoding is done as a
    terminal driver would): `j`/`l` repaint while the full load still runs behind cached
    rows, the same after it, and every view switch (1-4, enter for details, ? for help).

Aims (ratios to the minimal app): bundled <= 1.3 (hit and miss); 10,000 events <= 1.4 on a
hit and <= 2.0 on a miss; 50,000 <= 1.6 on a hit; keys under 20 ms median, views within
100 ms; memory at 10,000 events under 120 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_app import MINIMAL_APP, bench_schedule  # noqa: E402

AIMS = {("bundled", "hit"): 1.3, ("bundled", "miss"): 1.3, ("10000", "hit"): 1.4}
AIMS |= {("10000", "miss"): 2.0, ("50000", "hit"): 1.6}


def run_pty(command: list[str], marker: bytes, env: dict[str, str], linger: float = 0.0):
    """Seconds until `marker` is in the output of `command` in a 120x40 pty; peak RSS (MB)
    of the process `linger` seconds after that."""
    import fcntl
    import pty
    import select
    import signal
    import struct
    import termios

    full = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor", **env)
    full.pop("TEXTUAL", None)
    full.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.execvpe(command[0], command, full)
    seen, found = b"", None
    try:
        while found is None and time.perf_counter() - start < 60:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            seen += chunk
            if marker in seen[-len(chunk) - len(marker) :]:
                found = time.perf_counter() - start
        end = time.perf_counter() + linger
        while time.perf_counter() < end:  # keep reading, so the app is never blocked
            if select.select([fd], [], [], 0.02)[0]:
                with contextlib.suppress(OSError):
                    os.read(fd, 1 << 16)
        rss = _peak_mb(pid)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    if found is None:
        raise RuntimeError(f"{command}: {marker!r} not seen")
    return found, rss


def _peak_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def bench_rows(files: dict[str, tuple[Path, int]], runs: int) -> list[dict[str, object]]:
    python = sys.executable
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as handle:
        handle.write(MINIMAL_APP)
    minimal = [python, handle.name]
    floor_marker = b"minimal-app-first-frame"
    out = []
    try:
        run_pty(minimal, floor_marker, {})  # warm the bytecode and file caches
        for name, (path, events) in files.items():
            marker = f"{events} events".encode()
            ours = [python, "-m", "tui", str(path)]
            with tempfile.TemporaryDirectory() as warm:
                run_pty(ours, marker, {"DOCKET_CACHE_DIR": warm}, linger=2.0)  # fills it
                floor, hit, miss, hit_mb, miss_mb = [], [], [], [], []
                for _ in range(runs):
                    floor.append(run_pty(minimal, floor_marker, {})[0])
                    seconds, mb = run_pty(ours, marker, {"DOCKET_CACHE_DIR": warm}, 0.5)
                    hit.append(seconds)
                    hit_mb.append(mb)
                    with tempfile.TemporaryDirectory() as empty:
                        seconds, mb = run_pty(ours, marker, {"DOCKET_CACHE_DIR": empty}, 0.5)
                    miss.append(seconds)
                    miss_mb.append(mb)
            base = statistics.median(floor)
            for how, times, mbs in (("hit", hit, hit_mb), ("miss", miss, miss_mb)):
                median = statistics.median(times)
                out.append(
                    {
                        "file": name,
                        "how": how,
                        "floor_ms": base * 1000,
                        "rows_ms": median * 1000,
                        "ratio": median / base,
                        "range": (min(times) / base, max(times) / base),
                        "rss_mb": statistics.median(mbs),
                    }
                )
    finally:
        os.unlink(handle.name)
    return out


async def bench_keys(path: Path, cache: Path, rounds: int) -> dict[str, list[float]]:
    """Repaint times (ms) of j/l during the load (cached rows shown) and after it, and of
    each view switch after it."""
    from textual import events
    from textual._compositor import CompositorUpdate

    from tui.app.docket_app import DocketApp
    from tui.app.factory import build_app

    os.environ["DOCKET_CACHE_DIR"] = str(cache)
    shown: list[float] = []
    original = DocketApp._display

    def display(self, screen, renderable):  # type: ignore[no-untyped-def]
        if isinstance(renderable, CompositorUpdate):
            renderable.render_segments(self.console)
            shown.append(time.perf_counter())
        return original(self, screen, renderable)

    DocketApp._display = display  # type: ignore[method-assign]
    results: dict[str, list[float]] = {"during": [], "after": []}

    async def press(app: DocketApp, key: str, char: str | None) -> float | None:
        before = len(shown)
        start = time.perf_counter()
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)  # type: ignore[union-attr]
        while len(shown) == before and time.perf_counter() < start + 2.0:
            await asyncio.sleep(0.0005)
        return (shown[before] - start) * 1000 if len(shown) > before else None

    try:
        for round_ in range(rounds):
            app = build_app(path, tick=False, watch=False, cache=True)
            async with app.run_test(size=(120, 40)) as pilot:
                main = app.main
                while not main.timeline.rows and main.prepared is None:
                    await asyncio.sleep(0.001)
                for key in ("j", "l", "j", "h") * 50:
                    if main.prepared is not None:
                        break
                    ms = await press(app, key, key)
                    if ms is not None and main.prepared is None:
                        results["during"].append(ms)
                    await asyncio.sleep(0.01)
                while main.prepared is None:
                    await pilot.pause(0.05)
                await pilot.pause(0.3)
                for key in ("j", "l", "k", "h") * 3:
                    ms = await press(app, key, key)
                    if ms is not None:
                        results["after"].append(ms)
                    await pilot.pause()
                if round_ == 0:
                    views = [("2", "2"), ("3", "3"), ("4", "4"), ("1", "1")]
                    views += [("enter", "\r"), ("escape", None), ("question_mark", "?")]
                    for key, char in views:
                        ms = await press(app, key, char)
                        results.setdefault(f"view {key}", []).append(ms or float("nan"))
                        await pilot.pause(0.3)
                        await app.workers.wait_for_complete()
                        await pilot.pause(0.1)
    finally:
        DocketApp._display = original  # type: ignore[method-assign]
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="bundled,1000,10000,50000")
    parser.add_argument("--skip-keys", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files: dict[str, tuple[Path, int]] = {}
        for size in args.sizes.split(","):
            if size == "bundled":
                from tui.schedule.peek import bundled_schedule_path

                path = bundled_schedule_path()
                from tui.schedule.loader import load_path

                files[size] = (path, len(load_path(path).schedule.events))
            else:
                path = Path(tmp) / f"generated-{size}.toml"
                path.write_text(bench_schedule(int(size)), encoding="utf-8")
                files[size] = (path, int(size))
        table = bench_rows(files, args.runs)
        keys = {}
        if not args.skip_keys and "10000" in files:
            cache = Path(tmp) / "keys-cache"
            keys = asyncio.run(bench_keys(files["10000"][0], cache, 4))

    ok = True
    print(f"rows on screen, 120x40 pty, median of {args.runs} (ratio to a minimal Textual app)")
    print(f"{'file':>8} {'cache':>5} {'floor':>8} {'rows':>8} {'ratio':>6} {'range':>11}")
    print(f"{'':>8} {'':>5} {'ms':>8} {'ms':>8} {'':>6} {'':>11} {'aim':>5} {'peak MB':>8}")
    for row in table:
        aim = AIMS.get((str(row["file"]), str(row["how"])))
        low, high = row["range"]  # type: ignore[misc]
        met = "" if aim is None else ("ok" if row["ratio"] <= aim else "MISS")  # type: ignore[operator]
        ok &= met != "MISS"
        print(
            f"{row['file']:>8} {row['how']:>5} {row['floor_ms']:8.0f} {row['rows_ms']:8.0f}"
            f" {row['ratio']:6.2f} {low:5.2f}-{high:<5.2f} {aim or '':>5} {row['rss_mb']:8.1f}"
            f" {met}"
        )
    if keys:
        print("keys at 10,000 events (run_test 120x40; ms from key to rendered update)")
        for name, values in keys.items():
            values = [v for v in values if v == v]
            if values:
                bar = 100.0 if name.startswith("view") else 20.0
                median = statistics.median(values)
                ok &= median < bar
                print(
                    f"  {name:<18} n={len(values):<3} median {median:6.1f}  max {max(values):6.1f}"
                )
    print("PASS" if ok else "FAIL: an aim was missed")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
