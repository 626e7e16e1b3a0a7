"""The fake Telegram plays Telegram Business as the reference describes it: connections, the
customers' messages to the account, sends on its behalf, and the real server's refusals."""

from __future__ import annotations

from typing import Any

import aiohttp

from faketg import FakeTelegramServer
from faketg import business as tg_business
from faketg.limits import FakeLimits
from tests.support.helpers import TOKEN

OWNER, CUSTOMER = 9201, 9202


async def _post(url: str, body: dict[str, Any]) -> tuple[int, Any]:
    async with aiohttp.ClientSession() as session, session.post(url, json=body) as answer:
        return answer.status, await answer.json()


async def _shop(fake: FakeTelegramServer, **rights: bool) -> None:
    fake.world.add_user(OWNER, "Shop", "en")
    fake.world.add_user(CUSTOMER, "Mia", "ru")
    given = rights or None
    status, _ = await _post(
        f"{fake.url}/_fake/business/connect", {"owner_id": OWNER, "rights": given}
    )
    assert status == 200


async def _send(fake: FakeTelegramServer, **params: Any) -> tuple[int, Any]:
    body = {"chat_id": CUSTOMER, "text": "Мы разберёмся", **params}
    return await _post(f"{fake.url}/bot{TOKEN}/sendMessage", body)


async def test_connecting_sends_the_connection_with_its_rights(fake: FakeTelegramServer) -> None:
    await _shop(fake)
    update = fake.world.updates[-1]["business_connection"]
    assert update["user"]["id"] == OWNER and update["user_chat_id"] == OWNER
    assert update["is_enabled"] is True and update["rights"]["can_reply"] is True
    assert not fake.contract or not fake.contract._object(
        "BusinessConnection", fake.contract.types["BusinessConnection"], update
    )
    await _post(f"{fake.url}/_fake/business/disconnect", {})
    assert fake.world.updates[-1]["business_connection"]["is_enabled"] is False


async def test_a_customer_writes_edits_and_deletes_in_the_accounts_chat(
    fake: FakeTelegramServer,
) -> None:
    await _shop(fake)
    write = f"{fake.url}/_fake/business/write"
    status, update = await _post(write, {"user_id": CUSTOMER, "text": "заказ не пришёл"})
    message = update["business_message"]
    assert status == 200 and message["business_connection_id"] == "bc-1"
    assert (message["from"]["id"], message["chat"]["id"]) == (CUSTOMER, CUSTOMER)
    edit = {"user_id": CUSTOMER, "message_id": message["message_id"], "text": "заказ пришёл"}
    _, edited = await _post(f"{fake.url}/_fake/business/edit", edit)
    assert edited["edited_business_message"]["text"] == "заказ пришёл"
    gone = {"user_id": CUSTOMER, "message_ids": [message["message_id"]]}
    _, deleted = await _post(f"{fake.url}/_fake/business/delete", gone)
    assert deleted["deleted_business_messages"]["message_ids"] == [message["message_id"]]
    _, own = await _post(f"{fake.url}/_fake/business/reply", {"user_id": CUSTOMER, "text": "Ок"})
    assert own["business_message"]["from"]["id"] == OWNER


async def test_a_send_through_the_connection_comes_from_the_account(
    fake: FakeTelegramServer,
) -> None:
    await _shop(fake)
    fake.world.blocked.add(CUSTOMER)  # the bot's own chat does not matter
    await tg_business.customer_writes(fake.world, CUSTOMER, "заказ не пришёл")
    status, answer = await _send(fake, business_connection_id="bc-1")
    assert status == 200
    result = answer["result"]
    assert result["from"]["id"] == OWNER and result["sender_business_bot"]["is_bot"]
    assert result["business_connection_id"] == "bc-1"
    sent = fake.world.sent_to(CUSTOMER)[-1]
    assert (sent.business_connection_id, sent.text) == ("bc-1", "Мы разберёмся")


async def test_the_real_servers_refusals(fake: FakeTelegramServer) -> None:
    fake.world.set_limits(FakeLimits(enabled=False))  # refusals only, no 429 in between
    await _shop(fake, can_read_messages=True)
    status, answer = await _send(fake, business_connection_id="bc-1")
    assert (status, answer["description"]) == (400, tg_business.FORBIDDEN)  # no can_reply
    status, answer = await _send(fake, business_connection_id="nope")
    assert (status, answer["description"]) == (400, tg_business.NOT_FOUND)
    await tg_business.connect(fake.world, OWNER, rights={"can_reply": True})
    status, answer = await _send(fake, business_connection_id="bc-1")
    assert answer["description"] == tg_business.PEER_USAGE_MISSING  # the customer never wrote
    await tg_business.customer_writes(fake.world, CUSTOMER, "алло")
    fake.world.business["bc-1"].heard[CUSTOMER] -= tg_business.REPLY_WINDOW + 1
    status, answer = await _send(fake, business_connection_id="bc-1")
    assert answer["description"] == tg_business.PEER_USAGE_MISSING  # too long ago
    await tg_business.disconnect(fake.world)
    status, answer = await _send(fake, business_connection_id="bc-1")
    assert (status, answer["description"]) == (400, tg_business.INVALID)


async def test_copy_message_has_no_business_connection_in_the_reference(
    fake: FakeTelegramServer,
) -> None:
    """copyMessage cannot answer on the account's behalf: the reference has no such
    parameter, so the contract check reports it (and the test fixture fails such a bot)."""
    await _shop(fake)
    await tg_business.customer_writes(fake.world, CUSTOMER, "алло")
    body = {
        "chat_id": CUSTOMER,
        "from_chat_id": CUSTOMER,
        "message_id": 1,
        "business_connection_id": "bc-1",
    }
    await _post(f"{fake.url}/bot{TOKEN}/copyMessage", body)
    if fake.contract is not None:
        assert any("business_connection_id" in v for v in fake.world.violations)
    fake.world.violations.clear()


async def test_read_business_message_as_the_reference_says(fake: FakeTelegramServer) -> None:
    """readBusinessMessage: the can_read_messages right, a chat active in the last 24 hours;
    reading a message reads the customer's messages before it too (the chat's history)."""
    fake.world.set_limits(FakeLimits(enabled=False))
    await _shop(fake, can_reply=True)
    first = await tg_business.customer_writes(fake.world, CUSTOMER, "алло")
    second = await tg_business.customer_writes(fake.world, CUSTOMER, "вы тут?")
    ids = [u["business_message"]["message_id"] for u in (first, second)]
    read = f"{fake.url}/bot{TOKEN}/readBusinessMessage"
    body = {"business_connection_id": "bc-1", "chat_id": CUSTOMER, "message_id": ids[1]}
    status, answer = await _post(read, body)
    assert (status, answer["description"]) == (400, tg_business.FORBIDDEN)  # no right
    await tg_business.connect(fake.world, OWNER, rights={"can_read_messages": True})
    status, answer = await _post(read, body)
    assert (status, answer["result"]) == (200, True)
    assert tg_business.read_by_the_shop(fake.world, CUSTOMER) == ids
    fake.world.business["bc-1"].heard[CUSTOMER] -= tg_business.REPLY_WINDOW + 1
    status, answer = await _post(read, body)
    assert (status, answer["description"]) == (400, tg_business.PEER_USAGE_MISSING)
