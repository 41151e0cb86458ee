"""Addresses and entity tags for `docket publish`: what the user types and what a CalDAV
server hands back, checked before any of it is used, sent or shown.

A server is untrusted input. Three things it gives docket flow back into requests, so
each is normalised here, once, and everything else works on the normal form:

- an `href` of a listing is resolved against the collection (relative references, other
  schemes and hosts refused), percent-decoded segment by segment (strict UTF-8), and its
  dot segments and empty segments removed *after* decoding, so `%2e%2e` is the `..` a
  decoding server would see. A segment that decodes to a slash, a backslash or a control
  is refused: it would be a separator to one server and a name to another. The result is
  the decoded path docket compares and stores; `encode_path` of it is exactly what is sent,
  and it resolves to itself (no dot segment, no double slash survives);
- an `ETag` must be an RFC 7232 entity-tag (`W/`? `"` etagc* `"`): one holding CR, LF or
  any control would split or break the `If-Match` header it goes back in;
- the `--to` URL is normalised the same way, and every message that names a URL that
  failed to parse shows it through `redact_url`: userinfo and ?query hidden, whatever
  made it fail, so a password never reaches a terminal or a CI log.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import quote, unquote_to_bytes, urlsplit

from tui.core.errors import DocketError
from tui.core.sanitize import visible

#: An href longer than this is refused (a real one is a path and a file name).
MAX_HREF = 4096
#: An entity-tag longer than this is not used (servers send hashes of 32-70 characters).
MAX_ETAG = 1024
#: How much of a server's or a user's text a message quotes.
SHOWN_CHARS = 160

#: RFC 7232's entity-tag, its etagc without obs-text: bytes 0x80-0xFF, kept by the RFC only
#: for old servers, cannot be told apart from the UTF-8 an XML listing decodes them into.
_ETAG = re.compile(r'(?:W/)?"[\x21\x23-\x7e]*"')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:(?=[/\\])")


class PublishError(DocketError):
    """Publishing failed; the message names the URL and the reason (exit 1)."""


class PublishUsageError(PublishError):
    """A bad URL or a missing credential: the command line's usage error (exit 2)."""


class HrefError(ValueError):
    """An href docket will not use; the message says why."""


class Target(NamedTuple):
    """The collection: scheme, host, port, its path (decoded, normalised, with a final
    slash), and the URL as shown (never with credentials)."""

    scheme: str
    host: str
    port: int
    path: str
    url: str
    user: str | None


