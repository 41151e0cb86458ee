"""The command palette's docket entries: one provider, built from the live bindings."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.app.live_bindings import live_keys


class DocketCommands(Provider):
    """Every action that has a key right now, by its description (the key shown as help)."""

    def _commands(self) -> Iterator[tuple[str, Callable[[], Awaitable[bool]], str]]:
        screen = self.screen
        for _section, items in live_keys(screen):
            for item in items:
                if item.action == "command_palette" or not item.enabled:
                    continue
                run = partial(self.app.run_action, item.action, item.node)
                yield item.description, run, f"key: {' '.join(item.keys)}"

    async def discover(self) -> Hits:
        for name, run, help_text in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, run, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)
