"""Benchmark the app on a generated schedule, against floors measured in the same run.

    python bench/bench_app.py [--events 10000] [--runs 7] [--quick]

(a) time to first frame: our app (`python -m tui open FILE`) against a minimal Textual app,
    each started in a pseudo-terminal of 120x40; the clock stops when the frame's text
    reaches the terminal (the schedule's title for ours, the label for the minimal app).
    Also reported: when the rows appear (the axis shows "N events"). Median of --runs.
(b) repaint after a keypress that moves the selection (j/k) or pans (h/l), at 10,000 events,
    in a headless app (run_test): from the key event being delivered as the terminal driver
    delivers it until the screen update is rendered to terminal text (the headless driver
    skips that encoding, so the benchmark does it). Quarter zoom, so a pan redraws every row.
(c) peak memory (max RSS) of a process that opens the app on 10,000 and on 50,000 events,
    and the growth between them.

Prints a table and exits 1 if a bar is missed: first frame within 1.3x the minimal app,
repaint median under 20 ms, memory under 200 MB, growth no worse than linear.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import fcntl
import json
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

MINIMAL_APP = """
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("minimal-app-first-frame")

Minimal().run()
"""

FIRST_FRAME_BAR = 1.3
REPAINT_BAR_MS = 20.0
MEMORY_BAR_MB = 200.0


def bench_schedule(events: int) -> str:
    """The generated schedule, titled so the title cannot be mistaken for the row count."""
    from generate_schedule import generate

    text = generate(events)
    return text.replace(
        f'title = "Generated schedule of {events} events"', 'title = "Benchmark schedule"', 1
    )


# --- (a) first frame -----------------------------------------------------------------------


def time_to_text(
    command: list[str], markers: list[bytes], size=(120, 40), timeout=20.0
) -> list[float]:
    """Start `command` in a pty; seconds until each marker has appeared in its output."""
    env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor")
    env.pop("TEXTUAL", None)
    # Bytecode caches as an installed app has them (the untimed warm-up run writes ours).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: size the terminal, then become the app
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        os.execvpe(command[0], command, env)
    seen = b""
    found: list[float | None] = [None] * len(markers)
    try:
        while None in found and time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            now = time.perf_counter() - start
            for index, marker in enumerate(markers):
                if found[index] is None and marker in seen:
                    found[index] = now
    finally:
        os.kill(pid, signal.SIGTERM)
        deadline = time.time() + 5
        while time.time() < deadline:
            with contextlib.suppress(OSError):
                os.read(fd, 65536)
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            time.sleep(0.01)
        else:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(fd)
    if None in found:
        raise RuntimeError(f"{command}: marker not seen within {timeout}s: {markers}")
    return [float(t) for t in found]  # type: ignore[arg-type]


def bench_first_frame(schedule: Path, events: int, runs: int) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as handle:
        handle.write(MINIMAL_APP)
        minimal = handle.name
    python = sys.executable
    ours_cmd = [python, "-m", "tui", "open", str(schedule)]
    title = b"Benchmark schedule"  # the title bench_schedule() gives the file
    rows_marker = f"{events} events".encode()
    bare, ours, rows = [], [], []
    try:
        # Warm the file cache and the bytecode caches once, untimed.
        time_to_text([python, minimal], [b"minimal-app-first-frame"])
        time_to_text(ours_cmd, [title])
        for _ in range(runs):
            bare += time_to_text([python, minimal], [b"minimal-app-first-frame"])
            first, full = time_to_text(ours_cmd, [title, rows_marker])
            ours.append(first)
            rows.append(full)
    finally:
        os.unlink(minimal)
    return {
        "bare_s": statistics.median(bare),
        "ours_s": statistics.median(ours),
        "ratio": statistics.median(ours) / statistics.median(bare),
        "rows_s": statistics.median(rows),
    }


# --- (b) repaint after a keypress ------------------------------------------------------------


async def _repaint(schedule: Path, presses: int, zoom_in: int = 2) -> dict[str, float]:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from textual import events
    from textual._compositor import CompositorUpdate

    from tui.app.factory import build_app

    app = build_app(
        schedule,
        datetime(2030, 1, 1, tzinfo=ZoneInfo("UTC")),
        viewer_zone=ZoneInfo("UTC"),
        tick=False,
        watch=False,
    )
    shown: list[float] = []
    original = type(app)._display

    def display(self, screen, renderable):  # type: ignore[no-untyped-def]
        if isinstance(renderable, CompositorUpdate):
            renderable.render_segments(self.console)  # what a real terminal driver would do
            shown.append(time.perf_counter())
        return original(self, screen, renderable)

    type(app)._display = display  # type: ignore[method-assign]
    results: dict[str, list[float]] = {"j": [], "k": [], "h": [], "l": []}
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(400):
                await pilot.pause(0.05)
                if app.main.prepared is not None:
                    break
            await pilot.pause(0.2)
            # Two steps in: the quarter view, where panning redraws every line; four: a week,
            # where sessions draw their meeting blocks hour by hour.
            await pilot.press(*["plus"] * zoom_in)
            await pilot.pause(0.1)
            for index in range(presses):
                for key in ("j", "k", "l", "h") if index % 2 else ("j", "j", "h", "l"):
                    await pilot.pause()  # start each measurement from an idle app
                    before = len(shown)
                    start = time.perf_counter()
                    # As the terminal driver delivers a keypress (not Pilot's press, whose
                    # bookkeeping would be timed too).
                    event = events.Key(key, key)
                    event.set_sender(app)
                    app._driver.send_message(event)
                    deadline = start + 2.0
                    while len(shown) == before and time.perf_counter() < deadline:
                        await asyncio.sleep(0.0005)
                    if len(shown) > before:
                        results[key].append((shown[before] - start) * 1000)
    finally:
        type(app)._display = original  # type: ignore[method-assign]
    every = [ms for values in results.values() for ms in values]
    out = {f"{key}_ms": statistics.median(values) for key, values in results.items() if values}
    out["median_ms"] = statistics.median(every)
    out["p90_ms"] = statistics.quantiles(every, n=10)[-1]
    return out


# --- (c) memory -----------------------------------------------------------------------------

MEMORY_PROBE = """
import asyncio, json, resource, sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo
sys.path.insert(0, sys.argv[2])
from tui.app.factory import build_app

