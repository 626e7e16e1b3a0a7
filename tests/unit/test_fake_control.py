"""The fake Telegram's control API as someone drives it by hand (`make sandbox`'s curl lines)."""

from __future__ import annotations

from typing import Any

import aiohttp

from faketg import FakeTelegramServer
from faketg import business as tg_business
from tests.support.helpers import TOKEN

USER, SHOP = 9101, 9102


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


async def test_staff_press_a_button_by_its_text_in_a_group(fake: FakeTelegramServer) -> None:
    """The staff chat's cards: the newest message in that chat with a "Take" button."""
    group, agent = -1001000000002, 9201
    fake.world.add_user(agent, "Sam", "en")
    fake.world.add_group(group, "Staff", members=[agent])
    sent = []
    for number in (1, 2):
        keyboard = [[{"text": "Take", "callback_data": f"take:{number}"}]]
        card = {
            "chat_id": group,
            "text": f"#{number}",
            "reply_markup": {"inline_keyboard": keyboard},
        }
        status, answer = await _post(f"{fake.url}/bot{TOKEN}/sendMessage", card)
        assert status == 200
        sent.append(answer["result"]["message_id"])
    press = {"user_id": agent, "chat_id": group, "button": "Take"}
    status, update = await _post(f"{fake.url}/_fake/press", press)
    assert status == 200
    query = update["callback_query"]
    assert (query["data"], query["message"]["message_id"]) == ("take:2", sent[1])
    assert query["from"]["id"] == agent and query["message"]["chat"]["id"] == group


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


async def test_sent_shows_the_chat_as_it_is_now_and_who_spoke_in_it(
    fake: FakeTelegramServer,
) -> None:
    """`GET /_fake/sent` lists what is in the chat now: a message the bot deleted is gone;
    one the bot sent from a shop's Telegram account says which connection it went through."""
    asked = await _bot_asks(fake, "9")
    kept = await _bot_asks(fake, "10")
    status, _ = await _post(
        f"{fake.url}/bot{TOKEN}/deleteMessage", {"chat_id": USER, "message_id": asked}
    )
    assert status == 200
    fake.world.add_user(SHOP, "Shop", "en")
    await tg_business.connect(fake.world, SHOP)
    await tg_business.customer_writes(fake.world, USER, "hello")
    status, _ = await _post(
        f"{fake.url}/bot{TOKEN}/sendMessage",
        {"chat_id": USER, "text": "From the shop", "business_connection_id": "bc-1"},
    )
    assert status == 200
    where = {"chat_id": USER}
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"{fake.url}/_fake/sent", params=where) as answer,
    ):
        listed = await answer.json()
    assert [(m["message_id"], m["business_connection_id"]) for m in listed][:1] == [(kept, None)]
    assert [(m["text"], m["business_connection_id"]) for m in listed][1:] == [
        ("From the shop", "bc-1")
    ]


async def test_the_control_api_writes_russian_readably_and_refuses_a_stranger_clearly(
    fake: FakeTelegramServer,
) -> None:
    """Someone trying the sandbox in Russian reads the answers as written, not `\\u0417…`;
    a customer the fake does not know is a 400 naming them, not a 500 and a traceback."""
    fake.world.add_user(USER, "Мия", "ru")
    async with aiohttp.ClientSession() as session:
        body = {"user_id": USER, "text": "Здравствуйте"}
        async with session.post(f"{fake.url}/_fake/messages", json=body) as answer:
            assert answer.status == 200
            assert "Здравствуйте" in await answer.text()
        fake.world.add_user(SHOP, "Shop", "en")
        await tg_business.connect(fake.world, SHOP)
        stranger = {"user_id": 424242, "text": "у вас есть пионы?"}
        async with session.post(f"{fake.url}/_fake/business/write", json=stranger) as answer:
            assert answer.status == 400
            assert "424242" in (await answer.json())["error"]
