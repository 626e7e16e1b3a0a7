"""Callback data of the pulse's buttons (Telegram allows 64 bytes); out-of-range numbers do not
parse (see bot.ids)."""

from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

SKIP = -1  # the score field of "skip the free-text question"


class PulsePress(CallbackData, prefix="sp"):
    round: Annotated[int, Field(ge=0, le=2**37)]  # the round's start, Unix seconds
    score: Annotated[int, Field(ge=SKIP, le=10)]  # 0-10, or SKIP
