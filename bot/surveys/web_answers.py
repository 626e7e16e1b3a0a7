"""A survey answered on its web page (PUBLIC_URL/s/<token>): the same questions, in the same
order and conditions, recorded by the same presses as Telegram's buttons (`answers.press`,
`answers.typed`), so every rule holds alike: expiry, opt-out, the complaint an answer opens.

A survey is answered by one channel: whichever gives its first answer (`surveys.channel`).
A survey not yet sent (waiting for the customer's Telegram, or for its invitation time)
starts on the page: it is pinned to the definition current then, as an invitation pins it,
and no Telegram invitation or reminder follows. A form is checked against the page the
survey waits on before anything is written: an answer to an earlier page (a form sent twice,
a page kept open) changes nothing; a later page's, a question of no such survey or a value
outside its question is refused.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from aiogram.methods import EditMessageText

from bot.i18n import Translator
from bot.outbox.service import Priority
from bot.surveys.answers import PressResult, press, typed
from bot.surveys.config import COMMENT_LIMIT, Surveys
from bot.surveys.design import Question
from bot.surveys.engine import Page, current_page, next_page, pages
from bot.surveys.pinning import current_pin, pinned_questions
from storage.db import Tx
from storage.models import Answer, Customer, Purchase, Survey
from storage.states import Channel, SurveyStatus, SurveyStep

_NOT_STARTED = (SurveyStatus.WAITING_LINK, SurveyStatus.SCHEDULED)


class WebState(StrEnum):
    ASK = "ask"  # a page waits for an answer
    DONE = "done"  # answered
    DONE_TELEGRAM = "done_telegram"  # Telegram answers it (its first answer came from there)
    CLOSED = "closed"  # expired
    NONE = "none"  # no survey for this purchase: skipped, "not now", opted out


class Outcome(StrEnum):
    SAVED = "saved"
    EARLIER = "earlier"  # an answered page's form again: nothing changes
    LATER = "later"  # a page not yet reached
    INVALID = "invalid"  # no such question, or a value outside it
    TOO_LONG = "too_long"  # words over COMMENT_LIMIT
    NOT_OPEN = "not_open"  # the survey takes no answer (its state says why)


@dataclass(frozen=True)
class WebView:
    state: WebState
    survey: Survey
    questions: Sequence[Question] = ()
    page: Page | None = None
    answers: Mapping[str, Answer] = field(default_factory=dict)


@dataclass(frozen=True)
class WebAnswer:
    """A page's form: the id of its first question, the values chosen, the words written."""

    question: str
    values: tuple[str, ...] = ()
    text: str = ""


async def view(
    tx: Tx, surveys: Surveys, survey: Survey, purchase: Purchase, customer: Customer
) -> WebView:
    """What the page shows now; reads only."""
    state = _state(surveys, survey, purchase, customer)
    if state != WebState.ASK:
        return WebView(state, survey)
    if survey.status in _NOT_STARTED:  # what it would be asked if it started now
        version, variant = await current_pin(tx, surveys.design, survey.branch, customer.segment)
        survey = replace(survey, version=version, variant=variant)
    questions = await pinned_questions(tx, surveys.design, survey)
    answers = await tx.surveys.answers(survey.id)
    page = current_page(questions, survey.step, survey.nps, answers)
    if page is None:
        page = next_page(questions, None, survey.nps, answers)
    return WebView(state, survey, questions, page, answers)


def _state(surveys: Surveys, survey: Survey, purchase: Purchase, customer: Customer) -> WebState:
    now = surveys.core.now()
    if survey.status == SurveyStatus.ANSWERED:
        return WebState.DONE_TELEGRAM if survey.channel == Channel.TELEGRAM else WebState.DONE
    if survey.status == SurveyStatus.EXPIRED:
        return WebState.CLOSED
    if survey.channel == Channel.TELEGRAM and survey.status == SurveyStatus.SENT:
        return WebState.DONE_TELEGRAM  # being answered there
    if survey.status in _NOT_STARTED:
        if customer.opted_out_at is not None:
            return WebState.NONE
        if now - purchase.purchased_at > surveys.config.rules.expiry:
            return WebState.CLOSED  # as a survey sent then would have
        return WebState.ASK
    if survey.status == SurveyStatus.SENT:
        expired = survey.expires_at is not None and survey.expires_at <= now
        return WebState.CLOSED if expired else WebState.ASK
    return WebState.NONE


