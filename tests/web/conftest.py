"""`docket web` under test: the real command as a subprocess on 127.0.0.1, and headless
Chromium (Playwright) driving its page.

Without a browser these tests skip, loudly (the summary says so), unless
DOCKET_REQUIRE_BROWSER=1 (`.ci/run` sets it, after installing Chromium): then they fail.
After each server stops, no process it started may be left (asserted).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.conftest import BUNDLED
from tests.web.browser import CHROMIUM, RECORDER, Screen, launch

REQUIRED = os.environ.get("DOCKET_REQUIRE_BROWSER") == "1"
_SKIPPED: list[str] = []


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    if _SKIPPED:
        terminalreporter.write_sep(
            "!", f"docket web: {len(_SKIPPED)} browser tests SKIPPED: no Chromium here", red=True
        )
        terminalreporter.write_line(
            "install it (Debian: apt-get install chromium) or set DOCKET_CHROMIUM; "
            ".ci/run installs it and fails instead of skipping"
        )


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    if not CHROMIUM:
        if REQUIRED:
            pytest.fail("DOCKET_REQUIRE_BROWSER=1 but no Chromium was found")
        _SKIPPED.append("browser")
        pytest.skip("no Chromium: docket web's browser tests need it (see the summary)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = launch(playwright)
        yield launched
        launched.close()


@pytest.fixture
def context(browser):  # type: ignore[no-untyped-def]
    made = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 800})
    made.add_init_script(RECORDER)
    yield made
    made.close()


@dataclass
class WebServer:
    """A running `docket web` and what it said."""

    process: subprocess.Popen[str]
    base: str
    link: str
    key: str
    schedule: Path
    folder: Path
    errors: list[str] = field(default_factory=list)

    def app_processes(self) -> list[int]:
        """The sessions' app processes still alive: `docket open --web` on our file."""
        return app_processes(self.schedule)


def opened(
    context, server: WebServer, key: str | None = None, shows: str = ""
) -> tuple[Page, Screen]:  # type: ignore[no-untyped-def]
    """A tab on the link, once the timeline is on screen; then `key` pressed, once the
    screen `shows` what it opens."""
    page = context.new_page()
    page.goto(server.link)
    screen = Screen(page)
    screen.wait_for("Fifth session")
    if key is not None:
        page.keyboard.press(key)
        screen.wait_for(shows)
    return page, screen


def app_processes(schedule: Path) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            words = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"--web" in words and os.fsencode(schedule) in words:
            found.append(int(entry.name))
    return found


def assert_gone(server: WebServer, seconds: float) -> None:
    """Every session's app ends within `seconds`; else say which are left, and how."""
    deadline = time.monotonic() + seconds
    while server.app_processes() and time.monotonic() < deadline:
        time.sleep(0.1)  # the server notices the closed socket and ends the app
    left = server.app_processes()
    if left:
        shown = subprocess.run(
            ["ps", "-o", "pid,ppid,stat,etime,cmd", "-p", ",".join(map(str, left))],
            capture_output=True,
            text=True,
        ).stdout
        raise AssertionError(f"apps left {seconds} s after their tabs closed:\n{shown}")


def start_server(folder: Path, *arguments: str, schedule: Path | None = None) -> WebServer:
    target = schedule or folder / "schedule.toml"
    environment = {
        **os.environ,
        "XDG_STATE_HOME": str(folder / "state"),
        "XDG_CACHE_HOME": str(folder / "cache"),
        "EDITOR": str(folder / "editor.sh"),
        "VISUAL": str(folder / "editor.sh"),
        "PYTHONUNBUFFERED": "1",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "web", str(target), "--port", "0", *arguments],
        cwd=folder,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    lines = []
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        found = re.search(r"open: (http://127\.0\.0\.1:\d+)/\?key=(\S+)", line)
        if found:
            base, key = found.group(1), found.group(2)
            return WebServer(process, base, f"{base}/?key={key}", key, target, folder)
    process.kill()
    raise AssertionError(f"docket web did not start: {lines} {process.stderr.read()}")


def stop_server(server: WebServer) -> str:
    """SIGTERM, as a service manager stops it: everything ends, nothing is left."""
    process = server.process
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        _, errors = process.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        raise AssertionError("docket web did not stop on SIGTERM") from None
    deadline = time.monotonic() + 5
    while server.app_processes() and time.monotonic() < deadline:
        time.sleep(0.05)  # the sessions' processes are reaped as the server stops
    assert not server.app_processes(), "a session's app outlived the server"
    assert server.key not in errors, "the key was logged"
    return errors


def served_folder(tmp_path: Path) -> Path:
    """The bundled schedule in a git repository of its own, and an 'editor' that would
    leave a mark if the app ever ran it."""
    folder = tmp_path / "served"
    folder.mkdir()
    shutil.copyfile(BUNDLED, folder / "schedule.toml")
    editor = folder / "editor.sh"
    editor.write_text(f"#!/bin/sh\ntouch {folder / 'EDITOR-RAN'}\n", encoding="utf-8")
    editor.chmod(0o755)
    git = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], cwd=folder, check=True)
    subprocess.run([*git, "add", "schedule.toml"], cwd=folder, check=True)
    subprocess.run([*git, "commit", "-qm", "plan"], cwd=folder, check=True)
    return folder


@pytest.fixture
def server(tmp_path: Path) -> Iterator[WebServer]:
    started = start_server(served_folder(tmp_path), "--as-of", "2023-03-01")
    try:
        yield started
    finally:
        stop_server(started)
