"""A customer's button press or typed words, checked against the survey's state, then applied.

Every press is validated: the survey exists, belongs to the presser, is still open, and waits
on the page the button belongs to, in the version the survey was started with (`pinning`).
Anything else gets a friendly alert and changes nothing. The questions are asked by the
survey engine (`engine`): in order, each when its condition holds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from aiogram.methods import EditMessageReplyMarkup

from bot.i18n import Translator
from bot.outbox.service import Priority
from bot.surveys.config import COMMENT_LIMIT, Surveys
from bot.surveys.consent import opt_out
from bot.surveys.design import Question
from bot.surveys.design_default import DEFAULT_VERSION, FOLLOW_UP_TEXT
from bot.surveys.engine import LEGACY_FOLLOWUP, Page, current_page, next_page, render
from bot.surveys.pinning import pinned_questions
from bot.surveys.referrals import invite
from bot.surveys.rules import CSAT_SCALE, EXPECTATIONS, Category, category
from bot.surveys.screens import Screen, thanks_screen
from bot.surveys.steps import send_screen
from bot.when import Closing
from storage.db import Tx
from storage.models import Answer, Customer, Survey
from storage.states import Channel, SurveyStatus, SurveyStep

CONTROLS = {"next", "skip"}  # what a follow-up page's legacy `followup` buttons carry
LEGACY_ASPECT = "aspect"  # the built-in survey's multiple choice, kept in survey_aspects too
Columns = dict[str, object]  # a survey row's columns to write, by name (SurveyRepo.update)


@dataclass(frozen=True)
class PressResult:
    alert: str | None = None  # shown to the presser; None: a silent acknowledgement
    edit: Screen | None = None  # new content of the pressed message
    finished: bool = False  # the answer finished the survey: the thanks come once it settled


@dataclass(frozen=True)
class Asking:
    """A sent survey with its questions, answers so far and the page it waits on."""

    survey: Survey
    questions: Sequence[Question]
    answers: Mapping[str, Answer]
    page: Page | None


async def asking(tx: Tx, surveys: Surveys, survey: Survey) -> Asking:
    questions = await pinned_questions(tx, surveys.design, survey)
    answers = await tx.surveys.answers(survey.id)
    page = current_page(questions, survey.step, survey.nps, answers)
    return Asking(survey, questions, answers, page)


async def press(
    tx: Tx,
    surveys: Surveys,
    t: Translator,
    presser: Customer,
    survey_id: int,
    step: str,
    value: str,
    channel: Channel = Channel.TELEGRAM,
) -> PressResult:
    """`channel`: where the press comes from; a survey is answered where its first answer
    was given (the other channel is told it is done)."""
    survey = await tx.surveys.get(survey_id)
    if survey is None or survey.customer_id != presser.id:
        return PressResult(alert=t("button.stale"))  # forged, or someone else's
    if survey.channel == Channel.WEB and channel != Channel.WEB:
        return PressResult(alert=t("survey.alert.done_web"))  # its web page answered first
    if survey.channel not in (None, channel):
        return PressResult(alert=t("survey.alert.done"))
    if survey.status == SurveyStatus.ANSWERED:
        return PressResult(alert=t("survey.alert.done"))
    if survey.status != SurveyStatus.SENT:  # not yet sent, or no longer open
        return PressResult(alert=t("survey.alert.closed"))
    now = await asking(tx, surveys, survey)
    question = _pressed(now, step, value)
    if question is None:
        if any(q.id == step for q in now.questions) or step == LEGACY_FOLLOWUP:
            return PressResult(alert=t("survey.alert.done"))  # an earlier question again
        return PressResult(alert=t("button.stale"))  # not a question of this survey's version
    # The first answer: this channel answers the survey (written with the answer's own row
    # update, one statement a press).
    claim: Columns = {"channel": channel} if survey.channel is None else {}
    closings = await _closings(tx, surveys, survey, channel)
    result = await _apply(tx, surveys, t, presser, now, question, value, claim)
    await surveys.changed(tx, survey.id)
    return await _settled(tx, surveys, t, presser, survey.id, result, closings)


def _pressed(now: Asking, step: str, value: str) -> Question | None:
    """The question of the waiting page the button answers, if it is one of that page's."""
    if now.page is None:
        return None
    if step == LEGACY_FOLLOWUP:  # Next or Skip sent before 0030, on the follow-up page
        follow_up = now.survey.version == DEFAULT_VERSION and now.page.first.id != "nps"
        return now.page.first if follow_up and value in CONTROLS else None
    return next((q for q in now.page.questions if q.id == step), None)


