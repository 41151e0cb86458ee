"""`docket check`, `docket schema` and `docket new`: the commands for editing schedules by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from tui.cli.common import EXIT_INVALID, EXIT_USAGE, fail
from tui.core.errors import ScheduleError, ScheduleFileError


@click.command("check")
@click.argument("schedules", nargs=-1, type=click.Path(path_type=Path), metavar="[SCHEDULE]...")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and the summary.")
def check_command(schedules: tuple[Path, ...], quiet: bool) -> None:
    """Validate SCHEDULE files (the bundled schedule if none given).

    Prints one `path:line:col: error: message` (or `warning:`) line per problem and a
    summary. Exit status: 0 valid (warnings allowed), 1 invalid, 2 a file cannot be opened.
    """
    from tui.schedule.loader import bundled_schedule_path, load_path

    paths = list(schedules) or [bundled_schedule_path()]
    status = 0
    totals = {"valid": 0, "invalid": 0, "unreadable": 0, "errors": 0, "warnings": 0}
    for path in paths:
        try:
            loaded = load_path(path)
        except ScheduleFileError as error:
            click.echo(f"docket: {error}", err=True)
            totals["unreadable"] += 1
            status = max(status, EXIT_USAGE)
            continue
        except ScheduleError as error:
            for diagnostic in error.diagnostics:
                if not quiet or diagnostic.severity == "error":
                    click.echo(str(diagnostic))
            totals["invalid"] += 1
            totals["errors"] += len(error.errors)
            totals["warnings"] += len(error.diagnostics) - len(error.errors)
            status = max(status, EXIT_INVALID)
            continue
        if not quiet:
            for warning in loaded.warnings:
                click.echo(str(warning))
        totals["valid"] += 1
        totals["warnings"] += len(loaded.warnings)
        if len(paths) == 1:
            schedule = loaded.schedule
            click.echo(
                f"{path}: valid: {_plural(len(schedule.events), 'event')}, "
                f"{_plural(len(schedule.venues), 'venue')}, "
                f"{_plural(len(loaded.warnings), 'warning')}"
            )
    if len(paths) > 1 or status:
        click.echo(_summary(totals, len(paths)))
    raise SystemExit(status)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _summary(totals: dict[str, int], files: int) -> str:
    parts = [f"{totals['valid']} valid"]
    if totals["invalid"]:
        parts.append(f"{totals['invalid']} invalid")
    if totals["unreadable"]:
        parts.append(f"{totals['unreadable']} unreadable")
    return (
        f"checked {_plural(files, 'file')}: {', '.join(parts)}; "
        f"{_plural(totals['errors'], 'error')}, {_plural(totals['warnings'], 'warning')}"
    )


@click.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the schedule format (for editors: see `#:schema`)."""
    from tui.schedule.json_schema import schema_text

    click.echo(schema_text(), nl=False)


@click.command("new")
@click.argument("path", required=False, default="schedule.toml", type=click.Path(path_type=Path))
def new_command(path: Path) -> None:
    """Write a commented starter schedule to PATH (default: schedule.toml).

    Never overwrites an existing file. Also writes schedule.schema.json beside it, for
    editors, unless one is already there. With PATH `-`, prints the starter instead.
    """
    from tui.core.atomic import write_atomic
    from tui.core.errors import WriteError
    from tui.schedule.json_schema import schema_text
    from tui.schedule.starter import starter_schedule

    if str(path) == "-":
        click.echo(starter_schedule(date.today()), nl=False)
        return
    if path.exists():
        fail(f"{path}: already exists; not overwritten (choose another path)", EXIT_INVALID)
    try:
        write_atomic(
            path, starter_schedule(date.today(), path.name).encode("utf-8"), exclusive=True
        )
        schema_path = path.parent / "schedule.schema.json"
        if not schema_path.exists():
            write_atomic(schema_path, schema_text().encode("utf-8"), exclusive=True)
    except WriteError as error:
        fail(str(error), EXIT_INVALID)
    click.echo(f"wrote {path}: edit it, then `docket check {path}` or `docket {path}`")
