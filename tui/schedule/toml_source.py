"""Schedule text to a TOML document, or located errors: nothing else comes out of `parse`.

Parsing uses toml-rs (a compiled TOML 1.0 parser, about ten times faster than `tomllib`
on a large schedule, with the same result). Being compiled, it can fail in ways Python
cannot catch (a stack overflow on deep nesting) or raise what a TOML library should not
(`ValueError` for year 0); `parse` stands in front of it for both, so any text at all
becomes a document or a `ScheduleError`.
"""

from __future__ import annotations

from typing import Any

import toml_rs

from tui.core.errors import Diagnostic, ScheduleError
from tui.schedule.dialect import TOML_VERSION as TOML_VERSION  # re-exported
from tui.schedule.dialect import line_column, loads
from tui.schedule.nesting import MAX_NESTING, too_deep
from tui.schedule.syntax import syntax_diagnostic, value_diagnostic

#: A path into the parsed document, such as ("events", 3, "start").
KeyPath = tuple[str | int, ...]


def parse(text: str, name: str) -> dict[str, Any]:
    """TOML text to a dict; a syntax error becomes a located diagnostic."""
    if not text.strip():
        raise ScheduleError(
            [Diagnostic(name, 1, 1, "error", "empty file: a schedule needs a [schedule] table")]
        )
    deep = too_deep(text)
    if deep is not None:
        message = (
            f"nested more than {MAX_NESTING} levels deep (tables, arrays and dotted keys): "
            "not a schedule"
        )
        raise ScheduleError([Diagnostic(name, *deep, "error", message)])
    try:
        return loads(text)
    except toml_rs.TOMLDecodeError as error:
        raise ScheduleError([syntax_diagnostic(error, text, name)]) from None
    except UnicodeEncodeError as error:  # text handed in as str, with a lone surrogate
        line, column = line_column(text, error.start)
        message = f"not Unicode text: a lone surrogate U+{ord(text[error.start]):04X}"
        raise ScheduleError([Diagnostic(name, line, column, "error", message)]) from None
    except (ValueError, OverflowError) as error:  # valid TOML that Python cannot hold
        raise ScheduleError([value_diagnostic(error, text, name)]) from None
    except RecursionError:
        raise ScheduleError(
            [Diagnostic(name, 1, 1, "error", "TOML nested too deeply to be a schedule")]
        ) from None
