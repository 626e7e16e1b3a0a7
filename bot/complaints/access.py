"""Whether the bot can write to the staff chat, and what happens while it cannot.

Telegram says so in three ways: a `my_chat_member` update (the bot was removed, or added back),
a 403 on a send (`bot was kicked from the supergroup chat`, `bot is not a member of …`), or,
at start, a staff chat it cannot read (`chat not found`: a wrong STAFF_CHAT_ID). While the chat
is lost, nothing a customer wrote is lost: cards wait (due), relays are kept for the roundup,
take reminders go to the managers and owners in private; the owners and managers are told at
once what happened and what to do. When the bot is added back, what waited is posted, coalesced
like a storm. A restart would not help, so `/healthz` reports it without answering 503.
"""

from __future__ import annotations

import logging

from bot.complaints import relay
from bot.complaints.config import Complaints
from storage.db import Tx

log = logging.getLogger(__name__)

KEY = "staff_chat_lost"
TOLD_KEY = "staff_chat_lost.told"  # the leads told of it, comma-separated


async def load(tx: Tx, complaints: Complaints) -> None:
    complaints.core.learned.staff_chat_lost = await tx.kv.get(KEY) or None


async def lost(tx: Tx, complaints: Complaints, reason: str) -> bool:
    """The bot cannot write to the staff chat; True if this is news. Each lead is told once
    (also one named in OWNER_IDS or MANAGER_IDS after it happened: a new shop's first start
    often has the chat wrong and nobody to tell)."""
    learned = complaints.core.learned
    known = learned.staff_chat_lost or await tx.kv.get(KEY)
    if known:
        learned.staff_chat_lost = learned.staff_chat_lost or reason
        await _tell(tx, complaints, known)
        return False
    await tx.kv.set(KEY, reason[:300])
    learned.staff_chat_lost = reason[:300]
    log.error("staff chat %s unreachable: %s", complaints.staff_chat_id, reason)
    await _tell(tx, complaints, reason)
    return True


async def _tell(tx: Tx, complaints: Complaints, reason: str) -> None:
    """The leads not told yet that the staff chat is lost, told (TOLD_KEY: who was)."""
    told = {int(x) for x in (await tx.kv.get(TOLD_KEY) or "").split(",") if x}
    untold = [lead for lead in complaints.core.roles.leads if lead not in told]
    if not untold:
        return
    chat = str(complaints.staff_chat_id)
    text = complaints.staff_t("chat.lost", chat=chat, reason=reason[:300])
    await complaints.core.outbox.to_each(tx, untold, text)
    await tx.kv.set(TOLD_KEY, ",".join(str(x) for x in sorted(told | set(untold))))


async def back(tx: Tx, complaints: Complaints) -> bool:
    """The bot is in the staff chat again; True if it had been lost (the leads are told)."""
    learned = complaints.core.learned
    if not (learned.staff_chat_lost or await tx.kv.get(KEY)):
        return False
    await tx.kv.set(KEY, "")
    await tx.kv.set(TOLD_KEY, "")
    learned.staff_chat_lost = None
    waiting = len(await tx.complaints.cards_due(complaints.core.now(), 10_000))
    await relay.roundup_due(tx, complaints, everything=True)  # what customers wrote meanwhile
    log.warning(
        "staff chat %s reachable again: %d cards to post", complaints.staff_chat_id, waiting
    )
    await complaints.core.outbox.to_each(
        tx, complaints.core.roles.leads, complaints.staff_t("chat.back", waiting=waiting)
    )
    return True


PRIVACY_KEY = "privacy_told"


async def privacy_blind(tx: Tx, complaints: Complaints) -> None:
    """Privacy mode on and not an administrator: in a forum, staff writing in a complaint's
    topic (not replying to a bot message) go unseen. Logged always; the leads told once."""
    chat = complaints.staff_chat_id
    where = "complaint topics" if complaints.forum else "messages that are not replies to it"
    log.error(
        "privacy mode is on and the bot is not an administrator of the staff chat %s: it"
        " may miss %s (make it an admin, or @BotFather /setprivacy Disable)",
        chat,
        where,
    )
    if not complaints.forum or await tx.kv.get(PRIVACY_KEY) == str(chat):
        return
    await tx.kv.set(PRIVACY_KEY, str(chat))
    await complaints.core.outbox.to_each(
        tx, complaints.core.roles.leads, complaints.staff_t("chat.privacy")
    )


async def on_refused(complaints: Complaints, tx: Tx, chat_id: int, reason: str) -> None:
    """The sender's report of a 403 from a group."""
    if chat_id == complaints.staff_chat_id:
        await lost(tx, complaints, reason)
