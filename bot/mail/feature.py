"""Email to customers. Installs: the mail sender (a tick while this instance leads,
bot/mail/delivery.py) and who is told when mail does not go out (bot/mail/watch.py), and
`mailer` for whoever queues mail (`bot/mail/outbox.py`'s `queue_mail`). Nothing queues mail
yet: the web channel's conversation pages will (a staff reply to a customer on the web)."""

from __future__ import annotations

from bot.core import Core
from bot.mail.config import MailConfig, Mailer
from bot.mail.delivery import deliver_mail
from bot.wiring import Wiring


def install(w: Wiring, core: Core) -> Mailer:
    mailer = Mailer(MailConfig.from_settings(w.settings), core)
    w.jobs.add(mailer)
    if mailer.config.smtp is not None:
        w.every_tick(deliver_mail)
    w.provide("mailer", mailer)
    return mailer
