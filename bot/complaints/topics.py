"""A complaint's forum topic that refuses messages: someone closed it (`TOPIC_CLOSED`) or
deleted it (`message thread not found`).

Closed: the bot reopens it (it may manage topics as an administrator) and sends the message
again. If it cannot, or the topic is gone: the complaint gets a new topic with a fresh card (in
the main thread where topics cannot be made), the complaint forgets the dead thread, and the
refused message goes out again in the main thread, its header naming the complaint. Later
messages go to the new topic. Nothing a customer wrote is dropped.
"""

from __future__ import annotations

import logging
from typing import Any

from aiogram.methods import ReopenForumTopic, TelegramMethod

from bot.complaints.config import Complaints
from bot.complaints.posting import post_card
from bot.outbox.service import Priority
from storage.db import Tx
from storage.models import OutboxItem
from storage.states import Purpose

log = logging.getLogger(__name__)

_RESENT = ("send", "copy", "forward")  # messages; a card, a title edit or a flag is not resent


async def on_thread_refused(
    complaints: Complaints,
    reopened: set[tuple[int, int]],
    tx: Tx,
    item: OutboxItem,
    method: TelegramMethod[Any],
    reason: str,
) -> None:
    chat, thread = getattr(method, "chat_id", None), getattr(method, "message_thread_id", None)
    if not isinstance(chat, int) or not isinstance(thread, int):
        return
    complaint = await tx.complaints.by_topic(chat, thread)
    if complaint is None:
        return
    resend = item.method.lower().startswith(_RESENT) and item.purpose != Purpose.CARD
    if "topic_closed" in reason.lower() and (chat, thread) not in reopened:
        reopened.add((chat, thread))  # once: if it is closed again, it gets a new topic
        await complaints.core.outbox.send(
            tx, ReopenForumTopic(chat_id=chat, message_thread_id=thread), priority=Priority.RELAY
        )
        if resend:
            await _again(tx, complaints, item, method)
        log.warning("complaint #%s: its topic was closed; reopening it", complaint.id)
        return
    log.warning("complaint #%s: its topic refuses messages (%s); a new one", complaint.id, reason)
    await tx.complaints.update(
        complaint.id, topic_thread_id=None, card_chat_id=None, card_message_id=None
    )
    await post_card(tx, complaints, complaint.id)
    if resend:
        await _again(tx, complaints, item, method.model_copy(update={"message_thread_id": None}))


async def _again(
    tx: Tx, complaints: Complaints, item: OutboxItem, method: TelegramMethod[Any]
) -> None:
    await complaints.core.outbox.send(
        tx, method, priority=Priority.RELAY, purpose=item.purpose, ref=item.ref
    )
