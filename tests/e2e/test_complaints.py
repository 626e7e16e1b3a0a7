"""Complaints end to end against the fake Bot API at Telegram's limits: card, relay, loop."""

from __future__ import annotations

import pytest

from faketg import FakeTelegramServer
from storage.states import Deadline
from tests.support.helpers import STAFF_CHAT, sender_idle, wait_for
from tests.support.journey import MakeApp, button, post, started, wait_new_message
from tests.support.staffroom import (
    AGENT,
    AGENT_2,
    STRANGER,
    alert_for,
    card,
    complaint,
    recorded,
    staff_button,
    staff_group,
    staff_messages,
    wait_for_staff_text,
)
from tests.support.texts import EN

PHOTO = [{"file_id": "ph-1", "file_unique_id": "u-ph-1", "width": 90, "height": 90}]
DOCUMENT = {"file_id": "doc-1", "file_unique_id": "u-doc-1", "file_name": "refund.pdf"}


async def test_a_low_score_becomes_a_card_and_the_customer_is_told(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    staff_group(world)
    app = await make_app()
    await started(world, 7101, "Dana", "en")
    body = {
        "order_id": "C-1",
        "customer": {"telegram_id": 7101, "segment": "key"},
        "amount": "99.90",
        "currency": "EUR",
        "branch": "north",
    }
    assert (await post(app, body))[0] == 201
    invite = await wait_new_message(world, 7101, "recommend us")
    await world.user_presses(7101, invite, button(invite, "2"))
    await wait_for(lambda: "What went wrong" in str(invite.text), what="follow-up")
    await world.user_presses(7101, invite, button(invite, "Delivery"))
    await wait_for(lambda: any(b["text"] == "✓ Delivery" for r in invite.buttons for b in r))
    await world.user_sends(7101, "Two days late, the box <b>crushed</b>")
    csat = await wait_new_message(world, 7101, "How satisfied")
    assert not staff_messages(world)  # the card waits for the rest of the survey,
    waiting = await complaint(app, 1)  # but a key customer's no longer than half of 5 min
    due, opened = waiting.card_due_at, waiting.created_at
    assert due is not None and opened is not None
    assert abs((due - opened).total_seconds() - 150) < 5
    await world.user_presses(7101, csat, button(csat, "1"))
    await wait_for(lambda: "Compared with" in str(csat.text))
    await world.user_presses(7101, csat, button(csat, "Worse"))

    shown = await card(world, 1)
    text = str(shown.text)
    for part in ("⭐ Key customer", "Dana", "Order C-1", "€99.90", "branch north", "NPS 2"):
        assert part in text, part
    assert "CSAT 1/5" in text and "worse than expected" in text and "Delivery" in text
    assert "&lt;b&gt;crushed&lt;/b&gt;" in text and "<b>crushed" not in text  # escaped
    assert [b["text"] for b in shown.buttons[0]] == ["Take", "Resolve", "History"]
    told = await wait_new_message(world, 7101, "request #1")
    assert "a person from our team will write to you here by" in str(told.text)

    c = await recorded(app, 1)  # the card's id is stored when Telegram's answer is
    assert (c.source, c.status, c.segment, c.card_message_id) == (
        "low_score",
        "open",
        "key",
        shown.message_id,
    )
    async with app.db.read() as tx:
        steps = {s.step: s for s in await tx.complaints.steps(1)}
    opened = c.created_at
    take_due, resolve_due = steps[Deadline.TAKE].due_at, steps[Deadline.RESOLVE].due_at
    assert opened and take_due and resolve_due
    assert abs((take_due - opened).total_seconds() - 5 * 60) < 5  # the key ladder: 5 min
    assert abs((resolve_due - opened).total_seconds() - 4 * 3600) < 5
    assert world.count(status=429) == 0


async def test_relay_both_ways_with_media_and_internal_notes(
    make_app: MakeApp, fake: FakeTelegramServer, caplog: pytest.LogCaptureFixture
) -> None:
    world = fake.world
    staff_group(world)
    app = await make_app()
    world.add_user(7102, "Eve", "en")
    await world.user_sends(7102, "My order never arrived")
    await wait_new_message(world, 7102, "request #1")
    shown = await card(world, 1)
    assert "My order never arrived" in str(shown.text)
    assert EN("complaint.card.source.message") in str(shown.text)
    await recorded(app, 1)

    await world.user_sends(7102, photo=PHOTO, caption="the label")
    await wait_for(lambda: any(s.method == "copyMessage" for s in staff_messages(world)))
    copied = next(s for s in staff_messages(world) if s.method == "copyMessage")
    assert copied.message["photo"] == PHOTO
    assert copied.message["caption"].startswith("💬 #1 · Eve") and "the label" in str(copied.text)
    assert copied.message["reply_to_message"]["message_id"] == shown.message_id

    await world.user_sends(
        AGENT, "Sorry! We are on it.", chat_id=STAFF_CHAT, reply_to=shown.message_id
    )
    await wait_new_message(world, 7102, "We are on it")
    await world.user_sends(
        AGENT, chat_id=STAFF_CHAT, reply_to=copied.message_id, document=DOCUMENT, caption="refund"
    )
    await wait_for(lambda: any("document" in s.message for s in world.sent_to(7102)))
    await world.user_sends(
        AGENT, "!check the warehouse first", chat_id=STAFF_CHAT, reply_to=shown.message_id
    )
    await world.user_sends(7102, "Thank you <3")
    relayed = await wait_for_staff_text(world, "Thank you &lt;3")
    assert relayed.startswith("💬 #1 · Eve")

    assert not any("warehouse" in str(s.text) for s in world.sent_to(7102))  # a note stays inside
    c = await complaint(app, 1)
    assert (c.status, c.taken_by, c.taken_by_name) == ("taken", AGENT, "Alex")  # replying takes it
    async with app.db.read() as tx:
        history = [(m.direction, m.kind, m.text) for m in await tx.complaints.messages(1)]
    assert history == [
        ("from_customer", "text", "My order never arrived"),
        ("from_customer", "photo", "the label"),
        ("to_customer", "text", "Sorry! We are on it."),
        ("to_customer", "document", "refund"),
        ("note", "text", "!check the warehouse first"),
        ("from_customer", "text", "Thank you <3"),
    ]
    assert world.count(status=429) == 0
    assert await sender_idle(app, 10)
    # Delivered replies have no result hook to run (only a failure hook): nothing to warn about.
    assert not [r for r in caplog.records if "no result hook" in r.getMessage()]


async def test_take_resolve_reopen_confirm_and_who_may_act(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    staff_group(world)
    app = await make_app()
    world.add_user(7103, "Finn", "en")
    await world.user_sends(7103, "The coffee machine leaks")
    shown = await card(world, 1)

    pressed = await world.user_presses(STRANGER, shown, staff_button(shown, "Take"))
    await wait_for(lambda: alert_for(world, pressed) is not None, what="stranger's alert")
    assert alert_for(world, pressed) == EN("complaint.alert.not_staff")
    assert (await complaint(app, 1)).status == "open"
    assert world.count("getchatmember") >= 1

    pressed = await world.user_presses(AGENT, shown, staff_button(shown, "Take"))
    await wait_for(lambda: "in progress" in str(shown.text), what="card shows the taker")
    assert "Handled by Alex" in str(shown.text)
    assert [b["text"] for b in shown.buttons[0]] == ["Resolve", "History"]
    assert "yours now" in str(alert_for(world, pressed))
    pressed = await world.user_presses(AGENT_2, shown, staff_button(shown, "Resolve"))
    await wait_for(lambda: alert_for(world, pressed) is not None)
    # Anyone on staff may resolve; this one resolves on Alex's behalf.
    question = await wait_new_message(world, 7103, "Was your issue resolved?")
    await wait_for(lambda: "waiting for the customer" in str(shown.text))

    stale_yes = button(question, "Yes, resolved")
    await world.user_presses(7103, question, button(question, "No, not yet"))
    await wait_for_staff_text(world, "NOT resolved")
    await wait_for(lambda: "is open again" in str(question.text))
    c = await complaint(app, 1)
    assert (c.status, c.reopened, c.resolution_satisfied) == ("taken", 1, 0)
    assert question.buttons == []  # answered: the buttons are gone, an old copy is refused
    again = await world.user_presses(7103, question, stale_yes)
    await wait_for(lambda: alert_for(world, again) is not None)
    assert alert_for(world, again) == EN("complaint.resolved.already")

    await world.user_sends(AGENT, "/open", chat_id=STAFF_CHAT)
    listing = await wait_for_staff_text(world, "Open complaints (1)")
    assert "#1" in listing and "Alex" in listing
    await world.user_sends(AGENT_2, "/mine", chat_id=STAFF_CHAT)
    await wait_for_staff_text(world, "Your complaints (0)")

    await world.user_presses(AGENT, shown, staff_button(shown, "Resolve"))
    question = await wait_new_message(
        world, 7103, "Was your issue resolved?"
    )  # the first was edited
    await world.user_presses(7103, question, button(question, "Yes, resolved"))
    await wait_for(lambda: "closed" in str(shown.text), what="closed card")
    assert EN("complaint.card.confirmed") in str(shown.text)
    c = await complaint(app, 1)
    assert (c.status, c.resolution_satisfied) == ("closed", 1)
    async with app.db.read() as tx:  # the history past periods are judged by
        states = await tx.conn.fetch_all(
            "SELECT status, satisfied FROM complaint_states WHERE complaint_id = 1 ORDER BY id"
        )
        deadlines = await tx.conn.fetch_all(
            "SELECT step FROM sla_deadlines WHERE complaint_id = 1 ORDER BY id"
        )
    assert [tuple(row) for row in states] == [
        ("open", None), ("taken", None), ("resolved", None), ("taken", 0),
        ("resolved", None), ("closed", 1),
    ]  # fmt: skip
    assert [row[0] for row in deadlines] == ["take", "resolve", "resolve"]  # one per clock

    await world.user_sends(AGENT, "One more thing", chat_id=STAFF_CHAT, reply_to=shown.message_id)
    await wait_for_staff_text(world, "Complaint #1 is closed; this was not sent.")
    assert not any("One more thing" in str(s.text) for s in world.sent_to(7103))
    assert world.count(status=429) == 0


async def test_staff_learn_when_a_reply_cannot_reach_the_customer(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    staff_group(world)
    app = await make_app()
    world.add_user(7104, "Gil", "en")
    await world.user_sends(7104, "Refund please")
    shown = await card(world, 1)
    await recorded(app, 1)
    world.blocked.add(7104)
    await world.user_sends(AGENT, "Refund sent", chat_id=STAFF_CHAT, reply_to=shown.message_id)
    notice = await wait_for_staff_text(world, "did not reach the customer")
    assert "#1" in notice and "blocked" in notice
    await world.user_sends(AGENT, "Hello?", chat_id=STAFF_CHAT, reply_to=shown.message_id)
    await wait_for_staff_text(world, "The customer of #1 has blocked the bot")
