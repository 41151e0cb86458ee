"""Deep nesting is a located error, never a crash; brackets in strings and comments are text.

toml-rs overflows its stack (a segmentation fault, which kills pytest too) a few thousand
levels down, sooner in its metadata parse. The crashers run in a child process, so a
regression fails a test instead of ending the run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
import toml_rs
from hypothesis import given, settings, target
from hypothesis import strategies as st

from tui.core.errors import ScheduleError
from tui.schedule.loader import load_text
from tui.schedule.locator import Locator
from tui.schedule.nesting import MAX_NESTING, _first_too_deep, _plainly_shallow, too_deep

HEAD = '[schedule]\nid = "x"\ntitle = "X"\n'  # the deep part is always on line 4

#: Every way TOML nests, thousands of levels down (each crashed docket before the guard
#: knew it), with the line where nesting passes the limit.
CRASHERS = {
    "dotted key": ("x" + ".y" * 5000 + " = 1", 4),
    "table header": ("[" + ".".join(["a"] * 5000) + "]", 4),
    "array-of-tables header": ("[[" + ".".join(["a"] * 5000) + "]]", 4),
    "inline tables": ("z = " + "{b=" * 5000 + "1" + "}" * 5000, 4),
    "dotted key in an inline table": ("z = {" + ".".join(["b"] * 5000) + " = 1}", 4),
    "arrays": ("z = " + "[" * 5000 + "]" * 5000, 4),
    "arrays of inline tables": ("z = " + "[{a=" * 2500 + "1" + "}]" * 2500, 4),
    # [schedule] is level 1, z level 2, and the 99th "[" line (line 103) level 101.
    "arrays over lines": ("z = [\n" + "[\n" * 5000 + "]\n" * 5001, 103),
    # 40 levels of header, 40 of dotted key on the next line, then inline tables.
    "header, dotted key and inline tables": (
        "["
        + ".".join(["a"] * 40)
        + "]\n"
        + ".".join(["b"] * 40)
        + " = "
        + "{c=" * 40
        + "1"
        + "}" * 40,
        5,
    ),
}

# Each parse path on its own: the plain parse, the metadata parse (which crashes sooner),
# and the loader that runs both.
_CHILD = """
import json, sys
from tui.core.errors import ScheduleError
from tui.schedule.loader import load_text
from tui.schedule.locator import Locator
from tui.schedule.toml_source import parse
given = json.loads(sys.stdin.read())
out = {}
for name, body in given["cases"].items():
    text = given["head"] + body + "\\n"
    assert Locator(text).meta == {}
    for step in (lambda: parse(text, "deep.toml"), lambda: load_text(text, "deep.toml")):
        try:
            step()
            out[name] = None
        except ScheduleError as error:
            d = error.errors[0]
            out[name] = [d.line, d.column, d.message]
