"""`docket publish` against a real CalDAV server: Radicale, as a subprocess on 127.0.0.1.

One Radicale per module (a free port, a temporary storage folder, htpasswd users), each
test publishing to its own calendar on it. What docket wrote is read back by independent
clients: python-caldav for the events, and a raw PROPFIND here for the ETags, so "only
those resources changed" is the server's own word. A small proxy thread stands between
docket and Radicale where a connection must drop in the middle of a run.
"""

from __future__ import annotations

import http.client
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.cli.helpers import assert_no_traceback, docket
from tui.schedule.loader import bundled_schedule_path

USER, PASSWORD = "alice", "s3cret"
SUFFIX = "@ahc-cybercrime.docket"
ENV = {"DOCKET_PW": PASSWORD, "NO_COLOR": "1"}
FOREIGN = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//someone//else//EN\r\nBEGIN:VEVENT\r\n"
    "UID:lunch-with-the-chair@example.org\r\nDTSTAMP:20220101T000000Z\r\n"
    "DTSTART;VALUE=DATE:20220830\r\nSUMMARY:Lunch with the Chair\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Radicale:
    port: int
    process: subprocess.Popen[bytes]

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/{USER}/{name}/"

    def request(
        self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        import base64

        token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        sent = {"Authorization": f"Basic {token}", **(headers or {})}
        connection.request(method, path, body=body or None, headers=sent)
        response = connection.getresponse()
        response.read()
        connection.close()
        return response

    def etags(self, name: str) -> dict[str, str]:
        """href (decoded) -> ETag of every resource in the calendar, by a raw PROPFIND."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        import base64

        token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        body = '<propfind xmlns="DAV:"><prop><getetag/></prop></propfind>'
        connection.request(
            "PROPFIND",
            f"/{USER}/{name}/",
            body=body,
            headers={"Authorization": f"Basic {token}", "Depth": "1"},
        )
        answer = connection.getresponse()
        data = answer.read()
        connection.close()
        assert answer.status == 207, answer.status
        found = {}
        for response in ET.fromstring(data).iter("{DAV:}response"):
            href = unquote(response.findtext("{DAV:}href") or "")
            etag = response.findtext(".//{DAV:}getetag")
            if etag and not href.endswith("/"):
                found[href.rsplit("/", 1)[1]] = etag
        return found


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Radicale]:
    folder = tmp_path_factory.mktemp("radicale")
    (folder / "users").write_text(f"{USER}:{PASSWORD}\n")
    (folder / "config").write_text("")
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "radicale",
            "--config",
            str(folder / "config"),
            "--server-hosts",
            f"127.0.0.1:{port}",
            "--storage-filesystem-folder",
            str(folder / "storage"),
            "--auth-type",
            "htpasswd",
            "--auth-htpasswd-filename",
            str(folder / "users"),
            "--auth-htpasswd-encryption",
            "plain",
            "--auth-delay",
            "0",
            "--logging-level",
            "error",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise AssertionError("Radicale did not start") from None
            time.sleep(0.1)
    yield Radicale(port, process)
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture
def schedule(tmp_path: Path) -> Path:
    target = tmp_path / "ahc.toml"
    shutil.copy(bundled_schedule_path(), target)
    return target


def publish(
    url: str, schedule: Path, state: Path, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    args = ["publish", schedule, "--to", url, "--user", USER, "--password-env", "DOCKET_PW"]
    result = docket(*args, "--state", state, *extra, env={**ENV, **(env or {})})
    assert_no_traceback(result)
    return result


def summary(result: subprocess.CompletedProcess[str]) -> dict[str, int]:
    match = re.search(
        r"published to \S+: (\d+) created, (\d+) updated, (\d+) deleted, (\d+) unchanged, "
        r"(\d+) conflicts?",
        result.stdout,
    )
    assert match, result.stdout + result.stderr
    keys = ("created", "updated", "deleted", "unchanged", "conflicts")
    return dict(zip(keys, map(int, match.groups()), strict=True))


def exported_uids(schedule: Path) -> set[str]:
    from icalendar import Calendar

    result = docket("export", schedule, "-o", "-")
    calendar = Calendar.from_ical(result.stdout.encode())
    return {str(event["UID"]) for event in calendar.walk("VEVENT")}


def remove_event(text: str, event_id: str) -> str:
    chunks = text.split("\n[[events]]\n")
    kept = [chunk for chunk in chunks if f'\nid = "{event_id}"\n' not in "\n" + chunk]
    assert len(kept) == len(chunks) - 1
    return "\n[[events]]\n".join(kept)


def edit_event(text: str, event_id: str, old: str, new: str) -> str:
    start = text.index(f'id = "{event_id}"\n')
    end = text.find("[[events]]", start)
    block = text[start:end]
    assert old in block, (event_id, old)
    return text[:start] + block.replace(old, new, 1) + text[end:]


# -- the tests --------------------------------------------------------------------------


def test_publish_reads_back_and_an_unchanged_schedule_changes_nothing(
    radicale: Radicale, schedule: Path, tmp_path: Path
) -> None:
    import caldav
    from icalendar import Calendar

    url, state = radicale.url("ahc"), tmp_path / "ledger.json"
    dry = publish(url, schedule, state, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "would create the calendar" in dry.stdout and "would create 108" in dry.stdout
    assert radicale.request("PROPFIND", f"/{USER}/ahc/").status == 404  # nothing was made
    assert not state.exists()

    first = publish(url, schedule, state)
    assert first.returncode == 0, first.stderr
    assert summary(first) == dict(created=108, updated=0, deleted=0, unchanged=0, conflicts=0)

    client = caldav.DAVClient(url=url, username=USER, password=PASSWORD)
    calendar = client.calendar(url=url)
    ours = Calendar.from_ical(docket("export", schedule, "-o", "-").stdout.encode())
    expected = {str(e["UID"]): e for e in ours.walk("VEVENT")}
    found = {}
    for obj in calendar.events():
        assert b"METHOD" not in obj.data.encode()
        components = [c for c in obj.icalendar_instance.walk("VEVENT")]
        assert len(components) == 1  # one VEVENT per resource
        found[str(components[0]["UID"])] = components[0]
        assert not obj.icalendar_instance.get_missing_tzids()
        assert "SEQUENCE" in components[0] and "LAST-MODIFIED" in components[0]
    assert found.keys() == expected.keys()
    for uid, event in expected.items():
        got = found[uid]
        for prop in ("DTSTART", "DTEND", "SUMMARY", "STATUS", "LOCATION"):
            if prop in event:
                assert got.decoded(prop) == event.decoded(prop), (uid, prop)
    from tui.schedule.loader import load_path

    for event in load_path(schedule).schedule.events:
        if event.kind != "session":
            continue
        first_day, last_day = event.start, event.end or event.start
        first_day = first_day.date() if isinstance(first_day, datetime) else first_day
        last_day = last_day.date() if isinstance(last_day, datetime) else last_day
        hits = calendar.search(
            event=True,
            start=datetime.combine(first_day, datetime.min.time()),
            end=datetime.combine(last_day + timedelta(days=1), datetime.min.time()),
        )
        uids = {str(hit.icalendar_component["UID"]) for hit in hits}
        mine = {uid for uid in expected if re.match(rf"{re.escape(event.id)}[@+]", uid)}
        assert mine and mine <= uids, event.id

    before = radicale.etags("ahc")
    second = publish(url, schedule, state)
    assert second.returncode == 0, second.stderr
    assert summary(second)["unchanged"] == 108 and "nothing to change" in second.stdout
    assert radicale.etags("ahc") == before

    (tmp_path / "ledger.caldav.json").unlink()  # the record lost: contents are compared
    third = publish(url, schedule, state)
    assert summary(third)["unchanged"] == 108 and radicale.etags("ahc") == before


def test_only_the_changed_events_change_and_foreign_events_survive(
    radicale: Radicale, schedule: Path, tmp_path: Path
) -> None:
    url, state = radicale.url("changes"), tmp_path / "ledger.json"
    assert publish(url, schedule, state).returncode == 0
    foreign = "/" + USER + "/changes/lunch.ics"
    put = radicale.request("PUT", foreign, FOREIGN.encode(), {"If-None-Match": "*"})
    assert put.status == 201
    before = radicale.etags("changes")
    foreign_etag = before["lunch.ics"]

    text = schedule.read_text()
    text = edit_event(text, "session-1", "start = 2022-02-28", "start = 2022-03-07")
    text = edit_event(text, "session-1", "end = 2022-03-11", "end = 2022-03-18")
    text = edit_event(
        text, "session-4", "start = 2023-01-09", 'status = "cancelled"\nstart = 2023-01-09'
    )
    text = remove_event(text, "consultation-1")
    text += (
        '\n[[events]]\nid = "briefing"\nkind = "meeting"\ntitle = "Briefing of delegations"\n'
        'start = 2023-05-03\nvenue = "new-york"\n'
    )
    schedule.write_text(text)
    removed = {u for u in exported_uids(bundled_schedule_path()) if u.startswith("consultation-1+")}
    assert len(removed) == 4

    dry = publish(url, schedule, state, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert re.search(r"^update +session-1$", dry.stdout, re.M)
    assert re.search(r"^update +session-4$", dry.stdout, re.M)
    assert re.search(r"^create +briefing$", dry.stdout, re.M)
    assert re.search(r"^delete +consultation-1\+20220324-1$", dry.stdout, re.M)
    assert "would create 1, update 2, delete 4; 102 unchanged, 0 conflicts" in dry.stdout
    assert radicale.etags("changes") == before  # the dry run changed nothing

    result = publish(url, schedule, state)
    assert result.returncode == 0, result.stderr
    assert summary(result) == dict(created=1, updated=2, deleted=4, unchanged=102, conflicts=0)
    after = radicale.etags("changes")
    changed = {n for n in before.keys() & after.keys() if before[n] != after[n]}
    assert changed == {f"session-1{SUFFIX}.ics", f"session-4{SUFFIX}.ics"}
    assert before.keys() - after.keys() == {f"{uid}.ics" for uid in removed}
    assert after.keys() - before.keys() == {f"briefing{SUFFIX}.ics"}
    assert after["lunch.ics"] == foreign_etag

    again = publish(url, schedule, state, "--force")
    assert summary(again)["unchanged"] == 105 and radicale.etags("changes") == after


def test_an_event_edited_on_the_server_is_a_conflict_until_forced(
    radicale: Radicale, schedule: Path, tmp_path: Path
) -> None:
    import caldav

    url, state = radicale.url("conflict"), tmp_path / "ledger.json"
    assert publish(url, schedule, state).returncode == 0
    radicale.request("PUT", f"/{USER}/conflict/lunch.ics", FOREIGN.encode())
    client = caldav.DAVClient(url=url, username=USER, password=PASSWORD)
    calendar = client.calendar(url=url)
    event = calendar.event_by_uid(f"session-1{SUFFIX}")
    event.icalendar_component["SUMMARY"] = "First session (moved by the secretariat)"
    event.save()
    edited = radicale.etags("conflict")

    result = publish(url, schedule, state)
    assert result.returncode == 1
    assert "docket: conflict: session-1: changed on the server" in result.stderr
    assert summary(result)["conflicts"] == 1
    assert "nothing to change" not in result.stdout
    assert "1 conflict (not current: 1 event left out, listed below)" in result.stdout
    assert radicale.etags("conflict") == edited  # left alone

    forced = publish(url, schedule, state, "--force")
    assert forced.returncode == 0, forced.stderr
    assert summary(forced) == dict(created=0, updated=1, deleted=0, unchanged=107, conflicts=0)
    back = calendar.event_by_uid(f"session-1{SUFFIX}")
    assert str(back.icalendar_component["SUMMARY"]) == "First session"
    after = radicale.etags("conflict")
    assert after["lunch.ics"] == edited["lunch.ics"]
    assert {n for n in after if after[n] != edited[n]} == {f"session-1{SUFFIX}.ics"}


def test_credentials_and_unreachable_servers(
    radicale: Radicale, schedule: Path, tmp_path: Path
) -> None:
    url, state = radicale.url("auth"), tmp_path / "ledger.json"
    wrong = publish(url, schedule, state, env={"DOCKET_PW": "wrong"})
    assert wrong.returncode == 1
    assert f"docket: authentication failed for {url} (401)" in wrong.stderr
    assert not state.exists()

    missing = docket("publish", schedule, "--to", url, "--user", USER, "--password-env", "NOPE")
    assert missing.returncode == 2 and "NOPE is not set" in missing.stderr
    for bad in (
        "ftp://127.0.0.1/x/",
        "not a url",
        f"http://{USER}:{PASSWORD}@127.0.0.1:1/x/",
        f"http://{USER}:{PASSWORD}@127.0.0.1:99999/x/",  # a bad port
        f"ftp://{USER}:{PASSWORD}@127.0.0.1/x/",  # another scheme
        f"http://{USER}:{PASSWORD}@/x/",  # no host
        f"http://{USER}:pa/{PASSWORD}@127.0.0.1/x/",  # an unencoded slash in it
        f"http://{USER}:{PASSWORD}@127.0.0.1/x/?token={PASSWORD}",
    ):
        result = docket("publish", schedule, "--to", bad)
        assert result.returncode == 2, (bad, result.stderr)
        assert PASSWORD not in result.stderr + result.stdout
        assert "bad URL" in result.stderr or "holds a password" in result.stderr
        assert_no_traceback(result)

    down = f"http://127.0.0.1:{_free_port()}/{USER}/auth/"
    result = publish(down, schedule, state)
    assert result.returncode == 1
    assert f"docket: cannot reach {down} (connection refused)" in result.stderr
    assert not state.exists()  # nothing half-done: not even the ledger

    home = tmp_path / "home"
    home.mkdir()
    netrc = home / ".netrc"
    netrc.write_text(f"machine 127.0.0.1 login {USER} password {PASSWORD}\n")
    netrc.chmod(0o600)
    result = docket("publish", schedule, "--to", url, "--state", state, env={"HOME": str(home)})
    assert result.returncode == 0, result.stderr
    assert summary(result)["created"] == 108
    netrc.write_text(f"machine 127.0.0.1 login {USER} password with {PASSWORD}\n")  # a space
    result = docket("publish", schedule, "--to", url, "--state", state, env={"HOME": str(home)})
    assert result.returncode == 2 and "~/.netrc cannot be parsed near line" in result.stderr
    assert PASSWORD not in result.stderr + result.stdout
    assert_no_traceback(result)

    home_url = f"http://127.0.0.1:{radicale.port}/{USER}/"
    result = publish(home_url, schedule, state)
    assert result.returncode == 1 and "is not a calendar collection" in result.stderr


class DroppingProxy:
    """A proxy on 127.0.0.1 that forwards requests to Radicale; after `limit` requests it
    sends the next one on, then closes the client's connection without the answer (the
    write took place, docket never heard), and refuses everything after that."""

    def __init__(self, upstream: int) -> None:
        self.upstream = upstream
        self.limit: int | None = None
        self.count = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            with client:
                self._one(client)

    def _one(self, client: socket.socket) -> None:
        client.settimeout(10)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = client.recv(65536)
            if not chunk:
                return
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = re.search(rb"(?i)\r\ncontent-length: *(\d+)", head)
        while length and len(body) < int(length.group(1)):
            body += client.recv(65536)
        self.count += 1
        if self.limit is not None and self.count > self.limit + 1:
            return  # the server is "down": the connection closes at once
        with socket.create_connection(("127.0.0.1", self.upstream), timeout=10) as upstream:
            upstream.sendall(head + b"\r\n\r\n" + body)
            answer = b""
            while chunk := upstream.recv(65536):
                answer += chunk
        if self.limit is not None and self.count == self.limit + 1:
            return  # done upstream, never answered
        client.sendall(answer)

    def close(self) -> None:
        self.listener.close()


def test_a_run_cut_short_is_completed_by_the_next(
    radicale: Radicale, schedule: Path, tmp_path: Path
) -> None:
    proxy = DroppingProxy(radicale.port)
    try:
        url = f"http://127.0.0.1:{proxy.port}/{USER}/cut/"
        state = tmp_path / "ledger.json"
        proxy.limit = 40  # calendar made, listed, then ~35 creates, then the line drops
        cut = publish(url, schedule, state)
        assert cut.returncode == 1
        assert f"the connection to {url} was lost" in cut.stderr, cut.stderr
        partial = radicale.etags("cut")
        assert 20 < len(partial) < 108

        proxy.limit, proxy.count = None, 0
        done = publish(url, schedule, state)
        assert done.returncode == 0, done.stderr
        counts = summary(done)
        assert counts["created"] == 108 - len(partial) and counts["conflicts"] == 0
        assert counts["unchanged"] == len(partial)  # the unanswered create included
        assert set(radicale.etags("cut")) == {f"{uid}.ics" for uid in exported_uids(schedule)}
        proxy.count = 0
        final = publish(url, schedule, state)
        assert summary(final)["unchanged"] == 108
        assert proxy.count == 2  # the calendar and its ETags: nothing else read or sent
    finally:
        proxy.close()
