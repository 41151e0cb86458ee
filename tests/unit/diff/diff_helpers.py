"""Shared by the `tui.diff` tests: schedule pairs made by editing schedule text.

Both sides always go through the real loader, so a pair is exactly what a planner's edit
would give `docket diff`.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from tests.conftest import BUNDLED, DATA
from tui.core.model import Schedule
from tui.diff.compare import ScheduleDiff, compare
from tui.diff.report import groups
from tui.schedule.loader import load_text

NY = ZoneInfo("America/New_York")
AS_OF = datetime(2022, 9, 6, tzinfo=NY)
BUNDLED_TEXT = BUNDLED.read_text(encoding="utf-8")
MINIMAL = (DATA / "minimal.toml").read_text(encoding="utf-8")


# -- editing schedule text --------------------------------------------------------------------


def _block(text: str, event_id: str) -> tuple[int, int]:
    at = text.index(f'id = "{event_id}"\n')
    start = text.rindex("[[events]]", 0, at)
    end = text.find("[[events]]", at)
    return start, len(text) if end == -1 else end


def set_key(text: str, event_id: str, key: str, value: str) -> str:
    """`key = value` in the event's table: replaced if there, else added after its id."""
    start, end = _block(text, event_id)
    block = text[start:end]
    line = re.compile(rf"^{key} = .*$", re.MULTILINE)
    if line.search(block):
        block = line.sub(lambda _m: f"{key} = {value}", block, count=1)
    else:
        block = block.replace(f'id = "{event_id}"\n', f'id = "{event_id}"\n{key} = {value}\n', 1)
    return text[:start] + block + text[end:]


def drop_key(text: str, event_id: str, key: str) -> str:
    start, end = _block(text, event_id)
    block = re.sub(rf"^{key} = .*\n", "", text[start:end], count=1, flags=re.MULTILINE)
    return text[:start] + block + text[end:]


def drop_event(text: str, event_id: str) -> str:
    start, end = _block(text, event_id)
    return text[:start] + text[end:]


def load(text: str, name: str = "plan.toml") -> Schedule:
    return load_text(text, name).schedule


def diff(old: str, new: str, as_of: datetime = AS_OF) -> ScheduleDiff:
    return compare(load(old, "old.toml"), load(new, "new.toml"), as_of)


def sentences(result: ScheduleDiff) -> list[str]:
    return [s for group in groups(result) for s in group.sentences]


def kinds(result: ScheduleDiff) -> list[str]:
    return [c.kind for c in result.schedule_changes] + [c.kind for _, c in result.event_changes()]
