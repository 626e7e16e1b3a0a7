"""/dashboard: a one-time sign-in link to the owners' dashboard (and, when DASHBOARD_URL is an
https address, a button that opens it inside Telegram as a Mini App); without PUBLIC_URL or
DASHBOARD_URL, what to set instead."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.methods import SendMessage
from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    WebAppInfo,
)

from bot.dashboard.access import LINK_TTL, Dashboard
from bot.i18n import Translator
from bot.outbox.service import Outbox
from handlers.filters import MaySignIn
from storage.db import Tx
from storage.states import Purpose


def router() -> Router:
    """Owners and managers (the rest are refused with the owners' commands)."""
    r = Router(name=__name__)
    r.message.register(dashboard_link, Command("dashboard"), MaySignIn())
    return r


async def dashboard_link(
    message: Message, tx: Tx, outbox: Outbox, t: Translator, dashboard: Dashboard
) -> None:
    assert message.from_user is not None  # MaySignIn let them in
    if dashboard.config.base_url is None:  # a link to this machine would work on no phone
        await outbox.answer(tx, message, t("dashboard.no_address"))
        return
    minutes = int(LINK_TTL.total_seconds() // 60)
    text = t("dashboard.link", url=dashboard.unminted_link(), minutes=minutes)
    markup = None
    if dashboard.config.base_url.startswith("https://"):
        button = InlineKeyboardButton(
            text=t("dashboard.open"), web_app=WebAppInfo(url=dashboard.config.base_url)
        )
        markup = InlineKeyboardMarkup(inline_keyboard=[[button]])
    # The link itself is made as the sender hands the message to Telegram: the outbox row
    # (and any copy of the database) holds only a placeholder.
    # No preview: Telegram would fetch the link to draw one (it stays good: opening it only
    # shows the sign-in button), and a preview of a sign-in page helps nobody.
    method = SendMessage(
        chat_id=message.chat.id,
        text=text,
        reply_markup=markup,
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )
    await outbox.send(tx, method, purpose=Purpose.SIGN_IN, ref=message.from_user.id)
