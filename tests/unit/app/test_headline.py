"""The header's second line names the headline deadline at every width it can, and never
runs past the width (`tui.app.headline`, Textual-free)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.app.headline import NAME_MIN, Headline, Phrase, fit_headline, tab_texts

NAME = "Draft convention due: General Assembly 78th session closes"
BUNDLED = Headline(
    (
        Phrase("735 days", "735d"),
        Phrase("526 working", "526 wd"),
        Phrase("6 sessions left", "6 sess"),
        Phrase("53 meeting days", "53 mtg d"),
    ),
    NAME,
)


def line(headline: Headline, width: int, view: str = "timeline", tabs: bool = True) -> str:
    layout = fit_headline(headline, width, view, tabs)
    return layout.numbers + layout.name + "".join(t for t, _ in tab_texts(view, layout.tabs))


def test_the_readme_sizes_name_the_deadline() -> None:
    wide = line(BUNDLED, 120)
    assert "735 days · 526 working · 6 sessions left · 53 meeting days" in wide
    assert "→ Draft convention due: General…" in wide and wide.endswith(" 5 ")
    assert " 1 Timeline " in wide and "Agenda" not in wide  # the short tabs make the room
    huge = line(BUNDLED, 200)
    assert NAME in huge and "4 Month  5 Rules" in huge
    narrow = line(BUNDLED, 60, tabs=False)
    assert "→ Draft convention…" in narrow and "526 wd · 6 sess · 53 mtg d" in narrow


names = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=70)
phrases = st.lists(
    st.builds(Phrase, st.text(min_size=1, max_size=20), st.text(min_size=1, max_size=8)),
    max_size=4,
)


@settings(max_examples=300, deadline=None)
@given(phrases, names, st.integers(0, 260), st.booleans(), st.sampled_from(["timeline", "rules"]))
def test_the_line_never_runs_past_its_width_and_names_the_deadline_when_it_can(
    parts: list[Phrase], name: str, width: int, tabs: bool, view: str
) -> None:
    headline = Headline(tuple(parts), name)
    text = line(headline, width, view, tabs)
    assert cell_len(text) <= width
    short = " ◆ " + " · ".join(p.short for p in parts) if parts else ""
    if cell_len(short) + 3 + min(cell_len(name), NAME_MIN) <= width:
        # Room for the short numbers and the name's start: the name is there.
        first_word = name.split(" ")[0][: NAME_MIN - 2]
        assert first_word in text
