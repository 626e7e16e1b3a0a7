"""Owners in their private chat: digests, reports and exports; anyone else is refused."""

from aiogram import Router
from aiogram.filters import Command

from handlers.filters import PRIVATE, IsOwner
from handlers.owner import reports


def router() -> Router:
    audience = Router(name=__name__)
    audience.message.filter(PRIVATE)
    owners = Router(name=f"{__name__}.owners")
    owners.message.filter(IsOwner())
    owners.include_router(reports.router())
    others = Router(name=f"{__name__}.others")
    others.message.register(reports.refuse, Command(*reports.COMMANDS))
    audience.include_routers(owners, others)
    return audience
