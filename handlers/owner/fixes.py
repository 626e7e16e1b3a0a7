"""/actions: the fixes the business owes, each with a "done" button (owners only)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.complaints.callbacks import FixDonePress
from bot.complaints.config import Complaints
from bot.complaints.fixes import fix_list, mark_done
from bot.i18n import Translator
from bot.incoming import Actor
from bot.outbox.service import Outbox
from storage.db import Tx


def router() -> Router:
    r = Router(name=__name__)
    r.message.register(actions, Command("actions"))
    r.callback_query.register(on_done, FixDonePress.filter())
    return r


async def actions(
    message: Message, tx: Tx, outbox: Outbox, t: Translator, complaints: Complaints
) -> None:
    text, markup = await fix_list(tx, complaints, t)
    await outbox.answer(tx, message, text, parse_mode="HTML", reply_markup=markup)


async def on_done(
    query: CallbackQuery,
    callback_data: FixDonePress,
    tx: Tx,
    outbox: Outbox,
    t: Translator,
    complaints: Complaints,
) -> None:
    who = Actor.from_aiogram(query.from_user)
    alert = await mark_done(tx, complaints, t, who, callback_data.complaint_id)
    await outbox.answer_press(tx, query, alert)
    if query.message is not None:
        text, markup = await fix_list(tx, complaints, t)
        await outbox.edit_pressed(tx, query, text, parse_mode="HTML", reply_markup=markup)


async def refuse_press(query: CallbackQuery, tx: Tx, outbox: Outbox, t: Translator) -> None:
    """A "done" button pressed by someone who is not an owner: told so, nothing changes."""
    await outbox.answer_press(tx, query, t("fixes.refused"), show_alert=True)
