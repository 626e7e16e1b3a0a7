"""Dispatcher level: a survey answered on its web page (`bot/surveys/web_answers.py`) is recorded
exactly as Telegram's presses record it (answers, legacy columns, the complaint an answer
opens), with the channel kept; one channel answers a survey, the other then says it is done;
a forged, stale or repeated form changes nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.app import App, create_app
from bot.surveys.purchases import CustomerRef, NewPurchase, register_purchases
from bot.surveys.web_answers import Outcome, WebAnswer, WebState, answer, view
from storage.models import Answer, Survey
from storage.states import Channel, SurveyStatus
from storage.timefmt import to_db
from tests.dispatch.test_survey_engine import alerts, answers, designed, invited, last, stored
from tests.support.helpers import make_settings
from tests.support.updates import feed, press


@pytest.fixture
async def offline(tmp_path: Path) -> AsyncIterator[App]:
    app = await create_app(make_settings(tmp_path))
    yield app
    await app.stop()


async def by_phone(app: App, order_id: str, phone: str = "+46701234567") -> Survey:
    """A purchase of a customer known only by phone: its survey waits for Telegram."""
    async with app.db.transaction() as tx:
        new = NewPurchase(order_id, CustomerRef(phone=phone, language="en"))
        [result] = await register_purchases(tx, app.surveys, [new])
        assert result.survey_id is not None
    survey = await stored(app, result.survey_id)
    assert survey.status == SurveyStatus.WAITING_LINK
    return survey


async def web(app: App, survey_id: int, question: str, *values: str, text: str = "") -> Outcome:
    async with app.db.transaction() as tx:
        survey = await tx.surveys.get(survey_id)
        assert survey is not None
        purchase = await tx.purchases.get(survey.purchase_id)
        customer = await tx.customers.get(survey.customer_id)
        assert purchase is not None and customer is not None
        t = app.surveys.core.translator(customer)
        form = WebAnswer(question, values, text)
        return await answer(tx, app.surveys, t, customer, purchase, survey, form)


async def state(app: App, survey_id: int) -> tuple[WebState, str | None]:
    """What the page shows: its state and the question it asks."""
    async with app.db.read() as tx:
        survey = await tx.surveys.get(survey_id)
        assert survey is not None
        purchase = await tx.purchases.get(survey.purchase_id)
        customer = await tx.customers.get(survey.customer_id)
        assert purchase is not None and customer is not None
        shown = await view(tx, app.surveys, survey, purchase, customer)
    return shown.state, shown.page.first.id if shown.page else None


async def test_a_designed_survey_answered_on_the_page_is_recorded_as_in_telegram(
    offline: App,
) -> None:
    version = await designed(offline)
    sid = (await by_phone(offline, "W-1")).id
    assert await state(offline, sid) == (WebState.ASK, "nps")
    assert await web(offline, sid, "nps", "3") == Outcome.SAVED  # a detractor: asked the CES
    started = await stored(offline, sid)
    assert (started.status, started.version, started.channel) == (
        SurveyStatus.SENT,
        version,
        Channel.WEB,
    )
    assert await state(offline, sid) == (WebState.ASK, "ces")
    assert await web(offline, sid, "ces", "2") == Outcome.SAVED
    assert await web(offline, sid, "where", "online") == Outcome.SAVED
    assert await web(offline, sid, "note", text="Кофе остыл") == Outcome.SAVED
    done = await stored(offline, sid)
    assert (done.status, done.step, done.nps, done.comment) == (
        SurveyStatus.ANSWERED,
        "done",
        3,
        "Кофе остыл",
    )
    assert await answers(offline, sid) == {
        "ces": Answer(number=2),
        "where": Answer(options=("online",)),
        "note": Answer(text="Кофе остыл"),
    }
    assert await state(offline, sid) == (WebState.DONE, None)
    async with offline.db.read() as tx:  # the CES of 2 opens a complaint, as the rule says
        assert await tx.complaints.for_survey(sid) is not None


async def test_the_built_in_surveys_aspects_and_comment_are_one_page(offline: App) -> None:
    sid = (await by_phone(offline, "W-2")).id
    assert await web(offline, sid, "nps", "2") == Outcome.SAVED
    assert await state(offline, sid) == (WebState.ASK, "aspect")
    assert await web(offline, sid, "aspect", "quality", "price", text=" Сломалось ") == (
        Outcome.SAVED
    )
    assert await web(offline, sid, "csat", "1") == Outcome.SAVED
    assert await web(offline, sid, "expectation", "worse") == Outcome.SAVED
    done = await stored(offline, sid)
    assert (done.status, done.csat, done.expectation, done.comment) == (
        SurveyStatus.ANSWERED,
        1,
        "worse",
        "Сломалось",
    )
    async with offline.db.read() as tx:
        assert sorted(await tx.surveys.aspects(sid)) == ["price", "quality"]
    assert (await answers(offline, sid))["aspect"] == Answer(options=("price", "quality"))


@pytest.mark.parametrize(
    ("question", "values", "text", "outcome"),
    [
        ("nps", ("11",), "", Outcome.EARLIER),  # the first page again: answered already
        ("csat", ("0",), "", Outcome.LATER),
        ("csat", ("3",), "", Outcome.LATER),  # a question not reached yet
        ("liked_most", (), "", Outcome.LATER),  # not asked of a detractor: never reached
        ("nope", ("1",), "", Outcome.INVALID),
        ("aspect", ("quality", "quality"), "", Outcome.INVALID),
        ("aspect", ("stolen",), "", Outcome.INVALID),
        ("aspect", (), "x" * 2001, Outcome.TOO_LONG),
    ],
)
async def test_a_forged_or_stale_form_changes_nothing(
    offline: App, question: str, values: tuple[str, ...], text: str, outcome: Outcome
) -> None:
    sid = (await by_phone(offline, "W-3")).id
    await web(offline, sid, "nps", "2")
    before = (await stored(offline, sid), await answers(offline, sid))
    result = await web(offline, sid, question, *values, text=text)
    assert result == outcome
    assert (await stored(offline, sid), await answers(offline, sid)) == before


async def test_an_out_of_range_first_answer_starts_nothing(offline: App) -> None:
    sid = (await by_phone(offline, "W-4")).id
    for value in ("11", "-1", "later", "never", ""):
        assert await web(offline, sid, "nps", value) == Outcome.INVALID
    survey = await stored(offline, sid)
    assert (survey.status, survey.channel, survey.nps) == (SurveyStatus.WAITING_LINK, None, None)


async def test_telegram_answered_first_so_the_page_says_it_is_done(offline: App) -> None:
    sid = (await invited(offline, 81)).id
    await feed(offline, press(1, 81, f"sv:{sid}:nps:9"))
    assert await state(offline, sid) == (WebState.DONE_TELEGRAM, None)
    assert await web(offline, sid, "liked_most", text="hi") == Outcome.NOT_OPEN
    assert "liked_most" not in await answers(offline, sid)


async def test_the_page_answered_first_so_telegram_says_it_is_done(offline: App) -> None:
    sid = (await invited(offline, 82)).id
    async with offline.db.transaction() as tx:  # as Telegram's answer to the invitation says
        await tx.surveys.update(sid, message_id=500)
    assert await web(offline, sid, "nps", "10") == Outcome.SAVED
    invitation = await last(offline, 82, "EditMessageText")  # its buttons are done with
    assert "on its web page" in invitation["text"] and "reply_markup" not in invitation
    await feed(offline, press(1, 82, f"sv:{sid}:liked_most:skip"))
    assert await alerts(offline) == [
        "You have already answered this survey on its web page. Thank you!"
    ]
    survey = await stored(offline, sid)
    assert (survey.step, survey.channel) == ("liked_most", Channel.WEB)
    assert survey.reminded_at is not None  # no Telegram reminder for a survey on its page


async def test_an_invitation_from_the_shops_account_is_closed_through_the_account(
    offline: App,
) -> None:
    """Sent from the shop's Telegram account, the invitation lives in the customer's chat
    with that account: the edit saying the page answered it goes through the same account."""
    sid = (await invited(offline, 83)).id
    async with offline.db.transaction() as tx:
        await tx.surveys.update(sid, message_id=501, business_connection_id="bc-1")
    assert await web(offline, sid, "nps", "10") == Outcome.SAVED
    invitation = await last(offline, 83, "EditMessageText")
    assert invitation.get("business_connection_id") == "bc-1"


async def test_an_expired_or_opted_out_survey_takes_no_answer(offline: App) -> None:
    old = await by_phone(offline, "W-5")
    async with offline.db.transaction() as tx:
        purchase = await tx.purchases.get(old.purchase_id)
        assert purchase is not None
        await tx.conn.execute(
            "UPDATE purchases SET purchased_at = ? WHERE id = ?",
            (to_db(purchase.purchased_at - timedelta(days=4)), purchase.id),
        )
    assert await state(offline, old.id) == (WebState.CLOSED, None)
    assert await web(offline, old.id, "nps", "5") == Outcome.NOT_OPEN

    sid = (await invited(offline, 83)).id
    await feed(offline, press(1, 83, f"sv:{sid}:nps:never"))  # "Don't ask me again"
    assert await state(offline, sid) == (WebState.NONE, None)
    assert await web(offline, sid, "nps", "5") == Outcome.NOT_OPEN
