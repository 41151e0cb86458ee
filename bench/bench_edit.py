"""Benchmark: an edit session at N events (default 10,000): apply, undo, save.

    python bench/bench_edit.py [N_EVENTS] [--runs 15]

Medians of: the floor, a plain `load_text` of the same file; one `apply` (what a keypress
does: rewrite, load back, compare with the model) of a status change, and of a move by a
day (which, in this file laid end to end, always makes a warning: an overlap or a weekend
end; locating a warning costs the loader a metadata parse of the whole file, so its floor
is `load_text` of the moved text); `undo`; and `save` (conflict check, full read-back,
atomic write) of each. From the second run the saved file holds the warnings of the
moves saved before, so every step but the first floor is measured against the floor with
a warning. Ratios to the floors, in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate_schedule import generate
from tui.edit.edits import Move, SetStatus
from tui.edit.session import EditSession
from tui.schedule.loader import load_text


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n_events", type=int, nargs="?", default=10_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    text = generate(args.n_events)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.toml"
        path.write_text(text, encoding="utf-8")
        floor, warned, status, apply, undo, save, status_save = [], [], [], [], [], [], []
        session = EditSession.open(path, journal=False)
        ids = [e.id for e in session.loaded.schedule.events if e.kind == "session"]
        for run in range(args.runs):
            began = time.perf_counter()
            load_text(text, str(path), source=path)
            floor.append(time.perf_counter() - began)
            target = ids[(run * 37) % len(ids)]
            began = time.perf_counter()
            session.apply(SetStatus(target, "tentative" if run % 2 else "confirmed"))
            status.append(time.perf_counter() - began)
            began = time.perf_counter()
            session.save()
            status_save.append(time.perf_counter() - began)
            edit = Move(target, 1 if run % 2 else -1)
            began = time.perf_counter()
            session.apply(edit)
            apply.append(time.perf_counter() - began)
            began = time.perf_counter()
            session.undo()
            undo.append(time.perf_counter() - began)
            moved = session.apply(edit)
            began = time.perf_counter()
            load_text(moved.text, str(path), source=path)
            warned.append(time.perf_counter() - began)
            began = time.perf_counter()
            session.save()
            save.append(time.perf_counter() - began)
    base, base_warned = statistics.median(floor), statistics.median(warned)
    print(f"{args.n_events} events, medians of {args.runs} runs")
    print(f"  floor: load_text                      {base * 1000:8.1f} ms")
    print(f"  floor: load_text, text with a warning {base_warned * 1000:8.1f} ms")
    for name, times, floor_ms in (
        ("apply (status)", status, base_warned),
        ("save (status)", status_save, base_warned),
        ("apply (move, a warning)", apply, base_warned),
        ("undo", undo, base),
        ("save (move, a warning)", save, base_warned),
    ):
        value = statistics.median(times)
        print(f"  {name:24} {value * 1000:8.1f} ms  ({value / floor_ms:.2f}x its floor)")


if __name__ == "__main__":
    main()
