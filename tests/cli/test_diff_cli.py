"""`docket diff` through the real entry point, in a subprocess: exit codes, JSON, stdin, colour,
located errors, and git (`REV:PATH`, `docket diff REV FILE`, textconv in a real `git diff`)
in a repository each test builds for itself."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import ROOT, assert_no_traceback, docket
from tests.gitrepo import git, repository
from tui.diff.json_report import CHANGE_KEYS, EXTRA_KEYS, TOP_KEYS

BUNDLED = ROOT / "schedules" / "ahc-2022-2024.toml"
TEXT = BUNDLED.read_text(encoding="utf-8")
AS_OF = ("--as-of", "2022-09-06")
MOVED = (
    "Fourth session (session-4) moved 2 weeks later: 9–20 Jan 2023 → 23 Jan – 3 Feb 2023 "
    "(+14 days, +10 working days)"
)

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def moved(text: str = TEXT) -> str:
    """The bundled schedule with the fourth session two weeks later."""
    start = text.index('id = "session-4"')
    end = text.index("[[events]]", start)
    block = text[start:end].replace("start = 2023-01-09", "start = 2023-01-23")
    block = block.replace("end = 2023-01-20", "end = 2023-02-03")
    return text[:start] + block + text[end:]


def postponed(text: str = TEXT) -> str:
    start = text.index('id = "session-5"')
    end = text.index("[[events]]", start)
    block = text[start:end].replace('venue = "vienna"', 'venue = "vienna"\nstatus = "postponed"')
    return text[:start] + block + text[end:]


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.toml", tmp_path / "new.toml"
    old.write_text(TEXT, encoding="utf-8")
    new.write_text(postponed(moved()), encoding="utf-8")
    return old, new


def test_the_same_file_exits_0(pair):
    old, _ = pair
    result = docket("diff", old, old, *AS_OF)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{old} → {old}: no differences\n"
    assert result.stderr == ""


def test_different_files_exit_1_with_one_sentence_per_change(pair):
    old, new = pair
    result = docket("diff", old, new, *AS_OF)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"{old} → {new}: 2 changes"
    assert f"  {MOVED}" in lines
    assert "  Fifth session (session-5) postponed" in lines
    assert lines.index("Moved (1)") < lines.index("Status (1)")
    assert "Headline countdown, as of 6 Sep 2022 00:00 EDT" in lines
    assert lines[-1].endswith("sessions left 6 → 5, meeting days left 53 → 44")
    assert "\x1b" not in result.stdout  # piped: no colour
    assert result.stderr == ""


def test_json_keys_are_stable(pair):
    old, new = pair
    result = docket("diff", "--json", old, new, *AS_OF)
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert tuple(data) == TOP_KEYS
    assert [c["kind"] for c in data["changes"]] == ["moved", "status"]
    for change in data["changes"]:
        assert set(change) == set(CHANGE_KEYS) | set(EXTRA_KEYS[change["kind"]])
    assert data["changes"][0]["text"] == MOVED
    assert data["countdown"]["old"]["sessions_left"] == 6
    assert data["countdown"]["new"]["sessions_left"] == 5
    same = json.loads(docket("diff", "--json", old, old, *AS_OF).stdout)
    assert same["same"] is True and same["changes"] == []


def test_one_side_from_standard_input(pair):
    old, new = pair
    result = docket("diff", old, "-", *AS_OF, stdin=new.read_text(encoding="utf-8"))
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith(f"{old} → <stdin>: 2 changes")
    both = docket("diff", "-", "-", stdin="")
    assert both.returncode == 2 and "only one side" in both.stderr


def _in_a_terminal(*args: str | Path, env: dict[str, str] | None = None) -> str:
    """Run docket with standard output on a pseudo-terminal; what it wrote there."""
    controller, terminal = pty.openpty()
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    with subprocess.Popen(
        [sys.executable, "-m", "tui", *map(str, args)],
        stdout=terminal,
        stderr=subprocess.PIPE,
        env=full_env,
    ) as process:
        os.close(terminal)
        chunks = []
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # EIO: the terminal closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=60)
    os.close(controller)
    return b"".join(chunks).decode("utf-8")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs the zero device")
def test_standard_input_that_never_ends_is_refused_at_the_cap(pair):
    _, new = pair
    with open("/dev/zero", "rb") as zeros:
        result = subprocess.run(
            [sys.executable, "-m", "tui", "diff", "-", str(new)],
            stdin=zeros,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            timeout=120,
        )
    assert result.returncode == 2
    assert result.stderr == "docket: <stdin>: too large to be a schedule (over 64 MiB)\n"


def test_colour_only_on_a_terminal_and_never_with_no_color(pair):
    old, new = pair
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    coloured = _in_a_terminal("diff", old, new, *AS_OF, env={**env, "NO_COLOR": ""})
    assert "\x1b[33m" in coloured  # moved: yellow
    assert MOVED in coloured
    plain = _in_a_terminal("diff", old, new, *AS_OF, env={"NO_COLOR": "1"})
    assert "\x1b" not in plain and MOVED in plain


def test_an_escape_in_a_side_is_an_error_and_never_reaches_the_terminal(tmp_path, pair):
    old, _ = pair
    escaped = tmp_path / "escaped.toml"
    escaped.write_text(TEXT.replace('title = "Fourth session"', 'title = "Fourth \\u001b[2J"'))
    result = docket("diff", old, escaped, *AS_OF)
    assert result.returncode == 2
    assert "control character U+001B" in result.stderr
    assert "\x1b" not in result.stdout + result.stderr
    # A raw ESC is not even TOML: textconv prints the text, the ESC shown as ␛.
    raw = tmp_path / "raw.toml"
    raw.write_bytes(TEXT.replace("Fourth session", "Fourth \x1b[2J").encode())
    shown = docket("diff", "--textconv", raw)
    assert shown.returncode == 0
    assert "\x1b" not in shown.stdout and 'title = "Fourth ␛[2J"' in shown.stdout


def test_an_invalid_side_prints_located_errors_and_exits_2(tmp_path, pair):
    old, _ = pair
    bad = tmp_path / "bad.toml"
    bad.write_text(TEXT.replace("start = 2023-01-09", "strat = 2023-01-09"), encoding="utf-8")
    result = docket("diff", old, bad, *AS_OF)
    assert result.returncode == 2
    assert_no_traceback(result)
    assert result.stdout == ""
    line = TEXT[: TEXT.index("start = 2023-01-09")].count("\n") + 1
    assert f"{bad}:{line}:1: error: unknown key `strat` in event `session-4`" in result.stderr
    assert result.stderr.splitlines()[-1] == f"docket: {bad}: invalid schedule (1 error)"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("missing.toml", "other.toml"), "docket: missing.toml: no such file"),
        ((), "docket: give OLD NEW"),
        (("a.toml", "b.toml", "c.toml"), "docket: give OLD NEW"),
    ],
)
def test_trouble_is_one_line_and_exit_2(tmp_path, args, message):
    result = docket("diff", *args, cwd=tmp_path)
    assert result.returncode == 2
    assert_no_traceback(result)
    assert result.stderr.startswith(message)
    assert len(result.stderr.splitlines()) == 1


def test_a_directory_and_a_bad_as_of_are_trouble(tmp_path, pair):
    old, _ = pair
    assert docket("diff", old, tmp_path).returncode == 2
    bad = docket("diff", old, old, "--as-of", "soon")
    assert bad.returncode == 2 and "--as-of" in bad.stderr
    assert_no_traceback(bad)


# -- git --------------------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with two commits of schedules/plan.toml: the bundled one, then the fourth
    session two weeks later; the working copy also postpones the fifth."""
    return repository(tmp_path / "repo", [TEXT, moved()], postponed(moved()))


