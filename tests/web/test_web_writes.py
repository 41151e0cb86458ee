"""The web driver's packet writes from two threads at once (a download's chunks from the
input thread while the screen is written from the event loop): Textual's own writer lets
them interleave on the pipe; docket's (`serialise_web_writes`) never does."""

from __future__ import annotations

import os
import threading

from textual.drivers.web_driver import WebDriver

from tui.app.widgets.textual_internals import serialise_web_writes

PACKET = 256 * 1024  # larger than a pipe holds at once: os.write may take part of it
ROUNDS = 40


class _App:
    """What `serialise_web_writes` reads of an app: its driver."""

    def __init__(self, driver: WebDriver) -> None:
        self._driver = driver


def packets_read_back(serialised: bool) -> tuple[int, bool]:
    """Two threads write ROUNDS packets each through one driver; how many packets a reader
    of the stream could parse, and whether it stayed in step."""
    read, write = os.pipe()
    driver = WebDriver.__new__(WebDriver)  # its writing half only: no app, no input thread
    driver.fileno = write
    driver._write = lambda data: os.write(write, data)  # Textual's: one os.write, unlocked
    if serialised:
        assert serialise_web_writes(_App(driver))  # type: ignore[arg-type]
    received = bytearray()

    def reader() -> None:
        while chunk := os.read(read, 1 << 20):
            received.extend(chunk)

    reading = threading.Thread(target=reader)
    reading.start()

    def writer(fill: str) -> None:
        for _ in range(ROUNDS):
            driver.write(fill * PACKET)

    writers = [threading.Thread(target=writer, args=(c,)) for c in "ab"]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    os.close(write)
    reading.join()
    os.close(read)
    count, offset = 0, 0
    while offset + 5 <= len(received):
        kind, size = (
            received[offset : offset + 1],
            int.from_bytes(received[offset + 1 : offset + 5]),
        )
        body = bytes(received[offset + 5 : offset + 5 + size])
        if kind != b"D" or size != PACKET or len(set(body)) != 1:
            return count, False
        count, offset = count + 1, offset + 5 + size
    return count, offset == len(received)


def test_serialised_writes_keep_every_packet_whole() -> None:
    assert packets_read_back(serialised=True) == (2 * ROUNDS, True)


def test_a_driver_that_is_not_the_web_driver_is_left_as_it_is() -> None:
    assert not serialise_web_writes(_App(object()))  # type: ignore[arg-type]
