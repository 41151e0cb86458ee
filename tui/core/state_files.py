"""Reading and writing docket's own state and cache files as the untrusted input they are.

The change ledger, the publish state and the rows cache live in directories docket made,
but what is found there may be anything: a file another program truncated, a named pipe
(opening one waits for a writer, forever), a device that never ends, a symbolic link
another user planted so that docket's next write lands on a file of theirs, JSON nested
deep enough to exhaust the parser's recursion. Every state file passes through here:

- only a regular file is read: the name is examined with `lstat` before anything is
  opened (a device is never opened at all), opened with O_NOFOLLOW|O_NONBLOCK and checked
  again with `fstat`, and read to at most `MAX_BYTES`;
- a symbolic link is followed only when the current user (or root) made it; a link a
  cache entry's name leads to is never followed, only replaced;
- JSON is refused past `MAX_DEPTH` levels of nesting, counted at C speed before
  `json.loads` recurses;
- a damaged regular file is renamed aside (`NAME.damaged-<UTC stamp>`), never deleted, so
  what was in it stays for a person to look at, and the caller starts afresh;
- directories are created 0700, and one that another user owns or can write is refused:
  whoever can write it could put any of the above there.

Reading raises `StateFileError` with a one-line reason, and `read_state` is the one loader
of a state file (the ledger and the publish state both): it turns that error, or the
caller's parser refusing the content, into one reported problem. `write_json` is the one
writer, by `tui.core.atomic.replace_file` once the name is known to be safe; it raises
`WriteError`.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, TypeVar

from tui.core.errors import DocketError, WriteError
from tui.core.sanitize import visible

#: More than this is no state file of docket's (a ledger of 50,000 UIDs is about 12 MB).
MAX_BYTES: Final = 64 * 1024 * 1024
#: Deepest JSON accepted: the ledger nests 3 levels, the publish state 4.
MAX_DEPTH: Final = 16
#: Symbolic links followed in a row before the chain counts as a loop.
_MAX_HOPS: Final = 16
T = TypeVar("T")

_READ_FLAGS: Final = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


class StateFileError(DocketError):
    """A state or cache file, or its directory, cannot be used; the message says why."""

    def __init__(
        self, path: Path, reason: str, *, damaged: bool = False, where: Path | None = None
    ) -> None:
        super().__init__(visible(f"{path}: {reason}"))
        self.path, self.reason = path, reason
        #: A regular file whose content is unusable: what `set_aside` may rename.
        self.damaged = damaged
        #: The file itself, when `path` led to it through the user's own links.
        self.where = where if where is not None else path


# --- directories --------------------------------------------------------------------------------


def _trusted(uid: int) -> bool:
    return uid in (os.geteuid(), 0)


def _private_group(gid: int) -> bool:
    """Whether group `gid` holds the current user alone (a "user private group", as
    Debian-style systems give every user): its being able to write is the user's."""
    try:
        import grp
        import pwd

        user = pwd.getpwuid(os.geteuid())
        group = grp.getgrgid(gid)
    except (ImportError, KeyError):
        return False
    return (
        gid == user.pw_gid and group.gr_name == user.pw_name and set(group.gr_mem) <= {user.pw_name}
    )


def directory_problem(folder: Path) -> str | None:
    """Why `folder` may not hold state files (another user owns or can write it, or it is
    no directory), or None when it may. A link to a directory counts as what it leads to,
    when the current user made the link."""
    try:
        link = os.lstat(folder)
        if stat.S_ISLNK(link.st_mode) and not _trusted(link.st_uid):
            return "a symbolic link another user made; not followed"
        info = os.stat(folder)
    except OSError as error:
        return f"cannot be used ({error.strerror or error})"
    if not stat.S_ISDIR(info.st_mode):
        return "not a directory"
    if not _trusted(info.st_uid):
        return f"owned by another user (uid {info.st_uid}); not used"
    if info.st_mode & stat.S_IWOTH or (
        info.st_mode & stat.S_IWGRP and not _private_group(info.st_gid)
    ):
        return f"other users can write it (mode {stat.S_IMODE(info.st_mode):04o}); not used"
    return None


