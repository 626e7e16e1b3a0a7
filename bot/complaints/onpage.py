"""A complaint followed on its web page (PUBLIC_URL/c/<token>) by a customer with no Telegram
chat: what staff say is kept for the page instead of being sent, and the web channel is told
(`when.page_news`: it emails the customer who left an address). Telegram wins once the
customer has it (the receipt's deep link): replies go there as to anyone."""

from __future__ import annotations

from datetime import datetime

from bot.complaints.config import Complaints
from storage.db import Tx
from storage.models import Complaint, Customer
from storage.states import Deadline


async def followed(tx: Tx, complaint: Complaint, customer: Customer | None) -> bool:
    """The customer reads this complaint's news on its page: no Telegram, and they chose it."""
    if customer is None or customer.telegram_id is not None or customer.forgotten_at:
        return False
    return await tx.conversations.get(complaint.id) is not None


async def replied(tx: Tx, complaints: Complaints, complaint: Complaint, words: str | None) -> None:
    """Staff's reply, kept in the history (the page's record) by the caller: the news."""
    await complaints.core.when.page_news.send(tx, complaint.id, words or "")


async def ask(tx: Tx, complaints: Complaints, complaint: Complaint, now: datetime) -> None:
    """Resolved: the page asks "was it resolved?" (its Yes and No do what Telegram's do), and
    the customer hears of it; unanswered, it lapses as Telegram's question does."""
    await complaints.core.when.page_news.send(tx, complaint.id, None)
    lapse = now + complaints.config.confirm_within
    await tx.complaints.set_step(complaint.id, Deadline.CONFIRM, lapse, started_at=now)
