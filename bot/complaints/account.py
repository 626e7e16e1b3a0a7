"""Answering from the shop's own Telegram account (Telegram Business) instead of the bot.

A complaint remembers the account its customer last wrote to (`business_connection_id`); what
the bot then says to the customer about it goes out from that account, within what Telegram
allows: the connection on, the right to reply given, and the customer's last message less
than 24 hours old. What cannot go is known before it is tried, and said at once.

copyMessage cannot act for an account (the Bot API gives it no `business_connection_id`), and
a message in a business chat cannot be copied from either: media travel by their file id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from aiogram.methods import (
    ReadBusinessMessage,
    SendAnimation,
    SendAudio,
    SendDocument,
    SendMessage,
    SendPhoto,
    SendSticker,
    SendVideo,
    SendVideoNote,
    SendVoice,
    TelegramMethod,
)

from bot.incoming import ChatMessage
from bot.outbox.service import Outbox, Priority
from storage.db import Tx
from storage.models import Complaint, Customer
from storage.states import Direction

REPLY_WINDOW = timedelta(hours=24)  # Telegram: a business bot answers only within it
_SENDS: dict[str, type[TelegramMethod[Any]]] = {
    "photo": SendPhoto,
    "document": SendDocument,
    "video": SendVideo,
    "voice": SendVoice,
    "audio": SendAudio,
    "animation": SendAnimation,
    "video_note": SendVideoNote,
    "sticker": SendSticker,
}
_CAPTIONLESS = ("video_note", "sticker")
# What Telegram answers when an answer cannot go from the account, and what staff read then.
REFUSALS = {
    "BUSINESS_PEER_USAGE_MISSING": "complaint.relay.business_window",
    "BOT_ACCESS_FORBIDDEN": "complaint.relay.business_no_reply",
    "BUSINESS_CONNECTION_INVALID": "complaint.relay.business_off",
    "business connection not found": "complaint.relay.business_off",
}


async def cannot_answer(tx: Tx, complaint: Complaint, now: datetime) -> str | None:
    """Why the bot cannot answer the complaint's customer from the account now (a text key
    taking `number`), None when it can or the complaint is the bot's own."""
    connection_id = complaint.business_connection_id
    if connection_id is None:
        return None
    connection = await tx.business.get(connection_id)
    if connection is None or not connection.enabled:
        return "complaint.relay.business_off"
    if not connection.may("can_reply"):
        return "complaint.relay.business_no_reply"
    last = await tx.complaints.last_message_at(complaint.id, Direction.FROM_CUSTOMER)
    if last is None or now - last >= REPLY_WINDOW:
        return "complaint.relay.business_window"
    return None


@dataclass(frozen=True)
class Route:
    """The way to a customer: from the shop's account `through`, or the bot's chat (None)."""

    through: str | None = None


async def route(tx: Tx, complaint: Complaint, customer: Customer, now: datetime) -> Route | None:
    """How the bot reaches the complaint's customer now, for something it starts saying (not
    an answer staff wrote: that goes where the customer wrote or not at all): from the
    account they wrote to while it may answer them, else through the bot's own chat unless
    Telegram refused it; None: no way at all."""
    if customer.telegram_id is None:
        return None
    through = complaint.business_connection_id
    if through is not None and await cannot_answer(tx, complaint, now) is None:
        return Route(through)
    return None if customer.unreachable_at else Route()


async def may_say(tx: Tx, connection_id: str | None) -> bool:
    """Whether the bot may answer in the chat a customer just wrote in: its own (None), or the
    account's while the connection is on with the right to reply (the window is open: they
    just wrote)."""
    if connection_id is None:
        return True
    connection = await tx.business.get(connection_id)
    return connection is not None and connection.can_reply


async def mark_read(tx: Tx, outbox: Outbox, complaint: Complaint, now: datetime) -> None:
    """Staff took the complaint or answered it: the customer sees in the account's chat that
    the shop read them (when the account gave the right to mark messages read; Telegram takes
    it only for a chat active in the last 24 hours). The complaint answers where the customer
    last wrote, so its latest message from them is in the account's chat."""
    through = complaint.business_connection_id
    if through is None:
        return
    connection = await tx.business.get(through)
    if connection is None or not connection.enabled or not connection.may("can_read_messages"):
        return
    latest = await tx.complaints.last_from_customer(complaint.id)
    if latest is None or now - latest[2] >= REPLY_WINDOW:
        return
    chat_id, message_id, _ = latest
    read = ReadBusinessMessage(
        business_connection_id=through, chat_id=chat_id, message_id=message_id
    )
    await outbox.send(tx, read, priority=Priority.NORMAL)


def on_behalf(method: TelegramMethod[Any], connection_id: str | None) -> TelegramMethod[Any]:
    """`method` sent from the account (unchanged for the bot's own chat)."""
    if connection_id is None:
        return method
    return method.model_copy(update={"business_connection_id": connection_id})


def resend(
    message: ChatMessage, chat_id: int, caption: str | None, **extra: Any
) -> TelegramMethod[Any] | None:
    """The message sent anew to `chat_id` (text as text, media by its file id), `caption`
    in place of its words where the kind has one; None: a kind that cannot be sent so (a
    location)."""
    if message.kind == "text":
        return SendMessage(chat_id=chat_id, text=caption or message.words or "", **extra)
    send = _SENDS.get(message.kind or "")
    if send is None or message.file_id is None:
        return None
    fields: dict[str, Any] = {"chat_id": chat_id, str(message.kind): message.file_id, **extra}
    if message.kind not in _CAPTIONLESS and caption:
        fields["caption"] = caption
    elif "parse_mode" in fields and "caption" not in fields:
        del fields["parse_mode"]
    return send(**fields)


def refusal_key(error: str) -> str | None:
    """The staff text for a refusal Telegram gave an answer from the account, if it is one."""
    return next((key for code, key in REFUSALS.items() if code in error), None)
