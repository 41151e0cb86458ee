"""The entry point's net for operating-system errors a command lets escape.

Only standard output failing is "cannot write to standard output" (closed, full, a reader
gone: tests/cli/test_common_cli.py); any other `OSError` names what failed and the file,
shortened when huge, in one line, never a traceback. Driven through the real entry point
(`tui.cli.main.run`) in a fresh interpreter, with a command that makes a real call fail
(tests/cli/failing_command.py), and through a real command whose name no file can have.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import ROOT, assert_no_traceback, docket
from tui.core.text import short_name

RUN_WITH_FAILING_COMMAND = (
    "import sys\n"
    "from tui.cli import main\n"
    "main.COMMANDS['fail'] = 'tests.cli.failing_command:command'\n"
    "sys.argv = ['docket', *sys.argv[1:]]\n"
    "main.run()\n"
)


def failing(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", RUN_WITH_FAILING_COMMAND, "fail", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )


def one_line(result: subprocess.CompletedProcess[str], code: int) -> str:
    assert result.returncode == code, result.stderr
    assert_no_traceback(result)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "standard output" not in lines[0]
    return lines[0]


@pytest.fixture
def place(tmp_path: Path) -> Path:
    (tmp_path / "a-directory").mkdir()
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("what", "target", "expected"),
    [
        ("open", "a-directory", "cannot open {path}: {EISDIR}"),
        ("read-text", "a-directory", "cannot open {path}: {EISDIR}"),
        ("mkdir", "a-file/sub", "cannot create the directory {path}: {ENOTDIR}"),
        ("exists", "a-directory/" + "y" * 1000, "cannot check {short}: {ENAMETOOLONG}"),
        ("rename", "a-file", "cannot rename {path} to {path2}: {ENOENT}"),
    ],
    ids=["open", "read-text", "mkdir", "exists-too-long", "rename"],
)
def test_an_escaped_os_error_names_the_operation_and_the_file(place, what, target, expected):
    result = failing(what, target, cwd=place)
    assert result.stdout == "some output first\n"  # standard output was fine all along
    message = expected.format(
        path=target,
        path2=Path(target).parent / "elsewhere" / "x",
        short=short_name(target),
        **{name: os.strerror(getattr(errno, name)) for name in ("EISDIR", "ENOTDIR")},
        ENAMETOOLONG=os.strerror(errno.ENAMETOOLONG),
        ENOENT=os.strerror(errno.ENOENT),
    )
    assert one_line(result, 2) == f"docket: {message}"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs the full device")
def test_a_failed_write_to_another_file_is_not_standard_output():
    line = one_line(failing("write-device", "/dev/full"), 1)
    assert line == f"docket: cannot write: {os.strerror(errno.ENOSPC)}"


def test_a_real_command_with_a_name_no_file_can_have(tmp_path):
    """`docket new` of a name too long for the file system: once "cannot write to standard
    output (File name too long)"; now what failed, with the name shortened."""
    name = "y" * 1000 + ".toml"
    result = docket("new", name, cwd=tmp_path)
    assert result.returncode != 0
    assert_no_traceback(result)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "standard output" not in lines[0]
    assert os.strerror(errno.ENAMETOOLONG) in lines[0] and len(lines[0]) < 500
    assert list(tmp_path.iterdir()) == []


def test_a_huge_revision_name_is_not_standard_output(tmp_path):
    """The finding itself: a 100 kB name given to `docket diff`, in no repository."""
    env = {"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)}
    (tmp_path / "plan.toml").write_text("", encoding="utf-8")
    for spec in ("x" * 100_000, "x" * 100_000 + ":plan.toml"):
        result = docket("diff", spec, "plan.toml", cwd=tmp_path, env=env)
        line = one_line(result, 2)
        assert len(line) < 500  # two names of 200 at most
