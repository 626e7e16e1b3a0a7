"""Telegram tells us when a customer blocks or unblocks the bot (my_chat_member)."""

from __future__ import annotations

from aiogram import Router
from aiogram.enums import ChatMemberStatus
from aiogram.types import ChatMemberUpdated

from storage.db import Tx


def router() -> Router:
    r = Router(name=__name__)
    r.my_chat_member.register(changed)
    return r


async def changed(event: ChatMemberUpdated, tx: Tx) -> None:
    if event.new_chat_member.status == ChatMemberStatus.KICKED:
        # Nothing more is sent (invitations, reminders) until they come back.
        await tx.customers.mark_unreachable(event.chat.id, "blocked the bot")
    # Any other status: the middleware already cleared the mark when this update arrived.
