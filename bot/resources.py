"""The Bot the app is built on (its other resource, the database: `bot/database.py`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiohttp import TCPConnector

from bot.outbox.guard import RefuseDirectSends
from bot.outbox.responses import HoldResponseModels
from bot.settings import TelegramSettings


@asynccontextmanager
async def telegram_bot(tg: TelegramSettings) -> AsyncIterator[Bot]:
    """A Bot whose requests made while an update is handled fail (only the outbox sends); its
    session closed on leaving."""
    api = TelegramAPIServer.from_base(tg.telegram_api_url)
    session = AiohttpSession(api=api) if api.base.startswith("https:") else _PlainSession(api=api)
    session.middleware(RefuseDirectSends())
    session.middleware(HoldResponseModels())
    try:
        yield Bot(tg.bot_token.get_secret_value(), session=session)
    finally:
        await session.close()


class _PlainSession(AiohttpSession):
    """A session to a Bot API server on plain http (a local telegram-bot-api): aiogram's close
    waits 250 ms for TLS connections to shut, and there are none; its `__init__` loads the CA
    bundle into a TLS context (~0.05 s of CPU per session, several an app) never used here."""

    def __init__(self, **kwargs: Any) -> None:
        BaseSession.__init__(self, **kwargs)  # what AiohttpSession's does, minus the TLS context
        self._session = None
        self._connector_type = TCPConnector
        self._connector_init = {"limit": 100, "ttl_dns_cache": 3600}
        self._should_reset_connector = True
        self._proxy = None

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
