"""Judging each rule: pure functions from (rules, schedule) to one `RuleResult` per rule.

A rule fails when a `Finding` (one sentence, the events involved, the event at fault if
any) is not covered by a waiver; it is `waived` when it has findings and every one is
waived; otherwise it passes. Nothing here raises for any schedule the loader accepts: the
loader has checked ids and venues, and the few lookups that could still miss are answered
with a finding instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from typing import Any, Literal

from tui.core.model import Event, Schedule
from tui.core.rules_model import Count, Gap, Length, Order, Rule, VenueRule, Waiver
from tui.core.words import count_text, day_text, days_text, span_text
from tui.core.workdays import working_days_between
from tui.rules.words import bound, noun, titles

Status = Literal["pass", "fail", "waived"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One way a rule is broken: a sentence, the events it names, and the event at fault
    (None when the fault is the rule's as a whole, as for a count)."""

    message: str
    events: tuple[str, ...] = ()
    at: str | None = None
    waiver: Waiver | None = None


@dataclass(frozen=True, slots=True)
class RuleResult:
    """A rule's verdict: status, a one-sentence explanation, the events it looked at."""

    rule: Rule
    status: Status
    message: str
    events: tuple[str, ...]
    findings: tuple[Finding, ...] = ()

    @property
    def failures(self) -> tuple[Finding, ...]:
        """The findings no waiver covers: what `docket check` reports."""
        return tuple(f for f in self.findings if f.waiver is None)

    @property
    def waived(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.waiver is not None)

    def as_json(self) -> dict[str, Any]:
        """The stable keys of `docket rules --json`."""
        rule = self.rule
        used = {f.waiver.event: f.message for f in self.findings if f.waiver is not None}
        return {
            "id": rule.id,
            "title": rule.title,
            "severity": rule.severity,
            "status": self.status,
            "message": self.message,
            "events": list(self.events),
            "waived": [
                {
                    "event": w.event,
                    "reason": w.reason,
                    "dates": [d.isoformat() for d in w.dates] if w.dates else None,
                    "message": used.get(w.event),
                }
                for w in rule.waivers
            ],
            "source": (
                {"citation": rule.source.citation, "url": rule.source.url}
                if rule.source is not None
                else None
            ),
        }


def evaluate(schedule: Schedule) -> list[RuleResult]:
    """Every rule of the schedule, judged, in file order."""
    return evaluate_rules(schedule.rules, schedule)


def evaluate_rules(rules: Sequence[Rule], schedule: Schedule) -> list[RuleResult]:
    ordered = schedule.in_date_order() if rules else []
    return [_evaluate(rule, schedule, ordered) for rule in rules]


def selected(rule: Rule, ordered: Sequence[Event]) -> list[Event]:
    """The events a rule's selection picks, in date order."""
    sel = rule.selection
    picked = []
    for event in ordered:
        if sel.statuses:
            if event.status not in sel.statuses:
                continue
        elif event.is_off:
            continue
        if sel.kinds and event.kind not in sel.kinds:
            continue
        if sel.tags and not any(tag in sel.tags for tag in event.tags):
            continue
        if sel.venues and (event.venue is None or event.venue.id not in sel.venues):
            continue
        picked.append(event)
    return picked


def _evaluate(rule: Rule, schedule: Schedule, ordered: Sequence[Event]) -> RuleResult:
    events = selected(rule, ordered)
    constraint = rule.constraint
    if isinstance(constraint, Count):
        passed, findings = _count(constraint, events)
    elif isinstance(constraint, Length):
        passed, findings = _length(constraint, events, schedule)
    elif isinstance(constraint, Gap):
        passed, findings = _gap(constraint, events, schedule)
    elif isinstance(constraint, VenueRule):
        passed, findings = _venue(constraint, events, schedule)
    else:
        passed, findings = _order(constraint, events, schedule)
    findings = [_waive(rule, f, schedule) for f in findings]
    involved = tuple(
        dict.fromkeys([e.id for e in events] + [i for f in findings for i in f.events])
    )
    failures = [f for f in findings if f.waiver is None]
    if failures:
        more = f" (and {len(failures) - 1} more)" if len(failures) > 1 else ""
        return RuleResult(rule, "fail", failures[0].message + more, involved, tuple(findings))
    if findings:
        first = findings[0]
        assert first.waiver is not None
        more = f", and {len(findings) - 1} more" if len(findings) > 1 else ""
        message = f"waived: {first.message}{more}"
        return RuleResult(rule, "waived", message, involved, tuple(findings))
    return RuleResult(rule, "pass", passed, involved, ())


