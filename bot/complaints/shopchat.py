"""What happens in the shop's Telegram account's chats besides the customer's new messages:
the account's owner answering from the Telegram app, the customer editing or deleting what
they wrote. Staff see each on the complaint, so nobody answers twice or works on old words."""

from __future__ import annotations

from bot.complaints.cards import escaped
from bot.complaints.config import Complaints
from bot.complaints.lifecycle import take_by_reply
from bot.complaints.posting import to_staff_about
from bot.i18n import clip
from bot.incoming import Actor, ChatMessage
from bot.outbox.service import Priority
from storage.db import Tx
from storage.models import Complaint
from storage.states import Direction

QUOTED = 500  # characters of the words shown in the staff chat


async def owner_answered(
    tx: Tx, complaints: Complaints, complaint: Complaint, message: ChatMessage
) -> None:
    """The account's owner answered the customer in the Telegram app: an answer like a staff
    reply (in the history, and it takes an untaken complaint: the take reminder stops)."""
    owner = message.author
    assert owner is not None  # only an account's own message comes here
    name = clip(owner.name, 64)
    await tx.complaints.add_message(
        complaint.id,
        Direction.TO_CUSTOMER,
        owner.id,
        message.kind or "text",
        message.words,
        chat_id=message.chat_id,
        message_id=message.message_id,
        sender_name=name,
    )
    await take_by_reply(tx, complaints, Actor(owner.id, name), complaint)
    words = escaped(message.words, QUOTED) if message.words else f"[{message.kind}]"
    text = complaints.staff_t(
        "complaint.relay.owner", number=complaint.id, name=escaped(name, 64), text=words
    )
    await to_staff_about(tx, complaints, complaint, text, priority=Priority.RELAY)


async def customer_edited(
    tx: Tx, complaints: Complaints, complaint: Complaint, message: ChatMessage
) -> None:
    """The customer changed a message they wrote to the account: staff read the new words."""
    if not message.words:
        return
    text = complaints.staff_t(
        "complaint.relay.edited", number=complaint.id, text=escaped(message.words, QUOTED)
    )
    await to_staff_about(tx, complaints, complaint, text, priority=Priority.RELAY)


async def customer_deleted(
    tx: Tx, complaints: Complaints, complaint: Complaint, chat_id: int, message_ids: list[int]
) -> None:
    """The customer deleted messages in the account's chat: staff hear of those that were
    part of the complaint (the rest were the shop's conversation, not the team's)."""
    count = await tx.complaints.customer_messages_among(complaint.id, chat_id, message_ids)
    if count:
        text = complaints.staff_t("complaint.relay.deleted", number=complaint.id, count=count)
        await to_staff_about(tx, complaints, complaint, text, priority=Priority.RELAY)
