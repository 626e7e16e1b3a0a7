"""/dashboard: a one-time sign-in link to the owners' dashboard (and, when DASHBOARD_URL is an
https address, a button that opens it inside Telegram as a Mini App)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message, WebAppInfo

from bot.dashboard.access import LINK_TTL, Dashboard
from bot.i18n import Translator
from bot.outbox.service import Outbox
from handlers.filters import MaySignIn
from storage.db import Tx


def router() -> Router:
    """Owners and managers (the rest are refused with the owners' commands)."""
    r = Router(name=__name__)
    r.message.register(dashboard_link, Command("dashboard"), MaySignIn())
    return r


async def dashboard_link(
    message: Message, tx: Tx, outbox: Outbox, t: Translator, dashboard: Dashboard
) -> None:
    assert message.from_user is not None  # MaySignIn let them in
    url = await dashboard.link(tx, message.from_user.id)
    minutes = int(LINK_TTL.total_seconds() // 60)
    text = t("dashboard.link", url=url, minutes=minutes)
    markup = None
    if dashboard.base_url.startswith("https://"):
        button = InlineKeyboardButton(
            text=t("dashboard.open"), web_app=WebAppInfo(url=dashboard.base_url)
        )
        markup = InlineKeyboardMarkup(inline_keyboard=[[button]])
    await outbox.answer(tx, message, text, reply_markup=markup)
