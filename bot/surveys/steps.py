"""Which screen a survey shows, and in whose language."""

from __future__ import annotations

from bot.i18n import Translator
from bot.surveys.config import SurveyConfig
from bot.surveys.screens import (
    Screen,
    csat_screen,
    expectation_screen,
    followup_screen,
    nps_screen,
)
from storage.db import Tx
from storage.models import Customer, Survey


def translator(cfg: SurveyConfig, customer: Customer) -> Translator:
    return cfg.catalog.bind(customer.language or cfg.catalog.pick(customer.tg_language))


async def current_screen(
    tx: Tx, cfg: SurveyConfig, t: Translator, survey: Survey, reminder: bool = False
) -> Screen:
    """The question the survey is waiting for."""
    if survey.step == "followup" and survey.nps is not None:
        chosen = await tx.surveys.aspects(survey.id)
        screen = followup_screen(t, survey.id, survey.nps, cfg.aspects, chosen)
    elif survey.step == "csat":
        screen = csat_screen(t, survey.id)
    elif survey.step == "expectation":
        screen = expectation_screen(t, survey.id)
    else:
        return nps_screen(t, survey.id, reminder=reminder)
    if reminder:
        return Screen(f"{t('survey.reminder')}\n\n{screen.text}", screen.markup)
    return screen
