"""A complaint's forum topic that refuses messages: someone closed it (`TOPIC_CLOSED`) or
deleted it (`message thread not found`).

Closed: the bot reopens it (it may manage topics as an administrator) and sends the message
again. If it cannot, or the topic is gone: the complaint forgets the dead topic (remembered as
its former one) and gets a new topic with a fresh card (in the main thread where topics cannot
be made). The refused message, and whatever else was already queued for the old topic (each
refused in turn), waits for the new card and follows it there. Nothing a customer wrote is
dropped.
"""

from __future__ import annotations

import logging
from typing import Any

from aiogram.methods import ReopenForumTopic, TelegramMethod

from bot.complaints.config import Complaints
from bot.complaints.posting import post_card, send_about
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
    # Its topic, or a topic it had: a topic's id is its first message's, linked when it is left.
    complaint = await tx.complaints.by_topic(chat, thread)
    complaint = complaint or await tx.complaints.by_staff_message(chat, thread)
    if complaint is None:
        return
    resend = item.method.lower().startswith(_RESENT) and item.purpose != Purpose.CARD
    if complaint.topic_thread_id == thread:
        if "topic_closed" in reason.lower() and (chat, thread) not in reopened:
            reopened.add((chat, thread))  # once: if it is closed again, it gets a new topic
            # Ahead of what is queued for the topic, so that finds it open again.
            await complaints.core.outbox.send(
                tx,
                ReopenForumTopic(chat_id=chat, message_thread_id=thread),
                priority=Priority.INTERACTIVE,
            )
            if resend:
                await _again(tx, complaints, item, method)
            log.warning("complaint #%s: its topic was closed; reopening it", complaint.id)
            return
        log.warning(
            "complaint #%s: its topic refuses messages (%s); a new one", complaint.id, reason
        )
        await _leave(tx, complaints, complaint.id, chat, thread)
    if resend:  # to the new topic (or card) once it is there
        await send_about(
            tx, complaints, complaint, method, priority=Priority.NORMAL, purpose=item.purpose
        )


async def _leave(
    tx: Tx, complaints: Complaints, complaint_id: int, chat: int, thread: int
) -> None:
    """The complaint leaves a topic that refuses messages for a new one, with a fresh card."""
    await tx.complaints.link_staff_message(chat, thread, complaint_id)  # its former topic
    await tx.complaints.update(
        complaint_id, topic_thread_id=None, card_chat_id=None, card_message_id=None
    )
    await post_card(tx, complaints, complaint_id)


async def _again(
    tx: Tx, complaints: Complaints, item: OutboxItem, method: TelegramMethod[Any]
) -> None:
    """The refused message again, ahead of newer relays: the customer's words stay in order."""
    await complaints.core.outbox.send(
        tx, method, priority=Priority.NORMAL, purpose=item.purpose, ref=item.ref
    )
