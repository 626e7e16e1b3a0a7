"""Whether a message the bot starts (a survey) may go out from the shop's own Telegram account.

The rule: from the account the customer last wrote to, while that connection is on, gives the
bot the right to reply (`BusinessBotRights.can_reply`: "send and edit messages in the private
chats that had incoming messages in the last 24 hours") and their last message there is less
than 23 hours old (Telegram's 24, less an hour for the queue and the customer's first press).
Anything else goes through the bot's own chat, as before.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from storage.db import Tx

WINDOW = timedelta(hours=23)


async def reachable_through(tx: Tx, telegram_id: int, now: datetime) -> str | None:
    """The business connection to send from now, or None: the bot's own chat."""
    found = await tx.business.last_heard(telegram_id)
    if found is None:
        return None
    connection, heard_at = found
    if not connection.can_reply or now - heard_at >= WINDOW:
        return None
    return connection.id
