"""What a customer writes is tagged with its themes in the update that writes it: the message
that opens a complaint, their later messages, a survey's comment."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import App, create_app
from bot.complaints import finding
from bot.surveys.purchases import CustomerRef, NewPurchase, register_purchases
from storage.states import SurveyStatus, SurveyStep
from tests.support.helpers import make_settings
from tests.support.updates import feed, message

CUSTOMER = 91


@pytest.fixture
async def offline(tmp_path: Path) -> AsyncIterator[App]:
    app = await create_app(make_settings(tmp_path))
    yield app
    await app.stop()  # never started: closes the session, the database and its lock


async def tags(app: App) -> list[tuple[str, str]]:
    async with app.db.read() as tx:
        rows = await tx.conn.fetch_all(
            "SELECT source, theme FROM text_themes ORDER BY source, text_id, theme"
        )
    return [(str(r[0]), str(r[1])) for r in rows]


async def test_a_customers_words_are_tagged_as_they_arrive(offline: App) -> None:
    await feed(offline, message(1, CUSTOMER, "The courier threw the parcel"))  # opens #1
    assert await tags(offline) == [("complaint", "delivery")]
    await feed(offline, message(2, CUSTOMER, "And the cashier was rude"))
    assert await tags(offline) == [("complaint", "delivery"), ("message", "staff")]


async def test_a_survey_comment_is_tagged_as_it_is_typed(offline: App) -> None:
    await feed(offline, message(1, CUSTOMER, "/start"))
    async with offline.db.transaction() as tx:
        new = NewPurchase("W-1", CustomerRef(telegram_id=CUSTOMER))
        await register_purchases(tx, offline.surveys, [new])
        customer = await tx.customers.by_telegram_id(CUSTOMER)
        assert customer is not None
        [survey] = await tx.surveys.by_customer(customer.id, tuple(SurveyStatus))
        await tx.surveys.update(
            survey.id, status=SurveyStatus.SENT, step=SurveyStep.FOLLOWUP, nps=9, due_at=None
        )
    await feed(offline, message(2, CUSTOMER, "Prices are too high"))
    assert await tags(offline) == [("comment", "price")]


async def test_find_filters_complaints_by_theme(offline: App) -> None:
    await feed(offline, message(1, CUSTOMER, "The courier threw the parcel"))  # #1, delivery
    await feed(offline, message(2, CUSTOMER + 1, "Too expensive"))  # #2, price
    await feed(offline, message(3, CUSTOMER + 1, "and the courier was late"))  # #2, delivery
    await feed(offline, message(4, CUSTOMER + 2, "Dirty floor"))  # #3, cleanliness
    async with offline.db.read() as tx:
        delivery = await finding.find(tx, offline.complaints, "theme:delivery")
        named = await finding.find(tx, offline.complaints, "тема:Доставка")
        narrowed = await finding.find(tx, offline.complaints, "theme:delivery parcel")
        unknown = await finding.find(tx, offline.complaints, "theme:parking")
    assert "#2" in delivery and "#1" in delivery and "#3" not in delivery
    assert named.splitlines()[1:] == delivery.splitlines()[1:]
    assert "#1" in narrowed and "#2" not in narrowed
    assert unknown.startswith("There is no theme «parking». Themes: Delivery, Staff, Price")
