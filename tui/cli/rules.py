"""`docket rules`: every rule of a schedule with its status, explanation, waivers and source.

Also the located diagnostics `docket check` prints for failing rules (`rule_diagnostics`):
at the event at fault (its `start`), else at the rule's constraint key. The judging itself is
`tui.rules`'; where things are written is the loader's locator.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tui.cli.common import EXIT_INVALID, as_of_accepted, load_or_exit, say, schedule_argument
from tui.core.errors import Diagnostic
from tui.core.text import truncate

if TYPE_CHECKING:
    from tui.rules import RuleResult
    from tui.schedule.loader import Loaded

_MARKS = {"pass": "✓ pass", "fail": "✗ fail", "waived": "~ waived"}
TITLE_WIDTH = 56


@click.command("rules")
@schedule_argument()
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of a table.")
@as_of_accepted
def rules_command(schedule: Path | None, as_json: bool) -> None:
    """Print every rule of SCHEDULE: pass, fail or waived, why, and its source.

    Without SCHEDULE, ./schedule.toml or the bundled schedule. Exit status: 0 when no
    `error` rule fails (warnings allowed), 1 when one does or the schedule is invalid.
    """
    from tui.rules import evaluate, summarize

    loaded = load_or_exit(schedule, show_warnings=False)
    results = evaluate(loaded.schedule)
    summary = summarize(results)
    if as_json:
        text = json.dumps([r.as_json() for r in results], ensure_ascii=False, indent=2)
        say(text.replace("\x7f", "\\u007f"), data=True)
    else:
        say(render(loaded, results))
        if results:
            say(f"\n{summary.text}")
    raise SystemExit(0 if summary.ok else EXIT_INVALID)


def render(loaded: Loaded, results: list[RuleResult]) -> str:
    """The table (status, severity, id, title) and under each rule its explanation,
    waivers and source."""
    schedule = loaded.schedule
    if not results:
        return f"{schedule.title}\n\nNo rules in this schedule (add [[rules]] tables)."
    rows = [
        (_MARKS[r.status], r.rule.severity, r.rule.id, truncate(r.rule.title, TITLE_WIDTH))
        for r in results
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [schedule.title, ""]
    for result, row in zip(results, rows, strict=True):
        head = "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
        lines.append(f"{head}  {row[3]}".rstrip())
        indent = " " * (widths[0] + 2)
        lines.append(f"{indent}{result.message}")
        for waiver in result.rule.waivers:
            lines.append(f"{indent}waived: {waiver.event}: {waiver.reason}")
        source = result.rule.source
        if source is not None:
            url = f" <{source.url}>" if source.url else ""
            lines.append(f"{indent}source: {source.citation}{url}")
    return "\n".join(lines)


def rule_diagnostics(loaded: Loaded, path: str) -> tuple[list[Diagnostic], int]:
    """Located `rule <id>: …` lines for every unwaived failure, and how many are errors."""
    from tui.rules import evaluate
    from tui.schedule.issues import Issue
    from tui.schedule.loader import locate

    schedule = loaded.schedule
    if not schedule.rules:
        return [], 0
    index = {event.id: position for position, event in enumerate(schedule.events)}
    issues = []
    for result in evaluate(schedule):
        rule = result.rule
        for finding in result.failures:
            message = f"rule {rule.id}: {finding.message}"
            where = index.get(finding.at) if finding.at is not None else None
            if where is not None:
                issues.append(Issue(("events", where, "start"), "value", rule.severity, message))
            else:
                key = ("rules", rule.index, rule.constraint_key)
                issues.append(Issue(key, "key", rule.severity, message))
    diagnostics = locate(issues, loaded.locator, path)
    return diagnostics, sum(1 for d in diagnostics if d.severity == "error")
