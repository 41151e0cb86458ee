"""The change ledger and the publish state as untrusted input: damaged, crafted, deep, huge,
a pipe, a device, a planted link; and a SEQUENCE that never leaves RFC 5545's INTEGER."""

from __future__ import annotations

import json
import os
import stat
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.cli.helpers import assert_no_traceback, docket
from tests.conftest import BUNDLED
from tests.unit.core.test_state_files import OTHER_UID, finishes, needs_root, zero_device
from tui.core.errors import WriteError
from tui.publish.caldav.plan import Record
from tui.publish.caldav.state import PublishState, load_state
from tui.publish.ledger import MAX_SEQUENCE, Fingerprint, load_ledger

T0 = datetime(2022, 9, 6, 10, 0, tzinfo=UTC)


def ledger_json(**entry: Any) -> dict[str, Any]:
    item = {"schedule": "s", "text": "t", "sequence": 0, "modified": T0.isoformat(), **entry}
    return {
        "format": "docket-ledger",
        "version": 1,
        "schedule": "ahc",
        "changed": T0.isoformat(),
        "exported": ["a"],
        "entries": {"a": item},
    }


def test_sequence_stops_at_the_cap_and_the_ledger_stays_readable(tmp_path: Path) -> None:
    path = tmp_path / "ahc.json"
    path.write_text(json.dumps(ledger_json(sequence=MAX_SEQUENCE - 1)))
    ledger = load_ledger(path, "ahc")
    assert ledger.problem is None
    for step in range(1, 4):  # three moves: the last two meet the cap
        moment = T0 + timedelta(hours=step)
        stamps = ledger.update({"a": Fingerprint(f"moved {step}", "t")}, moment)
        assert stamps["a"] == (MAX_SEQUENCE, moment)  # LAST-MODIFIED still tells the change
        ledger.save(path)
        again = load_ledger(path, "ahc")
        assert again.problem is None and again.entries["a"].sequence == MAX_SEQUENCE
        ledger = again


@pytest.mark.parametrize("sequence", [MAX_SEQUENCE + 1, 2**63, -1, 10**400, 1.5, "3", True])
def test_a_sequence_out_of_range_or_of_another_type_is_reported(
    tmp_path: Path, sequence: Any
) -> None:
    path = tmp_path / "ahc.json"
    text = json.dumps(ledger_json(sequence=0)).replace('"sequence": 0', f'"sequence": {sequence}')
    if isinstance(sequence, str):
        text = json.dumps(ledger_json(sequence=sequence))
    elif sequence is True:
        text = json.dumps(ledger_json(sequence=True))
    path.write_text(text)
    ledger = load_ledger(path, "ahc")
    assert ledger.problem and "set aside" in ledger.problem and ledger.entries == {}
    [aside] = tmp_path.glob("ahc.json.damaged-*")
    assert aside.read_text() == text  # nothing lost


def test_a_deeply_nested_ledger_is_reported_and_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "ahc.json"
    path.write_text('{"entries":' + "[" * 100_000 + "]" * 100_000 + "}")
    ledger = load_ledger(path, "ahc")
    assert ledger.problem and "nested deeper" in ledger.problem
    assert list(tmp_path.glob("ahc.json.damaged-*"))


def test_a_fifo_ledger_neither_hangs_nor_is_written_into(tmp_path: Path) -> None:
    path = tmp_path / "ahc.json"
    os.mkfifo(path)
    ledger = finishes(lambda: load_ledger(path, "ahc"))
    assert ledger.problem and "named pipe" in ledger.problem
    ledger.update({"a": Fingerprint("s", "t")}, T0)
    with pytest.raises(WriteError, match="not a regular file"):
        finishes(lambda: ledger.save(path))
    assert stat.S_ISFIFO(os.lstat(path).st_mode)


def test_a_device_ledger_is_never_read(tmp_path: Path) -> None:
    path = zero_device(tmp_path / "ahc.json")
    ledger = finishes(lambda: load_ledger(path, "ahc"))
    assert ledger.problem and "character device" in ledger.problem


