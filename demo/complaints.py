"""The demo's complaint act: cards in the staff chat, a reply relayed, the SLA ladder, the loop."""

from __future__ import annotations

import asyncio
import contextlib
import html
import re
from typing import Any

from bot.app import App
from faketg import World
from faketg.world import Sent

STAFF_CHAT = -1001000000001
AGENT = 9501  # made-up staff member "Kim"
MANAGER = 9601
OWNER = 9701
CUSTOMER = 9002  # Ben, from the first act
MORE_STAFF = {9502: "Lena", 9503: "Pekka", 9504: "Rosa", 9505: "Timur"}  # STAFF_IDS
SORRY = "So sorry, {name}! A replacement goes out today."


def staff_people(world: World) -> list[int]:
    world.add_user(AGENT, "Kim", "en", username="kim_support")
    world.add_user(MANAGER, "Morgan", "en")
    world.add_user(OWNER, "Olive", "en")
    for user, name in MORE_STAFF.items():
        world.add_user(user, name, "en")
    return [AGENT, MANAGER]


async def wait_until(predicate: Any, within: float = 20.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not predicate():
        if loop.time() > deadline:
            raise RuntimeError("the demo waited too long for the bot")
        await asyncio.sleep(0.05)


async def settled(app: App, within: float = 10.0) -> None:
    """Until the bot has sent what it queued, or `within` seconds: then the demo goes on."""
    with contextlib.suppress(RuntimeError):
        await wait_until(lambda: app.sender.idle, within)


def say(who: str, text: str) -> None:
    """A message as the person reads it: Telegram shows its HTML formatted, not its tags."""
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    for n, line in enumerate(text.splitlines()):
        print(f"  {who if n == 0 else '':>10} │ {line}")


def _cards(world: World) -> list[Sent]:
    return [s for s in world.sent_to(STAFF_CHAT) if s.buttons and "Complaint #" in str(s.text)]


def _latest(world: World, chat: int, needle: str) -> Sent | None:
    found = [s for s in world.sent_to(chat) if needle in str(s.text)]
    return found[-1] if found else None


async def complaint_act(app: App, world: World) -> None:
    print("\n7. Detractors' answers became complaints: cards in the staff chat")
    await settled(app)
    cards = _cards(world)
    print(f"   {len(cards)} cards so far" + ("; the first one:" if cards else ""))
    if cards:
        say("staff chat", str(cards[0].text))
        print(f"  {'':>10} │ {[b['text'] for row in cards[0].buttons for b in row]}")

    print("\n8. Ben writes to the bot outside a survey: a complaint opens, staff answer him")
    await world.user_sends(CUSTOMER, "My order arrived with a cracked screen")
    say("Ben", "My order arrived with a cracked screen")
    await wait_until(lambda: _latest(world, CUSTOMER, "request #") is not None)
    told = str(_latest(world, CUSTOMER, "request #").text)  # type: ignore[union-attr]
    say("bot", told)
    number = int(told.split("request #")[1].split(".")[0].split()[0])
    card = await _card_of(world, number)
    await _until_recorded(app, number)
    await world.user_sends(AGENT, "/find cracked", chat_id=STAFF_CHAT)
    say("Kim", "/find cracked")
    await wait_until(lambda: _latest(world, STAFF_CHAT, "Found for «cracked»") is not None)
    say("staff chat", str(_latest(world, STAFF_CHAT, "Found for «cracked»").text))  # type: ignore[union-attr]
    await assign_act(world, card, number)
    await world.user_sends(OWNER, f"/saved add sorry {SORRY}")
    say("Olive", f"(in private) /saved add sorry {SORRY}")
    await wait_until(lambda: _latest(world, OWNER, "Saved «sorry»") is not None)
    say("bot→Olive", str(_latest(world, OWNER, "Saved «sorry»").text))  # type: ignore[union-attr]
    await world.user_sends(AGENT, "/saved sorry", chat_id=STAFF_CHAT, reply_to=card.message_id)
    say("Kim", "(replies to the card) /saved sorry")
    await wait_until(lambda: _latest(world, CUSTOMER, "So sorry") is not None)
    sent = str(_latest(world, CUSTOMER, "So sorry").text)  # type: ignore[union-attr]
    say("bot→Ben", f"{sent}  (the saved reply, filled in; the command never reaches Ben)")
    await world.user_sends(
        AGENT, "!check stock in the north branch", chat_id=STAFF_CHAT, reply_to=card.message_id
    )
    say("Kim", "!check stock in the north branch   (an internal note: never sent to Ben)")

    print("\n9. The SLA ladder (seconds here, minutes and hours in real life)")
    await wait_until(lambda: _latest(world, STAFF_CHAT, "nobody has taken it") is not None)
    say("staff chat", str(_latest(world, STAFF_CHAT, "nobody has taken it").text))  # type: ignore[union-attr]
    await wait_until(lambda: _latest(world, OWNER, "was not resolved") is not None, within=30)
    say("bot→owner", str(_latest(world, OWNER, "was not resolved").text))  # type: ignore[union-attr]

    print("\n10. Kim resolves Ben's complaint; Ben confirms, the loop closes")
    resolve = next(b for row in card.buttons for b in row if b["text"] == "Resolve")
    await world.user_presses(AGENT, card, resolve["callback_data"])
    say("Kim", "[Resolve]")
    await wait_until(lambda: _latest(world, CUSTOMER, "Was your issue resolved?") is not None)
    question = _latest(world, CUSTOMER, "Was your issue resolved?")
    assert question is not None
    say("bot→Ben", f"{question.text} {[b['text'] for row in question.buttons for b in row]}")
    yes = question.buttons[0][0]
    await world.user_presses(CUSTOMER, question, yes["callback_data"])
    say("Ben", f"[{yes['text']}]")
    await wait_until(lambda: "closed" in str(card.text).split("\n")[0])
    say("staff chat", "(the card, edited) " + str(card.text).split("\n")[0])
    async with app.db.read() as tx:
        counts = ", ".join(f"{status} {n}" for status, n in (await tx.complaints.counts()).items())
    print(f"   complaints now: {counts}")
    await corrective_act(world, number)


async def assign_act(world: World, card: Sent, number: int) -> None:
    """Morgan assigns the complaint to Kim from the card; Kim is told in private."""
    for user in [AGENT, *MORE_STAFF]:  # staff open a private chat with the bot once
        await world.user_sends(user, "/start")
    await world.user_presses(MANAGER, card, _button(card, "Assign"))
    say("Morgan", "[Assign]")
    await wait_until(lambda: card.buttons[-1][0]["text"] == "← Back")
    names = [b["text"] for row in card.buttons[:-1] for b in row]
    say("staff chat", f"(the card's buttons become the staff, with their workload) {names}")
    kim = next(b for row in card.buttons for b in row if str(b["text"]).startswith("Kim"))
    await world.user_presses(MANAGER, card, kim["callback_data"])
    say("Morgan", f"[{kim['text']}]")
    await wait_until(lambda: "Assigned to Kim" in str(card.text))
    line = next(x for x in str(card.text).splitlines() if "Assigned to Kim" in x)
    say("staff chat", f"(the card, edited) … {line} …")
    await wait_until(lambda: _latest(world, AGENT, f"complaint #{number}") is not None)
    say("bot→Kim", str(_latest(world, AGENT, f"complaint #{number}").text))  # type: ignore[union-attr]


async def corrective_act(world: World, number: int) -> None:
    print(f"\n11. What was done about #{number}: the cause, one line, a fix the business owes")
    needle = f"Complaint #{number} is resolved."
    await wait_until(lambda: _latest(world, STAFF_CHAT, needle) is not None)
    asked = _latest(world, STAFF_CHAT, needle)
    assert asked is not None
    say("staff chat", str(asked.text))
    print(f"  {'':>10} │ {[b['text'] for row in asked.buttons for b in row]}")
    await world.user_presses(AGENT, asked, _button(asked, "Quality"))
    say("Kim", "[Quality]")
    await wait_until(lambda: "Cause: Quality" in str(asked.text))
    line = "Replaced the screen; packing now uses corner guards"
    await world.user_sends(AGENT, line, chat_id=STAFF_CHAT, reply_to=asked.message_id)
    say("Kim", f"(replies to the question) {line}   (for the team, never sent to Ben)")
    await wait_until(lambda: "Done: " in str(asked.text))
    await world.user_presses(AGENT, asked, _button(asked, "🔧 Needs a fix in the business"))
    say("Kim", "[🔧 Needs a fix in the business]")
    await wait_until(lambda: "Needs a fix in the business (marked" in str(asked.text))
    say("staff chat", "(the question, edited)\n" + str(asked.text))

    await world.user_sends(OWNER, "/actions")
    say("Olive", "/actions")
    await wait_until(lambda: _latest(world, OWNER, "Fixes the business owes") is not None)
    listing = _latest(world, OWNER, "Fixes the business owes")
    assert listing is not None
    say("bot→Olive", str(listing.text))
    await world.user_presses(OWNER, listing, _button(listing, f"✅ #{number}"))
    say("Olive", f"[✅ #{number}]   (the fix is made)")
    await wait_until(lambda: "Nothing to fix right now" in str(listing.text))
    say("bot→Olive", "(the list, edited) " + str(listing.text).split("\n")[-1])


def _button(sent: Sent, label: str) -> str:
    return str(next(b for row in sent.buttons for b in row if b["text"] == label)["callback_data"])


async def _card_of(world: World, number: int) -> Sent:
    """The complaint's card; if a busy staff chat got it inside a storm summary, Kim opens it."""

    def card() -> Sent | None:
        found = [c for c in _cards(world) if f"Complaint #{number}<" in str(c.text)]
        return found[0] if found else None

    def summary() -> Sent | None:
        found = [s for s in world.sent_to(STAFF_CHAT) if f"<b>#{number}</b>" in str(s.text)]
        return found[-1] if found else None

    await wait_until(lambda: card() is not None or summary() is not None, within=40)
    grouped = summary()
    if card() is None and grouped is not None:
        say("staff chat", f"(#{number} arrived inside a storm summary; Kim opens its card)")
        button = next(b for row in grouped.buttons for b in row if b["text"] == f"#{number}")
        await world.user_presses(AGENT, grouped, button["callback_data"])
        await wait_until(lambda: card() is not None)
    found = card()
    assert found is not None
    return found


async def _until_recorded(app: App, number: int) -> None:
    """Staff reply to a card once the bot knows its message id (a few milliseconds)."""
    for _ in range(400):
        async with app.db.read() as tx:
            found = await tx.complaints.get(number)
        if found is not None and found.card_message_id is not None:
            return
        await asyncio.sleep(0.05)
    raise RuntimeError("the card was never recorded")