print(json.dumps(out))
"""


def test_every_form_of_deep_nesting_is_a_located_error_in_a_child_process() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _CHILD],
        input=json.dumps({"head": HEAD, "cases": {n: body for n, (body, _) in CRASHERS.items()}}),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"child died ({result.returncode}): {result.stderr[-2000:]}"
    found = json.loads(result.stdout)
    for name, (_, deep_line) in CRASHERS.items():
        assert found[name] is not None, name
        line, column, message = found[name]
        assert "nested more than 100 levels deep" in message, (name, message)
        assert (line, column >= 1) == (deep_line, True), (name, line, column)


# -- the guard counts exactly what nests --------------------------------------------------


def _depth(document: dict[str, Any]) -> int:
    """How deep the deepest table or array is (the document's own tables are level 1)."""
    pending: list[tuple[Any, int]] = [(document, 0)]
    deepest = 0
    while pending:
        node, depth = pending.pop()
        deepest = max(deepest, depth)
        children = node.values() if isinstance(node, dict) else node
        pending.extend((c, depth + 1) for c in children if isinstance(c, (dict, list)))
    return deepest


@st.composite
def nested(draw: st.DrawFn, levels: int) -> str:
    """A value nested about `levels` deep, built from every construct TOML nests with."""
    text = draw(st.sampled_from(["1", '"[{."', "'x]'", "[]", "{}", "2022-01-01", "1.5"]))
    remaining = levels
    while remaining > 0:
        form = draw(st.sampled_from(["array", "inline", "dotted-inline", "multiline", "string"]))
        if form == "array":
            text, remaining = f"[{text}]", remaining - 1
        elif form == "inline":
            text, remaining = f"{{ k = {text} }}", remaining - 1
        elif form == "dotted-inline":
            parts = draw(st.integers(1, 5))
            key = ".".join(draw(st.sampled_from(["a", '"b.c"', "'[d]'"])) for _ in range(parts))
            text, remaining = f"{{{key} = {text}}}", remaining - parts
        elif form == "multiline":
            text, remaining = f"[\n  # a comment with ]]]\n  {text},\n  1.5,\n]", remaining - 1
        else:
            text = f'["[[[{{ ...", {text}, """\n]]]\n"""]'
            remaining -= 1
    return text


@st.composite
def document(draw: st.DrawFn) -> str:
    header_parts = draw(st.integers(0, 30))
    aot = header_parts > 0 and draw(st.booleans())
    key_parts = draw(st.integers(1, 30))
    value = draw(nested(draw(st.integers(0, 90))))
    header = ""
    if header_parts:
        name = ".".join(draw(st.sampled_from(["t", '"u.v"'])) for _ in range(header_parts))
        header = f"[[{name}]]\n" if aot else f"[{name}]\n"
    key = ".".join(["k"] * key_parts)
    return f'# [[[ not a header\n{header}{key} = {value}\nother = "]]]"\n'


@settings(max_examples=300, deadline=None)
@given(document())
def test_the_guard_refuses_exactly_what_nests_past_the_limit(text: str) -> None:
    depth = _depth(toml_rs.loads(text))  # safe: never more than about 160 levels here
    assert (_first_too_deep(text) is None) == (depth <= MAX_NESTING), depth
    assert (too_deep(text) is None) == (depth <= MAX_NESTING), depth
    if _plainly_shallow(text):
        assert depth <= MAX_NESTING


@st.composite
def spread_out(draw: st.DrawFn) -> str:
    """Deep nesting spread thin: few dots on each line and few in each bracket, the shape
    that can get past the quick test's limits one by one, so its bound is what holds
    (each drawn a little past the quick test's limit, so that a laxer limit is caught)."""
    header_parts = draw(st.integers(0, 8))
    lines = [f"[{'.'.join(['h'] * header_parts)}]"] if header_parts else []
    key = ".".join(["k"] * draw(st.integers(1, 70)))
    opening, closing = [f"{key} = ["], ["]"]
    for _ in range(draw(st.integers(0, 60))):
        if draw(st.booleans()):
            opening.append("[")
            closing.append("],")
        else:
            dotted = ".".join(["a"] * draw(st.integers(1, 8)))
            opening.append(f"{{{dotted} = [")
            closing.append("]},")
    closing[-1] = closing[-1].rstrip(",")
    return "\n".join([*lines, *opening, "1", *reversed(closing)]) + "\n"


@settings(max_examples=200, deadline=None)
@given(spread_out())
def test_the_quick_test_never_vouches_for_text_nested_past_the_limit(text: str) -> None:
    depth = _depth(toml_rs.loads(text))
    shallow = _plainly_shallow(text)
    target(float(depth if shallow else 0))  # search for the deepest text it vouches for
    if shallow:
        assert depth <= MAX_NESTING
    assert (too_deep(text) is None) == (depth <= MAX_NESTING), depth


def _thin(header: int, array: bool, key: int, parts: int, levels: int) -> str:
    """A header of `header` parts, a key of `key` parts, then `levels` lines each opening
    an inline table with a `parts`-part dotted key and an array in it."""
    lines = []
    if header:
        name = ".".join(["h"] * header)
        lines.append(f"[[{name}]]" if array else f"[{name}]")
    dotted = ".".join(["a"] * parts)
    opening = [".".join(["k"] * key) + " = ["] + [f"{{{dotted} = ["] * levels
    return "\n".join([*lines, *opening, "1", *["]}"] * levels, "]"]) + "\n"


def test_the_deepest_text_the_quick_test_vouches_for_is_within_the_limit() -> None:
    # The quick test's bound, checked over the family of texts that come closest to it.
    deepest = 0
    for header in (0, 3, 4, 5):
        for array in (False, True):
            for key in (15, 16, 17):
                for parts in (1, 2, 3, 4):
                    for levels in range(30):
                        text = _thin(header, array, key, parts, levels)
                        if _plainly_shallow(text):
                            deepest = max(deepest, _depth(toml_rs.loads(text)))
    assert 40 < deepest <= MAX_NESTING  # deep enough to mean something, never past


# -- brackets and dots in strings and comments are text ------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        '"' + "[" * 200 + '"',
        "'" + "{" * 200 + "'",
        '"""' + "[\n" * 200 + '"""',
        "'''" + "[[" * 200 + "'''",
        '"' + "." * 300 + '"',
        '"[[[\\"]]]\\\\"',
        '"""a ""[[[ ]]"" b"""',
    ],
    ids=["basic", "literal", "multi-line", "multi-line literal", "dots", "escapes", "quotes"],
)
def test_brackets_in_strings_are_text(value: str) -> None:
    loaded = load_text(HEAD.replace('"X"', value))
    assert loaded.schedule.title


def test_brackets_in_comments_and_quoted_keys_are_text() -> None:
    text = "# " + "[" * 200 + "\n" + HEAD + "# " + "{" * 500 + "]" * 3 + "\n"
    assert load_text(text).schedule.id == "x"
    with pytest.raises(ScheduleError) as caught:
        load_text(HEAD + '"' + "a." * 300 + '" = 1\n')
    assert "unknown key" in caught.value.errors[0].message  # not "nested too deeply"


def test_the_quick_test_vouches_for_ordinary_schedules() -> None:
    from bench.generate_schedule import generate
    from tui.schedule.loader import bundled_schedule_path

    assert _plainly_shallow(generate(300))
    assert _plainly_shallow(bundled_schedule_path().read_text(encoding="utf-8"))


def test_the_metadata_parse_is_guarded_too() -> None:
    # Locator is handed text directly (the app keeps it), so it must not trust its caller.
    code = (
        "from tui.schedule.locator import Locator\n"
        f"print(Locator({'a = ' + '[' * 5000 + ']' * 5000!r}).value(('a',)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "(1, 1)"
    assert Locator("a = [[1]]\n").value(("a",)) == (1, 5)
