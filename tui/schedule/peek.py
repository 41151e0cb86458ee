"""What the first frame needs from a schedule file, without parsing it. Textual-free.

The app shows its first frame before the schedule is parsed (start-up time is measured):
the file is only checked to be readable, and its title and zone are read from the
`[schedule]` table near the top with a regular expression. The real values replace these
as soon as the schedule has loaded. This module imports almost nothing on purpose.
"""

from __future__ import annotations

import re
from pathlib import Path

BUNDLED_NAME = "ahc-2022-2024.toml"
_PEEK_BYTES = 16384
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
    """Raise `ScheduleFileError` for a file that cannot be opened at all (exit code 2)."""
    from tui.core.errors import unopenable

    try:
        with path.open("rb"):
            pass
    except OSError as error:
        raise unopenable(path, error) from None


def peek(path: Path) -> tuple[str | None, str | None]:
    """(title, timezone) of the `[schedule]` table, if they are plain strings near the top."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_PEEK_BYTES).decode("utf-8", "replace")
    except OSError:
        return None, None
    header = _SCHEDULE.search(head)
    if header is None:
        return None, None
    table = head[header.end() :]
    end = _TABLE.search(table)
    found = dict(_KEY.findall(table[: end.start()] if end else table))
    return found.get("title"), found.get("timezone")
