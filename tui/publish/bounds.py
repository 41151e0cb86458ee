"""The bounds of every `docket serve` connection, and the listening socket they apply to.

Each bound answers one way a client can hold the server: by sending nothing (idle), by
sending slowly (head, counted from a request's first byte), by reading slowly (write), by
sending too much (request line, head), by staying forever (requests and seconds per
connection), by being many (a connection cap below the descriptor limit, a listen backlog
sized for many clients at once, a fixed pool of workers and a bounded queue for them).
"""

from __future__ import annotations

import re
import socket
from dataclasses import dataclass

#: The blank line that ends a request head (CRLF, or a bare LF as clients may send).
HEAD_END = re.compile(rb"\n\r?\n")
#: Descriptors kept free for everything but connections (files, the log, the ledger).
_RESERVED_DESCRIPTORS = 32


@dataclass(frozen=True)
class Limits:
    """Every bound on a connection; `--timeout` sets the idle and head deadlines."""

    idle_seconds: float = 10.0  # a connection with no request under way
    head_seconds: float = 10.0  # from a request's first byte to its blank line
    write_seconds: float = 30.0  # to write one answer
    linger_seconds: float = 1.0  # draining a refused connection before closing it
    request_line_bytes: int = 8 * 1024
    head_bytes: int = 16 * 1024
    requests_per_connection: int = 1000
    connection_seconds: float = 600.0  # then the next answer says `Connection: close`
    workers: int = 16
    queued: int = 256
    backlog: int = 1024
    max_connections: int = 1024  # lowered to fit the descriptor limit


def within_bounds(buffer: bytearray, limits: Limits) -> tuple[bytes | None, bytearray]:
    """(the complete head at the front of `buffer`, what follows it) when it is complete
    and within the bounds (blank lines before it skipped); else (None, `buffer`)."""
    stripped = buffer.lstrip(b"\r\n")
    found = HEAD_END.search(stripped)
    if found is None or found.end() > limits.head_bytes:
        return None, buffer
    if stripped.find(b"\n") > limits.request_line_bytes:
        return None, buffer
    return bytes(stripped[: found.end()]), stripped[found.end() :]


def connection_cap(limits: Limits) -> int:
    """`limits.max_connections`, lowered to leave descriptors free under the soft limit."""
    try:
        import resource

        soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    except (ImportError, OSError, ValueError):
        return limits.max_connections
    if soft == resource.RLIM_INFINITY:
        return limits.max_connections
    return max(4, min(limits.max_connections, int(soft) - _RESERVED_DESCRIPTORS))


def listen(address: tuple[str, int], backlog: int) -> socket.socket:
    """A listening TCP socket (IPv4, or IPv6 for an address with a colon)."""
    family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
    return socket.create_server(address, family=family, backlog=backlog)
