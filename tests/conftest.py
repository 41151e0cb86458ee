"""Shared fixtures: tests never read the user's real config, clock or zone."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from tui.core.model import Schedule
from tui.schedule.loader import Loaded, load_path

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "schedules" / "ahc-2022-2024.toml"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("TZ", "UTC")
    # A stray `e` must never start a real editor on a real file (and hang the run):
    # tests that try the editor set their own.
    monkeypatch.setenv("VISUAL", "true")
    monkeypatch.setenv("EDITOR", "true")


@pytest.fixture
def bundled_path() -> Path:
    return BUNDLED


@cache
def bundled() -> Loaded:
    """The bundled schedule, loaded once for the whole run (the model is immutable): the
    one load every test shares, module-level constants included."""
    return load_path(BUNDLED)


@pytest.fixture(scope="session")
def bundled_loaded() -> Loaded:
    return bundled()


@pytest.fixture(scope="session")
def schedule(bundled_loaded: Loaded) -> Schedule:
    """The bundled schedule's model: what most tests look at. A module that needs another
    schedule under this name defines its own fixture, which takes precedence."""
    return bundled_loaded.schedule
