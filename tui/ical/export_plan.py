"""One export flow, from what a planner asked to the files written and what is said of them.

`docket export` and the app's `x` dialog are thin front ends over this module: each only
gathers its input into an `ExportRequest` and shows what comes back. The flow has three
steps, and every check is made once, in one of them:

- `check_request(request) -> ExportChoices`, before the schedule is read: where to write
  (a blank name; `-` where the front end has no standard output; `-` with a split), each
  date, their order, each reminder's duration. The dialog runs it as the planner presses
  enter, so a typo keeps the dialog open; the command line before loading the schedule.
- `plan_export(schedule, choices) -> ExportPlan`: filter values that name nothing in the
  schedule, the DTSTAMP (`stamp_for`), the calendar bytes (one file, or one a year named
  `<stem>-<year>.ics`), and the report: each file's calendar entries, the size warning,
  the note of an empty export, the events that get no reminder, the events exported.
- `write_export(plan)`: through `tui.core.atomic` (a file atomically, a device or pipe
  written into, `-` to standard output, a `--split year` set staged in full before any
  file of it is replaced).

Every refusal is an `ExportFailure` whose text is the message to show and whose `usage`
says whether the input was at fault (the command line's exit 2) or the work (exit 1). Its
words are this module's alone; they name each input as the front end names it (`InputNames`:
`--from` on the command line, `From` in the dialog), so the two say the same thing for
the same situation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import BinaryIO, Literal

from tui.core.atomic import write_file, write_many, write_stream
from tui.core.errors import DocketError
from tui.core.model import Schedule
from tui.core.selection import EventSelection
from tui.core.words import plural
from tui.ical.alarms import AlarmError, parse_duration
from tui.ical.export import export_by_year, export_bytes, stamp_for, vevent_count
from tui.ical.stamping import Stamper

#: Google Calendar refuses imports past about this size.
GOOGLE_IMPORT_LIMIT = 1_000_000


@dataclass(frozen=True)
class InputNames:
    """How a front end names each input, for the messages that point at one."""

    output: str
    kinds: str
    tags: str
    venues: str
    start: str
    end: str
    alarms: str
    #: The split's own name; empty where the front end cannot split (the dialog).
    split: str
    #: Whether `-` means standard output (the app draws on its terminal: it does not).
    standard_output: bool

    def of_filter(self, name: str) -> str:
        """The input of `EventSelection.unknown_value`'s filter name (kind, tag, venue)."""
        return {"kind": self.kinds, "tag": self.tags, "venue": self.venues}[name]


COMMAND_LINE = InputNames(
    "-o", "--kind", "--tag", "--venue", "--from", "--to", "--alarm", "--split year", True
)
DIALOG = InputNames("File", "Kinds", "Tags", "Venues", "From", "To", "Reminders", "", False)


class ExportFailure(DocketError):
    """An export refused or failed; the text is what the planner is shown."""

    def __init__(self, message: str, *, usage: bool, field: str | None = None) -> None:
        super().__init__(message)
        #: The input was at fault (exit 2), not the work (exit 1).
        self.usage = usage
        #: Which input, by `ExportRequest` field name, when one is at fault.
        self.field = field


@dataclass(frozen=True)
class ExportRequest:
    """What a front end gathered, as typed. None is "not given"; an empty text is given.

    `output`: a path, `-` for standard output, None for `<stem>.ics` here. `ids`: only these
    events (the app's filter, when it has words or a status: `tui.app.export_prefill`).
    """

    output: str | None = None
    kinds: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    venues: tuple[str, ...] = ()
    start: str | None = None
    end: str | None = None
    alarms: tuple[str, ...] = ()
    split_year: bool = False
    ids: frozenset[str] | None = None
    #: An entry per meeting block (default), or one per event (`--no-blocks`).
    blocks: bool = True
    names: InputNames = COMMAND_LINE


@dataclass(frozen=True)
class ExportChoices:
    """A request that passed every check that needs no schedule."""

    request: ExportRequest
    selection: EventSelection
    alarms: tuple[timedelta, ...]


