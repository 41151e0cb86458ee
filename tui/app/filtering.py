"""The `/` filter: a small query language over events, Textual-free.

    session vienna            words: every word must appear (title, id, venue, tags, notes)
    kind:session              kind:, tag:, venue:, status: fields (a prefix is enough)
    kind:session,deadline     commas mean "or" within a field; repeating a field does too
    tag:substantive venue:ny  different fields must all match
    "first session"           quotes keep words together

Matching ignores case. A field value matches a prefix of the kind or status, a substring of a
tag, or a substring of the venue's id, name or city.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field

from tui.core.model import Event

FIELDS = ("kind", "tag", "venue", "status")


@dataclass(frozen=True)
class EventFilter:
    """A parsed filter; the empty filter matches everything."""

    text: str = ""
    words: tuple[str, ...] = ()
    fields: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return bool(self.words or self.fields)

    def matches(self, event: Event, haystack: str | None = None) -> bool:
        """Does the event match? `haystack` is `haystack(event)`, if already computed."""
        for name, values in self.fields.items():
            if not any(_field_matches(event, name, value) for value in values):
                return False
        if self.words:
            text = haystack if haystack is not None else event_haystack(event)
            return all(word in text for word in self.words)
        return True


def parse_filter(text: str) -> EventFilter:
    """Parse what the planner typed; never raises (an unbalanced quote is read literally)."""
    try:
        tokens = shlex.split(text)
    except ValueError:
        tokens = text.split()
    words: list[str] = []
    fields: dict[str, list[str]] = {}
    for token in tokens:
        name, colon, value = token.partition(":")
        key = name.lower()
        if colon and key in FIELDS and value:
            values = [v.strip().lower() for v in value.split(",") if v.strip()]
            fields.setdefault(key, []).extend(values)
        elif token.strip():
            words.append(token.lower())
    return EventFilter(
        text=text, words=tuple(words), fields={k: tuple(v) for k, v in fields.items()}
    )


def _field_matches(event: Event, name: str, value: str) -> bool:
    if name == "kind":
        return event.kind.startswith(value)
    if name == "status":
        return event.status.startswith(value)
    if name == "tag":
        return any(value in tag.lower() for tag in event.tags)
    venue = event.venue
    if venue is None:
        return False
    return any(value in part.lower() for part in (venue.id, venue.name, venue.city or ""))


def event_haystack(event: Event) -> str:
    """Everything the filter's free words search, lower-cased."""
    venue = event.venue
    parts = [event.id, event.title, event.kind, event.status, *event.tags, event.notes or ""]
    if venue is not None:
        parts += [venue.id, venue.name, venue.city or ""]
    return "\n".join(parts).lower()
