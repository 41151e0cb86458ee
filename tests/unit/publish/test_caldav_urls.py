"""What a CalDAV server or the user hands `docket publish`, checked: hrefs normalised and
kept inside the collection, ETags held to RFC 7232, URLs redacted in every message,
~/.netrc never quoted, multistatus answers and calendar objects read within bounds.

Hypothesis drives the normalisation and redaction functions with hostile pieces (dot
segments in every encoding, double slashes, other hosts, controls, malformed userinfo);
the properties are the ones the publisher relies on.
"""

from __future__ import annotations

import http.client
import os
import re
from pathlib import Path
from urllib.parse import unquote_to_bytes

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from tui.core.sanitize import visible
from tui.publish.caldav.credentials import credentials
from tui.publish.caldav.multistatus import parse_multistatus
from tui.publish.caldav.resources import Resource, digest, equivalent, read_uid
from tui.publish.caldav.urls import (
    HrefError,
    PublishError,
    PublishUsageError,
    encode_path,
    member_kind,
    parse_target,
    redact_url,
    resolve_href,
    valid_etag,
)

TARGET = parse_target("http://127.0.0.1:8080/dav/cal/")
SEGMENTS = [
    *("..", ".", "", "%2e%2e", "%2E%2e", ".%2e", "%2e.", "%2e", "..%2f", "%2f", "%2F.."),
    *("%5c", "%00", "%c0%ae", "%ff", "a", "b%20c", "x.ics", "dav", "cal", "%40", "@", ";x"),
]
PREFIXES = [
    *("", "/", "/dav/cal/", "/dav/", "//", "//evil/", "http://127.0.0.1:8080/dav/cal/"),
    *("http://evil:8080/dav/cal/", "https://127.0.0.1:8080/dav/cal/", "http://127.0.0.1/dav/cal/"),
    *("http://a:b@127.0.0.1:8080/dav/cal/", "HTTP://127.0.0.1:8080/dav/cal/", "/dav/cal//"),
]


def server_view(sent: str) -> str:
    """How a decoding server resolves a path docket sends: each segment decoded, then
    dot segments removed (RFC 3986 §5.2.4 on the decoded text)."""
    out: list[str] = []
    for raw in sent.split("/")[1:]:
        segment = unquote_to_bytes(raw).decode("utf-8")
        if segment == "..":
            if out:
                out.pop()
        elif segment not in (".", ""):
            out.append(segment)
    return "/" + "/".join(out)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(PREFIXES), st.lists(st.sampled_from(SEGMENTS), max_size=7))
def test_an_href_resolves_inside_the_collection_or_not_at_all(
    prefix: str, parts: list[str]
) -> None:
    href = prefix + "/".join(parts)
    try:
        path = resolve_href(href, TARGET)
    except HrefError:
        return
    sent = encode_path(path)
    assert resolve_href(sent, TARGET) == path  # the normal form is a fixed point
    assert not re.search(r"(?i)(^|/)(\.|%2e){1,2}(/|$)", sent) and "//" not in sent
    if member_kind(path, TARGET) == "member":
        assert server_view(sent) == path and path.startswith("/dav/cal/")
        assert "/" not in path[len("/dav/cal/") :]