Verdict = tuple[str, list[Finding]]


def _waive(rule: Rule, finding: Finding, schedule: Schedule) -> Finding:
    """The finding with the waiver that covers it; one pinned to dates the event no longer
    has covers nothing, and the finding says so (its reason may quote the old dates)."""
    waiver = rule.waiver_for(finding.at) if finding.at else None
    event = schedule.event(finding.at) if waiver is not None and finding.at else None
    if waiver is None or event is None or waiver.covers(event.first_day, event.last_day):
        return Finding(finding.message, finding.events, finding.at, waiver)
    assert waiver.dates is not None
    granted = days_text(*waiver.dates)
    now = days_text(event.first_day, event.last_day)
    message = (
        f"{finding.message}; the waiver was granted for {granted} and no longer applies "
        f"(the event is now {now})"
    )
    return Finding(message, finding.events, finding.at, None)


def _count(rule: Count, events: list[Event]) -> Verdict:
    n = len(events)
    found = f"{noun(events, n)} match ({titles(events)})" if n else "no event matches"
    message = f"{found}; the rule needs {bound(rule.min, rule.max)}"
    low_ok = rule.min is None or n >= rule.min
    high_ok = rule.max is None or n <= rule.max
    if low_ok and high_ok:
        return message, []
    return message, [Finding(message, tuple(e.id for e in events))]


def _length(rule: Length, events: list[Event], schedule: Schedule) -> Verdict:
    need = bound(rule.min, rule.max, rule.unit)
    measured = [(event, _length_of(event, rule.unit, schedule)) for event in events]
    findings = [
        Finding(
            f"{event.title} ({span_text(event)}) has {count_text(value, rule.unit)}; "
            f"the rule needs {need}",
            (event.id,),
            event.id,
        )
        for event, value in measured
        if not _within(value, rule.min, rule.max)
    ]
    if not measured:
        return "no event matches, so there is nothing to measure", findings
    event, value = min(measured, key=lambda item: item[1])
    if rule.min is None:
        event, value = max(measured, key=lambda item: item[1])
    extreme = "shortest" if rule.min is not None else "longest"
    return (
        f"{noun(events, len(events))} match, each with {need} "
        f"(the {extreme}, {event.title}, has {count_text(value, rule.unit)})",
        findings,
    )


def _length_of(event: Event, unit: str, schedule: Schedule) -> int:
    if unit == "days":
        return event.duration_days
    if unit == "working_days":
        return working_days_between(event.first_day, event.last_day, schedule.holidays)
    return event.working_day_count  # meeting days: the venue's holidays are off too


def _gap(rule: Gap, events: list[Event], schedule: Schedule) -> Verdict:
    scale = 7 if rule.unit == "weeks" else 1
    unit = rule.unit
    low = rule.min * scale if rule.min is not None else None
    high = rule.max * scale if rule.max is not None else None
    need = bound(low, high, unit)
    findings = []
    closest: tuple[int, str] | None = None
    for earlier, later in pairwise(events):
        start = later.first_day
        since = earlier.last_day if rule.measure == "end-to-start" else earlier.first_day
        value = _days_between(since, start, unit, schedule)
        said = _apart(earlier, later, since, value, unit, rule.measure)
        if closest is None or (value < closest[0] if rule.min is not None else value > closest[0]):
            closest = (value, said)
        if not _within(value, low, high):
            short = (
                f" ({count_text(low - value, unit)} short)"
                if low is not None and value < low
                else ""
            )
            over = (
                f" ({count_text(value - high, unit)} over)"
                if high is not None and value > high
                else ""
            )
            findings.append(
                Finding(
                    f"{said}; the rule needs {need}{short}{over}", (earlier.id, later.id), later.id
                )
            )
    if closest is None:
        return "fewer than two events match, so there is no gap to measure", findings
    which = "closest" if rule.min is not None else "farthest apart"
    return f"the {which}: {closest[1]}; the rule needs {need}", findings


