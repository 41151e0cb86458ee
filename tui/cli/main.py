"""The `docket` command: a click group whose subcommands load only when used.

Opening the app is the common case and its start-up time is measured against a bare
Textual app, so the group imports nothing heavy: each command family lives in its own
module, imported when it runs.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
from pathlib import Path

import click

#: name -> "module:attribute" of each subcommand, in the order `--help` lists them.
COMMANDS: dict[str, str] = {
    "open": "tui.cli.open:open_command",
    "check": "tui.cli.schedule:check_command",
    "countdown": "tui.cli.countdown:countdown_command",
    "rules": "tui.cli.rules:rules_command",
    "export": "tui.cli.calendar:export_command",
    "import": "tui.cli.calendar:import_command",
    "new": "tui.cli.schedule:new_command",
    "schema": "tui.cli.schedule:schema_command",
    "diff": "tui.cli.diff:diff_command",
    "move": "tui.cli.edit:move_command",
    "set": "tui.cli.edit:set_command",
    "explain": "tui.cli.explain:explain_command",
    "serve": "tui.cli.serve:serve_command",
    "web": "tui.cli.web:web_command",
    "publish": "tui.cli.publish:publish_command",
}

_SHORT_HELP = {
    "open": "Open the app on a schedule (the default command).",
    "check": "Validate schedules; print file:line:col diagnostics.",
    "countdown": "Print every deadline and milestone with what is left.",
    "rules": "Check the schedule against its [[rules]]: status, reasons, sources.",
    "export": "Write an iCalendar (.ics) file for Outlook and Google.",
    "import": "Write a schedule TOML from an iCalendar file.",
    "new": "Write a commented starter schedule.",
    "schema": "Print the JSON Schema of the schedule format.",
    "diff": "Compare two versions of a schedule (files or REV:PATH from git).",
    "move": "Move an event by a duration or to a date, rewriting only its dates.",
    "set": "Set fields of an event (KEY=VALUE), rewriting only those values.",
    "explain": "Say where the dates that follow other events' dates come from.",
    "serve": "Serve schedules as live iCalendar subscription feeds.",
    "web": "Serve the app to web browsers, read-only, behind a key.",
    "publish": "Keep a CalDAV calendar identical to a schedule.",
}


class DocketGroup(click.Group):
    """Lazy subcommands, and `docket FILE.toml` as a short form of `docket open FILE.toml`."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Short help without importing every subcommand's module.
        with formatter.section("Commands"):
            formatter.write_dl([(name, _SHORT_HELP[name]) for name in COMMANDS])

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _command_first(args))


#: Options every command accepts before or after its name (`docket --as-of D countdown`).
_COMMON_WITH_VALUE = ("--as-of",)


def _command_first(args: list[str]) -> list[str]:
    """Move common options given before the command name to just after it; no name: open.

    click parses a group's options before its command, so `docket --as-of 2022-09-06
    countdown` would otherwise read `countdown` as a schedule file to open.
    """
    moved: list[str] = []
    rest = list(args)
    while rest:
        head = rest[0]
        if head in _COMMON_WITH_VALUE and len(rest) > 1:
            moved += rest[:2]
            del rest[:2]
        elif head.startswith(tuple(f"{name}=" for name in _COMMON_WITH_VALUE)):
            moved.append(rest.pop(0))
        else:
            break
    if rest and rest[0] in ("--help", "-h", "--version") and not moved:
        return rest
    if not rest or rest[0] not in COMMANDS:
        rest = ["open", *rest]
    return [rest[0], *moved, *rest[1:]]


@click.group(
    cls=DocketGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(package_name="docket", prog_name="docket")
def main() -> None:
    """docket: a keyboard-driven planner for long programmes of meetings.

    With no command, or with just a SCHEDULE.toml, opens the app (the bundled
    2022-2024 Ad Hoc Committee schedule by default).
    """


def run() -> None:
    """The entry point (`docket`, `python -m tui`): click's main, then a checked flush.

    Output that cannot be written (standard output closed, a full disk or device, a reader
    that went away) ends in one line on standard error and exit 1, never a traceback or
    Python's "Exception ignored" at shutdown. Any other operating-system error a command
    let escape is one line naming what failed and the file (`tui.cli.failures`), exit 2
    when it names a file (one that cannot be opened at all), else 1.
    """
    from tui.cli.failures import StandardOutputError

    code: int | str | None = 0
    try:
        plain = _plain_open(sys.argv[1:])
        if plain is not None:  # the common case, without click's parsing
            from tui.cli.open import open_app

            schedule, as_of, theme, baseline, cache = plain
            open_app(schedule, as_of, theme, cache=cache, baseline=baseline)
        else:
            main(prog_name="docket", args=sys.argv[1:])
    except SystemExit as done:
        code = done.code
    except StandardOutputError as failed:
        code = _output_failed(failed.error) if failed.stream == "standard output" else 1
    except OSError as error:
        code = _escaped(error)
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except (OSError, ValueError) as error:
        code = _output_failed(error) if code in (0, None) else code
    raise SystemExit(code)


#: The options of `docket [open]` that `_plain_open` reads itself.
_PLAIN_VALUED = ("--as-of", "--theme", "--baseline")


def _plain_open(
    args: list[str],
) -> tuple[Path | None, str | None, str | None, str | None, bool] | None:
    """(schedule, as_of, theme, baseline, cache) for `docket`, `docket [open] [FILE.toml]`
    with only --as-of, --theme, --baseline or --no-cache; None for anything else, which
    click parses."""
    rest = args[1:] if args[:1] == ["open"] else list(args)
    schedule: Path | None = None
    values: dict[str, str] = {}
    cache = True
    while rest:
        head = rest.pop(0)
        name, equals, value = head.partition("=")
        if head == "--no-cache":
            cache = False
        elif name in _PLAIN_VALUED and name not in values and (equals or rest):
            values[name] = value if equals else rest.pop(0)
        elif head.endswith(".toml") and not head.startswith("-") and schedule is None:
            schedule = Path(head)
        else:
            return None
    return schedule, values.get("--as-of"), values.get("--theme"), values.get("--baseline"), cache


def _escaped(error: OSError) -> int:
    """One line for an operating-system error no command handled: what failed, and where."""
    from tui.cli.failures import describe, is_standard_output
    from tui.core.sanitize import visible

    if is_standard_output(error):
        return _output_failed(error)
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.write(visible(f"docket: {describe(error)}") + "\n")
        sys.stderr.flush()
    return 2 if error.filename is not None else 1


def _output_failed(error: OSError | ValueError) -> int:
    """Report a failed write to standard output and keep shutdown from trying again."""
    import errno
    import os

    quiet = isinstance(error, BrokenPipeError) or getattr(error, "errno", None) == errno.EPIPE
    if not quiet:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else "closed"
        with contextlib.suppress(OSError, ValueError, AttributeError):
            sys.stderr.write(f"docket: cannot write to standard output ({reason})\n")
            sys.stderr.flush()
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 1
