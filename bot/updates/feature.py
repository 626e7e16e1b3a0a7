"""The update intake: long polling, or Telegram's webhook when WEBHOOK_URL is set; and the
processor that hands what was stored to the dispatcher's handlers."""

from __future__ import annotations

from urllib.parse import urlsplit

from aiogram import Dispatcher

from bot.updates.poller import Poller
from bot.updates.processor import Processor
from bot.updates.webhook import webhook_handler
from bot.wiring import Task, Wiring


def install(w: Wiring, dp: Dispatcher, *, poll_timeout: int) -> Processor:
    """The processor; the poller starts once Telegram answered getMe (and the webhook was
    deleted), the webhook's route serves on every instance."""
    # Updates may also arrive through another instance's webhook: look for them often.
    idle_check = 5.0 if w.db.url.is_sqlite else 0.5
    beat = w.liveness.beat("processor")
    processor = Processor(w.db, dp, w.bot, w.metrics, beat, idle_check=idle_check)
    tg = w.settings.telegram
    if tg.webhook_url:
        secret = tg.webhook_secret.get_secret_value() if tg.webhook_secret else ""
        path = urlsplit(tg.webhook_url).path or "/"
        w.routes.append(("POST", path, webhook_handler(w.db, secret, w.metrics, processor.wake)))
        return processor
    # A long poll is progress only when it returns: never "stuck" within one.
    stall = max(w.liveness.stall_after, poll_timeout + 5.0)
    beat = w.liveness.beat("poller", stall)
    poller = Poller(w.bot, w.db, w.metrics, processor.wake, beat, timeout=poll_timeout)
    w.intake.append(Task("poller", poller.run))
    return processor
