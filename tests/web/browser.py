"""Headless Chromium for `docket web`'s tests, and what a page shows, read back.

The terminal in the page draws on a canvas, so its text is not in the DOM. What it draws
is exactly the bytes the websocket brought, so an init script keeps a copy of them (and of
the size the page asked for), and `Screen` feeds them to pyte, a terminal emulator of its
own: the text a person would read, from the bytes the browser got.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyte
from playwright.sync_api import Browser, Page, Playwright

#: Chromium as this machine has it (Debian's `chromium`; `.ci/run` installs it).
CHROMIUM = os.environ.get("DOCKET_CHROMIUM") or shutil.which("chromium") or ""
#: Flags for a closed network and a root user (see the README's "docket web" tests).
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch(playwright: Playwright) -> Browser:
    """Chromium, headless. Its temporary folder is a short one of its own: Chromium makes a
    Unix socket there (`SingletonSocket`), and a socket's path may not pass 107 bytes, which
    a long TMPDIR (as `.ci/run` sets) does; Chromium then dies at start."""
    short = _short_folder()
    environment = {**os.environ, "TMPDIR": str(short)}
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, env=environment)


def _short_folder() -> Path:
    for base in ("/tmp", "/var/tmp", tempfile.gettempdir()):
        with contextlib.suppress(OSError):
            folder = Path(tempfile.mkdtemp(prefix="dkt-", dir=base))
            if len(str(folder)) < 40:
                atexit.register(shutil.rmtree, folder, True)
                return folder
            shutil.rmtree(folder, True)
    raise RuntimeError("no short temporary folder for Chromium's socket")


RECORDER = """
(() => {
  const Native = window.WebSocket;
  window.__docketBytes = [];
  window.__docketSize = null;
  window.__docketClosed = false;
  function Recording(url, protocols) {
    const socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
    socket.addEventListener("message", (event) => {
      if (typeof event.data !== "string") {
        window.__docketBytes.push([performance.now(), Array.from(new Uint8Array(event.data))]);
      }
    });
    socket.addEventListener("close", () => { window.__docketClosed = true; });
    const send = socket.send.bind(socket);
    socket.send = (data) => {
      try {
        const message = JSON.parse(data);
        if (message[0] === "resize") window.__docketSize = message[1];
      } catch (error) {}
      return send(data);
    };
    window.__docketSocket = socket;
    return socket;
  }
  Recording.prototype = Native.prototype;
  Object.assign(Recording, Native);
  window.WebSocket = Recording;
})();
"""


class Screen:
    """The terminal of one page, as text."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self._screen = pyte.Screen(80, 24)
        self._stream = pyte.ByteStream(self._screen)
        #: Every chunk the page got: (its `performance.now()` on arrival, the bytes), and
        #: the terminal's size when it came.
        self.history: list[tuple[float, bytes, tuple[int, int]]] = []

    def _pull(self) -> None:
        size = self.page.evaluate("window.__docketSize")
        if size and (size["width"], size["height"]) != (self._screen.columns, self._screen.lines):
            self._screen.resize(size["height"], size["width"])
        for moment, chunk in self.page.evaluate("window.__docketBytes.splice(0)"):
            data = bytes(chunk)
            self.history.append((moment, data, (self._screen.columns, self._screen.lines)))
            self._stream.feed(data)

    def text(self) -> str:
        self._pull()
        return "\n".join(self._screen.display)

    def wait_for(self, wanted: str | Callable[[str], bool], timeout: float = 15.0) -> str:
        """The screen's text once it shows `wanted` (or `wanted(text)` holds)."""
        test = wanted if callable(wanted) else (lambda text: wanted in text)
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = self.text()
            if test(text):
                return text
            self.page.wait_for_timeout(50)  # polling the page's copy of the bytes
        raise AssertionError(f"not on screen after {timeout} s: {wanted!r}\n{text}")

    def now(self) -> float:
        """The page's clock (`performance.now()`, ms since it began to load)."""
        return float(self.page.evaluate("performance.now()"))

    def arrival(self, wanted: str, since: float = 0.0) -> float:
        """When (the page's clock, ms) the first chunk that put `wanted` on screen arrived,
        among those after `since`: the bytes replayed, so the polling costs nothing."""
        screen = pyte.Screen(80, 24)
        stream = pyte.ByteStream(screen)
        for moment, data, (columns, lines) in self.history:
            if (columns, lines) != (screen.columns, screen.lines):
                screen.resize(lines, columns)
            stream.feed(data)
            if moment >= since and wanted in "\n".join(screen.display):
                return moment
        raise AssertionError(f"{wanted!r} never came")

    def closed(self) -> bool:
        return bool(self.page.evaluate("window.__docketClosed"))
