"""A string left open is located at its opening quote, and the message says to close it.

The parser gives up at the end of the line (or of the file, for a multi-line string) with
"invalid basic string, expected `"`"; a planner needs where the string began and what to add.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.errors import Diagnostic, ScheduleError
from tui.schedule.loader import load_text

HEAD = '[schedule]\nid = "s"\ntitle = "T"\n\n[[events]]\nid = "e"\nkind = "meeting"\n'


def error_of(text: str) -> Diagnostic:
    with pytest.raises(ScheduleError) as caught:
        load_text(text, "s.toml")
    [error] = caught.value.errors
    return error


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            'title = "Briefing',
            "8:9: error: invalid TOML: the string opened here is not closed on its line: "
            'add `"`, as in `title = "Briefing"`',
        ),
        (
            "title = 'Briefing",
            "8:9: error: invalid TOML: the string opened here is not closed on its line: "
            "add `'`, as in `title = 'Briefing'`",
        ),
        (
            'title = """Briefing\nstart = 2024-01-01',
            "8:9: error: invalid TOML: the multi-line string opened here is not closed: "
            'add `"""` where its text ends',
        ),
        (
            "title = '''Briefing\nstart = 2024-01-01",
            "8:9: error: invalid TOML: the multi-line string opened here is not closed: "
            "add `'''` where its text ends",
        ),
        (
            'tags = ["a", "b]',
            "8:14: error: invalid TOML: the string opened here is not closed on its line: "
            'add `"` where its text ends (text over several lines goes in `"""…"""`)',
        ),
        (
            '"title = 1',
            '8:1: error: invalid TOML: the quoted key opened here is not closed: add `"` '
            "at the end of the key",
        ),
    ],
    ids=["basic", "literal", "multi-line-basic", "multi-line-literal", "in-array", "key"],
)
def test_each_kind_of_open_string(line: str, expected: str) -> None:
    text = HEAD + line + "\nstart = 2024-01-01\n"
    assert str(error_of(text)) == "s.toml:" + expected


def test_other_syntax_errors_keep_the_parsers_words() -> None:
    assert "unexpected key or value" in error_of(HEAD + 'title = "A" "\n').message
    assert "unexpected key or value" in error_of(HEAD + 'title = "é"é"\n').message


#: Text a string may hold, quotes of the other kinds and escapes included.
_SAFE = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\"'\\\u2028\u2029"),
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(
    before=st.lists(
        st.sampled_from(['"x \\" y"', "'a \"b\"'", '"""one\n"two"\n"""', "'''it's'''"]), max_size=3
    ),
    prefix=_SAFE,
    body=_SAFE,
    style=st.sampled_from(['"', "'", '"""', "'''"]),
)
def test_an_open_string_is_located_at_its_opening_quote(
    before: list[str], prefix: str, body: str, style: str
) -> None:
    earlier = "".join(f"note{i} = {value}\n" for i, value in enumerate(before))
    lines = (HEAD + f"# {prefix}\n" + earlier).split("\n")
    number = len(lines)  # the open string's line, 1-based
    text = "\n".join(lines[:-1]) + f"\ntitle = {style}{body}\nstart = 2024-01-01\n"
    found = error_of(text)
    assert (found.line, found.column) == (number, 9), str(found)
    assert "not closed" in found.message, str(found)
