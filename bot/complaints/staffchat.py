"""What the bot asks Telegram about the staff chat each time it connects.

Whether it is a forum (a topic per complaint, else replies to cards); whether the bot can use
it at all (a wrong STAFF_CHAT_ID, the bot not in the group: the owners and managers are told
now, not at the first complaint); whether Telegram moved it; and, with BotFather's privacy
mode on, whether the bot is an administrator there (else it does not see what staff write
in a complaint's topic).
"""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.enums import ChatMemberStatus
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
)
from aiogram.methods import GetChat, GetChatMember
from aiogram.types import User

from bot.chatevents import ChatEvents
from bot.complaints import access
from bot.complaints.config import Complaints
from bot.settings import EXAMPLE_STAFF_CHAT_ID
from storage.db import Database

log = logging.getLogger(__name__)


async def check(
    bot: Bot, db: Database, complaints: Complaints, chat_events: ChatEvents, me: User
) -> None:
    complaints.core.learned.staff_chat_is_forum = await _is_forum(bot, db, complaints, chat_events)
    if not me.can_read_all_group_messages and not complaints.staff_chat_lost:
        await _check_privacy(bot, db, complaints, me.id)


async def _is_forum(
    bot: Bot, db: Database, complaints: Complaints, chat_events: ChatEvents
) -> bool:
    try:
        chat = await bot(GetChat(chat_id=complaints.staff_chat_id))
    except (TelegramForbiddenError, TelegramBadRequest) as exc:
        reason = exc.message
        if complaints.staff_chat_id == EXAMPLE_STAFF_CHAT_ID:
            reason += (
                f" ({EXAMPLE_STAFF_CHAT_ID} is .env.example's id: add the bot to your staff group,"
                " its log then prints the STAFF_CHAT_ID to set)"
            )
        log.error("staff chat %s not usable: %s", complaints.staff_chat_id, reason)
        async with db.transaction() as tx:
            await access.lost(tx, complaints, reason)
        return False
    except TelegramMigrateToChat as exc:
        async with db.transaction() as tx:
            await chat_events.record(tx, complaints.staff_chat_id, exc.migrate_to_chat_id)
        return await _is_forum(bot, db, complaints, chat_events)
    except Exception as exc:  # noqa: BLE001 - e.g. Telegram slow: cards still queue
        log.warning("staff chat not readable (%s); cards go to its main thread", exc)
        return False
    if complaints.staff_chat_lost:
        async with db.transaction() as tx:
            await access.back(tx, complaints)
    return bool(chat.is_forum)


async def _check_privacy(bot: Bot, db: Database, complaints: Complaints, bot_id: int) -> None:
    """Privacy mode on: said to the owners once, and logged at every start."""
    try:
        member = await bot(GetChatMember(chat_id=complaints.staff_chat_id, user_id=bot_id))
    except TelegramAPIError as exc:
        log.warning("could not ask Telegram whether the bot is an admin: %s", exc.message)
        return
    if member.status in (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.CREATOR):
        return
    async with db.transaction() as tx:
        await access.privacy_blind(tx, complaints)
