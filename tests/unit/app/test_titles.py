"""Titles that begin alike stay apart in the timeline's title column (`timeline.titles`),
and the column is sized to show the words that tell them apart (`lines.columns`)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.app.timeline.lines import TITLE_SHARE, columns
from tui.app.timeline.rows import TimelineRows
from tui.app.timeline.titles import distinct_cells, distinct_ends, fit, fit_title

#: Words that make titles begin alike, with punctuation `fit` drops, wide and combining text.
WORDS = ["Draft", "convention", "due:", "session", "a", "First", "the", "of", "x", "—"]
WORDS += ["committee", "中文", "e\u0301", "Sessions;", "Session,", "(original"]
TITLE = st.lists(st.sampled_from(WORDS), min_size=1, max_size=7).map(" ".join)
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


@pytest.fixture(scope="module")
def rows(schedule) -> TimelineRows:
    return TimelineRows(schedule)


@settings(max_examples=300, deadline=None)
@given(st.lists(TITLE, min_size=2, max_size=8, unique=True), st.integers(1, 60))
def test_titles_read_apart_whenever_the_column_holds_their_distinguishing_words(
    titles: list[str], width: int
) -> None:
    ends = distinct_ends(titles)
    shown = [fit_title(title, width, end) for title, end in zip(titles, ends, strict=True)]
    assert all(cell_len(text) == width for text in shown)
    need = max(distinct_cells(title, end) for title, end in zip(titles, ends, strict=True))
    if width >= max(need, 3):  # 3: a wide first character and the ellipsis
        assert len(set(shown)) == len(shown), shown


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT, st.integers(-2, 50), st.integers(-3, 60))
def test_any_title_fits_its_width_exactly(title: str, width: int, end: int) -> None:
    text = fit_title(title, width, end)
    assert cell_len(text) == max(0, width)
    assert cell_len(fit(title, width)) == max(0, width)


def test_the_bundled_titles_read_apart_from_the_narrowest_column(rows: TimelineRows) -> None:
    # The narrowest title column is 17 cells: 13 for the text, beside the glyph.
    for width in range(13, 70):
        shown = [fit_title(row.title, width, row.distinct) for row in rows.all]
        assert len(set(shown)) == len(shown), (width, shown)


def test_drafts_keep_the_words_that_differ(rows: TimelineRows) -> None:
    by_id = {row.event.id: row for row in rows.all}
    approved, due = (by_id[key] for key in ("draft-approved", "ga78-close"))
    assert approved.title[: approved.distinct] == "Draft convention approved"
    assert due.title[: due.distinct] == "Draft convention due:"
    # Wide enough: cut at a word; too narrow: cut in the middle, the start and the word kept.
    assert fit_title(approved.title, 26, approved.distinct) == "Draft convention approved…"
    assert fit_title(approved.title, 20, approved.distinct) == "Draft…approved by…  "
    assert fit_title(due.title, 20, due.distinct) == "Draft…due: General… "
    # A title that only another's start holds ("First session" in "First session (…)").
    first = by_id["session-1"]
    assert first.title[: first.distinct] == "First session"


def test_distinct_ends_of_titles_with_nothing_in_common() -> None:
    assert distinct_ends(["Alpha", "Beta", "Alpha"]) == [0, 0, 0]  # the same title twice
    assert distinct_ends(["Ab cd", "Abx"]) == [5, 3]
    # The character that differs is punctuation `fit` would drop: the next word is kept.
    assert distinct_ends(["Session: A", "Session; B"]) == [10, 10]
    assert distinct_ends([]) == []


def test_the_title_column_grows_to_the_distinguishing_words_up_to_a_share(
    rows: TimelineRows,
) -> None:
    title, dates, distinct = rows.widths
    assert distinct == cell_len("Draft convention approved…")
    # At 120 columns the timeline is 74 wide: a third (24) would cut both drafts alike.
    assert columns(74, rows.widths)[0] == distinct + 4
    for width in range(20, 400):
        column = columns(width, rows.widths)[0]
        assert column >= columns(width, (title, dates))[0]  # never narrower than before
        assert column <= max(17, min(48, width // 3), int(width * TITLE_SHARE))
    # A cache of the first format (two widths) still sizes the column.
    assert columns(74, (title, dates)) == (24, 0)
