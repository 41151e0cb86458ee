"""`docket export` and `docket import` through the real entry point."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.cli.helpers import assert_no_traceback, docket
from tests.conftest import BUNDLED, DATA
from tests.ical_rules import assert_ical_rules
from tui.schedule.loader import load_path

EPOCH = {"SOURCE_DATE_EPOCH": "1795867200"}  # 2026-11-28 12:00 UTC, as the golden file


def test_default_output_is_the_schedule_stem_here(tmp_path: Path) -> None:
    result = docket("export", cwd=tmp_path, env=EPOCH)
    assert result.returncode == 0, result.stderr
    written = tmp_path / "ahc-2022-2024.ics"
    assert f"wrote {written.name}: 108 calendar entries" in result.stdout
    assert "exported 21 events" in result.stdout
    assert written.read_bytes() == (DATA / "ical" / "golden" / "ahc-2022-2024.ics").read_bytes()
    assert_ical_rules(written.read_bytes())


def test_stdout_filters_and_alarms(tmp_path: Path) -> None:
    result = docket(
        "export", BUNDLED, "-o", "-", "--kind", "deadline", "--kind", "milestone",
        "--from", "2024-01-01", "--alarm", "1w", cwd=tmp_path, env=EPOCH,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = result.stdout.encode()
    assert data.count(b"BEGIN:VEVENT") == 3
    assert b"TRIGGER:-P7D" in data
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--kind", "sesion"), "did you mean `session`?"),
        (("--venue", "viena"), "did you mean `vienna`?"),
        (("--alarm", "3 days"), "not a duration"),
        (("--from", "2022-13-01"), "not an ISO date"),
        (("--split", "year", "-o", "-"), "several files"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args, expected: str) -> None:
    result = docket("export", *args, cwd=tmp_path)
    assert result.returncode == 2
    assert expected in result.stderr
    assert_no_traceback(result)


def test_unwritable_target_fails_in_one_line_and_keeps_the_old_file(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file")
    result = docket("export", "-o", blocker / "out.ics", cwd=tmp_path)
    assert result.returncode == 1
    assert_no_traceback(result)
    errors = [line for line in result.stderr.splitlines() if line.startswith("docket:")]
    assert len(errors) == 1 and "cannot write" in errors[0]

    existing = tmp_path / "existing.ics"
    existing.write_bytes(b"previous good export")
    readonly = tmp_path / "readonly"
    readonly.mkdir()
    target = readonly / "existing.ics"
    target.write_bytes(b"previous good export")
    readonly.chmod(0o500)
    try:
        result = docket("export", "-o", target, cwd=tmp_path)
        if os.geteuid() != 0:  # root writes anyway
            assert result.returncode == 1
            assert target.read_bytes() == b"previous good export"
            assert sorted(p.name for p in readonly.iterdir()) == ["existing.ics"]
    finally:
        readonly.chmod(0o700)
    assert_no_traceback(result)


def test_split_year(tmp_path: Path) -> None:
    result = docket("export", "--split", "year", "-o", tmp_path / "ahc.ics", env=EPOCH)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [f"ahc-{year}.ics" for year in range(2021, 2026)]


def test_import_round_trip_and_no_overwrite(tmp_path: Path) -> None:
    assert docket("export", "-o", tmp_path / "ahc.ics", env=EPOCH).returncode == 0
    result = docket("import", "ahc.ics", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "wrote ahc.toml: 21 events" in result.stdout
    schedule = load_path(tmp_path / "ahc.toml").schedule
    assert schedule.id == "ahc-cybercrime" and len(schedule.events) == 21
    again = docket("export", tmp_path / "ahc.toml", "-o", tmp_path / "again.ics", env=EPOCH)
    assert again.returncode == 0
    assert (tmp_path / "again.ics").read_bytes() == (tmp_path / "ahc.ics").read_bytes()

    (tmp_path / "ahc.toml").write_text("# mine\n")
    refused = docket("import", "ahc.ics", cwd=tmp_path)
    assert refused.returncode == 1 and "already exists" in refused.stderr
    assert (tmp_path / "ahc.toml").read_text() == "# mine\n"
    forced = docket("import", "ahc.ics", "--force", cwd=tmp_path)
    assert forced.returncode == 0
    load_path(tmp_path / "ahc.toml")


def test_import_bad_files(tmp_path: Path) -> None:
    missing = docket("import", "missing.ics", cwd=tmp_path)
    assert missing.returncode == 2
    (tmp_path / "bad.ics").write_bytes(b"\x00\xff binary")
    bad = docket("import", "bad.ics", cwd=tmp_path)
    assert bad.returncode == 1 and "not UTF-8" in bad.stderr
    for result in (missing, bad):
        assert_no_traceback(result)
    assert not (tmp_path / "bad.toml").exists()


def test_import_outlook_notes_on_stderr(tmp_path: Path) -> None:
    result = docket("import", DATA / "ical" / "outlook-export.ics", "-o", "-", cwd=tmp_path)
    assert result.returncode == 0
    assert "[schedule]" in result.stdout
    assert "ATTENDEE" in result.stderr
