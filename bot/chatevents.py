"""What Telegram says about the groups the bot writes to, and who acts on it.

- A group moved to a new id. Turning on Topics in a basic group, making it public, or its
  growth upgrades it to a supergroup with a new id. From then on every request to the old id
  gets `400 Bad Request: group chat was upgraded to a supergroup chat` with
  `parameters.migrate_to_chat_id`, and the group receives a service message
  (`migrate_to_chat_id` in the old chat, `migrate_from_chat_id` in the new one). Whichever the
  bot sees first records the move: kept in the database (one kv value, so every instance and
  every restart knows it), applied to every later send to the old id by the sender, and
  announced once (`When.chat_moved`: the staff chat posts its open cards again, the owners
  are told) in the same transaction that records it.
- A group refuses the bot outright (403: the bot was removed from it): `When.chat_refused`.
- A forum topic refuses a message (`TOPIC_CLOSED`, `message thread not found`: someone closed
  or deleted it): `When.thread_refused`, with the refused message, so it can be sent again.

The sender reports the last two in the transaction that records the refused message, before
the message's own failure hook runs.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.learned import Learned
from bot.when import When
from storage.db import Tx
from storage.models import OutboxItem

if TYPE_CHECKING:  # aiogram takes seconds to import; see bot/when.py
    from aiogram.methods import TelegramMethod

log = logging.getLogger(__name__)

KEY = "chat_moves"


@dataclass
class ChatEvents:
    learned: Learned
    when: When = field(default_factory=When)

    def current(self, chat_id: int) -> int:
        return self.learned.current(chat_id)

    async def load(self, tx: Tx) -> None:
        self.learned.moved = _parse(await tx.kv.get(KEY))

    async def record(self, tx: Tx, old: int, new: int) -> bool:
        """Record that `old` is now `new`; True if this is news (its receivers then ran)."""
        stored = _parse(await tx.kv.get(KEY))
        if old == new or stored.get(old) == new:
            self.learned.moved.setdefault(old, new)
            return False
        stored[old] = new
        await tx.kv.set(KEY, json.dumps({str(k): v for k, v in stored.items()}))
        # At once, not after the commit: the receivers send to the new id, and the move is
        # Telegram's fact whether or not this transaction lands (it is recorded again if not).
        self.learned.moved[old] = new
        await self.when.chat_moved.send(tx, old, new)
        log.warning("chat %s was upgraded by Telegram to %s: following it", old, new)
        return True

    async def refused(self, tx: Tx, chat_id: int, reason: str) -> None:
        """A group answered 403: the bot is no longer in it."""
        await self.when.chat_refused.send(tx, chat_id, reason)

    async def thread_refused(
        self, tx: Tx, item: OutboxItem, method: TelegramMethod[Any], reason: str
    ) -> None:
        """A message to a forum topic was refused: the topic is closed or gone."""
        await self.when.thread_refused.send(tx, item, method, reason)


def thread_trouble(reason: str) -> bool:
    """Telegram's words for a closed or deleted forum topic."""
    words = reason.lower()
    return any(w in words for w in ("topic_closed", "topic_deleted", "message thread not found"))


def _parse(text: str | None) -> dict[int, int]:
    if not text:
        return {}
    try:
        raw = json.loads(text)
        return {int(k): int(v) for k, v in raw.items()}
    except (ValueError, TypeError, AttributeError):
        log.error("kv %s is unreadable (%r): no chat moves known", KEY, text[:100])
        return {}
