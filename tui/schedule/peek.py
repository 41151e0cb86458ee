"""What the first frame needs from a schedule file, without parsing it. Textual-free.

The app shows its first frame before the schedule is parsed (start-up time is measured):
the file is only checked to be readable, and its title and zone are read from the
`[schedule]` table near the top with a regular expression. The real values replace these
as soon as the schedule has loaded. This module imports almost nothing on purpose.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

BUNDLED_NAME = "ahc-2022-2024.toml"
_PEEK_BYTES = 16384
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_KEY = re.compile(r'^[ \t]*(title|timezone)[ \t]*=[ \t]*"((?:[^"\\\n]|\\.)*)"', re.MULTILINE)
_TABLE = re.compile(r"^[ \t]*\[", re.MULTILINE)
_SCHEDULE = re.compile(r"^[ \t]*\[[ \t]*schedule[ \t]*\][ \t]*(?:#.*)?$", re.MULTILINE)


def bundled_schedule_path() -> Path:
    """The bundled schedule, installed (tui/_schedules) or in a source checkout (schedules/).

    The one definition (`tui.schedule.loader` re-exports it): it imports nothing, so the app can
    call it before its first frame.
    """
    package = Path(__file__).resolve().parent.parent  # tui/
    packaged = package / "_schedules" / BUNDLED_NAME
    if packaged.is_file():
        return packaged
    return package.parent / "schedules" / BUNDLED_NAME


def check_readable(path: Path) -> None:
    """Raise `ScheduleFileError` for a file that cannot be opened at all (exit code 2).

    Only a regular file is opened: opening a named pipe would wait for a writer (or,
    closed again at once, make the writer fail), and what a pipe or device holds is read
    once, by the loader.
    """
    from tui.core.errors import unopenable

    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "Is a directory")
        if not stat.S_ISREG(info.st_mode):
            if not os.access(path, os.R_OK):
                raise PermissionError(errno.EACCES, "Permission denied")
            return
        os.close(os.open(path, _FLAGS))
    except OSError as error:
        raise unopenable(path, error) from None


def peek(path: Path) -> tuple[str | None, str | None]:
    """(title, timezone) of the `[schedule]` table, if they are plain strings near the top.

    Only a regular file is peeked at: reading a pipe would take the bytes the loader needs.
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None, None
        fd = os.open(path, _FLAGS)  # never blocks, should it have become a pipe since
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None, None
            head = os.read(fd, _PEEK_BYTES).decode("utf-8", "replace")
        finally:
            os.close(fd)
    except OSError:
        return None, None
    header = _SCHEDULE.search(head)
    if header is None:
        return None, None
    table = head[header.end() :]
    end = _TABLE.search(table)
    found = dict(_KEY.findall(table[: end.start()] if end else table))
    return found.get("title"), found.get("timezone")
