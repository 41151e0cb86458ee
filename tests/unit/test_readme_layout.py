"""README.md's layout section lists every package and module of `tui/`, and nothing else.

The block after "### Layout" is a tree: two spaces of indent per level, a name (`name/`
for a package), then at least two spaces and a one-line description. A module added
without its line, or a line left behind by a module that moved, fails here with the line to
add (its description taken from the module's docstring, to be edited) or to remove.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
TUI = ROOT / "tui"
#: Where a description starts in the block (names longer than this push it right).
COLUMN = 30
_ENTRY = re.compile(r"^(?P<indent>(?:  )*)(?P<name>\S+?)(?: {2,}(?P<text>\S.*))?$")


def layout_block(text: str) -> list[str]:
    """The lines of the fenced block that follows the "### Layout" heading."""
    after = text.split("\n### Layout\n", 1)[1]
    fence = after.index("```\n")
    body = after[fence + 4 :]
    return body[: body.index("```")].splitlines()


def listed(lines: list[str]) -> dict[str, str]:
    """Path under `tui/` (packages end in `/`) -> description, from the block's lines."""
    assert lines and lines[0] == "tui/", "the layout block starts with `tui/`"
    entries: dict[str, str] = {}
    parents: list[str] = []
    for number, line in enumerate(lines[1:], start=2):
        match = _ENTRY.match(line)
        assert match, f"layout line {number} is not `  name  description`: {line!r}"
        depth = len(match["indent"]) // 2
        assert 1 <= depth <= len(parents) + 1, f"layout line {number} is indented too far"
        del parents[depth - 1 :]
        path = "".join(parents) + match["name"]
        assert match["text"], f"layout line {number} ({path}) has no description"
        assert path not in entries, f"layout line {number} lists {path} twice"
        entries[path] = match["text"]
        if path.endswith("/"):
            parents.append(match["name"])
    return entries


def in_tree() -> set[str]:
    """Every package (`name/`) and module or stylesheet under `tui/`, as the block names them."""
    found: set[str] = set()
    for path in TUI.rglob("*"):
        relative = path.relative_to(TUI).as_posix()
        if "__pycache__" in path.parts or relative.startswith("_schedules"):
            continue
        if path.is_dir() and (path / "__init__.py").exists():
            found.add(relative + "/")
        elif path.is_file() and path.suffix in (".py", ".tcss") and path.name != "__init__.py":
            found.add(relative)
    return found


def suggested_line(path: str) -> str:
    """The block's line for `path`, its description the first line of its docstring."""
    parts = path.rstrip("/").split("/")
    name = parts[-1] + ("/" if path.endswith("/") else "")
    source = TUI / (path + "__init__.py" if path.endswith("/") else path)
    doc = ""
    if source.suffix == ".py":
        doc = (ast.get_docstring(ast.parse(source.read_text(encoding="utf-8"))) or "").strip()
    text = doc.splitlines()[0].rstrip(".") if doc else "(what it holds)"
    head = "  " * len(parts) + name
    return head.ljust(max(COLUMN, len(head) + 2)) + text[:1].lower() + text[1:]


def test_the_layout_block_matches_the_tree() -> None:
    entries = listed(layout_block(README.read_text(encoding="utf-8")))
    tree = in_tree()
    problems = []
    for path in sorted(tree - entries.keys()):
        parent = path.rstrip("/").rpartition("/")[0]
        under = f"under `{parent}/`" if parent else "under `tui/`"
        problems.append(
            f"tui/{path} is missing from README.md's layout: add this line {under} "
            f"(and make its description true and short):\n{suggested_line(path)}"
        )
    for path in sorted(entries.keys() - tree):
        problems.append(
            f"README.md's layout lists tui/{path}, which does not exist: remove its line "
            f"`{path.rstrip('/').rpartition('/')[2]}  {entries[path]}`"
        )
    assert not problems, "\n\n".join(problems)


def test_the_parser_reads_nesting_and_descriptions() -> None:
    lines = ["tui/", "  core/     basics", "    words.py    words", "  __main__.py  entry"]
    assert listed(lines) == {"core/": "basics", "core/words.py": "words", "__main__.py": "entry"}
