"""Callback data of complaint buttons: ids only (Telegram allows 64 bytes)."""

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class StaffAction(StrEnum):
    TAKE = "take"
    RESOLVE = "resolve"
    HISTORY = "history"  # the complaint's messages, posted into its thread
    CARD = "card"  # a storm summary's button: post this complaint's full card


class StaffPress(CallbackData, prefix="cs"):
    action: StaffAction  # an unknown action does not parse: the press is answered as stale
    complaint_id: int


class ResolutionPress(CallbackData, prefix="cr"):
    complaint_id: int
    answer: str  # yes, no
