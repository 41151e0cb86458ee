"""What every command shares, tried through the real entry point as a newcomer would.

Common options before or after the command name, the ./schedule.toml default, output that
cannot be written, and text from files that must never drive the terminal.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import assert_no_traceback

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}


def docket(*args: str | Path, cwd: Path = ROOT, **kwargs) -> subprocess.CompletedProcess[str]:
    streams = kwargs or {"capture_output": True}
    return subprocess.run(
        [sys.executable, "-m", "tui", *map(str, args)],
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=ENV,
        timeout=60,
        **streams,
    )


def test_as_of_before_the_command_name_is_the_same_as_after() -> None:
    before = docket("--as-of", "2022-09-06", "countdown", "--json")
    after = docket("countdown", "--json", "--as-of", "2022-09-06")
    equals = docket("--as-of=2022-09-06", "countdown", "--json")
    assert before.returncode == after.returncode == equals.returncode == 0, before.stderr
    assert before.stdout == after.stdout == equals.stdout
    assert '"days": 735' in before.stdout


def test_bad_as_of_before_the_command_is_a_usage_error() -> None:
    result = docket("--as-of", "yesterday", "countdown")
    assert result.returncode == 2
    assert "--as-of" in result.stderr and "'yesterday'" in result.stderr
    assert_no_traceback(result)


def test_after_docket_new_the_commands_use_its_schedule(tmp_path: Path) -> None:
    assert docket("new", cwd=tmp_path).returncode == 0
    check = docket("check", cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    assert check.stdout.startswith("schedule.toml: valid")
    countdown = docket("countdown", "--as-of", "2020-01-01", cwd=tmp_path)
    assert countdown.returncode == 0
    assert "using ./schedule.toml" in countdown.stderr
    assert "Ad Hoc Committee" not in countdown.stdout


def test_without_a_local_schedule_the_bundled_one_is_used_and_named(tmp_path: Path) -> None:
    result = docket("countdown", "--as-of", "2022-09-06", cwd=tmp_path)
    assert result.returncode == 0
    assert "using the bundled schedule" in result.stderr
    assert result.stdout.startswith("Ad Hoc Committee on Cybercrime")


def test_closed_standard_output_is_an_error_not_silence() -> None:
    script = f'"{sys.executable}" -m tui countdown --as-of 2022-09-06 >&-'
    result = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, cwd=ROOT, env=ENV, timeout=60
    )
    assert result.returncode == 1
    assert "cannot write to standard output" in result.stderr
    assert_no_traceback(result)


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
@pytest.mark.parametrize("command", [["countdown"], ["check"], ["schema"], ["export", "-o", "-"]])
def test_full_standard_output_is_one_line_and_exit_1(tmp_path: Path, command: list[str]) -> None:
    full = tmp_path / "full"
    os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    with full.open("wb") as sink:
        result = docket(*command, "--as-of", "2022-09-06", stdout=sink, stderr=subprocess.PIPE)
    assert result.returncode == 1
    assert "No space left on device" in result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr


def test_a_reader_that_goes_away_ends_quietly() -> None:
    script = f'"{sys.executable}" -m tui export -o - --as-of 2022-09-06 | head -c 10 >/dev/null'
    result = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {script}"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=ENV,
        timeout=60,
    )
    assert_no_traceback(result)
    assert "Exception ignored" not in result.stderr
    assert "BrokenPipe" not in result.stderr


def test_escape_sequences_in_a_file_name_are_shown_not_sent(tmp_path: Path) -> None:
    hostile = tmp_path / "\x1b]0;pwned\x07\x1b[2J.toml"
    hostile.write_text('[schedule]\nid = "x"\ntitle = "t"\nnope = 1\n', encoding="utf-8")
    for result in (docket("check", hostile), docket("countdown", hostile)):
        assert result.returncode == 1
        shown = result.stdout + result.stderr
        assert "\x1b" not in shown and "\x07" not in shown
        assert "␛]0;pwned␇␛[2J.toml" in shown


def test_escape_sequences_in_a_value_are_shown_not_sent(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(
        '[schedule]\nid = "x"\ntitle = "t"\n\n[[events]]\nid = "a"\nkind = "\\u001b[31msession"\n'
        'title = "A"\nstart = 2022-01-03\n',
        encoding="utf-8",
    )
    result = docket("check", plan)
    assert result.returncode == 1
    assert "\x1b" not in result.stdout + result.stderr
    assert "[31msession" in result.stdout  # shown as ␛ or \x1b, never as ESC itself
