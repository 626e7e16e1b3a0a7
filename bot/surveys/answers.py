"""A customer's button press or typed comment, checked against the survey's state, then applied.

Every press is validated: the survey exists, belongs to the presser, is still open, and is at
the step the button answers. Anything else gets a friendly alert and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiogram.methods import EditMessageReplyMarkup

from bot.i18n import Translator
from bot.outbox.service import Priority
from bot.surveys.callbacks import Question
from bot.surveys.config import COMMENT_LIMIT, Surveys
from bot.surveys.consent import opt_out
from bot.surveys.design_default import FOLLOW_UP_TEXT
from bot.surveys.referrals import invite
from bot.surveys.rules import Category, category
from bot.surveys.screens import (
    EXPECTATIONS,
    Screen,
    csat_screen,
    expectation_screen,
    followup_screen,
    thanks_screen,
)
from bot.surveys.steps import send_screen
from storage.db import Tx
from storage.models import Customer, Survey
from storage.states import SurveyStatus, SurveyStep

# Which buttons each step accepts.
ACCEPTS = {
    SurveyStep.NPS: {Question.NPS},
    SurveyStep.FOLLOWUP: {Question.ASPECT, Question.FOLLOWUP},
    SurveyStep.CSAT: {Question.CSAT},
    SurveyStep.EXPECTATION: {Question.EXPECTATION},
}


@dataclass(frozen=True)
class PressResult:
    alert: str | None = None  # shown to the presser; None: a silent acknowledgement
    edit: Screen | None = None  # new content of the pressed message


async def press(
    tx: Tx,
    surveys: Surveys,
    t: Translator,
    presser: Customer,
    survey_id: int,
    step: Question,
    value: str,
) -> PressResult:
    survey = await tx.surveys.get(survey_id)
    if survey is None or survey.customer_id != presser.id:
        return PressResult(alert=t("button.stale"))  # forged, or someone else's
    if survey.status == SurveyStatus.ANSWERED:
        return PressResult(alert=t("survey.alert.done"))
    if survey.status != SurveyStatus.SENT:  # not yet sent, or no longer open
        return PressResult(alert=t("survey.alert.closed"))
    if survey.step is None or step not in ACCEPTS.get(survey.step, set()):
        return PressResult(alert=t("survey.alert.done"))  # an earlier question, pressed again
    apply = _STEPS[step]
    result = await apply(tx, surveys, t, presser, survey, value)
    await surveys.changed(tx, survey.id)
    return result


async def _nps(
    tx: Tx, surveys: Surveys, t: Translator, presser: Customer, survey: Survey, value: str
) -> PressResult:
    if value == "later":
        await tx.surveys.update(
            survey.id, status=SurveyStatus.DISMISSED, reason="later", due_at=None
        )
        return PressResult(edit=Screen(t("survey.dismissed_later")))
    if value == "never":
        await opt_out(tx, presser)
        return PressResult(edit=Screen(t("survey.dismissed_never")))
    score = _int_in(value, 0, 10)
    if score is None:
        return PressResult(alert=t("button.stale"))
    await tx.surveys.update(survey.id, nps=score, step=SurveyStep.FOLLOWUP)
    return PressResult(edit=followup_screen(t, survey.id, score, surveys.config.aspects, []))


async def _aspect(
    tx: Tx, surveys: Surveys, t: Translator, presser: Customer, survey: Survey, value: str
) -> PressResult:
    if (
        value not in surveys.config.aspects
        or survey.nps is None
        or category(survey.nps) != Category.DETRACTOR
    ):
        return PressResult(alert=t("button.stale"))
    await tx.surveys.toggle_aspect(survey.id, value)
    await tx.surveys.toggle_option(survey.id, Question.ASPECT, value)
    chosen = await tx.surveys.aspects(survey.id)
    return PressResult(
        edit=followup_screen(t, survey.id, survey.nps, surveys.config.aspects, chosen)
    )


async def _followup(
    tx: Tx, surveys: Surveys, t: Translator, presser: Customer, survey: Survey, value: str
) -> PressResult:
    if value not in ("next", "skip"):
        return PressResult(alert=t("button.stale"))
    await tx.surveys.update(survey.id, step=SurveyStep.CSAT)
    return PressResult(edit=csat_screen(t, survey.id))


async def _csat(
    tx: Tx, surveys: Surveys, t: Translator, presser: Customer, survey: Survey, value: str
) -> PressResult:
    score = _int_in(value, 1, 5)
    if score is None:
        return PressResult(alert=t("button.stale"))
    await tx.surveys.update(survey.id, csat=score, step=SurveyStep.EXPECTATION)
    await tx.surveys.answer(survey.id, Question.CSAT, number=score)
    return PressResult(edit=expectation_screen(t, survey.id))


async def _expectation(
    tx: Tx, surveys: Surveys, t: Translator, presser: Customer, survey: Survey, value: str
) -> PressResult:
    if value not in EXPECTATIONS:
        return PressResult(alert=t("button.stale"))
    await tx.surveys.update(
        survey.id,
        expectation=value,
        step=SurveyStep.DONE,
        status=SurveyStatus.ANSWERED,
        answered_at=surveys.core.now(),
        due_at=None,
    )
    await tx.surveys.answer(survey.id, Question.EXPECTATION, options=(value,))
    promoter = survey.nps is not None and category(survey.nps) == Category.PROMOTER
    personal = promoter and await invite(tx, surveys, t, presser, survey)
    return PressResult(
        edit=thanks_screen(
            t,
            survey.nps,
            surveys.config.review_url,
            surveys.config.referral_url,
            personal=personal,
        )
    )


_STEPS = {
    Question.NPS: _nps,
    Question.ASPECT: _aspect,
    Question.FOLLOWUP: _followup,
    Question.CSAT: _csat,
    Question.EXPECTATION: _expectation,
}


def _int_in(value: str, low: int, high: int) -> int | None:
    if not value.isdigit():
        return None
    number = int(value)
    return number if low <= number <= high else None


async def open_survey(tx: Tx, customer: Customer) -> Survey | None:
    """The survey a customer's typed words may be for: their latest one still open."""
    if customer.telegram_id is None:
        return None
    open_surveys = await tx.surveys.by_customer(customer.id, (SurveyStatus.SENT,))
    return open_surveys[-1] if open_surveys else None


