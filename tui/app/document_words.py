"""What the document (`tui.app.document`) says in words: the details' lines about the
baseline and the rules, the notes after a reload or a judgement, and the header's lines
(kept per as-of day).
Textual-free; imported at start-up, so what it needs of the model is imported when used.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

from tui.app.view_models import Note

if TYPE_CHECKING:
    from tui.app.baseline_view import BaselineView
    from tui.app.describe import Fact
    from tui.app.headline import Headline
    from tui.core.countdown import Countdown
    from tui.core.errors import Diagnostic
    from tui.core.model import Event, Schedule
    from tui.rules import RuleResult


def event_facts(
    schedule: Schedule, event: Event, as_of: datetime, viewer: tzinfo | None
) -> list[Fact]:
    """The details panel's facts about one event (`tui.app.describe.details`)."""
    from tui.app.describe import details

    return details(schedule, event, as_of, viewer)


def more_facts(
    view: BaselineView | None, faults: dict[str, tuple[str, ...]], event_id: str
) -> list[Fact]:
    """The details' lines about the baseline and the rules for one event."""
    from tui.app.describe import Fact

    facts: list[Fact] = []
    if view is not None:
        item = view.diff.get(event_id)
        if item is None:
            facts.append(Fact("Baseline", f"unchanged since {view.label}"))
        elif item.new is None:
            facts.append(Fact("Baseline", f"removed since {view.label}"))
        elif item.old is None:
            facts.append(Fact("Baseline", f"added since {view.label}"))
        else:
            for number, change in enumerate(item.changes):
                facts.append(Fact("" if number else "Baseline", change.phrase()))
    for number, fault in enumerate(faults.get(event_id, ())):
        facts.append(Fact("" if number else "Rules", f"✗ {fault}"))
    return facts


def faults_of(results: Sequence[RuleResult]) -> dict[str, tuple[str, ...]]:
    """What each event a failing rule blames is blamed for (`rule-id: sentence`)."""
    faults: dict[str, list[str]] = {}
    for rule in results:
        for finding in rule.failures if rule.status == "fail" else ():
            if finding.at is not None:
                faults.setdefault(finding.at, []).append(f"{rule.rule.id}: {finding.message}")
    return {event: tuple(said) for event, said in faults.items()}


def newly_failing_note(results: Sequence[RuleResult], before: frozenset[str]) -> Note | None:
    """When a save turns a rule red, say so, as `docket serve` reports it: only for a rule
    that did not fail when the schedule was last judged (`before`)."""
    turned = [r for r in results if r.status == "fail" and r.rule.id not in before]
    if not turned:
        return None
    lines = []
    for rule in turned[:3]:
        why = rule.failures[0].message if rule.failures else rule.message
        lines.append(f"rule {rule.rule.id} now fails: {why}")
    if len(turned) > 3:
        lines.append(f"… and {len(turned) - 3} more (5 shows the rules)")
    error = any(rule.rule.severity == "error" for rule in turned)
    return Note("\n".join(lines), "Rules", "error" if error else "warning", timeout=8)


def reload_note(name: str, before: Sequence[Diagnostic], after: Sequence[Diagnostic]) -> Note:
    """After a reload, say what changed: the first new warning, or just "reloaded"."""
    said = {str(w) for w in before}
    warnings = [w for w in after if str(w) not in said]
    if not warnings:
        return Note(f"Reloaded {name}", timeout=2)
    first = warnings[0]
    more = f" (+{len(warnings) - 1} more: docket check)" if len(warnings) > 1 else ""
    text = f"{name}:{first.line}:{first.column}: {first.message}{more}"
    return Note(text, "New warning", "warning")


NO_HEADLINE = "No headline deadline (set [schedule] deadline = the id of one)"


class HeaderCache:
    """The header's countdown, session and baseline lines, each computed once per schedule
    (or comparison, by identity) and as-of day: the clock ticks every second, the words
    change once a day. A new one forgets them all."""

    def __init__(self) -> None:
        self._countdown: tuple[tuple[int, date], Countdown] | None = None
        self._session: tuple[tuple[int, date], str] | None = None
        self._baseline: tuple[tuple[int, date, bool], str] | None = None

    def headline(self, schedule: Schedule | None, now: datetime) -> Headline:
        """The headline deadline's numbers and name (or how to set one)."""
        from tui.app.describe import remaining_text
        from tui.app.headline import Headline, headline_for
        from tui.core.countdown import countdown_for

        deadline = schedule.headline_deadline if schedule is not None else None
        if schedule is None or deadline is None:
            return Headline((), NO_HEADLINE)
        key = (id(schedule), now.date())
        if self._countdown is None or self._countdown[0] != key:
            self._countdown = (key, countdown_for(schedule, deadline, now))
        countdown = self._countdown[1]
        return headline_for(countdown, deadline.title, remaining_text(countdown.due, now))

    def session(self, schedule: Schedule | None, now: datetime) -> str:
        """The session in progress or next, in words ('' when none is left)."""
        from tui.app.timeline.whats_next import session_line

        if schedule is None:
            return ""
        key = (id(schedule), now.date())
        if self._session is None or self._session[0] != key:
            self._session = (key, session_line(schedule, now))
        return self._session[1]

    def baseline(
        self, view: BaselineView | None, now: datetime, short: bool, pending: int | None = None
    ) -> str:
        """What changed against the baseline and how the headline numbers moved; `pending`
        (the number of edits, while the file on disk is the baseline): `unsaved: 1 moved`,
        classified as `docket diff` classifies changes (`tui.edit.session.summary_line`)."""
        from tui.app.baseline_view import headline_text

        if view is None:
            return ""
        key = (id(view), now.date(), short)
        if self._baseline is None or self._baseline[0] != key:
            words = None
            if pending is not None:
                from tui.edit.session import summary_line

                words = summary_line(view.diff, pending)
            self._baseline = (key, headline_text(view, now, short=short, words=words))
        return self._baseline[1]


def removed_event(view: BaselineView, event_id: str) -> Event | None:
    """The baseline's event of that id, when only the baseline has it."""
    item = view.diff.get(event_id)
    return item.old if item is not None and item.new is None else None
