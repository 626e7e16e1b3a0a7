"""The reference: a bare aiogram 3 echo bot, as the aiogram README writes one.

`python -m bench.echo API_URL TOKEN`. Long polling with aiogram's defaults; a message is answered
with its text and one button, a button press is answered and its message edited: the same
Telegram calls per update as the product's survey press and complaint relay, with no storage.
"""

from __future__ import annotations

import asyncio
import sys

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

dp = Dispatcher()
MARKUP = InlineKeyboardMarkup(
    inline_keyboard=[[InlineKeyboardButton(text="9", callback_data="echo:9")]]
)


@dp.message()
async def echo(message: Message) -> None:
    await message.answer(message.text or "…", reply_markup=MARKUP)


@dp.callback_query()
async def pressed(query: CallbackQuery) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(f"pressed {query.data}")


async def main(api_url: str, token: str) -> None:
    session = AiohttpSession(api=TelegramAPIServer.from_base(api_url))
    bot = Bot(token, session=session)
    await dp.start_polling(bot, handle_signals=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
