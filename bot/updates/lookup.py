"""A handler that needs something from Telegram raises NeedsLookup instead of awaiting it.

When the lookup failed (Telegram down, a 5xx), the handler raises TryLater and the update waits.

Handlers run inside the processor's transaction, which holds the database lock; a network call
there would stall every writer. The processor rolls the update back, commits the batch so far,
runs `fetch` with no lock held, then handles the update again (the answer is cached by then).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable


class TryLater(Exception):
    """The update cannot be handled right now (Telegram could not answer a lookup): keep it
    pending and handle it again after a pause. What a person wrote is never dropped."""


class NeedsLookup(Exception):
    def __init__(self, fetch: Callable[[], Awaitable[None]]) -> None:
        super().__init__("a Telegram lookup is needed before this update can be handled")
        self.fetch = fetch
