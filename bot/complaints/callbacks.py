"""Callback data of complaint buttons: ids only (Telegram allows 64 bytes)."""

from aiogram.filters.callback_data import CallbackData


class StaffPress(CallbackData, prefix="cs"):
    action: str  # take, resolve, history, card
    complaint_id: int


class ResolutionPress(CallbackData, prefix="cr"):
    complaint_id: int
    answer: str  # yes, no
