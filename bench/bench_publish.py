"""`docket publish` against a local Radicale: the first publish, the second (unchanged),
and a second one without the record of ETags (every resource read and compared).

    python bench/bench_publish.py [N_EVENTS ...]     # default: the bundled schedule and 1000
    python bench/bench_publish.py --local 10000     # docket's own share, no server

Radicale's filesystem storage makes each PUT cost more as the calendar grows (4,752
resources took 7.5 minutes, the bare loop as long), so 10,000 events (48,122 resources)
would take hours on the server alone; `--local` measures what docket itself spends at that
size: the stamped export cut into resources, the plan of an unchanged second run, and the
reading and comparing of every resource when the record of ETags is lost.

Each schedule goes to its own calendar on one Radicale (127.0.0.1, a free port, a
temporary folder). The floor is the server itself: the same resources PUT one by one by a
bare http.client loop (no listing, no conditions, no ledger) into another calendar, so the
ratio says what docket adds to what the server costs. Run by hand; never in the tests.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench.generate_schedule import generate  # noqa: E402

USER, PASSWORD = "bench", "bench"


def start_radicale(folder: Path) -> tuple[subprocess.Popen[bytes], int]:
    (folder / "users").write_text(f"{USER}:{PASSWORD}\n")
    (folder / "config").write_text("")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "radicale", "--config", str(folder / "config")),
            *("--server-hosts", f"127.0.0.1:{port}"),
            *("--storage-filesystem-folder", str(folder / "storage")),
            *("--auth-type", "htpasswd", "--auth-htpasswd-filename", str(folder / "users")),
            *("--auth-htpasswd-encryption", "plain", "--logging-level", "error"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, port
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("Radicale did not start")


def publish(url: str, schedule: Path, state: Path) -> tuple[float, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BENCH_PW": PASSWORD}
    args = ["publish", str(schedule), "--to", url, "--user", USER]
    args += ["--password-env", "BENCH_PW", "--state", str(state)]
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, env=env
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"publish failed: {result.stderr[-2000:]}")
    return elapsed, result.stdout.strip().splitlines()[-1]


def floor(port: int, calendar: str, schedule: Path) -> tuple[float, int]:
    """The same resources, PUT by a bare loop (what the server alone costs)."""
    from tui.ical.export import export_bytes
    from tui.publish.caldav.resources import split_export
    from tui.schedule.loader import load_path

    resources = split_export(export_bytes(load_path(schedule).schedule))
    token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    auth = {"Authorization": f"Basic {token}"}
    connection = http.client.HTTPConnection("127.0.0.1", port)
    connection.request("MKCALENDAR", f"/{USER}/{calendar}/", headers=auth)
    connection.getresponse().read()
    start = time.perf_counter()
    for resource in resources.values():
        connection.request(
            "PUT", f"/{USER}/{calendar}/{resource.name}", body=resource.body, headers=auth
        )
        answer = connection.getresponse()
        answer.read()
        assert answer.status in (201, 204), answer.status
    return time.perf_counter() - start, len(resources)


def local(n_events: int) -> None:
    """docket's own work for a schedule of `n_events`, without a server."""
    from datetime import UTC, datetime

    from tui.ical.export import export_bytes
    from tui.publish.caldav.plan import Record, Remote, Wanted, plan
    from tui.publish.caldav.resources import equivalent, read_uid, split_export
    from tui.publish.feed import ledger_stamper
    from tui.publish.ledger import Ledger
    from tui.schedule.loader import load_text

    schedule = load_text(generate(n_events)).schedule
    start = time.perf_counter()
    stamper = ledger_stamper(Ledger(schedule.id), datetime.now(UTC))
    resources = split_export(export_bytes(schedule, stamper=stamper))
    cut = time.perf_counter() - start
    wanted = {uid: Wanted(uid, "/c/" + r.name, r.digest) for uid, r in resources.items()}
    records = {w.href: Record(uid, '"1"', w.digest) for uid, w in wanted.items()}
    start = time.perf_counter()
    remotes = [Remote(href, '"1"', record.uid) for href, record in records.items()]
    unchanged = plan(remotes, wanted, records, schedule.id)
    planned = time.perf_counter() - start
    start = time.perf_counter()
    same = 0
    for resource in resources.values():
        body = resource.body.replace(b"\r\n", b"\n")  # as a REPORT answer gives it
        same += read_uid(body) == resource.uid and equivalent(body, resource)
    compared = time.perf_counter() - start
    assert same == len(resources) and not unchanged.changes
    print(f"== {n_events} events, local: {len(resources)} resources")
    print(f"  stamped export cut into resources   {cut:6.2f} s")
    print(f"  plan of an unchanged second run     {planned:6.2f} s")
    print(f"  read and compare every resource     {compared:6.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n_events", nargs="*", type=int, default=[1000])
    parser.add_argument("--local", type=int, metavar="N", help="docket's own share only")
    args = parser.parse_args()
    if args.local:
        local(args.local)
        return
    from tui.schedule.loader import bundled_schedule_path

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        process, port = start_radicale(folder)
        try:
            schedules: list[tuple[str, Path]] = []
            bundled = folder / "bundled.toml"
            shutil.copy(bundled_schedule_path(), bundled)
            schedules.append(("bundled", bundled))
            for n in args.n_events:
                path = folder / f"gen-{n}.toml"
                path.write_text(generate(n), encoding="utf-8")
                schedules.append((f"{n} events", path))
            for name, path in schedules:
                key = path.stem
                url = f"http://127.0.0.1:{port}/{USER}/{key}/"
                state = folder / f"{key}.ledger.json"
                first, line1 = publish(url, path, state)
                second, line2 = publish(url, path, state)
                (folder / f"{key}.ledger.caldav.json").unlink()
                third, line3 = publish(url, path, state)
                bare, count = floor(port, f"{key}-floor", path)
                print(f"== {name}: {count} resources")
                print(f"  first publish      {first:8.2f} s   ({line1})")
                print(f"  floor (bare PUTs)  {bare:8.2f} s   ratio {first / bare:.2f}")
                print(f"  second, unchanged  {second:8.2f} s   ({line2})")
                print(f"  second, no record  {third:8.2f} s   ({line3})")
        finally:
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