def shorten(text: str, limit: int = SHOWN_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def redact_url(text: str) -> str:
    """`text` as a message may show it: whatever stands between the scheme and the last
    `@` (the userinfo, however malformed) becomes `***`, a ?query or #fragment `?…`, and
    controls are made visible. Over-hiding is the price of never guessing wrong: the last
    `@` bounds any password, even one holding `/`, `:` or `@` itself."""
    text = text.strip()
    scheme = _SCHEME.match(text)
    start = scheme.end() if scheme else 0
    while start < len(text) and text[start] in "/\\":
        start += 1
    at = text.rfind("@", start)
    if at != -1:
        text = text[:start] + "***" + text[at:]
    cuts = [i for i in (text.find("?", start), text.find("#", start)) if i != -1]
    if cuts:
        text = text[: min(cuts) + 1] + "…"
    return visible(shorten(text))


def encode_path(path: str) -> str:
    """A decoded path as sent: each segment percent-encoded (`@` and `+` included)."""
    return "/".join(quote(segment, safe="") for segment in path.split("/"))


def normal_path(encoded: str) -> str:
    """An absolute encoded path decoded and normalised: segments decoded (strict UTF-8),
    then `.`, `..` and empty segments removed; a final slash kept. HrefError for a
    segment that decodes to a separator or a control."""
    segments: list[str] = []
    trailing = False
    for raw in encoded.split("/")[1:]:
        try:
            segment = unquote_to_bytes(raw).decode("utf-8")
        except UnicodeDecodeError:
            raise HrefError("a path segment is not UTF-8") from None
        trailing = segment in ("", ".", "..")
        if segment == "..":
            if segments:
                segments.pop()
        elif segment not in ("", "."):
            if "/" in segment or "\\" in segment or _CONTROL.search(segment):
                raise HrefError("a path segment holds an encoded slash or a control")
            segments.append(segment)
    path = "/" + "/".join(segments)
    return path + "/" if trailing and segments else path


def parse_target(url: str) -> Target:
    """Check `url` (http or https, a host, no password, no query) and split it. No message
    quotes the parser's own words: they may hold a piece of a malformed password."""
    shown = redact_url(url)
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        raise PublishUsageError(f"bad URL {shown}: it cannot be parsed") from None
    try:
        port = parts.port
    except ValueError:
        raise PublishUsageError(f"bad URL {shown}: the port is not 0-65535") from None
    problem = None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        problem = "expected http(s)://host/path/to/calendar/"
    elif _CONTROL.search(text):
        problem = "it holds a control character"
    elif parts.query or parts.fragment:
        problem = "a collection has no ?query or #part"
    elif not _host_ok(parts.hostname):
        problem = "the host name is not valid"
    try:
        path = normal_path(parts.path or "/")
    except HrefError as error:
        problem = problem or str(error)
    if problem:
        raise PublishUsageError(f"bad URL {shown}: {problem}")
    if parts.password is not None or _looks_like_userinfo(parts.path):
        raise PublishUsageError(
            f"the URL {shown} holds a password: give it through --password-env NAME or "
            "~/.netrc, never on the command line"
        )
    if not path.endswith("/"):
        path += "/"
    host = parts.hostname or ""
    shown_host = f"[{host}]" if ":" in host else host
    default = 443 if parts.scheme == "https" else 80
    netloc = shown_host if port in (None, default) else f"{shown_host}:{port}"
    url_shown = f"{parts.scheme}://{visible(netloc)}{visible(encode_path(path))}"
    user = unquote_to_bytes(parts.username).decode("utf-8", "replace") if parts.username else None
    return Target(parts.scheme, host, port or default, path, url_shown, user)


def _looks_like_userinfo(path: str) -> bool:
    """A path holding `:` and then `@`: `user:pass/word@host` with its slash not encoded,
    which a parser reads as host `user`. Refused rather than sent (and shown) as a path."""
    colon = path.find(":")
    return colon != -1 and "@" in path[colon:]


def _host_ok(host: str) -> bool:
    """An IP literal, or a name the resolver can encode (IDNA: no empty or long label)."""
    if ":" in host:
        return True
    try:
        host.encode("idna")
    except UnicodeError:
        return False
    return True


def resolve_href(href: str, target: Target) -> str:
    """The decoded, normalised path an href of a server's answer names; HrefError when it
    is unusable or names another scheme, host or port (whether it is inside the collection
    is `member_kind`'s question)."""
    raw = href.strip()
    if not raw or len(raw) > MAX_HREF or _CONTROL.search(raw):
        raise HrefError("not a usable address")
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError:
        raise HrefError("not a usable address") from None
    if parts.query or parts.fragment:
        raise HrefError("an address with a ?query or #part")
    if parts.scheme or parts.netloc:
        if "@" in parts.netloc:
            raise HrefError("an address with credentials")
        default = 443 if parts.scheme.lower() == "https" else 80
        same = (
            parts.scheme.lower() == target.scheme
            and (parts.hostname or "") == target.host.lower()
            and (port or default) == target.port
        )
        if not same:
            raise HrefError("another host")
    path = parts.path
    if not path.startswith("/"):  # relative to the collection, whose URL ends in "/"
        path = encode_path(target.path) + path
    return normal_path(path)


def member_kind(path: str, target: Target) -> str | None:
    """ "self" for the collection, "member" for a resource directly in it, "collection" for
    a collection directly in it; None for anything else (outside, or deeper)."""
    if path.rstrip("/") == target.path.rstrip("/"):
        return "self"
    if not path.startswith(target.path):
        return None
    rest = path[len(target.path) :]
    if rest and "/" not in rest:
        return "member"
    if rest.endswith("/") and "/" not in rest[:-1]:
        return "collection"
    return None


def valid_etag(tag: str | None) -> str | None:
    """`tag` (stripped) when it is an RFC 7232 entity-tag, else None."""
    if tag is None:
        return None
    tag = tag.strip(" \t")
    if len(tag) > MAX_ETAG or not _ETAG.fullmatch(tag):
        return None
    return tag


def shown_href(href: str) -> str:
    """How a message names an href a server sent: decoded, shortened, visible, and
    redacted unless it is a plain path (only an absolute URL has userinfo)."""
    text = unquote_to_bytes(href.strip()[:MAX_HREF]).decode("utf-8", "replace")
    if text.startswith("/") and not text.startswith("//"):
        return visible(shorten(text))
    return redact_url(text)
