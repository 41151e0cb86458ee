"""Benchmark: filling the agenda (view 2) with every event, against Textual's own add_row.

    python bench/bench_agenda.py [N_EVENTS] [--runs 7]

A generated N_EVENTS-event schedule (default 10,000) opened in the app (headless, 120x40);
then, alternately, the agenda table is filled as docket fills it (`AgendaTable.fill`: one
pass of bookkeeping, docket's own words as plain strings, no cyclic collection meanwhile)
and as Textual's API alone would (`clear` and `add_row` per row with the same cells, the
collector on). Medians of the runs, and the ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate_schedule import generate
from tui.app.factory import build_app
from tui.app.widgets.agenda import AgendaTable, agenda_cells


async def measure(path: Path, runs: int) -> tuple[list[float], list[float]]:
    app = build_app(path, tick=False, watch=False)
    docket: list[float] = []
    plain: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        while app.main.prepared is None:
            await pilot.pause(0.05)
        await pilot.press("2")
        while not (app.query(AgendaTable) and app.query_one(AgendaTable).row_count):
            await pilot.pause(0.01)
        table = app.query_one(AgendaTable)
        rows = app.main.timeline.rows
        for _ in range(runs):
            began = time.perf_counter()
            table.fill(rows, None)
            docket.append(time.perf_counter() - began)
            await pilot.pause(0.05)
            began = time.perf_counter()
            table.clear()
            for row in rows:
                table.add_row(*agenda_cells(row), key=row.event.id)
            plain.append(time.perf_counter() - began)
            await pilot.pause(0.05)
    return docket, plain


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n_events", nargs="?", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.toml"
        path.write_text(generate(args.n_events), encoding="utf-8")
        docket, plain = asyncio.run(measure(path, args.runs))
    ours, theirs = statistics.median(docket) * 1000, statistics.median(plain) * 1000
    print(
        f"{args.n_events} events: AgendaTable.fill {ours:6.1f} ms (first {docket[0] * 1000:.0f})"
        f" | clear + add_row per row {theirs:6.1f} ms | ratio {ours / theirs:.2f}"
    )


if __name__ == "__main__":
    main()
