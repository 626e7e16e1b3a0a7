"""Inline mode (`@bot name` in any chat, once BotFather's /setinline is on): staff see the
saved replies whose names start with what they typed, and pick one; its message, sent into a
complaint's thread, is relayed like any staff reply (handlers/staff/complaints.py). Anyone not
on staff gets no results."""

from __future__ import annotations

from aiogram import Router
from aiogram.methods import AnswerInlineQuery
from aiogram.types import (
    InlineQuery,
    InlineQueryResultArticle,
    InlineQueryResultUnion,
    InputTextMessageContent,
)

from bot.complaints import saved
from bot.complaints.config import Complaints
from bot.complaints.staff import StaffDirectory
from bot.outbox.service import Outbox
from storage.db import Tx

CACHE_SECONDS = 10  # results are per person (is_personal): a stranger never sees staff's


def router() -> Router:
    r = Router(name=__name__)
    r.inline_query.register(offer_saved)
    return r


async def offer_saved(
    query: InlineQuery, tx: Tx, outbox: Outbox, complaints: Complaints, staff: StaffDirectory
) -> None:
    offered: list[InlineQueryResultUnion] = []
    if staff.refusal(query.from_user.id) is None:
        default = complaints.core.catalog.default
        for name, text, languages in await saved.offered(tx, query.query, default):
            offered.append(
                InlineQueryResultArticle(
                    id=name,
                    title=name,
                    description=f"{', '.join(languages)} · {text[:100]}",
                    input_message_content=InputTextMessageContent(message_text=text),
                )
            )
    answer = AnswerInlineQuery(
        inline_query_id=query.id, results=offered, cache_time=CACHE_SECONDS, is_personal=True
    )
    await outbox.send(tx, answer)
