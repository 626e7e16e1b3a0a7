"""A purchase becomes a survey, end to end: HTTP API → invitation → buttons and a comment."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from faketg import FakeTelegramServer, World
from faketg.world import Sent
from storage.models import Answer
from tests.support.helpers import wait_for
from tests.support.journey import (
    SHOP_SURVEY,
    MakeApp,
    button,
    get,
    last_alert,
    post,
    put_survey,
    started,
    survey_of,
    wait_new_message,
)
from tests.support.texts import EN


async def test_deep_link_purchase_to_answered_survey(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    app = await make_app(review_url="https://reviews.example/shop")
    world = fake.world
    world.add_user(7001, "Dana", "en")
    status, body = await post(
        app,
        {
            "order_id": "A-1",
            "customer": {"telegram_id": 7001},
            "amount": 120.5,
            "currency": "EUR",
            "branch": "north",
        },
    )
    assert status == 201
    assert body["status"] == "waiting_link"  # she never started the bot: we may not write
    assert body["deep_link"].startswith("https://t.me/feedback_test_bot?start=")
    token = body["deep_link"].split("start=")[1]
    assert "A-1" not in token and len(token) >= 16

    await world.user_sends(7001, f"/start {token}")
    await wait_for(
        lambda: any("found your purchase" in str(s.text) for s in world.sent_to(7001)),
        what="link confirmation",
    )
    invite = await _invitation(world, 7001)
    assert len(invite.buttons) == 3 and len(invite.buttons[0]) == 6  # 0-5, 6-10, later/never

    await world.user_presses(7001, invite, button(invite, "3"))
    await wait_for(lambda: "What went wrong" in str(invite.text), what="follow-up")
    await world.user_presses(7001, invite, button(invite, "Delivery"))
    await wait_for(
        lambda: any(b["text"] == "✓ Delivery" for row in invite.buttons for b in row),
        what="aspect ticked",
    )
    await world.user_sends(7001, "The parcel came two days late")
    csat = await wait_new_message(world, 7001, "How satisfied")
    assert invite.buttons == []  # the old question's buttons are gone
    await world.user_presses(7001, csat, button(csat, "2"))
    await wait_for(lambda: "Compared with" in str(csat.text))
    await world.user_presses(7001, csat, button(csat, "Worse"))
    await wait_for(lambda: str(csat.text).startswith("Thank you!"))
    assert "https://reviews.example/shop" in str(csat.text)

    survey = await survey_of(app, "A-1")
    assert (survey.status, survey.nps, survey.csat, survey.expectation) == (
        "answered",
        3,
        2,
        "worse",
    )
    assert survey.comment == "The parcel came two days late"
    async with app.db.read() as tx:
        assert await tx.surveys.aspects(survey.id) == ["delivery"]
    # Other systems hear of it once, with the figures and never the words.
    status, feed = await get(app, "/api/v1/events")
    completed = [e for e in feed["events"] if e["type"] == "response.completed"]
    assert status == 200 and len(completed) == 1
    data = completed[0]["data"]
    assert (data["survey_id"], data["order_id"], data["category"]) == (
        survey.id,
        "A-1",
        "detractor",
    )
    assert (data["aspects"], data["commented"], data["finished"]) == (["delivery"], True, True)
    assert data["channel"] == "telegram"
    assert "late" not in str(completed)


async def _invitation(world: World, chat: int) -> Sent:
    return await wait_new_message(world, chat, "recommend us")


async def test_started_customer_is_invited_and_presses_are_validated(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    app = await make_app(referral_url="https://shop.example/ref")
    world = fake.world
    world.add_user(7002, "Ola", "sv")
    world.add_user(7003, "Eve", "en")
    await world.user_sends(7002, "/start")
    await world.user_sends(7003, "/start")
    await wait_for(lambda: len(world.sent_to(7003)) == 2)
    status, body = await post(app, {"order_id": "B-1", "customer": {"telegram_id": 7002}})
    assert status == 201 and body["status"] == "scheduled"
    invite = await _invitation_sv(world, 7002)

    # Someone else presses her button (forged update): refused, nothing changes.
    await world.user_presses(7003, invite, button(invite, "10"))
    await world.user_sends(7002, "hej")  # text where a button is expected: a hint
    await wait_for(lambda: any("knapparna" in str(s.text) for s in world.sent_to(7002)))
    assert (await survey_of(app, "B-1")).nps is None

    await world.user_presses(7002, invite, button(invite, "10"))
    await wait_for(lambda: "tyckte du bäst om" in str(invite.text))
    old_nps = button(_first_version(invite), "9")
    await world.user_presses(7002, invite, old_nps)  # the NPS question again: already answered
    await wait_for(lambda: last_alert(world) == "Redan besvarat, tack!")
    assert (await survey_of(app, "B-1")).nps == 10

    await world.user_presses(7002, invite, button(invite, "Hoppa över"))
    await wait_for(lambda: "nöjd" in str(invite.text))
    await world.user_presses(7002, invite, button(invite, "5"))
    await wait_for(lambda: "förväntade" in str(invite.text))
    await world.user_presses(7002, invite, button(invite, "Bättre"))
    await wait_for(lambda: str(invite.text).startswith("Tack!"))
    assert "https://shop.example/ref" in str(invite.text)  # promoters get the referral


_NPS_BUTTONS: dict[int, list[list[dict[str, Any]]]] = {}


def _first_version(sent: Sent) -> Sent:
    return Sent(
        sent.method,
        sent.chat_id,
        sent.message_id,
        sent.at,
        {"reply_markup": {"inline_keyboard": _NPS_BUTTONS[sent.message_id]}},
    )


async def _invitation_sv(world: World, chat: int) -> Sent:
    sent = await wait_new_message(world, chat, "rekommendera")
    _NPS_BUTTONS[sent.message_id] = [list(row) for row in sent.buttons]
    return sent


async def test_phone_share_links_purchases(make_app: MakeApp, fake: FakeTelegramServer) -> None:
    app = await make_app()
    world = fake.world
    world.add_user(7004, "Ivan", "ru")
    status, body = await post(app, {"order_id": "C-1", "customer": {"phone": "+7 900 123-45-67"}})
    assert status == 201 and body["status"] == "waiting_link"
    await world.user_sends(7004, "/start")
    await wait_for(lambda: len(world.sent_to(7004)) == 2)
    forwarded = {"phone_number": "79001234567", "first_name": "Ivan", "user_id": 999}
    await world.user_sends(7004, contact=forwarded)  # somebody else's card proves nothing
    await wait_for(lambda: any("своим контактом" in str(s.text) for s in world.sent_to(7004)))
    assert (await survey_of(app, "C-1")).status == "waiting_link"
    own = {"phone_number": "79001234567", "first_name": "Ivan", "user_id": 7004}
    await world.user_sends(7004, contact=own)
    await wait_for(lambda: any("нашёл вашу покупку" in str(s.text) for s in world.sent_to(7004)))
    await wait_new_message(world, 7004, "порекомендуете")
    assert (await survey_of(app, "C-1")).status == "sent"


async def test_nobody_is_asked_for_a_phone_the_bot_does_not_need(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    """A customer the shop already registered by Telegram id, an owner and someone seen
    working in the staff chat get the greeting alone; a newcomer gets the offer to share a
    phone, and two purchases found by it are "покупки", with their number."""
    app = await make_app(owner_ids="7021", shop_name="Ромашка")
    world = fake.world
    for user, name in ((7020, "Inna"), (7021, "Olga"), (7022, "Petr"), (7023, "Rita")):
        world.add_user(user, name, "ru")
    await post(app, {"order_id": "K-1", "customer": {"telegram_id": 7020}})
    for order in ("K-2", "K-3"):
        await post(app, {"order_id": order, "customer": {"phone": "+7 900 555-01-02"}})
    async with app.db.transaction() as tx:  # Rita works in the staff chat, not configured
        await tx.pulse.seen(7023, datetime.now(UTC))
    for user in (7020, 7021, 7022, 7023):
        await world.user_sends(user, "/start")
    await wait_for(lambda: len(world.sent_to(7022)) == 2, what="the newcomer's phone offer")
    await wait_for(lambda: all(len(world.sent_to(user)) >= 1 for user in (7020, 7021, 7023)))
    await asyncio.sleep(0.3)
    for user in (7020, 7021, 7023):
        assert not any("номером телефона" in str(s.text) for s in world.sent_to(user)), user
    assert "номером телефона" in str(world.sent_to(7022)[-1].text)
    assert "Я помощник компании «Ромашка» по обратной связи." in str(world.sent_to(7022)[0].text)
    own = {"phone_number": "79005550102", "first_name": "Petr", "user_id": 7022}
    await world.user_sends(7022, contact=own)
    await wait_new_message(world, 7022, "Я нашёл ваши покупки (2)")


async def test_a_number_written_the_russian_way_matches_the_shared_contact(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    """Russian shops store 8 (916) …; Telegram shares 79161234567: PHONE_REGION=RU joins them."""
    app = await make_app(phone_region="RU")
    world = fake.world
    world.add_user(7014, "Oleg", "ru")
    order = {"order_id": "R-1", "customer": {"phone": "8 (916) 123-45-67"}}
    status, body = await post(app, order)
    assert status == 201 and body["status"] == "waiting_link"
    status, body = await post(app, {"order_id": "R-2", "customer": {"phone": "8 (916) 12"}})
    assert status == 422 and "too short" in body["fields"][0]["message"]
    await world.user_sends(7014, "/start")
    await wait_for(lambda: len(world.sent_to(7014)) == 2)
    own = {"phone_number": "79161234567", "first_name": "Oleg", "user_id": 7014}
    await world.user_sends(7014, contact=own)
    await wait_new_message(world, 7014, "порекомендуете")
    assert (await survey_of(app, "R-1")).status == "sent"


async def test_cooldown_stop_and_rules_record_their_reasons(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    # An hour's delay keeps D-1 scheduled while the test asks again: with no delay the
    # survey tick may send it in between, and the repeat would truthfully say "sent".
    app = await make_app(survey_delay="PT1H")
    world = fake.world
    await started(world, 7005, "Mia", "en")
    _, first = await post(app, {"order_id": "D-1", "customer": {"telegram_id": 7005}})
    _, second = await post(app, {"order_id": "D-2", "customer": {"telegram_id": 7005}})
    assert first["status"] == "scheduled"
    assert (second["status"], second["reason"]) == ("skipped", "cooldown")
    again_status, again = await post(app, {"order_id": "D-1", "customer": {"telegram_id": 7005}})
    assert again_status == 200 and again == first  # the same purchase, not a second one

    await world.user_sends(7005, "/stop")
    await wait_for(lambda: any("no more surveys" in str(s.text) for s in world.sent_to(7005)))
    assert (await survey_of(app, "D-1")).status in ("skipped", "dismissed")
    _, third = await post(app, {"order_id": "D-3", "customer": {"telegram_id": 7005}})
    assert (third["status"], third["reason"]) == ("skipped", "opted_out")
    old = datetime.now(UTC) - timedelta(days=10)
    _, stale = await post(
        app,
        {
            "order_id": "D-4",
            "purchased_at": old.isoformat(),
            "customer": {"external_id": "crm-42"},
        },
    )
    assert (stale["status"], stale["reason"]) == ("skipped", "too_old")


async def test_quiet_hours_move_the_invitation(make_app: MakeApp) -> None:
    now = datetime.now(UTC)
    start, end = (now - timedelta(hours=1)), (now + timedelta(hours=2))
    app = await make_app(quiet_hours=f"{start:%H:%M}-{end:%H:%M}", survey_delay="PT1M")
    _, body = await post(app, {"order_id": "E-1", "customer": {"external_id": "x"}})
    assert body["status"] == "waiting_link"  # not started yet; planned when linked
    await app.stop()
    app = await make_app(quiet_hours=f"{start:%H:%M}-{end:%H:%M}", survey_delay="PT1M")
    async with app.db.transaction() as tx:
        await tx.customers.touch_from_telegram(7006, "Q", None, "en")
    _, body = await post(app, {"order_id": "E-2", "customer": {"telegram_id": 7006}})
    due = datetime.fromisoformat(body["due_at"])
    assert due.strftime("%H:%M") == f"{end:%H:%M}" and due > now + timedelta(hours=1)
    assert (body["status"], body["reason"]) == ("scheduled", "quiet_hours")


async def test_reminder_then_expiry(make_app: MakeApp, fake: FakeTelegramServer) -> None:
    app = await make_app(reminder_after="1", survey_expiry="3")
    world = fake.world
    await started(world, 7007, "Sam", "en")
    await post(app, {"order_id": "F-1", "customer": {"telegram_id": 7007}})
    await _invitation(world, 7007)
    invite = next(s for s in world.sent_to(7007) if "recommend us" in str(s.text))  # the first
    late = button(invite, "7")
    reminder = await wait_new_message(world, 7007, "gentle reminder")
    first = invite
    # One set of live buttons at a time: the reminder's. The first copy's are gone.
    await wait_for(lambda: first.buttons == [], what="the invitation's buttons removed")
    assert reminder.buttons != []
    await wait_for(lambda: reminder.text == "This survey has closed. Thank you!", within=10)
    survey = await survey_of(app, "F-1")
    assert (survey.status, survey.reason) == ("expired", "no_answer")
    _, feed = await get(app, "/api/v1/events")
    assert feed["events"] == []  # no score given: no response to report
    await world.user_presses(7007, invite, late)  # too late, from an old copy of the buttons
    await wait_for(lambda: last_alert(world) == "This survey has closed.")
    # greeting, phone offer, invitation (buttons gone), one reminder (closed): nothing more
    assert len(world.sent_to(7007)) == 4


async def test_a_restart_mid_survey_continues_where_the_customer_was(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    app = await make_app()
    world = fake.world
    await started(world, 7008, "Kim", "en")
    await post(app, {"order_id": "G-1", "customer": {"telegram_id": 7008}})
    invite = await _invitation(world, 7008)
    await world.user_presses(7008, invite, button(invite, "8"))
    await wait_for(lambda: "make it a 10" in str(invite.text))
    await app.stop()
    app = await make_app()
    await world.user_sends(7008, "Faster checkout")
    csat = await wait_new_message(world, 7008, "How satisfied")
    await world.user_presses(7008, csat, button(csat, "4"))
    await wait_for(lambda: "Compared with" in str(csat.text))
    survey = await survey_of(app, "G-1")
    assert (survey.nps, survey.comment, survey.csat, survey.step) == (
        8,
        "Faster checkout",
        4,
        "expectation",
    )


async def test_mydata_and_forget_me_keep_only_anonymous_scores(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    app = await make_app()
    world = fake.world
    world.add_user(7009, "Nora", "en", username="nora_t")
    await world.user_sends(7009, "/start")
    await world.user_sends(
        7009, contact={"phone_number": "+46700000009", "first_name": "Nora", "user_id": 7009}
    )
    await post(app, {"order_id": "H-1", "customer": {"telegram_id": 7009}})
    invite = await _invitation(world, 7009)
    await world.user_presses(7009, invite, button(invite, "4"))
    await wait_for(lambda: "What went wrong" in str(invite.text))
    await world.user_sends(7009, "Rude staff at the till")
    await wait_new_message(world, 7009, "How satisfied")

    await world.user_sends(7009, "/mydata")
    data = await wait_new_message(world, 7009, "What we store about you")
    for fact in ("Nora", "nora_t", "+46 70 000 00 09", "Order H-1", "NPS 4", "Rude staff"):
        assert fact in str(data.text)

    await world.user_sends(7009, "/forget_me")
    confirm = await wait_new_message(world, 7009, "cannot be undone")
    forged = button(confirm, "Yes, erase").replace("forget:", "forget:999", 1)
    await world.user_presses(7009, confirm, forged)
    await wait_for(lambda: last_alert(world) == EN("button.stale"))
    await world.user_presses(7009, confirm, button(confirm, "Yes, erase"))
    await wait_for(lambda: str(confirm.text).startswith("Done: your personal data is erased"))

    survey = await survey_of(app, "H-1")
    assert survey.nps == 4 and survey.comment is None
    async with app.db.read() as tx:
        assert await tx.customers.by_telegram_id(7009) is None
        customer = await tx.customers.get(survey.customer_id)
        assert customer is not None and customer.forgotten_at is not None
        assert (customer.name, customer.phone, customer.username) == (None, None, None)
        row = await tx.conn.fetch_one(
            "SELECT COUNT(*) FROM inbox WHERE payload LIKE '%Rude staff%'"
        )
        assert row is not None and row[0] == 0

    # Writing again keeps them erased: their Telegram profile is not stored again...
    await world.user_sends(7009, "/mydata")
    await wait_for(lambda: sum("What we store" in str(s.text) for s in world.sent_to(7009)) == 2)
    again = world.sent_to(7009)[-1]
    assert "Nora" not in str(again.text) and "nora_t" not in str(again.text)
    # ...until they start over themselves.
    await world.user_sends(7009, "/start")
    await world.user_sends(7009, "/mydata")
    await wait_for(lambda: sum("What we store" in str(s.text) for s in world.sent_to(7009)) == 3)
    assert "Nora" in str(world.sent_to(7009)[-1].text)


async def test_a_customer_who_blocked_the_bot_is_not_chased(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    app = await make_app(reminder_after="1", survey_expiry="3")
    world = fake.world
    await started(world, 7010, "Tor", "en")
    world.blocked.add(7010)
    await post(app, {"order_id": "I-1", "customer": {"telegram_id": 7010}})
    await wait_for(lambda: world.count("sendmessage", 403) == 1, what="the refused invitation")
    for _ in range(100):
        if (await survey_of(app, "I-1")).status == "expired":
            break
        await asyncio.sleep(0.1)
    assert (await survey_of(app, "I-1")).status == "expired"
    assert world.count("sendmessage", 403) == 1  # no reminder was tried
    _, second = await post(app, {"order_id": "I-2", "customer": {"telegram_id": 7010}})
    assert (second["status"], second["reason"]) == ("skipped", "unreachable")
    world.blocked.discard(7010)
    await world.user_sends(7010, "/start")  # back again: Telegram delivers to them once more
    await wait_for(lambda: len(world.sent_to(7010)) == 3)  # greeting; no phone: purchases known
    async with app.db.read() as tx:
        customer = await tx.customers.by_telegram_id(7010)
    assert customer is not None and customer.unreachable_at is None


async def test_a_survey_the_shop_put_is_answered_in_telegram(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    """The issue's test shop: NPS, a CES 1-7 only for detractors, where they bought, a
    comment; stored through the API, answered through the fake Telegram."""
    app = await make_app()
    world = fake.world
    status, stored = await put_survey(app, SHOP_SURVEY)
    assert status == 200 and stored["version"] == 1 and stored["asked"] is True
    world.add_user(7010, "Mira", "en")
    await world.user_sends(7010, "/start")
    status, _ = await post(app, {"order_id": "S-1", "customer": {"telegram_id": 7010}})
    assert status == 201
    invite = await _invitation(world, 7010)  # the NPS: its text left out, the catalog's
    await world.user_presses(7010, invite, button(invite, "4"))
    await wait_for(lambda: "How easy" in str(invite.text), what="the CES, for a detractor")
    assert "1 — Very hard\n7 — Very easy" in str(invite.text)
    await world.user_presses(7010, invite, button(invite, "2"))
    await wait_for(lambda: "Where did you buy?" in str(invite.text), what="where")
    await world.user_presses(7010, invite, button(invite, "Online"))
    await wait_for(lambda: "Anything else?" in str(invite.text), what="the comment")
    await world.user_sends(7010, "Найти нужный размер было трудно")
    await wait_new_message(world, 7010, "Thank you!")
    survey = await survey_of(app, "S-1")
    assert (survey.status, survey.nps, survey.version) == ("answered", 4, 1)
    async with app.db.read() as tx:
        answers = await tx.surveys.answers(survey.id)
        complaint = await tx.complaints.for_survey(survey.id)
    assert answers == {
        "ces": Answer(number=2),
        "where": Answer(options=("online",)),
        "comment": Answer(text="Найти нужный размер было трудно"),
    }
    assert complaint is not None  # the NPS of 4 and the CES of 2 each open one: one opens