def wants_comment(survey: Survey) -> bool:
    """At the follow-up step typed words are the comment; at the others, buttons answer."""
    return survey.step == SurveyStep.FOLLOWUP


async def comment(
    tx: Tx, surveys: Surveys, t: Translator, customer: Customer, survey: Survey, text: str
) -> str | None:
    """The comment typed at the follow-up step: stored and the survey moves on (the next
    question comes as a new message, below the comment). The reply to give, if any."""
    if len(text) > COMMENT_LIMIT:
        return t("survey.comment_too_long", length=len(text), limit=COMMENT_LIMIT)
    assert customer.telegram_id is not None  # open_survey found one for them
    await tx.surveys.update(survey.id, comment=text, step=SurveyStep.CSAT)
    if survey.nps is not None:  # typed at the follow-up step, which the NPS answer opens
        await tx.surveys.answer(survey.id, FOLLOW_UP_TEXT[category(survey.nps)], text=text)
    await surveys.changed(tx, survey.id)
    if survey.chat_id and survey.message_id:  # the old question's buttons are done with
        await surveys.core.outbox.send(
            tx, EditMessageReplyMarkup(chat_id=survey.chat_id, message_id=survey.message_id)
        )
    screen = csat_screen(t, survey.id)
    await send_screen(tx, surveys, customer.telegram_id, survey.id, screen, Priority.INTERACTIVE)
    return None
