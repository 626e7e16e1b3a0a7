"""Dispatcher level: how a survey ends for the customer, per NPS category. One closing
message: a detractor whose answers opened a complaint reads the thanks and the complaint's
number and deadline together, not a thank-you and then a second message."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import App, create_app
from bot.surveys.design import Complaint, Definition, Question
from bot.surveys.design_versions import replace
from tests.dispatch.test_survey_engine import NOTE, WHERE, invited
from tests.support.helpers import make_settings
from tests.support.updates import feed, message, outbox_rows, press


@pytest.fixture
async def offline(tmp_path: Path) -> AsyncIterator[App]:
    app = await create_app(make_settings(tmp_path))
    yield app
    await app.stop()  # never started: closes the session, the database and its lock


async def said_after(app: App, chat: int, before: int) -> list[tuple[str, dict[str, Any]]]:
    """What the customer was sent since `before` messages: new messages and edits (the
    answers to presses are no messages)."""
    rows = await outbox_rows(app, chat)
    return [(m, p) for m, p in rows[before:] if m in ("SendMessage", "EditMessageText")]


async def built_in_survey(app: App, chat: int, nps: int) -> int:
    """Today's survey answered to its last page but one; the count of messages so far."""
    sid = (await invited(app, chat)).id
    await feed(app, press(1, chat, f"sv:{sid}:nps:{nps}"))
    if nps <= 6:
        await feed(app, press(2, chat, f"sv:{sid}:aspect:quality"))
        await feed(app, message(3, chat, "Курьер опоздал"))
        await feed(app, press(4, chat, f"sv:{sid}:aspect:next"))
    else:
        asked = "make_it_ten" if nps < 9 else "liked_most"
        await feed(app, press(2, chat, f"sv:{sid}:{asked}:skip"))
    await feed(app, press(5, chat, f"sv:{sid}:csat:{2 if nps <= 6 else 5}"))
    return sid


async def test_a_detractor_gets_one_closing_message_with_the_complaint(offline: App) -> None:
    sid = await built_in_survey(offline, 101, 3)
    before = len(await outbox_rows(offline, 101))
    await feed(offline, press(6, 101, f"sv:{sid}:expectation:worse"))
    closing = await said_after(offline, 101, before)
    assert [m for m, _ in closing] == ["EditMessageText"], closing
    text = closing[0][1]["text"]
    print(text)
    async with offline.db.read() as tx:
        complaint = await tx.complaints.for_survey(sid)
    assert complaint is not None
    assert text.startswith("Thank you! We are sorry it was not good: your answers are now")
    assert f"request #{complaint.id}" in text and "will write to you here" in text


async def test_a_promoter_whose_answer_opens_a_complaint_gets_one_closing_message(
    offline: App,
) -> None:
    online = WHERE.model_copy(update={"complaint": Complaint(options=["online"])})
    definition = Definition(questions=[Question(id="nps", type="nps"), online, NOTE])
    async with offline.db.transaction() as tx:
        await replace(tx, offline.surveys.design, definition, "api", offline.surveys.core.now())
    sid = (await invited(offline, 102)).id
    await feed(offline, press(1, 102, f"sv:{sid}:nps:10"))
    await feed(offline, press(2, 102, f"sv:{sid}:where:online"))  # opens a complaint
    before = len(await outbox_rows(offline, 102))
    await feed(offline, press(3, 102, f"sv:{sid}:note:skip"))
    closing = await said_after(offline, 102, before)
    assert [m for m, _ in closing] == ["EditMessageText"], closing
    text = closing[0][1]["text"]
    assert text.startswith("Thank you! We passed your answers on as request #")
    assert "Share it with a friend" not in text  # no referral next to a complaint


@pytest.mark.parametrize("nps", [8, 10])
async def test_passives_and_promoters_get_the_thanks_alone(offline: App, nps: int) -> None:
    chat = 103 + nps
    sid = await built_in_survey(offline, chat, nps)
    before = len(await outbox_rows(offline, chat))
    await feed(offline, press(6, chat, f"sv:{sid}:expectation:better"))
    closing = await said_after(offline, chat, before)
    assert [m for m, _ in closing] == ["EditMessageText"], closing
    assert closing[0][1]["text"].startswith("Thank you! Your answers went straight to the team.")
