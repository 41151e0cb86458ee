"""The one writer for every file docket writes: calendars, schedules, the schema, split sets.

A regular file (or a new one) is written to a temporary file beside it and renamed over it,
so a failed write (full disk, no permission, interrupted) leaves no partial file and the
previous version untouched. What is not a regular file is written *into*, never replaced:

- a symlink is followed: its final target is replaced atomically in the target's own
  directory, and the link stays a link (a dangling link gets its target created);
- a character device, a pipe, a socket or a terminal (`/dev/null`, `/dev/stdout`, a named
  pipe, `>(…)`) receives the bytes directly and stays what it was; a named pipe that no
  process reads is an error at once, not a hang;
- a file with other hard links is rewritten in place, so every name sees the new bytes
  (renaming would silently split the links); the bytes are first written out in full
  beside it, so a full disk fails before the file is touched.

A new file gets 0666 minus the umask; a replaced one keeps its mode.

State and cache files (`tui.core.state_files`) are the exception to writing *into*: what
is at their name may have been planted, so `replace_file` puts a private file at the name
itself, whatever is there, never following or opening it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

from tui.core.errors import WriteError


def write_file(
    path: Path | str,
    data: bytes,
    *,
    exclusive: bool = False,
    precondition: Callable[[], None] | None = None,
) -> None:
    """Write `data` to `path` as the module says; with `exclusive`, never replace a file.

    `precondition` is called once the new bytes are staged in full, just before they take
    the target's place: whatever it raises stops the write, the staged file removed (an
    edit session checks there that nobody changed the file meanwhile).
    Raises `WriteError` with a one-line reason; nothing partial is left behind.
    """
    target = Path(path)
    try:
        info = _stat_through(target)
        if info is not None and (
            _is_descriptor_path(target)
            or not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode))
        ):
            _write_into(target, data)
            return
        staged = _stage(target, data, exclusive=exclusive, info=info)
        if precondition is not None:
            try:
                precondition()
            except BaseException:
                staged.discard()
                raise
        staged.commit()
    except WriteError:
        raise
    except OSError as error:
        raise WriteError(f"{target}: cannot write ({_reason(error)})") from None


def replace_file(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Put `data` at the name `path` itself, atomically: a temporary file (created `mode`,
    0600 by default) beside it, flushed to disk and renamed over whatever the name holds, a
    link or a pipe included, which is replaced and never followed or opened.

    Raises `WriteError` with a one-line reason; nothing partial is left behind.
    """
    directory = path.parent if str(path.parent) else Path(".")
    temp = ""
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name[:200]}.", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except OSError as error:
        if temp:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        raise WriteError(f"{path}: cannot write ({_reason(error)})") from None


def write_many(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write several files as a set: every one is prepared in full before any is replaced.

    A failure while preparing (full disk, no permission, a name too long) leaves every
    target as it was; only the renames, which do not fail for want of space, remain.
    """
    staged: list[_Staged] = []
    try:
        for path, data in files:
            info = _stat_through(path)
            if info is not None and not stat.S_ISREG(info.st_mode):
                raise WriteError(
                    f"{path}: not a regular file; a set of files is written only to files"
                )
            staged.append(_stage(path, data, exclusive=False, info=info))
    except OSError as error:
        for item in staged:
            item.discard()
        raise WriteError(f"{path}: cannot write ({_reason(error)})") from None
    except WriteError:
        for item in staged:
            item.discard()
        raise
    for item in staged:
        try:
            item.commit()
        except OSError as error:
            raise WriteError(f"{item.target}: cannot write ({_reason(error)})") from None


def write_stream(
    data: bytes, stream: BinaryIO | None = None, *, name: str = "standard output"
) -> None:
    """Write to standard output (or `stream`), turning a closed or full one into `WriteError`."""
    if stream is None:
        stdout = sys.stdout
        if stdout is None or getattr(stdout, "buffer", None) is None:
            raise WriteError("cannot write to standard output (it is closed)")
        stream = stdout.buffer
    try:
        stream.write(data)
        stream.flush()
    except BrokenPipeError:
        raise  # the reader went away: the command line ends quietly, as `head` expects
    except (OSError, ValueError) as error:  # ValueError: I/O operation on closed file
        reason = _reason(error) if isinstance(error, OSError) else "it is closed"
        raise WriteError(f"cannot write to standard output ({reason})") from None


# -- internals ---------------------------------------------------------------------------------


class _Staged:
    """A temporary file holding the new bytes in full, waiting to take the target's place."""

    def __init__(self, target: Path, final: Path, temp: str, *, exclusive: bool, in_place: bool):
        self.target, self.final, self.temp = target, final, temp
        self.exclusive, self.in_place = exclusive, in_place

    def commit(self) -> None:
        try:
            if self.in_place:
                _copy_into(self.temp, self.final)
                os.unlink(self.temp)
            elif self.exclusive:
                os.link(self.temp, self.final)  # fails if the target exists: never clobbers
                os.unlink(self.temp)
            else:
                os.replace(self.temp, self.final)
        except FileExistsError:
            self.discard()
            raise WriteError(f"{self.target}: already exists; not overwritten") from None
        except OSError:
            self.discard()
            raise

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self.temp)


def _stat_through(path: Path) -> os.stat_result | None:
    """The status of what `path` finally names (following links); None if nothing is there."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None  # missing, or a dangling link: written as a new file


def _is_descriptor_path(path: Path) -> bool:
    """`/dev/stdout`, `/dev/fd/3`, `/proc/self/fd/1`: another process's open file, even when
    it is a regular file (`docket export -o /dev/stdout > x.ics`), is written into."""
    text = os.path.abspath(path)
    if text in ("/dev/stdout", "/dev/stderr") or text.startswith("/dev/fd/"):
        return True
    real = os.path.realpath(path)
    return real.startswith("/proc/") or (text.startswith("/proc/") and "/fd/" in text)


def _final_path(path: Path) -> Path:
    """Where the bytes really go: a symlink chain resolved to its last name."""
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def _stage(path: Path, data: bytes, *, exclusive: bool, info: os.stat_result | None) -> _Staged:
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise WriteError(f"{path}: is a directory")
    if exclusive and (info is not None or path.is_symlink()):
        raise WriteError(f"{path}: already exists; not overwritten")
    final = _final_path(path)
    directory = final.parent if str(final.parent) else Path(".")
    in_place = info is not None and info.st_nlink > 1
    mode = (info.st_mode & 0o777) if info is not None else _new_file_mode()
    fd, temp = tempfile.mkstemp(prefix=f".{final.name[:200]}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return _Staged(path, final, temp, exclusive=exclusive, in_place=in_place)


def _copy_into(source: str, target: Path) -> None:
    """Rewrite a hard-linked file's own inode with the staged bytes."""
    with open(source, "rb") as staged, open(target, "r+b") as out:
        data = staged.read()
        out.write(data)
        out.truncate(len(data))
        out.flush()
        os.fsync(out.fileno())


def _write_into(path: Path, data: bytes) -> None:
    """Bytes straight into a device, pipe or terminal: it stays what it was."""
    try:
        # O_APPEND: through /dev/stdout onto a file the shell opened, `>` and `>>` both hold.
        flags = os.O_WRONLY | os.O_NONBLOCK | os.O_APPEND | getattr(os, "O_NOCTTY", 0)
        fd = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise WriteError(f"{path}: a named pipe that no program is reading") from None
        raise
    try:
        os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    finally:
        os.close(fd)


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _reason(error: OSError) -> str:
    if error.errno == errno.ENAMETOOLONG:
        return "the file name is too long for this file system"
    return error.strerror or str(error)
