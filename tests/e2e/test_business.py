"""The shop's own Telegram account as the desk (Telegram Business), end to end on the fake: the
owner connects the bot, a customer writes to the shop's account, the card reaches the staff
chat, the owner's own answer from the app is recorded and stops the take reminder, a staff
reply reaches the customer from the account, the account turns the bot off and the owners are
told; every request checked against the Bot API reference (the `fake` fixture)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from aiogram.methods import SendMessage

from bot.app import App
from bot.business.accounts import Accounts
from faketg import FakeTelegramServer
from faketg import business as tg_business
from tests.support.helpers import (
    STAFF_CHAT,
    ManualClock,
    health,
    passes,
    sender_idle,
    wait_for,
)
from tests.support.journey import MakeApp, button, post, survey_of, wait_new_message
from tests.support.staffroom import (
    AGENT,
    OWNER,
    card,
    complaint,
    recorded,
    staff_button,
    staff_group,
    staff_messages,
)

SHOP, MIA = 7701, 7702  # the shop's own Telegram account, a customer who writes to it


def from_the_account(fake: FakeTelegramServer, needle: str) -> bool:
    return any(
        needle in str(s.text) and s.business_connection_id == "bc-1"
        for s in fake.world.sent_to(MIA)
    )


async def test_the_shops_account_as_the_desk(make_app: MakeApp, fake: FakeTelegramServer) -> None:
    world = fake.world
    staff_group(world)
    world.add_user(SHOP, "Cake Shop", "ru")
    world.add_user(MIA, "Мия", "ru")
    world.blocked.add(MIA)  # she never wrote to the bot: only the shop's account reaches her
    clock = ManualClock(datetime(2026, 3, 2, 10, 0, tzinfo=UTC))
    app = await make_app(clock=clock, owner_ids=str(OWNER), sla_take="PT15M")

    await tg_business.connect(world, SHOP)
    told = await wait_new_message(world, OWNER, "connected the bot as its chatbot")
    assert "The bot may: answer customers from the account" in str(told.text)
    await wait_for(lambda: any(r["can_reply"] for r in accounts(app)), what="healthz")

    await tg_business.customer_writes(world, MIA, "заказ не пришёл")
    shown = await card(world, 1)
    assert "The customer wrote to the shop's Telegram account." in str(shown.text)
    assert "заказ не пришёл" in str(shown.text)
    await wait_for(lambda: from_the_account(fake, "№1"), what="acknowledged from the account")

    await tg_business.owner_writes(world, MIA, "Курьер привезёт завтра")
    owner_line = "Cake Shop answered from the shop's account: «Курьер привезёт завтра»"
    await wait_for(lambda: any(owner_line in str(s.text) for s in staff_messages(world)))
    clock.advance(timedelta(minutes=20))  # past the take deadline
    await passes(app)
    assert not any("nobody has taken it" in str(s.text) for s in staff_messages(world))
    async with app.db.read() as tx:
        history = await tx.complaints.messages(1)
    assert ("to_customer", "Курьер привезёт завтра") in [(m.direction, m.text) for m in history]

    shown = await card(world, 1)
    await recorded(app, 1)
    await world.user_sends(
        AGENT, "Мы проверили: заказ уже в пути", chat_id=STAFF_CHAT, reply_to=shown.message_id
    )
    await wait_for(lambda: from_the_account(fake, "заказ уже в пути"), what="the staff reply")
    mias = [m for (who, m), said in world.business["bc-1"].messages.items() if who == MIA]
    await wait_for(
        lambda: tg_business.read_by_the_shop(world, MIA) == [min(mias)],
        what="her message shown read in the account's chat",
    )
    await world.user_sends(
        AGENT, "!курьер опаздывает", chat_id=STAFF_CHAT, reply_to=shown.message_id
    )

    await tg_business.disconnect(world)
    await wait_new_message(world, OWNER, "turned the bot off or removed it")
    await wait_for(lambda: not any(r["enabled"] for r in accounts(app)), what="healthz off")
    await world.user_sends(AGENT, "Ещё вопрос?", chat_id=STAFF_CHAT, reply_to=shown.message_id)
    await wait_for(
        lambda: any("has turned the bot off" in str(s.text) for s in staff_messages(world)),
        what="the card's chat told why the reply cannot go",
    )
    assert not any("курьер опаздывает" in str(s.text) for s in world.sent_to(MIA))  # a note
    assert not any("Ещё вопрос" in str(s.text) for s in world.sent_to(MIA))
    status, body = await health(app)
    assert status == 200 and body["business_accounts"][0]["enabled"] is False


def accounts(app: App) -> list[dict[str, Any]]:
    """What /healthz shows of the connected accounts (read where it reads them)."""
    business = app.wiring.workflow["business"]
    assert isinstance(business, Accounts)
    found: list[dict[str, Any]] = business.report()["business_accounts"]
    return found


async def test_a_refusal_telegram_gives_later_is_told_in_the_same_words(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    """The bot's own checks pass, yet Telegram refuses (its reply window counts from what it
    saw): the staff chat reads why, in the words of the check that would have caught it."""
    world = fake.world
    staff_group(world)
    world.add_user(SHOP, "Cake Shop", "ru")
    world.add_user(MIA, "Мия", "ru")
    app = await make_app(owner_ids=str(OWNER))
    connection = await tg_business.connect(world, SHOP)
    await tg_business.customer_writes(world, MIA, "заказ не пришёл")
    shown = await card(world, 1)
    await recorded(app, 1)
    connection.heard[MIA] -= tg_business.REPLY_WINDOW + 60  # Telegram's window has closed
    await world.user_sends(AGENT, "Уже везём", chat_id=STAFF_CHAT, reply_to=shown.message_id)
    window = "only within 24 hours of the customer's last message; the reply about #1"
    await wait_for(lambda: any(window in str(s.text) for s in staff_messages(world)))
    assert not from_the_account(fake, "Уже везём")
    assert world.count("sendmessage", 400) >= 1


async def test_a_customer_who_blocked_the_bot_still_gets_the_accounts_answers(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    """Telegram refuses the bot's chat with the customer (403): what queued there is given up,
    and the customer marked unreachable by the bot; the answers queued for the same person
    from the shop's account go through their chat with the account all the same."""
    world = fake.world
    world.add_user(SHOP, "Cake Shop", "ru")
    world.add_user(MIA, "Мия", "ru")
    app = await make_app(owner_ids=str(OWNER))
    await tg_business.connect(world, SHOP)
    await tg_business.customer_writes(world, MIA, "привет")
    await wait_for(lambda: accounts(app) != [], what="the connection stored")
    world.blocked.add(MIA)
    async with app.db.transaction() as tx:
        for text, through in (("bot 1", None), ("account 1", "bc-1"), ("bot 2", None)):
            said = SendMessage(chat_id=MIA, text=text, business_connection_id=through)
            await app.outbox.send(tx, said)
        await app.outbox.send(
            tx, SendMessage(chat_id=MIA, text="account 2", business_connection_id="bc-1")
        )
    await wait_for(lambda: from_the_account(fake, "account 2"), what="the account's answers")
    assert from_the_account(fake, "account 1")
    assert not any("bot" in str(s.text) for s in world.sent_to(MIA))
    assert await sender_idle(app, 10)
    assert world.count("sendmessage", 403) == 1
    async with app.db.read() as tx:
        customer = await tx.customers.by_telegram_id(MIA)
        assert customer is not None and customer.unreachable_at is not None


