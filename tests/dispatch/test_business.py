"""The shop's own Telegram account as the desk (Telegram Business), at the dispatcher: the
connection told to the owners, customers' messages to the account as complaints, staff answers
out from the account, the owner's own answers and the customer's edits on the card."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import App, create_app
from bot.business.accounts import Accounts
from tests.support.helpers import make_settings
from tests.support.updates import business_connection, feed, outbox_rows

OWNER, ACCOUNT, CUSTOMER = 7101, 7102, 7103


@pytest.fixture
async def offline(tmp_path: Path) -> AsyncIterator[App]:
    app = await create_app(make_settings(tmp_path, owner_ids=str(OWNER)))
    yield app
    await app.stop()


async def texts_to(app: App, chat: int) -> list[str]:
    return [p["text"] for method, p in await outbox_rows(app, chat) if method == "SendMessage"]


async def test_a_connection_is_stored_and_owners_told_what_the_bot_may_do(offline: App) -> None:
    await feed(offline, business_connection(1, ACCOUNT, can_reply=True))
    async with offline.db.read() as tx:
        stored = await tx.business.get("bc-1")
    assert stored is not None and stored.user_id == ACCOUNT and stored.can_reply
    for reader in (OWNER, ACCOUNT):
        [told] = await texts_to(offline, reader)
        assert "connected the bot as its chatbot" in told
        assert "The bot may: answer customers from the account" in told
        assert "The bot may not: mark their messages as read" in told
    accounts = offline.wiring.workflow["business"]
    assert isinstance(accounts, Accounts)
    assert accounts.report() == {
        "business_accounts": [
            {"connection": "bc-1", "user_id": ACCOUNT, "enabled": True, "can_reply": True}
        ]
    }


async def test_without_the_reply_right_owners_learn_answers_cannot_go(offline: App) -> None:
    await feed(offline, business_connection(1, ACCOUNT, can_read_messages=True))
    [told] = await texts_to(offline, OWNER)
    assert "The bot may not: answer customers from the account" in told
    assert "Without the right to reply" in told


async def test_turning_the_bot_off_is_told_once_and_shown(offline: App) -> None:
    await feed(offline, business_connection(1, ACCOUNT))
    await feed(offline, business_connection(2, ACCOUNT, enabled=False))
    await feed(offline, business_connection(3, ACCOUNT, enabled=False))  # said again: once
    told = await texts_to(offline, OWNER)
    assert len(told) == 2 and "turned the bot off or removed it" in told[-1]
    async with offline.db.read() as tx:
        stored = await tx.business.get("bc-1")
    assert stored is not None and not stored.enabled and not stored.can_reply
    accounts = offline.wiring.workflow["business"]
    assert isinstance(accounts, Accounts)
    assert accounts.report()["business_accounts"][0]["enabled"] is False
