"""Headless Chromium for `docket web`'s tests, and what a page shows, read back.

The terminal in the page draws on a canvas, so its text is not in the DOM. What it draws
is exactly the bytes the websocket brought, so an init script keeps a copy of them (and of
the size the page asked for), and `Screen` feeds them to pyte, a terminal emulator of its
own: the text a person would read, from the bytes the browser got.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable

import pyte
from playwright.sync_api import Page

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
        window.__docketBytes.push(Array.from(new Uint8Array(event.data)));
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

    def _pull(self) -> None:
        size = self.page.evaluate("window.__docketSize")
        if size and (size["width"], size["height"]) != (self._screen.columns, self._screen.lines):
            self._screen.resize(size["height"], size["width"])
        for chunk in self.page.evaluate("window.__docketBytes.splice(0)"):
            self._stream.feed(bytes(chunk))

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

    def closed(self) -> bool:
        return bool(self.page.evaluate("window.__docketClosed"))
