"""`docket --baseline REV|FILE` through the real entry point, in a subprocess: a baseline that
cannot be read, or is invalid, ends the command before the app starts (exit 2, one line or
its located errors, never a traceback), on the fast path (`docket FILE.toml …`) and through
click (`docket open …`) alike. The app itself, once it starts, is the Pilot tests' business
(tests/app/test_baseline_view.py): nothing here needs a terminal.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from tests.cli.helpers import assert_no_traceback, docket
from tests.conftest import BUNDLED
from tests.gitrepo import repository
from tui.cli.main import _plain_open

TEXT = BUNDLED.read_text(encoding="utf-8")
LINE = TEXT[: TEXT.index("start = 2023-01-09")].count("\n") + 1  # session-4's start

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def moved(text: str = TEXT) -> str:
    """The fourth session two weeks later."""
    return text.replace(
        "start = 2023-01-09\nend = 2023-01-20", "start = 2023-01-23\nend = 2023-02-03"
    )


def broken(text: str = TEXT) -> str:
    """The fourth session's start misspelt: two errors (an unknown key, a missing start)."""
    return text.replace("start = 2023-01-09", "strat = 2023-01-09")


@pytest.fixture
def here(tmp_path: Path) -> Path:
    """A directory no repository encloses, with plan.toml (the bundled schedule)."""
    (tmp_path / "plan.toml").write_text(TEXT, encoding="utf-8")
    return tmp_path


#: Git stops looking for a repository above the test's directory.
def no_repository(place: Path) -> dict[str, str]:
    return {"GIT_CEILING_DIRECTORIES": str(place.parent), "GIT_CONFIG_NOSYSTEM": "1"}


def one_line(result: subprocess.CompletedProcess[str], message: str) -> None:
    assert result.returncode == 2, result.stderr
    assert_no_traceback(result)
    assert result.stdout == ""
    assert result.stderr.splitlines() == [message], result.stderr


# -- a baseline that cannot be read ------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("--baseline", "nowhere.toml", "plan.toml"),
        ("--baseline=nowhere.toml", "plan.toml"),
        ("plan.toml", "--baseline", "nowhere.toml"),
        ("plan.toml", "--baseline", "nowhere.toml", "--as-of", "2023-01-01", "--no-cache"),
        ("open", "--baseline", "nowhere.toml", "plan.toml"),
        ("open", "plan.toml", "--theme", "textual-light", "--baseline", "nowhere.toml"),
        # Repeated options are click's to parse: the last one counts.
        ("--baseline", "x.toml", "--baseline", "nowhere.toml", "plan.toml"),
    ],
)
def test_a_missing_baseline_file_is_one_line_and_exit_2(here: Path, args: tuple[str, ...]) -> None:
    result = docket(*args, cwd=here, env=no_repository(here))
    one_line(result, "docket: --baseline: nowhere.toml: no such file")


@pytest.mark.parametrize("via", [(), ("open",)])
def test_a_directory_an_empty_name_and_names_no_file_can_have(
    here: Path, via: tuple[str, ...]
) -> None:
    env = no_repository(here)
    (here / "dir").mkdir()
    result = docket(*via, "--baseline", "dir", "plan.toml", cwd=here, env=env)
    one_line(result, "docket: --baseline: dir: is a directory, not a schedule file")
    empty = docket(*via, "--baseline=", "plan.toml", cwd=here, env=env)
    one_line(empty, "docket: --baseline: name a baseline: a git revision (HEAD~1, a tag) or a file")
    nobody = docket(*via, "--baseline", "~no-such-user-of-docket/a.toml", "plan.toml", cwd=here)
    one_line(nobody, "docket: --baseline: ~no-such-user-of-docket/a.toml: no such file")
    long = docket(*via, "--baseline", "x" * 300 + ".toml", "plan.toml", cwd=here, env=env)
    assert long.returncode == 2 and len(long.stderr.splitlines()) == 1
    assert_no_traceback(long)
    assert "File name too long" in long.stderr


