"""TOML schedule files in, a validated `Schedule` and located warnings out.

The one entry point for every reader of schedules (the CLI, the app, the tests). Bad
input of any kind raises `ScheduleError` carrying every located error at once, or
`ScheduleFileError` when the file cannot be opened; nothing else escapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tui.core.collection import collection_deferred
from tui.core.errors import Diagnostic, ScheduleError
from tui.core.model import Schedule
from tui.core.sanitize import visible
from tui.schedule.build import build_schedule
from tui.schedule.issues import Issue
from tui.schedule.locator import Locator
from tui.schedule.peek import bundled_schedule_path as bundled_schedule_path  # re-exported
from tui.schedule.reading import decode, read_bytes, refuse_controls
from tui.schedule.toml_source import parse
from tui.schedule.warnings import schedule_warnings


@dataclass
class Loaded:
    """A valid schedule, its warnings, and the text it came from (to locate events)."""

    schedule: Schedule
    warnings: list[Diagnostic]
    text: str = field(repr=False)
    locator: Locator = field(repr=False)

    def event_line(self, event_id: str) -> int | None:
        """Line of the event's `[[events]]` header, for opening an editor there."""
        return self.locator.event_line_for_id(event_id)


def load_text(
    text: str | bytes,
    path: str = "<schedule>",
    source: Path | None = None,
    *,
    warnings: bool = True,
) -> Loaded:
    """Parse and validate schedule text; `path` is the name used in diagnostics. With
    `warnings=False` only errors are looked for and located (`Loaded.warnings` is empty):
    for a reader that has the warnings already, such as an edit session's save, since
    locating a warning costs a second, metadata parse of the whole file."""
    with collection_deferred():
        return _load_text(text, path, source, warnings)


def _load_text(text: str | bytes, path: str, source: Path | None, warnings: bool) -> Loaded:
    if isinstance(text, bytes):
        text = decode(text, path)
    else:
        refuse_controls(text, path)
        text = text.removeprefix("\ufeff")
    document = parse(text, path)
    built = build_schedule(document, source, text=text)
    issues = built.issues
    if not warnings:
        issues = [issue for issue in issues if issue.severity == "error"]
    elif built.schedule is not None:  # warnings only for a schedule without errors
        issues.extend(schedule_warnings(built.schedule, built.event_index))
    locator = Locator(text)
    diagnostics = locate(issues, locator, path)
    locator.release()
    if built.schedule is None:
        raise ScheduleError(diagnostics)
    return Loaded(schedule=built.schedule, warnings=diagnostics, text=text, locator=locator)


def load_path(path: Path | str) -> Loaded:
    """Read and load a schedule file; see `load_text`."""
    path = Path(path)
    data = read_bytes(path)
    return load_text(data, str(path), source=path)


def locate(issues: list[Issue], locator: Locator, path: str) -> list[Diagnostic]:
    """Turn key paths into file positions, in file order (errors before warnings on a line)."""
    diagnostics = []
    for issue in issues:
        if issue.anchor == "table":
            line, column = locator.table(issue.path)
        elif issue.anchor == "key":
            line, column = locator.key(issue.path)
        else:
            line, column = locator.value(issue.path)
        # Messages quote what the file says, which may hold anything: shown, never sent.
        message = visible(issue.message)
        diagnostics.append(Diagnostic(path, line, column, issue.severity, message))
    diagnostics.sort(key=lambda d: (d.line, d.column, d.severity != "error"))
    return diagnostics
