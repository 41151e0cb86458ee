"""The change ledger: SEQUENCE and LAST-MODIFIED as a subscribed client needs them."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.publish.ledger import Fingerprint, Ledger, load_ledger

T0 = datetime(2022, 9, 6, 10, 0, tzinfo=UTC)


def fp(when: str, text: str = "title") -> Fingerprint:
    return Fingerprint(when, text)


def test_a_move_raises_sequence_and_a_text_edit_only_moves_last_modified() -> None:
    ledger = Ledger("ahc")
    first = ledger.update({"a": fp("9 Jan"), "b": fp("11 Apr")}, T0)
    assert first == {"a": (0, T0), "b": (0, T0)} and ledger.changed == T0

    later = T0 + timedelta(hours=1)
    same = ledger.update({"a": fp("9 Jan"), "b": fp("11 Apr")}, later)
    assert same == first and ledger.changed == T0  # nothing changed: nothing moves

    moved = ledger.update({"a": fp("23 Jan"), "b": fp("11 Apr")}, later)
    assert moved["a"] == (1, later) and moved["b"] == (0, T0)
    assert ledger.changed == later

    much_later = later + timedelta(days=1)
    retitled = ledger.update(
        {"a": fp("23 Jan", "Fourth session (resumed)"), "b": fp("11 Apr")}, much_later
    )
    assert retitled["a"] == (1, much_later)


def test_a_removal_is_a_change_and_a_return_continues_the_sequence() -> None:
    ledger = Ledger("ahc")
    ledger.update({"a": fp("x"), "b": fp("y")}, T0)
    ledger.update({"a": fp("x2"), "b": fp("y")}, T0 + timedelta(minutes=1))
    removed_at = T0 + timedelta(minutes=2)
    ledger.update({"b": fp("y")}, removed_at)
    assert ledger.changed == removed_at
    back = ledger.update({"a": fp("x3"), "b": fp("y")}, T0 + timedelta(minutes=3))
    assert back["a"].sequence == 2  # never restarts below what clients saw


def test_a_clock_set_back_never_moves_last_modified_backwards() -> None:
    ledger = Ledger("ahc")
    ledger.update({"a": fp("x")}, T0)
    stamps = ledger.update({"a": fp("y")}, T0 - timedelta(days=3))
    assert stamps["a"].modified == T0 and ledger.changed == T0


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "state" / "ledgers" / "ahc.json"
    ledger = Ledger("ahc")
    ledger.update({"a@ahc.docket": fp("x"), "b@ahc.docket": fp("y")}, T0)
    ledger.update({"a@ahc.docket": fp("x2")}, T0 + timedelta(hours=2))
    ledger.save(path)
    again = load_ledger(path, "ahc")
    assert again.problem is None
    assert again.entries == ledger.entries and again.changed == ledger.changed
    assert again.exported == {"a@ahc.docket"}
    assert [p.name for p in path.parent.iterdir()] == ["ahc.json"]  # no temporary left


def _old_ledger(uids_key: str, uids: list[str]) -> dict[str, object]:
    entry = {"schedule": "s", "text": "t", "sequence": 4, "modified": T0.isoformat()}
    return {
        "format": "docket-ledger",
        "version": 1,
        "schedule": "ahc",
        "changed": T0.isoformat(),
        uids_key: uids,
        "entries": {uid: entry for uid in uids},
    }


def test_a_ledger_written_before_the_rename_keeps_its_exported_uids(tmp_path: Path) -> None:
    """Ledgers written before `shown` became `exported` still say which UIDs were last
    exported: one that left since is still a change, and the next save writes the new key."""
    path = tmp_path / "ahc.json"
    path.write_text(json.dumps(_old_ledger("shown", ["a@ahc.docket", "b@ahc.docket"])))
    ledger = load_ledger(path, "ahc")
    assert ledger.problem is None
    assert ledger.exported == {"a@ahc.docket", "b@ahc.docket"}
    later = T0 + timedelta(days=1)
    ledger.update({"a@ahc.docket": fp("s", "t")}, later)
    assert ledger.changed == later  # b left the calendar: clients must see a change
    ledger.save(path)
    saved = json.loads(path.read_text())
    assert saved["exported"] == ["a@ahc.docket"] and "shown" not in saved
    assert load_ledger(path, "ahc").exported == {"a@ahc.docket"}


def test_the_new_key_wins_over_the_old_one(tmp_path: Path) -> None:
    path = tmp_path / "ahc.json"
    data = _old_ledger("exported", ["a@ahc.docket"]) | {"shown": ["old@ahc.docket"]}
    path.write_text(json.dumps(data))
    assert load_ledger(path, "ahc").exported == {"a@ahc.docket"}


def test_missing_ledger_is_fresh_and_silent(tmp_path: Path) -> None:
    ledger = load_ledger(tmp_path / "none.json", "ahc")
    assert ledger.entries == {} and ledger.problem is None


def test_corrupt_foreign_and_other_schedules_ledgers_are_reported_and_rebuilt(
    tmp_path: Path,
) -> None:
    cases = {
        "garbage": b"\x00\xff not json",
        "foreign": json.dumps({"format": "someone-else", "entries": {}}).encode(),
        "other": json.dumps(
            {"format": "docket-ledger", "version": 1, "schedule": "x", "entries": {}}
        ).encode(),
        "badseq": json.dumps(
            {
                "format": "docket-ledger",
                "version": 1,
                "schedule": "ahc",
                "changed": None,
                "entries": {"a": {"schedule": "s", "text": "t", "sequence": -4, "modified": "x"}},
            }
        ).encode(),
        "future": json.dumps({"format": "docket-ledger", "version": 99}).encode(),
    }
    for name, raw in cases.items():
        path = tmp_path / f"{name}.json"
        path.write_bytes(raw)
        ledger = load_ledger(path, "ahc")
        assert ledger.entries == {}, name
        assert ledger.problem and str(path) in ledger.problem, name
        ledger.update({"a": fp("x")}, T0)
        ledger.save(path)
        assert load_ledger(path, "ahc").problem is None


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=200),
        json_values.map(lambda v: json.dumps(v).encode()),
        st.fixed_dictionaries(
            {
                "format": st.just("docket-ledger"),
                "version": st.just(1),
                "schedule": st.just("ahc"),
                "changed": json_values,
                "shown": json_values,
                "entries": json_values,
            }
        ).map(lambda v: json.dumps(v).encode()),
    )
)
def test_any_file_content_loads_or_is_reported_never_raises(raw: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "l.json"
        path.write_bytes(raw)
        ledger = load_ledger(path, "ahc")
        ledger.update({"a": fp("x")}, T0)  # usable either way


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.dictionaries(
                st.sampled_from("abcd"),
                st.tuples(st.sampled_from("xyz"), st.sampled_from("pq")),
                max_size=4,
            ),
            st.integers(-3600, 86400),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_sequences_and_moments_never_go_backwards(steps: list) -> None:
    ledger = Ledger("ahc")
    now = T0
    seen: dict[str, tuple[int, datetime]] = {}
    changed = None
    for shown, step in steps:
        now += timedelta(seconds=step)
        stamps = ledger.update({uid: Fingerprint(*parts) for uid, parts in shown.items()}, now)
        for uid, (sequence, modified) in stamps.items():
            if uid in seen:
                assert sequence >= seen[uid][0] and modified >= seen[uid][1]
            seen[uid] = (sequence, modified)
        assert changed is None or ledger.changed >= changed
        changed = ledger.changed