def test_hrefs_one_by_one() -> None:
    member = "/dav/cal/a@b.ics"
    for href in (
        "/dav/cal/a%40b.ics",
        "a%40b.ics",
        "/dav/cal/./a@b.ics",
        "/dav//cal/x/%2e%2e/a%40b.ics",
        "http://127.0.0.1:8080/dav/cal/a@b.ics",
        " /dav/cal/a@b.ics\n",
    ):
        assert resolve_href(href, TARGET) == member, href
        assert member_kind(member, TARGET) == "member"
    for href in (
        "/dav/cal/%2e%2e/a.ics",
        "../a.ics",
        "/dav/cal/sub/a.ics",
        "/elsewhere/a.ics",
    ):
        assert member_kind(resolve_href(href, TARGET), TARGET) is None, href
    refused = ["//evil/dav/cal/a.ics", "http://evil:8080/dav/cal/a.ics", "/dav/cal/a%2fb.ics"]
    refused += ["/dav/cal/%c0%ae.ics", "/dav/cal/a\r\nb", "/dav/cal/a.ics?x", "", "x" * 5000]
    for href in refused:
        with pytest.raises(HrefError):
            resolve_href(href, TARGET)
    assert member_kind("/dav/cal", TARGET) == member_kind("/dav/cal/", TARGET) == "self"
    assert member_kind("/dav/cal/sub/", TARGET) == "collection"


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=40))
def test_a_valid_etag_is_an_entity_tag_a_header_can_carry(text: str) -> None:
    tag = valid_etag(text)
    if tag is not None:
        assert re.fullmatch(r'(W/)?"[\x21\x23-\x7e]*"', tag)
        assert not http.client._is_illegal_header_value(tag.encode("latin-1"))  # type: ignore[attr-defined]


@given(st.from_regex(r'\A(W/)?"[\x21\x23-\x7e]{0,30}"\Z'))
def test_every_entity_tag_is_accepted(tag: str) -> None:
    assert valid_etag(tag) == tag and valid_etag(f" {tag}\t") == tag


def test_etags_one_by_one() -> None:
    assert valid_etag('"abc"') == '"abc"' and valid_etag('W/"1"') == 'W/"1"'
    for bad in (
        '"a"\r\nX: 1',
        '"a\n"',
        "abc",
        '"a"b"',
        '"é"',
        '"a\tb"',
        "",
        '"' + "x" * 2000 + '"',
    ):
        assert valid_etag(bad) is None, bad


# -- URLs in messages -------------------------------------------------------------------------

_HOSTS = st.sampled_from(
    ["host", "127.0.0.1", "[::1]", "", "h:99999", "h:port", "h:1", "a b", "a..b", "[::1", "é.x"]
)
_SCHEMES = st.sampled_from(["http://", "https://", "ftp://", "http:/", "http:\\\\", "", "//", "x:"])
_PATHS = st.sampled_from(["/", "/cal/", "/c?x=1", "/c#f", "", "/u@x/", "/%2e%2e/"])


#: The fixed words of parse_target's messages (a password may happen to be one of them).
_MESSAGES = (
    "bad URL : it cannot be parsed; the port is not 0-65535; expected http(s)://host/path/to/"
    "calendar/; it holds a control character; a collection has no ?query or #part; the host "
    "name is not valid; a path segment is not UTF-8; a path segment holds an encoded slash or "
    "a control; the URL  holds a password: give it through --password-env NAME or ~/.netrc, "
    "never on the command line"
)


@settings(max_examples=400, deadline=None)
@given(_SCHEMES, st.text(max_size=8), st.text(min_size=4, max_size=16), _HOSTS, _PATHS)
@example("http://", "0/", "0000", "host", "/")  # the user's slash makes the rest a path
def test_no_message_about_a_url_shows_its_password(
    scheme: str, user: str, password: str, host: str, path: str
) -> None:
    tail = host + path
    assume(password not in scheme + tail and visible(password) not in visible(scheme + tail))
    assume("***" not in password and password not in _MESSAGES)
    url = f"{scheme}{user}:{password}@{tail}"
    assert password not in redact_url(url) and visible(password) not in redact_url(url)
    try:
        target = parse_target(url)
    except PublishUsageError as error:
        assert password not in str(error) and visible(password) not in str(error)
    else:
        assert password not in target.url


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=40), st.builds("{}{}{}".format, _SCHEMES, _HOSTS, _PATHS)))
def test_any_text_is_a_target_or_a_usage_error(text: str) -> None:
    try:
        target = parse_target(text)
    except PublishUsageError:
        return
    assert target.path.endswith("/") and target.scheme in ("http", "https") and target.host


