"""Who may use `docket web`: the key, kept in a cookie once the link is opened, and the
websocket's origin. Plain functions, so the rules are tested without a server.

The link carries the key once (`/?key=…`); the server answers with a cookie and sends the
browser on to the same address without it, so the key leaves the address bar and the
history. The cookie is HttpOnly (no script reads it) and SameSite=Strict (no other site's
page sends it). Browsers send a cookie to every port of a host, so its name and value are
derived from the key: two servers on one host never overwrite each other's, and a cookie
that reaches another server there is not the link's key. A websocket upgrade is accepted
only when its Origin is the address the request came to: a page elsewhere cannot drive the
app even from a browser that holds the cookie.
"""

from __future__ import annotations

import hashlib
import secrets
from urllib.parse import urlsplit

#: The query parameter of the link that carries the key.
KEY_PARAMETER = "key"


def new_key() -> str:
    """A key for one run of the server (without `--secret`, which keeps one)."""
    return secrets.token_urlsafe(24)


def cookie_name(key: str) -> str:
    """The cookie of the server whose key is `key` (one per server on a host)."""
    return "docket-web-" + hashlib.sha256(b"name:" + key.encode()).hexdigest()[:12]


def cookie_value(key: str) -> str:
    """What the cookie holds: proof of the key, not the key."""
    return hashlib.sha256(b"cookie:" + key.encode()).hexdigest()


def key_matches(given: str | None, key: str) -> bool:
    """Whether `given` is the key, in time that does not depend on how much of it is."""
    if not given:
        return False
    return secrets.compare_digest(given.encode("utf-8", "replace"), key.encode("ascii"))


def same_origin(origin: str | None, host: str | None) -> bool:
    """Whether a websocket's `Origin` header names the host (and port) the request was
    sent to. No Origin (not a browser) or a scheme other than http/https is refused."""
    if not origin or not host:
        return False
    try:
        parts = urlsplit(origin)
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or parts.path not in ("", "/"):
        return False
    return parts.netloc.lower() == host.lower()


def redacted(text: str, key: str) -> str:
    """`text` with the key replaced: what a log line may say of an address."""
    return text.replace(key, "…") if key else text
