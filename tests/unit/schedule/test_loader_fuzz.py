"""Whatever the bytes, loading either succeeds or raises the loader's one error type."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.errors import ScheduleError
from tui.schedule.loader import bundled_schedule_path, load_text

VALID = bundled_schedule_path().read_text(encoding="utf-8")
LINES = VALID.splitlines(keepends=True)


def load_or_schedule_error(data: str | bytes) -> None:
    try:
        loaded = load_text(data, "fuzz.toml")
    except ScheduleError as error:
        assert error.diagnostics, "an error must say what is wrong"
        for diagnostic in error.diagnostics:
            assert diagnostic.line >= 1 and diagnostic.column >= 1
            assert diagnostic.message
    else:
        assert loaded.schedule.id


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text(text: str) -> None:
    load_or_schedule_error(text)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes(data: bytes) -> None:
    load_or_schedule_error(data)


_FRAGMENTS = st.sampled_from(
    [
        "",
        "x",
        "=",
        '"',
        "[",
        "]",
        "[[events]]\n",
        "2022-13-45",
        "2022-02-29",
        "9999-12-31",
        "0001-01-01T00:00:00+05:00",
        "10:00",
        "T25:00:00",
        "+99:00",
        '"UTC"',
        '"Mars/Olympus"',
        "-",
        "\\",
        "\n",
        "#",
        "'''",
        '"""',
        "{",
        "}",
        "[schedule]\n",
        'kind = "x"\n',
        "end = 1999-01-01\n",
        'venue = "nowhere"\n',
        'hours = ["9:00-8:00"]\n',
        'id = "session-1"\n',
        "\x00",
        "\ufeff",
    ]
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.data())
def test_mutated_bundled_schedule(data: st.DataObject) -> None:
    lines = list(LINES)
    for _ in range(data.draw(st.integers(1, 4))):
        index = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["delete", "insert", "replace", "splice"]))
        fragment = data.draw(_FRAGMENTS)
        if action == "delete":
            del lines[index]
        elif action == "insert":
            lines.insert(index, fragment)
        elif action == "replace":
            lines[index] = fragment
        else:
            line = lines[index]
            cut = data.draw(st.integers(0, len(line)))
            lines[index] = line[:cut] + fragment + line[cut:]
        if not lines:
            lines = [""]
    load_or_schedule_error("".join(lines))


def test_huge_input_is_an_error_not_a_crash() -> None:
    load_or_schedule_error("a = [" * 20000 + "]" * 20000)
    load_or_schedule_error("x" * 2_000_000)
