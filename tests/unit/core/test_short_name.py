"""`short_name`: how a message names a file or revision, whole unless it is huge."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.text import ELLIPSIS, NAME_WIDTH, short_name


@settings(max_examples=200)
@given(name=st.text(max_size=3 * NAME_WIDTH), width=st.integers(min_value=0, max_value=400))
def test_whole_unless_huge_else_its_start_and_end(name: str, width: int) -> None:
    shown = short_name(name, width)
    if len(name) <= width:
        assert shown == name
    elif width >= 3:
        tail = width // 3
        assert shown == name[: width - tail - 1] + ELLIPSIS + name[-tail:]
    assert len(shown) <= max(width, 0)


def test_a_path_keeps_its_file_name() -> None:
    path = "/" + "a/" * 200 + "plan.toml"
    assert short_name(path).endswith("a/a/plan.toml")
    assert short_name("x" * 100_000 + ":plan.toml").endswith(":plan.toml")