def test_an_escape_in_the_name_never_reaches_the_terminal(here: Path) -> None:
    result = docket("--baseline", "\x1b[2J.toml", "plan.toml", cwd=here)
    one_line(result, "docket: --baseline: ␛[2J.toml: no such file")
    assert "\x1b" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("--baseline", "nowhere.toml", "plan.toml"),
        ("--baseline", "--no-cache", "plan.toml"),  # a value, however it looks
        ("--baseline=", "plan.toml"),
        ("plan.toml", "--baseline", "HEAD~1", "--as-of", "2023-01-01"),
    ],
)
def test_the_fast_path_and_click_say_the_same(here: Path, args: tuple[str, ...]) -> None:
    env = no_repository(here)
    fast, click = docket(*args, cwd=here, env=env), docket("open", *args, cwd=here, env=env)
    assert (fast.returncode, fast.stdout, fast.stderr) == (2, "", click.stderr)
    assert click.returncode == 2 and len(click.stderr.splitlines()) == 1
    assert_no_traceback(fast)


def test_the_schedule_itself_is_checked_first(here: Path) -> None:
    result = docket("--baseline", "nowhere.toml", "missing.toml", cwd=here)
    one_line(result, "docket: missing.toml: no such file")


def test_baseline_needs_a_value(here: Path) -> None:
    for args in (("plan.toml", "--baseline"), ("open", "plan.toml", "--baseline")):
        result = docket(*args, cwd=here)
        assert result.returncode == 2
        assert_no_traceback(result)
        assert "'--baseline' requires an argument" in result.stderr


def test_help_names_the_option() -> None:
    result = docket("open", "--help")
    assert result.returncode == 0
    assert "--baseline REV|FILE" in result.stdout


# -- an invalid baseline -----------------------------------------------------------------------


@pytest.mark.parametrize("via", [(), ("open",)])
def test_an_invalid_baseline_prints_its_located_errors(here: Path, via: tuple[str, ...]) -> None:
    (here / "bad.toml").write_text(broken(), encoding="utf-8")
    result = docket(*via, "--baseline", "bad.toml", "plan.toml", cwd=here)
    assert result.returncode == 2
    assert_no_traceback(result)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert any(
        line.startswith(f"bad.toml:{LINE}:1: error: unknown key `strat` in event `session-4`")
        for line in lines
    ), lines
    assert lines[-1] == "docket: --baseline bad.toml: invalid schedule (1 error)"


def test_an_escape_in_a_baseline_title_is_an_error_shown_safely(here: Path) -> None:
    escaped = TEXT.replace('title = "Fourth session"', 'title = "Fourth \\u001b[2J"')
    (here / "escaped.toml").write_text(escaped, encoding="utf-8")
    result = docket("--baseline", "escaped.toml", "plan.toml", cwd=here)
    assert result.returncode == 2
    assert_no_traceback(result)
    assert "control character U+001B" in result.stderr
    assert "\x1b" not in result.stdout + result.stderr
    assert result.stderr.splitlines()[-1] == (
        "docket: --baseline escaped.toml: invalid schedule (1 error)"
    )


# -- git ---------------------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """schedules/plan.toml committed twice (the bundled one, then the fourth session two
    weeks later); the third misspells the first one's key; the working copy is the second."""
    return repository(tmp_path / "repo", [TEXT, moved(), broken()], moved())


@needs_git
@pytest.mark.parametrize("via", [(), ("open",)])
def test_a_revision_outside_a_repository(here: Path, via: tuple[str, ...]) -> None:
    result = docket(*via, "--baseline", "HEAD~1", "plan.toml", cwd=here, env=no_repository(here))
    one_line(
        result,
        "docket: --baseline: plan.toml: not in a git repository, so it has no revision HEAD~1",
    )
    spec = docket(
        *via, "--baseline", "HEAD:plan.toml", "plan.toml", cwd=here, env=no_repository(here)
    )
    assert spec.returncode == 2 and "not in a git repository" in spec.stderr
    assert len(spec.stderr.splitlines()) == 1