def ensure_directory(folder: Path) -> None:
    """Create `folder` and its missing parents 0700; refuse one that may not hold state.

    Raises `StateFileError` naming the directory and why.
    """
    missing: list[Path] = []
    here = folder
    while not os.path.lexists(here) and here != here.parent:
        missing.append(here)
        here = here.parent
    for made in reversed(missing):
        try:
            os.mkdir(made, 0o700)
            os.chmod(made, 0o700)  # whatever the umask: private
        except FileExistsError:
            pass  # made meanwhile (another docket): checked below like any other
        except OSError as error:
            raise StateFileError(made, f"cannot create ({error.strerror or error})") from None
    problem = directory_problem(folder)
    if problem is not None:
        raise StateFileError(folder, problem)


# --- reading -------------------------------------------------------------------------------


def _resolve(path: Path, *, follow_links: bool) -> tuple[Path, os.stat_result | None]:
    """Where `path` leads through links the current user (or root) made, and what is
    there (None: nothing). A link another user made, or any link when `follow_links` is
    off, raises `StateFileError`."""
    here = path
    for _hop in range(_MAX_HOPS):
        try:
            info = os.lstat(here)
        except FileNotFoundError:
            return here, None
        except OSError as error:
            raise StateFileError(path, f"cannot be read ({error.strerror or error})") from None
        if not stat.S_ISLNK(info.st_mode):
            return here, info
        if not follow_links:
            raise StateFileError(path, "a symbolic link; not followed")
        if not _trusted(info.st_uid):
            raise StateFileError(path, "a symbolic link another user made; not followed")
        here = Path(os.path.join(os.path.dirname(here), os.readlink(here)))
    raise StateFileError(path, "too many levels of symbolic links")


def read_bytes(path: Path, *, limit: int = MAX_BYTES, follow_links: bool = True) -> bytes | None:
    """The bytes of the regular file at `path` (at most `limit`), or None if there is none.

    Raises `StateFileError` for anything else there: a pipe, device, socket or directory
    (never opened), a link not to be followed, a file in a folder another user owns or can
    write, a file over `limit` (`damaged`), or one that cannot be read.
    """
    found = _read(path, limit, follow_links)
    return found[1] if found is not None else None


def _read(path: Path, limit: int, follow_links: bool) -> tuple[Path, bytes] | None:
    """`read_bytes`, with the file the bytes came from (`path`, or where its links lead)."""
    final, info = _resolve(path, follow_links=follow_links)
    if info is None:
        return None
    problem = directory_problem(final.parent)
    if problem is not None:  # who can write the folder could have put anything there
        raise StateFileError(final.parent, problem)
    if not stat.S_ISREG(info.st_mode):
        raise StateFileError(path, f"not a regular file ({_kind(info.st_mode)})")
    try:
        fd = os.open(final, _READ_FLAGS)
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise StateFileError(path, "became a symbolic link; not followed") from None
        raise StateFileError(path, f"cannot be read ({error.strerror or error})") from None
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise StateFileError(path, f"not a regular file ({_kind(opened.st_mode)})")
        if opened.st_size > limit:
            raise StateFileError(path, f"larger than {_size(limit)}", damaged=True, where=final)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as error:
        raise StateFileError(path, f"cannot be read ({error.strerror or error})") from None
    finally:
        os.close(fd)
    if total > limit:
        raise StateFileError(path, f"larger than {_size(limit)}", damaged=True, where=final)
    return final, b"".join(chunks)


_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = bytes(c for c in range(256) if c not in b"[]{}")
_INNERMOST = re.compile(rb"\[\]|\{\}")


def nesting_within(data: bytes, depth: int) -> bool:
    """Whether JSON `data` nests at most `depth` arrays and objects deep (an unbalanced
    text may also answer False: it is no JSON either). Strings are taken out first, then
    each pass (a C-speed substitution) removes the innermost level of brackets."""
    brackets = _STRING.sub(b"", data).translate(None, _NOT_BRACKET)
    for _level in range(depth):
        if not brackets:
            return True
        shorter = _INNERMOST.sub(b"", brackets)
        if len(shorter) == len(brackets):
            return False  # unbalanced or mismatched
        brackets = shorter
    return not brackets


def read_json(
    path: Path, *, limit: int = MAX_BYTES, depth: int = MAX_DEPTH, follow_links: bool = True
) -> Any:
    """The JSON value in the file at `path`, or None if there is none; `StateFileError`
    (`damaged` for a regular file whose content is not JSON within the bounds) otherwise."""
    import json

    found = _read(path, limit, follow_links)
    if found is None:
        return None
    final, data = found
    if not nesting_within(data, depth):
        raise StateFileError(path, f"nested deeper than {depth} levels", damaged=True, where=final)
    try:
        return json.loads(data.decode("utf-8"), parse_constant=_no_constant)
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
        reason = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
        raise StateFileError(path, f"not JSON ({reason})", damaged=True, where=final) from None