async def main():
    app = build_app(Path(sys.argv[1]), datetime(2030, 1, 1, tzinfo=ZoneInfo("UTC")),
                    tick=False, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(2000):
            await pilot.pause(0.05)
            if app.main.prepared is not None:
                break
        loaded = app.main.prepared is not None
        await pilot.press("j", "l", "2")  # the agenda: a table of every event
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"rss_mb": rss, "loaded": loaded}))

asyncio.run(main())
"""


def bench_memory(paths: dict[int, Path]) -> dict[str, float]:
    out: dict[str, float] = {}
    for events, path in paths.items():
        result = subprocess.run(
            [sys.executable, "-c", MEMORY_PROBE, str(path), str(ROOT)],
            capture_output=True,
            text=True,
            check=True,
        )
        probe = json.loads(result.stdout.strip().splitlines()[-1])
        if probe["loaded"]:
            out[f"rss_{events}_mb"] = probe["rss_mb"]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--presses", type=int, default=15)
    parser.add_argument("--zoom-in", type=int, default=2, help="2: quarter (default), 4: week")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--only-first-frame", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / f"generated-{args.events}.toml"
        small.write_text(bench_schedule(args.events), encoding="utf-8")
        frame = bench_first_frame(small, args.events, args.runs)
        if args.only_first_frame:
            print(json.dumps(frame, indent=1))
            return 0
        repaint = asyncio.run(_repaint(small, args.presses, args.zoom_in))
        memory: dict[str, float] = {}
        factor = 5
        if not args.skip_memory:
            memory = bench_memory({args.events: small})
            for factor in (5, 4, 3):  # the generator's dates may outgrow what docket accepts
                big = Path(tmp) / f"generated-{args.events * factor}.toml"
                big.write_text(bench_schedule(args.events * factor), encoding="utf-8")
                memory.update(bench_memory({args.events * factor: big}))
                if f"rss_{args.events * factor}_mb" in memory:
                    break
                print(f"({args.events * factor} generated events do not load; trying fewer)")

    ok = True
    print(f"first frame, {args.events} events, median of {args.runs} (120x40 pty):")
    print(f"  minimal Textual app   {frame['bare_s'] * 1000:7.0f} ms")
    print(f"  docket                {frame['ours_s'] * 1000:7.0f} ms   ratio {frame['ratio']:.2f}")
    print(f"  docket, rows shown    {frame['rows_s'] * 1000:7.0f} ms")
    ok &= frame["ratio"] <= FIRST_FRAME_BAR
    print(
        f"repaint after a keypress, {args.events} events "
        f"(run_test 120x40, {args.zoom_in} zoom steps in):"
    )
    for key in ("j", "k", "h", "l"):
        if f"{key}_ms" in repaint:
            print(f"  {key}: median {repaint[f'{key}_ms']:6.1f} ms")
    print(f"  all: median {repaint['median_ms']:6.1f} ms, p90 {repaint['p90_ms']:6.1f} ms")
    ok &= repaint["median_ms"] < REPAINT_BAR_MS
    if f"rss_{args.events * factor}_mb" in memory:
        small_mb = memory[f"rss_{args.events}_mb"]
        big_mb = memory[f"rss_{args.events * factor}_mb"]
        print("peak memory (max RSS of the whole process, agenda table filled):")
        print(f"  {args.events:>6} events  {small_mb:7.1f} MB")
        print(
            f"  {args.events * factor:>6} events  {big_mb:7.1f} MB"
            f"  (x{big_mb / small_mb:.2f} for x{factor} events)"
        )
        ok &= small_mb < MEMORY_BAR_MB and big_mb / small_mb <= factor
    print("PASS" if ok else "FAIL: a bar was missed")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
