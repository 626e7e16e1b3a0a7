"""What a customer's typed message is for, where two situations meet (the order in
handlers/customer/words.py): a survey waiting for a button, an open complaint, thanks."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import App, create_app
from bot.surveys.purchases import CustomerRef, NewPurchase, register_purchases
from storage.states import SurveyStatus, SurveyStep
from tests.support.helpers import STAFF_CHAT, make_settings
from tests.support.updates import feed, message, outbox_rows

CUSTOMER = 91
HINT = "Please answer with the buttons in the survey above."


@pytest.fixture
async def offline(tmp_path: Path) -> AsyncIterator[App]:
    app = await create_app(make_settings(tmp_path))
    yield app
    await app.stop()  # never started: closes the session, the database and its lock


async def survey_waiting_at(app: App, step: SurveyStep) -> None:
    """The customer's survey, sent and waiting at `step` (as the survey tick leaves it)."""
    async with app.db.transaction() as tx:
        new = NewPurchase("W-1", CustomerRef(telegram_id=CUSTOMER))
        await register_purchases(tx, app.surveys, [new])
        customer = await tx.customers.by_telegram_id(CUSTOMER)
        assert customer is not None
        [survey] = await tx.surveys.by_customer(customer.id, tuple(SurveyStatus))
        await tx.surveys.update(survey.id, status=SurveyStatus.SENT, step=step, nps=2, due_at=None)


async def texts_to(app: App, chat: int) -> list[str]:
    return [p["text"] for method, p in await outbox_rows(app, chat) if method == "SendMessage"]


async def test_a_survey_waiting_for_a_button_answers_words_with_a_hint(offline: App) -> None:
    await feed(offline, message(1, CUSTOMER, "/start"))
    await survey_waiting_at(offline, SurveyStep.CSAT)
    await feed(offline, message(2, CUSTOMER, "It was fine I guess"))
    assert (await texts_to(offline, CUSTOMER))[-1] == HINT
    async with offline.db.read() as tx:
        assert await tx.complaints.active_for(1) is None  # the words opened nothing


async def test_an_open_complaint_takes_words_and_thanks_before_the_surveys_hint(
    offline: App,
) -> None:
    await feed(offline, message(1, CUSTOMER, "The lid was cracked"))  # opens complaint #1
    await survey_waiting_at(offline, SurveyStep.CSAT)
    before = len(await texts_to(offline, CUSTOMER))
    await feed(offline, message(2, CUSTOMER, "Here is more"), message(3, CUSTOMER, "Thanks!"))
    assert len(await texts_to(offline, CUSTOMER)) == before  # no hint, no "you're welcome"
    relayed = (await texts_to(offline, STAFF_CHAT))[-2:]
    assert relayed == ["💬 #1 · Test\nHere is more", "💬 #1 · Test\nThanks!"]


async def test_the_follow_up_step_takes_the_words_as_its_comment_even_with_a_complaint(
    offline: App,
) -> None:
    await feed(offline, message(1, CUSTOMER, "The lid was cracked"))  # opens complaint #1
    staff_before = len(await outbox_rows(offline, STAFF_CHAT))
    await survey_waiting_at(offline, SurveyStep.FOLLOWUP)
    await feed(offline, message(2, CUSTOMER, "Slow delivery"))
    assert (await texts_to(offline, CUSTOMER))[-1].startswith("How satisfied are you")
    assert len(await outbox_rows(offline, STAFF_CHAT)) == staff_before  # not relayed
    async with offline.db.read() as tx:
        [survey] = await tx.surveys.by_customer(1, (SurveyStatus.SENT,))
    assert (survey.comment, survey.step) == ("Slow delivery", SurveyStep.CSAT)
