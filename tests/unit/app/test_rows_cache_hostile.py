"""The rows cache as untrusted input: planted links, pipes and devices at an entry's name,
directories others own or can write, crafted entries with controls or impossible values."""

from __future__ import annotations

import math
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.core.test_state_files import OTHER_UID, finishes, needs_root, zero_device
from tui.app import rows_cache
from tui.app.rows_cache import CachedEvent, CachedRow, CachedRows
from tui.app.shown import shown
from tui.core import model

DAY = 738_000.0


def marshal_dumps(value: object) -> bytes:
    import marshal

    return marshal.dumps(value)  # a day number in docket's years


def row(**changes: Any) -> CachedRow:
    event = CachedEvent(
        changes.pop("id", "a"),
        changes.pop("kind", "session"),
        changes.pop("status", "confirmed"),
        False,
        False,
        True,
    )
    values: dict[str, Any] = {
        "event": event,
        "t0": DAY,
        "t1": DAY + 3,
        "title": "Session",
        "dates": "1–3 Jan 2021",
        "glyph": "█",
        "bar_glyph": "█",
        "daily": True,
        "off": frozenset({int(DAY) + 1}),
        "hours": ((0.4, 0.7),),
        "distinct": 0,
    }
    values.update(changes)
    return CachedRow(**values)


def entry(folder: Path, *rows: CachedRow, key: str = "k", title: str = "T") -> Path:
    """A well-formed entry (right header, right hash) holding exactly `rows`."""
    data = CachedRows(title, (DAY, DAY + 10), (20, 14, 0), list(rows))
    path = folder / f"{key}{rows_cache.SUFFIX}"
    path.write_bytes(rows_cache.encode(key, title, data))
    return path


def test_the_kinds_and_statuses_are_the_models() -> None:
    assert set(model.KINDS) == rows_cache.KINDS
    assert set(model.STATUSES) == rows_cache.STATUSES


def test_a_planted_link_at_an_entry_is_replaced_and_its_target_untouched(
    tmp_path: Path,
) -> None:
    target = tmp_path / "precious"
    target.write_bytes(b"keep me")
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    entry(tmp_path, row())  # a valid entry, reachable through the link
    (folder / f"k{rows_cache.SUFFIX}").symlink_to(tmp_path / f"k{rows_cache.SUFFIX}")
    assert rows_cache.read_rows(folder, "k") is None  # never read through a link
    (folder / f"j{rows_cache.SUFFIX}").symlink_to(target)
    data = CachedRows("T", (DAY, DAY + 1), (1, 1, 0), [row()])
    assert rows_cache.write_rows(folder, "j", "T", data)
    assert target.read_bytes() == b"keep me"
    assert not (folder / f"j{rows_cache.SUFFIX}").is_symlink()
    assert rows_cache.read_rows(folder, "j") is not None


def test_a_pipe_or_device_at_an_entry_is_a_miss_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / f"k{rows_cache.SUFFIX}")
    assert finishes(lambda: rows_cache.read_rows(tmp_path, "k")) is None
    zero_device(tmp_path / f"z{rows_cache.SUFFIX}")
    assert finishes(lambda: rows_cache.read_rows(tmp_path, "z")) is None
    rows_cache.prune(tmp_path)  # neither opened nor followed while pruning


def test_an_entry_over_the_limit_is_a_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = entry(tmp_path, row())
    monkeypatch.setattr(rows_cache, "MAX_ENTRY_BYTES", path.stat().st_size - 1)
    assert rows_cache.read_rows(tmp_path, "k") is None


def test_the_cache_directory_is_made_private(tmp_path: Path) -> None:
    folder = tmp_path / "cache" / "docket" / "rows"
    assert rows_cache.open_cache(folder) is None
    for made in (folder, folder.parent, folder.parent.parent):
        assert stat.S_IMODE(made.stat().st_mode) == 0o700


@pytest.mark.parametrize("how", ["mode 0777", "another owner"])
def test_a_cache_directory_others_own_or_can_write_is_off_with_a_note(
    tmp_path: Path, how: str
) -> None:
    folder = tmp_path / "rows"
    folder.mkdir()
    if how == "mode 0777":
        folder.chmod(0o777)
    else:
        needs_root()
        os.chown(folder, OTHER_UID, OTHER_UID)
    entry(folder, row())
    note = rows_cache.open_cache(folder)
    assert note and "rows cache is off" in note and str(folder) in note
    data = CachedRows("T", (DAY, DAY + 1), (1, 1, 0), [row()])
    assert rows_cache.write_rows(folder, "new", "T", data) is False
    assert not (folder / f"new{rows_cache.SUFFIX}").exists()


@pytest.mark.parametrize(
    "bad",
    [
        {"t0": math.nan},
        {"t1": math.inf},
        {"t1": math.nan},
        {"t0": -math.inf},
        {"t0": -1e308},
        {"t0": DAY + 5},  # ends before it starts
        {"t0": 1.0, "t1": 2.0},  # year 1: no schedule's
        {"kind": "\x1b[31m"},
        {"status": "gone"},
        {"glyph": "██"},
        {"glyph": "\x1b"},
        {"bar_glyph": "\x9b"},
        {"off": frozenset({10**12})},
        {"hours": ((0.2, math.nan),)},
        {"hours": ((-3.0, 0.5),)},
    ],
    ids=repr,
)
def test_impossible_values_make_a_miss(tmp_path: Path, bad: dict[str, Any]) -> None:
    entry(tmp_path, row(), row(**bad))
    assert rows_cache.read_rows(tmp_path, "k") is None


controls = st.text(
    alphabet=st.sampled_from(["a", " ", "\x1b", "[", "\x07", "\x9b", "\u202e", "\n", "\t", "é"]),
    max_size=20,
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(controls, controls), min_size=1, max_size=5), controls)
def test_every_text_of_a_crafted_entry_comes_back_sanitised(
    tmp_path: Path, texts: list[tuple[str, str]], title: str
) -> None:
    entry(tmp_path, *(row(title=t, dates=d) for t, d in texts), title=title)
    cached = rows_cache.read_rows(tmp_path, "k")
    assert cached is not None
    assert cached.title == shown(title)
    assert [(r.title, r.dates) for r in cached.all] == [(shown(t), shown(d)) for t, d in texts]
    for text in [cached.title, *(r.title + r.dates for r in cached.all)]:
        assert shown(text) == text  # nothing left that a terminal would obey


def framed(payload: bytes, key: str = "k") -> bytes:
    """`payload` behind a header that matches it: only the payload's content is wrong."""
    import hashlib

    digest = hashlib.sha256(payload).hexdigest()
    return rows_cache.MAGIC + f"format {rows_cache.FORMAT}\n{key}\n{digest}\n\n".encode() + payload


documents = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats()
    | st.text(max_size=8)
    | st.binary(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.frozensets(st.integers(-5, 5), max_size=3)
        | st.dictionaries(st.sampled_from(["title", "first", "columns", "offs", "x"]), inner)
    ),
    max_leaves=25,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.binary(max_size=400)
    | documents.map(marshal_dumps)
    | st.builds(lambda n: b"[\x01\x00\x00\x00" * n + b"N", st.integers(0, 3000))
)
def test_any_payload_is_a_miss_or_checked_rows(tmp_path: Path, payload: bytes) -> None:
    (tmp_path / f"k{rows_cache.SUFFIX}").write_bytes(framed(payload))
    cached = rows_cache.read_rows(tmp_path, "k")
    if cached is not None:  # only rows that passed every check
        assert all(shown(r.title) == r.title for r in cached.all)
