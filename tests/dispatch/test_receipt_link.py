"""A receipt's link opened in Telegram: the customer is told whether a survey will come. A
purchase the cooldown skipped once promised "a short survey a bit later" that never came."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import App, create_app
from bot.surveys.purchases import CustomerRef, NewPurchase, register_purchases
from storage.states import SurveyStatus
from tests.support.helpers import make_settings
from tests.support.updates import feed, message, outbox_rows


@pytest.fixture
async def offline(tmp_path: Path) -> AsyncIterator[App]:
    app = await create_app(make_settings(tmp_path))
    yield app
    await app.stop()


async def receipt(app: App, order: str, phone: str) -> str:
    """A purchase registered by phone (no chat yet): its receipt link's token."""
    async with app.db.transaction() as tx:
        await register_purchases(tx, app.surveys, [NewPurchase(order, CustomerRef(phone=phone))])
        row = await tx.conn.fetch_one(
            "SELECT link_token FROM purchases WHERE order_id = ?", (order,)
        )
    assert row is not None
    return str(row[0])


async def said(app: App, chat: int) -> str:
    return str([p for m, p in await outbox_rows(app, chat) if m == "SendMessage"][-1]["text"])


async def test_a_receipt_whose_survey_will_come_says_so(offline: App) -> None:
    token = await receipt(offline, "R-1", "+46701112233")
    await feed(offline, message(1, 81, f"/start {token}"))
    assert "short survey" in await said(offline, 81)


async def test_a_receipt_whose_survey_was_skipped_promises_none(offline: App) -> None:
    token = await receipt(offline, "R-2", "+46701112244")
    async with offline.db.transaction() as tx:
        await tx.conn.execute(
            "UPDATE surveys SET status = ?, reason = 'cooldown'", (SurveyStatus.SKIPPED,)
        )
    await feed(offline, message(1, 82, f"/start {token}"))
    text = await said(offline, 82)
    assert "short survey" not in text and "no survey" in text, text
    async with offline.db.read() as tx:
        row = await tx.conn.fetch_one("SELECT status FROM surveys")
    assert row is not None and row[0] == SurveyStatus.SKIPPED  # nothing changes
