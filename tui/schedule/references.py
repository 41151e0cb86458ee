"""What a reference may name: the ids a schedule declares, judged without cascades.

An event's `venue`, `[schedule] deadline` and a rule's venues and events name things
declared elsewhere in the file. When a declaration is broken, its own error is the one to
report, once; the references to it must not add "unknown venue" on every event there:
- a declaration with a broken field still declares its id (the venue exists, only its
  zone is wrong), and what refers to it is judged against it as written;
- when the ids themselves cannot be read (`venues = 5`, an event whose `id` is missing or
  not a slug), a reference that matches no id may well mean that one, so it is not judged:
  the root error alone fails the file, and a reference that really dangles is reported on
  the next check, once the root is mended.

Messages about a reference that matches nothing suggest a near id and list the declared
ones. Both are bounded, so that 20,000 such errors against 20,000 declarations cost linear
time and linear output: the list names a few, and the did-you-mean search over a large set
runs for a limited number of distinct words (each answer is kept for the words that repeat,
as a typo copied to every event does).
"""

from __future__ import annotations

from collections.abc import Iterable

from tui.core.text import clip, suggest
from tui.core.words import plural

#: Declarations a message lists by name before it says how many there are in all.
_LISTED = 10
#: A set this small is searched for every word: each search costs at most this many
#: comparisons, a constant per error.
_SMALL = 100
#: Comparisons spent on searches in a larger set (about 0.4 s); words past it get no
#: suggestion. A file with that many distinct dangling names needs more than a hint.
_BUDGET = 100_000


class Known:
    """The ids one kind of declaration declares, for references to be judged against."""

    def __init__(self, ids: Iterable[str], *, noun: str, complete: bool = True) -> None:
        #: In file order, each once.
        self.ids: dict[str, None] = dict.fromkeys(ids)
        self.noun = noun
        #: False when some declaration's id could not be read: references are not judged.
        self.complete = complete
        self._hints: dict[str, str] = {}
        self._searches = 0
        self._listing: str | None = None

    def __contains__(self, name: object) -> bool:
        return name in self.ids

    def dangles(self, name: str) -> bool:
        """Whether a reference to `name` is an error: it matches no id, and every id was
        readable (else it may mean the one that was not)."""
        return self.complete and name not in self.ids

    def hint(self, name: str) -> str:
        """' (did you mean `x`?)' for a near id, or ''."""
        found = self._hints.get(name)
        if found is None:
            size = len(self.ids)
            found = ""
            if size <= _SMALL or (self._searches + 1) * size <= _BUDGET:
                self._searches += 1
                found = suggest(name, self.ids)
            self._hints[name] = found
        return found

    def listing(self) -> str:
        """The declared ids for a message: all of a few, else the first few and a count."""
        if self._listing is None:
            names = [clip(name) for name, _ in zip(self.ids, range(_LISTED), strict=False)]
            if len(self.ids) > _LISTED:
                names.append(f"… ({plural(len(self.ids), self.noun)} in all)")
            self._listing = ", ".join(names) or "none declared"
        return self._listing

    def unknown(self, name: str) -> str:
        """The message for a reference that names nothing declared (`unknown venue …`)."""
        return (
            f"unknown {self.noun} `{clip(name)}`{self.hint(name)}; {self.noun}s: {self.listing()}"
        )


def unreadable(noun: str) -> Known:
    """Stands in where the declarations cannot be read at all: nothing is judged against it."""
    return Known((), noun=noun, complete=False)
