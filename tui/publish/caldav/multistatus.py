"""Reading a WebDAV multistatus answer (PROPFIND, REPORT) within bounds.

The answer comes from a server docket does not trust, so it is read by expat as a stream
of events into small records, never into a tree: memory is the body (capped by the
client) plus one record per `<D:response>`. Bounds, each a clear PublishError when
exceeded: nesting depth (a real answer is 6 deep), elements per response and responses
per answer (a collection docket publishes holds at most `MAX_RESPONSES` resources), and
the length of an href. A DOCTYPE is refused outright, so no entity is ever declared or
expanded. Every href is normalised and must name the collection or a resource directly in
it; an answer that names anything else is refused whole, before any of it is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.parsers import expat

from tui.publish.caldav.urls import (
    MAX_HREF,
    HrefError,
    PublishError,
    Target,
    member_kind,
    resolve_href,
    shown_href,
    valid_etag,
)

DAV = "DAV:"
CALDAV = "urn:ietf:params:xml:ns:caldav"
MAX_DEPTH = 32
MAX_ELEMENTS_PER_RESPONSE = 1000
#: 48,122 resources is the 10,000-event schedule; twice that is the most a listing may hold.
MAX_RESPONSES = 100_000
_SEP = "\x1f"  # expat's separator between a namespace and a local name


@dataclass(frozen=True, slots=True)
class DavItem:
    """One `<D:response>` of a multistatus, its properties as found (None when absent).
    `bad_etag`: the server gave a getetag that is not an entity-tag (etag is then None)."""

    href: str  # decoded, normalised path
    status: int
    etag: str | None
    data: bytes | None
    collection: bool
    calendar: bool
    bad_etag: bool = False


class _Limit(Exception):
    """The answer is over a bound; the message says which."""


class _Reader:
    """expat handlers that fill one record per response."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self.stack: list[str] = []
        self.items: list[DavItem] = []
        self.elements = 0
        self.text: list[str] | None = None
        self.text_size = 0
        self._reset()

    def _reset(self) -> None:
        self.href: str | None = None
        self.status: int | None = None
        self.etag: str | None = None
        self.bad_etag = False
        self.data: str | None = None
        self.collection = self.calendar = False
        self.prop: dict[str, object] = {}

    def start(self, name: str, attributes: object) -> None:
        self.stack.append(name)
        if len(self.stack) > MAX_DEPTH:
            raise _Limit(f"nested deeper than {MAX_DEPTH} elements")
        self.text = None
        if name == DAV + _SEP + "response":
            self._reset()
            self.elements = 0
            if len(self.items) >= MAX_RESPONSES:
                raise _Limit(f"more than {MAX_RESPONSES:,} resources")
        self.elements += 1
        if self.elements > MAX_ELEMENTS_PER_RESPONSE:
            raise _Limit(f"more than {MAX_ELEMENTS_PER_RESPONSE} elements in one response")
        parent = self.stack[-2] if len(self.stack) > 1 else ""
        if name in _TEXT or (name == _STATUS and parent in (_RESPONSE, _PROPSTAT)):
            self.text, self.text_size = [], 0
        elif name == _PROPSTAT:
            self.prop = {}
        elif (parent == _RESOURCETYPE and name in (_COLLECTION, _CALENDAR)) or (
            parent == _PROP and name == _RESOURCETYPE
        ):
            self.prop[name] = True

    def chars(self, data: str) -> None:
        if self.text is not None:
            self.text_size += len(data)
            if self.text_size > MAX_HREF and self.stack[-1] == _HREF:
                raise _Limit("an href longer than 4,096 characters")
            self.text.append(data)

    def end(self, name: str) -> None:
        text = "".join(self.text) if self.text is not None else None
        self.text = None
        self.stack.pop()
        parent = self.stack[-1] if self.stack else ""
        if name == _HREF and parent == _RESPONSE and self.href is None:
            self.href = text or ""
        elif name == _STATUS and text is not None:
            if parent == _RESPONSE:
                self.status = _status(text)
            elif parent == _PROPSTAT:
                self.prop["status"] = _status(text)
        elif name in (_GETETAG, _DATA) and parent == _PROP and text is not None:
            self.prop[name] = text
        elif name == _PROPSTAT:
            self._merge()
        elif name == _RESPONSE:
            self._finish()

    def _merge(self) -> None:
        """A propstat's properties count only when its status is 200 (or absent)."""
        prop, self.prop = self.prop, {}
        if prop.get("status") not in (200, None):
            return
        if _GETETAG in prop:
            raw = str(prop[_GETETAG])
            self.etag = valid_etag(raw)
            self.bad_etag = self.etag is None and bool(raw.strip())
        if _DATA in prop:
            self.data = str(prop[_DATA])
        if _RESOURCETYPE in prop:
            self.collection = bool(prop.get(_COLLECTION))
            self.calendar = bool(prop.get(_CALENDAR))

    def _finish(self) -> None:
        if not self.href:
            return
        try:
            path = resolve_href(self.href, self.target)
        except HrefError as error:
            raise PublishError(self._outside(str(error))) from None
        kind = member_kind(path, self.target)
        if kind is None:
            raise PublishError(self._outside("outside the collection"))
        data = self.data.encode("utf-8") if self.data is not None else None
        collection = self.collection or kind == "collection" or path.endswith("/")
        status, etag, bad = self.status or 200, self.etag, self.bad_etag
        self.items.append(DavItem(path, status, etag, data, collection, self.calendar, bad))

    def _outside(self, why: str) -> str:
        return (
            f"{self.target.url}: the server's answer names {shown_href(self.href or '')} "
            f"({why}): refused, nothing is sent for it"
        )


_RESPONSE = DAV + _SEP + "response"
_HREF = DAV + _SEP + "href"
_STATUS = DAV + _SEP + "status"
_PROPSTAT = DAV + _SEP + "propstat"
_PROP = DAV + _SEP + "prop"
_GETETAG = DAV + _SEP + "getetag"
_RESOURCETYPE = DAV + _SEP + "resourcetype"
_COLLECTION = DAV + _SEP + "collection"
_CALENDAR = CALDAV + _SEP + "calendar"
_DATA = CALDAV + _SEP + "calendar-data"
_TEXT = frozenset({_HREF, _GETETAG, _DATA})


def parse_multistatus(body: bytes, target: Target) -> list[DavItem]:
    """Each `<D:response>`: its normalised path and the properties found with status 200.
    PublishError when the answer is not XML, is over a bound, or names a path outside
    the collection."""
    reader = _Reader(target)
    parser = expat.ParserCreate(namespace_separator=_SEP)
    parser.buffer_text = True
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.chars
    parser.StartDoctypeDeclHandler = _no_doctype
    parser.EntityDeclHandler = _no_doctype
    try:
        parser.Parse(body, True)
    except _Limit as error:
        raise PublishError(f"{target.url}: the server's answer is refused: {error}") from None
    except expat.ExpatError as error:
        raise PublishError(
            f"{target.url}: the server's answer is not XML (line {error.lineno}, "
            f"column {error.offset}: {expat.ErrorString(error.code)})"
        ) from None
    return reader.items


def _no_doctype(*_: object) -> None:
    raise _Limit("it declares a DOCTYPE")


def _status(line: str) -> int | None:
    """`HTTP/1.1 200 OK` -> 200."""
    parts = line.split()
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() and len(parts[1]) == 3 else None
