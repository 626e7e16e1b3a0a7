"""Someone is told when a receiver stops taking events: the owners, in private, once an event
has waited an hour for a URL, and once more when that URL takes them again. The events are
kept and retried meanwhile (72 hours); the message says so, and what the receiver answered:
its status, a redirect's Location, at most a short plain excerpt of its words, all in a code
span, where Telegram makes nothing a link (a receiver must not write the bot's message)."""

from __future__ import annotations

import time
from html import escape

from bot.events.config import Events
from bot.events.receivers import redirected_to
from bot.i18n import clip
from storage.db import Tx

ALERT_AFTER = 3600.0
ALERTED = "events.alerted:"  # kv: a URL its owners were told about


async def watch(tx: Tx, events: Events) -> None:
    core, owners = events.core, events.core.roles.owners
    now = time.time()
    for url in events.config.urls:
        waiting = await tx.events.waiting_at(url)
        told = await tx.kv.get(ALERTED + url) is not None
        if waiting is not None and now - waiting[0] >= ALERT_AFTER and not told:
            hours = max(1, int((now - waiting[0]) // 3600))
            error = f"<code>{escape(clip(waiting[1] or '—', 300))}</code>"
            text = core.staff_t("events.stuck", url=escape(url), hours=hours, error=error)
            location = redirected_to(waiting[1] or "")
            if location is not None:
                where = f"<code>{escape(location)}</code>"
                text += "\n" + core.staff_t("events.redirect", location=where)
            await core.outbox.to_each(tx, owners, text, parse_mode="HTML")
            await tx.kv.set(ALERTED + url, str(int(now)))
        elif told and (waiting is None or now - waiting[0] < ALERT_AFTER):
            await core.outbox.to_each(tx, owners, core.staff_t("events.recovered", url=url))
            await tx.kv.delete(ALERTED + url)
