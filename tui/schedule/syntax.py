"""TOML syntax errors as located diagnostics, with fixes that are themselves valid TOML.

toml-rs reports the first syntax error of a text. Two of its numbers cannot be trusted as
given: the exception's `lineno`/`colno` treat a byte offset as a character offset (wrong,
even by lines, after non-ASCII text), so the position is read from its message. And some
values it refuses with a bare `ValueError` and no position (year 0, second 60: valid TOML
that Python's dates cannot hold), so those are found in the text here.

A hint that suggests a replacement (`write \\`start = 2023-01-09T10:00:00\\``) is built from
the line at fault and kept only if the text parses past that point with it: a fix that is
itself a syntax error would be worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import toml_rs

from tui.core.errors import Diagnostic
from tui.core.sanitize import first_control, visible
from tui.schedule.dialect import STRING_OR_COMMENT, error_position, line_column, loads
from tui.schedule.unclosed import unterminated

_STRING_OR_COMMENT = re.compile(STRING_OR_COMMENT)
#: A date-time or time whose minutes are not followed by seconds (hour of one or two digits).
_NO_SECONDS = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2}[Tt ])?(?P<hour>\d{1,2}):(?P<minute>\d{2})(?!:|\d)"
    r"(?P<offset>[Zz]|[+-]\d{2}:\d{2})?"
)
_BLOCK = re.compile(r"\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2}")
_BARE = re.compile(r"[^\s,\]}#]+")
_KEY_BEFORE = re.compile(r"[ \t]*([A-Za-z0-9_-]+)[ \t]*=")


def syntax_diagnostic(error: Exception, text: str, name: str) -> Diagnostic:
    """A toml-rs `TOMLDecodeError` as `file:line:col: error: invalid TOML: reason (hint)`."""
    message = str(getattr(error, "msg", error))
    lines = [line for line in message.splitlines() if line.strip()]
    # The message is "TOML parse error at line L, column C\n  |\n L | ...\n  | ^\nreason";
    # the last line is the reason, the rest repeats what path:line:col already says.
    reason = lines[-1].strip() if len(lines) > 1 else "invalid TOML"
    line, column = error_position(error, text)
    unclosed = unterminated(reason, text, line, column)
    if unclosed is not None:
        return Diagnostic(name, *unclosed[:2], "error", visible(f"invalid TOML: {unclosed[2]}"))
    # A suggested fix repeats the line, which may hold anything: shown, never sent.
    message = visible(f"invalid TOML: {reason}{_hint(reason, text, line, column)}")
    return Diagnostic(name, line, column, "error", message)


def value_diagnostic(error: Exception, text: str, name: str) -> Diagnostic:
    """A date or time TOML allows but Python cannot hold, at the first such literal."""
    for match in _literals(text, _DATE_TIME):
        if _unrepresentable(match.group()):
            line, column = line_column(text, match.start())
            return Diagnostic(
                name,
                line,
                column,
                "error",
                visible(f"invalid date or time `{match.group()}`: {error}"),
            )
    return Diagnostic(name, 1, 1, "error", visible(f"invalid TOML value: {error}"))


def unquoted_date(value: str) -> str | None:
    """The TOML date or date-time a quoted string meant (`"2023-01-09"` -> `2023-01-09`),
    if it is one, seconds added where missing; None if the string is not a valid one."""
    candidate = value.strip()
    match = _NO_SECONDS.fullmatch(candidate)
    if match and match.group("date"):
        candidate = _with_seconds(match)
    try:
        parsed = loads(f"v = {candidate}").get("v")
    except Exception:
        return None
    return candidate if isinstance(parsed, date) else None


# -- valid TOML that Python cannot hold -------------------------------------------------


_DATE_TIME = re.compile(r"(?<![\w.:+-])\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}:\d{2}[^\s,\]}#]*)?")


def _literals(text: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """Matches of `pattern` outside strings and comments, in text order."""
    found: list[re.Match[str]] = []
    start = 0
    for skipped in [*_STRING_OR_COMMENT.finditer(text), None]:
        end = skipped.start() if skipped else len(text)
        found.extend(pattern.finditer(text, start, end))
        if skipped:
            start = skipped.end()
    return found


def _unrepresentable(literal: str) -> bool:
    try:
        loads(f"v = {literal}")
    except ValueError as error:
        return not isinstance(error, toml_rs.TOMLDecodeError)
    except Exception:
        return False
    return False


# -- hints -------------------------------------------------------------------------------


def _hint(reason: str, text: str, line: int, column: int) -> str:
    """A fix for the TOML mistakes planners make most, where the parser's words don't say."""
    if "(MM:SS)" in reason or "expected `:`" in reason:
        fix = _fixed_line(text, line, column, _add_seconds)
        if fix:
            return f" (TOML times need seconds: write `{fix}`)"
        return " (TOML times need seconds, as in 10:00:00)"
    if "string values must be quoted" in reason:
        fix = _fixed_line(text, line, column, _quote_rest)
        if fix:
            return f" (text goes in quotes: write `{fix}`)"
        key = _KEY_BEFORE.match(_line_of(text, line))
        return (
            f' (text goes in quotes, as in `{key.group(1)} = "…"`)'
            if key
            else " (text goes in quotes)"
        )
    return ""


#: Given the error line and the 0-based index of the error in it: the span to replace and
#: its replacement, or None.
Fixer = Callable[[str, int], tuple[int, int, str] | None]


def _line_of(text: str, line: int) -> str:
    lines = text.split("\n")
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _fixed_line(text: str, line: int, column: int, fixer: Fixer) -> str | None:
    """The error line with `fixer`'s repair, if the text then parses past the error.

    The same mistake often comes again later on the line (`tags = [budget, plenary]`):
    the repair is repeated there, so the line offered is fixed as a whole.
    """
    lines = text.split("\n")
    if not 0 < line <= len(lines) or len(lines[line - 1]) > _LONGEST_FIX:
        return None  # a line longer than this is no line to repeat in a message
    current, index = lines[line - 1], column - 1
    for _ in range(_MAX_REPAIRS):
        repair = fixer(current, index)
        if repair is None:
            return None  # a mistake here it cannot mend: a half-mended line is no fix
        start, end, replacement = repair
        current = current[:start] + replacement + current[end:]
        lines[line - 1] = current
        candidate = "\n".join(lines)
        try:
            loads(candidate)
        except toml_rs.TOMLDecodeError as error:
            at_line, at_column = error_position(error, candidate)
            if (at_line, at_column) <= (line, start + len(replacement)):
                return None  # still broken here: no fix to offer
            if at_line == line:
                index = at_column - 1
                continue  # the next mistake on the same line
        except Exception:
            pass  # parsed this far: what is left is another error, elsewhere
        return current.strip()
    return None


_MAX_REPAIRS = 20
_LONGEST_FIX = 200


def _add_seconds(line: str, index: int) -> tuple[int, int, str] | None:
    block = _BLOCK.match(line, index)
    if block:  # hours = [10:00-13:00]: a meeting block is text
        return block.start(), block.end(), f'"{block.group()}"'
    found = _NO_SECONDS.match(line, index)
    if found is None:
        return None
    return found.start(), found.end(), _with_seconds(found)


def _with_seconds(match: re.Match[str]) -> str:
    hour = match.group("hour").zfill(2)
    day = (match.group("date") or "").replace("t", "T")
    return f"{day}{hour}:{match.group('minute')}:00{match.group('offset') or ''}"


def _quote_rest(line: str, index: int) -> tuple[int, int, str] | None:
    """`kind = session` -> `kind = "session"`: after `=`, the rest of the line (up to a
    comment); inside an array or inline table, the one bare word."""
    before = line[:index].rstrip()
    if before.endswith("=") and "[" not in before and "{" not in before:
        rest = line[index:]
        end = index + len(rest.split(" #", 1)[0].rstrip())
    else:
        word = _BARE.match(line, index)
        if word is None:
            return None
        end = word.end()
    value = line[index:end]
    if not value:
        return None
    return index, end, _basic_string(value)


def _basic_string(value: str) -> str:
    """`value` as a TOML basic string."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(f"\\u{ord(c):04x}" if first_control(c) is not None else c for c in escaped)
    return f'"{escaped}"'
