"""The demo's survey act: purchases through the HTTP API, customers answering (or not)."""

from __future__ import annotations

import asyncio
import random
from typing import Any

import aiohttp

from bot.app import App
from faketg import World
from faketg.world import Sent

DEMO_API_TOKEN = "demo-api-token"
NAMES = [
    "Alva",
    "Boris",
    "Chloe",
    "Dmitri",
    "Elin",
    "Farid",
    "Greta",
    "Hugo",
    "Irina",
    "Jonas",
    "Kerstin",
    "Leo",
    "Maja",
    "Nikolai",
    "Olga",
    "Pavel",
    "Rut",
    "Sven",
    "Tanya",
    "Ulf",
]
COMMENTS = {
    "detractor": [
        "The courier was two days late",
        "Too expensive for what it is",
        "Nobody answered the phone",
    ],
    "passive": ["Faster delivery would make it a 10", "A bit more choice"],
    "promoter": ["Friendly staff!", "Great quality, as always"],
}


async def _wait(predicate: Any, within: float = 20.0) -> bool:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not predicate():
        if loop.time() > deadline:
            return False
        await asyncio.sleep(0.05)
    return True


def _with_buttons(world: World, user: int, step: str) -> Sent | None:
    """The latest message to `user` offering buttons of a survey step (nps, csat, ...)."""
    for sent in reversed(world.sent_to(user)):
        if f":{step}:" in str(sent.buttons):
            return sent
    return None


async def _answer(world: World, user: int, rng: random.Random, log: list[str]) -> None:
    """One customer: finds the invitation and answers with a realistic spread, or stays silent."""
    if not await _wait(lambda: _with_buttons(world, user, "nps") is not None):
        return
    invite = _with_buttons(world, user, "nps")
    assert invite is not None
    survey = str(invite.buttons[0][0]["callback_data"]).split(":")[1]
    if rng.random() < 0.2:
        log.append(f"{user}: stays silent (a reminder follows, then the survey expires)")
        return
    score = rng.choice([10, 10, 9, 9, 9, 8, 8, 7, 6, 5, 3, 2])
    await asyncio.sleep(rng.uniform(0.2, 1.5))
    await world.user_presses(user, invite, f"sv:{survey}:nps:{score}")
    kind = "detractor" if score <= 6 else "passive" if score <= 8 else "promoter"
    # The follow-up's buttons are named by its question: what went wrong, or what would
    # make it a 10, or what they liked most.
    followup = {"detractor": "aspect", "passive": "make_it_ten", "promoter": "liked_most"}[kind]
    await _wait(lambda: f":{followup}:" in str(invite.buttons))
    if kind == "detractor":
        aspect = rng.choice(["delivery", "price", "staff", "quality"])
        await world.user_presses(user, invite, f"sv:{survey}:aspect:{aspect}")
        await _wait(lambda: "✓" in str(invite.buttons))
    comment = rng.choice(COMMENTS[kind]) if rng.random() < 0.6 else None
    if comment:
        await world.user_sends(user, comment)
    else:
        done = "next" if kind == "detractor" else "skip"
        await world.user_presses(user, invite, f"sv:{survey}:{followup}:{done}")
    await _wait(lambda: _with_buttons(world, user, "csat") is not None)
    question = _with_buttons(world, user, "csat")
    assert question is not None
    csat = max(1, min(5, round(score / 2) + rng.choice([-1, 0, 0, 1])))
    await world.user_presses(user, question, f"sv:{survey}:csat:{csat}")
    await _wait(lambda: ":expectation:" in str(question.buttons))
    expectation = "worse" if score <= 6 else rng.choice(["as_expected", "better"])
    await world.user_presses(user, question, f"sv:{survey}:expectation:{expectation}")
    await _wait(lambda: not question.buttons)
    said = f', says "{comment}"' if comment else ""
    log.append(f"{user}: NPS {score} ({kind}){said}, CSAT {csat}, {expectation.replace('_', ' ')}")


async def survey_act(app: App, world: World) -> None:
    print("\n4. A shop registers 20 purchases through the HTTP API")
    rng = random.Random(7)
    users = list(range(9100, 9100 + len(NAMES)))
    purchases = []
    for user, name in zip(users, NAMES, strict=True):
        language = rng.choice(["en", "en", "ru", "sv"])
        world.add_user(user, name, language)
        purchases.append(
            {
                "order_id": f"DEMO-{user}",
                "amount": rng.choice([19, 49, 120, 300]),
                "currency": "EUR",
                "branch": rng.choice(["north", "south"]),
                "customer": {"telegram_id": user, "name": name},
            }
        )
    url = f"http://127.0.0.1:{app.port}/api/v1/purchases"
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            url,
            json={"purchases": purchases},
            headers={"Authorization": f"Bearer {DEMO_API_TOKEN}"},
        ) as resp,
    ):
        body = await resp.json()
    first = body["results"][0]
    print(
        f"   POST /api/v1/purchases → {resp.status}: {body['created']} created;"
        f" e.g. {first['order_id']}: {first['status']}, receipt link {first['deep_link']}"
    )
    print("   (nobody has started the bot yet, so every survey waits for its customer)")

    print("\n5. Customers open their receipt links; surveys go out after SURVEY_DELAY")
    for result, user in zip(body["results"], users, strict=True):
        token = result["deep_link"].split("start=")[1]
        await world.user_sends(user, f"/start {token}")
    log: list[str] = []
    await asyncio.gather(*(_answer(world, user, rng, log) for user in users))
    for line in sorted(log):
        user = int(line.split(":")[0])
        print(f"   {NAMES[user - 9100]:>8} │ {line.split(': ', 1)[1]}")
