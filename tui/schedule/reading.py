"""Getting a schedule file's bytes and text, whatever the path turns out to be.

A schedule path is usually a regular file, but it can be anything the file system holds:
a named pipe (opening one blocks until a writer comes, forever if none does), `<(cat f)`
(a pipe that must be read to its end), a terminal or a device such as a zero device (which
never ends). Every read here opens without blocking and reads at most `MAX_BYTES`, so no
path can hang docket or fill its memory; the bytes then become text or a located error
(binary data, UTF-16, bad UTF-8), never an exception of another kind.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import Final

from tui.core.errors import Diagnostic, ScheduleError, unopenable
from tui.core.sanitize import describe_control

#: More than this is not a schedule (the 50,000-event benchmark file is about 12 MB).
MAX_BYTES: Final = 64 * 1024 * 1024
_CHUNK = 1 << 20
#: Open flags: never wait for a pipe's writer, never adopt a terminal (0 where not POSIX).
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


def open_for_reading(path: Path) -> int:
    """A file descriptor for `path`, opened without waiting for a pipe's writer.

    A directory opens on Linux, so it is refused here as `open()` would refuse it.
    Raises `ScheduleFileError` for every way the path cannot be opened (exit code 2).
    """
    try:
        fd = os.open(path, _FLAGS)
    except OSError as error:
        raise unopenable(path, error) from None
    if stat.S_ISDIR(os.fstat(fd).st_mode):
        os.close(fd)
        raise unopenable(path, IsADirectoryError(errno.EISDIR, "Is a directory"))
    return fd


def read_bytes(path: Path) -> bytes:
    """The file's bytes, at most `MAX_BYTES` of them, without ever waiting forever.

    A pipe is read to its end once open (a pipe nobody writes to reads as empty); a
    terminal or device with nothing to read now ends the read instead of waiting.
    """
    fd = open_for_reading(path)
    try:
        info = os.fstat(fd)
        if stat.S_ISREG(info.st_mode):
            if info.st_size > MAX_BYTES:
                raise _too_large(path)
            data = _read_all(fd, path)  # its size is known: one read, the fastest
        else:
            if stat.S_ISFIFO(info.st_mode):
                os.set_blocking(fd, True)  # the writer's data is worth waiting for
            data = _read_capped(fd, path)
        if len(data) > MAX_BYTES:
            raise _too_large(path)
        return data
    finally:
        os.close(fd)


def _read_all(fd: int, path: Path) -> bytes:
    try:
        with open(fd, "rb", buffering=0, closefd=False) as handle:
            return handle.readall()
    except OSError as error:
        raise unopenable(path, error) from None


def _read_capped(fd: int, path: Path) -> bytes:
    """Up to MAX_BYTES + 1 bytes of a pipe or device, in chunks, as they come."""
    chunks: list[bytes] = []
    total = 0
    while total <= MAX_BYTES:
        try:
            chunk = os.read(fd, min(_CHUNK, MAX_BYTES + 1 - total))
        except BlockingIOError:
            break  # a terminal or device with nothing more to give now
        except OSError as error:
            raise unopenable(path, error) from None
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _too_large(path: Path) -> ScheduleError:
    limit = MAX_BYTES // (1024 * 1024)
    return _error(str(path), 1, 1, f"too large to be a schedule (over {limit} MiB)")


#: Bytes no TOML text holds anywhere, in strings or out: NUL and the other C0 controls but
#: tab and line feed, a carriage return not ending a line (CRLF is a line end), and DEL.
#: Each is one byte in UTF-8, never part of a longer character, so bytes can be searched.
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)")
#: Every byte but the controls (carriage return included): deleting these leaves the
#: controls alone, at C speed (3 ms for 11 MB, where the search takes 170 ms).
_NOT_CONTROL = bytes(c for c in range(256) if c in (0x09, 0x0A) or 0x20 <= c < 0x7F or c > 0x7F)


def _first_control(data: bytes) -> int | None:
    """Offset of the first byte `_CONTROL` matches; searched for only if there is one."""
    left = data.translate(None, _NOT_CONTROL)
    if not left or (left.count(b"\r") == len(left) and data.count(b"\r\n") == len(left)):
        return None  # none, or only the carriage returns of CRLF line ends
    found = _CONTROL.search(data)
    return found.start() if found else None


def decode(data: bytes, name: str) -> str:
    """Bytes to text, or a located error at the file's first problem.

    Whichever comes first in the file is reported: a byte that is not UTF-8, a NUL, another
    control character. A PNG's first byte (0x89) is not UTF-8, so a PNG is refused at 1:1,
    not at its first NUL some bytes on.
    """
    other = _other_unicode(data)
    if other:
        raise _error(name, 1, 1, f"{other} text: save the file as UTF-8")
    control = _first_control(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        if control is None or error.start < control:
            byte = f"0x{data[error.start]:02x}"
            if b"\x00" in data:  # text files hold no NUL: this one is not text at all
                message = f"binary data (byte {byte} is not UTF-8): not a TOML schedule"
            else:
                message = f"invalid UTF-8 byte {byte}: save the file as UTF-8"
            raise _located(name, data, error.start, message) from None
    if control is not None:
        raise _located(name, data, control, _control_message(data[control]))
    return text.removeprefix("\ufeff")


def refuse_controls(text: str, name: str) -> None:
    """The same test for text handed in as a string: its first raw control character."""
    data = text.encode("utf-8", "surrogatepass")  # a lone surrogate is the parser's to report
    control = _first_control(data)
    if control is not None:
        raise _located(name, data, control, _control_message(data[control]))


def _control_message(byte: int) -> str:
    if byte == 0:
        return "binary data (NUL byte): not a TOML schedule"
    if byte == 0x0D:
        return "carriage return (U+000D) with no line feed after it: end lines with LF or CRLF"
    return (
        f"control character {describe_control(chr(byte))}: TOML text may hold tabs and new "
        "lines, but no other control characters (write it as an escape, such as \\u001b, "
        "in a string)"
    )


def _located(name: str, data: bytes, offset: int, message: str) -> ScheduleError:
    """An error at the byte `offset` of `data`, as line and column in characters."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return _error(name, line, column, message)


def _error(name: str, line: int, column: int, message: str) -> ScheduleError:
    return ScheduleError([Diagnostic(name, line, column, "error", message)])


_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)


def _other_unicode(data: bytes) -> str | None:
    """'UTF-16' or 'UTF-32' for text saved in those, by its byte-order mark or, without
    one, by the NUL bytes that plain ASCII leaves in every other (or three in four) byte."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    head = data[:64]
    if len(head) < 4 or b"\x00" not in head:
        return None
    for width, name in ((4, "UTF-32"), (2, "UTF-16")):
        units = [head[i : i + width] for i in range(0, len(head) - width + 1, width)]
        zero = b"\x00" * (width - 1)
        if all(unit[1:] == zero and unit[0] for unit in units) or all(
            unit[:-1] == zero and unit[-1] for unit in units
        ):
            return name
    return None
