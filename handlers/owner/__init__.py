"""Owners in their private chat: digests, reports, exports and the fixes list; anyone else is
refused. /dashboard and /saved also answer managers."""

from aiogram import Router
from aiogram.filters import Command

from bot.complaints.callbacks import FixDonePress
from handlers.filters import PRIVATE, PRIVATE_CALLBACK, IsOwner
from handlers.owner import dashboard, fixes, reports, saved


def router() -> Router:
    audience = Router(name=__name__)
    audience.message.filter(PRIVATE)
    audience.callback_query.filter(PRIVATE_CALLBACK)
    owners = Router(name=f"{__name__}.owners")
    owners.message.filter(IsOwner())
    owners.callback_query.filter(IsOwner())
    owners.include_routers(reports.router(), fixes.router())
    others = Router(name=f"{__name__}.others")
    others.message.register(
        reports.refuse, Command(*reports.COMMANDS, "actions", "dashboard", "saved")
    )
    others.callback_query.register(fixes.refuse_press, FixDonePress.filter())
    audience.include_routers(dashboard.router(), saved.router(), owners, others)
    return audience
