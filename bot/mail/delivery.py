"""The mail sender: what is due, over one SMTP connection per pass, each mail marked sent only
once the server accepted it. A server that cannot be reached (an outage, a wrong password, a
timeout) fails the pass's mail once, and they are tried again with growing pauses (2 s
doubling to 10 minutes) for 72 hours; a mail the server refuses for good (5xx for its
recipient or its content) is given up at once. Either way the owners are told
(bot/mail/watch.py). A crash after the server accepted a mail and before that was recorded
sends it again, with the same Message-ID.

Queue times are real time, as the outbox's."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import aiosmtplib

from bot.jobs import JobContext, job
from bot.mail.compose import compose
from bot.mail.config import RETRIES, TIMEOUT, MailConfig, Mailer, Smtp
from bot.mail.watch import watch
from storage.db import Database
from storage.repos.mail import QueuedMail

log = logging.getLogger(__name__)

BATCH = 20  # mail per pass: one connection, and a bounded time even at TIMEOUT per step


@dataclass(frozen=True)
class Outcome:
    ok: bool
    error: str = ""
    final: bool = False  # refused for good: no other try would change the answer


class Unreachable(Exception):
    """The server, not one mail: the rest of the pass waits for the next try."""


def client(smtp: Smtp) -> aiosmtplib.SMTP:
    return aiosmtplib.SMTP(
        hostname=smtp.host,
        port=smtp.port,
        username=smtp.username,
        password=smtp.password,
        use_tls=smtp.implicit_tls,
        start_tls=True if smtp.require_starttls else None,
        timeout=TIMEOUT,
    )


async def send_due(db: Database, config: MailConfig, now: float | None = None) -> int:
    """One pass: the mail due at `now` (real time), tried and recorded; how many were sent."""
    if config.smtp is None:
        return 0
    async with db.read() as tx:
        due = await tx.mail.due(time.time() if now is None else now, BATCH)
    if not due:
        return 0
    outcomes: list[tuple[QueuedMail, Outcome]] = []
    try:
        async with client(config.smtp) as smtp:
            for queued in due:
                outcomes.append((queued, await _one(smtp, queued, config.sender)))
    except (TimeoutError, aiosmtplib.SMTPException, OSError, Unreachable) as exc:
        error = _said(exc)
        log.warning("mail server %s:%d: %s", config.smtp.host, config.smtp.port, error)
        tried = {queued.id for queued, _ in outcomes}
        outcomes += [(q, Outcome(False, error)) for q in due if q.id not in tried]
    await _record(db, outcomes, time.time() if now is None else now)
    return sum(outcome.ok for _, outcome in outcomes)


async def _one(smtp: aiosmtplib.SMTP, queued: QueuedMail, sender: str) -> Outcome:
    message = compose(queued.mail, sender, queued.created_at)
    try:
        await smtp.send_message(message)
    except aiosmtplib.SMTPRecipientsRefused as exc:
        codes = [r.code for r in exc.recipients]
        return Outcome(False, _said(exc), final=all(code >= 500 for code in codes))
    except (aiosmtplib.SMTPDataError, aiosmtplib.SMTPRecipientRefused) as exc:
        return Outcome(False, _said(exc), final=exc.code >= 500)
    except (aiosmtplib.SMTPServerDisconnected, aiosmtplib.SMTPTimeoutError) as exc:
        raise Unreachable(_said(exc)) from exc
    return Outcome(True)


def _said(exc: BaseException) -> str:
    code = getattr(exc, "code", None)
    text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused):
        text = "; ".join(f"{r.code} {r.message}" for r in exc.recipients)
        code = None
    return f"{code} {text}" if code else f"{type(exc).__name__}: {text}"


async def _record(db: Database, outcomes: list[tuple[QueuedMail, Outcome]], now: float) -> None:
    async with db.transaction() as tx:
        for queued, outcome in outcomes:
            if outcome.ok:
                await tx.mail.sent(queued.id, now)
                continue
            again = (
                None
                if outcome.final
                else RETRIES.next_try(queued.attempts, queued.created_at, now)
            )
            if again is None:
                log.warning("mail %d given up: %s", queued.id, outcome.error)
            await tx.mail.failed_once(queued.id, outcome.error, again, now)


@job
async def deliver_mail(ctx: JobContext) -> None:
    """Send what is due, then tell the owners if mail has stopped going out."""
    mailer = ctx[Mailer]
    if mailer.config.smtp is None:
        return
    await send_due(ctx.db, mailer.config)
    async with ctx.db.transaction() as tx:
        await watch(tx, mailer, time.time())
