"""Every input that ever broke the loader, replayed: tests/corpus/schedules/.

Each file is named by what it attacks; `index.json` says whether it loads or which line
(and what message) its first matching error has. The files are loaded in a child process,
so that one which crashes the interpreter again fails this test instead of ending the run.
Add a file here (and a line to the index) for every new way to break docket.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "schedules"
INDEX = json.loads((CORPUS / "index.json").read_text(encoding="utf-8"))

_CHILD = """
import json, sys
from pathlib import Path
from tui.core.errors import ScheduleError
from tui.schedule.loader import load_path
results = {}
for path in sorted(Path(sys.argv[1]).glob("*.toml")):
    try:
        load_path(path)
        results[path.name] = None
    except ScheduleError as error:
        results[path.name] = [[d.line, d.column, d.message] for d in error.errors]
print(json.dumps(results))
"""


def test_the_index_names_every_file_and_only_files_that_exist() -> None:
    assert sorted(INDEX) == sorted(p.name for p in CORPUS.glob("*.toml"))


def test_every_corpus_file_loads_or_gives_its_located_error() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(CORPUS)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, f"the loader died ({result.returncode}): {result.stderr[-3000:]}"
    results = json.loads(result.stdout)
    failures = []
    for name, expected in sorted(INDEX.items()):
        errors = results[name]
        if expected.get("loads"):
            if errors is not None:
                failures.append(f"{name}: should load, got {errors}")
            continue
        if errors is None:
            failures.append(f"{name}: loaded, expected an error")
            continue
        lines = (CORPUS / name).read_bytes().count(b"\n") + 1
        for line, column, _ in errors:
            if not (1 <= line <= lines + 1 and column >= 1):
                failures.append(f"{name}: {line}:{column} is outside the file")
        matching = [e for e in errors if expected["contains"] in e[2]]
        if not matching:
            failures.append(f"{name}: no error says {expected['contains']!r}: {errors}")
            continue
        line, column, _ = matching[0]
        if line != expected["line"] or column != expected.get("column", column):
            failures.append(f"{name}: at {line}:{column}, expected {expected}")
        if "errors" in expected and len(errors) != expected["errors"]:
            failures.append(f"{name}: {len(errors)} errors, expected {expected['errors']}")
    assert not failures, "\n".join(failures)
