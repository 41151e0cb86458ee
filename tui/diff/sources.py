"""Reading one side of a comparison: a file, `-` (standard input), or `REV:PATH` from git.

Each side comes back as bytes and the name its report and its located errors use (the
`REV:PATH` as given, so `HEAD~1:schedules/x.toml:12:9: error: …` points at the version
at fault). Every way a side cannot be read — a missing file, git not installed, not a
repository, no such revision, a path the revision lacks, a directory, a blob too large, an
object a partial clone does not hold — is one `DiffSourceError` with one clear line
(exit 2), never a traceback; a name quoted in it is shortened when it is huge.

git is run locked down (`tui.diff.git_reader`: nothing in the repository can run a command,
nothing is fetched) and with `cat-file` (plumbing), not `show`: `show` may apply a
textconv — perhaps docket's own — or list a tree instead of failing on one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from tui.core.errors import DocketError, unopenable
from tui.core.text import short_name, truncate

if TYPE_CHECKING:
    from tui.diff.git_reader import Lookup

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


def exists(path: Path) -> bool:
    """Whether `path` names something, for deciding between a file and a revision: a name
    no file can have (too long, a NUL, a directory that cannot be searched) names none."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def read_side(spec: str, stdin: BinaryIO | None = None, cwd: Path | None = None) -> Side:
    """`-` reads `stdin`; an existing file, or anything without a colon, is a file;
    otherwise `REV:PATH` is read from the git repository around `cwd` (PATH as git reads
    it: from the repository's top, or from `cwd` when it starts with `./` or `../`)."""
    if spec == STDIN:
        if stdin is None:
            raise DiffSourceError("standard input is closed: nothing to read for -")
        return Side(_read_capped(stdin), STDIN_NAME)
    path = Path(spec) if cwd is None else cwd / spec
    if ":" in spec and not exists(path):
        return read_git_object(spec, cwd)
    return read_file(path, spec)


def read_file(path: Path, name: str | None = None) -> Side:
    """A file's bytes as the loader reads them (`tui.schedule.reading`): a pipe without a
    writer, a device or a huge file never hangs the comparison."""
    from tui.core.errors import ScheduleFileError
    from tui.schedule.reading import read_bytes

    shown = short_name(name or str(path))
    try:
        return Side(read_bytes(path), name or str(path), path)
    except ScheduleFileError as error:
        raise DiffSourceError(str(error).replace(str(path), shown, 1)) from None
    except OSError as error:
        raise DiffSourceError(str(unopenable(shown, error))) from None


def _read_capped(stream: BinaryIO) -> bytes:
    """Standard input up to the loader's cap: `docket diff - x.toml < /dev/zero` ends."""
    from tui.schedule.reading import MAX_BYTES

    try:
        data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise DiffSourceError(str(unopenable(STDIN_NAME, error))) from None
    if len(data) > MAX_BYTES:
        raise DiffSourceError(_too_large(STDIN_NAME, None))
    return data


def _too_large(shown: str, size: int | None) -> str:
    from tui.schedule.reading import MAX_BYTES

    limit = MAX_BYTES // (1024 * 1024)
    counted = f"{size} bytes, " if size is not None else ""
    return f"{shown}: too large to be a schedule ({counted}over {limit} MiB)"


def read_git_object(spec: str, cwd: Path | None = None, *, rev: str | None = None) -> Side:
    """The blob `spec` (`REV:PATH`) from git; `rev` (when known) words an unknown revision.

    Asked of git in one `--batch-check` (the name on its standard input, so no name is too
    long for a command line or taken for an option): the object and, to word its absence,
    the revision alone. Read only if it is a blob, held locally, within the loader's cap.
    """
    from tui.diff.git_reader import GitUnavailable, look_up, object_environment, read_blob
    from tui.schedule.reading import MAX_BYTES

    revision, path = split_spec(spec)
    check_revision(revision if rev is None else rev, spec)
    shown = short_name(spec)
    try:
        env = object_environment(cwd)
        lookup = look_up([spec, revision] if revision else [spec], cwd, env)
        info = lookup.found[0]
        if info is None:
            raise DiffSourceError(_missing(spec, revision, path, lookup, rev))
        if info.kind != "blob":
            what = "a directory" if info.kind == "tree" else f"a {info.kind}"
            raise DiffSourceError(f"{shown}: is {what} in git, not a schedule file")
        if info.size > MAX_BYTES:
            raise DiffSourceError(_too_large(shown, info.size))
        data = read_blob(info, cwd, env)
    except GitUnavailable as error:
        raise DiffSourceError(f"{shown}: {error}") from None
    if data is None:
        raise DiffSourceError(f"{shown}: git could not read the object it listed")
    return Side(data, spec)