@needs_git
def test_rev_path_sides_from_git(repo):
    result = docket(
        "diff", "HEAD~1:schedules/plan.toml", "HEAD:schedules/plan.toml", *AS_OF, cwd=repo
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[0] == (
        "HEAD~1:schedules/plan.toml → HEAD:schedules/plan.toml: 1 change"
    )
    assert f"  {MOVED}" in result.stdout.splitlines()
    # PATH relative to the current directory, as git reads ./ paths.
    inside = docket("diff", "HEAD:./plan.toml", "plan.toml", *AS_OF, cwd=repo / "schedules")
    assert inside.returncode == 1, inside.stderr
    assert "Fifth session (session-5) postponed" in inside.stdout


@needs_git
def test_a_revision_of_a_file_against_its_working_copy(repo, tmp_path):
    # From outside the repository: the file's own repository is asked.
    result = docket("diff", "HEAD~1", repo / "schedules" / "plan.toml", *AS_OF, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    first = result.stdout.splitlines()[0]
    assert first == f"HEAD~1:schedules/plan.toml → {repo / 'schedules' / 'plan.toml'}: 2 changes"
    # No FILE: ./schedule.toml, which `docket` announces on standard error.
    (repo / "schedule.toml").write_text(TEXT, encoding="utf-8")
    git(repo, "add", "schedule.toml")
    git(repo, "commit", "-q", "-m", "default")
    (repo / "schedule.toml").write_text(moved(), encoding="utf-8")
    default = docket("diff", "HEAD", *AS_OF, cwd=repo)
    assert default.returncode == 1, default.stderr
    assert default.stdout.startswith("HEAD:schedule.toml → schedule.toml: 1 change")
    assert "using ./schedule.toml" in default.stderr
    unchanged = docket("diff", "HEAD", "schedules/plan.toml", cwd=repo)
    assert unchanged.returncode == 1  # the working copy postpones the fifth session
    git(repo, "commit", "-q", "-am", "all")
    assert docket("diff", "HEAD", "schedules/plan.toml", cwd=repo).returncode == 0


@needs_git
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nope:schedules/plan.toml", "schedules/plan.toml"), "no such git revision 'nope'"),
        (("HEAD:schedules/none.toml", "schedules/plan.toml"), "does not exist in 'HEAD'"),
        (("HEAD:schedules", "schedules/plan.toml"), "is a directory in git"),
        (("nope", "schedules/plan.toml"), "nope: neither a file nor a git revision"),
        (("HEAD~9", "schedules/plan.toml"), "HEAD~9: neither a file nor a git revision"),
    ],
)
def test_git_trouble_is_one_line_and_exit_2(repo, args, message):
    result = docket("diff", *args, cwd=repo)
    assert result.returncode == 2, result.stdout
    assert_no_traceback(result)
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1


