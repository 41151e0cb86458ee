"""Start-up stays lean: the commands that do not open the app never load Textual.

Which package may import what is import-linter's job (`make test` runs its contracts, declared
in pyproject.toml); these tests check what a person feels: the modules a real command loads.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tui.schedule.loader import bundled_schedule_path


def _modules_loaded_by(*argv: str) -> set[str]:
    """Run the real entry point in a fresh interpreter and list the top-level modules it loaded."""
    code = (
        "import sys\n"
        "from tui.cli.main import main\n"
        f"sys.argv = ['docket', *{list(argv)!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stdout.flush()\n"
        "print('\\nMODULES=' + ','.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    line = result.stdout.rsplit("MODULES=", 1)[-1]
    return set(line.strip().split(","))


@pytest.mark.parametrize(
    "argv",
    [
        ("check",),
        ("countdown", "--as-of", "2022-09-06"),
        ("export", "-o", "-", "--as-of", "2022-09-06"),
    ],
    ids=["check", "countdown", "export"],
)
def test_commands_that_do_not_open_the_app_never_import_textual(argv: tuple[str, ...]) -> None:
    loaded = _modules_loaded_by(argv[0], str(bundled_schedule_path()), *argv[1:])
    assert "tui" in loaded  # the command really ran
    assert "textual" not in loaded
    assert "rich" not in loaded


def test_loading_a_schedule_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from tui.schedule.loader import load_path, bundled_schedule_path\n"
        "load_path(bundled_schedule_path())\n"
        "heavy = ('textual', 'icalendar', 'watchfiles')\n"
        "print(','.join(sorted(m for m in heavy if m in sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
