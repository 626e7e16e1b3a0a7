"""The references: bare aiogram 3 bots, as the aiogram README and simple support bots write them.

`python -m bench.echo API_URL TOKEN`: the echo bot. Long polling with aiogram's defaults; a
message is answered with its text and one button, a button press is answered and its message
edited: the same Telegram calls per update as the product's survey press, with no storage.

`python -m bench.echo API_URL TOKEN --relay-to CHAT_ID`: the relay bot. Every customer message
is copied into the staff group (copyMessage), the way simple support bots forward customers to
their operators: the product's complaint relay without the storage, the card or the pacing.
"""

from __future__ import annotations

import argparse
import asyncio

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

MARKUP = InlineKeyboardMarkup(
    inline_keyboard=[[InlineKeyboardButton(text="9", callback_data="echo:9")]]
)


async def echo(message: Message) -> None:
    await message.answer(message.text or "…", reply_markup=MARKUP)


async def pressed(query: CallbackQuery) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(f"pressed {query.data}")


async def relay(message: Message, group: int) -> None:
    await message.copy_to(group)


async def main(api_url: str, token: str, relay_to: int | None) -> None:
    dp = Dispatcher()
    if relay_to is None:
        dp.message.register(echo)
        dp.callback_query.register(pressed)
    else:
        dp.message.register(relay)
    session = AiohttpSession(api=TelegramAPIServer.from_base(api_url))
    bot = Bot(token, session=session)
    await dp.start_polling(bot, handle_signals=True, group=relay_to)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.echo")
    parser.add_argument("api_url")
    parser.add_argument("token")
    parser.add_argument("--relay-to", type=int, default=None)
    args = parser.parse_args()
    asyncio.run(main(args.api_url, args.token, args.relay_to))
