"""What `docket publish` puts on a CalDAV server: one resource per calendar entry, and how
two versions of a resource are compared.

A CalDAV collection holds one calendar object per UID (RFC 4791 §4.1), so the export is
cut into resources: each VEVENT of the stamped export (SEQUENCE, LAST-MODIFIED and DTSTAMP
from the ledger, so the server carries what the feed carries) wrapped in a VCALENDAR with
the VTIMEZONEs its TZIDs name, and no METHOD (a calendar object resource must not carry
one, §4.1). The export is cut as bytes rather than rebuilt: its VEVENTs are already
formatted, escaped and folded by the one exporter, and re-serialising 48,000 of them
through icalendar would cost more than the upload.

Each resource's VTIMEZONE is built for that event alone (from its own start), never
copied from the whole export: the export's VTIMEZONE starts at the schedule's earliest use
of the zone, so adding an event years earlier would otherwise change every resource in
that zone and re-upload them all.

Servers re-serialise what they store (Radicale reorders properties and refolds lines), so
"the server holds what docket would PUT" is decided on a normal form: content lines
unfolded and parsed, calendar-level properties (PRODID, VERSION, CALSCALE) and DTSTAMP
left out, properties compared as a multiset per component. When the normal forms differ,
both sides are parsed by icalendar and compared value by value, so a server that escapes
or orders differently does not cause an update on every run.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import quote

from tui.ical.export import PRODID
from tui.ical.vtimezone import build_vtimezone

_BEGIN = b"BEGIN:VEVENT\r\n"
_END = b"END:VEVENT\r\n"
_UNFOLD = re.compile(r"\r?\n[ \t]")
_TZID = re.compile(r';TZID="?([^";:]+)"?[;:]')
_DTSTART = re.compile(r"^DTSTART(?:;[^:]*)?:(\d{4})(\d{2})(\d{2})", re.MULTILINE)
_UID = re.compile(r"^UID(?:;[^:]*)?:(.*?)\r?$", re.MULTILINE)
#: Components nest at most this deep (VCALENDAR > VEVENT > VALARM is 3): a resource
#: nested deeper is not a calendar object docket reads, so a hostile one cannot recurse.
MAX_NESTING = 8
#: Never compared: what the ledger or the server restamps, and the calendar's own lines.
_IGNORED = frozenset({"DTSTAMP"})
_HEAD = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"
    + PRODID.encode("ascii")
    + b"\r\nCALSCALE:GREGORIAN\r\n"
)


class Resource(NamedTuple):
    """One calendar object docket would PUT: its UID, file name in the collection, bytes,
    and the digest of its normal form (what a later run compares against)."""

    uid: str
    name: str
    body: bytes
    digest: str


def resource_name(uid: str) -> str:
    """`<percent-encoded UID>.ics`: every character but letters, digits and `-._~`
    encoded, so `@` and `+` never meet a server's own reading of a path."""
    return quote(uid, safe="") + ".ics"


def split_export(calendar: bytes) -> dict[str, Resource]:
    """The export's VEVENTs as resources, by UID (the export's VTIMEZONEs are not used)."""
    resources: dict[str, Resource] = {}
    start = calendar.find(_BEGIN)
    while start != -1:
        end = calendar.index(_END, start) + len(_END)
        vevent = calendar[start:end]
        text = _UNFOLD.sub("", vevent.decode("utf-8"))
        uid_match = _UID.search(text)
        if uid_match is None:  # the exporter writes a UID on every VEVENT
            raise ValueError("an exported VEVENT without a UID")
        uid = uid_match.group(1)
        body = _HEAD + _timezones(text) + vevent + b"END:VCALENDAR\r\n"
        resources[uid] = Resource(uid, resource_name(uid), body, digest(body) or "")
        start = calendar.find(_BEGIN, end)
    return resources


def _timezones(vevent_text: str) -> bytes:
    zones = sorted(set(_TZID.findall(vevent_text)))
    if not zones:
        return b""
    found = _DTSTART.search(vevent_text)
    year = int(found.group(1)) if found else None
    return b"".join(_vtimezone(zone, year) for zone in zones)


@lru_cache(maxsize=256)
def _vtimezone(zone: str, year: int | None) -> bytes:
    """A zone's VTIMEZONE right from the event's year on (it depends only on that year)."""
    since = date(year, 1, 1) - timedelta(days=1) if year is not None else None
    data: bytes = build_vtimezone(zone, since).to_ical()
    return data


# -- reading what the server holds -----------------------------------------------------------


class _Line(NamedTuple):
    name: str
    params: tuple[tuple[str, str], ...]
    value: str


def _content_lines(data: bytes) -> Iterator[_Line]:
    """Unfolded content lines; raises ValueError on text that is not iCalendar."""
    text = _UNFOLD.sub("", data.decode("utf-8"))
    for raw in re.split(r"\r?\n", text):
        if raw:
            yield _parse_line(raw)


