"""A hostile repository through the real entry point: `docket diff`, `docket --baseline` and
`docket open --baseline` read schedules through git, and nothing in the repository's
configuration may run a command (a marker file the hostile script writes never appears),
nothing is fetched, no blob over the loader's cap is read, and a name no revision has is
said to be one, shortened, however long.

Each hostile repository is first shown to be hostile: plain git, asked the same thing,
does run the script. So a pass means docket stopped it, not that the trap was broken.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli.helpers import assert_no_traceback, docket
from tests.conftest import BUNDLED
from tests.gitrepo import (
    PROMISOR_VECTORS,
    add_blob,
    git,
    make_partial_clone,
    marker_script,
    repository,
)
from tui.diff.sources import DiffSourceError, read_git_object
from tui.schedule.reading import MAX_BYTES

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

TEXT = BUNDLED.read_text(encoding="utf-8")
PLAN = "schedules/plan.toml"
#: The three ways a revision is read: a side of `docket diff`, the app's baseline on its
#: fast path, and through click.
ENTRY_POINTS = {
    "diff": lambda spec: ("diff", spec, PLAN),
    "baseline": lambda spec: (PLAN, "--baseline", spec),
    "open-baseline": lambda spec: ("open", PLAN, "--baseline", spec),
}


def moved(text: str = TEXT) -> str:
    return text.replace(
        "start = 2023-01-09\nend = 2023-01-20", "start = 2023-01-23\nend = 2023-02-03"
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return repository(tmp_path / "repo", [TEXT, moved()], moved())


@pytest.fixture
def trap(tmp_path: Path) -> tuple[Path, Path]:
    return marker_script(tmp_path)


def plain_git(repo: Path, *args: str, stdin: str = "") -> None:
    """git as a user would run it, in the repository (its configuration obeyed)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    subprocess.run(
        ["git", *args], cwd=repo, input=stdin, capture_output=True, text=True, env=env, timeout=60
    )


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    assert_no_traceback(result)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "standard output" not in lines[0]
    return lines[0]


# -- core.fsmonitor: runs when the index is read ------------------------------------------------


@pytest.fixture
def staged_broken(repo: Path) -> int:
    """The index (and HEAD) hold a misspelt `start`, the working copy is fine: a baseline or
    side read from git ends in its located errors, before any app starts. Returns its line."""
    (repo / PLAN).write_text(TEXT.replace("start = 2023-01-09", "strat = 2023-01-09"), "utf-8")
    git(repo, "commit", "-q", "-am", "broken")
    (repo / PLAN).write_text(TEXT, encoding="utf-8")
    return TEXT[: TEXT.index("start = 2023-01-09")].count("\n") + 1


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("spec", [f":{PLAN}", "HEAD"])
def test_fsmonitor_never_runs(repo, trap, staged_broken, entry, spec):
    script, marker = trap
    git(repo, "config", "core.fsmonitor", str(script))
    plain_git(repo, "cat-file", "blob", f":{PLAN}")
    assert marker.exists(), "the trap is set: plain git runs core.fsmonitor"
    marker.unlink()
    result = docket(*ENTRY_POINTS[entry](spec), cwd=repo)
    assert result.returncode == 2, result.stderr
    name = f":{PLAN}" if spec.startswith(":") else f"HEAD:{PLAN}"
    assert f"{name}:{staged_broken}:1: error: unknown key `strat`" in result.stderr  # read
    assert not marker.exists(), marker.read_text()


def test_inherited_git_configuration_runs_nothing(repo, trap):
    """Configuration in the environment (a git that started docket, a shell's leftovers) is
    dropped with the rest of GIT_*: it cannot name an fsmonitor either."""
    script, marker = trap
    env = {
        "GIT_CONFIG_PARAMETERS": f"'core.fsmonitor'='{script}'",
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": "core.fsmonitor",
        "GIT_CONFIG_VALUE_0": str(script),
    }
    result = docket("diff", f":{PLAN}", PLAN, "--as-of", "2022-09-06", cwd=repo, env=env)
    assert result.returncode == 0, result.stderr
    assert not marker.exists()


# -- a partial clone's promisor remote: fetched from when an object is missing -----------------


