"""`docket open --read-only` (and `docket FILE --read-only`): the flag is parsed, listed in
the help, and reaches the app (whose refusals are tested in tests/app/test_editing.py)."""

from __future__ import annotations

from tests.cli.helpers import assert_no_traceback, docket


def test_read_only_is_in_the_help() -> None:
    result = docket("open", "--help")
    assert result.returncode == 0
    assert "--read-only" in result.stdout


def test_read_only_parses_before_the_file_is_checked() -> None:
    result = docket("missing.toml", "--read-only")
    assert_no_traceback(result)
    assert result.returncode == 2
    assert "missing.toml" in result.stderr
