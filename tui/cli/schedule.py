"""`docket check`, `docket schema` and `docket new`: the commands for editing schedules by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tui.cli.common import (
    EXIT_INVALID,
    EXIT_USAGE,
    as_of_accepted,
    as_of_option,
    fail,
    say,
    schedule_or_default,
)
from tui.core.errors import ScheduleError, ScheduleFileError
from tui.core.words import plural

if TYPE_CHECKING:
    from tui.schedule.loader import Loaded


@click.command("check")
@click.argument("schedules", nargs=-1, type=click.Path(path_type=Path), metavar="[SCHEDULE]...")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and the summary.")
@as_of_accepted
def check_command(schedules: tuple[Path, ...], quiet: bool) -> None:
    """Validate SCHEDULE files (./schedule.toml, else the bundled schedule, if none given).

    Prints one `path:line:col: error: message` (or `warning:`) line per problem and a
    summary; a failing [[rules]] entry is an error or a warning as its `severity` says.
    Exit status: 0 valid (warnings allowed), 1 invalid or an `error` rule fails, 2 a file
    cannot be opened.
    """
    from tui.cli.rules import rule_diagnostics
    from tui.schedule.loader import load_path

    paths = list(schedules) or [schedule_or_default(None, announce=False)]
    status = 0
    totals = {"valid": 0, "invalid": 0, "unreadable": 0, "errors": 0, "warnings": 0}
    for path in paths:
        try:
            loaded = load_path(path)
        except ScheduleFileError as error:
            say(f"docket: {error}", err=True)
            totals["unreadable"] += 1
            status = max(status, EXIT_USAGE)
            continue
        except ScheduleError as error:
            for diagnostic in error.diagnostics:
                if not quiet or diagnostic.severity == "error":
                    say(str(diagnostic))
            totals["invalid"] += 1
            totals["errors"] += len(error.errors)
            totals["warnings"] += len(error.diagnostics) - len(error.errors)
            status = max(status, EXIT_INVALID)
            continue
        rule_lines, rule_errors = rule_diagnostics(loaded, str(path))
        shown = sorted(
            [*loaded.warnings, *rule_lines],
            key=lambda d: (d.line, d.column, d.severity != "error"),
        )
        for diagnostic in shown:
            if not quiet or diagnostic.severity == "error":
                say(str(diagnostic))
        warnings = len(shown) - rule_errors
        totals["warnings"] += warnings
        if rule_errors:  # an `error` rule fails: the file is valid TOML but breaks its mandate
            totals["invalid"] += 1
            totals["errors"] += rule_errors
            status = max(status, EXIT_INVALID)
            continue
        totals["valid"] += 1
        if len(paths) == 1:
            schedule = loaded.schedule
            say(
                f"{path}: valid: {plural(len(schedule.events), 'event')}, "
                f"{plural(len(schedule.venues), 'venue')}, "
                f"{plural(warnings, 'warning')}{_rules_said(loaded)}"
            )
    if len(paths) > 1 or status:
        say(_summary(totals, len(paths)))
    raise SystemExit(status)


def _rules_said(loaded: Loaded) -> str:
    """`; 6 rules: 4 pass, 2 waived, 0 fail` for a schedule with rules, else ''."""
    if not loaded.schedule.rules:
        return ""
    from tui.rules import evaluate, summarize

    return f"; {summarize(evaluate(loaded.schedule)).text}"


def _summary(totals: dict[str, int], files: int) -> str:
    parts = [f"{totals['valid']} valid"]
    if totals["invalid"]:
        parts.append(f"{totals['invalid']} invalid")
    if totals["unreadable"]:
        parts.append(f"{totals['unreadable']} unreadable")
    return (
        f"checked {plural(files, 'file')}: {', '.join(parts)}; "
        f"{plural(totals['errors'], 'error')}, {plural(totals['warnings'], 'warning')}"
    )


@click.command("schema")
@as_of_accepted
def schema_command() -> None:
    """Print the JSON Schema of the schedule format (for editors: see `#:schema`)."""
    from tui.schedule.json_schema import schema_text

    say(schema_text(), nl=False, data=True)


@click.command("new")
@click.argument("path", required=False, default="schedule.toml", type=click.Path(path_type=Path))
@as_of_option
def new_command(path: Path, as_of: str | None) -> None:
    """Write a commented starter schedule to PATH (default: schedule.toml).

    Never overwrites an existing file. Also writes schedule.schema.json beside it, for
    editors, unless one is already there. With PATH `-`, prints the starter instead.
    Its example dates start from today (or from the --as-of date).
    """
    from tui.core.atomic import write_file
    from tui.core.errors import WriteError
    from tui.schedule.json_schema import schema_text
    from tui.schedule.starter import starter_schedule

    today = _starting_day(as_of)
    if str(path) == "-":
        say(starter_schedule(today), nl=False, data=True)
        return
    if path.exists():
        fail(f"{path}: already exists; not overwritten (choose another path)", EXIT_INVALID)
    try:
        write_file(path, starter_schedule(today, path.name).encode("utf-8"), exclusive=True)
        schema_path = path.parent / "schedule.schema.json"
        if not schema_path.exists():
            write_file(schema_path, schema_text().encode("utf-8"), exclusive=True)
    except WriteError as error:
        fail(str(error), EXIT_INVALID)
    say(f"wrote {path}: edit it, then `docket check {path}` or `docket {path}`")


def _starting_day(as_of: str | None) -> date:
    """The day the starter's example dates count from: --as-of's, else today."""
    if as_of is None:
        return date.today()
    from zoneinfo import ZoneInfo

    from tui.core.asof import AsOfError, parse_as_of

    try:
        return parse_as_of(as_of, ZoneInfo("UTC")).date()
    except AsOfError as error:
        fail(f"--as-of: {error}", EXIT_USAGE)
