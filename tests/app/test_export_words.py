"""The export dialog speaks of the schedule it exports: its hints name the schedule's own
kinds, tags, venues and dates; and its calendar is stamped by the same rule as `docket
export` (the as-of moment, when one is chosen), so both give the same DTSTAMPs."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import Input

from tests.app.conftest import drive, make_app, until
from tests.app.hostile import hostile, terminal_output
from tests.cli.helpers import docket
from tests.conftest import BUNDLED, bundled
from tui.app.export_prefill import HINT_CELLS, hints
from tui.app.screens.export import ExportScreen

GENEVA = """\
[schedule]
id = "gva"
title = "Geneva talks"
timezone = "Europe/Zurich"

[venues.palais]
name = "Palais des Nations"
city = "Geneva"
timezone = "Europe/Zurich"

[[events]]
id = "r1"
kind = "meeting"
title = "Round one"
start = 2031-03-03
end = 2031-03-07
venue = "palais"
tags = ["plenary", "two words", "a,b"]

[[events]]
id = "due"
kind = "deadline"
title = "Report due"
start = 2031-11-28
tags = ["plenary"]
"""


def placeholders(pilot: Pilot) -> dict[str, str]:
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportScreen)
    return {i.id.removeprefix("export-"): str(i.placeholder) for i in dialog.query(Input) if i.id}


def test_the_hints_are_the_schedules_own(tmp_path: Path) -> None:
    path = tmp_path / "geneva.toml"
    path.write_text(GENEVA, encoding="utf-8")

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("x")
        shown = placeholders(pilot)
        assert shown["kinds"] == "all (or: meeting deadline)"
        assert shown["tags"] == "all (or: plenary)"  # names one cannot type are left out
        assert shown["venues"] == "all (or: palais)"
        assert "2031-03-03" in shown["start"] and "2031-11-28" in shown["end"]
        assert not any(word in " ".join(shown.values()) for word in ("vienna", "2023"))

    drive(make_app(path), scenario, size=(60, 15))


def test_the_bundled_hints_fit_the_field_at_60_columns() -> None:
    found = hints(bundled().schedule)
    assert found["venues"] == "all (or: new-york vienna hanoi)"
    assert found["start"].startswith("first event, 2021-05-10")
    assert all(cell_len(text) <= HINT_CELLS for text in found.values())


def test_hostile_names_in_hints_are_shown_never_sent() -> None:
    loaded = hostile(bundled())
    long_tags = tuple(f"tag{i}-{'x' * 30}" for i in range(30))
    schedule = loaded.schedule
    events = tuple(replace(e, tags=(*e.tags, *long_tags)) for e in schedule.events)
    found = hints(replace(schedule, events=events))
    text = " ".join(found.values())
    assert not re.search(r"[\x00-\x1f\x7f-\x9f]", text)
    assert all(cell_len(value) <= HINT_CELLS or "(or:" not in value for value in found.values())
    assert "tag0" not in found["tags"] or found["tags"].endswith("…)")

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("x")
        assert "\x1b]0;PWNED" not in terminal_output(pilot.app)

    drive(make_app(load=lambda _path: loaded), scenario)


def dtstamps(data: bytes) -> set[bytes]:
    return {line for line in data.split(b"\r\n") if line.startswith(b"DTSTAMP")}


@pytest.mark.parametrize("epoch", [None, "1700000000"])
def test_the_dialog_and_the_command_line_stamp_as_of_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, epoch: str | None
) -> None:
    """`--as-of 2022-09-06T10:00` (New York) stamps 14:00Z in both, SOURCE_DATE_EPOCH or not."""
    env = {"SOURCE_DATE_EPOCH": epoch} if epoch else {}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    if not epoch:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    from_app = tmp_path / "app.ics"

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("x")
        pilot.app.screen.query_one("#export-path", Input).value = str(from_app)
        await pilot.click("#export-ok")
        await until(pilot, from_app.exists, what="the export")
        await pilot.app.workers.wait_for_complete()

    drive(make_app(), scenario)
    from_cli = tmp_path / "cli.ics"
    result = docket("export", BUNDLED, "--as-of", "2022-09-06T10:00", "-o", from_cli, env=env)
    assert result.returncode == 0, result.stderr
    assert (
        dtstamps(from_app.read_bytes())
        == dtstamps(from_cli.read_bytes())
        == {b"DTSTAMP:20220906T140000Z"}
    )
    assert from_app.read_bytes() == from_cli.read_bytes()


@pytest.mark.parametrize(
    ("field", "typed", "option", "words"),
    [
        ("kinds", "sesion", "--kind", "unknown kind 'sesion' (did you mean `session`?)"),
        ("alarms", "3days", "--alarm", "'3days' is not a duration"),
        ("start", "2022-13-01", "--from", "'2022-13-01' is not an ISO date such as 2023-04-11"),
    ],
)
def test_the_dialog_and_the_command_line_say_the_same_words(
    tmp_path: Path, field: str, typed: str, option: str, words: str
) -> None:
    """One flow, one message: the dialog names the field as it labels it, the command line
    its option, and the rest is the same words."""
    cli = docket("export", BUNDLED, option, typed, "-o", tmp_path / "cli.ics")
    assert cli.returncode == 2 and f"docket: {option}: {words}" in cli.stderr
    label = {"kinds": "Kinds", "alarms": "Reminders", "start": "From"}[field]

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("x")
        pilot.app.screen.query_one("#export-path", Input).value = str(tmp_path / "app.ics")
        pilot.app.screen.query_one(f"#export-{field}", Input).value = typed
        await pilot.click("#export-ok")

        def said() -> str:
            found = pilot.app.screen.query("#export-error")
            return " ".join(str(found.first().render()).split()) if found else ""

        await until(pilot, lambda: f"{label}: {words}" in said(), what="the flow's message")

    drive(make_app(), scenario)
    assert not (tmp_path / "app.ics").exists()
