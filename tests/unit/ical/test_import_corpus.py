"""Every calendar that once crashed `docket import`, replayed on every run.

The files are in tests/corpus/calendars (its README says where each came from). Each
must import, with the TOML it writes loading cleanly, or be refused with a one-line
CalendarImportError; in bounded time; and nothing it says may hold a control character.
One of them is also run through the real command line, to see no traceback reach a person.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cli.helpers import assert_no_traceback, docket
from tui.core.errors import CalendarImportError
from tui.ical.importing import import_calendar
from tui.schedule.loader import load_text

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "calendars"
FILES = sorted(CORPUS.glob("*.ics"))
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def test_the_corpus_is_there() -> None:
    assert len(FILES) >= 40


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_a_calendar_that_once_crashed_imports_or_is_refused(path: Path) -> None:
    try:
        result = import_calendar(path.read_bytes(), source_name=path.name)
    except CalendarImportError as error:
        message = str(error)
        assert message and "\n" not in message and not _CONTROL.search(message)
    else:
        load_text(result.toml_text)
        assert not _CONTROL.search(result.toml_text.replace("\t", " ").replace("\n", " "))
        for note in result.notes:
            assert not _CONTROL.search(note), note


def test_the_command_line_shows_no_traceback(tmp_path: Path) -> None:
    for name in ("dtstart-twice-windows-tzid.ics", "categories-value-date-nul.ics"):
        result = docket("import", CORPUS / name, "-o", tmp_path / "out.toml", "--force")
        assert_no_traceback(result)
        assert result.returncode in (0, 1), result.stderr
