"""`docket web` at the command line: start-up errors are clear, with their exit codes, and
--secret keeps the key (0600) so the link survives a restart."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

from tests.cli.helpers import assert_no_traceback, docket
from tests.web.conftest import served_folder, start_server, stop_server


def test_a_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    folder = served_folder(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = docket("web", folder / "schedule.toml", "--port", port, cwd=folder)
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert_no_traceback(result)


def test_an_address_of_no_interface_here_warns_then_fails(tmp_path: Path) -> None:
    folder = served_folder(tmp_path)
    result = docket("web", folder / "schedule.toml", "--host", "192.0.2.1", "--port", 0)
    assert result.returncode == 2
    assert "not a loopback address" in result.stderr  # said before trying
    assert "cannot listen on 192.0.2.1" in result.stderr
    assert_no_traceback(result)


def test_an_invalid_or_missing_schedule_is_said_before_serving(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[schedule]\nid = "x"\ntitle = 3\n', encoding="utf-8")
    result = docket("web", bad, "--port", 0)
    assert result.returncode == 1
    assert "bad.toml:" in result.stderr
    missing = docket("web", tmp_path / "none.toml", "--port", 0)
    assert missing.returncode == 2
    assert "none.toml" in missing.stderr
    for outcome in (result, missing):
        assert_no_traceback(outcome)


def test_a_bad_baseline_is_refused_at_start(tmp_path: Path) -> None:
    folder = served_folder(tmp_path)
    result = docket("web", folder / "schedule.toml", "--baseline", "no-such-rev", "--port", 0)
    assert result.returncode == 2
    assert "--baseline" in result.stderr
    assert_no_traceback(result)


def test_secret_keeps_the_key_across_restarts(tmp_path: Path) -> None:
    folder = served_folder(tmp_path)
    state = tmp_path / "keys"
    first = start_server(folder, "--secret", "--state", str(state))
    stop_server(first)
    second = start_server(folder, "--secret", "--state", str(state))
    stop_server(second)
    assert first.key == second.key
    kept = state / "web-secret"
    assert stat.S_IMODE(os.stat(kept).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(state).st_mode) == 0o700
    fresh = start_server(folder)  # without --secret: a new key each start
    stop_server(fresh)
    assert fresh.key != first.key


def test_secret_refuses_a_folder_others_can_write(tmp_path: Path) -> None:
    folder = served_folder(tmp_path)
    state = tmp_path / "open"
    state.mkdir()
    state.chmod(0o777)
    result = docket("web", folder / "schedule.toml", "--secret", "--state", state, "--port", 0)
    assert result.returncode == 1
    assert "can be written by other users" in result.stderr
    assert_no_traceback(result)
