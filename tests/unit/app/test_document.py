"""The app's document without a terminal: what the planner would see, from its view models.

The bundled schedule as of the third session's sixth day: the header's lines, the rows a
filter lets through, the selected event's details, a baseline's comparison (made at the
as-of moment, never the real clock), the rules' faults; then random sequences of every
operation, after each of which the document answers consistently.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import BUNDLED
from tui.app.baseline_view import baseline_view
from tui.app.config import AppConfig
from tui.app.document import Document
from tui.app.filtering import parse_filter
from tui.app.loading import Prepared, load_prepared
from tui.app.timeline.rows import TimelineRows
from tui.app.view_models import Redraw
from tui.core.errors import Diagnostic, ScheduleError
from tui.diff.baseline_source import Baseline
from tui.rules import evaluate, summarize
from tui.schedule.loader import Loaded, load_text

NY = ZoneInfo("America/New_York")
AS_OF = datetime(2022, 9, 6, 10, 0, tzinfo=NY)
VIEWER = ZoneInfo("Europe/Vienna")
TEXT = BUNDLED.read_text(encoding="utf-8")


def document(**options: object) -> Document:
    options.setdefault("as_of", AS_OF)
    return Document(AppConfig(BUNDLED, tick=False, viewer_zone=VIEWER, **options))  # type: ignore[arg-type]


def prepared(loaded: Loaded) -> Prepared:
    return Prepared(loaded, TimelineRows(loaded.schedule))


@pytest.fixture(scope="module")
def moved() -> Loaded:
    """The bundled schedule with the fourth session two weeks later."""
    text = TEXT.replace(
        "start = 2023-01-09\nend = 2023-01-20", "start = 2023-01-23\nend = 2023-02-03"
    )
    assert text != TEXT
    return load_text(text, "moved.toml")


@pytest.fixture
def shown(bundled_loaded: Loaded) -> Document:
    doc = document()
    doc.replace(prepared(bundled_loaded))
    return doc


def test_before_a_load_it_says_it_is_loading() -> None:
    doc = document(title_hint="plan")
    assert doc.placeholder == f"Loading {BUNDLED.name}…"
    header = doc.header()
    assert header.title == "plan" and header.as_of
    assert header.headline is None and header.session is None
    assert doc.rows() is None and doc.details() is None and doc.month() is None


def test_the_header_says_what_is_left_and_what_is_on(shown: Document) -> None:
    header = shown.header()
    assert header.title == "Ad Hoc Committee on Cybercrime, 2022–2024"
    assert header.warnings == 2  # the signing ceremony in Hanoi, on a weekend
    assert header.clock == "Tue 6 Sep 2022 10:00:00 EDT" and header.as_of
    assert header.headline is not None
    numbers = [phrase.full for phrase in header.headline.phrases]
    assert numbers == ["735 days", "526 working", "6 sessions left", "53 meeting days"]
    assert header.headline.name == "Draft convention due: General Assembly 78th session closes"
    assert header.session == "█ Now: Third session · New York · day 6 of 9"
    assert header.baseline == ""
    assert shown.header(short=True).clock == "2022-09-06 10:00:00"


def test_rows_follow_the_filter_and_the_details_the_selection(shown: Document) -> None:
    rows = shown.rows()
    assert rows is not None and rows.total == rows.events == len(rows.rows) == 21
    assert shown.set_filter("kind:session venue:vienna").redraw == Redraw.ROWS
    rows = shown.rows()
    assert rows is not None
    assert [row.event.id for row in rows.rows] == ["session-2", "session-4", "session-5"]
    assert rows.total == 21 and rows.events == 3 and shown.filtering
    assert shown.details() is None  # nothing selected yet
    assert shown.select("session-3").redraw == Redraw.DETAILS
    details = shown.details()
    assert details is not None and details.title == "Third session"
    facts = {fact.label: fact.value for fact in details.facts}
    assert facts["When"] == "Mon 29 Aug – Fri 9 Sep 2022 (New York)"
    assert facts["Your zone"] == "from Mon 29 Aug 2022: 16:00–19:00, 21:00–00:00 CEST"
    assert facts["Length"] == "12 days, 9 meeting days"
    assert facts["Phase"] == "day 6 of 9" and facts["Ends"] == "in 3 days"
    month = shown.month(opening=True)
    assert month is not None and str(month.day) == "2022-09-06"


def test_a_gone_selection_is_none_but_still_wanted(shown: Document) -> None:
    shown.select("no-such-event")
    assert shown.selected_id is None and shown.wanted_id == "no-such-event"
    assert shown.details() is None


def test_as_of_another_day_changes_the_header_and_the_details(shown: Document) -> None:
    shown.select("session-3")
    update = shown.set_as_of(datetime(2023, 1, 2, 9, 0, tzinfo=NY))
    assert {Redraw.HEADER, Redraw.DETAILS, Redraw.COUNTDOWNS} <= set(update.redraw)
    header = shown.header()
    assert header.session == "█ Next: Fourth session · Vienna · in 7 days"
    details = shown.details()
    assert details is not None
    assert {f.label: f.value for f in details.facts}["Ended"] == "115 days ago"
    assert shown.tick().redraw == Redraw.HEADER  # the same day: the clock line only


def test_the_baseline_is_compared_at_the_as_of_moment(bundled_loaded: Loaded) -> None:
    """A comparison made at the real clock would count the headline numbers of today."""
    base = Baseline("plan.toml", "plan.toml", bundled_loaded.schedule)
    doc = document(baseline=base)
    result = load_prepared(BUNDLED, baseline=base, as_of=doc.as_of_in)
    assert isinstance(result, Prepared) and result.baseline is not None
    assert result.baseline.diff.as_of == AS_OF
    update = doc.replace(result)
    assert not update.compare_again
    assert doc.comparison is result.baseline
    assert doc.header().baseline == "vs plan.toml: no changes │ ◆ headline numbers unchanged"
    later = datetime(2024, 1, 2, 9, 0, tzinfo=NY)
    doc.set_as_of(later)
    assert doc.prepare(bundled_loaded).baseline.diff.as_of == later  # type: ignore[union-attr]


def test_a_baseline_shows_what_moved(moved: Loaded, bundled_loaded: Loaded) -> None:
    base = Baseline("HEAD~1", "HEAD~1:plan.toml", bundled_loaded.schedule)
    doc = document()
    doc.replace(prepared(moved))
    doc.choose_baseline(base)
    current = doc.prepared
    assert current is not None
    view = baseline_view(base, current.rows, AS_OF)
    update = doc.compared(current, base, view)
    assert [note.text for note in update.notes] == ["Baseline: HEAD~1"]
    assert {Redraw.ROWS, Redraw.MARKS, Redraw.DETAILS, Redraw.HEADER} <= set(update.redraw)
    assert doc.header().baseline is not None
    assert doc.header().baseline.startswith("vs HEAD~1: 1 moved")
    rows = doc.rows()
    assert rows is not None and rows.marks["session-4"].sign == "~"
    doc.select("session-4")
    details = doc.details()
    assert details is not None
    said = [f.value for f in details.facts if f.label == "Baseline"]
    assert said == ["moved 2 weeks later (was 9–20 Jan 2023)"]
    # A comparison of a schedule since replaced asks for one of the current schedule.
    doc.replace(prepared(moved))
    assert doc.compared(current, base, view).compare_again


def test_while_edits_are_pending_the_file_is_the_baseline(
    moved: Loaded, bundled_loaded: Loaded
) -> None:
    doc = document()
    doc.replace(prepared(moved))
    on_disk = Baseline("schedule.toml", "schedule.toml", bundled_loaded.schedule)
    update = doc.set_file_baseline(on_disk)
    assert doc.baseline is on_disk and doc.chosen_baseline is None
    assert not update.notes and not update.compare_again  # an edit says nothing
    # Against the file on disk the header says the edits are unsaved, not which file.
    assert doc.header().baseline.startswith("unsaved: 1 moved")  # type: ignore[union-attr]
    doc.set_file_baseline(None)
    assert doc.baseline is None and doc.comparison is None


def test_rules_judged_mark_the_events_blamed(moved: Loaded) -> None:
    doc = document()
    doc.replace(prepared(moved))
    current = doc.prepared
    assert current is not None
    results = evaluate(current.loaded.schedule)
    update = doc.rules_judged(current, results, summarize(results))
    assert Redraw.MARKS in update.redraw and not update.notes  # the first judgement
    assert doc.rule_faults and doc.header().rules.startswith("rules: ")
    rows = doc.rows()
    assert rows is not None and rows.faults == frozenset(doc.rule_faults)
    event_id = next(iter(doc.rule_faults))
    doc.select(event_id)
    details = doc.details()
    assert details is not None and any(f.label == "Rules" for f in details.facts)
    # The results of a schedule since replaced are dropped.
    assert doc.rules_judged(prepared(moved), [], None).redraw == Redraw.NOTHING


def test_an_invalid_file_keeps_the_last_valid_schedule(shown: Document) -> None:
    error = ScheduleError([Diagnostic("plan.toml", 3, 1, "error", "unknown key `strat`")])
    assert shown.fail(error).redraw == Redraw.ERRORS
    errors = shown.errors()
    assert errors is not None and [str(e) for e in errors.errors] == [str(error.errors[0])]
    assert shown.rows() is not None and shown.header().session is not None
    again = prepared(shown.prepared.loaded)  # type: ignore[union-attr]
    notes = shown.replace(again).notes
    assert shown.errors() is None and [n.text for n in notes] == ["Reloaded ahc-2022-2024.toml"]


# --- any sequence of operations ------------------------------------------------------------

IDS = ["session-3", "session-4", "ga78-close", "gone", "", "x" * 300, "\x1b[2J"]
FILTERS = ["", "kind:session", "venue:vienna tag:substantive", '"fifth session', "kind:", "é"]
MOMENTS = st.datetimes(datetime(1990, 1, 1), datetime(2035, 12, 31), timezones=st.just(NY))


@st.composite
def operations(draw: st.DrawFn) -> list[tuple[str, object]]:
    steps = st.one_of(
        st.tuples(st.just("filter"), st.one_of(st.sampled_from(FILTERS), st.text(max_size=12))),
        st.tuples(st.just("select"), st.one_of(st.none(), st.sampled_from(IDS))),
        st.tuples(st.just("as_of"), st.one_of(st.none(), MOMENTS)),
        st.tuples(st.just("load"), st.sampled_from(["bundled", "moved"])),
        st.tuples(st.just("baseline"), st.sampled_from(["bundled", "moved", None])),
        st.tuples(st.just("file_base"), st.sampled_from(["bundled", None])),
        st.tuples(st.just("rules"), st.booleans()),
        st.tuples(st.just("fail"), st.just(None)),
        st.tuples(st.just("tick"), st.just(None)),
    )
    return draw(st.lists(steps, max_size=12))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(program=operations())
def test_any_sequence_keeps_the_document_consistent(
    program: list[tuple[str, object]], bundled_loaded: Loaded, moved: Loaded
) -> None:
    doc = document()
    versions = {"bundled": bundled_loaded, "moved": moved}
    bases = {name: Baseline(name, name, v.schedule) for name, v in versions.items()}
    for step, value in program:
        current = doc.prepared
        if step == "filter":
            doc.set_filter(str(value))
        elif step == "select":
            doc.select(value)  # type: ignore[arg-type]
        elif step == "as_of":
            doc.set_as_of(value)  # type: ignore[arg-type]
        elif step == "load":
            doc.replace(doc.prepare(versions[str(value)]))
        elif step == "baseline" and current is not None:
            base = bases[value] if isinstance(value, str) else None
            doc.choose_baseline(base)
            view = baseline_view(base, current.rows, AS_OF) if base is not None else None
            if doc.compared(current, base, view).compare_again:
                doc.replace(doc.prepare(current.loaded), from_file=False)
        elif step == "file_base":
            doc.set_file_baseline(bases["bundled"] if value else None)
        elif step == "rules" and current is not None:
            results = evaluate(current.loaded.schedule) if value else []
            doc.rules_judged(current, results, summarize(results) if results else None)
        elif step == "fail":
            doc.fail(ScheduleError([Diagnostic("x.toml", 1, 1, "error", "bad")]))
        else:
            doc.tick()
        check(doc, step)


def check(doc: Document, step: str) -> None:
    """What must hold whatever was done: every view model answers, and agrees with the rest."""
    header = doc.header()
    assert header.clock and (header.session is None) == (doc.prepared is None), step
    current = doc.prepared
    rows = doc.rows()
    if current is None:
        assert rows is None and doc.selected_id is None, step
        return
    assert rows is not None
    schedule = current.loaded.schedule
    ids = {event.id for event in schedule.events}
    view = doc.comparison
    removed = {row.event.id for row in view.removed} if view is not None else set()
    # The selection is an event the schedule has, a removed one the baseline has, or None.
    assert doc.selected_id is None or doc.selected_id in ids | removed, step
    # The filter: the rows are exactly the events it lets through, in date order.
    event_filter = doc.event_filter or parse_filter("")
    own = [row.event.id for row in rows.rows if not row.removed]
    expected = [r.event.id for r in current.rows.all if event_filter.matches(r.event)]
    assert own == expected and rows.events == len(own), step
    assert rows.total == len(schedule.events), step
    assert all(row.event.id in removed for row in rows.rows if row.removed), step
    # Drawn against the baseline it says, or against none.
    assert (view.baseline if view is not None else None) in (doc.baseline, None), step
    assert set(rows.faults) <= ids, step
    doc.details()
    doc.month(opening=True)
    dataclasses.asdict(header)
    assert isinstance(doc.path, Path)


def test_a_removed_event_keeps_its_details(bundled_loaded: Loaded, moved: Loaded) -> None:
    """The baseline has an event the schedule does not: its details are the baseline's."""
    text = TEXT.replace('id = "consultation-2"', 'id = "consultation-2-renamed"')
    renamed = load_text(text, "renamed.toml")
    base = Baseline("plan.toml", "plan.toml", bundled_loaded.schedule)
    doc = document(baseline=base)
    doc.replace(doc.prepare(renamed))
    doc.select("consultation-2")
    assert doc.selected_id == "consultation-2"
    details = doc.details()
    assert details is not None and details.title == "2nd intersessional consultation"
    assert ("Baseline", "removed since plan.toml") in [(f.label, f.value) for f in details.facts]
    rows = doc.rows()
    assert rows is not None and rows.total == 21 and len(rows.rows) == 22
    month = doc.month()
    assert month is not None and not any(row.removed for row in month.rows)
    assert doc.replace(doc.prepare(renamed)).notes[0].text.startswith("Reloaded")
    assert moved.schedule.event("session-4") is not None
    assert timedelta(0) <= doc.clock.now() - AS_OF < timedelta(seconds=1)