def file_behind(path: Path) -> Path:
    """Where `path` leads through the user's own links (`path` itself if none, or if it
    cannot be told): the file a damaged state file's content is in."""
    try:
        return _resolve(path, follow_links=True)[0]
    except StateFileError:
        return path


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def set_aside(path: Path) -> Path | None:
    """Rename the damaged regular file at `path` to `NAME.damaged-<UTC stamp>` beside it,
    so a fresh one can take its place and nothing is lost; the new name, or None when it
    could not be renamed (or is no longer a regular file: only those are moved)."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode) or directory_problem(path.parent):
            return None
    except OSError:
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for attempt in range(100):
        suffix = f".damaged-{stamp}" + (f"-{attempt}" if attempt else "")
        aside = path.with_name(path.name + suffix)
        if os.path.lexists(aside):
            continue
        try:
            os.rename(path, aside)
        except OSError:
            return None
        return aside
    return None


def damage_report(error: StateFileError, what: str) -> str:
    """The one message for an unusable state file: what it is, why, and what became of it
    (renamed aside when it was a damaged regular file, else left where it is)."""
    aside = set_aside(error.where) if error.damaged else None
    if aside is not None:
        return visible(f"{error}: not a usable {what}; set aside as {aside.name}; rebuilt")
    return visible(f"{error}: not used as the {what}; rebuilt without it")


#: What a state file's parser raises on a value of the wrong type, shape or range.
PARSE_ERRORS: Final = (ValueError, TypeError, KeyError, AttributeError, OverflowError)


def read_state(path: Path, parse: Callable[[Any], T], what: str) -> tuple[T | None, str | None]:
    """The one way to load a state file: `parse` of the JSON at `path`, and a problem.

    (value, None) when it loads; (None, None) when there is no file; (None, problem) when it
    cannot be used: not JSON or out of bounds (`read_json`), or refused by `parse` (any of
    `PARSE_ERRORS`: another program's file, another version, a value of the wrong type).
    The problem is `damage_report`'s one line, the damaged regular file set aside, so the
    caller reports it and starts afresh.
    """
    try:
        data = read_json(path)
        if data is None:
            return None, None
        try:
            return parse(data), None
        except PARSE_ERRORS as error:
            reason = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
            raise StateFileError(path, reason, damaged=True, where=file_behind(path)) from None
    except StateFileError as error:
        return None, damage_report(error, what)


# --- writing -------------------------------------------------------------------------------


def write_bytes(path: Path, data: bytes, *, follow_links: bool = True) -> None:
    """Write `data` to `path` atomically (a private temporary file renamed over it), in a
    directory made 0700 and checked as `ensure_directory` says; the file is 0600.

    With `follow_links`, a link the current user made is followed (the link stays a link)
    and anything but a regular file there is refused. Without, the name is docket's own (a
    cache entry): whatever is at it, a link, a pipe, a device, is replaced, never opened.
    Raises `WriteError` with a one-line reason; nothing partial is left behind.
    """
    try:
        final, info = _resolve(path, follow_links=True) if follow_links else (path, None)
        if info is not None and not stat.S_ISREG(info.st_mode):
            raise StateFileError(path, f"not a regular file ({_kind(info.st_mode)}); not written")
        ensure_directory(final.parent)
    except StateFileError as error:
        raise WriteError(str(error)) from None
    from tui.core.atomic import replace_file

    try:
        replace_file(final, data)
    except WriteError as error:
        raise WriteError(visible(str(error))) from None


def write_json(path: Path, value: Any) -> None:
    """`value` as ASCII JSON (one key a line, sorted: diffable), written by `write_bytes`."""
    import json

    text = json.dumps(value, indent=1, ensure_ascii=True, sort_keys=True)
    write_bytes(path, (text + "\n").encode("ascii"))


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a directory"),
    ):
        if test(mode):
            return name
    return "not a file"


def _size(limit: int) -> str:
    return f"{limit >> 20} MiB" if limit >= 1 << 20 else f"{limit} bytes"