@pytest.mark.parametrize(
    "url",
    [
        "http://alice:pw-SECRET@host:99999/cal/",
        "http://alice:pw-SECRET@host:port/cal/",
        "ftp://alice:pw-SECRET@host/cal/",
        "http://alice:pw-SECRET@/cal/",
        "http://alice:pw/SECRET@host/cal/",
        "http://alice:pw@SECRET@host/cal/",
        "http://[::1:alice:pw-SECRET@host/",
        "http://alice:pw-SECRET@host/cal/?x",
        "http:alice:pw-SECRET@host/cal/",
        "alice:pw-SECRET@host/cal/",
    ],
)
def test_a_bad_url_is_refused_without_its_password(url: str) -> None:
    with pytest.raises(PublishUsageError) as caught:
        parse_target(url)
    message = str(caught.value)
    assert "SECRET" not in message
    assert "bad URL" in message or "holds a password" in message


def test_the_collection_url_is_normalised_like_an_href() -> None:
    assert parse_target("http://h/a/./b/%2e%2e/cal").path == "/a/cal/"
    assert parse_target("http://h//a//cal/").url == "http://h/a/cal/"
    with pytest.raises(PublishUsageError, match="encoded slash"):
        parse_target("http://h/a%2fb/")


# -- ~/.netrc ----------------------------------------------------------------------------------


def test_a_malformed_netrc_is_named_by_line_never_quoted(tmp_path: Path) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text("machine h login alice password two words-SECRET\n")
    netrc.chmod(0o600)
    target = parse_target("http://h/cal/")
    with pytest.raises(PublishUsageError) as caught:
        credentials(target, None, None, {}, netrc)
    assert "cannot be parsed near line" in str(caught.value)
    assert "SECRET" not in str(caught.value)
    netrc.write_bytes(b"machine h login alice password \xff-SECRET\n")
    try:
        found = credentials(target, None, None, {}, netrc)
    except PublishUsageError as error:
        assert "SECRET" not in str(error)
    else:
        assert found is not None and found[0] == "alice"
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(PublishUsageError, match="not a regular file"):
        credentials(target, None, None, {}, fifo)  # refused, never opened (it would block)


# -- bounded reading ---------------------------------------------------------------------------


def _answer(inner: str) -> bytes:
    return f'<?xml version="1.0"?><D:multistatus xmlns:D="DAV:">{inner}</D:multistatus>'.encode()


def test_a_multistatus_answer_is_read_within_bounds() -> None:
    deep = "<D:response>" + "<x>" * 5000 + "</x>" * 5000 + "</D:response>"
    for body, message in (
        (_answer(deep), "nested deeper"),
        (_answer("<D:response>" + "<x/>" * 2000 + "</D:response>"), "elements in one response"),
        (_answer(f"<D:response><D:href>/dav/cal/{'x' * 5000}</D:href></D:response>"), "href"),
        (b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', "DOCTYPE"),
        (b"<D:multistatus", "not XML"),
        (_answer("<D:response><D:href>/dav/cal/%2e%2e/x</D:href></D:response>"), "outside"),
    ):
        with pytest.raises(PublishError, match=message):
            parse_multistatus(body, TARGET)


def test_a_calendar_object_nested_too_deep_is_not_read() -> None:
    event = "BEGIN:VEVENT\r\nUID:a@s.docket\r\nDTSTART:20230101\r\n"
    deep = ("BEGIN:X\r\n" * 600 + "END:X\r\n" * 600).encode()
    body = b"BEGIN:VCALENDAR\r\n" + event.encode() + deep + b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    assert digest(body) is None and read_uid(body) is None
    ours = Resource(
        "a@s.docket", "a.ics", body.replace(deep, b""), digest(body.replace(deep, b"")) or ""
    )
    assert not equivalent(body, ours) and equivalent(ours.body, ours)
