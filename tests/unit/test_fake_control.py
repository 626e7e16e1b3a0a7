"""The fake Telegram's control API as someone drives it by hand (`make sandbox`'s curl lines)."""

from __future__ import annotations

from typing import Any

import aiohttp

from faketg import FakeTelegramServer
from tests.support.helpers import TOKEN

USER = 9101


async def _post(url: str, body: dict[str, Any]) -> tuple[int, Any]:
    async with aiohttp.ClientSession() as session, session.post(url, json=body) as answer:
        return answer.status, await answer.json()


async def _bot_asks(fake: FakeTelegramServer, *buttons: str) -> int:
    fake.world.add_user(USER, "Mia", "en")
    keyboard = [[{"text": text, "callback_data": f"nps:{text}"} for text in buttons]]
    status, answer = await _post(
        f"{fake.url}/bot{TOKEN}/sendMessage",
        {"chat_id": USER, "text": "Score?", "reply_markup": {"inline_keyboard": keyboard}},
    )
    assert status == 200
    return int(answer["result"]["message_id"])


async def test_a_press_by_button_text_goes_to_the_newest_message_with_it(
    fake: FakeTelegramServer,
) -> None:
    await _bot_asks(fake, "8", "9")
    newest = await _bot_asks(fake, "9", "10")
    status, update = await _post(f"{fake.url}/_fake/press", {"user_id": USER, "button": "9"})
    assert status == 200
    query = update["callback_query"]
    assert (query["data"], query["message"]["message_id"]) == ("nps:9", newest)
    assert query["from"]["id"] == USER


async def test_a_press_on_a_button_or_message_that_is_not_there_is_a_404(
    fake: FakeTelegramServer,
) -> None:
    asked = await _bot_asks(fake, "9")
    missing = {"error": "no such message or button"}
    press = f"{fake.url}/_fake/press"
    assert await _post(press, {"user_id": USER, "button": "7"}) == (404, missing)
    exact = {"user_id": USER, "chat_id": USER, "message_id": asked + 1, "data": "nps:9"}
    assert await _post(press, exact) == (404, missing)
    status, update = await _post(press, {**exact, "message_id": asked})
    assert (status, update["callback_query"]["data"]) == (200, "nps:9")
