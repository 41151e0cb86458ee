"""`tui.schedule.event_keys` places an event's key without the metadata parse: wherever it
answers, the answer is the metadata's, for any schedule and any way of writing it."""

from __future__ import annotations

import sys
from pathlib import Path

import toml_rs
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import BUNDLED
from tui.schedule.locator import Locator
from tui.schedule.toml_source import TOML_VERSION

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
from generate_schedule import generate

KEYS = ("id", "kind", "title", "start", "end", "venue", "hours", "tags", "status", "notes")


def both(text: str, events: int) -> tuple[int, int]:
    """How many (event, key) places the quick path answered, and how many it left. Only
    for text that parses: the loader locates nothing in any other."""
    answered = left = 0
    try:
        toml_rs.loads(text, toml_version=TOML_VERSION)
    except Exception:
        return 0, 0
    quick, slow = Locator(text), Locator(text)
    for index in range(events + 2):  # and past the last event
        for key in KEYS:
            path = ("events", index, key)
            found = quick.value(path)
            truth = slow._find(path, value=True)
            assert found == truth, (path, found, truth)
            if quick._event_keys is not None and quick._event_keys.value(index, key):
                answered += 1
            else:
                left += 1
    return answered, left


def test_the_bundled_schedule_and_generated_ones() -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    answered, _ = both(text, text.count("[[events]]"))
    assert answered > 50
    for dense in (False, True):
        generated = generate(60, seed=3, dense_warnings=dense)
        assert both(generated, 60)[0] > 200


ODD = [
    lambda t: t.replace("\n", "\r\n"),  # CRLF
    lambda t: t.replace("start = ", '"start" = ', 1),  # a quoted key: left to the metadata
    lambda t: t.replace("start = ", "start=", 3),
    lambda t: t.replace("start = ", "  start   =\t", 2),
    lambda t: t.replace('title = "', "title = '", 4),
    lambda t: t.replace("[[events]]", "[[events]]  # a comment", 2),
    lambda t: t.replace("[[events]]", '[[ "events" ]]', 1),
    lambda t: t.replace('kind = "', 'notes = """\nkind = x\n"""\nkind = "', 1),
    lambda t: t.replace("end = ", "# end = 1\nend = ", 2),
    # Lines inside a multi-line string that look like keys the event does not have:
    lambda t: t.replace("[[events]]\n", '[[events]]\nabout = """\nstatus = "x"\nurl = 1\n"""\n', 2),
    lambda t: (
        t + '\n[[events]]\nid = "é-x"\nkind = "deadline"\ntitle = "Über ünïcödé"\n'
        "start = 2024-01-01\n"
    ),
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(range(len(ODD))), max_size=4), st.integers(1, 25))
def test_odd_spellings_answer_as_the_metadata_does(changes: list[int], events: int) -> None:
    text = generate(events, seed=events)
    for change in changes:
        text = ODD[change](text)
    both(text, text.count("[[events]]") + 1)