@needs_git
def test_not_a_repository_and_no_git(tmp_path):
    plan = tmp_path / "plan.toml"
    plan.write_text(TEXT, encoding="utf-8")
    env = {"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)}
    outside = docket("diff", "HEAD", plan, cwd=tmp_path, env=env)
    assert outside.returncode == 2
    assert "not in a git repository" in outside.stderr
    assert len(outside.stderr.splitlines()) == 1
    spec = docket("diff", "HEAD:plan.toml", plan, cwd=tmp_path, env=env)
    assert spec.returncode == 2 and "not in a git repository" in spec.stderr
    empty = tmp_path / "bin"
    empty.mkdir()
    no_git = docket("diff", "HEAD:plan.toml", plan, cwd=tmp_path, env={"PATH": str(empty)})
    assert no_git.returncode == 2
    assert_no_traceback(no_git)
    assert "git is not installed" in no_git.stderr


@needs_git
def test_an_invalid_revision_is_located_by_its_rev_path(repo):
    plan = repo / "schedules" / "plan.toml"
    plan.write_text(TEXT.replace("start = 2023-01-09", "strat = 2023-01-09"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "broken")
    result = docket("diff", "HEAD:schedules/plan.toml", BUNDLED, cwd=repo)
    assert result.returncode == 2
    line = TEXT[: TEXT.index("start = 2023-01-09")].count("\n") + 1
    assert f"HEAD:schedules/plan.toml:{line}:1: error: unknown key `strat`" in result.stderr


# -- textconv ---------------------------------------------------------------------------------


def test_textconv_prints_the_canonical_dump(pair):
    old, _ = pair
    result = docket("diff", "--textconv", old)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "event session-4 start 2023-01-09" in lines
    assert "event session-4 venue vienna" in lines
    assert "schedule deadline ga78-close" in lines


def test_textconv_of_an_invalid_file_prints_its_text(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[schedule\nid = 1\n", encoding="utf-8")
    result = docket("diff", "--textconv", bad)
    assert result.returncode == 0
    assert result.stdout == "[schedule\nid = 1\n"
    assert docket("diff", "--textconv", tmp_path / "missing.toml").returncode == 2


@needs_git
def test_textconv_in_a_real_git_diff(repo):
    (repo / ".gitattributes").write_text("*.toml diff=docket\n", encoding="utf-8")
    command = f'"{sys.executable}" -m tui diff --textconv'
    result = subprocess.run(
        ["git", "-c", f"diff.docket.textconv={command}", "diff", "HEAD~1", "HEAD"],
        cwd=repo,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "GIT_CONFIG_NOSYSTEM": "1"},
        check=True,
    )
    changed = [line for line in result.stdout.splitlines() if line[:1] in "+-"]
    assert "-event session-4 start 2023-01-09" in changed
    assert "+event session-4 start 2023-01-23" in changed
    assert "-event session-4 end 2023-01-20" in changed
    assert "+event session-4 end 2023-02-03" in changed
    assert not any(line.startswith(("+[[", "-[[", "+start", "-start")) for line in changed)
