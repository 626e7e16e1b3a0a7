"""What handlers and services call to send: a row in the outbox, handed to the sender on commit."""

from __future__ import annotations

import time
from collections.abc import Iterable
from enum import IntEnum
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from storage.db import Tx
from storage.models import OutboxItem
from storage.repos.outbox import NewMessage
from storage.states import OutboxStatus, Purpose

# aiogram takes seconds of CPU to import (its types are pydantic models); the commands that
# queue nothing, as `python -m bot import-purchases` mostly does, never pay it: what needs it
# is imported where a message is built (tests/e2e/test_cli.py keeps them from loading it).
if TYPE_CHECKING:
    from aiogram.methods import TelegramMethod
    from aiogram.types import CallbackQuery, Message


class Priority(IntEnum):
    """Lower goes first: in a group's lane, and among lanes waiting for the global limit."""

    INTERACTIVE = 0  # replies to something the person just did
    NORMAL = 1  # staff cards, escalations, digests
    RELAY = 2  # customers' words relayed to staff: after cards, reminders and escalations,
    # before a flood of invitations (a customer's message must not wait minutes behind them)
    BULK = 3  # survey invitations and reminders


class Notifiable(Protocol):
    def notify(self, item: OutboxItem) -> None: ...


class Outbox:
    def __init__(self, sender: Notifiable | None = None) -> None:
        self.sender = sender

    async def send(
        self,
        tx: Tx,
        method: TelegramMethod[Any],
        *,
        priority: Priority = Priority.INTERACTIVE,
        not_before: float | None = None,
        purpose: Purpose | None = None,
        ref: int | None = None,
        expires_at: float | None = None,
    ) -> int:
        """Queue `method` inside `tx`; it is sent only if and after the transaction commits.

        Network errors and 5xx are retried until `expires_at` (Unix seconds), or for ever when
        it is None; only Telegram's definite refusals (400, 403) give a message up earlier."""
        from bot.outbox.codec import encode, lane_of

        name, payload = encode(method)
        now = time.time()
        item = await tx.outbox.add(
            NewMessage(
                chat_id=lane_of(method),
                business_connection_id=getattr(method, "business_connection_id", None),
                method=name,
                payload=payload,
                priority=int(priority),
                not_before=now if not_before is None else not_before,
                purpose=purpose,
                ref=ref,
                expires_at=expires_at,
            ),
            now,
        )
        sender = self.sender
        if sender is not None:
            tx.after_commit(lambda: sender.notify(item))
        return item.id

    async def hold(
        self,
        tx: Tx,
        method: TelegramMethod[Any],
        *,
        until: int,
        priority: Priority = Priority.NORMAL,
        purpose: Purpose | None = None,
    ) -> int:
        """Queue `method` to go out only when `release(tx, until, ...)` says where: a message
        about something that has no place in the chat yet (a complaint before its card). Kept
        in the table, so a restart loses nothing; `until` is also the row's `ref`."""
        from bot.outbox.codec import encode, lane_of

        name, payload = encode(method)
        now = time.time()
        item = await tx.outbox.add(
            NewMessage(
                chat_id=lane_of(method),
                business_connection_id=getattr(method, "business_connection_id", None),
                method=name,
                payload=payload,
                priority=int(priority),
                not_before=now,
                purpose=purpose,
                ref=until,
                status=OutboxStatus.WAITING,
            ),
            now,
        )
        return item.id

    async def release(self, tx: Tx, until: int, place: dict[str, Any]) -> int:
        """Send what waits for `until`, in the order it was queued, each with `place` (e.g. a
        forum topic's `message_thread_id`) filled in. Returns how many."""
        from bot.outbox.codec import decode, encode

        waiting = await tx.outbox.waiting_for(until)
        now = time.time()
        for row in waiting:
            method = decode(row.method, row.payload).model_copy(update=place)
            _, payload = encode(method)
            item = OutboxItem(**{**row.__dict__, "payload": payload, "not_before": now})
            await tx.outbox.release(item)
            sender = self.sender
            if sender is not None:
                tx.after_commit(partial(sender.notify, item))
        return len(waiting)

    async def answer(
        self,
        tx: Tx,
        message: Message,
        text: str,
        *,
        priority: Priority = Priority.INTERACTIVE,
        **options: Any,
    ) -> int:
        """As aiogram's `message.answer(text)`: `text` in the message's chat and forum topic,
        queued like every send (`options`: parse_mode, reply_markup, ...); in a chat of the
        shop's Telegram account, from the account."""
        from aiogram.methods import SendMessage

        from bot.incoming import topic_of

        method = SendMessage(
            chat_id=message.chat.id,
            message_thread_id=topic_of(message),
            text=text,
            business_connection_id=message.business_connection_id,
            **options,
        )
        return await self.send(tx, method, priority=priority)

    async def reply(
        self,
        tx: Tx,
        message: Message,
        text: str,
        *,
        priority: Priority = Priority.INTERACTIVE,
        **options: Any,
    ) -> int:
        """As aiogram's `message.reply(text)`: an answer quoting `message` (sent anyway if it
        was deleted meanwhile)."""
        from aiogram.types import ReplyParameters

        quoted = ReplyParameters(message_id=message.message_id, allow_sending_without_reply=True)
        return await self.answer(
            tx, message, text, priority=priority, reply_parameters=quoted, **options
        )

    async def answer_press(
        self, tx: Tx, query: CallbackQuery, alert: str | None = None, **options: Any
    ) -> int:
        """As aiogram's `query.answer(alert)`: the button's spinner stops, with `alert` shown
        to whoever pressed (None: silently; `options`: show_alert, ...)."""
        from aiogram.methods import AnswerCallbackQuery

        answer = AnswerCallbackQuery(callback_query_id=query.id, text=alert, **options)
        return await self.send(tx, answer)

    async def edit_pressed(
        self, tx: Tx, query: CallbackQuery, text: str, **options: Any
    ) -> int | None:
        """As aiogram's `query.message.edit_text(text)`: the message whose button was pressed
        gets `text` (`options`: reply_markup, parse_mode, ...). Also when Telegram no longer
        shows its content (an old message): the chat and the id are enough to edit it. None:
        Telegram did not say which message it was."""
        from aiogram.methods import EditMessageText

        shown = query.message
        if shown is None:
            return None
        edit = EditMessageText(
            chat_id=shown.chat.id,
            message_id=shown.message_id,
            text=text,
            # A message in a chat of the shop's Telegram account is edited on its behalf.
            business_connection_id=getattr(shown, "business_connection_id", None),
            **options,
        )
        return await self.send(tx, edit)

    async def to_each(
        self, tx: Tx, chats: Iterable[int], text: str, *, parse_mode: str | None = None
    ) -> None:
        """The same text to each of `chats` (owners, managers), as ordinary messages."""
        from aiogram.methods import SendMessage

        for chat in chats:
            await self.send(
                tx,
                SendMessage(chat_id=chat, text=text, parse_mode=parse_mode),
                priority=Priority.NORMAL,
            )