async def answer(
    tx: Tx,
    surveys: Surveys,
    t: Translator,
    customer: Customer,
    purchase: Purchase,
    survey: Survey,
    form: WebAnswer,
) -> Outcome:
    """Check `form` against the page the survey waits on, then record it as presses."""
    now = await view(tx, surveys, survey, purchase, customer)
    if now.state != WebState.ASK or now.page is None:
        return Outcome.NOT_OPEN
    every = pages(now.questions)
    posted = next((n for n, p in enumerate(every) if p.first.id == form.question), None)
    if posted is None:
        return Outcome.INVALID
    waiting = every.index(now.page)
    if posted != waiting:
        return Outcome.EARLIER if posted < waiting else Outcome.LATER
    problem = _check(now.page, form)
    if problem is not None:
        return problem
    survey = await _claim(tx, surveys, t, now.survey, customer)
    done = await _record(tx, surveys, t, customer, survey, now, form)
    return Outcome.SAVED if done else Outcome.INVALID


def _check(page: Page, form: WebAnswer) -> Outcome | None:
    q = page.first
    if len(form.text) > COMMENT_LIMIT:
        return Outcome.TOO_LONG
    if q.type == "nps":
        ok = len(form.values) == 1 and _in(form.values[0], 0, 10)
    elif q.type == "scale":
        assert q.min is not None and q.max is not None
        ok = len(form.values) == 1 and _in(form.values[0], q.min, q.max)
    elif q.type == "choice":
        options = {o.id for o in q.options or []}
        enough = len(form.values) >= (0 if q.multiple else 1)
        at_most = len(options) if q.multiple else 1
        ok = enough and len(form.values) <= at_most and set(form.values) <= options
        ok = ok and len(set(form.values)) == len(form.values)
    else:
        ok = not form.values
    return None if ok else Outcome.INVALID


def _in(value: str, low: int, high: int) -> bool:
    return value.isdigit() and low <= int(value) <= high


async def _claim(
    tx: Tx, surveys: Surveys, t: Translator, survey: Survey, customer: Customer
) -> Survey:
    """The page answers the survey from now on: one not yet sent starts here, pinned to the
    current definition; no Telegram invitation or reminder follows, and one already sent
    loses its buttons and says where the survey is answered."""
    if survey.channel is not None:
        return survey
    now = surveys.core.now()
    fields: dict[str, object]
    if survey.status in _NOT_STARTED:
        version, variant = await current_pin(tx, surveys.design, survey.branch, customer.segment)
        expires = now + surveys.config.rules.expiry
        fields = {
            "status": SurveyStatus.SENT,
            "reason": None,
            "step": SurveyStep.NPS,
            "sent_at": now,
            "expires_at": expires,
            "segment": customer.segment,
            "version": version,
            "variant": variant,
        }
    else:
        expires = survey.expires_at or now + surveys.config.rules.expiry
        fields = {}
        if survey.chat_id and survey.message_id:
            done = t("survey.alert.done_web")
            edit = EditMessageText(
                chat_id=survey.chat_id,
                message_id=survey.message_id,
                text=done,
                business_connection_id=survey.business_connection_id,  # where it was sent
            )
            await surveys.core.outbox.send(tx, edit, priority=Priority.NORMAL)
    # The tick only expires it now: the reminder is Telegram's, never sent for the page.
    await tx.surveys.update(survey.id, **fields, reminded_at=now, due_at=expires)
    return await tx.surveys.get(survey.id) or survey


async def _record(
    tx: Tx,
    surveys: Surveys,
    t: Translator,
    customer: Customer,
    survey: Survey,
    now: WebView,
    form: WebAnswer,
) -> bool:
    assert now.page is not None
    q, web = now.page.first, Channel.WEB
    if q.type == "choice" and q.multiple:
        before = set(now.answers[q.id].options) if q.id in now.answers else set()
        for option in sorted(before ^ set(form.values)):  # Telegram's ticks, one by one
            if not _ok(await press(tx, surveys, t, customer, survey.id, q.id, option, web)):
                return False
        if now.page.typed is not None and form.text.strip():
            return _ok(await typed(tx, surveys, t, customer, survey, form.text.strip()))
        return _ok(await press(tx, surveys, t, customer, survey.id, q.id, "next", web))
    if q.type == "text":
        if form.text.strip():
            return _ok(await typed(tx, surveys, t, customer, survey, form.text.strip()))
        return _ok(await press(tx, surveys, t, customer, survey.id, q.id, "skip", web))
    return _ok(await press(tx, surveys, t, customer, survey.id, q.id, form.values[0], web))


def _ok(result: PressResult) -> bool:
    return result.alert is None
