"""Long polling that confirms an update to Telegram only after it is committed to the inbox.

aiogram's own polling advances the offset as soon as an update is handed to a task, so a crash
loses whatever was in flight. Here the next getUpdates (which confirms the offset) is sent only
after the previous batch is durable; processing happens separately, from the inbox.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramConflictError, TelegramRetryAfter
from aiogram.methods import TelegramMethod

from bot.liveness import Beat
from bot.metrics import Metrics
from storage.db import Database

log = logging.getLogger(__name__)

ALLOWED_UPDATES = [
    "message",
    "edited_message",
    "callback_query",
    "my_chat_member",
    "inline_query",  # staff picking a saved reply (`@bot name`), where inline mode is on
    # the shop's own Telegram account, when it connected the bot as its chatbot
    "business_connection",
    "business_message",
    "edited_business_message",
    "deleted_business_messages",
]


class GetRawUpdates(TelegramMethod[list[dict[str, Any]]]):
    """getUpdates with plain dicts: one odd update must not make the whole batch unreadable."""

    __returning__ = list[dict[str, Any]]
    __api_method__ = "getUpdates"

    offset: int | None = None
    limit: int | None = None
    timeout: int | None = None
    allowed_updates: list[str] | None = None


CHAT_KEYS = (
    "message",
    "edited_message",
    "my_chat_member",
    "business_message",
    "edited_business_message",
    "deleted_business_messages",
)


def chat_of(update: dict[str, Any]) -> int | None:
    """The chat an update belongs to (its messages are handled in order), if any."""
    for key in CHAT_KEYS:
        if isinstance(update.get(key), dict):
            chat = update[key].get("chat")
            return _int(chat.get("id")) if isinstance(chat, dict) else None
    connection = update.get("business_connection")  # the account's own chat with the bot
    if isinstance(connection, dict):
        return _int(connection.get("user_chat_id"))
    asked = update.get("inline_query")  # no chat: the person's own turn
    if isinstance(asked, dict):
        sender = asked.get("from")
        return _int(sender.get("id")) if isinstance(sender, dict) else None
    query = update.get("callback_query")
    if isinstance(query, dict):
        message = query.get("message")
        if isinstance(message, dict) and isinstance(message.get("chat"), dict):
            return _int(message["chat"].get("id"))
        sender = query.get("from")
        return _int(sender.get("id")) if isinstance(sender, dict) else None
    return None


def _int(value: Any) -> int | None:
    """`value` if it is an integer SQLite's INTEGER holds (not a boolean), else None."""
    ok = isinstance(value, int) and not isinstance(value, bool) and -(2**63) <= value < 2**63
    return value if ok else None


InboxRow = tuple[int, str, int | None, int | None]  # update_id, payload, chat, sender


def to_inbox_rows(updates: list[dict[str, Any]]) -> list[InboxRow]:
    rows = []
    for update in updates:
        update_id = _int(update.get("update_id")) if isinstance(update, dict) else None
        if update_id is not None and update_id >= 0:
            payload = json.dumps(update, ensure_ascii=False)
            rows.append((update_id, payload, chat_of(update), sender_of(update)))
    return rows


def sender_of(update: dict[str, Any]) -> int | None:
    """The person who sent an update (what /forget_me deletes by), if any."""
    keys = ("message", "edited_message", "callback_query", "inline_query", "business_message")
    for key in (*keys, "edited_business_message"):
        if isinstance(update.get(key), dict):
            sender = update[key].get("from")
            return _int(sender.get("id")) if isinstance(sender, dict) else None
    return None


async def store_updates(
    db: Database,
    rows: list[InboxRow],
    metrics: Metrics,
    on_stored: Callable[[], None],
) -> int:
    """Commit updates to the inbox (duplicates ignored), then wake the processor."""
    if not rows:
        return 0
    async with db.transaction() as tx:
        new = await tx.inbox.add_many(rows, time.time())
    metrics.inc("updates_received", new)
    metrics.last_update_at = time.time()
    on_stored()
    return new


class Poller:
    def __init__(
        self,
        bot: Bot,
        db: Database,
        metrics: Metrics,
        on_stored: Callable[[], None],
        beat: Beat,
        *,
        timeout: int = 25,
        limit: int = 100,
    ) -> None:
        self.beat = beat
        self.bot = bot
        self.db = db
        self.metrics = metrics
        self.on_stored = on_stored
        self.timeout = timeout
        self.limit = limit
        self._stopping = False

    def stop(self) -> None:
        self._stopping = True

    async def run(self) -> None:
        """Poll until stopped. Any failure (network, 5xx, a proxy's HTML page, a locked
        database) is retried with backoff; the offset moves only past what is committed."""
        offset: int | None = None
        while not self._stopping:
            try:
                offset = await self._poll_once(offset)
            except TelegramRetryAfter as exc:
                await asyncio.sleep(exc.retry_after)
                continue
            except Exception as exc:  # noqa: BLE001 - a poller that dies leaves the bot deaf
                delay = self.beat.failed(exc)
                if isinstance(exc, TelegramConflictError):
                    log.error("getUpdates: another process polls with this token; retrying")
                else:
                    log.warning(
                        "getUpdates failed (%s), retrying in %.0f s", type(exc).__name__, delay
                    )
                await asyncio.sleep(delay)
                continue
            self.beat.ok()

    async def _poll_once(self, offset: int | None) -> int | None:
        request = GetRawUpdates(
            offset=offset,
            limit=self.limit,
            timeout=self.timeout,
            allowed_updates=ALLOWED_UPDATES,
        )
        updates = await self.bot(request, request_timeout=self.timeout + 10)
        rows = to_inbox_rows(updates)
        await store_updates(self.db, rows, self.metrics, self.on_stored)
        return max(row[0] for row in rows) + 1 if rows else offset
