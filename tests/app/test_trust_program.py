"""Random programs against the real app: keys from its bindings, typed dates and filters,
resizes, reloads of valid and invalid text, jumps to the first and last years docket knows.

Hypothesis writes each program as a list of steps and the app runs it whole, in one
`run_test()` (one event loop per example). After every step: the app is still running, and
it shows the last valid schedule (its title in the header, the selection among its ids),
with the error bar up exactly while the file on disk is invalid.
"""

from __future__ import annotations

import asyncio
import contextlib
import tempfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.pilot import Pilot

from tests.app.conftest import PALETTE_SEARCH, answer, burst, idle, loaded, make_app, until
from tests.conftest import BUNDLED
from tui.app.docket_app import DocketApp
from tui.app.shown import shown
from tui.app.widgets.status_bars import ErrorBar, FilterBar
from tui.core.errors import DocketError
from tui.schedule.loader import load_text

BUNDLED_TEXT = BUNDLED.read_text("utf-8")
TITLE = "Ad Hoc Committee on Cybercrime, 2022–2024"

TINY = """[schedule]
id = "tiny"
title = "Tiny [b]plan[/b] [/x] $x"
timezone = "Europe/Vienna"
deadline = "late-due"

[[events]]
id = "early"
kind = "milestone"
title = "The first day docket knows"
start = 1900-01-01

[[events]]
id = "late"
kind = "session"
title = "The last session docket knows [/b]"
start = 2999-12-20
end = 2999-12-31

[[events]]
id = "late-due"
kind = "deadline"
title = "Due at the very end"
start = 2999-12-31T23:59:00
"""

#: What a reload may find on disk; which are valid is for the loader to say (see `expect`).
TEXTS: dict[str, str | bytes] = {
    "retitled": BUNDLED_TEXT.replace(TITLE, "Plan [b]retitled[/b]"),
    "ids-changed": BUNDLED_TEXT.replace('"session-3"', '"session-3b"').replace(TITLE, "Moved"),
    "tiny": TINY,
    "bundled": BUNDLED_TEXT,
    "unknown-key": BUNDLED_TEXT.replace('id = "session-3"', 'id = "session-3"\nstrat = 1'),
    "bad-toml": "[[events]\nid = ",
    "empty": "",
    "binary": b"\x00\xff\xfe[schedule]\x1b[2J",
    "deep": "a" + ".a" * 3000 + " = 1\n",
    "control": TINY.replace("Tiny", "Tiny\\u001b]0;PWNED\\u0007"),
}

KEYS = (
    *"jkhltnN123",
    *("plus", "minus", "equals_sign", "enter", "escape", "question_mark", "s", "r"),
    *("pageup", "pagedown", "home", "end", "ctrl+pageup", "ctrl+pagedown"),
    *("up", "down", "left", "right"),
)
DATES = ("1900", "2999", "1900-01-01", "2999-12-31", "2023-04", "9999", "0000", "1899-12", "x")
MOMENTS = ("2022-09-06", "1900-01-01", "2999-12-31T23:59", "now", "9999-01-01", "soon")
FILTERS = ("session", "kind:deadline,milestone", "tag:none-such", "venue:vienna", '"fifth', "[b]")

steps = st.one_of(
    st.tuples(st.just("keys"), st.lists(st.sampled_from(KEYS), min_size=1, max_size=4)),
    st.tuples(st.just("resize"), st.integers(40, 300), st.integers(10, 80)),
    st.tuples(st.just("go to"), st.sampled_from(DATES)),
    st.tuples(st.just("as of"), st.sampled_from(MOMENTS)),
    st.tuples(st.just("filter"), st.sampled_from(FILTERS), st.sampled_from(["enter", "escape"])),
    st.tuples(st.just("reload"), st.sampled_from(sorted(TEXTS))),
)
programs = st.lists(steps, min_size=2, max_size=6)


@cache
def verdict(name: str) -> tuple[str, frozenset[str]] | None:
    """The loader's verdict on one of TEXTS: its title and ids if valid, None if not."""
    text = TEXTS[name]
    try:
        schedule = load_text(text).schedule
    except DocketError:
        return None
    return schedule.title, frozenset(e.id for e in schedule.events)