def _days_between(since: date, until: date, unit: str, schedule: Schedule) -> int:
    """From `since` to `until`: calendar days, or the working days after `since` up to and
    including `until` (negative when `until` comes first, like the calendar count)."""
    if unit != "working_days":
        return (until - since).days
    if until > since:
        return working_days_between(since + timedelta(days=1), until, schedule.holidays)
    if until < since:
        return -working_days_between(until + timedelta(days=1), since, schedule.holidays)
    return 0


def _apart(earlier: Event, later: Event, since: date, value: int, unit: str, measure: str) -> str:
    what = "end" if measure == "end-to-start" else "start"
    if value <= 0 and measure == "end-to-start":
        return f"{later.title} starts on {day_text(later.first_day)}, before {earlier.title} ends"
    return (
        f"{earlier.title} and {later.title} are {count_text(value, unit)} apart "
        f"({what} {day_text(since)} to start {day_text(later.first_day)})"
    )


def _venue(rule: VenueRule, events: list[Event], schedule: Schedule) -> Verdict:
    names = " or ".join(_place(schedule, venue) for venue in rule.venues)
    if rule.mode == "any":
        counts = {
            venue: sum(1 for e in events if e.venue and e.venue.id == venue)
            for venue in rule.venues
        }
        findings = [
            Finding(f"no selected event is at {_place(schedule, venue)}")
            for venue, n in counts.items()
            if n == 0
        ]
        held = ", ".join(f"{n} at {_place(schedule, venue)}" for venue, n in counts.items())
        return f"of {noun(events, len(events))}: {held}", findings
    if rule.mode == "last":
        if not events:
            return "", [Finding("no event matches, so there is no last one")]
        events = events[-1:]
    findings = [
        Finding(
            f"{e.title} ({span_text(e)}) is {_at(e)}; the rule needs "
            + ("the last selected event" if rule.mode == "last" else "every selected event")
            + f" at {names}",
            (e.id,),
            e.id,
        )
        for e in events
        if e.venue is None or e.venue.id not in rule.venues
    ]
    if rule.mode == "last":
        return (
            f"the last, {events[0].title} ({span_text(events[0])}), is {_at(events[0])}",
            findings,
        )
    return f"all {noun(events, len(events))} are at {names}", findings


def _place(schedule: Schedule, venue_id: str) -> str:
    venue = schedule.venues.get(venue_id)
    return (venue.city or venue.name) if venue is not None else venue_id


def _at(event: Event) -> str:
    return f"at {event.venue.city or event.venue.name}" if event.venue else "at no venue"


def _order(rule: Order, events: list[Event], schedule: Schedule) -> Verdict:
    subject = schedule.event(rule.event) if rule.event else (events[-1] if events else None)
    if subject is None:
        missing = f"no event `{rule.event}`" if rule.event else "no event matches"
        return "", [Finding(f"{missing}, so there is nothing to put in order")]
    if rule.before_date is not None:
        limit = rule.before_date
        ok = subject.last_day < limit
        target = day_text(limit)
        gap = (limit - subject.last_day).days
        names: tuple[str, ...] = (subject.id,)
    else:
        other = schedule.event(rule.before_event or "")
        if other is None:
            return "", [Finding(f"no event `{rule.before_event}` to come before")]
        moment = other.end_instant if other.is_point else other.start_instant
        ok = subject.end_instant <= moment
        target = f"{other.title} ({span_text(other)})"
        gap = (other.first_day - subject.last_day).days
        names = (subject.id, other.id)
    said = f"{subject.title} ({span_text(subject)})"
    if ok:
        when = f"{count_text(gap, 'days')} before" if gap > 0 else "by"
        return f"{said} comes {when} {target}", []
    late = f", {count_text(-gap, 'days')} after it" if gap < 0 else ""
    message = f"{said} is not before {target}{late}"
    return message, [Finding(message, names, subject.id)]


def _within(value: int, low: int | None, high: int | None) -> bool:
    return (low is None or value >= low) and (high is None or value <= high)