async def test_was_it_resolved_is_asked_and_answered_in_the_accounts_chat(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    """The customer never started the bot and wrote to the shop's account: the closing
    question comes from the account (through the bot it could not reach them), and their
    press there closes the complaint as a press in the bot's chat does."""
    world = fake.world
    staff_group(world)
    world.add_user(SHOP, "Cake Shop", "ru")
    world.add_user(MIA, "Мия", "ru")
    world.blocked.add(MIA)
    app = await make_app(owner_ids=str(OWNER))
    await tg_business.connect(world, SHOP)
    await tg_business.customer_writes(world, MIA, "заказ не пришёл")
    shown = await card(world, 1)
    await recorded(app, 1)
    await world.user_presses(AGENT, shown, staff_button(shown, "Take"))
    await wait_for(lambda: "Resolve" in str(shown.buttons))
    await world.user_presses(AGENT, shown, staff_button(shown, "Resolve"))
    asked = "Ваш вопрос решён?"
    await wait_for(lambda: from_the_account(fake, asked), what="the question from the account")
    question = next(s for s in world.sent_to(MIA) if asked in str(s.text))
    await world.user_presses(MIA, question, button(question, "Да, решён"))
    await wait_for(lambda: "closed" in str(shown.text), what="the card closed")
    assert (await complaint(app, 1)).resolution_satisfied == 1
    await wait_for(lambda: "Обращение №1 закрыто" in str(question.text), what="the answer shown")
    assert question.buttons == [] and question.business_connection_id == "bc-1"
    assert not any(
        asked in str(s.text) for s in world.sent_to(MIA) if not s.business_connection_id
    )


async def test_a_survey_goes_from_the_account_the_customer_wrote_to(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    """A customer who never started the bot but wrote to the shop's account today gets the
    purchase's survey from the account; their press there answers it and the question moves
    on in place, edited from the account."""
    world = fake.world
    staff_group(world)
    world.add_user(SHOP, "Cake Shop", "en")
    world.add_user(MIA, "Mia", "en")
    world.blocked.add(MIA)
    app = await make_app(owner_ids=str(OWNER), survey_delay="PT0S")
    await tg_business.connect(world, SHOP)
    await tg_business.customer_writes(world, MIA, "Thanks!")
    await wait_for(lambda: from_the_account(fake, "welcome"), what="the thanks answered")
    status, _ = await post(app, {"order_id": "B-1", "customer": {"telegram_id": MIA}})
    assert status == 201
    invite = await wait_new_message(world, MIA, "recommend us")
    assert invite.business_connection_id == "bc-1"
    await world.user_presses(MIA, invite, button(invite, "10"))
    await wait_for(lambda: invite.edits >= 1, what="the next question, from the account")
    survey = await survey_of(app, "B-1")
    assert (survey.nps, survey.business_connection_id) == (10, "bc-1")
    assert world.count("sendmessage", 403) == 0  # the bot's chat was never tried