class Expected:
    """What the screen must show: the last valid schedule, and whether the file is invalid."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.title, self.ids = verdict("bundled") or ("", frozenset())
        self.invalid = False

    def saved(self, name: str) -> None:
        text = TEXTS[name]
        if isinstance(text, bytes):
            self.path.write_bytes(text)
        else:
            self.path.write_text(text, encoding="utf-8")
        found = verdict(name)
        self.invalid = found is None
        if found is not None:
            self.title, self.ids = found


def check(app: DocketApp, expected: Expected, step: object) -> None:
    assert app.is_running and app._exception is None and app.return_code is None, step
    main = app.main
    assert main.prepared is not None
    assert main.prepared.loaded.schedule.title == expected.title, step
    assert main.header.title == shown(expected.title), step
    assert main.selected_id is None or main.selected_id in expected.ids, step
    row = main.timeline.selected
    assert row is None or row.event.id in expected.ids, step
    assert (main.last_error is not None) == expected.invalid, step
    assert app.query_one(ErrorBar).display == expected.invalid, step


async def run_step(pilot: Pilot, expected: Expected, step: tuple) -> None:
    app = pilot.app
    assert isinstance(app, DocketApp)
    kind = step[0]
    if kind in ("go to", "as of", "filter"):
        for _ in range(3):  # keys typed into a dialog must not land in the help screen
            if app.screen is app.main:
                break
            await burst(pilot, "escape")
    if kind == "keys":
        await burst(pilot, *step[1])
    elif kind == "resize":
        await pilot.resize_terminal(step[1], step[2])
    elif kind == "go to":
        await answer(pilot, "g", step[1])
    elif kind == "as of":
        await answer(pilot, "a", step[1])
    elif kind == "filter":
        await burst(pilot, "slash")
        bar = app.query_one(FilterBar)
        if bar.display and bar.input.has_focus:
            bar.input.value = step[1]  # filters as typed; then kept (enter) or cleared
            await burst(pilot, step[2])
    elif kind == "reload":
        expected.saved(step[1])
        app.main.reload()
        await until(pilot, lambda: idle(app, "load"), what="the reload")
        await pilot.pause()


async def run_program(program: list[tuple], folder: Path) -> None:
    path = folder / "schedule.toml"
    path.write_text(BUNDLED_TEXT, encoding="utf-8")
    expected = Expected(path)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        check(app, expected, "start")
        for step in program:
            await run_step(pilot, expected, step)
            check(app, expected, step)
        app.screen._compositor.render_strips()  # one last full frame: it must draw


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(program=programs)
def test_no_program_of_keys_resizes_and_reloads_ends_the_app_or_loses_the_schedule(
    program: list[tuple],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(run_program(program, Path(folder)))


def test_the_jumps_to_the_edges_of_the_years_and_back() -> None:
    """The program every example could miss: the edges at every zoom, after a reload of a
    schedule whose events sit on them."""
    program: list[tuple] = [("reload", "tiny"), ("keys", ["plus"] * 4)]  # week zoom
    program += [("go to", "2999-12-31"), ("keys", ["l"] * 4), ("resize", 40, 10)]
    program += [("go to", "1900"), ("keys", ["ctrl+pageup"] * 3), ("resize", 300, 80)]
    program += [("keys", ["end", "t", "n", "N", "home"]), ("as of", "2999-12-31T23:59")]
    program += [("reload", "deep"), ("keys", ["minus"] * 4), ("reload", "bundled")]
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(run_program(program, Path(folder)))


# --- the command palette under key storms ---------------------------------------------------------

#: The palette's own keys, keys that type into its search, and the app's: a burst may close
#: the palette (escape, enter on a command) and go on into whatever is on top then.
PALETTE_KEYS = (
    *("pageup", "pagedown", "up", "down", "home", "end", "ctrl+home", "ctrl+end"),
    *("shift+home", "shift+end", "escape", "enter", "tab", "backspace", "ctrl+p"),
    *("j", "k", "2", "3", "s", "r", "t", "e", "slash", "question_mark", "space"),
)


async def run_palette_program(bursts: list[list[str]]) -> None:
    app = make_app(BUNDLED)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        for keys in bursts:
            await burst(pilot, "ctrl+p", *keys)
            await pilot.pause()
            assert app._exception is None, keys
            if not app.is_running:  # a command chosen was "Quit": a clean end
                break
    assert app._exception is None and app.return_code in (None, 0)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    bursts=st.lists(
        st.lists(st.sampled_from(PALETTE_KEYS), min_size=1, max_size=8), min_size=1, max_size=5
    )
)
def test_no_key_storm_with_the_palette_open_ends_the_app(bursts: list[list[str]]) -> None:
    # In a folder of its own: a command may write (the palette's "Save screenshot").
    with tempfile.TemporaryDirectory() as folder, contextlib.chdir(folder):
        asyncio.run(run_palette_program(bursts))


@pytest.mark.parametrize(
    "keys",
    [
        ["pageup"],
        ["pagedown"],
        ["down", "pagedown", "pageup"],
        ["escape", "escape", "escape"],
        ["enter", "enter", "escape"],
        ["t", "h", "e", "m", "e", "enter", "pagedown", "escape", "escape"],
    ],
    ids="-".join,
)
def test_keys_typed_ahead_into_the_palette(keys: list[str]) -> None:
    """`ctrl+p pgup` ended the app (KeyError from Textual's page move on a list not yet
    laid out); a second escape popped the main screen (ScreenStackError)."""

    async def main() -> None:
        app = make_app(BUNDLED)
        async with app.run_test(size=(100, 30)) as pilot:
            await loaded(pilot)
            await burst(pilot, "ctrl+p", *keys)
            await until(pilot, lambda: idle(app, PALETTE_SEARCH), what="the palette's search")
            await pilot.pause()
            assert app.is_running and app._exception is None, keys
            assert app.screen_stack[0] is app.main
            await burst(pilot, "escape", "escape")

    asyncio.run(main())


def test_a_command_chosen_with_enter_twice_runs_once() -> None:
    from tui.app.screens.export import ExportScreen

    async def main() -> None:
        app = make_app(BUNDLED)
        async with app.run_test(size=(100, 30)) as pilot:
            await loaded(pilot)
            await burst(pilot, "ctrl+p", *"export", "enter", "enter", "enter")
            await until(pilot, lambda: isinstance(app.screen, ExportScreen), what="the dialog")
            await until(pilot, lambda: idle(app, PALETTE_SEARCH), what="the palette's search")
            await pilot.pause()  # a second run of the command would be on the stack by now
            dialogs = [s for s in app.screen_stack if isinstance(s, ExportScreen)]
            assert len(dialogs) == 1, app.screen_stack

    asyncio.run(main())
