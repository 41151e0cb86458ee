"""`docket export` and `docket import` through the real entry point."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.cli.helpers import ROOT, assert_no_traceback, docket
from tests.conftest import BUNDLED, DATA, bundled
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


def test_alarm_one_reminder_per_event_that_takes_place(tmp_path: Path) -> None:
    out = tmp_path / "alarms.ics"
    result = docket("export", BUNDLED, "-o", out, "--alarm", "1d", env=EPOCH)
    assert result.returncode == 0, result.stderr
    assert_ical_rules(out.read_bytes())
    vevents = out.read_text().split("BEGIN:VEVENT")[1:]
    assert sum(v.count("BEGIN:VALARM") for v in vevents) == 20  # 21 events, one postponed
    assert not any("BEGIN:VALARM" in v for v in vevents if "STATUS:CANCELLED" in v)
    assert all(v.count("BEGIN:VALARM") <= 1 for v in vevents)


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
    assert errors[0].startswith("docket: using the bundled schedule")
    assert len(errors) == 2 and "cannot write" in errors[1]

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


# -- where the bytes go: every kind of target, every way a write can fail --------------------

ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0
needs_root = pytest.mark.skipif(not ROOT_USER, reason="creating device nodes needs root")
GOLDEN = (DATA / "ical" / "golden" / "ahc-2022-2024.ics").read_bytes()


def _one_line_failure(result) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert_no_traceback(result)
    said = ("docket: note:", "docket: warning:", "docket: using")
    lines = result.stderr.splitlines()
    errors = [line for line in lines if line.startswith("docket:") and not line.startswith(said)]
    assert len(errors) == 1, result.stderr
    assert all(": warning: " in line or line.startswith("docket:") for line in lines)
    return errors[0]


def test_onto_a_symlink_the_link_stays_and_its_target_is_updated(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "cal.ics"
    target.write_bytes(b"old")
    link = tmp_path / "link.ics"
    link.symlink_to(target)
    result = docket("export", BUNDLED, "-o", link, env=EPOCH)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and target.read_bytes() == GOLDEN
    dangling = tmp_path / "dangling.ics"
    dangling.symlink_to(tmp_path / "real" / "later.ics")
    assert docket("export", BUNDLED, "-o", dangling, env=EPOCH).returncode == 0
    assert dangling.is_symlink() and (tmp_path / "real" / "later.ics").read_bytes() == GOLDEN
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["cal.ics", "later.ics"]


def test_onto_a_hard_link_every_name_sees_the_new_bytes(tmp_path: Path) -> None:
    first = tmp_path / "a.ics"
    first.write_bytes(b"old")
    os.link(first, tmp_path / "b.ics")
    assert docket("export", BUNDLED, "-o", first, env=EPOCH).returncode == 0
    assert (tmp_path / "b.ics").read_bytes() == GOLDEN
    assert first.stat().st_ino == (tmp_path / "b.ics").stat().st_ino


def test_into_a_fifo_with_a_reader(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.ics"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = docket("export", BUNDLED, "-o", fifo, env=EPOCH)
    reader.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert received == [GOLDEN] and stat.S_ISFIFO(fifo.lstat().st_mode)
    lonely = tmp_path / "nobody-reads.ics"
    os.mkfifo(lonely)
    assert "no program is reading" in _one_line_failure(docket("export", "-o", lonely))


@needs_root
def test_into_a_character_device_it_stays_one(tmp_path: Path) -> None:
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    assert docket("export", BUNDLED, "-o", null).returncode == 0
    assert stat.S_ISCHR(null.lstat().st_mode)
    full = tmp_path / "full"
    os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    assert "No space left" in _one_line_failure(docket("export", BUNDLED, "-o", full))
    assert stat.S_ISCHR(full.lstat().st_mode)
    stdout_full = subprocess.run(
        ["bash", "-c", f'"{sys.executable}" -m tui export "{BUNDLED}" -o - > "{full}"'],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120,
    )  # fmt: skip
    assert "No space left" in _one_line_failure(stdout_full)


def test_split_year_replaces_nothing_when_one_file_cannot_be_written(tmp_path: Path) -> None:
    for year in (2021, 2022, 2024, 2025):
        (tmp_path / f"ahc-{year}.ics").write_bytes(b"previous")
    (tmp_path / "ahc-2023.ics").mkdir()  # this one cannot be written
    result = docket("export", BUNDLED, "--split", "year", "-o", tmp_path / "ahc.ics")
    assert "ahc-2023.ics" in _one_line_failure(result)
    for year in (2021, 2022, 2024, 2025):
        assert (tmp_path / f"ahc-{year}.ics").read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"ahc-{y}.ics" for y in range(2021, 2026)]


def test_a_name_too_long_is_one_line(tmp_path: Path) -> None:
    message = _one_line_failure(docket("export", BUNDLED, "-o", tmp_path / ("x" * 300 + ".ics")))
    assert "too long" in message
    assert list(tmp_path.iterdir()) == []
    calendar = tmp_path / "cal.ics"
    calendar.write_bytes(GOLDEN)
    imported = docket("import", calendar, "-o", tmp_path / ("y" * 300 + ".toml"))
    assert "too long" in _one_line_failure(imported)


@pytest.mark.parametrize("command", ["export", "import"])
def test_standard_output_closed_is_one_line(tmp_path: Path, command: str) -> None:
    calendar = tmp_path / "cal.ics"
    calendar.write_bytes(GOLDEN)
    what = f'"{BUNDLED}"' if command == "export" else f'"{calendar}"'
    result = subprocess.run(
        ["bash", "-c", f'"{sys.executable}" -m tui {command} {what} -o - >&-'],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120,
    )  # fmt: skip
    assert "standard output" in _one_line_failure(result)


def test_a_reader_that_goes_away_ends_quietly(tmp_path: Path) -> None:
    err = tmp_path / "err.txt"
    result = subprocess.run(
        ["bash", "-c", f'"{sys.executable}" -m tui export "{BUNDLED}" -o - 2>"{err}" | head -c 10'],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120,
    )  # fmt: skip
    assert result.stdout == "BEGIN:VCAL"
    assert "Traceback" not in err.read_text()


def test_an_empty_export_is_a_valid_calendar_and_a_note(tmp_path: Path) -> None:
    result = docket("export", BUNDLED, "--kind", "deadline", "--venue", "vienna", "-o", "-")
    assert result.returncode == 0, result.stderr
    assert "docket: note: no events match the filters: wrote an empty calendar" in result.stderr
    assert result.stdout.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" not in result.stdout
    empty = tmp_path / "empty.toml"
    empty.write_text('[schedule]\nid = "e"\ntitle = "Empty"\n')
    result = docket("export", empty, "-o", tmp_path / "empty.ics")
    assert result.returncode == 0, result.stderr
    assert "the schedule has no events: wrote an empty calendar" in result.stderr
    assert (tmp_path / "empty.ics").read_bytes().endswith(b"END:VCALENDAR\r\n")
    split = docket("export", empty, "--split", "year", "-o", tmp_path / "s.ics")
    assert split.returncode == 0 and "no file written" in split.stderr


def test_import_shows_hostile_text_instead_of_sending_it(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile\x1b[2J.ics"
    hostile.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-TIMEZONE:\x1b]0;pwned\x07\r\nBEGIN:VEVENT\r\n"
        b"UID:1\r\nSUMMARY:\x1b[31mred\r\nDTSTART:garbage\x1b[2J\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\n"
        b"UID:2\r\nSUMMARY:ok\xc2\x9b\r\nDTSTART:20220301T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    result = docket("import", hostile, "-o", tmp_path / "out.toml")
    assert result.returncode == 0, result.stderr
    for stream in (result.stdout, result.stderr):
        assert "\x1b" not in stream and "\x9b" not in stream and "\x07" not in stream
    assert "␛" in result.stderr and "DTSTART" in result.stderr
    text = (tmp_path / "out.toml").read_text()
    assert "\x1b" not in text and "\\u001b" not in text.lower()


def test_import_writes_into_a_fifo_without_force(tmp_path: Path) -> None:
    calendar = tmp_path / "cal.ics"
    calendar.write_bytes(GOLDEN)
    fifo = tmp_path / "out.toml"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = docket("import", calendar, "-o", fifo)
    reader.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert received and b"[schedule]" in received[0]


def test_export_help_and_readme_agree_that_reimporting_is_no_update() -> None:
    """One truth in both: a later import of a new file duplicates in Outlook and is refused
    by Google; subscribing is what keeps each event the same entry."""
    result = docket("export", "--help")
    assert result.returncode == 0
    helptext = " ".join(result.stdout.split())
    assert "updates the same entries" not in helptext
    assert "Outlook duplicates the events" in helptext
    assert "subscribes" in helptext
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "Outlook desktop duplicates events on a second import" in readme
    assert "updates the same entries" not in readme


def _state_help(command: str) -> str:
    result = docket(command, "--help")
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    start = text.index("--state PATH")
    return text[start : text.index(" --", start + 1)]


def test_state_says_one_thing_in_export_serve_and_publish() -> None:
    """`--state` is declared once: the same help in each command that keeps the ledger."""
    helps = {command: _state_help(command) for command in ("export", "serve", "publish")}
    assert len(set(helps.values())) == 1, helps
    assert "a folder holding one <schedule-id>.json per schedule" in helps["export"]


def test_export_state_a_folder_keeps_the_ledger_inside_it(tmp_path: Path) -> None:
    """A folder for --state means one ledger per schedule in it, as for serve and publish;
    the folder itself is never written over."""
    folder = tmp_path / "ledgers"
    folder.mkdir()
    out = tmp_path / "out.ics"
    result = docket("export", BUNDLED, "--state", folder, "-o", out)
    assert result.returncode == 0, result.stderr
    schedule_id = bundled().schedule.id
    ledger = folder / f"{schedule_id}.json"
    assert folder.is_dir() and [p.name for p in folder.iterdir()] == [ledger.name]
    assert b"SEQUENCE:0" in out.read_bytes()
    again = docket("export", BUNDLED, "--state", folder, "-o", out)
    assert again.returncode == 0 and "note" not in again.stderr, again.stderr
