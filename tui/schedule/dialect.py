"""The TOML docket reads, in one place: the version, the parser call, its error positions,
and how strings and comments are lexed by the modules that look at raw text.

toml-rs's exceptions carry `lineno`/`colno` computed as if their byte offset were a
character offset: after non-ASCII text they are wrong, even by lines. The message says
"at line L, column C" correctly (characters), so positions are read from it.
"""

from __future__ import annotations

import re
from typing import Any, Final

import toml_rs

TOML_VERSION: Final = "1.0.0"

#: Strings and comments as TOML lexes them. Outside a string, a quote always opens one and
#: `#` always opens a comment, so scanning left to right with this finds them all without
#: further context; what lies between is keys, values and punctuation.
STRING_OR_COMMENT: Final = (
    r'''"""(?:[^"\\]|\\[\s\S]|""?(?!"))*"{3,5}'''  # multi-line basic: up to 2 quotes inside
    r"""|'''[\s\S]*?'{3,5}"""  # multi-line literal
    r'''|"(?:[^"\\\n]|\\.)*"'''  # basic
    r"""|'[^'\n]*'"""  # literal
    r"|#[^\n]*"  # comment
)

_AT = re.compile(r"at line (\d+), column (\d+)")


def loads(text: str) -> dict[str, Any]:
    """Parse TOML 1.0 (raises `toml_rs.TOMLDecodeError`, or `ValueError` for a date or
    time Python cannot hold)."""
    document: dict[str, Any] = toml_rs.loads(text, toml_version=TOML_VERSION)
    return document


def error_position(error: Exception, text: str) -> tuple[int, int]:
    """1-based (line, column in characters) of a toml-rs syntax error in `text`."""
    found = _AT.search(str(getattr(error, "msg", error)))
    if found:
        return int(found.group(1)), int(found.group(2))
    pos = getattr(error, "pos", None)
    if isinstance(pos, int) and pos >= 0:  # a byte offset into the UTF-8 text
        index = len(text.encode("utf-8", "surrogatepass")[:pos].decode("utf-8", "replace"))
        return line_column(text, index)
    return 1, 1


def line_column(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column in characters) of `text[index]`."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1
