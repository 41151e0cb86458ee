"""The connections of `docket serve`: held and timed out by one thread, answered by a pool.

`ThreadingHTTPServer` gave a connection a thread for life, no timeout and a backlog of 5:
idle and half-sent connections piled up to the descriptor limit, where it answered no one
and spun on `accept`. Here one thread (a selector) holds every connection while it is
idle, still sending its head (its deadline counts from the first byte, however slowly it
trickles) or still reading a slow answer; none of that costs a thread. Only a complete
head goes to a fixed pool of workers, which answer from memory and hand the connection
back with any pipelined bytes. Open connections are capped below the descriptor limit; at
the cap the one that has waited longest without a complete request is dropped for the
new one, so a flood of slow clients never stops the server answering others; a full queue
is a 503 at once. A refused connection is answered, shut for writing and drained briefly,
so the client reads the answer instead of a reset.
"""

from __future__ import annotations

import contextlib
import errno
import queue
import selectors
import socket
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from tui.core.words import MONTHS
from tui.publish.answers import Answer, Outcome, Writer
from tui.publish.bounds import HEAD_END, Limits, connection_cap, within_bounds

#: Errors of `accept` that mean "out of descriptors or memory": wait, do not spin.
_EXHAUSTED = {errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM}
_NEXT_SECONDS = 0.25  # a worker's wait for a kept-alive client's next request
_TICK = 0.1  # how finely deadlines are checked, in seconds


class _Connection:
    __slots__ = (
        "address",
        "after",
        "buffer",
        "deadline",
        "lingering",
        "opened",
        "scanned",
        "served",
        "sock",
        "writer",
    )

    def __init__(self, sock: socket.socket, address: Any, now: float, limits: Limits) -> None:
        self.sock, self.address = sock, address
        self.buffer = bytearray()
        self.scanned = 0  # how much of `buffer` is known not to hold the head's end
        self.deadline = now + limits.idle_seconds
        self.opened = now
        self.served = 0
        self.lingering = 0  # bytes drained while lingering
        self.writer: Writer | None = None  # an answer still being sent by the loop
        self.after = Outcome.CLOSE  # what follows once it is sent


