"""Staff answering a complaint in the staff chat: which complaint a message is about, and what
staff said reaching the customer (a relayed reply, a saved reply)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiogram.methods import CopyMessage, SendMessage, TelegramMethod

from bot.complaints import account, onpage
from bot.complaints.config import Complaints
from bot.complaints.lifecycle import take_by_reply
from bot.i18n import clip
from bot.incoming import ChatMessage
from storage.db import Tx
from storage.models import Complaint
from storage.states import ComplaintStatus, Direction, Purpose


async def about(tx: Tx, message: ChatMessage, command: bool = False) -> Complaint | None:
    """The complaint a staff-chat message is about: its topic, or the card or relayed message it
    replies to. None for ordinary conversation, what cannot be passed on and commands (unless
    `command`: a command about a complaint, as /saved is)."""
    if message.kind is None or (message.is_command and not command):
        return None
    if message.thread_id is not None:
        found = await tx.complaints.by_topic(message.chat_id, message.thread_id)
        if found is not None:
            return found
    if message.reply_to is not None:
        found = await tx.complaints.by_staff_message(message.chat_id, message.reply_to)
        return found or await tx.complaints.by_note(message.chat_id, message.reply_to)
    return None


async def to_customer(
    tx: Tx,
    complaints: Complaints,
    complaint: Complaint,
    message: ChatMessage,
    method: Callable[[int], SendMessage | CopyMessage],
    kind: str,
    words: str | None,
) -> str | None:
    """What staff said (`method` to the customer's chat) reaches the customer and the history;
    answering an untaken complaint takes it. Returns why it cannot, if it cannot."""
    if message.author is not None:
        await take_by_reply(tx, complaints, message.author, complaint)
    if complaint.status == ComplaintStatus.CLOSED:
        return complaints.staff_t("complaint.relay.closed", number=complaint.id)
    customer = await tx.customers.get(complaint.customer_id)
    if customer is None or customer.forgotten_at is not None:
        return complaints.staff_t("complaint.relay.forgotten", number=complaint.id)
    if customer.telegram_id is None:  # answered on the web page, not (yet) in Telegram
        if not await onpage.followed(tx, complaint, customer):
            return complaints.staff_t("complaint.relay.no_telegram", number=complaint.id)
        await _kept(tx, complaint, message, kind, words)  # the history is the page's record
        await onpage.replied(tx, complaints, complaint, words)
        return None
    through = complaint.business_connection_id
    if customer.unreachable_at and through is None:
        return complaints.staff_t("complaint.relay.unreachable", number=complaint.id)
    outgoing = await _outgoing(tx, complaints, complaint, message, method, customer.telegram_id)
    if isinstance(outgoing, str):
        return outgoing  # staff read why at once; their message stays in the chat
    # Read, then answered: in the account's chat the customer's messages show as read first.
    await account.mark_read(tx, complaints.core.outbox, complaint, complaints.core.now())
    await complaints.core.outbox.send(tx, outgoing, purpose=Purpose.TO_CUSTOMER, ref=complaint.id)
    await _kept(tx, complaint, message, kind, words)
    return None


async def _kept(
    tx: Tx, complaint: Complaint, message: ChatMessage, kind: str, words: str | None
) -> None:
    """What staff said to the customer, in the complaint's history."""
    await tx.complaints.add_message(
        complaint.id,
        Direction.TO_CUSTOMER,
        message.author.id if message.author else None,
        kind,
        words,
        chat_id=message.chat_id,
        message_id=message.message_id,
        sender_name=clip(message.author.name, 64) if message.author else None,
    )


async def _outgoing(
    tx: Tx,
    complaints: Complaints,
    complaint: Complaint,
    message: ChatMessage,
    method: Callable[[int], SendMessage | CopyMessage],
    chat_id: int,
) -> TelegramMethod[Any] | str:
    """What goes to the customer: `method` through the bot, or the same from the shop's
    Telegram account the customer wrote to; a text for staff when it cannot go from there."""
    through, usual = complaint.business_connection_id, method(chat_id)
    if through is None:
        return usual
    refused = await account.cannot_answer(tx, complaint, complaints.core.now())
    if refused is not None:
        return complaints.staff_t(refused, number=complaint.id)
    if isinstance(usual, SendMessage):
        return account.on_behalf(usual, through)
    again = account.resend(message, chat_id, message.words, business_connection_id=through)
    if again is None:
        return complaints.staff_t("complaint.relay.business_kind", number=complaint.id)
    return again
