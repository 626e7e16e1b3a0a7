"""Saved replies end to end against the fake: owners and managers keep them in private; staff
send one with /saved NAME on a card (the customer's language, {name} and {order} filled in,
the command itself never relayed) or pick one in inline mode; strangers get nothing."""

from __future__ import annotations

from faketg import FakeTelegramServer, World
from faketg.inline import results, user_picks, user_types_inline
from tests.support.helpers import STAFF_CHAT, wait_for
from tests.support.journey import MakeApp, post, started
from tests.support.staffroom import (
    AGENT,
    MANAGER,
    OWNER,
    STRANGER,
    card,
    complaint,
    recorded,
    staff_group,
    staff_messages,
)
from tests.support.texts import EN

REFUND_EN = "Hi {name}, your order {order} is refunded."
REFUND_RU = "Здравствуйте, {name}! Деньги за заказ {order} вернули."


def texts(world: World, chat: int) -> list[str]:
    return [str(s.text) for s in world.sent_to(chat)]


async def said_to(world: World, chat: int, typed: str, **where: int) -> str:
    """What the bot answers in `chat` to `typed`."""
    before = len(world.sent_to(chat))
    user = chat if chat > 0 else where.pop("by")
    await world.user_sends(user, typed, chat_id=chat, **where)
    await wait_for(lambda: len(world.sent_to(chat)) > before, what=f"answer to {typed!r}")
    return str(world.sent_to(chat)[before].text)


async def test_saved_replies_are_kept_by_leads_and_sent_by_staff(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    staff_group(world)
    app = await make_app(owner_ids=str(OWNER), manager_ids=str(MANAGER))
    await started(world, OWNER, "Olive", "en", staff=True)
    await started(world, MANAGER, "Morgan", "en", staff=True)
    await started(world, STRANGER, "Mallory", "en")

    added = await said_to(world, OWNER, f"/saved add Refund {REFUND_EN}")
    assert added.startswith(EN("saved.added", name="refund", language="en").split(".")[0])
    assert "Saved «refund» (ru)" in await said_to(
        world, MANAGER, f"/saved add refund:ru {REFUND_RU}"
    )
    assert "There is no saved reply" not in await said_to(
        world, OWNER, "/saved add sorry We are sorry."
    )
    assert await said_to(world, OWNER, "/saved add re$fund x") == EN(
        "saved.bad_name", languages="en, ru, sv"
    )
    assert await said_to(world, STRANGER, "/saved") == EN("digest.refused")
    listing = await said_to(world, OWNER, "/saved")
    assert listing.splitlines()[1:] == [
        "<b>refund</b> (en): Hi {name}, your order {order} is refunded.",
        "<b>refund</b> (ru): Здравствуйте, {name}! Деньги за заказ {order} вернули.",
        "<b>sorry</b> (en): We are sorry.",
    ]

    # Two customers, one in each language, each with an order and a complaint.
    for user, name, language, order in (
        (7601, "Dana Lind", "en", "C-9"),
        (7602, "Пётр", "ru", "R-7"),
    ):
        await started(world, user, name, language)
        body = {"order_id": order, "customer": {"telegram_id": user}, "amount": "10.00"}
        assert (await post(app, body))[0] == 201
        await world.user_sends(user, "It broke")
    await card(world, 1)
    await card(world, 2)
    first, second = await recorded(app, 1), await recorded(app, 2)
    assert first.card_message_id is not None and second.card_message_id is not None

    sent = await said_to(
        world, STAFF_CHAT, "/saved refund", by=AGENT, reply_to=first.card_message_id
    )
    assert sent == EN("saved.sent", name="refund", number=1)
    await wait_for(lambda: any("is refunded" in t for t in texts(world, 7601)), what="sent")
    assert "Hi Dana, your order C-9 is refunded." in texts(world, 7601)
    assert not any("/saved" in str(s.text) for s in world.sent_to(7601))  # never the command
    c = await complaint(app, 1)
    assert (c.status, c.taken_by) == ("taken", AGENT)  # answering takes it
    async with app.db.read() as tx:
        history = await tx.complaints.messages(1)
    assert history[-1].text == "Hi Dana, your order C-9 is refunded."

    unknown = await said_to(
        world, STAFF_CHAT, "/saved nope", by=AGENT, reply_to=first.card_message_id
    )
    assert unknown == EN("saved.unknown", name="nope") + "\n" + EN(
        "saved.known", names="refund, sorry"
    )
    assert await said_to(world, STAFF_CHAT, "/saved refund", by=AGENT) == EN("saved.where")
    asked = len(staff_messages(world))
    await world.user_sends(
        STRANGER, "/saved refund", chat_id=STAFF_CHAT, reply_to=first.card_message_id
    )

    # Inline mode: staff pick "refund"; the Russian customer gets the Russian text, filled in.
    theirs = await user_types_inline(world, STRANGER, "ref")
    ours = await user_types_inline(world, AGENT, "REF")
    await wait_for(lambda: results(world, theirs) is not None and results(world, ours) is not None)
    assert results(world, theirs) == []
    offered = results(world, ours)
    assert offered is not None and [r["id"] for r in offered] == ["refund"]
    assert world.inline[ours]["is_personal"] is True
    await user_picks(world, ours, "refund", STAFF_CHAT, reply_to=second.card_message_id)
    filled = "Здравствуйте, Пётр! Деньги за заказ R-7 вернули."
    await wait_for(lambda: filled in texts(world, 7602), what="the pick relayed, in Russian")
    assert len(staff_messages(world)) == asked  # the stranger got nothing, the pick no echo

    assert await said_to(world, OWNER, "/saved del refund:ru") == EN(
        "saved.deleted", name="refund:ru"
    )
    assert await said_to(world, OWNER, "/saved del refund") == EN("saved.deleted", name="refund")
    gone = await said_to(world, OWNER, "/saved del refund")
    assert gone.startswith(EN("saved.unknown", name="refund"))