async def _apply(
    tx: Tx,
    surveys: Surveys,
    t: Translator,
    presser: Customer,
    now: Asking,
    question: Question,
    value: str,
    claim: Columns,
) -> PressResult:
    """`claim`: columns the survey gets with this answer (the channel of its first one)."""
    survey = now.survey
    if question.type == "nps":
        return await _nps(tx, surveys, t, presser, now, value, claim)
    if question.type == "scale":
        assert question.min is not None and question.max is not None
        score = _int_in(value, question.min, question.max)
        if score is None:
            return PressResult(alert=t("button.stale"))
        await _record(tx, survey, now.questions, question, Answer(number=score))
        return await _advance(tx, surveys, t, presser, now, claim)
    if question.type == "choice":
        options = [o.id for o in question.options or []]
        if question.multiple and value == "next":
            return await _advance(tx, surveys, t, presser, now, claim)
        if value not in options:
            return PressResult(alert=t("button.stale"))
        if question.multiple:
            if claim:
                await tx.surveys.update(survey.id, **claim)
            await tx.surveys.toggle_option(survey.id, question.id, value)
            # The copy the card, /mydata and the digest read, for the aspects they can name.
            if question.id == LEGACY_ASPECT and value in surveys.config.aspects:
                await tx.surveys.toggle_aspect(survey.id, value)
            chosen = (await tx.surveys.answers(survey.id)).get(question.id)
            assert now.page is not None
            return PressResult(edit=render(t, survey.id, now.page, chosen))
        await _record(tx, survey, now.questions, question, Answer(options=(value,)))
        return await _advance(tx, surveys, t, presser, now, claim)
    if value not in CONTROLS:  # a text question's Skip (typed words come as a message)
        return PressResult(alert=t("button.stale"))
    return await _advance(tx, surveys, t, presser, now, claim)


async def _nps(
    tx: Tx,
    surveys: Surveys,
    t: Translator,
    presser: Customer,
    now: Asking,
    value: str,
    claim: Columns,
) -> PressResult:
    survey = now.survey
    if value == "later":
        await tx.surveys.update(
            survey.id, status=SurveyStatus.DISMISSED, reason="later", due_at=None, **claim
        )
        return PressResult(edit=Screen(t("survey.dismissed_later")))
    if value == "never":
        if claim:
            await tx.surveys.update(survey.id, **claim)
        await opt_out(tx, presser)
        return PressResult(edit=Screen(t("survey.dismissed_never")))
    score = _int_in(value, 0, 10)
    if score is None:
        return PressResult(alert=t("button.stale"))
    scored = replace(now, survey=replace(survey, nps=score))
    # The score is not among the answers rows: those read with the survey still hold.
    return await _advance(tx, surveys, t, presser, scored, {**claim, "nps": score}, now.answers)


async def _advance(
    tx: Tx,
    surveys: Surveys,
    t: Translator,
    presser: Customer,
    now: Asking,
    claim: Columns,
    answers: Mapping[str, Answer] | None = None,
) -> PressResult:
    """On to the next page whose condition holds, or the thanks when none is left; the
    survey's row gets `claim` with its step, in one statement. `answers`: the answers as
    they stand, when the caller knows them unchanged; else read again."""
    survey = now.survey
    if answers is None:
        answers = await tx.surveys.answers(survey.id)
    page = next_page(now.questions, now.page, survey.nps, answers)
    if page is not None:
        await tx.surveys.update(survey.id, step=page.first.id, **claim)
        return PressResult(edit=render(t, survey.id, page, answers.get(page.first.id)))
    await tx.surveys.update(
        survey.id,
        step=SurveyStep.DONE,
        status=SurveyStatus.ANSWERED,
        answered_at=surveys.core.now(),
        due_at=None,
        **claim,
    )
    return PressResult(finished=True)


async def _closings(tx: Tx, surveys: Surveys, survey: Survey, channel: Channel) -> list[Closing]:
    """Before an answer in the customer's chat: what the features will add to the thanks if
    it finishes the survey (a web page says its own thanks)."""
    if channel == Channel.WEB:
        return []
    return [await before(tx, survey.id) for before in surveys.core.when.survey_closing]


async def _settled(
    tx: Tx,
    surveys: Surveys,
    t: Translator,
    presser: Customer,
    survey_id: int,
    result: PressResult,
    closings: Sequence[Closing],
) -> PressResult:
    """The thanks of a survey the answer finished, once the features acted on it: one closing
    message, saying what they add (the complaint it opened) in place of a message of theirs."""
    if not result.finished:
        return result
    survey = await tx.surveys.get(survey_id)
    if survey is None:
        return result
    words = None
    for closing in closings:
        words = words or await closing(tx, t)
    promoter = survey.nps is not None and category(survey.nps) == Category.PROMOTER
    # An invitation to recommend us beside a complaint reads as not listening.
    personal = promoter and words is None and await invite(tx, surveys, t, presser, survey)
    thanks = thanks_screen(
        t,
        survey.nps,
        surveys.config.review_url,
        None if words else surveys.config.referral_url,
        personal=personal,
        closing=words,
    )
    return replace(result, edit=thanks)


