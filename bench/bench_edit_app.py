"""Benchmark editing in the app at 10,000 events, against a plain key in the same run.

    python bench/bench_edit_app.py [--events 10000] [--presses 15]

In a headless app (run_test, 120x40) on a generated schedule, from a key event delivered as
the terminal driver delivers it until the screen update is rendered to terminal text (as
bench_app.py measures its keys): `j`/`k` (move the selection: the floor), `]`/`[` (move
the selected event a day later / earlier: an edit, every view recomputed), `u` and ctrl+r
(undo, redo) and ctrl+s (save: read back with the full loader, atomic write). Medians, and
each edit key's ratio to the plain key's median. Exits 1 if an edit key's median misses
the bar (50 ms) or the save misses 500 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

EDIT_BAR_MS = 50.0
SAVE_BAR_MS = 500.0


async def _keys(schedule: Path, presses: int) -> dict[str, list[float]]:
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
    #: Each frame written to the terminal: when, and whether it shows what the key changed.
    shown: list[tuple[float, bool]] = []
    changed: list[Callable[[], bool]] = [lambda: False]
    original = type(app)._display

    def display(self, screen, renderable):  # type: ignore[no-untyped-def]
        if isinstance(renderable, CompositorUpdate):
            renderable.render_segments(self.console)  # what a real terminal driver would do
            shown.append((time.perf_counter(), changed[0]()))
        return original(self, screen, renderable)

    async def press(pilot, key: str, char: str | None, done) -> float | None:  # type: ignore[no-untyped-def]
        """Milliseconds from the key to the first repaint drawn once `done()` holds (what
        the key changed, made with every widget it touches in the same handler): a repaint
        already queued (a rules result) is not the key's. `done()` is asked as each frame is
        written, not after: a handler and the frame after it run in one turn of the loop."""
        await app.workers.wait_for_complete()  # the rules of the last edit judged: idle
        await pilot.pause()
        await pilot.pause()
        changed[0], first = done, len(shown)
        start = time.perf_counter()
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)
        deadline = start + 5.0
        try:
            while time.perf_counter() < deadline:
                after = [t for t, showing in shown[first:] if showing]
                if after:
                    return (after[0] - start) * 1000
                await asyncio.sleep(0.0005)
            return None
        finally:
            changed[0] = lambda: False

    type(app)._display = display  # type: ignore[method-assign]
    results: dict[str, list[float]] = {}
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(400):
                await pilot.pause(0.05)
                if app.main.prepared is not None:
                    break
            await pilot.pause(0.2)
            main = app.main
            prepared = main.prepared
            assert prepared is not None
            middle = prepared.rows.all[len(prepared.rows.all) // 2].event.id
            main.timeline.select_event(middle)
            await pilot.pause(0.2)
            document = main.document
            plan = [
                ("j", "j", "j"),
                ("k", "k", "k"),
                ("]", "right_square_bracket", "]"),
                ("[", "left_square_bracket", "["),
                ("u", "u", "u"),
                ("ctrl+r", "ctrl+r", None),
            ]
            for _ in range(presses):
                for name, key, char in plan:
                    main.timeline.select_event(middle)
                    await pilot.pause()
                    before = (document.selected_id, document.prepared)
                    ms = await press(
                        pilot,
                        key,
                        char,
                        lambda b=before: (document.selected_id, document.prepared) != b,
                    )
                    if ms is not None:
                        results.setdefault(name, []).append(ms)
                main.timeline.select_event(middle)
                await pilot.pause()
                before = (document.selected_id, document.prepared)
                await press(
                    pilot,
                    "right_square_bracket",
                    "]",
                    lambda b=before: document.prepared is not b[1],
                )
                ms = await press(pilot, "ctrl+s", None, lambda: not main.pending_edits)
                if ms is not None:
                    results.setdefault("ctrl+s", []).append(ms)
                said = [n.message for n in app._notifications]
                assert not main.pending_edits, f"the save did not happen: {said}"
    finally:
        type(app)._display = original  # type: ignore[method-assign]
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--presses", type=int, default=15)
    args = parser.parse_args()
    from bench_app import bench_schedule

    with tempfile.TemporaryDirectory() as directory:
        import os

        os.environ["XDG_STATE_HOME"] = str(Path(directory) / "state")  # the journal
        schedule = Path(directory) / "bench.toml"
        schedule.write_text(bench_schedule(args.events), encoding="utf-8")
        results = asyncio.run(_keys(schedule, args.presses))
    medians = {key: statistics.median(values) for key, values in results.items()}
    plain = statistics.median(results["j"] + results["k"])
    print(f"{args.events} events, {args.presses} presses of each key (median, ms)")
    print(f"  {'plain (j/k)':<14}{plain:8.1f}")
    failed = False
    for key in ("]", "[", "u", "ctrl+r", "ctrl+s"):
        value = medians.get(key)
        if value is None:
            print(f"  {key:<14}  no repaint")
            failed = True
            continue
        bar = SAVE_BAR_MS if key == "ctrl+s" else EDIT_BAR_MS
        ok = value < bar
        failed |= not ok
        verdict = "ok" if ok else "MISSED"
        print(f"  {key:<14}{value:8.1f}   x{value / plain:5.1f} of plain   bar {bar:.0f} {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
