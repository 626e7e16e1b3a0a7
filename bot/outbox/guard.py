"""The outbox is the only way to send: Telegram requests made while an update is processed fail.

A handler holds the database's write lock and runs inside a transaction that may still roll
back. A request made from there (`message.answer(...)`, `bot.send_message(...)`) would skip the
outbox's pacing, retries and crash safety, would be sent even if the transaction rolls back,
and would keep every other writer waiting on the network. The processor marks the time it
feeds an update; the bot's session refuses any request in that time with `DirectSendRefused`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.methods import GetMe, Response, TelegramMethod
from aiogram.methods.base import TelegramType

_processing: ContextVar[bool] = ContextVar("processing_an_update", default=False)

# aiogram's own filters ask who the bot is (commands addressed as /start@name); the answer is
# cached after the first call, made when the bot connects.
ALLOWED = (GetMe,)


class DirectSendRefused(RuntimeError):
    """A handler called Telegram itself; queue the method with `outbox.send(tx, method)`."""


@contextlib.contextmanager
def processing() -> Iterator[None]:
    """The span in which an update is fed to the dispatcher."""
    token = _processing.set(True)
    try:
        yield
    finally:
        _processing.reset(token)


class RefuseDirectSends(BaseRequestMiddleware):
    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        if _processing.get() and not isinstance(method, ALLOWED):
            raise DirectSendRefused(
                f"{type(method).__name__} called while processing an update: "
                "queue it with outbox.send(tx, method) instead"
            )
        return await make_request(bot, method)
