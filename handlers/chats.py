"""Telegram's own events about the chats the bot is in, before any audience's filter: a group
upgraded to a supergroup announces its new id in both chats (see `bot/chatevents.py`); the bot
removed from the staff chat, or added back (see `bot/complaints/access.py`)."""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.enums import ChatMemberStatus
from aiogram.types import ChatMemberRestricted, ChatMemberUpdated, Message

from bot.chatevents import ChatEvents
from bot.complaints import access
from bot.complaints.config import Complaints
from handlers.filters import InStaffChat, Magic
from storage.db import Tx

log = logging.getLogger(__name__)


def router() -> Router:
    r = Router(name=__name__)
    r.message.register(moved_away, Magic(F.migrate_to_chat_id))
    r.message.register(moved_here, Magic(F.migrate_from_chat_id))
    r.my_chat_member.register(staff_membership, InStaffChat())
    r.my_chat_member.register(other_group, Magic(F.chat.type.in_({"group", "supergroup"})))
    return r


async def other_group(event: ChatMemberUpdated) -> None:
    """Added to (or removed from) a group that is not the staff chat: its id, for the owner
    setting STAFF_CHAT_ID or DIGEST_CHAT_ID (ids only in the log)."""
    log.info(
        "the bot is now %s in the %s %s (not STAFF_CHAT_ID): if this is the staff group,"
        " set STAFF_CHAT_ID=%s",
        event.new_chat_member.status,
        event.chat.type,
        event.chat.id,
        event.chat.id,
    )


async def staff_membership(event: ChatMemberUpdated, tx: Tx, complaints: Complaints) -> None:
    """Removed from the staff chat (left, kicked, or restricted out of it), or added back."""
    member = event.new_chat_member
    if member.status in (ChatMemberStatus.LEFT, ChatMemberStatus.KICKED) or (
        isinstance(member, ChatMemberRestricted) and not member.is_member
    ):
        who = f" by user {event.from_user.id}" if event.from_user else ""
        await access.lost(tx, complaints, f"the bot was removed from the group{who}")
    else:
        await access.back(tx, complaints)


async def moved_away(message: Message, tx: Tx, chat_events: ChatEvents) -> None:
    """In the old group: "this group is now the supergroup N"."""
    assert message.migrate_to_chat_id is not None
    await chat_events.record(tx, message.chat.id, message.migrate_to_chat_id)


async def moved_here(
    message: Message, tx: Tx, chat_events: ChatEvents, complaints: Complaints
) -> None:
    """In the new supergroup: "this group was the basic group N". It says whether it is a
    forum (Topics on), before the open cards are posted there again."""
    old = message.migrate_from_chat_id
    assert old is not None
    if complaints.staff_chat_id in (old, message.chat.id):
        chat_events.learned.staff_chat_is_forum = bool(message.chat.is_forum)
    await chat_events.record(tx, old, message.chat.id)
