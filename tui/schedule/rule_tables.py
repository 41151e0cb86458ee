"""The optional `[[rules]]` array: checked like every other table, built into `Rule`s.

`checks` judges each table's keys and values against `fields.RULE_FIELDS` and the tables
under it; what spans tables is here: a rule has exactly one constraint, `min` is not above
`max`, venue ids are declared, and the ids in `order` and `waive` name events (with a did
you mean). The rules are only built, never judged: that is `tui.rules`, which the format
does not import.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tui.core.rules_model import (
    CONSTRAINTS,
    Constraint,
    Count,
    Gap,
    Length,
    Order,
    Rule,
    Selection,
    Source,
    VenueRule,
    Waiver,
)
from tui.core.text import clip, shown
from tui.schedule.checks import Validator
from tui.schedule.fields import TABLES
from tui.schedule.issues import type_name
from tui.schedule.references import Known
from tui.schedule.toml_source import KeyPath

#: The key of each constraint -> the name of its fields in TABLES.
_TABLE_OF = {
    "count": "count",
    "length": "length",
    "gap": "gap",
    "venue": "venue-rule",
    "order": "order",
}


def build_rules(v: Validator, items: object, venues: Known, event_ids: Known) -> tuple[Rule, ...]:
    """Check `[[rules]]` and return the rules (those without errors, in file order)."""
    if not isinstance(items, list):
        v.error(
            ("rules",),
            f"`rules` must be an array of [[rules]] tables, not {type_name(items)}",
            "key",
        )
        return ()
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    for index, body in enumerate(items):
        path: KeyPath = ("rules", index)
        if not isinstance(body, dict):
            if path not in v.reported:
                v.error(path, f"each [[rules]] entry must be a table, not {type_name(body)}")
            continue
        rule_id = body.get("id") if isinstance(body.get("id"), str) else None
        what = f"rule `{clip(rule_id)}`" if rule_id else f"[[rules]] #{index + 1}"
        before = len(v.issues)
        clean = v.fields(body, TABLES["rule"], path, what)
        if "id" in clean:
            if clean["id"] in seen:
                v.error(
                    (*path, "id"),
                    f"duplicate rule id `{clip(clean['id'])}` "
                    f"(first used by [[rules]] #{seen[clean['id']] + 1})",
                )
            else:
                seen[clean["id"]] = index
        rule = _Rule(v, path, what, venues, event_ids).build(body, clean, index)
        if rule is not None and len(v.issues) == before:
            rules.append(rule)
    return tuple(rules)


class _Rule:
    """The checks of one rule that look at more than one key."""

    def __init__(
        self,
        v: Validator,
        path: KeyPath,
        what: str,
        venues: Known,
        event_ids: Known,
    ) -> None:
        self.v, self.path, self.what = v, path, what
        self.venues, self.event_ids = venues, event_ids

    def build(self, body: dict[str, Any], clean: dict[str, Any], index: int) -> Rule | None:
        v, path = self.v, self.path
        written = [key for key in body if key in _TABLE_OF]
        if not written:
            v.error(
                path,
                f"{self.what} has no constraint: give it one of "
                f"{', '.join(f'`{key}`' for key in CONSTRAINTS)}",
                "table",
            )
        for extra in written[1:]:
            v.error(
                (*path, extra),
                f"{self.what} has more than one constraint (`{written[0]}` and `{extra}`): "
                "a rule states exactly one; write a second [[rules]] table for this one",
                "key",
            )
        for position, venue in enumerate(clean.get("venues", ())):
            self._venue(venue, (*path, "venues", position))
        constraints = [
            self._constraint(key, clean[key], (*path, key)) for key in written if key in clean
        ]
        constraint = constraints[0] if len(written) == len(constraints) == 1 else None
        waivers = self._waivers(clean.get("waive", ()), written[0] if len(written) == 1 else None)
        source = None
        if "source" in clean:
            found = v.fields(clean["source"], TABLES["source"], (*path, "source"), "`source`")
            if "citation" in found:
                source = Source(found["citation"], found.get("url"))
        if constraint is None or "id" not in clean or "title" not in clean:
            return None
        return Rule(
            id=clean["id"],
            title=clean["title"],
            constraint=constraint,
            index=index,
            severity=clean.get("severity", "error"),
            selection=Selection(
                kinds=tuple(clean.get("kinds", ())),
                tags=tuple(clean.get("tags", ())),
                venues=tuple(clean.get("venues", ())),
                statuses=tuple(clean.get("statuses", ())),
            ),
            waivers=waivers,
            source=source,
        )

    def _sub(self, table: dict[str, Any], key: str) -> dict[str, Any]:
        return self.v.fields(
            table, TABLES[_TABLE_OF[key]], (*self.path, key), f"`{key}` of {self.what}"
        )

    def _constraint(self, key: str, raw: dict[str, Any], path: KeyPath) -> Constraint | None:
        sub = self._sub(raw, key)
        if key == "venue":
            return self._venue_rule(sub, path)
        if key == "order":
            return self._order(sub, path)
        low, high = sub.get("min"), sub.get("max")
        if "min" not in raw and "max" not in raw:
            self.v.error(path, f"`{key}` of {self.what} needs `min`, `max` or both", "key")
            return None
        if low is None and high is None:
            return None
        if low is not None and high is not None and high < low:
            self.v.error((*path, "max"), f"`max` {high} is below `min` {low}")
            return None
        if key == "count":
            return Count(low, high)
        if "unit" not in sub:
            return None
        if key == "length":
            return Length(sub["unit"], low, high)
        return Gap(sub["unit"], low, high, sub.get("measure", "end-to-start"))

    def _venue_rule(self, sub: dict[str, Any], path: KeyPath) -> VenueRule | None:
        modes = [mode for mode in ("all", "any", "last") if mode in sub]
        if len(modes) != 1:
            self.v.error(
                path,
                f"`venue` of {self.what} needs exactly one of `all`, `any` or `last`"
                + (f", not {' and '.join(f'`{m}`' for m in modes)}" if modes else ""),
                "key",
            )
            return None
        mode = modes[0]
        ok = True
        for position, venue in enumerate(sub[mode]):
            where = (*path, mode, position) if len(sub[mode]) > 1 else (*path, mode)
            ok = self._venue(venue, where) and ok
        return VenueRule(mode, tuple(sub[mode])) if ok else None

    def _order(self, sub: dict[str, Any], path: KeyPath) -> Order | None:
        event = sub.get("event")
        known = event is None or self._event(event, (*path, "event"), "`event`")
        target = sub.get("before")
        if isinstance(target, date):
            return Order(event=event, before_date=target) if known else None
        if isinstance(target, str) and self._event(target, (*path, "before"), "`before`") and known:
            if target == event:
                self.v.error((*path, "before"), "`before` names the same event as `event`")
                return None
            return Order(event=event, before_event=target)
        return None

    def _waivers(self, items: list[dict[str, Any]], constraint: str | None) -> tuple[Waiver, ...]:
        waivers: list[Waiver] = []
        seen: set[str] = set()
        for position, item in enumerate(items):
            path = (*self.path, "waive", position)
            clean = self.v.fields(item, TABLES["waiver"], path, f"`waive` of {self.what}")
            event = clean.get("event")
            if event is None or not self._event(event, (*path, "event"), "`event`"):
                continue
            if event in seen:
                self.v.error((*path, "event"), f"`{clip(event)}` is waived twice in {self.what}")
                continue
            seen.add(event)
            usable, dates = self._granted_for(clean.get("dates"), (*path, "dates"))
            if "reason" in clean and usable:
                waivers.append(Waiver(event, clean["reason"], dates))
        if items and constraint == "count":
            self.v.error(
                (*self.path, "waive"),
                "a `count` rule's failures name no event, so there is nothing to waive: "
                "change the selection or `min`/`max` instead",
                "key",
            )
        return tuple(waivers)

    def _granted_for(
        self, dates: list[date] | None, path: KeyPath
    ) -> tuple[bool, tuple[date, date] | None]:
        """Whether a waiver's `dates` are usable, and them as (first, last) if given."""
        if dates is None:
            return True, None
        if len(dates) not in (1, 2):
            self.v.error(path, f"`dates` holds the first and last day, not {len(dates)} dates")
            return False, None
        first, last = dates[0], dates[-1]
        if last < first:
            self.v.error(path, f"`dates` ends ({last}) before it begins ({first})")
            return False, None
        return True, (first, last)

    def _event(self, event_id: str, path: KeyPath, key: str) -> bool:
        """Whether `event_id` names an event (or may: see `references`); reported if not."""
        if not self.event_ids.dangles(event_id):
            return True
        self.v.error(
            path,
            f"{key} in {self.what} names no event: {shown(event_id)}"
            f"{self.event_ids.hint(event_id)}",
        )
        return False

    def _venue(self, venue: str, path: KeyPath) -> bool:
        if not self.venues.dangles(venue):
            return True
        self.v.error(path, self.venues.unknown(venue))
        return False
