"""Resolving dates that follow other events' dates, in dependency order, errors located.

Each following date names one other date (an event's start or end), so the dates and their
links form a graph in which every node has at most one outgoing link: resolving one is
walking its chain to a fixed date and unwinding it, memoised, with an explicit stack (a
chain 100,000 deep costs no recursion). A walk that meets its own path has found a cycle:
every date in it is an error, each at its own key, naming the others.

Judged here, once every event id is known: what a reference names (an unknown event gets a
did-you-mean; an unknown part, the two parts there are), where the arithmetic lands (inside
the format's years), and whether the event followed is cancelled (a warning: the date still
follows the cancelled event's dates, so it does not move until the link is changed). A
reference to an event with errors of its own is not judged further: that event's error is
the one to report, and the dates that follow it are left out of the model with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Final, NamedTuple
from zoneinfo import ZoneInfo

from tui.core.follows import DEFAULT_PART, PARTS, Follows, Part, shift
from tui.core.text import clip
from tui.core.words import plural
from tui.schedule.checks import Validator
from tui.schedule.fields import FIRST_YEAR, LAST_YEAR
from tui.schedule.follow_table import Written
from tui.schedule.issues import Issue
from tui.schedule.references import Known
from tui.schedule.toml_source import KeyPath

Node = tuple[str, str]
#: Stands for a date that could not be resolved (its error, or its root's, is reported).
_FAILED: Final = object()
#: Members a cycle's message names before it says how many there are in all.
_NAMED = 8


class Entry(NamedTuple):
    """One readable event as the builder holds it before the model is made (a named tuple:
    one is made for every event of every file, and a tuple is the cheapest to make)."""

    clean: dict[str, Any]
    path: KeyPath
    zone: ZoneInfo
    holidays: frozenset[date]
    has_venue: bool


@dataclass
class Resolution:
    """The definitions kept for explanation, and the events left out for an error."""

    follows: dict[str, dict[str, Follows]] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)


def attach(value: date | datetime, zone: ZoneInfo) -> date | datetime:
    """A local date-time gets the venue's (or schedule's) zone; others are kept as written."""
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=zone)
    return value


def resolve_follows(
    v: Validator, entries: dict[str, Entry], ids: Known, following: list[str]
) -> Resolution:
    """Replace every `Written` start or end in `entries` by its resolved date, in place;
    `following` are the ids of the events that have one (the others are not looked at)."""
    result = Resolution()
    links: dict[Node, tuple[Node, Follows] | None] = {}
    for event_id in following:
        entry = entries[event_id]
        for name in ("start", "end"):
            written = entry.clean.get(name)
            if isinstance(written, Written):
                link = _link(v, entries, ids, entry, name, written)
                links[event_id, name] = link
                if link is not None:
                    result.follows.setdefault(event_id, {})[name] = link[1]
    if not links:
        return result
    done: dict[Node, object] = {}
    for node, link in links.items():
        if node in done:
            continue
        if link is not None and link[0] not in links:  # hangs on a fixed date: no walk
            target = entries[link[0][0]]
            value = target.clean.get(link[0][1])
            done[node] = (
                _FAILED
                if value is None
                else _shifted(v, node, entries, link[1], attach(value, target.zone))
            )
        else:
            _walk(v, node, entries, links, done)
    for event_id, name in links:
        value = done[event_id, name]
        if value is _FAILED:
            result.failed.add(event_id)
        else:
            entries[event_id].clean[name] = value
    return result


def _link(
    v: Validator,
    entries: dict[str, Entry],
    ids: Known,
    entry: Entry,
    name: str,
    written: Written,
) -> tuple[Node, Follows] | None:
    """The node a following date hangs on, and its definition; None after reporting."""
    reference = written.reference
    target = entries.get(reference)
    if target is not None:  # the common case: an id, its default part
        anchor: str | None = reference
        part: Part = "start" if written.before else "end"
    else:
        anchor, part = _split(reference, entries, written.before)
    if anchor is None:
        where: KeyPath = (*entry.path, name, "before" if written.before else "after")
        head, _, tail = reference.rpartition(".")
        if head in entries or (head in ids and tail not in PARTS):
            v.error(
                where,
                f"unknown part `{clip(tail)}` of event `{clip(head)}`: write "
                f'"{clip(head)}.start" or "{clip(head)}.end"',
            )
        else:
            meant = head if tail in PARTS and head else reference
            if ids.dangles(meant):
                v.error(where, ids.unknown(meant))
        return None
    target = entries.get(anchor)
    if target is None:
        return None  # declared with an error of its own, which is the one reported
    clean = target.clean
    if "status" in clean and clean["status"] == "cancelled":
        v.issues.append(
            Issue(
                (*entry.path, name, "before" if written.before else "after"),
                "value",
                "warning",
                f"`{name}` follows `{clip(anchor)}`, which is cancelled: it still follows "
                "the cancelled event's dates; give it a date of its own or follow another",
            )
        )
    follows = Follows(anchor, part, written.amount, written.unit, written.before)
    node_part = part if part == "start" or "end" in clean else "start"
    return (anchor, node_part), follows


def _split(reference: str, entries: dict[str, Entry], before: bool) -> tuple[str | None, Part]:
    """(event id, part) a reference names, or (None, ...) when it names no readable event.

    An id may hold dots, so a reference that is an id as a whole is one, with the default
    part; otherwise its last `.start` or `.end` is the part."""
    if reference in entries:
        return reference, DEFAULT_PART[before]
    head, _, tail = reference.rpartition(".")
    if head in entries and tail in PARTS:
        return head, "start" if tail == "start" else "end"
    return None, DEFAULT_PART[before]


def _walk(
    v: Validator,
    node: Node,
    entries: dict[str, Entry],
    links: dict[Node, tuple[Node, Follows] | None],
    done: dict[Node, object],
) -> None:
    """Resolve `node` and the chain it hangs on, without recursion."""
    path: list[Node] = []
    on_path: dict[Node, int] = {}
    current = node
    while True:
        if current in done:
            base = done[current]
            break
        if current not in links:
            value = entries[current[0]].clean.get(current[1])
            base = _FAILED if value is None else attach(value, entries[current[0]].zone)
            break
        if current in on_path:
            cycle = path[on_path[current] :]
            _report_cycle(v, cycle, entries)
            for member in cycle:
                done[member] = _FAILED
            del path[on_path[current] :]
            base = _FAILED
            break
        link = links[current]
        on_path[current] = len(path)
        path.append(current)
        if link is None:
            base = _FAILED
            break
        current = link[0]
    for member in reversed(path):
        link = links[member]
        if base is _FAILED or link is None:
            base = _FAILED
        else:
            base = _shifted(v, member, entries, link[1], base)
        done[member] = base


def _shifted(
    v: Validator, node: Node, entries: dict[str, Entry], follows: Follows, base: object
) -> object:
    """The anchor's date moved by the definition, or _FAILED after reporting where it lands."""
    assert isinstance(base, date)
    unit = follows.unit
    if type(base) is date and (unit == "days" or unit == "weeks"):  # the common case, inline
        days = follows.amount * (7 if unit == "weeks" else 1)
        try:
            quick = base - timedelta(days=days) if follows.before else base + timedelta(days=days)
        except OverflowError:
            quick = None
        if quick is not None and FIRST_YEAR <= quick.year <= LAST_YEAR:
            return quick
    entry = entries[node[0]]
    holidays = entry.holidays if entry.has_venue else entries[follows.anchor].holidays
    where: KeyPath = (*entry.path, node[1])
    try:
        moved = shift(base, follows.signed_amount, follows.unit, holidays)
    except (OverflowError, ValueError):
        moved = None
    if moved is None or not FIRST_YEAR <= moved.year <= LAST_YEAR:
        landed = f"lands on {moved}" if moved is not None else "lands past any calendar"
        v.error(
            where,
            f"`{node[1]}` ({plural(follows.amount, follows.unit.replace('_', ' ')[:-1])} "
            f"{'before' if follows.before else 'after'} `{clip(follows.anchor)}`) {landed}, "
            f"outside the years docket supports ({FIRST_YEAR} to {LAST_YEAR})",
        )
        return _FAILED
    return moved


def _report_cycle(v: Validator, cycle: list[Node], entries: dict[str, Entry]) -> None:
    """One error at each date of the cycle, each naming the cycle from itself round."""
    for index, (event_id, name) in enumerate(cycle):
        turn = cycle[index:] + cycle[:index]
        names = [f"{clip(member)}.{part}" for member, part in turn[:_NAMED]]
        if len(turn) > _NAMED:
            names.append(f"… ({plural(len(turn), 'date')} in all)")
        names.append(f"{clip(event_id)}.{name}")
        if len(turn) == 1:
            message = f"`{name}` follows itself: give it a date or follow another event"
        else:
            message = (
                f"`{name}` is in a cycle of following dates: {' → '.join(names)}; "
                "one of them must be a date of its own"
            )
        v.error((*entries[event_id].path, name), message)
