"""`e` never leaves the app blank: every way of starting an editor that fails brings the app
back with a message saying why.

An exception inside `App.suspend()` skips the resume: the screen stays blank, keys echo, and
only `kill` ends docket. Each failure is tried twice: under Pilot (no terminal to hand over,
the editor runs detached), and in a real pseudo-terminal, where `App.suspend` hands the
terminal over and the test proves the app took it back by quitting it with `q`.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.app.conftest import burst, drive, make_app, until
from tests.cli.helpers import ROOT
from tests.conftest import BUNDLED
from tui.app.docket_app import DocketApp
from tui.app.editor import EditorError, editor_command, run_editor

#: Each way to fail: (VISUAL/EDITOR value, what the message says). `sh -c CMD` runs CMD with
#: the line and the path as its $0 and $1, so it ignores them.
FAILURES = {
    "missing program": ("nano-typo", "no such program"),
    "exits non-zero": ("sh -c 'exit 3'", "exited with status 3"),
    "killed by a signal": ("sh -c 'kill -9 $$'", "killed by SIGKILL"),
    "unbalanced quotes": ('vim "-c', "not a command line"),
    "only spaces": ("   ", "no such program"),  # counts as unset: vi, not on this PATH
}


def tools_only(bin_dir: Path, *tools: str) -> str:
    """A PATH of `bin_dir` holding just `tools` (`sh`, `true`): no `vi`, no `nano`."""
    bin_dir.mkdir(exist_ok=True)
    for tool in tools:
        found = shutil.which(tool)
        assert found is not None, tool
        (bin_dir / tool).symlink_to(found)
    return str(bin_dir)


def said(app: DocketApp) -> str:
    return " ".join(notification.message for notification in app._notifications)


@pytest.mark.parametrize("case", sorted(FAILURES))
def test_a_failing_editor_under_pilot_is_a_message(
    case: str, schedule_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor, message = FAILURES[case]
    monkeypatch.setenv("EDITOR", editor)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("PATH", tools_only(tmp_path / "bin", "sh"))

    async def scenario(pilot: Pilot) -> None:
        app = pilot.app
        await burst(pilot, "e")
        await until(pilot, lambda: message in said(app), what=f"{message!r} said")
        assert app.is_running and app._exception is None
        before = app.main.timeline.cursor
        await burst(pilot, "j")  # the app still answers keys
        assert app.main.timeline.cursor == before + 1

    drive(make_app(schedule_copy), scenario)


def test_editor_command_refuses_what_cannot_be_a_command(monkeypatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    for value, said in (('vim "-c', "No closing quotation"), ("vim \\", "No escaped character")):
        monkeypatch.setenv("EDITOR", value)
        with pytest.raises(EditorError, match=re.escape(said)):
            editor_command(Path("s.toml"), 3)
    monkeypatch.setenv("VISUAL", "  ")  # blank: as if unset
    monkeypatch.setenv("EDITOR", "nano")
    assert editor_command(Path("s.toml"), None) == ["nano", "s.toml"]
    monkeypatch.setenv("EDITOR", "")
    assert editor_command(Path("s.toml"), 2) == ["vi", "+2", "s.toml"]


def test_run_editor_says_why_it_failed(tmp_path: Path) -> None:
    assert run_editor([sys.executable, "-c", "pass"], terminal=False) is None
    missing = run_editor([str(tmp_path / "nowhere")], terminal=False)
    assert missing is not None and "no such program" in missing
    script = "import sys; sys.stderr.write('first\\nbad option -q\\n'); sys.exit(2)"
    failed = run_editor([sys.executable, "-c", script], terminal=False)
    assert failed is not None and failed.endswith("exited with status 2: bad option -q")
    plain = tmp_path / "not-executable"
    plain.write_text("", encoding="utf-8")
    refused = run_editor([str(plain)], terminal=False)
    assert refused is not None and "permission denied" in refused


# --- in a real terminal --------------------------------------------------------------------------

ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)")


class Terminal:
    """docket on a pseudo-terminal of 100x30: what it drew (escapes removed), keys sent."""

    def __init__(self, args: list[str], env: dict[str, str], cwd: Path) -> None:
        self.controller, terminal = os.openpty()
        fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tui", *args],
            stdin=terminal,
            stdout=terminal,
            stderr=terminal,
            env=env,
            cwd=cwd,
            start_new_session=True,
        )
        os.close(terminal)
        self.raw = b""

    def read(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.controller], [], [], 0.05)
            if not ready:
                if self.process.poll() is not None:
                    return
                continue
            try:
                chunk = os.read(self.controller, 65536)
            except OSError:  # EIO: the terminal closed
                return
            if not chunk:
                return
            self.raw += chunk

    @property
    def text(self) -> str:
        return ANSI.sub("", self.raw.decode("utf-8", "replace"))

    def wait_for(self, needle: str, timeout: float = 30.0) -> bool:
        deadline = time.monotonic() + timeout
        while needle not in self.text:
            if time.monotonic() > deadline or self.process.poll() is not None:
                return False
            self.read(0.1)
        return True

    def send(self, keys: bytes) -> None:
        os.write(self.controller, keys)

    def close(self) -> int | None:
        try:
            return self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()  # the app never came back: it ignored `q`
            self.process.wait(timeout=5)
            return None
        finally:
            os.close(self.controller)


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize("case", [*sorted(FAILURES), "works"])
def test_a_failing_editor_in_a_real_terminal_brings_the_app_back(case: str, tmp_path: Path) -> None:
    editor, said = FAILURES.get(case, ("true", "Reloaded"))
    schedule = tmp_path / "plan.toml"
    shutil.copyfile(BUNDLED, schedule)
    env = {
        "PYTHONPATH": str(ROOT),
        "PATH": tools_only(tmp_path / "bin", "sh", "true"),
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "EDITOR": editor,
        "DOCKET_NO_CACHE": "1",
    }
    terminal = Terminal(["plan.toml", "--as-of", "2022-09-06T10:00"], env, tmp_path)
    try:
        assert terminal.wait_for("Ad Hoc Committee"), terminal.text[-2000:]
        terminal.read(0.5)  # the schedule loaded and the keys bound
        terminal.send(b"e")
        assert terminal.wait_for(said), (case, terminal.text[-2000:])
        terminal.read(0.3)
        terminal.send(b"q")  # answered only if the app took the terminal back
    finally:
        code = terminal.close()
    assert code == 0, (case, code, terminal.text[-2000:])