def test_a_planted_link_at_the_publish_state_leaves_its_target_alone(tmp_path: Path) -> None:
    needs_root()
    target = tmp_path / "precious"
    target.write_text("keep me")
    path = tmp_path / "ahc.caldav.json"
    path.symlink_to(target)
    os.lchown(path, OTHER_UID, OTHER_UID)
    state = load_state(path)
    assert state.problem and "another user" in state.problem
    state.records("https://dav.example/cal/")["/cal/a.ics"] = Record("a", '"1"', None)
    with pytest.raises(WriteError):
        state.save(path)
    assert target.read_text() == "keep me" and path.is_symlink()


def test_the_export_command_reports_a_fifo_state_and_exits(tmp_path: Path) -> None:
    state = tmp_path / "ahc.json"
    os.mkfifo(state)
    result = docket("export", BUNDLED, "--state", state, "-o", tmp_path / "out.ics")
    assert_no_traceback(result)
    assert result.returncode != 0 and "named pipe" in result.stderr


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()
    | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=15,
)
entries = st.dictionaries(
    st.text(max_size=6),
    st.fixed_dictionaries(
        {
            "schedule": st.text(max_size=4) | json_values,
            "text": st.text(max_size=4),
            "sequence": st.integers(-5, 2**40) | json_values,
            "modified": st.sampled_from([T0.isoformat(), "0001-01-01T00:00:00+14:00", "x"])
            | json_values,
        }
    )
    | json_values,
    max_size=4,
)


@settings(max_examples=120, deadline=None)
@given(
    st.fixed_dictionaries(
        {
            "format": st.just("docket-ledger"),
            "version": st.just(1),
            "schedule": st.just("ahc"),
            "changed": st.just(T0.isoformat()) | json_values,
            "shown": st.lists(st.text(max_size=4)) | json_values,
            "entries": entries,
        }
    ),
    st.integers(0, 3),
)
def test_a_crafted_ledger_is_used_in_range_or_reported_and_saves_what_it_reads(
    data: dict[str, Any], moves: int
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ahc.json"
        path.write_text(json.dumps(data))
        ledger = load_ledger(path, "ahc")
        assert all(0 <= e.sequence <= MAX_SEQUENCE for e in ledger.entries.values())
        for step in range(moves):
            uids = {uid: Fingerprint(f"m{step}", "t") for uid in ledger.entries} or {"a": None}
            ledger.update({u: f or Fingerprint("s", "t") for u, f in uids.items()}, T0)
        ledger.save(path)
        assert load_ledger(path, "ahc").problem is None  # never a file it then refuses


@settings(max_examples=120, deadline=None)
@given(
    st.binary(max_size=200).map(lambda raw: raw)
    | json_values.map(lambda v: json.dumps(v).encode())
    | st.fixed_dictionaries(
        {
            "format": st.just("docket-caldav-state"),
            "version": st.just(1),
            "collections": st.dictionaries(st.text(max_size=4), json_values) | json_values,
        }
    ).map(lambda v: json.dumps(v).encode())
)
def test_any_publish_state_loads_or_is_reported_never_raises(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.caldav.json"
        path.write_bytes(raw)
        state = load_state(path)
        assert isinstance(state, PublishState)
        if state.problem:
            assert "\x1b" not in state.problem
        state.save(path)
        assert load_state(path).problem is None


def test_the_serve_secret_is_a_private_state_file_and_a_pipe_there_is_an_error(
    tmp_path: Path,
) -> None:
    from tui.publish.secret import SecretError, secret_segment

    said: list[str] = []
    token = secret_segment(tmp_path / "state", said.append)
    assert secret_segment(tmp_path / "state", said.append) == token  # subscriptions survive
    assert stat.S_IMODE((tmp_path / "state" / "serve-secret").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "state").stat().st_mode) == 0o700
    pipe = tmp_path / "piped"
    pipe.mkdir(mode=0o700)
    os.mkfifo(pipe / "serve-secret")
    with pytest.raises(SecretError, match="is not a regular file"):
        finishes(lambda: secret_segment(pipe, said.append))
    assert said == []
