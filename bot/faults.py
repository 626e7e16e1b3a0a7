"""How a failed task says so in the log: one line naming what failed and why, since a fault of
the world (Telegram or the network unreachable, a locked or full database) repeats every few
seconds while it lasts and a traceback a time buries everything else. A traceback is logged
for what looks like a bug (the first time it happens in a row), and for everything at DEBUG."""

from __future__ import annotations

import logging

import aiohttp
from aiogram.exceptions import ClientDecodeError, TelegramAPIError

_WORLD = (OSError, TimeoutError, aiohttp.ClientError, TelegramAPIError, ClientDecodeError)
_DRIVERS = ("sqlite3", "aiosqlite", "asyncpg")
_LONGEST = 300


def from_the_world(exc: BaseException) -> bool:
    """A fault outside the code: the network, Telegram, the database server or its file."""
    return isinstance(exc, _WORLD) or type(exc).__module__.split(".")[0] in _DRIVERS


def one_line(exc: BaseException) -> str:
    """`TelegramNetworkError: HTTP Client says - Connect call failed …`, on one line."""
    text = " ".join(str(exc).split())
    line = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return line if len(line) <= _LONGEST else line[: _LONGEST - 1] + "…"


def log_failure(
    logger: logging.Logger, exc: BaseException, previous: str | None, what: str, *args: object
) -> None:
    """`what % args` and the failure on one line; `previous`: the type name of the failure
    before this one in a row (None after a success), so a bug's traceback is logged once."""
    bug = not from_the_world(exc) and type(exc).__name__ != previous
    trace = bug or logger.isEnabledFor(logging.DEBUG)
    logger.error(f"{what}: %s", *args, one_line(exc), exc_info=exc if trace else None)
