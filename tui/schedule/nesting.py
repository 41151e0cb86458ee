"""Refusing TOML that nests too deeply, before any parser sees it.

toml-rs recurses once per level of nesting, and past a couple of thousand levels it
overflows its stack: a segmentation fault, which no `except` can catch. Levels come from
every way TOML nests: a header's parts (`[a.b.c]`), a dotted key's parts (`x.y.z = 1`),
arrays and inline tables (`{b = {b = 1}}`), and all of them combined. No schedule needs
more than a handful, so text nested past `MAX_NESTING` is a located error instead.

Counting exactly means skipping strings and comments (a title may hold two hundred `[`),
which takes a Python loop over tokens: too slow to pay on every 2 MB file. So a quick
test at C speed comes first, `_plainly_shallow`, which over-counts (it reads strings and
comments as if they were TOML) and can only say "certainly shallow"; the exact count,
`_first_too_deep`, runs only on text it cannot vouch for.
"""

from __future__ import annotations

import re
from typing import Final

from tui.schedule.dialect import STRING_OR_COMMENT, line_column

#: Deepest nesting accepted: tables, arrays, inline tables and dotted-key parts together.
#: A schedule uses 4; toml-rs crashes near 2,000 on an 8 MiB stack (less on a thread's).
MAX_NESTING: Final = 100

# The quick test's limits. Each round takes off at most two levels of brackets (an empty
# group, then one with fewer than K dots), so passing them bounds the real depth by
# header (K + 1) + dotted key (L + 1) + value (I * (K + 1)) = 5 + 17 + 60 = 82 <= MAX_NESTING.
_GROUP_DOTS = 4  # K: dots directly inside one bracket group, children counting one each
_GROUP_LEVELS = 12  # I: rounds of taking off the innermost brackets
_LINE_DOTS = 16  # L: dots on one line

_KEEP = bytes(c for c in range(256) if chr(c) not in "[]{}.\n")
_INNERMOST = re.compile(rb"[\[{]\.*[\]}]")
_CROWDED = re.compile(rb"[\[{]\.{%d}" % _GROUP_DOTS)
_BRACKET = re.compile(rb"[\[\]{}]")
_DOTTY_LINE = re.compile(rb"\.{%d}" % _LINE_DOTS)


def too_deep(text: str) -> tuple[int, int] | None:
    """(line, column) where `text` first nests past MAX_NESTING, or None if it never does.

    A text the quick test cannot vouch for is usually one with a stray bracket in a string
    or a comment: the quick test is tried again without them (one C-speed substitution,
    about half the cost of the exact count), and the exact count runs only if that fails too.
    """
    if _plainly_shallow(text) or _plainly_shallow(_STRINGS_AND_COMMENTS.sub("", text)):
        return None
    return _first_too_deep(text)


def _plainly_shallow(text: str) -> bool:
    """True only if the text certainly nests less than MAX_NESTING (a few C-speed passes).

    Brackets are reduced innermost first, each group becoming one dot in its parent, so a
    group's dots count its own dotted keys plus one per child; after I rounds no bracket
    may remain and no group may have held K dots (see the bound above), and no line may
    hold L dots. Brackets and dots in strings and comments are counted as well, which can
    only send the text to the exact count.
    """
    kept = text.encode("utf-8", "surrogatepass").translate(None, _KEEP)
    if _DOTTY_LINE.search(kept.translate(None, b"[]{}")):
        return False
    groups = kept.translate(None, b"\n")
    for _ in range(_GROUP_LEVELS):
        # Empty groups are most of them ([[events]], tags): plain replaces, before the regex.
        groups = groups.replace(b"[]", b".").replace(b"{}", b".")
        if _CROWDED.search(groups):
            return False
        reduced = _INNERMOST.sub(b".", groups)
        if reduced == groups:
            break
        groups = reduced
    return _BRACKET.search(groups) is None


# Strings and comments are skipped whole (a bracket or dot inside them is text); what is
# left are the characters that nest.
_TOKEN = re.compile(STRING_OR_COMMENT + r"|[\[\]{}.=,\n]")
#: Removing strings keeps a quoted key part's dots around it (`x."a.b".c` -> `x..c`): the
#: same number of parts. Newlines inside multi-line strings go too, which only adds dots
#: to a line, and so can only make the quick test decline.
_STRINGS_AND_COMMENTS = re.compile(STRING_OR_COMMENT)


def _first_too_deep(text: str) -> tuple[int, int] | None:
    """The exact count: where nesting first passes MAX_NESTING, following TOML's grammar."""
    # Each open array or inline table: (is_inline_table, its depth).
    stack: list[tuple[bool, int]] = []
    table = 0  # depth of the current [table] or [[array]] element
    in_key = True  # reading a key (the dots in it nest) rather than a value
    key_dots = 0
    header: int | None = None  # dots so far in a `[header]` being read, else None
    value_depth = 0  # depth a bracket opened now would have
    for match in _TOKEN.finditer(text):
        token = match.group()
        if len(token) > 1 or token in "\"'#":
            continue  # a string or a comment
        depth = stack[-1][1] if stack else table
        if token == "\n":
            if not stack:
                in_key, key_dots, header = True, 0, None
            continue
        if header is not None:
            if token in ".[":  # a part, or [[array.of.tables]]: its element is one level deeper
                header += 1
                if header + 1 > MAX_NESTING:
                    return line_column(text, match.start())
            elif token == "]":
                table, header = header + 1, None
                if table > MAX_NESTING:
                    return line_column(text, match.start())
                in_key = False
            continue
        if token == "." and in_key:
            key_dots += 1
            if depth + key_dots > MAX_NESTING:
                return line_column(text, match.start())
        elif token == "=":
            in_key, value_depth, key_dots = False, depth + key_dots + 1, 0
        elif token in "[{":
            if not stack and in_key:
                header = 0  # a [table] header at the start of a line
                continue
            if stack and not stack[-1][0]:
                value_depth = depth + 1  # an element of the enclosing array
            if value_depth > MAX_NESTING:
                return line_column(text, match.start())
            stack.append((token == "{", value_depth))
            in_key, key_dots = token == "{", 0
        elif token in "]}":
            if stack:
                stack.pop()
            in_key = False
        elif token == "," and stack:
            in_key, key_dots = stack[-1][0], 0
    return None
