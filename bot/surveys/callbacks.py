"""Survey buttons carry ids only: `sv:<survey id>:<step>:<value>`, well under 64 bytes."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from pydantic import StringConstraints

from bot.ids import RowId

QuestionId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{1,16}$")]


class Question(StrEnum):
    """What a survey button answers."""

    NPS = "nps"  # a score, "later" or "never"
    ASPECT = "aspect"  # toggles one thing that went wrong
    FOLLOWUP = "followup"  # "next" or "skip"
    CSAT = "csat"
    EXPECTATION = "expectation"


class SurveyPress(CallbackData, prefix="sv"):
    survey_id: RowId
    # The id of the question the button answers (the built-in survey's `Question`s among
    # them, so buttons sent before questions were data still work), or `followup`.
    step: QuestionId
    value: str
