"""/saved in an owner's or a manager's private chat: the team's saved replies (list, add,
delete). Staff send them in the staff chat (handlers/staff/complaints.py)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.complaints import saved
from bot.complaints.config import Complaints
from bot.i18n import Translator
from bot.outbox.service import Outbox
from handlers.filters import IsLead
from storage.db import Tx


def router() -> Router:
    """Owners and managers (the rest are refused with the owners' commands)."""
    r = Router(name=__name__)
    r.message.register(keep_saved, Command("saved"), IsLead())
    return r


async def keep_saved(
    message: Message,
    command: CommandObject,
    tx: Tx,
    outbox: Outbox,
    t: Translator,
    complaints: Complaints,
) -> None:
    assert message.from_user is not None  # IsLead let them in
    text = await saved.manage(tx, complaints, t, message.from_user.id, command.args or "")
    await outbox.answer(tx, message, text, parse_mode="HTML")
