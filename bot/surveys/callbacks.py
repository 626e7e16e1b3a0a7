"""Survey buttons carry ids only: `sv:<survey id>:<step>:<value>`, well under 64 bytes."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.ids import RowId


class Question(StrEnum):
    """What a survey button answers."""

    NPS = "nps"  # a score, "later" or "never"
    ASPECT = "aspect"  # toggles one thing that went wrong
    FOLLOWUP = "followup"  # "next" or "skip"
    CSAT = "csat"
    EXPECTATION = "expectation"


class SurveyPress(CallbackData, prefix="sv"):
    survey_id: RowId
    step: Question  # an unknown one does not parse: the press is answered as stale
    value: str
