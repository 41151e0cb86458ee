"""Strings and quoted keys left open: the parser's words, put as the fix a planner needs.

toml-rs reports a missing closing quote where it gave up (the end of the line, or of the
file for a multi-line string) as "invalid basic string, expected `"`", which says neither
what is wrong nor where the string began. The text is lexed here from its start, as TOML
lexes it (outside a string a quote always opens one, so no other context is needed), to
find the quote that opened the string the parser was reading; the error is located at that
quote and says to add the closing one, with the mended line when that line then parses.
"""

from __future__ import annotations

import re

import toml_rs

from tui.schedule.dialect import error_position, line_column, loads

#: Closed strings and comments are skipped; an opening quote that none of the closed forms
#: matches is a string left open (the named groups). Order matters as in TOML's lexer: a
#: triple quote before a single one.
_TOKENS = re.compile(
    r'''"""(?:[^"\\]|\\[\s\S]|""?(?!"))*"{3,5}'''
    r'''|(?P<multi_basic>""")'''
    r"""|'''[\s\S]*?'{3,5}"""
    r"""|(?P<multi_literal>''')"""
    r'''|"(?:[^"\\\n]|\\[^\n])*"'''
    r"""|(?P<basic>")"""
    r"""|'[^'\n]*'"""
    r"""|(?P<literal>')"""
    r"|#[^\n]*"
)
_QUOTES = {"multi_basic": '"""', "multi_literal": "'''", "basic": '"', "literal": "'"}
#: Reasons toml-rs gives when it ran out of a string or a quoted key.
_STRING_REASONS = ("string", "key with no value")
_LONGEST_FIX = 200


def unterminated(reason: str, text: str, line: int, column: int) -> tuple[int, int, str] | None:
    """(line, column, message) of the quote that opened a string never closed, when that
    is what the parser at (line, column) ran into; None for every other syntax error.

    A quote left open is a mistake wherever it is, and the parser sometimes reads past one
    (`tags = ["a", "b]` is reported as a missing comma on the next line), so the first
    quote left open before the error is the first mistake, whatever the parser's words.
    """
    about_strings = any(words in reason for words in _STRING_REASONS)
    error_at = _offset(text, line, column)
    for match in _TOKENS.finditer(text):
        kind = match.lastgroup
        if match.start() > error_at:
            return None
        if kind is None:
            continue
        if match.start() == error_at and not about_strings:
            return None  # a stray quote where the parser stopped: its words say it better
        at_line, at_column = line_column(text, match.start())
        return at_line, at_column, _message(kind, text, at_line, reason)
    return None


def _message(kind: str, text: str, line: int, reason: str) -> str:
    quote = _QUOTES[kind]
    if kind.startswith("multi"):
        return f"the multi-line string opened here is not closed: add `{quote}` where its text ends"
    if "key with no value" in reason:
        return f"the quoted key opened here is not closed: add `{quote}` at the end of the key"
    fix = _closed_line(text, line, quote)
    if fix:
        return f"the string opened here is not closed on its line: add `{quote}`, as in `{fix}`"
    several = ' (text over several lines goes in `"""…"""`)' if quote == '"' else ""
    return (
        f"the string opened here is not closed on its line: add `{quote}` where its text "
        f"ends{several}"
    )


def _closed_line(text: str, line: int, quote: str) -> str | None:
    """The line with the quote added at its end, if it is then a whole `key = value` and the
    text parses past it."""
    lines = text.split("\n")
    if not 0 < line <= len(lines) or len(lines[line - 1]) > _LONGEST_FIX:
        return None
    mended = lines[line - 1].rstrip() + quote
    try:  # a whole `key = value` by itself (not `tags = ["a", "b]"`, an array left open)
        loads(mended)
    except Exception:
        return None
    lines[line - 1] = mended
    candidate = "\n".join(lines)
    try:
        loads(candidate)
    except toml_rs.TOMLDecodeError as error:
        if error_position(error, candidate)[0] <= line:
            return None
    except Exception:
        pass  # parsed past it: what is left is another error, elsewhere
    return mended.strip()


def _offset(text: str, line: int, column: int) -> int:
    """The index in `text` of 1-based (line, column in characters)."""
    start = 0
    for _ in range(line - 1):
        found = text.find("\n", start)
        if found < 0:
            return len(text)
        start = found + 1
    return start + column - 1
