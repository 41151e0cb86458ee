"""`docket serve --secret`: the secret stays out of the log, and only its user can set it.

The secret lives in the state folder (`--state FOLDER`, else $XDG_STATE_HOME/docket). A
folder or a file that another user owns or can write, or a symbolic link in the file's
place, is refused before the server listens: exit 1, the reason, no traceback. Tests that
need another user's files make them with `chown`, so they run only as root.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.serve_helpers import ENV, FEED, start_server, stop_server
from tui.schedule.loader import bundled_schedule_path

TOKEN = "Plantedplantedplanted-_0123456789"
as_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root"
)


@pytest.fixture
def schedule(tmp_path: Path) -> Path:
    target = tmp_path / "ahc.toml"
    shutil.copy(bundled_schedule_path(), target)
    return target


def _refused(schedule: Path, state: Path, *, env: dict[str, str] | None = None) -> str:
    """Start `serve --secret`, which must exit 1 at once; its standard error."""
    args = [schedule, "--secret"] + (["--state", state] if env is None else [])
    result = subprocess.run(
        [sys.executable, "-m", "tui", "serve", "--port", "0", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=schedule.parent,
        env={**ENV, **(env or {})},
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "serving" not in result.stderr
    assert "standard output" not in result.stderr
    return result.stderr


def test_the_secret_never_reaches_the_log(schedule: Path, tmp_path: Path) -> None:
    state = tmp_path / "xdg" / "docket"  # without --state FOLDER, the user's state folder
    running = start_server(
        schedule, "--secret", cwd=tmp_path, env={"XDG_STATE_HOME": str(tmp_path / "xdg")}
    )
    try:
        secret = running.prefix[1:]
        encoded = "".join(f"%{ord(c):02X}" for c in secret)  # the same path, percent-encoded
        for path in (f"{running.prefix}{FEED}", f"/{encoded}{FEED}", f"{running.prefix}/"):
            assert running.request("GET", path)[0] == 200, path
        assert running.request("GET", f"/{secret[:-1]}x{FEED}")[0] == 404  # one letter off
        running.wait_for_log(rf'"GET /<secret>{re.escape(FEED)} HTTP/1.1" 200')
        with running.connect() as raw:  # a malformed request line carrying it
            raw.sendall(f"GET {running.prefix}{FEED} HTTP/1.1 extra\r\n\r\n".encode())
            raw.recv(4096)
        running.wait_for_log(r"code 400")
    finally:
        stop_server(running)
    # Only the announcement at the start gives the address (to its owner, who needs it).
    log = "\n".join(line for line in running.lines if not re.match(r"docket: serving|  http", line))
    assert secret not in log and encoded not in log
    assert stat.S_IMODE(state.stat().st_mode) == 0o700
    assert stat.S_IMODE((state / "serve-secret").stat().st_mode) == 0o600


def test_a_folder_others_can_write_is_refused(schedule: Path, tmp_path: Path) -> None:
    state = tmp_path / "shared"
    state.mkdir()
    state.chmod(0o777)
    said = _refused(schedule, state)
    assert "can be written by other users (mode 0777)" in said and "chmod 700" in said
    assert not (state / "serve-secret").exists()


def test_a_planted_link_or_a_secret_others_can_read_is_refused(
    schedule: Path, tmp_path: Path
) -> None:
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    planted = tmp_path / "planted"
    planted.write_text(TOKEN + "\n", encoding="ascii")
    planted.chmod(0o600)
    (state / "serve-secret").symlink_to(planted)
    assert "is a symbolic link; a secret is never read through one" in _refused(schedule, state)
    (state / "serve-secret").unlink()
    (state / "serve-secret").write_text(TOKEN + "\n", encoding="ascii")
    (state / "serve-secret").chmod(0o644)
    assert "can be read or written by other users (mode 0644)" in _refused(schedule, state)
    os.mkfifo(state / "fifo")  # not a regular file: refused, never a hang
    (state / "serve-secret").unlink()
    (state / "serve-secret").symlink_to(state / "fifo")
    assert "symbolic link" in _refused(schedule, state)


@as_root
def test_a_folder_or_file_of_another_user_is_refused(schedule: Path, tmp_path: Path) -> None:
    state = tmp_path / "theirs"
    state.mkdir(mode=0o700)
    os.chown(state, 65534, 65534)
    assert "belongs to another user (uid 65534)" in _refused(schedule, state)
    os.chown(state, 0, 0)
    secret = state / "serve-secret"
    secret.write_text(TOKEN + "\n", encoding="ascii")
    secret.chmod(0o600)
    os.chown(secret, 65534, 65534)
    assert "serve-secret: belongs to another user" in _refused(schedule, state)
    link = tmp_path / "link"
    link.symlink_to(state)
    os.lchown(link, 65534, 65534)
    assert "symbolic link another user placed" in _refused(schedule, link)


def test_an_unusable_state_folder_says_what_failed(schedule: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="ascii")
    said = _refused(schedule, tmp_path, env={"XDG_STATE_HOME": str(blocker / "state")})
    assert re.search(
        r"--secret: .*a-file/state/docket: cannot be created \(Not a directory\)", said
    )


def test_a_damaged_secret_is_set_aside_and_replaced(schedule: Path, tmp_path: Path) -> None:
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    (state / "serve-secret").write_bytes(b"\x1b[2J short\n")
    (state / "serve-secret").chmod(0o600)
    running = start_server(schedule, "--secret", "--state", state, cwd=tmp_path)
    try:
        line = running.wait_for_log("holds no valid secret")
        assert "whoever had the old address needs the new one" in line and "\x1b" not in line
        assert len(running.prefix) > 20
    finally:
        stop_server(running)
    assert (state / "serve-secret.damaged").read_bytes() == b"\x1b[2J short\n"
