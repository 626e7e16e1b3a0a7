"""The shop's own Telegram account (Telegram Business): the account connecting the bot, and
what the account's owner does in its chats with customers.

A customer's message to the account is handled with every other customer message, in
handlers/customer/words.py; here: `business_connection` (stored, the owners told), the
owner's own answers written in the Telegram app (outgoing business messages), and the
customer's edits and deletions there.
"""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.types import BusinessConnection as TgConnection
from aiogram.types import BusinessMessagesDeleted, Message

from bot.business.accounts import Accounts
from bot.complaints import shopchat
from bot.complaints.config import Complaints
from bot.incoming import ChatMessage
from handlers.filters import from_the_account, from_the_customer
from storage.db import Tx
from storage.models import Complaint, Customer
from storage.repos.business import BusinessConnection


def router() -> Router:
    r = Router(name=__name__)
    r.business_connection.register(connection)
    r.business_message.register(owner_answered, from_the_account, on_a_complaint)
    r.edited_business_message.register(customer_edited, from_the_customer, on_a_complaint)
    r.deleted_business_messages.register(customer_deleted)
    return r


async def on_a_complaint(
    message: Message, tx: Tx, customer: Customer | None
) -> dict[str, Any] | bool:
    """The chat's customer has a complaint open: what happens in the chat is about it."""
    if customer is None:
        return False
    complaint = await tx.complaints.active_for(customer.id)
    return False if complaint is None else {"complaint": complaint}


async def owner_answered(
    message: Message, complaint: Complaint, tx: Tx, complaints: Complaints
) -> None:
    await shopchat.owner_answered(tx, complaints, complaint, ChatMessage.from_aiogram(message))


async def customer_edited(
    message: Message, complaint: Complaint, tx: Tx, complaints: Complaints
) -> None:
    await shopchat.customer_edited(tx, complaints, complaint, ChatMessage.from_aiogram(message))


async def customer_deleted(event: BusinessMessagesDeleted, tx: Tx, complaints: Complaints) -> None:
    customer = await tx.customers.by_telegram_id(event.chat.id)
    complaint = None if customer is None else await tx.complaints.active_for(customer.id)
    if complaint is not None:
        await shopchat.customer_deleted(
            tx, complaints, complaint, event.chat.id, list(event.message_ids)
        )


async def connection(event: TgConnection, tx: Tx, business: Accounts) -> None:
    rights = event.rights.model_dump(exclude_none=True) if event.rights is not None else {}
    await business.changed(
        tx,
        BusinessConnection(
            id=event.id,
            user_id=event.user_chat_id,
            user_name=event.user.full_name or event.user.username,
            rights={name: bool(value) for name, value in rights.items()},
            enabled=event.is_enabled,
            connected_at=event.date,
        ),
    )
