"""Keep aiogram's parsed-answer models built: a request middleware that holds them.

aiogram reads every Bot API answer through `Response[T]`, a pydantic generic model that pydantic
builds on first use and caches in a WeakValueDictionary. Nothing else holds it, so the garbage
collector drops it and a later request builds it again (milliseconds of schema generation);
profiling the sender under load showed this as a sixth of the event loop's time.
"""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType


class HoldResponseModels(BaseRequestMiddleware):
    def __init__(self) -> None:
        self._held: dict[type[Any], type[Any]] = {}

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        kind = type(method)
        if kind not in self._held:
            self._held[kind] = Response[method.__returning__]  # type: ignore[name-defined]
        return await make_request(bot, method)
