"""Loading a schedule whose dates follow others', against the same file with fixed dates.

    python bench/bench_follows.py [--runs 7] [--events 10000]

Half the events (5,000 of 10,000) are deadlines whose `start` follows another event's:
before or after, by days, weeks, months or working days, some following a session and some
another deadline (chains). The baseline is the same file with each of those written as the
fixed date it resolves to. Both are loaded as `docket check` loads them (`load_text`:
parse, validate, resolve, build, warnings), alternately, and the medians compared; the
aim is a ratio of at most 1.1. The deadlines land on working days (a link that would land
on a weekend is counted in working days instead), so neither file has warnings and neither
pays for locating them: that is the case where the links' own cost shows most.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate_schedule import generate
from tui.schedule.loader import load_text

_UNITS = ("days", "weeks", "months", "working_days")


def files(events: int, seed: int = 0) -> tuple[str, str]:
    """(following text, fixed text): `events` in all, half of them following dates."""
    base = generate(events - events // 2, seed)
    ids = [event.id for event in load_text(base).schedule.events]
    rng = random.Random(seed)
    dependants: list[tuple[str, str]] = []
    for index in range(events // 2):
        event_id = f"dep-{index}"
        # Three in ten follow another deadline (chains), the rest a session or meeting.
        chained = dependants and rng.random() < 0.3
        anchor = rng.choice(dependants)[0] if chained else rng.choice(ids)
        direction = rng.choice(("before", "after"))
        unit = rng.choice(_UNITS)
        amount = rng.randint(0, 3 if unit == "months" else 20)
        dependants.append((event_id, f'{{ {direction} = "{anchor}", {unit} = {amount} }}'))
    following = base + _tables(dependants)
    for _ in range(10):  # deadlines on working days, as a planner sets them: no warnings
        loaded = load_text(following)
        late = {w.line for w in loaded.warnings}
        if not late:
            break
        lines = following.splitlines()
        off = {lines[line - 1].split('"')[1] for line in late if lines[line - 1].startswith("id")}
        off |= {_id_above(lines, line) for line in late}
        dependants = [(i, _working(start) if i in off else start) for i, start in dependants]
        following = base + _tables(dependants)
    schedule = load_text(following).schedule
    fixed = base + "".join(
        f'\n[[events]]\nid = "{event_id}"\nkind = "deadline"\ntitle = "Deadline {event_id}"\n'
        f"start = {schedule.event(event_id).start.isoformat()}\n"  # type: ignore[union-attr]
        for event_id, _ in dependants
    )
    return following, fixed


def _tables(dependants: list[tuple[str, str]]) -> str:
    return "".join(
        f'\n[[events]]\nid = "{event_id}"\nkind = "deadline"\ntitle = "Deadline {event_id}"\n'
        f"start = {start}\n"
        for event_id, start in dependants
    )


def _id_above(lines: list[str], line: int) -> str:
    """The id of the event a warning's line is in."""
    while not lines[line - 1].startswith("id = "):
        line -= 1
    return lines[line - 1].split('"')[1]


def _working(start: str) -> str:
    """The same link counted in working days (at least one), which land on a working day."""
    head, _, rest = start.rpartition(", ")
    amount = max(1, int(rest.split("= ")[1].rstrip(" }")))
    return f"{head}, working_days = {amount} }}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--events", type=int, default=10_000)
    args = parser.parse_args()
    following, fixed = files(args.events)
    times: dict[str, list[float]] = {"fixed": [], "following": []}
    for _ in range(args.runs):  # alternately, so drift on a shared machine hits both alike
        for name, text in (("fixed", fixed), ("following", following)):
            start = time.perf_counter()
            load_text(text)
            times[name].append(time.perf_counter() - start)
    fixed_ms = statistics.median(times["fixed"]) * 1000
    following_ms = statistics.median(times["following"]) * 1000
    print(f"{args.events} events, {args.events // 2} following, {args.runs} runs (medians):")
    print(f"  fixed dates      {fixed_ms:8.1f} ms")
    print(f"  following dates  {following_ms:8.1f} ms")
    print(f"  ratio            {following_ms / fixed_ms:8.2f}x (aim <= 1.1x)")
    whole = _commands(fixed, following, max(3, args.runs // 2))
    print(f"whole `docket check FILE` processes, {max(3, args.runs // 2)} runs (medians):")
    print(f"  fixed dates      {whole[0]:8.1f} ms")
    print(f"  following dates  {whole[1]:8.1f} ms")
    print(f"  ratio            {whole[1] / whole[0]:8.2f}x")


def _commands(fixed: str, following: str, runs: int) -> tuple[float, float]:
    """Medians (ms) of `python -m tui check` on each file, alternately."""
    root = Path(__file__).resolve().parent.parent
    times: list[list[float]] = [[], []]
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / "fixed.toml", Path(folder) / "following.toml"]
        for path, text in zip(paths, (fixed, following), strict=True):
            path.write_text(text, encoding="utf-8")
        for _ in range(runs):
            for index, path in enumerate(paths):
                start = time.perf_counter()
                subprocess.run(
                    [sys.executable, "-m", "tui", "check", "-q", str(path)],
                    cwd=root,
                    check=True,
                    capture_output=True,
                )
                times[index].append(time.perf_counter() - start)
    return statistics.median(times[0]) * 1000, statistics.median(times[1]) * 1000


if __name__ == "__main__":
    main()
