"""The `docket` command: a click group whose subcommands load only when used.

Opening the app is the common case and its start-up time is measured against a bare
Textual app, so the group imports nothing heavy: each subcommand lives in its own
module, imported when it runs.
"""

from __future__ import annotations

import importlib
import sys

import click

#: name -> "module:attribute" of each subcommand, in the order `--help` lists them.
COMMANDS: dict[str, str] = {
    "open": "tui.cli.open:open_command",
    "check": "tui.cli.schedule:check_command",
    "countdown": "tui.cli.countdown:countdown_command",
    "export": "tui.cli.calendar:export_command",
    "import": "tui.cli.calendar:import_command",
    "new": "tui.cli.schedule:new_command",
    "schema": "tui.cli.schedule:schema_command",
}

_SHORT_HELP = {
    "open": "Open the app on a schedule (the default command).",
    "check": "Validate schedules; print file:line:col diagnostics.",
    "countdown": "Print every deadline and milestone with what is left.",
    "export": "Write an iCalendar (.ics) file for Outlook and Google.",
    "import": "Write a schedule TOML from an iCalendar file.",
    "new": "Write a commented starter schedule.",
    "schema": "Print the JSON Schema of the schedule format.",
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
        if not args or (args[0] not in COMMANDS and args[0] not in ("--help", "-h", "--version")):
            args = ["open", *args]
        return super().parse_args(ctx, args)


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


def run() -> None:  # pragma: no cover - thin wrapper for `python -m tui`
    main(prog_name="docket", args=sys.argv[1:])
