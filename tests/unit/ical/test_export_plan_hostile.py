"""The one export flow under hostile requests: any filters, reminder texts and dates in any
order end in a plan or one `ExportFailure`, never another exception; a `--split year` set
whose write fails part-way leaves the previous set; a named pipe nobody reads is one line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli.helpers import docket
from tests.conftest import BUNDLED, bundled
from tui.ical.export_plan import (
    COMMAND_LINE,
    DIALOG,
    ExportFailure,
    ExportRequest,
    check_request,
    plan_export,
    write_export,
)

SCHEDULE = bundled().schedule
words = st.text(max_size=12)
dates = st.one_of(st.none(), words, st.dates().map(lambda d: d.isoformat()))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kinds=st.lists(st.one_of(words, st.sampled_from(["session", "deadline"])), max_size=2),
    tags=st.lists(words, max_size=2),
    venues=st.lists(st.one_of(words, st.just("vienna")), max_size=2),
    start=dates,
    end=dates,
    alarms=st.lists(st.one_of(words, st.sampled_from(["1d", "2h", "0m", "999999999999w"]))),
    split=st.booleans(),
    names=st.sampled_from([COMMAND_LINE, DIALOG]),
)
def test_any_request_is_a_plan_or_one_failure(
    kinds, tags, venues, start, end, alarms, split, names
):
    request = ExportRequest(
        output="out.ics", kinds=tuple(kinds), tags=tuple(tags), venues=tuple(venues),
        start=start, end=end, alarms=tuple(alarms), split_year=split, names=names,
    )  # fmt: skip
    try:
        plan = plan_export(SCHEDULE, check_request(request))
    except ExportFailure as failure:
        assert str(failure) and "\n" not in str(failure)
        return
    assert plan.report[-1].text.startswith("exported ")
    if plan.events == 0:
        assert any(line.level == "note" for line in plan.report)


def test_dates_in_either_order_say_the_same_words_in_both_front_ends() -> None:
    said = []
    for names in (COMMAND_LINE, DIALOG):
        with pytest.raises(ExportFailure) as failure:
            check_request(ExportRequest(start="2024-01-01", end="2023-01-01", names=names))
        said.append(str(failure.value))
    assert said == [
        "--to 2023-01-01 is before --from 2024-01-01",
        "To 2023-01-01 is before From 2024-01-01",
    ]
    cli = docket("export", BUNDLED, "--from", "2024-01-01", "--to", "2023-01-01")
    assert cli.returncode == 2 and f"docket: {said[0]}" in cli.stderr


@pytest.mark.parametrize("failing", [1, 3, 5])
def test_a_split_set_failing_part_way_leaves_the_previous_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: int
) -> None:
    for year in range(2021, 2026):
        (tmp_path / f"ahc-{year}.ics").write_bytes(b"previous")
    request = ExportRequest(output=str(tmp_path / "ahc.ics"), split_year=True)
    plan = plan_export(SCHEDULE, check_request(request))
    calls = []
    real = os.fsync

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == failing:
            raise OSError(28, "No space left on device")
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(ExportFailure, match="No space left"):
        write_export(plan)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"ahc-{y}.ics" for y in range(2021, 2026)]
    assert all(p.read_bytes() == b"previous" for p in tmp_path.iterdir())


def test_a_fifo_nobody_reads_is_one_failure_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.ics"
    os.mkfifo(fifo)
    plan = plan_export(SCHEDULE, check_request(ExportRequest(output=str(fifo))))
    with pytest.raises(ExportFailure, match="no program is reading"):
        write_export(plan)
    assert fifo.is_fifo()
    os.mkfifo(tmp_path / "pipe-2022.ics")  # one year of a split set
    split = ExportRequest(output=str(fifo), split_year=True)
    with pytest.raises(ExportFailure, match="not a regular file"):
        write_export(plan_export(SCHEDULE, check_request(split)))


def test_the_dialog_has_no_standard_output() -> None:
    with pytest.raises(ExportFailure, match="File: - is standard output"):
        check_request(ExportRequest(output="-", names=DIALOG))
    with pytest.raises(ExportFailure, match="name the file"):
        check_request(ExportRequest(output="  ", names=DIALOG))
