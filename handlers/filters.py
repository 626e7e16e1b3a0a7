"""Who an update is from, as router-level filters: each audience's parent router has one."""

from __future__ import annotations

from typing import Any

from aiogram import F
from aiogram.enums import ChatType
from aiogram.filters import Filter
from aiogram.types import CallbackQuery, Chat, InlineQuery, Message, TelegramObject, User
from magic_filter import MagicFilter

from bot.complaints.config import Complaints
from bot.complaints.staff import StaffDirectory
from bot.dashboard.access import Dashboard
from bot.incoming import Actor, ChatMessage
from bot.reports.config import Reports
from storage.db import Tx


class Magic(Filter):
    """A magic filter (`F.…`) checked in the event loop. aiogram runs any plain callable, a
    bare `F.…` included, in a thread of its own: a thread hop for every update that reaches
    it. Every filter here is a coroutine (tests/unit/test_handler_filters.py)."""

    def __init__(self, magic: MagicFilter) -> None:
        self.magic = magic

    async def __call__(self, event: TelegramObject) -> Any:
        return self.magic.resolve(event)


PRIVATE = Magic(F.chat.type == ChatType.PRIVATE)
PRIVATE_CALLBACK = Magic(F.message.chat.type == ChatType.PRIVATE)


async def from_the_customer(message: Message) -> bool:
    """In a chat of the shop's Telegram account: written by the customer, not by the account's
    owner (or by the bot on its behalf)."""
    author = message.from_user
    return author is not None and author.id == message.chat.id


async def from_the_account(message: Message) -> bool:
    """In a chat of the shop's Telegram account: written by its owner in the Telegram app (not
    by this bot for the account: what the bot sends is in the history already)."""
    author = message.from_user
    return author is not None and author.id != message.chat.id and not message.sender_business_bot


class InStaffChat(Filter):
    """Messages and button presses in the configured staff chat."""

    async def __call__(
        self, event: TelegramObject, complaints: Complaints, event_chat: Chat | None = None
    ) -> bool:
        return event_chat is not None and event_chat.id == complaints.staff_chat_id


class IsStaff(Filter):
    """Someone who may act on complaints, as the staff directory says (configured, a member of
    the staff chat; for a message also an anonymous administrator or the group itself). A
    member found acting on a message or a button is recorded as staff; a search in inline
    mode is not acting. Raises NeedsLookup (or TryLater) when Telegram must be asked first.
    Whoever it refuses is answered by handlers/staff/refusal.py."""

    async def __call__(self, event: TelegramObject, tx: Tx, staff: StaffDirectory) -> bool:
        if isinstance(event, Message):
            return await staff.admits(tx, ChatMessage.from_aiogram(event))
        if isinstance(event, CallbackQuery):
            return await staff.acts(tx, Actor.from_aiogram(event.from_user)) is None
        if isinstance(event, InlineQuery):
            return staff.refusal(event.from_user.id) is None
        return False


class IsOwner(Filter):
    """Someone listed in OWNER_IDS."""

    async def __call__(
        self, event: TelegramObject, reports: Reports, event_from_user: User | None = None
    ) -> bool:
        return event_from_user is not None and reports.core.roles.is_owner(event_from_user.id)


class IsLead(Filter):
    """An owner or a manager (OWNER_IDS, MANAGER_IDS): they keep the saved replies."""

    async def __call__(
        self, event: TelegramObject, complaints: Complaints, event_from_user: User | None = None
    ) -> bool:
        return event_from_user is not None and event_from_user.id in complaints.core.roles.leads


class MaySignIn(Filter):
    """An owner or a manager: those the dashboard lets in."""

    async def __call__(
        self, event: TelegramObject, dashboard: Dashboard, event_from_user: User | None = None
    ) -> bool:
        return (
            event_from_user is not None and dashboard.roles.role_of(event_from_user.id) is not None
        )
