"""Reading one side of a comparison: a file, `-` (standard input), or `REV:PATH` from git.

Each side comes back as bytes and the name its report and its located errors use (the
`REV:PATH` as given, so `HEAD~1:schedules/x.toml:12:9: error: …` points at the version
at fault). Every way a side cannot be read — a missing file, git not installed, not a
repository, an unknown revision, a path the revision lacks, a directory — is one
`DiffSourceError` with one clear line (exit 2), never a traceback.

git is run with `cat-file` (plumbing), not `show`: `show` may apply a textconv — perhaps
docket's own — or list a tree instead of failing on one. Its messages are read in the C
locale so they can be recognised and reworded.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from tui.core.errors import DocketError, unopenable

STDIN = "-"
STDIN_NAME = "<stdin>"


class DiffSourceError(DocketError):
    """A side of a comparison cannot be read at all (exit code 2); the message says why."""


@dataclass(frozen=True, slots=True)
class Side:
    """One side's bytes, its display name, and its file when it is one (else None)."""

    data: bytes
    name: str
    path: Path | None = None


def read_side(spec: str, stdin: BinaryIO | None = None, cwd: Path | None = None) -> Side:
    """`-` reads `stdin`; an existing file, or anything without a colon, is a file;
    otherwise `REV:PATH` is read from the git repository around `cwd` (PATH as git reads
    it: from the repository's top, or from `cwd` when it starts with `./` or `../`)."""
    if spec == STDIN:
        if stdin is None:
            raise DiffSourceError("standard input is closed: nothing to read for -")
        return Side(stdin.read(), STDIN_NAME)
    path = Path(spec) if cwd is None else cwd / spec
    if ":" in spec and not path.exists():
        return read_git_object(spec, cwd)
    return read_file(path, spec)


def read_file(path: Path, name: str | None = None) -> Side:
    """A file's bytes as the loader reads them (`tui.schedule.reading`): a pipe without a
    writer, a device or a huge file never hangs the comparison."""
    from tui.core.errors import ScheduleFileError
    from tui.schedule.reading import read_bytes

    try:
        return Side(read_bytes(path), name or str(path), path)
    except ScheduleFileError as error:
        raise DiffSourceError(str(error).replace(str(path), name or str(path), 1)) from None
    except OSError as error:
        raise DiffSourceError(str(unopenable(name or path, error))) from None


def read_git_object(spec: str, cwd: Path | None = None, *, rev: str | None = None) -> Side:
    """The blob `spec` (`REV:PATH`) from git; `rev` (when known) words an unknown revision.
    A revision cannot start with `-`: git would read it as an option."""
    if spec.startswith("-"):
        raise DiffSourceError(f"{spec}: no such file, and a git revision cannot start with -")
    kind = _git(["cat-file", "-t", spec], cwd, spec)
    if kind.returncode != 0:
        raise DiffSourceError(_explain(spec, kind.stderr, rev))
    found = kind.stdout.decode("utf-8", "replace").strip()
    if found != "blob":
        what = "a directory" if found == "tree" else f"a {found}"
        raise DiffSourceError(f"{spec}: is {what} in git, not a schedule file")
    blob = _git(["cat-file", "blob", spec], cwd, spec)
    if blob.returncode != 0:
        raise DiffSourceError(_explain(spec, blob.stderr, rev))
    return Side(blob.stdout, spec)


def read_revision_of(rev: str, file: Path) -> Side:
    """Revision `rev` of `file`, from the repository the file is in (not the current one).

    The file's path inside that repository comes from `git rev-parse --show-toplevel`, so
    `docket diff HEAD~1 ../elsewhere/plan.toml` and the bundled schedule of a source
    checkout both work from any directory. The side is named `REV:relative/path`.
    """
    target = file.resolve()
    directory = target.parent
    if not directory.is_dir():
        raise DiffSourceError(f"{file}: no such directory, so no revision {rev} of it")
    top = _git(["rev-parse", "--show-toplevel"], directory, f"{rev}:{file}")
    if top.returncode != 0:
        if b"not a git repository" in top.stderr:
            raise DiffSourceError(f"{file}: not in a git repository, so it has no revision {rev}")
        raise DiffSourceError(_explain(str(file), top.stderr, None))
    root = Path(top.stdout.decode("utf-8", "replace").strip()).resolve()
    try:
        inside = target.relative_to(root).as_posix()
    except ValueError:
        raise DiffSourceError(f"{file}: not inside the git repository at {root}") from None
    return read_git_object(f"{rev}:{inside}", root, rev=rev)


def _git(args: list[str], cwd: Path | None, spec: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "LC_ALL": "C", "LANGUAGE": "C", "GIT_TERMINAL_PROMPT": "0"}
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, check=False, env=env, timeout=60
        )
    except FileNotFoundError:
        raise DiffSourceError(f"{spec}: git is not installed (it is needed for REV:PATH)") from None
    except (OSError, subprocess.SubprocessError) as error:
        raise DiffSourceError(f"{spec}: cannot run git ({error})") from None


def _explain(spec: str, stderr: bytes, rev: str | None) -> str:
    """git's complaint as one line about `spec`."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines()]
    fatal = [line for line in lines if line.startswith(("fatal:", "error:"))]
    message = (fatal or [line for line in lines if line] or ["git failed"])[0]
    message = message.removeprefix("fatal:").removeprefix("error:").strip().rstrip(".")
    if "not a git repository" in message:
        return f"{spec}: not in a git repository (REV:PATH is read from git)"
    if "invalid object name" in message.lower() or "not a valid object name" in message.lower():
        if rev is not None:  # `docket diff REV FILE`: REV might have been meant as a file
            return f"{rev}: neither a file nor a git revision"
        return f"{spec}: unknown git revision {spec.partition(':')[0]!r}"
    return f"{spec}: {message}"
