"""/digest, /report FROM TO and /export [FROM TO]: the owner router lets only OWNER_IDS in.

The handler answers at once ("preparing…"); the numbers are computed in the background once
this update's transaction has committed (bot.reports.ondemand).
"""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.i18n import Translator
from bot.outbox.service import Outbox
from bot.reports.config import Reports
from bot.reports.ondemand import OnDemand
from bot.reports.periods import last_days, requested_period
from bot.surveys.config import Surveys
from bot.surveys.duration import help_duration
from storage.db import Tx
from storage.models import Customer
from storage.states import ReportKind

EXPORT_DAYS = 90
COMMANDS = ("digest", "report", "export")


def router() -> Router:
    r = Router(name=__name__)
    r.message.register(owner_help, Command("help"))
    r.message.register(digest, Command("digest"))
    r.message.register(for_period, Command("report", "export"))
    return r


async def owner_help(
    message: Message, tx: Tx, outbox: Outbox, t: Translator, customer: Customer, surveys: Surveys
) -> None:
    """An owner's /help: what every customer can do, and the owner commands."""
    duration = await help_duration(tx, surveys.design, t, customer.segment)
    await outbox.answer(tx, message, f"{t('help.text', duration=duration)}\n\n{t('help.owner')}")


async def refuse(message: Message, tx: Tx, outbox: Outbox, t: Translator) -> None:
    """An owner command from someone who is not an owner: told so in their own language."""
    await outbox.answer(tx, message, t("digest.refused"))


async def digest(
    message: Message, tx: Tx, t: Translator, reports: Reports, ondemand: OnDemand
) -> None:
    start, end = last_days(reports.core.now(), reports.config.tz)
    preparing = t("digest.preparing")
    await ondemand.request(tx, ReportKind.DIGEST, message.chat.id, start, end, preparing)


async def for_period(
    message: Message,
    command: CommandObject,
    tx: Tx,
    outbox: Outbox,
    t: Translator,
    reports: Reports,
    ondemand: OnDemand,
) -> None:
    """/report FROM TO, /export [FROM TO] (nothing: the last EXPORT_DAYS days); the result is
    built after this update commits."""
    kind = ReportKind.REPORT if command.command == "report" else ReportKind.EXPORT
    default_days = EXPORT_DAYS if kind == ReportKind.EXPORT else None
    parts = (command.args or "").split()
    try:
        if len(parts) != 2 and (default_days is None or parts):
            wanted = "two dates" if default_days is None else "two dates or none"
            raise ValueError(f"give {wanted}")
        first, last = parts if parts else (None, None)
        period = requested_period(
            first, last, reports.config.tz, reports.core.now(), default_days or 7
        )
    except ValueError:  # the usage line says it all, in the owner's language
        await outbox.answer(tx, message, t(f"digest.{kind}_usage"))
        return
    await ondemand.request(tx, kind, message.chat.id, *period, t("digest.preparing"))
