"""The acceptance path of "Dates that follow", through the real `docket` entry point.

A copy of the bundled schedule gets "written submissions due 4 weeks before the sixth
session"; the sixth session moves a week in the text; the deadline, its countdown and its
exported VEVENT follow, and `docket diff` says why it moved. The bundled file itself has no
following dates: its sources give none.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.helpers import assert_no_traceback, docket
from tests.conftest import BUNDLED

EPOCH = {"SOURCE_DATE_EPOCH": "1795867200"}
SUBMISSIONS = """
[[events]]
id = "written-submissions"
kind = "deadline"
title = "Written submissions due"
start = { before = "session-6", weeks = 4 }
"""
SESSION_6 = "start = 2023-08-21\nend = 2023-09-01"
SESSION_6_MOVED = "start = 2023-08-28\nend = 2023-09-08"


def _with_submissions(tmp_path: Path, name: str, moved: bool = False) -> Path:
    text = BUNDLED.read_text(encoding="utf-8")
    first_rule = text.index("\n[[rules]]")
    text = text[:first_rule] + SUBMISSIONS + text[first_rule:]
    if moved:
        assert SESSION_6 in text
        text = text.replace(SESSION_6, SESSION_6_MOVED)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _vevent(calendar: str, uid_part: str) -> str:
    blocks = calendar.replace("\r\n", "\n").split("BEGIN:VEVENT")
    return next(block for block in blocks if uid_part in block)


def _countdown(path: Path) -> dict[str, object]:
    result = docket("countdown", path, "--json", "--as-of", "2023-06-01")
    assert result.returncode == 0, result.stderr
    return next(c for c in json.loads(result.stdout) if c["id"] == "written-submissions")


def test_a_deadline_follows_the_sixth_session_everywhere(tmp_path: Path) -> None:
    plan = _with_submissions(tmp_path, "plan.toml")
    moved = _with_submissions(tmp_path, "moved.toml", moved=True)
    check = docket("check", plan)
    assert check.returncode == 0, check.stdout + check.stderr
    # Countdown: due 24 July, then 31 July once the session is a week later.
    before, after = _countdown(plan), _countdown(moved)
    assert str(before["due"]).startswith("2023-07-24")
    assert str(after["due"]).startswith("2023-07-31")
    assert after["days"] == before["days"] + 7  # type: ignore[operator]
    # Export: the VEVENT carries the resolved date, and follows.
    exported = [docket("export", p, "-o", "-", env=EPOCH) for p in (plan, moved)]
    assert all(r.returncode == 0 for r in exported), exported[0].stderr
    old, new = (_vevent(r.stdout, "written-submissions") for r in exported)
    assert "DTSTART;VALUE=DATE:20230724" in old
    assert "DTSTART;VALUE=DATE:20230731" in new
    # Diff: the deadline moved because the session did.
    diff = docket("diff", plan, moved)
    assert diff.returncode == 1, diff.stderr
    assert (
        "Written submissions due (written-submissions) moved 1 week later because "
        "Sixth session moved"
    ) in diff.stdout
    assert "Sixth session (session-6) moved 1 week later:" in diff.stdout


def test_explain_says_where_the_date_comes_from(tmp_path: Path) -> None:
    plan = _with_submissions(tmp_path, "plan.toml")
    result = docket("explain", "written-submissions", "--schedule", plan)
    assert result.returncode == 0, result.stderr
    assert "start: Mon 24 Jul 2023, 4 weeks before Sixth session opens (Mon 21 Aug 2023)" in (
        result.stdout
    )
    every = docket("explain", "--schedule", plan)
    assert every.returncode == 0 and "written-submissions: Written submissions due" in every.stdout
    mistyped = docket("explain", "written-submission", "--schedule", plan)
    assert mistyped.returncode == 2
    assert "did you mean `written-submissions`?" in mistyped.stderr
    assert_no_traceback(mistyped)
    bundled = docket("explain", "--schedule", BUNDLED)
    assert bundled.stdout.strip() == "No dates in this schedule follow another event's."


def test_import_of_the_export_keeps_fixed_dates(tmp_path: Path) -> None:
    plan = _with_submissions(tmp_path, "plan.toml")
    ics = tmp_path / "plan.ics"
    assert docket("export", plan, "-o", ics, env=EPOCH).returncode == 0
    back = tmp_path / "back.toml"
    result = docket("import", ics, "-o", back)
    assert result.returncode == 0, result.stderr
    text = back.read_text(encoding="utf-8")
    assert "before =" not in text and "after =" not in text
    assert "2023-07-24" in text
    assert docket("check", back).returncode == 0


def test_check_locates_every_following_error_in_one_run(tmp_path: Path) -> None:
    plan = tmp_path / "bad.toml"
    plan.write_text(
        '[schedule]\nid = "p"\ntitle = "P"\n\n'
        '[[events]]\nid = "a"\nkind = "deadline"\ntitle = "A"\n'
        'start = { after = "b", days = 1 }\n\n'
        '[[events]]\nid = "b"\nkind = "deadline"\ntitle = "B"\n'
        'start = { after = "a", days = 1 }\n\n'
        '[[events]]\nid = "c"\nkind = "deadline"\ntitle = "C"\n'
        'start = { after = "bb", days = 1 }\n',
        encoding="utf-8",
    )
    result = docket("check", plan)
    assert result.returncode == 1
    assert_no_traceback(result)
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"{plan}:9:9: error: `start` is in a cycle") for line in lines)
    assert any(line.startswith(f"{plan}:15:9: error: `start` is in a cycle") for line in lines)
    assert any(f"{plan}:21:" in line and "did you mean `b`?" in line for line in lines)
