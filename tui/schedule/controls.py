"""Control characters in a schedule's text values and keys: errors, wherever they are.

TOML refuses most raw control characters, but its escapes make any of them (`"\\u001b"`
is ESC, `"\\u009b"` a C1 CSI that some terminals obey, `"\\r"` a carriage return), and raw
C1 characters are valid TOML. A title holding ESC would be shown, exported and printed
everywhere; it is one error at the value's line instead, whatever the key (titles,
notes, venue names, tags, urls, ids, hours, zone names) and in keys too. Tab and newline
are text and pass (a CRLF file's multi-line strings reach here as plain newlines).

Walking every value of a 10,000-event document costs more than the rest of validation, so
the text is asked first: without a backslash escape that can make a control character and
without a raw C1 character, no value can hold one.
"""

from __future__ import annotations

import re
from typing import Any

from tui.core.sanitize import describe_control, first_control, visible
from tui.schedule.issues import Issue
from tui.schedule.toml_source import KeyPath

#: Escapes that can produce a control character (`\b`, `\f`, `\r`, `\uXXXX`, `\UXXXXXXXX`);
#: an escaped backslash before one of these letters only makes the test cautious.
_ESCAPE = re.compile(r"\\[bfruU]")
_C1 = re.compile("[\x80-\x9f]")
_ADVICE = "remove it (text may hold tabs and new lines, but no other control characters)"


def may_hold_controls(text: str) -> bool:
    """False only if no string or key parsed from `text` can hold a control character."""
    if "\\" in text and _ESCAPE.search(text):
        return True
    return not text.isascii() and _C1.search(text) is not None


def control_issues(document: dict[str, Any]) -> list[Issue]:
    """One error per string value or key holding a control character (not tab/newline)."""
    issues: list[Issue] = []
    pending: list[tuple[KeyPath, object]] = [((), document)]
    while pending:
        path, node = pending.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                at: KeyPath = (*path, key)
                index = first_control(key, allow_newline=False)
                if index is not None:
                    message = (
                        f"control character {describe_control(key[index])} in key "
                        f"`{visible(key)}`: {_ADVICE}"
                    )
                    issues.append(Issue(at, "key", "error", message))
                else:
                    pending.append((at, value))
        elif isinstance(node, list):
            pending.extend(((*path, index), item) for index, item in enumerate(node))
        elif isinstance(node, str):
            index = first_control(node)
            if index is not None:
                name = next((part for part in reversed(path) if isinstance(part, str)), "")
                message = (
                    f"control character {describe_control(node[index])} in `{name}` "
                    f"({_excerpt(node, index)}): {_ADVICE}"
                )
                issues.append(Issue(path, "value", "error", message))
    issues.reverse()  # the walk is depth-first from the end; the loader sorts by line anyway
    return issues


def _excerpt(text: str, index: int, width: int = 20) -> str:
    """The text around the control character, shown, so that it can be found in the value."""
    start, end = max(0, index - width), index + width + 1
    head = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    return f"'{head}{visible(text[start:end])}{tail}'"


def tainted_keys(issues: list[Issue]) -> frozenset[KeyPath]:
    """Every key path at or above a control character: the checks skip these, so a bad
    value is reported once, as a control character, not again as a bad kind or id."""
    return frozenset(
        issue.path[:depth] for issue in issues for depth in range(1, len(issue.path) + 1)
    )
