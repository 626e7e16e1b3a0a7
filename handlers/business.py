"""The shop's own Telegram account (Telegram Business): the account connecting the bot, and
what the account's owner does in its chats with customers.

A customer's message to the account is handled with every other customer message, in
handlers/customer/words.py; here: `business_connection` (stored, the owners told), and the
owner's own answers written in the Telegram app (outgoing business messages).
"""

from __future__ import annotations

from aiogram import Router
from aiogram.types import BusinessConnection as TgConnection

from bot.business.accounts import Accounts
from storage.db import Tx
from storage.repos.business import BusinessConnection


def router() -> Router:
    r = Router(name=__name__)
    r.business_connection.register(connection)
    return r


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
        ),
    )