@needs_git
@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("HEAD~9", "docket: --baseline: HEAD~9: neither a file nor a git revision"),
        ("nope", "docket: --baseline: nope: neither a file nor a git revision"),
        (
            "nope:schedules/plan.toml",
            "docket: --baseline: nope:schedules/plan.toml: no such git revision 'nope'",
        ),
        (
            "HEAD:schedules",
            "docket: --baseline: HEAD:schedules: is a directory in git, not a schedule file",
        ),
    ],
)
def test_git_trouble_is_one_line(repo: Path, spec: str, message: str) -> None:
    result = docket("--baseline", spec, "schedules/plan.toml", cwd=repo, env=no_repository(repo))
    one_line(result, message)


@needs_git
@pytest.mark.parametrize("via", [(), ("open",)])
def test_an_invalid_revision_is_located_by_its_rev_path(repo: Path, via: tuple[str, ...]) -> None:
    # From outside the repository: the file's own repository is asked.
    outside = repo.parent
    plan = repo / "schedules" / "plan.toml"
    result = docket(*via, "--baseline", "HEAD", plan, cwd=outside, env=no_repository(repo))
    assert result.returncode == 2
    assert_no_traceback(result)
    lines = result.stderr.splitlines()
    located = f"HEAD:schedules/plan.toml:{LINE}:1: error: unknown key `strat` in event `session-4`"
    assert any(line.startswith(located) for line in lines), lines
    assert lines[-1] == "docket: --baseline HEAD: invalid schedule (1 error)"


@needs_git
def test_build_app_reads_a_revision_of_the_file(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.app.factory import build_app
    from tui.diff.baseline_source import Baseline
    from tui.diff.sources import DiffSourceError

    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(repo.parent))
    monkeypatch.chdir(repo.parent)
    plan = repo / "schedules" / "plan.toml"
    app = build_app(plan, tick=False, baseline="HEAD~2")
    baseline = app.config.baseline
    assert isinstance(baseline, Baseline)
    assert (baseline.label, baseline.name) == ("HEAD~2", "HEAD~2:schedules/plan.toml")
    fourth = baseline.schedule.event("session-4")
    assert fourth is not None and fourth.first_day == date(2023, 1, 9)  # the first commit's
    # A Baseline read already is kept as it is; none is none.
    assert build_app(plan, tick=False, baseline=baseline).config.baseline is baseline
    assert build_app(plan, tick=False).config.baseline is None
    with pytest.raises(DiffSourceError, match="HEAD~9: neither a file nor a git revision"):
        build_app(plan, tick=False, baseline="HEAD~9")


# -- the fast path's parsing -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "parsed"),
    [
        (["--baseline", "X"], (None, None, None, "X", True)),
        (["--baseline=X"], (None, None, None, "X", True)),
        (["--baseline=HEAD~1:a=b.toml"], (None, None, None, "HEAD~1:a=b.toml", True)),
        (["--baseline="], (None, None, None, "", True)),
        (["plan.toml", "--baseline", "HEAD~1"], (Path("plan.toml"), None, None, "HEAD~1", True)),
        (
            ["--baseline", "old.toml", "plan.toml"],
            (Path("plan.toml"), None, None, "old.toml", True),
        ),
        (
            ["open", "plan.toml", "--baseline", "rev1", "--as-of", "2023-01-01", "--no-cache"],
            (Path("plan.toml"), "2023-01-01", None, "rev1", False),
        ),
        (
            ["--theme=textual-light", "--baseline=HEAD", "x.toml"],
            (Path("x.toml"), None, "textual-light", "HEAD", True),
        ),
        # A value that looks like an option is still the value, as click reads it.
        (
            ["--baseline", "--no-cache", "plan.toml"],
            (Path("plan.toml"), None, None, "--no-cache", True),
        ),
        ([], (None, None, None, None, True)),
    ],
)
def test_plain_open_reads_the_baseline(args: list[str], parsed: tuple[object, ...]) -> None:
    assert _plain_open(args) == parsed


@pytest.mark.parametrize(
    "args",
    [
        ["--baseline"],  # no value: click says so
        ["plan.toml", "--baseline"],
        ["--baseline", "a", "--baseline", "b"],  # repeated: click's rules
        ["--baseline=a", "--baseline=b"],
        ["--base", "X"],  # click's prefix matching is its own
        ["--baseline", "X", "check"],
    ],
)
def test_plain_open_leaves_the_rest_to_click(args: list[str]) -> None:
    assert _plain_open(args) is None
