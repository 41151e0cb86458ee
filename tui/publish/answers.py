"""An answer on its way to a client: the writer a worker's handler writes it to, and what
becomes of the connection afterwards.

A worker must never wait on a client that reads slowly (or not at all): `Writer` sends at
once what the socket takes and keeps the rest for the connection loop to send when the
client reads, so the pool stays free for everyone else.
"""

from __future__ import annotations

import contextlib
import io
import socket
from collections import deque
from collections.abc import Callable
from enum import Enum
from typing import Any


class Outcome(Enum):
    """What happens to a connection after its request was answered."""

    KEEP = "keep"  # back to waiting for the next request
    CLOSE = "close"
    LINGER = "linger"  # shut for writing, drained briefly, closed (a refused body)


#: Answers one request: (writer, address, request head, whether it must be the last).
Answer = Callable[["Writer", Any, bytes, bool], Outcome]


class Writer(io.RawIOBase):
    """An answer's bytes: sent at once as far as the socket takes them, the rest kept.

    A worker never waits on a slow reader: what the socket's buffer cannot take is left in
    `pending` (views of the answer's bytes, not copies) for the loop to send when the
    client reads, within the write deadline.
    """

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.pending: deque[memoryview] = deque()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        size = len(view)
        if not self.pending:
            with contextlib.suppress(BlockingIOError, InterruptedError):
                view = view[self.sock.send(view) :]
        if view:
            self.pending.append(view)
        return size

    def send_pending(self) -> int:
        """Send what the socket takes now; how many bytes (`pending` is empty when done)."""
        sent = 0
        while self.pending:
            view = self.pending[0]
            try:
                count = self.sock.send(view)
            except (BlockingIOError, InterruptedError):
                return sent
            sent += count
            if count < len(view):
                self.pending[0] = view[count:]
                return sent
            self.pending.popleft()
        return sent
