"""`docket check`, `schema` and `new` through the real entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from tests.cli.helpers import ROOT, assert_no_traceback, docket
from tui.schedule.starter import starter_schedule


def test_check_bundled_schedule_by_default(tmp_path: Path) -> None:
    result = docket("check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "ahc-2022-2024.toml: valid: 21 events, 3 venues, 2 warnings" in result.stdout
    assert ": warning: `signing` starts on Saturday (2025-10-25)" in result.stdout


def test_check_reports_every_mistake_with_location(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[schedule]\nid = "x"\ntitle = "X"\ntimezone = "Europe/Viena"\n\n'
        '[[events]]\nid = "a"\nkind = "sesion"\ntitle = "A"\nstrat = 2022-01-03\n',
        encoding="utf-8",
    )
    result = docket("check", bad, cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{bad}:4:12: error: unknown time zone 'Europe/Viena'")
    assert lines[1].startswith(f"{bad}:8:8: error: unknown kind 'sesion' (did you mean `session`?)")
    # The misspelt `start` is one error, not also a missing key.
    assert (
        lines[2] == f"{bad}:10:1: error: unknown key `strat` in event `a` (did you mean `start`?)"
    )
    assert lines[-1] == "checked 1 file: 0 valid, 1 invalid; 3 errors, 0 warnings"
    assert_no_traceback(result)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", ":1:1: error: empty file"),
        (b"\x00\x01\x02", ":1:1: error: binary data"),
        (b'[schedule]\nid = "\xff"\n', ":2:7: error: invalid UTF-8 byte 0xff"),
        (b"[schedule\n", ":1:10: error: invalid TOML"),
        # A PNG: its first byte is not UTF-8, before its first NUL (line 3).
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", ":1:1: error: binary data (byte 0x89"),
        (b'[schedule]\nid = "a\x1b[2J"\n', ":2:8: error: control character U+001B"),
        (
            b'[schedule]\nid = "a\ntitle = "T"\n',
            ':2:6: error: invalid TOML: the string opened here is not closed on its line: add `"`',
        ),
    ],
)
def test_bad_content_is_exit_1_with_location(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "s.toml"
    path.write_bytes(content)
    result = docket("check", path)
    assert result.returncode == 1
    assert f"{path}{expected}" in result.stdout
    assert "\x1b" not in result.stdout + result.stderr  # a file's text never drives the terminal
    assert_no_traceback(result)


def test_missing_file_is_exit_2(tmp_path: Path) -> None:
    result = docket("check", tmp_path / "nope.toml")
    assert result.returncode == 2
    assert "nope.toml: no such file" in result.stderr
    assert_no_traceback(result)


def test_directory_is_exit_2(tmp_path: Path) -> None:
    result = docket("check", tmp_path)
    assert result.returncode == 2
    assert "is a directory" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_exit_2(tmp_path: Path) -> None:  # pragma: no cover - root here
    path = tmp_path / "s.toml"
    path.write_text("x = 1\n")
    path.chmod(0)
    result = docket("check", path)
    assert result.returncode == 2
    assert "permission denied" in result.stderr


def test_several_files_get_a_summary(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[schedule]\n", encoding="utf-8")
    result = docket("check", ROOT / "schedules" / "ahc-2022-2024.toml", bad)
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == (
        "checked 2 files: 1 valid, 1 invalid; 2 errors, 2 warnings"
    )


def test_usage_error_is_exit_2() -> None:
    result = docket("check", "--no-such-option")
    assert result.returncode == 2
    assert_no_traceback(result)


def test_schema_command_prints_the_shipped_schema() -> None:
    result = docket("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout) == json.loads(
        (ROOT / "schedules" / "schedule.schema.json").read_text(encoding="utf-8")
    )


def test_new_writes_a_valid_starter_and_never_overwrites(tmp_path: Path) -> None:
    result = docket("new", "plan.toml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "schedule.schema.json").exists()
    check = docket("check", "plan.toml", cwd=tmp_path)
    assert check.returncode == 0
    assert "plan.toml: valid: 4 events, 1 venue, 0 warnings" in check.stdout
    before = (tmp_path / "plan.toml").read_bytes()
    again = docket("new", "plan.toml", cwd=tmp_path)
    assert again.returncode == 1
    assert "already exists" in again.stderr
    assert (tmp_path / "plan.toml").read_bytes() == before


def test_new_dash_prints_the_starter_instead_of_writing_a_file_named_dash(
    tmp_path: Path,
) -> None:
    # `docket new -` wrote files "-" and schedule.schema.json, unlike `export -o -`.
    result = docket("new", "-", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "plan.toml").write_text(result.stdout, encoding="utf-8")
    assert docket("check", "plan.toml", cwd=tmp_path).returncode == 0


def test_new_writes_rules_that_check_and_pass(tmp_path: Path) -> None:
    # The starter shows a [[rules]] example; what `docket new` writes passes `docket check`.
    assert docket("new", "plan.toml", cwd=tmp_path).returncode == 0
    text = (tmp_path / "plan.toml").read_text(encoding="utf-8")
    assert "\n[[rules]]\n" in text
    checked = docket("check", "plan.toml", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "0 warnings; 2 rules: 2 pass, 0 waived, 0 fail" in checked.stdout
    listed = docket("rules", "plan.toml", "--json", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    rules = json.loads(listed.stdout)
    assert [(r["id"], r["status"]) for r in rules] == [
        ("ten-meeting-days", "pass"),
        ("report-last", "pass"),
    ]
    assert all(r["source"]["citation"] for r in rules)
    # The commented waiver is valid too, once uncommented.
    (tmp_path / "plan.toml").write_text(text.replace("# waive = ", "waive = "), encoding="utf-8")
    assert docket("check", "plan.toml", cwd=tmp_path).returncode == 0


def test_starter_is_clean_whatever_the_day() -> None:
    from tui.rules.evaluate import evaluate
    from tui.schedule.loader import load_text

    for offset in range(7):
        today = date.fromordinal(date(2026, 11, 28).toordinal() + offset)
        loaded = load_text(starter_schedule(today))
        assert loaded.warnings == []
        assert loaded.schedule.events[0].first_day > today
        assert [r.status for r in evaluate(loaded.schedule)] == ["pass", "pass"]


def test_wheel_ships_the_bundled_schedule_and_finds_it(tmp_path: Path) -> None:
    """`docket check` with no argument works from a non-editable install, from anywhere."""
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
    )
    if build.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {build.stderr[-200:]}")
    wheel = next((tmp_path / "dist").glob("docket-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert "tui/_schedules/ahc-2022-2024.toml" in names
        archive.extractall(tmp_path / "site")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    result = subprocess.run(
        [sys.executable, "-m", "tui", "check"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "_schedules" in result.stdout and "valid: 21 events" in result.stdout
