"""When Telegram moves the staff group to a new id (see `bot/chatevents.py`): every open
complaint's card is posted again in the new chat (the old chat's messages cannot be edited or
replied to there), and those that were only a line of a storm summary get a summary again,
without telling the customers anything new; the owners are told once, in private, with the
new id to put in STAFF_CHAT_ID when convenient."""

from __future__ import annotations

from bot.complaints.config import Complaints
from bot.complaints.posting import post_card, relist
from storage.db import Tx


async def on_chat_moved(complaints: Complaints, tx: Tx, old: int, new: int) -> None:
    if old not in complaints.core.learned.chain(complaints.config.staff_chat_setting):
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
    text = complaints.staff_t("chat.moved.staff", old=str(old), new=str(new), reposted=reposted)
    await complaints.core.outbox.to_each(tx, complaints.core.roles.owners, text)
