"""Playing the journeys end to end: posting purchases, customers starting and pressing buttons."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp

from bot.app import App
from faketg import World
from faketg.world import Sent
from storage.models import Survey
from tests.support.helpers import wait_for
from tests.support.lookups import purchase_by_order, survey_for_purchase

API_TOKEN = "test-api-token"


def words(text: str) -> dict[str, str]:
    return {"en": text, "ru": f"{text} (ru)", "sv": f"{text} (sv)"}


# The test shop: NPS, a CES 1-7 asked only of detractors, where they bought, a comment.
SHOP_SURVEY: dict[str, Any] = {
    "questions": [
        {"id": "nps", "type": "nps", "complaint": {"at_most": 6}},
        {
            "id": "ces",
            "type": "scale",
            "text": words("How easy was it to get what you needed?"),
            "min": 1,
            "max": 7,
            "labels": {"min": words("Very hard"), "max": words("Very easy")},
            "when": {"question": "nps", "in": ["detractor"]},
            "complaint": {"at_most": 2},
        },
        {
            "id": "where",
            "type": "choice",
            "text": words("Where did you buy?"),
            "options": [
                {"id": "online", "text": words("Online")},
                {"id": "store", "text": words("In the store")},
            ],
        },
        {"id": "comment", "type": "text", "text": words("Anything else?")},
    ],
    "variants": [],
}
MakeApp = Callable[..., Awaitable[App]]


async def post(app: App, body: object, token: str | None = API_TOKEN) -> tuple[int, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    url = f"http://127.0.0.1:{app.port}/api/v1/purchases"
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            url,
            data=body if isinstance(body, str) else None,
            json=None if isinstance(body, str) else body,
            headers=headers,
        ) as resp,
    ):
        return resp.status, await resp.json()


async def get(app: App, path: str, token: str | None = API_TOKEN) -> tuple[int, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{app.port}{path}", headers=headers) as resp,
    ):
        return resp.status, await resp.json()


async def put_survey(app: App, body: object, token: str = API_TOKEN) -> tuple[int, Any]:
    """PUT /api/v1/survey: the shop's survey definition."""
    headers = {"Authorization": f"Bearer {token}"}
    url = f"http://127.0.0.1:{app.port}/api/v1/survey"
    async with (
        aiohttp.ClientSession() as session,
        session.put(url, json=body, headers=headers) as resp,
    ):
        return resp.status, await resp.json(content_type=None)


async def started(
    world: World, user_id: int, name: str, language: str, *, staff: bool = False
) -> None:
    """Someone who has started the bot: a customer is greeted and offered the phone button,
    staff (who need no phone) only greeted."""
    world.add_user(user_id, name, language)
    await world.user_sends(user_id, "/start")
    messages = 1 if staff else 2
    await wait_for(lambda: len(world.sent_to(user_id)) == messages, what=f"{name} greeted")


async def survey_of(app: App, order_id: str) -> Survey:
    async with app.db.read() as tx:
        purchase = await purchase_by_order(tx, order_id)
        assert purchase is not None
        survey = await survey_for_purchase(tx, purchase.id)
    assert survey is not None
    return survey


def button(sent: Sent, text: str) -> str:
    return str(next(b for row in sent.buttons for b in row if b["text"] == text)["callback_data"])


async def wait_new_message(world: World, chat: int, needle: str) -> Sent:
    await wait_for(
        lambda: any(needle in str(s.text) for s in world.sent_to(chat)), within=15, what=needle
    )
    return [s for s in world.sent_to(chat) if needle in str(s.text)][-1]


def last_alert(world: World) -> str | None:
    answered = [c for c in world.callbacks.values() if c["answered"]]
    return answered[-1]["answer"].get("text") if answered else None
