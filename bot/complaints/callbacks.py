"""Callback data of complaint buttons: ids only (Telegram allows 64 bytes)."""

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.ids import RowId


class StaffAction(StrEnum):
    TAKE = "take"
    RESOLVE = "resolve"
    HISTORY = "history"  # the complaint's messages, posted into its thread
    CARD = "card"  # a storm summary's button: post this complaint's full card
    ASSIGN = "assign"  # the card's buttons become the staff to choose from
    BACK = "back"  # under that list: the card's own buttons again


class StaffPress(CallbackData, prefix="cs"):
    action: StaffAction  # an unknown action does not parse: the press is answered as stale
    complaint_id: RowId


class AssignPress(CallbackData, prefix="ca"):
    """A person in the card's "Assign" list: checked against the staff when pressed."""

    complaint_id: RowId
    user_id: RowId


class ResolutionPress(CallbackData, prefix="cr"):
    complaint_id: RowId
    answer: str  # yes, no


class CausePress(CallbackData, prefix="cc"):
    """A button under "what caused it?": a cause (an aspect or "other"), "skip", or "fix"
    (toggles "needs a fix in the business")."""

    complaint_id: RowId
    choice: str  # checked against the configured aspects when pressed


class FixDonePress(CallbackData, prefix="fd"):
    """An owner's "done" under /actions: the business fixed what the complaint showed."""

    complaint_id: RowId
