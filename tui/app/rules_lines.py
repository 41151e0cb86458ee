"""The rules view's lines: each rule with its status, severity, title, explanation, waivers
and source, wrapped to a width. Textual-free (the widget only draws the runs).

A status differs by glyph as well as colour: `✓ pass`, `✗ fail`, `~ waived`. Every text from
the file (titles, ids, messages quoting titles, reasons, citations, urls) goes through
`tui.app.shown`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size

from tui.app.shown import shown

if TYPE_CHECKING:
    from tui.rules import RuleResult, RulesSummary

#: A piece of a line: its text and the name of its style.
Run = tuple[str, str]

MARKS = {"pass": "✓ pass", "fail": "✗ fail", "waived": "~ waived"}
HINT = (
    "No rules in this schedule. Add [[rules]] tables to the file (each with an id, a title, "
    "a source and one constraint: count, length, gap, venue or order) and they are checked "
    "here as you save; `docket rules` lists them too."
)
#: Where the explanation, waivers and source start (after the mark and the severity).
INDENT = 4
MARK_WIDTH = 9
SEVERITY_WIDTH = 8


def wrap(text: str, width: int, indent: int = 0, first: int | None = None) -> list[str]:
    """`text` in lines of at most `width` cells, broken between words (a word longer than a
    line is cut); every line after the first starts with `indent` spaces; the first line has
    `first` cells of room if given."""
    lines: list[str] = []
    room = max(1, width - indent if first is None else first)
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if cell_len(candidate) <= room or not line:
            while cell_len(candidate) > room:  # a single over-long word
                lines.append(set_cell_size(candidate, room))
                candidate = candidate[len(lines[-1]) :]
                room = max(1, width - indent)
            line = candidate
            continue
        lines.append(line)
        line = word
        room = max(1, width - indent)
        while cell_len(line) > room:
            lines.append(set_cell_size(line, room))
            line = line[len(lines[-1]) :]
    lines.append(line)
    return [lines[0], *(" " * indent + rest for rest in lines[1:])]


def rules_lines(
    results: Sequence[RuleResult], summary: RulesSummary | None, width: int
) -> list[list[Run]]:
    """Every line of the view at `width` cells (at least 20)."""
    width = max(20, width)
    if not results or summary is None:
        return [[(line, "hint")] for line in wrap(" " + HINT, width, indent=1)]
    failing = "fail" if summary.failed_errors else ("waived" if summary.failed else "pass")
    lines: list[list[Run]] = [[(f" {summary.text}", failing)], [("", "")]]
    pad = " " * (1 + MARK_WIDTH + SEVERITY_WIDTH)
    for result in results:
        rule = result.rule
        mark = MARKS[result.status].ljust(MARK_WIDTH)
        head = f"{shown(rule.title)} · {shown(rule.id)}"
        room = width - len(pad)
        title_lines = wrap(head, width, indent=len(pad), first=room)
        severity = rule.severity.ljust(SEVERITY_WIDTH)
        lines.append(
            [
                (" ", ""),
                (mark, result.status),
                (severity, "error" if rule.severity == "error" else "warning"),
                (title_lines[0], "title"),
            ]
        )
        lines += [[(line, "title")] for line in title_lines[1:]]
        lines += _block("", shown(result.message), "text", pad, width)
        used = {f.waiver.event for f in result.findings if f.waiver is not None}
        for waiver in rule.waivers:
            label = "waiver for" if waiver.event in used else "unused waiver for"
            text = f"{label} {shown(waiver.event)}: {shown(waiver.reason)}"
            lines += _block("", text, "waiver", pad, width)
        source = rule.source
        if source is not None:
            lines += _block("source: ", shown(source.citation), "source", pad, width)
            if source.url:
                lines += _block("", shown(source.url), "url", pad + " " * 8, width)
        lines.append([("", "")])
    return lines


def _block(label: str, text: str, style: str, pad: str, width: int) -> list[list[Run]]:
    """`label` and `text` from column `len(pad)`, wrapped under the text's first column."""
    indent = len(pad) + len(label)
    wrapped = wrap(text, width, indent=indent, first=width - indent)
    first: list[Run] = [(pad, "")]
    if label:
        first.append((label, "label"))
    first.append((wrapped[0], style))
    return [first, *([(line, style)] for line in wrapped[1:])]
