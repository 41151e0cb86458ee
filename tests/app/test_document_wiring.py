"""The screen's wiring to its document, through the running app: the baseline compared at the
as-of moment, and a load that reports before the panels are mounted."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.app.conftest import AS_OF, drive, loaded, make_app, until
from tests.app.hostile import screen_text
from tests.conftest import BUNDLED
from tui.app.screens import background
from tui.app.screens.main import MainScreen
from tui.app.widgets.details import DetailsPanel
from tui.app.widgets.status_bars import ErrorBar, FilterBar


def test_the_baseline_is_compared_at_the_as_of_moment() -> None:
    """The load compared the schedule with its baseline at the real clock, whatever the
    app was computing as of."""

    async def scenario(pilot: Pilot) -> None:
        prepared = pilot.app.main.prepared
        assert prepared is not None and prepared.baseline is not None
        assert prepared.baseline.diff.as_of == AS_OF
        assert pilot.app.main.header.baseline.startswith("vs ")

    drive(make_app(BUNDLED, baseline=str(BUNDLED)), scenario)


@pytest.fixture
def late_panels(monkeypatch: pytest.MonkeyPatch) -> None:
    """The load does not wait for the panels, and they mount only once it has reported:
    what a machine too busy to mount them within the load's wait does."""
    monkeypatch.setattr(background, "PANELS_WAIT", 0.0)
    mount = MainScreen._start_rest

    async def later(screen: MainScreen) -> None:
        async def wait_then_mount() -> None:
            while screen.document.prepared is None and screen.document.last_error is None:
                await asyncio.sleep(0.01)
            # What is tested: the result handled while the panels are still missing.
            await asyncio.sleep(0.05)
            await mount(screen)

        screen._later = asyncio.get_running_loop().create_task(wait_then_mount())  # type: ignore[attr-defined]

    monkeypatch.setattr(MainScreen, "_start_rest", later)


@pytest.mark.usefixtures("late_panels")
def test_a_load_before_the_panels_is_shown_once_they_are() -> None:
    """`_apply` queried the details panel and the bars before they were mounted: the app
    ended with NoMatches. Now what the load changed is shown once they are."""

    async def main() -> None:
        app = make_app(BUNDLED)
        async with app.run_test(size=(120, 40)) as pilot:
            await loaded(pilot)
            screen = app.main
            await until(pilot, lambda: screen.ready, what="the panels")
            await pilot.pause()
            assert app.is_running and app._exception is None
            assert len(screen.timeline.rows) == 21
            assert str(screen.query_one("#filter-count").render()) == "21 of 21"
            assert not screen.query_one(ErrorBar).display
            assert screen.query_one(DetailsPanel).region  # beside the timeline, drawn
            assert "Phase" in screen_text(app) and "day 6 of 9" in screen_text(app)
            await pilot.press("slash", "v", "i", "e", "n", "n", "a", "enter")
            count = screen.query_one(FilterBar).query_one("#filter-count").render()
            assert str(count) not in ("", "21 of 21")

    asyncio.run(main())


@pytest.mark.usefixtures("late_panels")
def test_an_invalid_file_before_the_panels_is_said_once_they_are(tmp_path: Path) -> None:
    bad = tmp_path / "plan.toml"
    bad.write_text("[schedule\n", encoding="utf-8")

    async def main() -> None:
        app = make_app(bad, exit_on_invalid=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await loaded(pilot)
            screen = app.main
            await until(pilot, lambda: screen.ready, what="the panels")
            await pilot.pause()
            assert app.is_running and app._exception is None
            bar = screen.query_one(ErrorBar)
            assert bar.display and screen.last_error is not None
            assert screen.timeline.placeholder.startswith("No valid schedule yet")

    asyncio.run(main())
