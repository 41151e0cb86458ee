"""The domain never imports Textual: the CLI, tests and app share it, and start-up stays lean."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "tui"

#: Modules that are the app itself; everything else in tui/ is domain or command line.
APP_MODULES = {"app", "app_factory", "cli_app", "commands", "live_bindings", "__main__"}

DOMAIN = sorted(
    f"tui.{path.stem}"
    for path in PACKAGE.glob("*.py")
    if path.stem not in APP_MODULES and not path.stem.startswith("app")
)


def test_domain_does_not_import_textual() -> None:
    assert "tui.loader" in DOMAIN and "tui.model" in DOMAIN
    code = (
        "import importlib, sys\n"
        f"for name in {DOMAIN!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_loading_a_schedule_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from tui.loader import load_path, bundled_schedule_path\n"
        "load_path(bundled_schedule_path())\n"
        "heavy = ('textual', 'pendulum', 'icalendar', 'watchfiles')\n"
        "print(','.join(sorted(m for m in heavy if m in sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
