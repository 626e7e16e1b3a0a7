"""Callback data of the pulse's buttons (Telegram allows 64 bytes)."""

from aiogram.filters.callback_data import CallbackData

SKIP = -1  # the score field of "skip the free-text question"


class PulsePress(CallbackData, prefix="sp"):
    round: int  # the round's start, Unix seconds
    score: int  # 0-10, or SKIP
