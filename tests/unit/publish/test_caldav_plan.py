"""The publish planner without a server, and the pieces around it: resources, their normal
form, credentials, the record of ETags, the client's reading of URLs and answers.

The planner's promises are checked on random collections (hypothesis): no action ever
touches a resource that is not docket's; every docket resource whose entry left the
schedule is deleted (or, if someone edited it, reported); carrying out a plan and planning
again changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.publish.caldav.credentials import credentials
from tui.publish.caldav.multistatus import parse_multistatus
from tui.publish.caldav.plan import Action, Kind, Plan, Record, Remote, Wanted, owned, plan, to_read
from tui.publish.caldav.resources import (
    Resource,
    digest,
    equivalent,
    label,
    read_uid,
    resource_name,
    split_export,
)
from tui.publish.caldav.state import PublishState, load_state, state_path
from tui.publish.caldav.urls import PublishUsageError, encode_path, parse_target

SID = "s"
OWNED = [f"e{i}@{SID}.docket" for i in range(5)]
FOREIGN = ["f1@example.org", "f2@example.org", f"x@{SID}.docket.example", f"x@x{SID}.docket"]


def href(uid: str) -> str:
    return f"/c/{uid}.ics"


# -- a model of the server, to plan against and to carry plans out on -------------------------


@dataclass
class World:
    server: dict[str, tuple[str | None, str, str]]  # href -> (uid, etag, content digest)
    records: dict[str, Record]
    wanted: dict[str, Wanted]
    etags: int = 1000

    def remotes(self) -> list[Remote]:
        """As the runner builds them: a recorded ETag is trusted, anything else is read."""
        found = []
        for where, (uid, etag, content) in self.server.items():
            record = self.records.get(where)
            if record is not None and record.etag == etag and etag:
                found.append(Remote(where, etag, record.uid, None))
            else:
                entry = self.wanted.get(uid) if uid is not None else None
                found.append(
                    Remote(where, etag, uid, entry is not None and entry.digest == content)
                )
        return found

    def plan(self, force: bool = False) -> Plan:
        return plan(self.remotes(), self.wanted, self.records, SID, force=force)

    def carry_out(self, result: Plan) -> None:
        for action in result.of(Kind.UNCHANGED):
            self.records[action.href] = Record(action.uid, action.etag or "", self._digest(action))
        for action in result.changes:
            if action.kind is Kind.DELETE:
                del self.server[action.href]
                self.records.pop(action.href, None)
                continue
            self.etags += 1
            etag = f'"{self.etags}"'
            self.server[action.href] = (action.uid, etag, self._digest(action))
            self.records[action.href] = Record(action.uid, etag, self._digest(action))

    def _digest(self, action: Action) -> str:
        return self.wanted[action.uid].digest


@st.composite
def worlds(draw: st.DrawFn) -> World:
    wanted = {
        uid: Wanted(uid, href(uid), f"d-{uid}-{draw(st.integers(0, 1))}")
        for uid in draw(st.sets(st.sampled_from(OWNED)))
    }
    names = [href(uid) for uid in OWNED] + ["/c/other-1.ics", "/c/other-2.ics"]
    server: dict[str, tuple[str | None, str, str]] = {}
    records: dict[str, Record] = {}
    for where in draw(st.sets(st.sampled_from(names))):
        uid = draw(st.sampled_from([*OWNED, *FOREIGN, None]))
        etag = f'"{draw(st.integers(0, 3))}"'
        content = f"d-{uid}-{draw(st.integers(0, 1))}"
        server[where] = (uid, etag, content)
        kind = draw(st.sampled_from(["none", "true", "stale", "foreign"]))
        if kind == "true" and uid is not None:  # the ETag vouches for what the record says
            records[where] = Record(uid, etag, content if owned(uid, SID) else None)
        elif kind == "stale":  # docket put something here once; the ETag moved since
            records[where] = Record(uid, '"old"', f"d-{uid}-9")
        elif kind == "foreign":
            records[where] = Record(uid, '"old"', None)
    return World(server, records, wanted)


@settings(max_examples=300, deadline=None)
@given(worlds(), st.booleans())
def test_no_action_on_foreign_resources_and_every_stale_one_goes(world: World, force: bool) -> None:
    result = world.plan(force)
    per_href: dict[str, list[Kind]] = {}
    for action in result.changes:
        per_href.setdefault(action.href, []).append(action.kind)
    assert all(len(k) == 1 or k == [Kind.DELETE, Kind.CREATE] for k in per_href.values())
    for action in result.changes:
        if action.kind is Kind.CREATE:
            occupant = world.server.get(action.href)
            assert occupant is None or _deleted(result, action.href)
        else:
            uid = world.server[action.href][0]
            assert owned(uid, SID), action
            assert action.etag == world.server[action.href][1]  # If-Match the listed ETag
    for uid in world.wanted:
        assert len([a for a in result.actions if a.uid == uid]) == 1
    for where, (uid, etag, _) in world.server.items():
        if owned(uid, SID) and uid not in world.wanted:
            kinds = {a.kind for a in result.actions if a.href == where and a.uid == uid}
            record = world.records.get(where)
            edited = bool(record and record.digest and record.etag and record.etag != etag)
            assert kinds == ({Kind.CONFLICT} if edited and not force else {Kind.DELETE})


@settings(max_examples=300, deadline=None)
@given(worlds(), st.booleans())
def test_carrying_out_a_plan_then_planning_again_changes_nothing(world: World, force: bool) -> None:
    first = world.plan(force)
    before = {w: v for w, v in world.server.items() if not owned(v[0], SID)}
    world.carry_out(first)
    second = world.plan(force)
    assert second.changes == []
    assert {w: v for w, v in world.server.items() if not owned(v[0], SID)} == before
    conflicts = {(a.uid, a.href) for a in first.of(Kind.CONFLICT)}
    assert {(a.uid, a.href) for a in second.of(Kind.CONFLICT)} == conflicts


def _deleted(result: Plan, where: str) -> bool:
    return any(a.kind is Kind.DELETE and a.href == where for a in result.changes)


def test_the_rules_one_by_one() -> None:
    wanted = {uid: Wanted(uid, href(uid), "new") for uid in OWNED[:3]}
    remotes = [
        Remote(href(OWNED[0]), '"a"', OWNED[0], True),  # unchanged
        Remote(href(OWNED[1]), '"b"', OWNED[1], False),  # differs: update
        Remote("/c/imported.ics", '"c"', OWNED[2], False),  # elsewhere: updated there
        Remote(href(OWNED[3]), '"d"', OWNED[3], False),  # left the schedule: deleted
        Remote(href(OWNED[4]), '"e"', OWNED[4], False),  # left, edited since: conflict
        Remote("/c/lunch.ics", '"f"', FOREIGN[0], False),  # foreign: nothing
        Remote("/c/broken.ics", '"g"', None, None),  # unreadable: nothing
    ]
    records = {href(OWNED[4]): Record(OWNED[4], '"old"', "x")}
    result = plan(remotes, wanted, records, SID)
    kinds = {(a.kind, a.uid, a.href, a.etag) for a in result.actions}
    assert kinds == {
        (Kind.UNCHANGED, OWNED[0], href(OWNED[0]), '"a"'),
        (Kind.UPDATE, OWNED[1], href(OWNED[1]), '"b"'),
        (Kind.UPDATE, OWNED[2], "/c/imported.ics", '"c"'),
        (Kind.DELETE, OWNED[3], href(OWNED[3]), '"d"'),
        (Kind.CONFLICT, OWNED[4], href(OWNED[4]), None),
    }
    assert result.foreign == 2
    forced = plan(remotes, wanted, records, SID, force=True)
    assert (Kind.DELETE, OWNED[4]) in {(a.kind, a.uid) for a in forced.actions}
    assert [a.kind for a in forced.changes][:2] == [Kind.DELETE, Kind.DELETE]


def test_edited_on_the_server_and_taken_names() -> None:
    uid = OWNED[0]
    wanted = {uid: Wanted(uid, href(uid), "new")}
    edited = [Remote(href(uid), '"2"', uid, False)]
    recorded = {href(uid): Record(uid, '"1"', "old")}
    assert plan(edited, wanted, recorded, SID).actions[0].kind is Kind.CONFLICT
    assert plan(edited, wanted, recorded, SID, force=True).actions[0].kind is Kind.UPDATE
    assert plan(edited, wanted, {}, SID).actions[0].kind is Kind.UPDATE  # no record: no proof
    same = [Remote(href(uid), '"2"', uid, True)]
    assert plan(same, wanted, recorded, SID).actions[0].kind is Kind.UNCHANGED
    taken = [Remote(href(uid), '"9"', FOREIGN[0], False)]
    action = plan(taken, wanted, {}, SID, force=True).actions[0]
    assert action.kind is Kind.CONFLICT and "another UID" in action.reason
    assert to_read({"/a": '"1"', "/b": '"2"', "/c": '"3"'}, {"/a": Record("u", '"1"', "d"),
        "/b": Record("u", '"x"', "d")}) == ["/b", "/c"]  # fmt: skip


# -- resources and their comparison -----------------------------------------------------------


def _resources() -> dict[str, Resource]:
    from tui.ical.export import export_bytes
    from tui.schedule.loader import bundled_schedule_path, load_path

    return split_export(export_bytes(load_path(bundled_schedule_path()).schedule))


def test_resources_are_one_vevent_with_its_zones_and_no_method() -> None:
    from icalendar import Calendar

    resources = _resources()
    assert len(resources) == 108
    block = resources["consultation-1+20220324-1@ahc-cybercrime.docket"]
    assert block.name == "consultation-1%2B20220324-1%40ahc-cybercrime.docket.ics"
    for resource in resources.values():
        body = resource.body
        calendar = Calendar.from_ical(body)
        assert b"METHOD" not in body and b"X-WR-CALNAME" not in body
        assert len(calendar.walk("VEVENT")) == 1 and not calendar.get_missing_tzids()
        zones = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
        assert zones == ({"Europe/Vienna"} if b"TZID=Europe/Vienna" in body else zones)
        assert read_uid(body) == resource.uid
    assert label("session-3@ahc-cybercrime.docket") == "session-3"
    assert resource_name("a b/c") == "a%20b%2Fc.ics"


def test_a_server_that_reserialises_is_not_a_difference() -> None:
    resource = _resources()["session-3+20220829-1@ahc-cybercrime.docket"]
    body: bytes = resource.body
    lines = body.decode().replace("\r\n ", "").split("\r\n")  # unfolded
    top, bottom = lines.index("BEGIN:VEVENT") + 1, lines.index("END:VEVENT")
    lines[top:bottom] = sorted(lines[top:bottom])  # properties in another order
    lines[2] = "PRODID:-//Radicale//NONSGML Radicale Server//EN"
    shuffled = re.sub(r"DTSTAMP:\d{8}T\d{6}Z", "DTSTAMP:19990101T000000Z", "\n".join(lines))
    assert equivalent(shuffled.encode(), resource)
    changed = body.replace(b"SUMMARY:Third session", b"SUMMARY:Third session (moved)")
    assert changed != body and not equivalent(changed, resource)
    # the same value, escaped or quoted otherwise: icalendar's reading decides
    quoted = body.replace(b"TZID=America/New_York:", b'TZID="America/New_York":')
    assert equivalent(quoted, resource)
    block = _resources()["consultation-1+20220324-1@ahc-cybercrime.docket"]
    unescaped = block.body.replace(b"Hybrid\\; VIC", b"Hybrid; VIC")  # another escaping
    assert unescaped != block.body and digest(unescaped) != block.digest
    assert equivalent(unescaped, block)
    assert digest(b"\xff\xfe not a calendar") is None and read_uid(b"\xff") is None
    assert not equivalent(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", resource)


# -- credentials, the record, URLs, answers --------------------------------------------------


def test_credentials_from_the_environment_or_netrc(tmp_path: Path) -> None:
    target = parse_target("https://dav.example.org/cal/alice/ahc")
    assert (
        target.path == "/cal/alice/ahc/" and target.url == "https://dav.example.org/cal/alice/ahc/"
    )
    assert credentials(target, "alice", "PW", {"PW": "x"}) == ("alice", "x")
    with pytest.raises(PublishUsageError, match="PW is not set"):
        credentials(target, "alice", "PW", {})
    netrc = tmp_path / "netrc"
    netrc.write_text("machine dav.example.org login alice password n3trc\n")
    assert credentials(target, None, None, {}, netrc) == ("alice", "n3trc")
    assert credentials(target, "bob", None, {}, netrc) is None  # alice's entry, not bob's
    assert credentials(parse_target("http://elsewhere/x/"), None, None, {}, netrc) is None
    assert parse_target("https://bob@dav.example.org/x/").user == "bob"
    for bad in ("ftp://x/y", "http:///nohost", "https://a:pw@host/x/", "http://h/x?y=1"):
        with pytest.raises(PublishUsageError):
            parse_target(bad)
    assert encode_path("/a b/c@d+e.ics") == "/a%20b/c%40d%2Be.ics"


def test_the_record_survives_a_round_trip_and_a_corrupt_file(tmp_path: Path) -> None:
    path = state_path(tmp_path / "ledger.json")
    assert path.name == "ledger.caldav.json"
    state = PublishState()
    state.records("http://h/c/")["/c/a.ics"] = Record("a@s.docket", '"1"', "d")
    state.records("http://h/c/")["/c/b.ics"] = Record(None, '"2"', None)
    state.save(path)
    assert load_state(path).collections == state.collections
    path.write_text("{not json")
    broken = load_state(path)
    assert broken.collections == {} and broken.problem and "rebuilt" in broken.problem
    assert load_state(tmp_path / "absent.json").problem is None


def test_multistatus_answers_are_read_with_decoded_paths() -> None:
    body = b"""<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
 <d:response><d:href>/c/</d:href><d:propstat><d:prop><d:resourcetype><d:collection/>
  <c:calendar/></d:resourcetype></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
 </d:response>
 <d:response><d:href>http://h/c/a%40s.docket.ics</d:href><d:propstat><d:prop>
  <d:getetag>"1"</d:getetag><c:calendar-data>BEGIN:VCALENDAR</c:calendar-data></d:prop>
  <d:status>HTTP/1.1 200 OK</d:status></d:propstat>
  <d:propstat><d:prop><d:displayname/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status>
  </d:propstat></d:response>
 <d:response><d:href>/c/gone.ics</d:href><d:status>HTTP/1.1 404 Not Found</d:status>
 </d:response>