@pytest.mark.parametrize("vector", PROMISOR_VECTORS)
def test_a_promisor_remote_is_never_fetched_from(repo, trap, vector):
    script, marker = trap
    make_partial_clone(repo, f"HEAD~1:{PLAN}", vector, script)
    plain_git(repo, "cat-file", "--batch-check", stdin=f"HEAD~1:{PLAN}\n")
    assert marker.exists(), f"the trap is set: plain git fetches through {vector}"
    marker.unlink()
    for make in ENTRY_POINTS.values():
        for spec in (f"HEAD~1:{PLAN}", "HEAD~1"):
            line = one_line(docket(*make(spec), cwd=repo))
            assert "not held by this partial clone, and docket never fetches" in line, line
    assert not marker.exists(), marker.read_text()
    # What the clone does hold is still read.
    held = docket("diff", f"HEAD:{PLAN}", PLAN, cwd=repo)
    assert held.returncode == 0, held.stderr


def test_a_promisor_remote_is_never_fetched_from_in_the_app(repo, trap, monkeypatch):
    """The `b` dialog reads a baseline in the app's own process, through the same reader."""
    script, marker = trap
    make_partial_clone(repo, f"HEAD~1:{PLAN}", "upload-pack", script)
    git(repo, "config", "core.fsmonitor", str(script))
    monkeypatch.chdir(repo)
    from tui.diff.baseline_source import read_baseline

    for spec in (f"HEAD~1:{PLAN}", "HEAD~1"):
        with pytest.raises(DiffSourceError, match="never fetches"):
            read_baseline(spec, Path(PLAN))
    assert read_baseline(f":{PLAN}", Path(PLAN)).schedule.events
    assert not marker.exists()


# -- blobs over the cap: refused by their size, never read ------------------------------------


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_a_blob_over_the_cap_is_refused_by_its_size(repo, entry):
    add_blob(repo, "schedules/big.toml", MAX_BYTES + 1)
    line = one_line(docket(*ENTRY_POINTS[entry]("HEAD:schedules/big.toml"), cwd=repo))
    limit = MAX_BYTES // (1024 * 1024)
    assert f"too large to be a schedule ({MAX_BYTES + 1} bytes, over {limit} MiB)" in line


def test_a_blob_at_the_cap_is_read(repo, monkeypatch):
    """The cap is the loader's: a blob of exactly MAX_BYTES is read (then found no schedule)."""
    import tui.schedule.reading as reading

    monkeypatch.setattr(reading, "MAX_BYTES", 4096)
    add_blob(repo, "schedules/edge.toml", 4096)
    assert read_git_object("HEAD:schedules/edge.toml", repo).data == bytes(4096)
    add_blob(repo, "schedules/over.toml", 4097)
    with pytest.raises(DiffSourceError, match=r"too large to be a schedule \(4097 bytes"):
        read_git_object("HEAD:schedules/over.toml", repo)


# -- names: huge, option-like, or holding what no revision can ---------------------------------


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("spec", ["x" * 100_000, "x" * 100_000 + f":{PLAN}"])
def test_a_huge_revision_name_is_no_such_revision_shortened(repo, entry, spec):
    line = one_line(docket(*ENTRY_POINTS[entry](spec), cwd=repo))
    assert "no such git revision" in line or "neither a file nor a git revision" in line
    assert len(line) < 500  # two names of 200 at most


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize(
    "spec", ["--output=x", "-p", "--batch", f"--output=x:{PLAN}", f"-e:{PLAN}", "-"]
)
def test_a_revision_that_looks_like_an_option_is_refused(repo, entry, spec):
    args = ENTRY_POINTS[entry](spec)
    if entry == "diff":
        args = ("diff", "--", spec, PLAN)
    if spec == "-" and entry == "diff":
        return  # `-` is standard input to `docket diff`
    result = docket(*args, cwd=repo)
    line = one_line(result)
    assert "cannot start with -" in line or "no such file" in line, line
    assert not (repo / "x").exists()


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("spec", ["HEAD\nHEAD~1", f"HEAD:{PLAN}\nHEAD~1:{PLAN}"])
def test_a_line_break_in_a_revision_is_refused(repo, entry, spec):
    line = one_line(docket(*ENTRY_POINTS[entry](spec), cwd=repo))
    assert "cannot hold a NUL or a line break" in line, line


def test_a_config_include_that_never_ends_is_bounded(repo, monkeypatch):
    """`include.path` naming a FIFO nobody writes: git waits on it for ever, docket not."""
    import tui.diff.git_reader as git_reader
    from tui.diff.baseline_source import read_baseline

    fifo = repo / "never"
    os.mkfifo(fifo)
    git(repo, "config", "include.path", str(fifo))
    monkeypatch.setattr(git_reader, "TIMEOUT_SECONDS", 1)
    monkeypatch.chdir(repo)
    for spec in (f"HEAD:{PLAN}", "HEAD"):
        with pytest.raises(DiffSourceError, match="git took more than 1 second"):
            read_baseline(spec, Path(PLAN))
