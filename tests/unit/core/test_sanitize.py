"""Text from a file never drives the terminal: every control is shown, none is sent."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.core.sanitize import describe_control, first_control, visible

CONTROLS = {chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]}
#: Embedding, override and isolate controls: they reorder a line without being seen.
BIDI = {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]}


def test_escape_sequences_are_shown() -> None:
    assert visible("\x1b[31mred\x1b[0m") == "␛[31mred␛[0m"
    assert visible("bell\x07") == "bell␇"
    assert visible("csi\x9b2J") == "csi\\x9b2J"
    assert visible("a\nb\tc") == "a␊b c"
    assert visible("a\nb\tc", multiline=True) == "a\nb\tc"
    assert visible("Première session — 第一届会议") == "Première session — 第一届会议"
    assert describe_control("\x1b") == "U+001B (␛)"


def test_bidirectional_controls_are_shown_and_right_to_left_text_is_not() -> None:
    # "Trojan Source": an override makes `evil` read as `live` on screen.
    assert visible("\u202elive\u202c") == "\\u202elive\\u202c"
    assert visible("a\u2066b\u2069", multiline=True) == "a\\u2066b\\u2069"
    assert visible("الدورة الخامسة \u200f(فيينا)") == "الدورة الخامسة \u200f(فيينا)"
    assert visible("מושב \u200eVienna") == "מושב \u200eVienna"


@given(st.text())
def test_no_control_survives_on_one_line(text: str) -> None:
    shown = visible(text)
    assert not (CONTROLS | BIDI) & set(shown)


@given(st.text())
def test_only_tab_and_newline_survive_in_multiline_text(text: str) -> None:
    shown = visible(text, multiline=True)
    assert set(shown) & (CONTROLS | BIDI) <= {"\t", "\n"}
    assert shown.count("\n") == text.count("\n")


@given(st.text(alphabet=st.characters(blacklist_categories=["Cc"])))
def test_text_without_controls_is_unchanged(text: str) -> None:
    assert first_control(text) is None  # a schedule may hold it (bidirectional ones too)
    if not BIDI & set(text):
        assert visible(text) == text


@given(st.text(), st.sampled_from(sorted(CONTROLS - {"\t", "\n"})), st.text())
def test_first_control_finds_it(before: str, control: str, after: str) -> None:
    index = first_control(before + control + after)
    assert index is not None and index <= len(before)
