"""`docket serve` as a subprocess on 127.0.0.1, answered to real clients.

The server runs on a free port (`--port 0`; the address is read from its first line), with
its ledger in a temporary folder; every test stops it (SIGTERM) and checks it stopped
cleanly (tests/cli/serve_helpers.py). Load and hostile connections are in
test_serve_load.py, the secret's handling in test_serve_secret.py. The subscriber test
syncs the feed with vdirsyncer's `http` storage into a `filesystem` storage and reads it
with `khal list`, as a colleague's laptop would.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.cli.serve_helpers import ENV, FEED, Server, start_server, stop_server
from tui.schedule.loader import bundled_schedule_path


@pytest.fixture
def schedule(tmp_path: Path) -> Path:
    target = tmp_path / "plan" / "ahc.toml"
    target.parent.mkdir()
    shutil.copy(bundled_schedule_path(), target)
    return target


@pytest.fixture
def server(schedule: Path, tmp_path: Path) -> Iterator[Server]:
    running = start_server(schedule, "--state", tmp_path / "state.json", cwd=tmp_path)
    yield running
    stop_server(running)


def test_get_head_and_conditional_requests(server: Server) -> None:
    status, headers, body = server.request("GET", FEED)
    assert status == 200
    assert headers["content-type"] == "text/calendar; charset=utf-8"
    assert "content-encoding" not in headers
    assert body.startswith(b"BEGIN:VCALENDAR\r\n")
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in body
    assert b"X-PUBLISHED-TTL:PT1H\r\n" in body
    assert b"SEQUENCE:0\r\n" in body and b"LAST-MODIFIED:" in body
    etag, modified = headers["etag"], headers["last-modified"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', etag)
    assert int(headers["content-length"]) == len(body)

    again = server.request("GET", FEED)
    assert again[2] == body and again[1]["etag"] == etag  # a poll without change: same bytes

    head = server.request("HEAD", FEED)
    assert head[0] == 200 and head[2] == b"" and head[1]["etag"] == etag

    for headers_sent in (
        {"If-None-Match": etag},
        {"If-None-Match": f'"nope", W/{etag}'},
        {"If-None-Match": "*"},
        {"If-Modified-Since": modified},
        {"If-None-Match": etag, "If-Modified-Since": "Mon, 01 Jan 1990 00:00:00 GMT"},
    ):
        status, got, body304 = server.request("GET", FEED, headers_sent)
        assert status == 304, headers_sent
        assert body304 == b"" and got["etag"] == etag and got["last-modified"] == modified

    for headers_sent in (
        {"If-None-Match": '"other"'},
        {"If-None-Match": '"other"', "If-Modified-Since": modified},  # If-None-Match wins
        {"If-Modified-Since": "yesterday-ish"},  # malformed: a full answer
        {"If-Modified-Since": "Mon, 01 Jan 1990 00:00:00 GMT"},
    ):
        status, _, full = server.request("GET", FEED, headers_sent)
        assert status == 200 and full == body, headers_sent


def test_index_errors_and_the_log(server: Server) -> None:
    status, headers, page = server.request("GET", "/")
    assert status == 200 and headers["content-type"].startswith("text/html")
    text = page.decode()
    assert f"http://{server.host}:{server.port}{FEED}" in text
    assert f"webcal://{server.host}:{server.port}{FEED}" in text
    assert "Google" in text and "Outlook" in text

    assert server.request("GET", "/nothing.ics")[0] == 404
    assert server.request("GET", "/../../etc/passwd")[0] == 404
    for method in ("POST", "PUT", "DELETE", "PROPFIND"):
        status, headers, _ = server.request(method, FEED)
        assert status == 405 and headers["allow"] == "GET, HEAD", method
    server.wait_for_log(r'"GET /ahc-cybercrime.ics HTTP/1.1" 404|"GET /nothing.ics HTTP/1.1" 404')
    server.wait_for_log(r'"POST /ahc-cybercrime.ics HTTP/1.1" 405')
    # Common log format's date, its month in English whatever the locale.
    months = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
    server.wait_for_log(rf'\[\d\d/({months})/\d{{4}}:\d\d:\d\d:\d\d \+0000\] "GET / HTTP/1.1" 200')


def test_hostile_request_lines_are_logged_visibly(server: Server) -> None:
    import socket

    with socket.create_connection((server.host, server.port), timeout=10) as raw:
        raw.sendall(b"GET /\x1b[2Jx.ics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        answer = raw.recv(4096)
    assert answer.split(b" ")[1] in (b"400", b"404")
    # The request is logged (its escape shown as a picture), and no line holds a raw ESC.
    logged = server.wait_for_log(r"\[2Jx\.ics")
    assert "\x1b" not in logged
    assert not any("\x1b" in line for line in server.lines)


def test_edits_are_served_and_an_invalid_save_keeps_the_last_feed(
    server: Server, schedule: Path
) -> None:
    _, headers, before = server.request("GET", FEED)
    text = schedule.read_text(encoding="utf-8")
    moved = text.replace(
        "start = 2023-01-09\nend = 2023-01-20", "start = 2023-01-16\nend = 2023-01-27"
    )
    assert moved != text
    server.wait_for_log(r"loaded .*ahc\.toml: \d+ events$")  # the bundled file breaks no rule
    schedule.write_text(moved, encoding="utf-8")
    # Valid, so served; but the fourth session now sits too close to the fifth.
    line = server.wait_for_log("reloaded")
    assert re.search(r"reloaded .*ahc\.toml: \d+ events; rule eleven-weeks fails: Fourth", line)
    _, after_headers, after = server.request("GET", FEED)
    assert after != before and after_headers["etag"] != headers["etag"]
    assert b"DTSTART;VALUE=DATE:20230116" in after

    schedule.write_text(moved.replace('kind = "session"', 'kind = "sesion"', 1), encoding="utf-8")
    server.wait_for_log(r"error: unknown kind 'sesion'")
    server.wait_for_log("still serving the last valid feed")
    assert server.request("GET", FEED)[2] == after


def test_concurrent_conditional_gets(server: Server) -> None:
    _, headers, _ = server.request("GET", FEED)

    def poll(number: int) -> int:
        sent = {"If-None-Match": headers["etag"]} if number % 2 else {}
        return server.request("GET", FEED, sent)[0]

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(poll, range(100)))
    assert statuses.count(304) == 50 and statuses.count(200) == 50


def test_secret_puts_feeds_under_an_unguessable_segment(schedule: Path, tmp_path: Path) -> None:
    state = tmp_path / "state"
    state.mkdir()
    running = start_server(schedule, "--secret", "--state", state, cwd=tmp_path)
    try:
        assert len(running.prefix) > 20
        assert running.request("GET", FEED)[0] == 404
        assert running.request("GET", f"{running.prefix}{FEED}")[0] == 200
        assert running.prefix.encode() not in running.request("GET", "/")[2]
    finally:
        stop_server(running)
    again = start_server(schedule, "--secret", "--state", state, cwd=tmp_path)
    try:
        assert again.prefix == running.prefix  # subscriptions survive a restart
    finally:
        stop_server(again)


def test_public_address_without_secret_warns_and_bad_starts_fail(
    schedule: Path, tmp_path: Path
) -> None:
    running = start_server(
        schedule, "--host", "0.0.0.0", "--state", tmp_path / "s.json", cwd=tmp_path
    )
    try:
        running.wait_for_log("not a loopback address")
    finally:
        stop_server(running)
    broken = tmp_path / "broken.toml"
    broken.write_text("[schedule]\nid = 'x'\n", encoding="utf-8")
    for args, code, message in (
        ([broken], 1, "missing required key"),
        ([tmp_path / "missing.toml"], 2, "no such file"),
        ([schedule, "--refresh", "soon"], 2, "--refresh"),
        ([schedule, "--refresh", "0m"], 2, "--refresh: '0m': the refresh interval must be"),
        ([schedule, "--refresh", "400d"], 2, "the refresh interval can be at most a year"),
        ([schedule, "--timeout", "0"], 2, "--timeout"),
        ([schedule, schedule], 1, "same address"),
    ):
        result = subprocess.run(
            [sys.executable, "-m", "tui", "serve", "--port", "0", *map(str, args)],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=ENV,
            timeout=30,
        )
        assert result.returncode == code, (args, result.stderr)
        assert message in result.stderr and "Traceback" not in result.stderr
        assert "reminder" not in result.stderr


def _vdirsyncer_config(folder: Path, url: str) -> Path:
    config = folder / "vdirsyncer.conf"
    config.write_text(
        f"""[general]
