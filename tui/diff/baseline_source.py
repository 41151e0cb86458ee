"""A baseline: the version of a schedule another is drawn against (the app's `--baseline`).

Read as `docket diff` reads a side (`tui.diff.sources`), then validated. Here rather than in
the app so the command line can read it, and fail with exit 2, before Textual is imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tui.core.model import Schedule


@dataclass(frozen=True)
class Baseline:
    """A validated version of the schedule to compare with, and what it was called."""

    label: str  # as the planner named it: `HEAD~1`, `rev1.toml`
    name: str  # as its located errors name it: `HEAD~1:schedules/plan.toml`
    schedule: Schedule


def read_baseline(spec: str, current: Path) -> Baseline:
    """Read and validate the baseline `spec` for the schedule at `current`.

    Raises `DiffSourceError` when it cannot be read (no such file, not a revision, no git)
    and `ScheduleError` (its located errors, named by `Baseline.name`) when it is invalid.
    """
    from tui.diff.sources import (
        DiffSourceError,
        exists,
        read_file,
        read_git_object,
        read_revision_of,
    )
    from tui.schedule.loader import load_text

    text = spec.strip()
    if not text:
        raise DiffSourceError("name a baseline: a git revision (HEAD~1, a tag) or a file")
    if "\x00" in text:  # typed in the `b` dialog: no file or revision is named so
        raise DiffSourceError("a baseline's name cannot hold a NUL character")
    try:
        path = Path(text).expanduser()
    except RuntimeError:  # `~user/…` of no such user: read as it is (no such file)
        path = Path(text)
    if exists(path) or (text.endswith(".toml") and ":" not in text):
        side = read_file(path, text)
    elif ":" in text:
        side = read_git_object(text)
    else:
        side = read_revision_of(text, current)
    loaded = load_text(side.data, side.name, source=side.path)
    return Baseline(text, side.name, loaded.schedule)


def read_revision_baseline(spec: str, current: Path) -> Baseline:
    """A git revision of `current` and nothing else: in a browser (`docket web`) the
    baseline typed may not name a file of the server's, by a path or by `REV:PATH`."""
    from tui.diff.sources import DiffSourceError, read_revision_of
    from tui.schedule.loader import load_text

    text = spec.strip()
    if not text or ":" in text or "\x00" in text:
        raise DiffSourceError(
            "in a browser a baseline is a git revision of this schedule (HEAD~1, a tag), "
            "never a file or REV:PATH"
        )
    side = read_revision_of(text, current)
    loaded = load_text(side.data, side.name, source=side.path)
    return Baseline(text, side.name, loaded.schedule)
