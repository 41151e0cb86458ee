"""The command line says each range of days as `tui.core.words` does, in English, whatever
the locale the user's environment names (`docket diff`, `docket check`, `docket rules`)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from tests.cli.helpers import assert_no_traceback, docket
from tests.unit.core.test_words import EXPECTED, GRID, GRID_TEXT, HEAD, RULE, grid_events
from tui.core.words import days_text

#: A German environment: where the locale exists, strftime's names would be German.
GERMAN = {"LC_ALL": "de_DE.UTF-8", "LC_TIME": "de_DE.UTF-8", "LANG": "de_DE.UTF-8"}


def _files(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.toml", tmp_path / "new.toml"
    old.write_text(GRID_TEXT, encoding="utf-8")
    new.write_text(HEAD + "\n" + grid_events(shift=7) + RULE, encoding="utf-8")
    return old, new


def test_diff_check_and_rules_say_the_grid_as_words_does(tmp_path: Path) -> None:
    old, new = _files(tmp_path)

    moved = docket("diff", old, new, env=GERMAN)
    assert_no_traceback(moved)
    for n, (first, last, text) in enumerate(GRID):
        later = days_text(first + timedelta(days=7), last + timedelta(days=7))
        assert f"R{n} (r{n}) moved 1 week later: {text} → {later} (" in moved.stdout

    checked = docket("check", old, env=GERMAN)
    assert_no_traceback(checked)
    assert checked.returncode != 0  # the grid's rule fails for every event
    for n, text in enumerate(EXPECTED.values()):
        assert f"rule short: R{n} ({text}) has " in checked.stdout + checked.stderr
    assert "starts on Sunday (2023-01-01)" in checked.stdout + checked.stderr

    # `docket rules` names the first failing event (the others are in `check`'s lines).
    ruled = docket("rules", old, "--json", env=GERMAN)
    assert_no_traceback(ruled)
    (rule,) = json.loads(ruled.stdout)
    assert rule["message"].startswith(f"R2 ({EXPECTED['r2']}) has 12 days; ")


def test_countdown_says_its_as_of_moment_in_english(tmp_path: Path) -> None:
    path = tmp_path / "due.toml"
    path.write_text(
        HEAD + '\n[[events]]\nid = "due"\nkind = "deadline"\ntitle = "Due"\nstart = 2024-03-01\n',
        encoding="utf-8",
    )
    result = docket("countdown", path, "--as-of", "2024-02-29T09:30", env=GERMAN)
    assert_no_traceback(result)
    assert result.stdout.splitlines()[1] == "as of Thu 29 Feb 2024 09:30 CET (Europe/Vienna)"
