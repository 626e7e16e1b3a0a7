"""Inline mode (`@bot name` in any chat, once BotFather's /setinline is on): staff see the
saved replies whose names start with what they typed, and pick one; its message, sent into a
complaint's thread, is relayed like any staff reply (handlers/staff/complaints.py). Anyone not
on staff gets no results (handlers/staff/refusal.py)."""

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
from bot.outbox.service import Outbox
from handlers.filters import IsStaff
from storage.db import Tx

CACHE_SECONDS = 10  # results are per person (is_personal): a stranger never sees staff's


def router() -> Router:
    r = Router(name=__name__)
    r.inline_query.register(offer_saved, IsStaff())
    return r


async def offer_saved(query: InlineQuery, tx: Tx, outbox: Outbox, complaints: Complaints) -> None:
    default = complaints.core.catalog.default
    offered: list[InlineQueryResultUnion] = [
        InlineQueryResultArticle(
            id=name,
            title=name,
            description=f"{', '.join(languages)} · {text[:100]}",
            input_message_content=InputTextMessageContent(message_text=text),
        )
        for name, text, languages in await saved.offered(tx, query.query, default)
    ]
    await offer(tx, outbox, query, offered)


async def offer(
    tx: Tx, outbox: Outbox, query: InlineQuery, offered: list[InlineQueryResultUnion]
) -> None:
    """The results, for this person only (also none, to a stranger)."""
    answer = AnswerInlineQuery(
        inline_query_id=query.id, results=offered, cache_time=CACHE_SECONDS, is_personal=True
    )
    await outbox.send(tx, answer)
