"""When Telegram moves the staff group to a new id (see `bot/chatevents.py`): every open
complaint's card is posted again in the new chat (the old chat's messages cannot be edited or
replied to there), and those that were only a line of a storm summary get a summary again,
without telling the customers anything new; the owners are told once, in private, with the
new id to put in STAFF_CHAT_ID when convenient."""

from __future__ import annotations

from aiogram.methods import SendMessage

from bot.complaints.config import ComplaintConfig
from bot.complaints.posting import post_card, relist
from bot.i18n import Translator
from bot.outbox.service import Outbox, Priority
from storage.db import Tx


def chain_has(learned_moves: dict[int, int], setting: int, old: int) -> bool:
    """Whether `old` is the setting itself or one of the ids it moved through."""
    seen, chat = set(), setting
    while chat not in seen:
        if chat == old:
            return True
        seen.add(chat)
        if chat not in learned_moves:
            return False
        chat = learned_moves[chat]
    return False


async def on_chat_moved(complaints: ComplaintConfig, tx: Tx, old: int, new: int) -> None:
    learned = complaints.surveys.learned
    if not chain_has(learned.moved, complaints.staff_chat_setting, old):
        return
    reposted = 0
    for complaint in await tx.complaints.with_card_in(old):
        await tx.complaints.update(
            complaint.id, card_chat_id=None, card_message_id=None, topic_thread_id=None
        )
        await post_card(tx, complaints, complaint.id)
        reposted += 1
    summarised = await tx.complaints.in_summaries()
    await relist(tx, complaints, summarised)
    reposted += len(summarised)
    await tell_owners(
        tx,
        complaints.outbox,
        complaints.staff_t,
        complaints.owner_ids,
        "chat.moved.staff",
        old=str(old),
        new=str(new),
        reposted=reposted,
    )


async def tell_owners(
    tx: Tx, outbox: Outbox, t: Translator, owners: list[int], key: str, **args: object
) -> None:
    for owner in owners:
        await outbox.send(
            tx, SendMessage(chat_id=owner, text=t(key, **args)), priority=Priority.NORMAL
        )
