"""Diagnostics and the one error hierarchy: everything shown to a person derives `DocketError`.

Every problem a planner can cause in a file is reported as a `Diagnostic` with a file, line
and column, printed like a compiler's message so editors and terminals can jump to it. The
command line and the app catch `DocketError` (never bare `ValueError`), so a bug in docket
still shows as a bug instead of being passed off as the user's mistake.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tui.core.sanitize import visible

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One located message about a schedule file (lines and columns count from 1)."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        # A message may quote the bad value and a path may hold anything: shown, never sent.
        text = f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"
        return visible(text)


class DocketError(Exception):
    """Base of every error docket reports to a person instead of a traceback."""


class ScheduleError(DocketError):
    """The file was read but its content is not a valid schedule (exit code 1).

    Carries every error found, not just the first, plus any warnings, so one run of
    `docket check` shows all of a planner's mistakes.
    """

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.severity == "error"]
        super().__init__(str(errors[0]) if errors else "invalid schedule")

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


class ScheduleFileError(DocketError):
    """The file cannot be opened at all: missing, a directory, no permission (exit code 2)."""


def unopenable(path: object, error: OSError) -> ScheduleFileError:
    """The one message for each way a schedule file cannot be opened."""
    if isinstance(error, FileNotFoundError):
        reason = "no such file"
    elif isinstance(error, IsADirectoryError):
        reason = "is a directory, not a schedule file"
    elif isinstance(error, PermissionError):
        reason = "permission denied"
    else:
        reason = f"cannot be read ({error.strerror or error})"
    return ScheduleFileError(f"{path}: {reason}")


class InputError(DocketError):
    """A value typed on the command line or in a dialog (a date, a duration, an as-of moment)
    that cannot be read; the message says what was expected."""


class WriteError(DocketError):
    """A file could not be written (exit code 1); nothing partial was left behind."""


class ExportError(DocketError):
    """A calendar could not be built (no events match, a zone cannot be written)."""


class CalendarImportError(DocketError):
    """The calendar to import is unreadable or holds nothing a schedule can keep (exit 1)."""


class ZoneDataError(DocketError):
    """A time zone is unknown, or its compiled data cannot be written as yearly rules."""
