"""The footer enables and disables keys in place when only that changed (an edit key
changes no key's place), and what it then shows is what a footer composed afresh shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.app.conftest import drive, loaded, make_app, until
from tui.app.screens.main import MainScreen
from tui.app.widgets.footer import DocketFooter
from tui.app.widgets.textual_internals import FooterKey


def _shown(footer: DocketFooter) -> list[tuple[str, str, bool]]:
    return [
        (key.key, key.action, key.has_class("-disabled"))
        for key in footer.query(FooterKey)
        if not key.has_class("-command-palette")
    ]


def _wanted(footer: DocketFooter) -> list[tuple[str, str, bool]]:
    """Each shown key with whether the screen says it is disabled now."""
    bindings = {
        (binding.key, binding.action): enabled
        for _node, binding, enabled, _tip in footer.screen.active_bindings.values()
    }
    return [(key, action, not bindings[(key, action)]) for key, action, _ in _shown(footer)]


def test_keys_enabled_and_disabled_in_place_as_a_fresh_footer_shows_them(
    schedule_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(schedule_copy)
    disabled: set[str] = set()
    checked = MainScreen.check_action

    def check_action(screen: MainScreen, action: str, parameters: tuple[object, ...]):  # type: ignore[no-untyped-def]
        return None if action in disabled else checked(screen, action, parameters)

    monkeypatch.setattr(MainScreen, "check_action", check_action)

    async def scenario(pilot: Pilot) -> None:
        await loaded(pilot)
        footer = pilot.app.screen.query_one(DocketFooter)
        await until(pilot, lambda: _shown(footer), what="the footer's keys")
        keys = list(footer.query(FooterKey))
        already = {action for _k, action, off in _shown(footer) if off}  # the view shown
        await pilot.press("right_curly_bracket")  # an edit: every key where it was
        await until(pilot, lambda: "unsaved" in str(pilot.app.main.document.header().baseline))
        await pilot.pause()
        assert list(footer.query(FooterKey)) == keys and _shown(footer) == _wanted(footer)
        for now in ({"filter"}, {"filter", "undo"}, set()):
            disabled.clear()
            disabled.update(now)
            pilot.app.screen.refresh_bindings()
            await until(pilot, lambda: _shown(footer) == _wanted(footer), what=f"{now}")
            assert {action for _k, action, off in _shown(footer) if off} == now | already
            assert list(footer.query(FooterKey)) == keys  # updated, not composed again
        disabled.add("save")
        pilot.app.screen.refresh_bindings()
        await until(pilot, lambda: _shown(footer) == _wanted(footer))
        in_place = _shown(footer)
        footer.call_later(footer.recompose)  # what a footer composed afresh shows
        await until(
            pilot, lambda: footer.query(FooterKey) and list(footer.query(FooterKey)) != keys
        )
        assert _shown(footer) == in_place

    drive(app, scenario)