def _output(request: ExportRequest) -> None:
    names, output = request.names, request.output
    if output is None:
        return
    if not output.strip():
        raise ExportFailure(
            f"{names.output}: name the file to write the calendar to", usage=True, field="output"
        )
    if output != "-":
        return
    if not names.standard_output:
        raise ExportFailure(
            f"{names.output}: - is standard output, which only the command line writes to; "
            "name a file",
            usage=True,
            field="output",
        )
    if request.split_year:
        raise ExportFailure(
            f"{names.split} writes several files: give {names.output} a file name, not -",
            usage=True,
            field="output",
        )


def _day(text: str | None, name: str, key: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ExportFailure(
            f"{name}: {text!r} is not an ISO date such as 2023-04-11", usage=True, field=key
        ) from None


def _durations(request: ExportRequest) -> tuple[timedelta, ...]:
    try:
        return tuple(parse_duration(text) for text in request.alarms)
    except AlarmError as error:
        message = f"{request.names.alarms}: {error}"
        raise ExportFailure(message, usage=True, field="alarms") from None


def check_request(request: ExportRequest) -> ExportChoices:
    """The request's own checks (see the module docstring); raises `ExportFailure`."""
    names = request.names
    _output(request)
    first = _day(request.start, names.start, "start")
    last = _day(request.end, names.end, "end")
    if first and last and last < first:
        message = f"{names.end} {last} is before {names.start} {first}"
        raise ExportFailure(message, usage=True, field="end")
    alarms = _durations(request)
    selection = EventSelection(
        kinds=request.kinds,
        tags=request.tags,
        venues=request.venues,
        start=first,
        end=last,
        ids=request.ids,
    )
    return ExportChoices(request, selection, alarms)


@dataclass(frozen=True)
class OutputFile:
    """One file of the export: where it goes (None: standard output) and its bytes."""

    target: Path | None
    data: bytes

    @property
    def where(self) -> str:
        return "standard output" if self.target is None else str(self.target)


Level = Literal["said", "warning", "note"]


@dataclass(frozen=True)
class ReportLine:
    """One thing to say once the export is written: said, or a warning, or a note."""

    level: Level
    text: str


@dataclass(frozen=True)
class ExportPlan:
    """The files to write and what to say once they are written."""

    files: tuple[OutputFile, ...]
    report: tuple[ReportLine, ...]
    events: int
    split: bool = False
    to_stdout: bool = False

    @property
    def has_notes(self) -> bool:
        return any(line.level != "said" for line in self.report)


def default_output(schedule: Schedule) -> Path:
    """Where an export goes when no file is named: `<schedule-stem>.ics` here."""
    stem = schedule.source.stem if schedule.source else schedule.id
    return Path(f"{stem}.ics")


def year_path(path: Path, year: int) -> Path:
    """``<stem>-<year>.ics`` beside `path`."""
    return path.with_name(f"{path.stem}-{year}{path.suffix or '.ics'}")


def size_warning(data: bytes, names: InputNames = COMMAND_LINE) -> str | None:
    """A warning when a file is past Google's import limit, with the remedies this front
    end offers; else None."""
    if len(data) <= GOOGLE_IMPORT_LIMIT:
        return None
    remedy = f"use {names.split}, or filters" if names.split else "narrow the export with filters"
    return (
        f"the calendar is {len(data) / 1e6:.1f} MB; Google Calendar refuses imports over "
        f"about 1 MB: {remedy}"
    )


def empty_note(schedule: Schedule, events: int, *, split: bool = False) -> str | None:
    """Why an export holds no event, and what was written of it; None when it holds some.
    An empty calendar is still valid (exit 0): a script exporting "this week's meetings"
    must not fail on a quiet week; a split has no year to write, so it writes nothing."""
    if events:
        return None
    why = "the schedule has no events" if not schedule.events else "no events match the filters"
    return f"{why}: {'no file written' if split else 'wrote an empty calendar'}"


def _unknown(schedule: Schedule, choices: ExportChoices) -> None:
    unknown = choices.selection.unknown_value(schedule)
    if unknown is not None:
        name, message = unknown
        names = choices.request.names
        raise ExportFailure(f"{names.of_filter(name)}: {message}", usage=True, field=name + "s")


def _files(
    schedule: Schedule, choices: ExportChoices, stamp: datetime, stamper: Stamper | None
) -> tuple[OutputFile, ...]:
    request = choices.request
    to_stdout = request.output == "-"
    target = default_output(schedule) if request.output is None else Path(request.output)
    selection, alarms = choices.selection, choices.alarms
    options = {"alarms": alarms, "dtstamp": stamp, "stamper": stamper, "blocks": request.blocks}
    try:
        if request.split_year:
            years = export_by_year(schedule, selection, **options)  # type: ignore[arg-type]
            return tuple(OutputFile(year_path(target, y), years[y]) for y in sorted(years))
        data = export_bytes(schedule, selection, **options)  # type: ignore[arg-type]
    except DocketError as error:  # a zone that cannot be written
        raise ExportFailure(str(error), usage=False) from None
    return (OutputFile(None if to_stdout else target, data),)


def _report(
    schedule: Schedule, choices: ExportChoices, files: tuple[OutputFile, ...]
) -> tuple[ReportLine, ...]:
    request, selection = choices.request, choices.selection
    lines: list[ReportLine] = []
    for file in files:
        entries = plural(vevent_count(file.data), "calendar entry", "calendar entries")
        lines.append(ReportLine("said", f"wrote {file.where}: {entries}"))
        warning = size_warning(file.data, request.names)
        if warning is not None:
            lines.append(ReportLine("warning", f"{file.where}: {warning}"))
    taken = selection.select(schedule)
    note = empty_note(schedule, len(taken), split=request.split_year)
    if note is not None:
        lines.append(ReportLine("note", note))
    off = sum(1 for event in taken if event.is_off)
    if choices.alarms and off:
        count = plural(off, "postponed or cancelled event")
        lines.append(ReportLine("note", f"no reminders for {count}"))
    stem = default_output(schedule).stem
    lines.append(ReportLine("said", f"exported {plural(len(taken), 'event')} of {stem}"))
    return tuple(lines)


def plan_export(
    schedule: Schedule,
    choices: ExportChoices,
    *,
    as_of: datetime | None = None,
    stamping: Callable[[datetime], Stamper] | None = None,
) -> ExportPlan:
    """What to write and say (see the module docstring); raises `ExportFailure`.

    `as_of`: the moment chosen (`--as-of`, the app's `a`), which DTSTAMP then is
    (`stamp_for`). `stamping`: given that DTSTAMP, the `Stamper` of a change ledger
    (`docket export --state`), asked for only once the filters are known to be good.
    """
    _unknown(schedule, choices)
    try:
        stamp = stamp_for(as_of)
    except DocketError as error:  # SOURCE_DATE_EPOCH that is no Unix time
        raise ExportFailure(str(error), usage=False) from None
    stamper = stamping(stamp) if stamping is not None else None
    files = _files(schedule, choices, stamp, stamper)
    request = choices.request
    return ExportPlan(
        files=files,
        report=_report(schedule, choices, files),
        events=choices.selection.count(schedule),
        split=request.split_year,
        to_stdout=request.output == "-",
    )


def write_export(plan: ExportPlan, *, stdout: BinaryIO | None = None) -> None:
    """Write the plan's files through `tui.core.atomic`; raises `ExportFailure` with a
    one-line reason, having left every previous file as it was. A reader of standard
    output that went away raises BrokenPipeError, for the command line to end quietly."""
    try:
        if plan.split:
            write_many([(file.target, file.data) for file in plan.files if file.target])
            return
        (file,) = plan.files
        if file.target is None:
            write_stream(file.data, stdout)
        else:
            write_file(file.target, file.data)
    except DocketError as error:
        raise ExportFailure(str(error), usage=False) from None
