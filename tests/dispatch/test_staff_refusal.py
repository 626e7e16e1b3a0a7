"""What someone the staff filter refuses gets in the staff chat (handlers/staff/refusal.py): a
card's button answers with an alert they must dismiss, inline mode offers them nothing;
staff's own alerts stay passing toasts, and the team's own talk gets no answer."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import App, create_app
from tests.support.helpers import STAFF_CHAT, make_settings
from tests.support.texts import EN
from tests.support.updates import feed, message, outbox_rows, press

STAFF_ID = 501  # configured in STAFF_IDS: may act without asking Telegram
STRANGER = 600  # Telegram is unreachable here: whether they are a member cannot be checked


@pytest.fixture
async def offline(tmp_path: Path) -> AsyncIterator[App]:
    app = await create_app(make_settings(tmp_path, staff_ids=str(STAFF_ID)))
    yield app
    await app.stop()  # never started: closes the session, the database and its lock


def in_staff_chat(update_id: int, user_id: int, text: str, **extra: Any) -> dict[str, Any]:
    update = message(update_id, user_id, text, **extra)
    update["message"]["chat"] = {"id": STAFF_CHAT, "type": "supergroup", "title": "Staff"}
    return update


def inline(update_id: int, user_id: int, query: str) -> dict[str, Any]:
    user = {"id": user_id, "is_bot": False, "first_name": "P"}
    return {
        "update_id": update_id,
        "inline_query": {"id": f"i{update_id}", "from": user, "query": query, "offset": ""},
    }


async def answers(app: App, method: str) -> list[dict[str, Any]]:
    return [p for m, p in await outbox_rows(app, 0) if m == method]


async def test_a_stranger_pressing_a_cards_button_must_dismiss_the_refusal(offline: App) -> None:
    await feed(offline, message(1, 83, "Wrong colour"))
    await feed(offline, press(2, STRANGER, "cs:take:1", STAFF_CHAT))
    await feed(offline, press(3, STAFF_ID, "cs:take:999", STAFF_CHAT))
    refused, stale = await answers(offline, "AnswerCallbackQuery")
    assert refused["text"] == EN("complaint.alert.check_failed")
    assert refused["show_alert"] is True
    assert (stale["text"], stale["show_alert"]) == (EN("button.stale"), False)


async def test_a_strangers_inline_search_and_the_teams_own_talk_get_nothing(
    offline: App,
) -> None:
    await feed(offline, message(1, 83, "Wrong colour"))
    card = len(await outbox_rows(offline, STAFF_CHAT))
    await feed(offline, in_staff_chat(2, STAFF_ID, "lunch at one?"))  # not for the bot
    assert len(await outbox_rows(offline, STAFF_CHAT)) == card
    await feed(offline, inline(3, STRANGER, "ref"))
    [offered] = await answers(offline, "AnswerInlineQuery")
    assert (offered["results"], offered["is_personal"]) == ([], True)
    async with offline.db.read() as tx:
        assert await tx.inbox.counts() == {"done": 3}  # every update finished, none stuck
