"""Survey buttons carry ids only: `sv:<survey id>:<step>:<value>`, well under 64 bytes."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class SurveyPress(CallbackData, prefix="sv"):
    survey_id: int
    step: str  # nps, aspect, followup, csat, expectation
    value: str
