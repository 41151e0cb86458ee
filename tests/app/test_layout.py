"""The layout at the README's sizes and at odd ones, read off the screen as a planner sees
it: the header names the headline deadline, no two titles read the same, the footer shows
whole keys only and nothing past its edge, and the help keeps its scroll hint on screen."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from textual.pilot import Pilot

from tests.app.conftest import drive, loaded, make_app
from tests.app.hostile import screen_text
from tui.app.screens.help import HelpScreen
from tui.app.widgets.footer import DocketFooter
from tui.app.widgets.textual_internals import FooterKey, FooterLabel, KeyGroup
from tui.app.widgets.timeline import AXIS, Timeline

SIZES = pytest.mark.parametrize("size", [(120, 40), (200, 60), (60, 15)], ids=str)


async def visible_titles(pilot: Pilot) -> dict[int, str]:
    """Each row's title column as the screen shows it (glyph left out: "◇ Draft…" and
    "◆ Draft…" must differ in their words), paging through the whole timeline."""
    timeline = pilot.app.query_one(Timeline)
    await pilot.press("home")
    titles: dict[int, str] = {}
    while True:
        await pilot.pause()
        region = timeline.content_region
        width = timeline.columns[0]
        lines = screen_text(pilot.app).splitlines()[region.y + AXIS : region.bottom]
        top = round(timeline.scroll_offset.y)
        for offset, line in enumerate(lines):
            index = top + offset
            if index < len(timeline.rows):
                titles[index] = line[region.x + 3 : region.x + width].rstrip()
        if len(titles) == len(timeline.rows) or top + len(lines) >= len(timeline.rows):
            return titles
        await pilot.press("pagedown")


@SIZES
def test_the_header_names_the_deadline_and_no_two_titles_read_the_same(size) -> None:
    async def scenario(pilot: Pilot) -> None:
        header = screen_text(pilot.app).splitlines()[1]
        assert "→ Draft convention" in header, header
        assert "735" in header and "526" in header and "53 m" in header
        titles = await visible_titles(pilot)
        assert len(titles) == 21
        assert len(set(titles.values())) == len(titles), sorted(titles.values())

    drive(make_app(), scenario, size=size)


def test_at_120x40_the_drafts_keep_their_differing_words() -> None:
    async def scenario(pilot: Pilot) -> None:
        titles = set((await visible_titles(pilot)).values())
        assert {"Draft convention approved…", "Draft convention due…"} <= titles

    drive(make_app(), scenario)


# --- the footer and the help at any size ----------------------------------------------------

terminal_sizes = st.tuples(st.integers(20, 170), st.integers(8, 50))
#: States whose footers differ: the timeline, a filter typed, the agenda, the month view.
STATES = [(), ("slash", "s", "e", "s", "enter"), ("2",), ("4",), ("question_mark",)]


def check_footer(pilot: Pilot) -> None:
    """Every key the footer shows is whole and left of the palette key, which ends at the
    screen's edge: nothing is drawn past a region, no label is cut."""
    app = pilot.app
    if app.screen is not app.screen_stack[0]:
        return  # a dialog covers the footer
    footer = app.screen.query_one(DocketFooter)
    width = footer.region.width
    last = screen_text(app).splitlines()[footer.region.y]
    palette = [key for key in footer.query(FooterKey) if key.has_class("-command-palette")]
    left = palette[0].region.x if palette else width
    if palette:
        assert palette[0].region.right == width
        assert last.rstrip().endswith(f"{palette[0].key_display} {palette[0].description}")
    for widget in footer.query("FooterKey, KeyGroup, FooterLabel"):
        if widget in palette:
            continue
        assert isinstance(widget, FooterKey | KeyGroup | FooterLabel)
        assert widget.region.x >= 0 and widget.region.right <= left, (widget, width)
        if isinstance(widget, FooterKey) and widget.description:
            assert f"{widget.key_display} {widget.description}" in last, (last, widget)
    assert "Help" in last or width < 40  # the first key to keep (with quit)


def check_header(pilot: Pilot) -> None:
    """Three lines whatever the width: one that overflows never wraps onto the next."""
    app = pilot.app
    if app.screen is not app.screen_stack[0]:
        return
    lines = screen_text(app).splitlines()
    assert "AS OF" in lines[0], lines[:3]
    assert lines[1].startswith(" ◆ ") and lines[2].startswith(" █ Now"), lines[:3]


def check_help(pilot: Pilot) -> None:
    app = pilot.app
    if not isinstance(app.screen, HelpScreen):
        return
    hint = app.screen.query_one("#help-hint")
    scroll = app.screen.query_one("#help-scroll")
    assert hint.region.y >= 0 and hint.region.bottom <= app.size.height, hint.region
    assert hint.region.y >= scroll.region.bottom  # below the keys, not over them
    if scroll.max_scroll_y > 0:  # it scrolls: the hint says how
        assert "↑↓ scroll" in " ".join(screen_text(app).split()), screen_text(app)


@settings(
    max_examples=8,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # an app per example: no shrinking
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.sampled_from(STATES), st.lists(terminal_sizes, min_size=2, max_size=5))
def test_the_footer_and_help_fit_any_terminal(state, sizes) -> None:
    async def main() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await loaded(pilot)
            await pilot.press(*state)
            for width, height in sizes:
                await pilot.resize_terminal(width, height)
                await pilot.pause()
                await pilot.pause()
                check_footer(pilot)
                check_header(pilot)
                check_help(pilot)

    asyncio.run(main())


@pytest.mark.parametrize("size", [(60, 15), (61, 15), (97, 23), (20, 8)], ids=str)
def test_the_month_view_ends_its_footer_with_the_palette_key(size) -> None:
    async def scenario(pilot: Pilot) -> None:
        await pilot.press("4")
        await pilot.pause()
        last = screen_text(pilot.app).splitlines()[-1]
        assert last.rstrip().endswith("^p palette"), last  # no stray `3` after it
        check_footer(pilot)

    drive(make_app(), scenario, size=size)


def test_help_at_60x15_shows_its_scroll_hint_and_scrolls_to_the_end() -> None:
    async def scenario(pilot: Pilot) -> None:
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(pilot.app)
        assert "↑↓ scroll · esc close" in text and "docket keys" in text
        scroll = pilot.app.screen.query_one("#help-scroll")
        assert scroll.max_scroll_y > 0
        scroll.scroll_end(animate=False)
        await pilot.pause()
        assert "↑↓ scroll · esc close" in screen_text(pilot.app)

    drive(make_app(), scenario, size=(60, 15))
