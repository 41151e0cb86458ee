"""`docket diff`: what changed between two versions of a schedule, as diff(1) reports it.

    docket diff OLD NEW            each a file, `-` (standard input) or REV:PATH from git
    docket diff REV [FILE]         revision REV of FILE (default ./schedule.toml, else the
                                   bundled schedule) against the working copy
    docket diff --textconv FILE    the canonical one-fact-a-line dump, for git's textconv

Exit codes are diff(1)'s, not the other commands': 0 the same, 1 different, 2 trouble (a
side that cannot be read, an invalid side — its located errors on standard error, named
by the side's name such as `HEAD~1:plan.toml` — or a usage error). `--textconv` exits 0
for an invalid file and prints its raw text: git must still have something to show.

The text report has one sentence per change, grouped by kind, then the headline
countdown before and after (`--as-of`, default now); colour only when standard output is
a terminal and NO_COLOR is unset. `--json` prints one object whose keys are stable:

- top level: `old`, `new` (the sides' names), `as_of` (ISO), `same` (bool),
  `change_count`, `changes` (schedule-level changes first, then each event's in date
  order), `countdown` (`{"old", "new"}`: each the headline
  deadline's `docket countdown --json` object, or null);
- every change: `kind`, `event` (id, null for schedule-level changes), `title` (the
  event's, new one first), `old`, `new` (what it was and is: a span `{"start", "end"}` for
  added/removed/moved/resized, else the value), `text` (the report's sentence);
- plus, by kind: `moved` `days`, `working_days`, `minutes` (the exact shift),
  `meeting_days` (`{"old", "new"}`); `resized` `start_days`, `end_days`, `start_minutes`,
  `end_minutes`, `meeting_days`, `timing` (null, "now timed" or "now all-day"); `status`
  `change` (postponed, cancelled, restored, confirmed, tentative); `text` `fields` (of
  title, notes, url, tags); `schedule` `field` (id, title, url, description); `zone`
  `venue` (null: the schedule's zone); `holidays` `venue`, `added`, `removed`; `venues`
  `venue`, `change` (added, removed, renamed, details), `fields`. `added`, `removed`,
  `venue`, `hours`, `kind` and `deadline` have no others.

The comparison itself is `tui.diff.compare`'s; this module reads the sides and prints.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import click

from tui.cli.common import EXIT_USAGE, as_of_option, fail, resolve_as_of, say, schedule_or_default
from tui.core.errors import Diagnostic, DocketError, ScheduleError
from tui.core.model import Schedule
from tui.core.words import plural
from tui.diff.sources import STDIN, Side, exists, read_file, read_revision_of, read_side

if TYPE_CHECKING:
    from tui.diff.compare import ScheduleDiff

EXIT_SAME = 0
EXIT_DIFFERENT = 1

#: (colour, bold) of each line style of `tui.diff.report.text_lines`: additions green,
#: removals red, shifts yellow, status magenta, venue and hours cyan, schedule-level blue.
STYLES: dict[str, tuple[str | None, bool]] = {
    "heading": (None, True),
    "title": (None, True),
    "added": ("green", False),
    "removed": ("red", False),
    "moved": ("yellow", False),
    "resized": ("yellow", False),
    "status": ("magenta", False),
    "venue": ("cyan", False),
    "hours": ("cyan", False),
    "kind": ("cyan", False),
    "schedule": ("blue", False),
    "deadline": ("blue", False),
    "zone": ("blue", False),
    "holidays": ("blue", False),
    "venues": ("blue", False),
    "countdown": (None, True),
}

USAGE = "give OLD NEW (files, - or REV:PATH), or a git revision: docket diff REV [FILE]"


@click.command("diff")
@click.argument("sides", nargs=-1, metavar="OLD NEW | REV [FILE]")
@as_of_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object instead of text.")
@click.option(
    "--textconv",
    is_flag=True,
    help="Print FILE as canonical one-fact lines (for git config diff.docket.textconv).",
)
def diff_command(sides: tuple[str, ...], as_of: str | None, as_json: bool, textconv: bool) -> None:
    """Compare two versions of a schedule: OLD and NEW, or revision REV of FILE.

    OLD and NEW are files, - (standard input) or REV:PATH read from git
    (HEAD~1:schedules/plan.toml). With REV alone, FILE is ./schedule.toml if there is one,
    else the bundled schedule. Events are matched by id; each change is one sentence
    (moved, resized, status, venue, hours, text; schedule deadline, zones, holidays,
    venues), then the headline countdown before and after. Exit status: 0 the same,
    1 different, 2 trouble.
    """
    if textconv:
        _textconv(sides)
        return
    old_side, new_side = _read_sides(sides)
    old, new = _load(old_side), _load(new_side)
    _stop_if_invalid([(old_side, old), (new_side, new)])
    assert isinstance(old, Schedule) and isinstance(new, Schedule)

    from tui.diff.compare import compare

    moment = resolve_as_of(as_of, new)
    diff = compare(old, new, moment)
    if as_json:
        from tui.diff.json_report import as_json as to_json

        say(_json(to_json(diff, old_side.name, new_side.name)), data=True)
    else:
        say(render_report(diff, old_side.name, new_side.name), data=True)
    raise SystemExit(EXIT_SAME if diff.same else EXIT_DIFFERENT)


def render_report(diff: ScheduleDiff, old_name: str, new_name: str) -> str:
    """The text report, each line sanitised, coloured by kind on a terminal (not with
    NO_COLOR): what `docket diff` prints, and `docket move` and `docket set` too."""
    from tui.core.sanitize import visible
    from tui.diff.report import text_lines

    colour = _colour()
    lines = []
    for style, line in text_lines(diff, old_name, new_name):
        shown = visible(line)
        if colour and style in STYLES:
            fg, bold = STYLES[style]
            shown = click.style(shown, fg=fg, bold=bold)
        lines.append(shown)
    # Sanitised line by line above, so the colour codes added after are the only escapes.
    return "\n".join(lines)


def _read_sides(args: tuple[str, ...]) -> tuple[Side, Side]:
    """OLD NEW, or REV [FILE]: a first argument that is no file, no `-`, no REV:PATH and does
    not end in .toml is a revision."""
    if not args or len(args) > 2:
        fail(USAGE, EXIT_USAGE)
    if args.count(STDIN) > 1:
        fail("only one side can be - (standard input)", EXIT_USAGE)
    stdin = _stdin()
    first = args[0]
    try:
        if _names_a_side(first):
            if len(args) == 1:
                fail(f"{first}: compare it with what? {USAGE}", EXIT_USAGE)
            return read_side(first, stdin), read_side(args[1], stdin)
        file = Path(args[1]) if len(args) == 2 else schedule_or_default(None)
        new = read_file(file, str(file))
        return read_revision_of(first, file), new
    except DocketError as error:
        fail(str(error), EXIT_USAGE)


def _names_a_side(arg: str) -> bool:
    return arg == STDIN or ":" in arg or arg.endswith(".toml") or exists(Path(arg))


def _load(side: Side) -> Schedule | list[Diagnostic]:
    from tui.schedule.loader import load_text

    try:
        return load_text(side.data, side.name, source=side.path).schedule
    except ScheduleError as error:
        return error.diagnostics


def _stop_if_invalid(loaded: list[tuple[Side, Schedule | list[Diagnostic]]]) -> None:
    """Every located error of every invalid side, then exit 2 (an invalid side is trouble)."""
    summaries = []
    for side, result in loaded:
        if isinstance(result, list):
            for diagnostic in result:
                say(str(diagnostic), err=True)
            errors = sum(1 for d in result if d.severity == "error")
            summaries.append(f"{side.name}: invalid schedule ({plural(errors, 'error')})")
    if summaries:
        for summary in summaries[:-1]:
            say(f"docket: {summary}", err=True)
        fail(summaries[-1], EXIT_USAGE)


def _textconv(args: tuple[str, ...]) -> None:
    """The canonical dump of one file; an invalid one as its raw text, still exit 0."""
    if len(args) != 1:
        fail("--textconv takes exactly one FILE", EXIT_USAGE)
    try:
        side = read_side(args[0], _stdin())
    except DocketError as error:
        fail(str(error), EXIT_USAGE)
    loaded = _load(side)
    if isinstance(loaded, Schedule):
        from tui.diff.textconv import dump

        say(dump(loaded), nl=False)
    else:
        say(side.data.decode("utf-8", "replace"), nl=False)


def _stdin() -> BinaryIO | None:
    return sys.stdin.buffer if sys.stdin is not None else None


def _colour() -> bool:
    """Colour only for a terminal, and never with NO_COLOR set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout is not None and sys.stdout.isatty()


def _json(value: object) -> str:
    """JSON as scripts expect it; C1 controls escaped too (json leaves them raw)."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return _C1.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


_C1 = re.compile("[\x7f-\x9f]")