# The surveys' own columns keep the answers staff and owners read elsewhere (the complaint
# card, /mydata, /find, the themes, events and the exports), whatever version asked them: the
# CSAT and expectation where a question has the built-in id and fits its column, and as the
# survey's comment the built-in follow-up's text, or every text a designed survey got (one a
# line, in its order), so /find and the themes read each of them.
_LEGACY_CSAT = range(CSAT_SCALE[0], CSAT_SCALE[1] + 1)


async def _record(
    tx: Tx, survey: Survey, questions: Sequence[Question], question: Question, answer: Answer
) -> None:
    await tx.surveys.answer(
        survey.id, question.id, number=answer.number, text=answer.text, options=answer.options
    )
    if question.id == "csat" and answer.number in _LEGACY_CSAT:
        await tx.surveys.update(survey.id, csat=answer.number)
    elif question.id == "expectation" and answer.options and answer.options[0] in EXPECTATIONS:
        await tx.surveys.update(survey.id, expectation=answer.options[0])
    elif answer.text is not None and survey.version == DEFAULT_VERSION:
        if question.id in _LEGACY_TEXTS:
            await tx.surveys.update(survey.id, comment=answer.text)  # finds its complaint too
    elif answer.text is not None:
        answers = await tx.surveys.answers(survey.id)
        written = [answers[q.id].text for q in questions if q.id in answers]
        comment = "\n".join(text for text in written if text)
        await tx.surveys.update(survey.id, comment=comment)  # finds its complaint too


_LEGACY_TEXTS = set(FOLLOW_UP_TEXT.values())


def _int_in(value: str, low: int, high: int) -> int | None:
    if not value.isdigit():
        return None
    number = int(value)
    return number if low <= number <= high else None


async def open_survey(tx: Tx, customer: Customer) -> Survey | None:
    """The survey a customer's typed words may be for: their latest one still open."""
    if customer.telegram_id is None:
        return None
    open_surveys = [
        survey
        for survey in await tx.surveys.by_customer(customer.id, (SurveyStatus.SENT,))
        if survey.channel != Channel.WEB  # answered on its web page: words here are not for it
    ]
    return open_surveys[-1] if open_surveys else None


async def wants_comment(tx: Tx, surveys: Surveys, survey: Survey) -> bool:
    """On a page with a text question typed words answer it; on the others, buttons do."""
    now = await asking(tx, surveys, survey)
    return now.page is not None and now.page.typed is not None


async def typed(
    tx: Tx, surveys: Surveys, t: Translator, customer: Customer, survey: Survey, text: str
) -> PressResult:
    """Words answering the text question of the page the survey waits on (typed in Telegram
    or on the web page): stored, and the survey moves on."""
    now = await asking(tx, surveys, survey)
    assert now.page is not None and now.page.typed is not None  # the caller checked
    closings = await _closings(tx, surveys, survey, survey.channel or Channel.TELEGRAM)
    await _record(tx, survey, now.questions, now.page.typed, Answer(text=text))
    result = await _advance(tx, surveys, t, customer, now, {})
    await surveys.changed(tx, survey.id)
    return await _settled(tx, surveys, t, customer, survey.id, result, closings)


async def comment(
    tx: Tx, surveys: Surveys, t: Translator, customer: Customer, survey: Survey, text: str
) -> str | None:
    """Words typed on a page with a text question: stored and the survey moves on (the next
    question comes as a new message, below the words). The reply to give, if any."""
    if len(text) > COMMENT_LIMIT:
        return t("survey.comment_too_long", length=len(text), limit=COMMENT_LIMIT)
    assert customer.telegram_id is not None  # open_survey found one for them
    result = await typed(tx, surveys, t, customer, survey, text)
    through = survey.business_connection_id  # the words came where the survey is
    if survey.chat_id and survey.message_id:  # the old question's buttons are done with
        done = EditMessageReplyMarkup(
            chat_id=survey.chat_id, message_id=survey.message_id, business_connection_id=through
        )
        await surveys.core.outbox.send(tx, done)
    if result.edit is not None:
        await send_screen(
            tx,
            surveys,
            customer.telegram_id,
            survey.id,
            result.edit,
            Priority.INTERACTIVE,
            through=through,
        )
    return None