def _parse_line(raw: str) -> _Line:
    """`NAME;P=V;Q="a:b":value`, colons and semicolons inside quotes respected."""
    cut = raw.find(":")
    if '"' in raw[:cut]:  # a quoted parameter may hold a colon: walk the quotes
        quoted = False
        for index, char in enumerate(raw):
            if char == '"':
                quoted = not quoted
            elif char == ":" and not quoted:
                cut = index
                break
    if cut <= 0:
        raise ValueError(f"not a content line: {raw[:40]!r}")
    head, value = raw[:cut], raw[cut + 1 :]
    if ";" not in head:
        return _Line(head.upper(), (), value)
    parts = re.findall(r'(?:[^;"]|"[^"]*")+', head)
    params = []
    for part in parts[1:]:
        key, _, param = part.partition("=")
        params.append((key.upper(), param.strip('"')))
    return _Line(parts[0].upper(), tuple(sorted(params)), value)


def normal_form(data: bytes) -> tuple[object, ...]:
    """The components of a calendar object, each a sorted multiset of its content lines,
    with calendar-level lines and DTSTAMP left out; raises ValueError if unreadable."""
    stack: list[tuple[str, list[object]]] = []
    calendars: list[tuple[str, tuple[object, ...]]] = []
    for line in _content_lines(data):
        if line.name == "BEGIN":
            if len(stack) >= MAX_NESTING:
                raise ValueError("components nested too deep")
            stack.append((line.value.upper(), []))
        elif line.name == "END":
            if not stack or stack[-1][0] != line.value.upper():
                raise ValueError("unbalanced BEGIN/END")
            name, items = stack.pop()
            component = (name, tuple(sorted(items, key=repr)))
            if stack:
                stack[-1][1].append(component)
            else:
                calendars.append(component)
        elif len(stack) >= 2 and line.name not in _IGNORED:
            stack[-1][1].append(line)
    if stack or len(calendars) != 1 or calendars[0][0] != "VCALENDAR":
        raise ValueError("not one calendar")
    return tuple(item for item in calendars[0][1] if not isinstance(item, _Line))


def digest(data: bytes) -> str | None:
    """A short hash of the normal form; None for bytes that are not one calendar."""
    try:
        form = normal_form(data)
    except (ValueError, UnicodeDecodeError):
        return None
    return hashlib.blake2b(repr(form).encode("utf-8"), digest_size=16).hexdigest()


def read_uid(data: bytes) -> str | None:
    """The UID of a calendar object: the one its components share (RFC 4791 §4.1). None
    when it has none, when they disagree, or when it is not iCalendar: such a resource is
    never docket's. Only the components' own UIDs count (a VALARM may carry one too)."""
    depth, uids = 0, set()
    try:
        for line in _content_lines(data):
            if line.name == "BEGIN":
                depth += 1
                if depth > MAX_NESTING:
                    return None
            elif line.name == "END":
                depth -= 1
            elif line.name == "UID" and depth == 2:
                uids.add(line.value.replace("\\,", ",").replace("\\;", ";"))
    except (ValueError, UnicodeDecodeError):
        return None
    return uids.pop() if len(uids) == 1 else None


def equivalent(server: bytes, ours: Resource) -> bool:
    """Whether the server's copy says what docket would PUT, DTSTAMP and form aside. Only
    a body that reads as one calendar within MAX_NESTING is compared by icalendar (whose
    walk recurses)."""
    if len(server) > 4 * len(ours.body) + 4096:  # re-serialising never grows it so much
        return False
    found = digest(server)
    if found == ours.digest:
        return True
    if found is None:  # not one calendar by docket's reading: never handed to icalendar
        return False
    theirs = _semantic(server)
    return theirs is not None and theirs == _semantic(ours.body)


def _semantic(data: bytes) -> object | None:
    """Each component's properties as icalendar reads and re-encodes them (so escaping,
    quoting, case and order no longer matter); None if icalendar cannot read it."""
    from icalendar import Calendar

    try:
        calendar = Calendar.from_ical(data)
        components = []
        for component in calendar.walk():
            if component.name == "VCALENDAR":
                continue
            props = []
            for name, value in component.property_items(recursive=False, sorted=False):
                if name in ("BEGIN", "END") or name in _IGNORED:
                    continue
                params = tuple(
                    sorted(
                        (str(k).upper(), str(v)) for k, v in getattr(value, "params", {}).items()
                    )
                )
                props.append((name, params, getattr(value, "to_ical", value.__str__)()))
            components.append((component.name, tuple(sorted(props, key=repr))))
        return tuple(sorted(components, key=repr))
    except Exception:  # a hostile or broken body: simply not equivalent
        return None


def label(uid: str) -> str:
    """How a plan names an entry: the UID without `@<schedule-id>.docket`."""
    head, at, _ = uid.rpartition("@")
    return head if at and uid.endswith(".docket") else uid
