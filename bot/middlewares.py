"""Per-update context: who is talking (the customer row) and in which language to answer."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.enums import ChatType
from aiogram.types import Chat, Message, TelegramObject, User

from bot.i18n import Catalog
from bot.when import Signal
from storage.db import Tx
from storage.models import Customer

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class ContextMiddleware(BaseMiddleware):
    """Outer update middleware: loads or creates the customer in private chats, picks `t`."""

    def __init__(
        self, catalog: Catalog, staff_language: str, first_contact: Signal[[Tx, Customer]]
    ) -> None:
        self.catalog = catalog
        self.staff_language = staff_language
        self.first_contact = first_contact

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        chat: Chat | None = data.get("event_chat")
        tx: Tx = data["tx"]
        business = _business_message(event)
        data["customer"] = None
        data["first_contact"] = False
        language = self.staff_language
        if getattr(event, "business_connection", None) is not None:
            user = None  # the account's owner connecting the bot: no customer
        elif business is not None and chat is not None and (user is None or user.id != chat.id):
            # The account's owner writing to a customer from the app: the chat's person is the
            # customer, known already (they wrote first), and nothing of theirs changes.
            user = None
            data["customer"] = await tx.customers.by_telegram_id(chat.id)
        if (
            user is not None
            and not user.is_bot
            and (chat is None or chat.type == ChatType.PRIVATE)
        ):
            customer, first_contact = await tx.customers.touch_from_telegram(
                user.id,
                user.full_name or None,
                user.username,
                user.language_code,
                starting=_is_start(event),
            )
            if customer.unreachable_at is not None and business is None:
                # They wrote to the bot, so Telegram delivers to them again (a message to the
                # shop's account says nothing of the bot's chat).
                await tx.customers.clear_unreachable(user.id)
            through = getattr(
                getattr(event, "business_message", None), "business_connection_id", None
            )
            if through is not None:  # the bot may write in their chat with the account a while
                await tx.business.heard(through, user.id, tx.clock())
            if first_contact:  # surveys link the purchases registered by their Telegram id
                await self.first_contact.send(tx, customer)
            data["customer"] = customer
            data["first_contact"] = first_contact  # this update made them a customer
            language = customer.language or self.catalog.pick(user.language_code)
        data["t"] = self.catalog.bind(language)
        return await handler(event, data)


def _business_message(event: TelegramObject) -> Message | None:
    """A message in a chat of the shop's Telegram Business account (new or edited)."""
    for key in ("business_message", "edited_business_message"):
        found = getattr(event, key, None)
        if isinstance(found, Message):
            return found
    return None


def _is_start(event: TelegramObject) -> bool:
    """A /start: someone who asked to be forgotten starts over with it."""
    message = getattr(event, "message", None)
    text = getattr(message, "text", None) or ""
    return text == "/start" or text.startswith(("/start ", "/start@"))