class ConnectionLoop:
    """Accepts on `listener`, holds connections between requests, hands heads to workers."""

    def __init__(
        self, listener: socket.socket, answer: Answer, limits: Limits, log: Callable[[str], None]
    ) -> None:
        self.listener, self.answer, self.limits, self.log = listener, answer, limits, log
        self.cap = connection_cap(limits)
        self._selector = selectors.DefaultSelector()
        self._waiting: OrderedDict[int, _Connection] = OrderedDict()  # oldest first
        self._busy = 0  # connections with a worker
        self._returned: deque[tuple[_Connection, Outcome]] = deque()
        self._queue: queue.Queue[tuple[_Connection, bytes] | None] = queue.Queue(limits.queued)
        self._wake_read, self._wake_write = socket.socketpair()
        for end in (self._wake_read, self._wake_write):
            end.setblocking(False)
        self._stopping = threading.Event()
        self._done = threading.Event()
        self._started, self._lock = False, threading.Lock()
        self._accept_paused_until: float | None = None
        self._workers: list[threading.Thread] = []
        self._free, self._free_lock = 0, threading.Lock()  # workers waiting for a request

    # -- the loop ----------------------------------------------------------------------

    def run(self, poll_interval: float = 0.5) -> None:
        with self._lock:  # a stop that came first wins: never run on a closed selector
            if self._stopping.is_set():
                return
            self._started = True
        self.listener.setblocking(False)
        self._selector.register(self.listener, selectors.EVENT_READ, "listener")
        self._selector.register(self._wake_read, selectors.EVENT_READ, "wake")
        for number in range(self.limits.workers):
            worker = threading.Thread(target=self._work, name=f"docket-serve-{number}")
            worker.daemon = True
            worker.start()
            self._workers.append(worker)
        checked = time.monotonic()
        try:
            while not self._stopping.is_set():
                timeout = min(poll_interval, _TICK)
                for key, mask in self._selector.select(timeout):
                    if key.data == "listener":
                        self._accept()
                    elif key.data == "wake":
                        self._take_back()
                    elif mask & selectors.EVENT_WRITE:
                        self._write(key.data)
                    else:
                        self._read(key.data)
                now = time.monotonic()
                if now - checked >= _TICK:
                    checked = now
                    self._expire(now)
        finally:
            self._close_all()
            self._done.set()

    def stop(self) -> None:
        """Stop `run` (from another thread) and wait until it has closed every connection."""
        with self._lock:
            self._stopping.set()
            started = self._started
        if started:
            self._wake()
            self._done.wait()

    def close(self) -> None:
        for closeable in (self._wake_read, self._wake_write, self._selector):
            closeable.close()

    # -- accepting -----------------------------------------------------------------------

    def _accept(self) -> None:
        for _ in range(64):  # a burst, without starving the connections already open
            if len(self._waiting) + self._busy >= self.cap and not self._evict_oldest():
                self._pause_accepting()  # every connection is being answered: let them finish
                return
            try:
                sock, address = self.listener.accept()
            except BlockingIOError:
                return
            except OSError as error:
                if error.errno in _EXHAUSTED:  # said once per pause, not once per try
                    self._pause_accepting(f"cannot accept ({error.strerror}); waiting")
                    return
                continue  # ECONNABORTED and the like: that client is gone
            sock.setblocking(False)
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._hold(_Connection(sock, address, time.monotonic(), self.limits))

    def _evict_oldest(self) -> bool:
        """Drop the connection that has waited longest without a complete request."""
        oldest = next(iter(self._waiting.values()), None)
        if oldest is not None:
            self._close(oldest)
        return oldest is not None

    def _pause_accepting(self, why: str | None = None) -> None:
        if self._accept_paused_until is None:
            self._selector.unregister(self.listener)
            if why:
                self.log(f"docket: serve: {why}")
        self._accept_paused_until = time.monotonic() + 0.05

    # -- reading heads ---------------------------------------------------------------------

    def _hold(self, connection: _Connection) -> None:
        self._waiting[id(connection)] = connection
        self._selector.register(connection.sock, selectors.EVENT_READ, connection)

    def _read(self, connection: _Connection) -> None:
        try:
            data = connection.sock.recv(64 * 1024)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:  # the client closed (or half-closed) its side: nothing left to answer
            self._close(connection)
            return
        if connection.lingering:
            connection.lingering += len(data)
            if connection.lingering > 1024 * 1024:
                self._close(connection)
            return
        if not connection.buffer and data.strip(b"\r\n"):  # a request's first byte
            connection.deadline = time.monotonic() + self.limits.head_seconds
        connection.buffer += data
        self._examine(connection)

    def _examine(self, connection: _Connection) -> None:
        """Hand a complete head to the workers; refuse one too long."""
        limits = self.limits
        buffer = connection.buffer
        if buffer.startswith((b"\r", b"\n")):  # RFC 9112 §2.2: blank lines before a request
            del buffer[: len(buffer) - len(buffer.lstrip(b"\r\n"))]
            connection.scanned = 0
        line_end = buffer.find(b"\n")
        if line_end > limits.request_line_bytes or (
            line_end < 0 and len(buffer) > limits.request_line_bytes
        ):
            self._refuse(connection, 414, "URI Too Long", "request line too long")
            return
        found = HEAD_END.search(buffer, max(0, connection.scanned - 2))
        end = found.end() if found else None
        connection.scanned = len(buffer)
        if end is None or end > limits.head_bytes:
            if len(buffer) > limits.head_bytes:
                self._refuse(connection, 431, "Request Header Fields Too Large", "head too long")
            return
        head = bytes(buffer[:end])
        del buffer[:end]  # what follows is the next request (pipelined), or nothing
        connection.scanned = 0
        self._selector.unregister(connection.sock)
        del self._waiting[id(connection)]
        try:
            self._queue.put_nowait((connection, head))
        except queue.Full:
            self._hold(connection)
            self._refuse(connection, 503, "Service Unavailable", "busy")
            return
        self._busy += 1

    def _refuse(self, connection: _Connection, status: int, reason: str, why: str) -> None:
        """A short answer written by the loop itself, then the connection lingers."""
        body = f"{why}\n".encode()
        answer = (
            f"HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        ).encode() + body
        with contextlib.suppress(OSError):
            connection.sock.send(answer)  # small: it fits the socket's buffer
        host = connection.address[0] if isinstance(connection.address, tuple) else "-"
        now = datetime.now(UTC)  # common log format: an English month, whatever the locale
        when = f"{now:%d}/{MONTHS[now.month - 1]}/{now:%Y:%H:%M:%S} +0000"
        self.log(f"{host} - - [{when}] refused: {status} ({why})")
        self._linger(connection)

    def _linger(self, connection: _Connection) -> None:
        with contextlib.suppress(OSError):
            connection.sock.shutdown(socket.SHUT_WR)
        connection.buffer.clear()
        connection.lingering = 1
        connection.deadline = time.monotonic() + self.limits.linger_seconds

    def _expire(self, now: float) -> None:
        if self._accept_paused_until is not None and now >= self._accept_paused_until:
            self._accept_paused_until = None
            self._selector.register(self.listener, selectors.EVENT_READ, "listener")
        for connection in [c for c in self._waiting.values() if now >= c.deadline]:
            if connection.writer is not None:  # a reader too slow for the write deadline
                self._close(connection)
            elif connection.buffer and not connection.lingering:  # a half-sent request
                self._refuse(connection, 408, "Request Timeout", "request not sent in time")
            else:
                self._close(connection)

    def _close(self, connection: _Connection) -> None:
        if self._waiting.pop(id(connection), None) is not None:
            with contextlib.suppress(KeyError, ValueError, OSError):
                self._selector.unregister(connection.sock)
        with contextlib.suppress(OSError):
            connection.sock.close()

    def _close_all(self) -> None:
        for connection in list(self._waiting.values()):
            self._close(connection)
        with contextlib.suppress(queue.Empty):  # requests not begun: closed, not answered
            while item := self._queue.get_nowait():
                item[0].sock.close()
        for _ in self._workers:
            with contextlib.suppress(queue.Full):
                self._queue.put(None, timeout=1)

    # -- the workers -------------------------------------------------------------------------

    def _work(self) -> None:
        while True:
            with self._free_lock:
                self._free += 1
            item = self._queue.get()
            with self._free_lock:
                self._free -= 1
            if item is None:
                return
            connection, head = item
            outcome = Outcome.CLOSE
            try:
                outcome = self._serve(connection, head)
            except Exception as error:  # never let a worker die: the connection is closed
                self.log(f"docket: serve: error answering {connection.address}: {error!r}")
            if self._stopping.is_set():
                outcome = Outcome.CLOSE
            self._returned.append((connection, outcome))
            self._wake()

    def _serve(self, connection: _Connection, head: bytes | None) -> Outcome:
        """Answer `head`, then the next requests while they come at once and no one waits:
        a kept-alive client's next one usually follows within a round trip, and catching it
        here saves two hand-overs. The wait is `_NEXT_SECONDS` at most, only while nothing
        is queued and two other workers are free, so it never delays another client."""
        sock, limits = connection.sock, self.limits
        while head is not None:
            connection.served += 1
            last = (
                connection.served >= limits.requests_per_connection
                or time.monotonic() - connection.opened > limits.connection_seconds
            )
            sock.setblocking(False)
            writer = Writer(sock)
            outcome = self.answer(writer, connection.address, head, last)
            if writer.pending:  # a slow reader: the loop sends the rest, then goes on
                connection.writer, connection.after = writer, outcome
                return outcome
            if outcome is not Outcome.KEEP or self._stopping.is_set():
                return outcome
            head = self._next_head(connection)
        return Outcome.KEEP

    def _next_head(self, connection: _Connection) -> bytes | None:
        """A complete next head, read at once (pipelined, or within `_NEXT_SECONDS`)."""
        buffer = connection.buffer
        if not HEAD_END.search(buffer) and self._queue.empty() and self._free >= 2:
            connection.sock.settimeout(_NEXT_SECONDS)
            try:
                data = connection.sock.recv(64 * 1024)
            except OSError:  # nothing yet (or trouble): the loop waits for it, or sees it
                return None
            if not data:
                return None  # the loop reads the end again and closes
            buffer += data
        head, rest = within_bounds(buffer, self.limits)
        if head is None:
            return None  # the loop takes it from here: limits, deadlines, refusals
        connection.buffer, connection.scanned = rest, 0
        return head

    def _wake(self) -> None:
        with contextlib.suppress(OSError):
            self._wake_write.send(b"x")

    def _take_back(self) -> None:
        with contextlib.suppress(OSError):
            while self._wake_read.recv(4096):
                pass
        while self._returned:
            connection, outcome = self._returned.popleft()
            self._busy -= 1
            if connection.writer is not None and not self._stopping.is_set():
                self._waiting[id(connection)] = connection  # a slow reader: sent from here
                self._selector.register(connection.sock, selectors.EVENT_WRITE, connection)
                connection.deadline = time.monotonic() + self.limits.write_seconds
                continue
            if outcome is Outcome.CLOSE or self._stopping.is_set():
                with contextlib.suppress(OSError):
                    connection.sock.close()
                continue
            self._hold(connection)
            self._go_on(connection, outcome)

    def _go_on(self, connection: _Connection, outcome: Outcome) -> None:
        """After an answer (held again, reading): linger, or wait for the next request."""
        if outcome is Outcome.LINGER:
            self._linger(connection)
            return
        now = time.monotonic()
        connection.deadline = now + self.limits.idle_seconds
        if connection.buffer.strip(b"\r\n"):  # pipelined: its clock starts now
            connection.deadline = now + self.limits.head_seconds
            self._examine(connection)

    def _write(self, connection: _Connection) -> None:
        """Send more of a slow reader's answer, then go on. Progress earns another
        `write_seconds` (a slow link gets a large feed); a client that stops reading is
        dropped."""
        writer = connection.writer
        try:
            sent = writer.send_pending() if writer is not None else 0
        except OSError:
            self._close(connection)
            return
        if writer is not None and writer.pending:
            if sent:
                limits = self.limits
                last = connection.opened + limits.connection_seconds + limits.write_seconds
                connection.deadline = min(time.monotonic() + limits.write_seconds, last)
            return
        connection.writer = None
        if connection.after is Outcome.CLOSE or self._stopping.is_set():
            self._close(connection)
            return
        self._selector.modify(connection.sock, selectors.EVENT_READ, connection)
        self._go_on(connection, connection.after)