</d:multistatus>"""
    top, item, gone = parse_multistatus(body, parse_target("http://h/c/"))
    assert top.collection and top.calendar and top.href == "/c/"
    assert item.href == "/c/a@s.docket.ics" and item.etag == '"1"'
    assert item.data == b"BEGIN:VCALENDAR" and not item.collection
    assert gone.status == 404


def test_the_publisher_is_textual_free() -> None:
    import subprocess
    import sys

    code = (
        "import sys, tui.cli.publish, tui.publish.caldav.publish\n"
        "print(sorted(m for m in ('textual', 'rich') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr


# -- sending: 412s, --force, a PUT answered without an ETag -----------------------------------


class FakeServer:
    """Stands in for DavClient: answers from a dict, records every request."""

    def __init__(self, etag_on_put: bool = True) -> None:
        self.held: dict[str, tuple[str, bytes]] = {}
        self.sent: list[tuple[str, str, str | None]] = []
        self.etag_on_put = etag_on_put
        self.serial = 0

    def _answer(self, status: int, etag: str | None = None, body: bytes = b"") -> object:
        from email.message import Message

        from tui.publish.caldav.client import Response

        headers = Message()
        if etag:
            headers["ETag"] = etag
        return Response(status, "", headers, body)

    def put(self, path: str, body: bytes, *, if_match: str | None) -> object:
        self.sent.append(("PUT", path, if_match))
        held = self.held.get(path)
        if (if_match is None and held) or (
            if_match is not None and (not held or held[0] != if_match)
        ):
            return self._answer(412)
        self.serial += 1
        self.held[path] = (f'"{self.serial}"', body)
        return self._answer(201, self.held[path][0] if self.etag_on_put else None)

    def delete(self, path: str, *, if_match: str) -> object:
        self.sent.append(("DELETE", path, if_match))
        held = self.held.get(path)
        if not held or held[0] != if_match:
            return self._answer(412 if held else 404)
        del self.held[path]
        return self._answer(204)

    def get(self, path: str) -> object:
        self.sent.append(("GET", path, None))
        held = self.held.get(path)
        return self._answer(200, held[0], held[1]) if held else self._answer(404)

    def propfind(self, path: str, depth: int, props: str) -> list[object]:
        from tui.publish.caldav.multistatus import DavItem

        self.sent.append(("PROPFIND", path, None))
        held = self.held.get(path)
        return [DavItem(path, 200, held[0], None, False, False)] if held else []

    def failure(self, answer: object, method: str, path: str) -> Exception:
        return AssertionError(f"unexpected {answer}")


def _body(uid: str, summary: str = "x") -> bytes:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:p\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:20220101T000000Z\r\nDTSTART;VALUE=DATE:20220101\r\n"
        f"SUMMARY:{summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def test_a_412_while_sending_is_a_conflict_unless_forced() -> None:
    from tui.publish.caldav.plan import Action
    from tui.publish.caldav.publish import _delete, _put

    uid = OWNED[0]
    ours = Resource(uid, f"{uid}.ics", _body(uid), digest(_body(uid)) or "")
    server = FakeServer()
    server.held[href(uid)] = ('"7"', _body(uid, "edited meanwhile"))
    records: dict[str, Record] = {}
    update = Action(Kind.UPDATE, uid, href(uid), '"6"')  # listed at "6"; "7" now
    assert "changed on the server" in (_put(server, update, ours, records, False) or "")
    assert server.held[href(uid)][1] == _body(uid, "edited meanwhile") and not records
    assert _put(server, update, ours, records, True) is None
    assert server.sent[-2:] == [("GET", href(uid), None), ("PUT", href(uid), '"7"')]
    assert server.held[href(uid)][1] == ours.body and records[href(uid)].etag == '"1"'

    create = Action(Kind.CREATE, uid, href(uid))  # someone created it first
    assert _put(server, create, ours, {}, False) is not None
    foreign = FakeServer()
    foreign.held[href(uid)] = ('"1"', _body("someone@else"))
    assert "no longer docket's" in (_put(foreign, create, ours, {}, True) or "")
    assert foreign.held[href(uid)][1] == _body("someone@else")  # never overwritten

    gone = Action(Kind.DELETE, uid, href(uid), '"0"')  # listed at "0"; "1" now
    assert _delete(server, gone, records, False) is not None
    assert _delete(server, gone, records, True) is None and href(uid) not in server.held
    assert _delete(server, gone, records, False) is None  # already gone: done


def test_a_put_answered_without_an_etag_is_read_again() -> None:
    from tui.publish.caldav.plan import Action
    from tui.publish.caldav.publish import _put

    uid = OWNED[1]
    ours = Resource(uid, f"{uid}.ics", _body(uid), digest(_body(uid)) or "")
    server = FakeServer(etag_on_put=False)
    records: dict[str, Record] = {}
    assert _put(server, Action(Kind.CREATE, uid, href(uid)), ours, records, False) is None
    assert server.sent == [("PUT", href(uid), None), ("PROPFIND", href(uid), None)]
    assert records[href(uid)] == Record(uid, '"1"', ours.digest)
