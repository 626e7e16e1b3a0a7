"""Queueing a mail: a row in the caller's transaction, sent by the mail sender once it
commits (bot/mail/delivery.py), so a rollback sends nothing and a crash loses nothing."""

from __future__ import annotations

from email.headerregistry import Address

from bot.mail.compose import message_id
from bot.mail.config import Mailer
from storage.db import Tx
from storage.repos.mail import Mail


async def queue_mail(
    tx: Tx,
    mailer: Mailer,
    to: str,
    subject: str,
    text: str,
    html: str,
    *,
    unsubscribe: str | None = None,
    customer_id: int | None = None,
) -> int | None:
    """The mail's id; None when the shop sends no mail (no SMTP_URL). `customer_id` is whose
    address it is: erasing that person deletes the mail, queued or sent."""
    if mailer.config.smtp is None:
        return None
    Address(addr_spec=to)  # an address a header can hold, or ValueError here, not at sending
    mail = Mail(
        to=to,
        subject=subject,
        text=text,
        html=html,
        message_id=message_id(mailer.config.sender),
        unsubscribe=unsubscribe,
        customer_id=customer_id,
    )
    return await tx.mail.add(mail)