status_path = "{folder / "status"}/"

[pair feed]
a = "feed_remote"
b = "feed_local"
collections = null
conflict_resolution = "a wins"

[storage feed_remote]
type = "http"
url = "{url}"

[storage feed_local]
type = "filesystem"
path = "{folder / "calendar"}/"
fileext = ".ics"
""",
        encoding="utf-8",
    )
    (folder / "calendar").mkdir()
    return config


def _khal_config(folder: Path) -> Path:
    config = folder / "khal.conf"
    config.write_text(
        f"""[calendars]
[[feed]]
path = {folder / "calendar"}/
type = calendar

[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = America/New_York
default_timezone = America/New_York

[sqlite]
path = {folder / "khal.db"}
""",
        encoding="utf-8",
    )
    return config


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (it comes with the test extras)")
    return found


def test_a_real_subscriber_sees_sessions_added_moved_and_removed(
    server: Server, schedule: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "subscriber"
    folder.mkdir()
    url = f"http://{server.host}:{server.port}{FEED}"
    vdir_env = {**ENV, "VDIRSYNCER_CONFIG": str(_vdirsyncer_config(folder, url))}
    khal_config = _khal_config(folder)
    vdirsyncer, khal = _tool("vdirsyncer"), _tool("khal")

    def sync() -> None:
        for command in (["discover"], ["sync"]):
            result = subprocess.run(
                [vdirsyncer, *command],
                capture_output=True,
                text=True,
                env=vdir_env,
                timeout=60,
                input="y\n",
            )
            assert result.returncode == 0, result.stdout + result.stderr

    def listed(start: str, end: str) -> str:
        result = subprocess.run(
            [khal, "-c", str(khal_config), "list", "--format", "{start-date} {title}", start, end],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def stored(summary: str) -> str:
        # vdirsyncer's http storage replaces every UID with a hash of the item; find by title.
        texts = [p.read_text(encoding="utf-8") for p in (folder / "calendar").glob("*.ics")]
        return "\n".join(t for t in texts if f"SUMMARY:{summary}\n" in t)

    def served(uid: str) -> str:
        body = server.request("GET", FEED)[2].decode()
        return next(e for e in body.split("BEGIN:VEVENT") if f"UID:{uid}\r\n" in e)

    sync()
    assert "Fourth session" in listed("2023-01-09", "2023-01-10")
    assert "SEQUENCE:0" in stored("Fourth session")

    text = schedule.read_text(encoding="utf-8")
    text = text.replace(
        "start = 2023-01-09\nend = 2023-01-20", "start = 2023-01-16\nend = 2023-01-27"
    )
    text += (
        '\n[[events]]\nid = "extra-session"\nkind = "session"\ntitle = "Extra session"\n'
        'start = 2023-03-13\nend = 2023-03-14\nvenue = "vienna"\n'
    )
    schedule.write_text(text, encoding="utf-8")
    server.wait_for_log("reloaded")
    sync()
    assert "Fourth session" not in listed("2023-01-09", "2023-01-13")
    assert "Fourth session" in listed("2023-01-16", "2023-01-17")
    assert "Extra session" in listed("2023-03-13", "2023-03-14")
    moved = stored("Fourth session")
    assert "SEQUENCE:1" in moved and "DTSTART;VALUE=DATE:20230116" in moved
    # In the feed itself the moved session kept its UID, one SEQUENCE higher.
    assert "SEQUENCE:1\r\n" in served("session-4@ahc-cybercrime.docket")

    seen = len(server.lines)
    schedule.write_text(
        text.split('\n[[events]]\nid = "extra-session"')[0] + "\n", encoding="utf-8"
    )
    server.wait_for_log("reloaded", timeout=10, after=seen)  # this save's reload, not the first
    sync()
    assert "Extra session" not in listed("2023-03-13", "2023-03-14")


def test_export_with_a_ledger_gets_the_same_stamps_as_the_feed(
    schedule: Path, tmp_path: Path
) -> None:
    def export(name: str) -> bytes:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "tui",
                "export",
                schedule,
                "-o",
                tmp_path / name,
                "--state",
                tmp_path / "ledger.json",
            ],
            capture_output=True,
            text=True,
            env=ENV,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        return (tmp_path / name).read_bytes()

    first, again = export("a.ics"), export("b.ics")
    assert first == again  # unchanged schedule: same bytes, same DTSTAMP
    assert first.count(b"SEQUENCE:0\r\n") == first.count(b"BEGIN:VEVENT")
    text = schedule.read_text(encoding="utf-8")
    schedule.write_text(
        text.replace(
            "start = 2023-01-09\nend = 2023-01-20", "start = 2023-01-16\nend = 2023-01-27"
        ),
        encoding="utf-8",
    )
    moved = export("c.ics").decode()
    event = next(e for e in moved.split("BEGIN:VEVENT") if "UID:session-4@" in e)
    assert "SEQUENCE:1\r\n" in event and "DTSTART;VALUE=DATE:20230116" in event
    plain = subprocess.run(
        [sys.executable, "-m", "tui", "export", schedule, "-o", "-"],
        capture_output=True,
        env=ENV,
        timeout=60,
    ).stdout
    assert b"SEQUENCE" not in plain and b"LAST-MODIFIED" not in plain  # no ledger: as before
