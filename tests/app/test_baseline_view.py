"""The baseline in the app: `--baseline` and `b` draw the schedule against another version
of it. The pair the issue names: the bundled schedule as the baseline, and a copy where the
fourth session moved two weeks later and the fifth was postponed; then an added and a
removed event, a git revision, the `b` dialog, and a live edit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.app.conftest import answer, drive, make_app, until
from tests.app.hostile import screen_text, widget_text
from tests.conftest import BUNDLED
from tests.gitrepo import git
from tui.app.widgets.agenda import AgendaTable
from tui.app.widgets.details import DetailsPanel
from tui.app.widgets.header import DocketHeader
from tui.app.widgets.timeline import Timeline
from tui.diff.baseline_source import read_baseline

FOURTH = "start = 2023-01-09\nend = 2023-01-20"
FOURTH_LATER = "start = 2023-01-23\nend = 2023-02-03"


def moved_and_postponed(text: str) -> str:
    """The fourth session two weeks later, the fifth postponed."""
    assert text.count(FOURTH) == 1
    text = text.replace(FOURTH, FOURTH_LATER)
    head = text.index('id = "session-5"')
    venue = text.index('venue = "vienna"\n', head)
    cut = venue + len('venue = "vienna"\n')
    return text[:cut] + 'status = "postponed"\n' + text[cut:]


def added_and_removed(text: str) -> str:
    """The fourth consultation gone, a briefing added in May 2023."""
    head = text.index('[[events]]\nid = "consultation-4"')
    end = text.index("[[events]]", head + 1)
    text = text[:head] + text[end:]
    briefing = (
        '[[events]]\nid = "briefing"\nkind = "meeting"\ntitle = "Member States briefing"\n'
        'start = 2023-05-16\nvenue = "vienna"\n\n'
    )
    at = text.index('[[events]]\nid = "session-6"')
    return text[:at] + briefing + text[at:]


@pytest.fixture
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """plan.toml (the bundled schedule) and moved.toml, in the cwd (short names on screen)."""
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(BUNDLED, "plan.toml")
    text = BUNDLED.read_text(encoding="utf-8")
    Path("moved.toml").write_text(moved_and_postponed(text), encoding="utf-8")
    return Path("plan.toml"), Path("moved.toml")


def timeline(pilot: Pilot) -> Timeline:
    return pilot.app.query_one(Timeline)


def row_line(pilot: Pilot, title: str) -> str:
    """The line of the row whose title starts with `title`, as on screen."""
    for line in screen_text(pilot.app).splitlines():
        if line[2:].lstrip().startswith(title):
            return line
    raise AssertionError(f"no row {title!r} on screen:\n{screen_text(pilot.app)}")


def panel_text(pilot: Pilot) -> str:
    return widget_text(pilot.app, pilot.app.query_one(DetailsPanel))


def test_moved_and_postponed_sessions_against_the_bundled_schedule(pair) -> None:
    plan, moved = pair

    async def scenario(pilot: Pilot) -> None:
        header = pilot.app.query_one(DocketHeader)
        assert header.baseline == (
            "vs plan.toml: 1 moved · 1 status changed"
            " │ ◆ meeting days 53 → 44 · sessions left 6 → 5"
        )
        assert header.size.height == 4  # the baseline's own line
        assert row_line(pilot, "Fourth session").startswith("~█ Fourth session")
        assert row_line(pilot, "Fifth session").startswith("*█ Fifth session")
        assert row_line(pilot, "Third session").startswith(" █ Third session")
        timeline(pilot).select_event("session-4")
        await pilot.press("plus", "plus")  # a quarter: days are cells wide enough to see
        await pilot.pause()
        line = row_line(pilot, "Fourth session")
        ghost, bar = line.index("▁"), line.index("█", 3)
        assert ghost < bar  # the old dates before the new ones
        assert line.count("▁") >= 5 and "▁" not in line[bar:]
        panel = panel_text(pilot)
        assert "Baseline moved 2 weeks later (was 9–20 Jan 2023)" in panel
        timeline(pilot).select_event("session-5")
        await pilot.pause()
        panel = panel_text(pilot)
        assert "Baseline postponed (was confirmed)" in panel
        timeline(pilot).select_event("session-3")
        await pilot.pause()
        assert "Baseline unchanged since plan.toml" in panel_text(pilot)

    drive(make_app(moved, baseline=str(plan)), scenario)


def test_added_and_removed_events_in_the_timeline_and_the_agenda(pair) -> None:
    plan, _ = pair
    changed = Path("changed.toml")
    changed.write_text(added_and_removed(plan.read_text(encoding="utf-8")), encoding="utf-8")

    async def scenario(pilot: Pilot) -> None:
        rows = timeline(pilot).rows
        ids = [row.event.id for row in rows]
        assert ids.count("consultation-4") == 1 and "briefing" in ids
        assert [r.t0 for r in rows] == sorted(r.t0 for r in rows)  # merged in date order
        removed = row_line(pilot, "4th intersessional")
        assert removed.startswith("−▓ 4th intersessional")
        chart = removed[timeline(pilot).columns[0] + timeline(pilot).columns[1] :]
        assert "▓" not in chart and "▁" in chart  # only its ghost: it will not happen
        assert row_line(pilot, "Member States").startswith("+▒ Member States briefing")
        assert "21 events +1 removed" in screen_text(pilot.app)  # removed rows apart
        timeline(pilot).select_event("consultation-4")
        await pilot.pause()
        panel = panel_text(pilot)
        assert "Baseline removed since plan.toml" in panel
        assert "Tue 7 Mar 2023" in panel  # the baseline's own facts
        # The searches pass over it: from the fourth session, the next consultation is the
        # fifth one; the month view and the export never see it.
        await pilot.press("2")
        table = pilot.app.query_one(AgendaTable)
        await until(pilot, lambda: table.row_count == 22)
        titles = {str(table.get_row(key)[1]).replace("\n", " "): key.value for key in table.rows}
        assert titles["− 4th intersessional consultation"] == "consultation-4"
        assert titles["+ Member States briefing"] == "briefing"

    drive(make_app(changed, baseline=str(plan)), scenario)


def test_keys_pass_over_removed_events(pair) -> None:
    plan, _ = pair
    gone = Path("gone.toml")
    text = plan.read_text(encoding="utf-8")
    head = text.index('[[events]]\nid = "session-4"')
    gone.write_text(text[:head] + text[text.index("[[events]]", head + 1) :], encoding="utf-8")

    async def scenario(pilot: Pilot) -> None:
        assert "session-4" in [row.event.id for row in timeline(pilot).rows]
        timeline(pilot).select_event("session-3")
        await pilot.press("right_parenthesis")
        assert timeline(pilot).selected.event.id == "session-5"
        await pilot.press("left_parenthesis")
        assert timeline(pilot).selected.event.id == "session-3"

    drive(make_app(gone, baseline=str(plan)), scenario)


def test_the_b_dialog_picks_changes_and_clears_the_baseline(pair) -> None:
    _, moved = pair

    async def scenario(pilot: Pilot) -> None:
        header = pilot.app.query_one(DocketHeader)
        assert header.baseline == "" and timeline(pilot).marks == {}
        key = pilot.app.active_bindings["b"]
        assert key.binding.description == "Baseline" and key.enabled
        # A baseline that cannot be read brings the dialog back, saying why.
        await answer(pilot, "b", "nowhere.toml")
        await until(pilot, lambda: pilot.app.screen.query("#baseline-error"))
        error = str(pilot.app.screen.query_one("#baseline-error").render())
        assert "nowhere.toml" in error and "no such file" in error.lower()
        await pilot.press("escape")
        await answer(pilot, "b", "plan.toml")
        await until(pilot, lambda: header.baseline.startswith("vs plan.toml: 1 moved"))
        assert timeline(pilot).marks["session-4"].sign == "~"
        assert row_line(pilot, "Fourth session").startswith("~█")
        await answer(pilot, "b", "")  # empty: no baseline
        await until(pilot, lambda: header.baseline == "")
        assert timeline(pilot).marks == {}
        assert row_line(pilot, "Fourth session").startswith(" █")
        assert header.size.height == 3

    drive(make_app(moved), scenario)


def test_an_unreadable_baseline_says_why_in_the_dialog(pair) -> None:
    _, moved = pair
    Path("broken.toml").write_text("[schedule\n", encoding="utf-8")

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("b")
        await until(pilot, lambda: pilot.app.screen.query("#baseline-input"))
        pilot.app.screen.query_one("#baseline-input").value = "broken.toml"
        await pilot.press("enter")
        await until(pilot, lambda: pilot.app.screen.query("#baseline-error"))
        error = pilot.app.screen.query_one("#baseline-error")
        await until(pilot, lambda: "broken.toml:1:" in str(error.render()))
        assert pilot.app.screen.query_one("#baseline-input").value == "broken.toml"
        await pilot.press("escape")
        assert pilot.app.query_one(DocketHeader).baseline == ""

    drive(make_app(moved), scenario)


def test_a_git_revision_as_the_baseline_and_a_live_edit_against_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q")
    shutil.copyfile(BUNDLED, "plan.toml")
    git(tmp_path, "add", "plan.toml")
    git(tmp_path, "commit", "-q", "-m", "Rev.0")
    text = Path("plan.toml").read_text(encoding="utf-8")
    Path("plan.toml").write_text(text.replace(FOURTH, FOURTH_LATER), encoding="utf-8")
    baseline = read_baseline("HEAD", Path("plan.toml"))
    assert baseline.name == "HEAD:plan.toml"

    async def scenario(pilot: Pilot) -> None:
        header = pilot.app.query_one(DocketHeader)
        assert header.baseline.startswith("vs HEAD: 1 moved")
        # Saved again with the fourth session back where it was: nothing moved any more.
        Path("plan.toml").write_text(text, encoding="utf-8")
        await until(pilot, lambda: "no changes" in header.baseline, timeout=5)
        assert timeline(pilot).marks == {}

    drive(make_app(Path("plan.toml"), baseline=baseline, watch=True), scenario)