def read_revision_of(rev: str, file: Path) -> Side:
    """Revision `rev` of `file`, from the repository the file is in (not the current one).

    The file's path inside that repository comes from `git rev-parse --show-toplevel`, so
    `docket diff HEAD~1 ../elsewhere/plan.toml` and the bundled schedule of a source
    checkout both work from any directory. The side is named `REV:relative/path`.
    """
    from tui.diff.git_reader import GitUnavailable, run_git

    check_revision(rev, rev)
    place = short_name(str(file))
    try:
        target = file.resolve()
        directory = target.parent
        is_directory = directory.is_dir()
    except (OSError, RuntimeError) as error:
        reason = error if isinstance(error, OSError) else OSError(0, "a symlink loop")
        raise DiffSourceError(str(unopenable(place, reason))) from None
    if not is_directory:
        raise DiffSourceError(f"{place}: no such directory, so no revision of it")
    try:
        top = run_git(["rev-parse", "--show-toplevel"], directory)
    except GitUnavailable as error:
        raise DiffSourceError(f"{short_name(rev)}: {error}") from None
    if top.returncode != 0:
        if b"not a git repository" in top.stderr:
            message = f"{place}: not in a git repository, so it has no revision {short_name(rev)}"
            raise DiffSourceError(message)
        raise DiffSourceError(f"{place}: {_complaint(top.stderr)}")
    root = Path(os.fsdecode(top.stdout.rstrip(b"\n"))).resolve()
    try:
        inside = target.relative_to(root).as_posix()
    except ValueError:
        message = f"{place}: not inside the git repository at {root}"
        raise DiffSourceError(message) from None
    return read_git_object(f"{rev}:{inside}", root, rev=rev)


def split_spec(spec: str) -> tuple[str, str]:
    """(REV, PATH) as git splits `REV:PATH`: at the first colon outside `{…}` (so
    `main@{2 days ago}:plan.toml` works); REV is empty for the index (`:PATH`, `:2:PATH`)."""
    if spec.startswith(":"):
        return "", spec[1:]
    depth = 0
    for index, char in enumerate(spec):
        if char == "{":
            depth += 1
        elif char == "}" and depth:
            depth -= 1
        elif char == ":" and not depth:
            return spec[:index], spec[index + 1 :]
    return spec, ""


def check_revision(rev: str, name: str) -> None:
    """Refuse a revision git could take for an option, or that no revision can be named."""
    if rev.startswith("-") or name.startswith("-"):
        raise DiffSourceError(
            f"{short_name(name)}: no such file, and a git revision cannot start with -"
        )
    if any(char in name for char in "\x00\n"):
        raise DiffSourceError(
            f"{short_name(name)}: a git revision cannot hold a NUL or a line break"
        )


def _missing(spec: str, revision: str, path: str, lookup: Lookup, rev: str | None) -> str:
    """Why `spec` is not there, in one line: not fetched, no such revision, no such path."""
    shown = short_name(spec)
    if lookup.fetch_refused:
        return f"{shown}: not held by this partial clone, and docket never fetches"
    if lookup.returncode != 0:
        complaint = _complaint(lookup.stderr)
        if "not a git repository" in complaint:
            return f"{shown}: not in a git repository (REV:PATH is read from git)"
        return f"{shown}: {complaint}"
    if not revision:
        return f"{shown}: {short_name(path)!r} is not in the git index"
    if lookup.found[1] is None:
        if rev is not None:  # `docket diff REV FILE`: REV might have been meant as a file
            return f"{short_name(rev)}: neither a file nor a git revision"
        return f"{shown}: no such git revision {short_name(revision)!r}"
    return f"{shown}: path {short_name(path)!r} does not exist in {short_name(revision)!r}"


def _complaint(stderr: bytes) -> str:
    """git's first fatal (or error) line, without its prefix."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines()]
    fatal = [line for line in lines if line.startswith(("fatal:", "error:"))]
    message = (fatal or [line for line in lines if line] or ["git failed"])[0]
    message = message.removeprefix("fatal:").removeprefix("error:").strip().rstrip(".")
    return truncate(message, _COMPLAINT_WIDTH)


#: git's own message is worth more room than a quoted name (it may hold a path), not 1 MB.
_COMPLAINT_WIDTH = 240
