"""Someone who can act is told when mail does not go out: the owners, in private, once a mail
has waited an hour (the server's last words with it; again when mail flows once more), and for
mail given up (refused for good, or 72 hours of failures), since the customer will not get it.
Their Telegram is reached through the outbox, which does not depend on the mail server."""

from __future__ import annotations

from html import escape

from bot.i18n import clip
from bot.mail.config import Mailer
from storage.db import Tx

ALERT_AFTER = 3600.0
ALERTED = "mail.alerted"  # kv: the owners were told mail is stuck
FAILED_TOLD = "mail.failed_told"  # kv: the last given-up mail the owners were told about


def _code(text: str) -> str:
    """What the server said, in a code span: it must not write the bot's message."""
    return f"<code>{escape(clip(text or '—', 300))}</code>"


async def watch(tx: Tx, mailer: Mailer, now: float) -> None:
    core, owners = mailer.core, mailer.core.roles.owners
    backlog = await tx.mail.backlog(now)
    stuck = backlog.pending > 0 and backlog.oldest_seconds >= ALERT_AFTER
    told = await tx.kv.get(ALERTED) is not None
    if stuck and not told:
        hours = max(1, int(backlog.oldest_seconds // 3600))
        text = core.staff_t(
            "mail.stuck", hours=hours, count=backlog.pending, error=_code(backlog.last_error or "")
        )
        await core.outbox.to_each(tx, owners, text, parse_mode="HTML")
        await tx.kv.set(ALERTED, str(int(now)))
    elif told and not stuck:
        await core.outbox.to_each(tx, owners, core.staff_t("mail.recovered"))
        await tx.kv.delete(ALERTED)
    last = int(await tx.kv.get(FAILED_TOLD) or 0)
    failed = await tx.mail.failed_since(last)
    if failed:
        error = _code(failed[-1][1])
        text = core.staff_t("mail.given_up", count=len(failed), error=error)
        await core.outbox.to_each(tx, owners, text, parse_mode="HTML")
        await tx.kv.set(FAILED_TOLD, str(failed[-1][0]))
