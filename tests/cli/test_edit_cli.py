"""`docket move` and `docket set` through the real entry point."""

from __future__ import annotations

import shutil

from tests.cli.helpers import assert_no_traceback, docket
from tests.conftest import BUNDLED
from tests.gitrepo import git


def _repo(tmp_path):
    shutil.copy(BUNDLED, tmp_path / "schedule.toml")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "bundled")
    return tmp_path


def test_move_session_6_a_week_changes_two_lines(tmp_path):
    repo = _repo(tmp_path)
    result = docket("move", "session-6", "--by", "1w", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "Sixth session (session-6) moved 1 week later" in result.stdout
    changed = [
        line
        for line in git(repo, "diff", "-U0").stdout.splitlines()
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert changed == [
        "-start = 2023-08-21",
        "-end = 2023-09-01",
        "+start = 2023-08-28",
        "+end = 2023-09-08",
    ]
    assert docket("check", "schedule.toml", cwd=repo).returncode == 0


def test_dry_run_writes_nothing_and_to_keeps_the_length(tmp_path):
    repo = _repo(tmp_path)
    result = docket("move", "session-6", "--to", "2023-09-04", "--dry-run", cwd=repo)
    assert result.returncode == 0 and "moved 2 weeks later" in result.stdout
    assert git(repo, "status", "--porcelain").stdout == ""


def test_set_values_and_refusals(tmp_path):
    repo = _repo(tmp_path)
    ok = docket("set", "session-6", "status=tentative", "tags=a,b", "notes=", cwd=repo)
    assert ok.returncode == 0, ok.stderr
    assert "now tentative" in ok.stdout
    bad = docket("set", "session-6", "end=2020-01-01", cwd=repo)
    assert bad.returncode == 1 and "schedule.toml:" in bad.stderr and "before" in bad.stderr
    typo = docket("set", "session-6", "staus=tentative", cwd=repo)
    assert typo.returncode == 2 and "did you mean" in typo.stderr
    for result in (ok, bad, typo, docket("move", "nope", "--by", "2h", cwd=repo)):
        assert_no_traceback(result)


def test_read_only_and_missing_files(tmp_path):
    repo = _repo(tmp_path)
    (repo / "schedule.toml").chmod(0o444)
    locked = docket("move", "session-6", "--by", "1w", cwd=repo)
    assert locked.returncode == 1 and "read-only" in locked.stderr
    missing = docket("move", "session-6", "--by", "1w", "-f", "nothing.toml", cwd=repo)
    assert missing.returncode == 2 and "no such file" in missing.stderr
    bundled = docket("move", "session-6", "--by", "1w", cwd=tmp_path / ".git")
    assert bundled.returncode == 2 and "never edited" in bundled.stderr
    for result in (locked, missing, bundled):
        assert_no_traceback(result)


def test_set_reads_values_as_the_apps_form_does(tmp_path):
    # One reading for both (`tui.edit.form_values`): the form's messages, before any load.
    repo = _repo(tmp_path)
    hours = docket("set", "session-6", "hours=10-13", cwd=repo)
    assert hours.returncode == 2 and "'10-13' is not a meeting block such as 10:00-13:00" in (
        hours.stderr
    )
    title = docket("set", "session-6", "title= ", cwd=repo)
    assert title.returncode == 2 and "title: an event needs a title" in title.stderr
    when = docket("set", "session-6", "start=2023-13-01", "--dry-run", cwd=repo)
    assert when.returncode == 2 and "is not an ISO date (2023-04-11) or date-time" in when.stderr
    for result in (hours, title, when):
        assert_no_traceback(result)
    assert git(repo, "status", "--porcelain").stdout == ""
