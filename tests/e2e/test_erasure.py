"""/forget_me erases the person from every table: after a survey, a complaint with a card, a
relayed message, a staff reply quoting the card and /mydata, no text column of any table holds
their name, username, phone, comment or complaint text (read from the schema itself, so a table
added later is searched too). Both engines (under make test-pg)."""

from __future__ import annotations

import logging

import pytest

from bot import logs
from bot.app import App
from faketg import FakeTelegramServer
from tests.support.helpers import STAFF_CHAT, sender_idle, wait_for
from tests.support.journey import MakeApp, button, post, wait_new_message
from tests.support.staffroom import AGENT, card, recorded, staff_group

PERSON = 7501
NAME, USERNAME, PHONE = "Zelphira", "zelphira_q", "+46701234599"
COMMENT = "Packaging was soaked through"
COMPLAINT = "my card number is 4111 2222 3333"


async def text_columns(app: App) -> list[tuple[str, str]]:
    """(table, column) for every text column of every table."""
    async with app.db.read() as tx:
        if app.db.url.is_sqlite:
            found = []
            for table in await tx.conn.tables():
                for row in await tx.conn.fetch_all(f"PRAGMA table_info({table})"):
                    if str(row[2]).upper() in ("TEXT", "") or "CHAR" in str(row[2]).upper():
                        found.append((table, str(row[1])))
            return found
        rows = await tx.conn.fetch_all(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying')"
        )
        return [(str(r[0]), str(r[1])) for r in rows]


async def traces(app: App, needles: list[str]) -> list[str]:
    hits = []
    columns = await text_columns(app)
    async with app.db.read() as tx:
        for table, column in columns:
            for needle in needles:
                row = await tx.conn.fetch_one(
                    f"SELECT COUNT(*) FROM {table} WHERE {column} LIKE ?", (f"%{needle}%",)
                )
                if row is not None and row[0]:
                    hits.append(f"{table}.{column} holds {needle!r} ({row[0]} rows)")
    return hits


async def themes_of(app: App) -> list[str]:
    async with app.db.read() as tx:
        rows = await tx.conn.fetch_all("SELECT theme FROM text_themes ORDER BY theme")
    return [str(r[0]) for r in rows]


async def a_person_with_a_complaint(make_app: MakeApp, fake: FakeTelegramServer) -> App:
    """A survey with a comment, a complaint with a card, a relay, a staff reply quoting the
    card, /mydata: the person's words and profile are in every place they can be."""
    world = fake.world
    staff_group(world)
    app = await make_app()
    world.add_user(PERSON, NAME, "en", username=USERNAME)
    await world.user_sends(PERSON, "/start")
    contact = {"phone_number": PHONE, "first_name": NAME, "user_id": PERSON}
    await world.user_sends(PERSON, contact=contact)
    await post(app, {"order_id": "E-1", "customer": {"telegram_id": PERSON}})
    invite = await wait_new_message(world, PERSON, "recommend us")
    await world.user_presses(PERSON, invite, button(invite, "3"))
    await wait_for(lambda: "What went wrong" in str(invite.text))
    await world.user_sends(PERSON, COMMENT)
    csat = await wait_new_message(world, PERSON, "How satisfied")
    await world.user_presses(PERSON, csat, button(csat, "1"))
    await wait_for(lambda: "Compared with" in str(csat.text))
    await world.user_presses(PERSON, csat, button(csat, "Worse"))
    shown = await card(world, 1)
    assert NAME in str(shown.text) and COMMENT in str(shown.text)
    await recorded(app, 1)
    await world.user_sends(PERSON, COMPLAINT)
    await wait_for(lambda: any(COMPLAINT in str(s.text) for s in world.sent_to(STAFF_CHAT)))
    await world.user_sends(
        AGENT, f"Sorry {NAME}, we will call you", chat_id=STAFF_CHAT, reply_to=shown.message_id
    )
    await wait_new_message(world, PERSON, "we will call you")
    await world.user_sends(PERSON, "/mydata")
    await wait_new_message(world, PERSON, "What we store about you")
    assert await sender_idle(app, 10)
    return app


async def test_forget_me_leaves_nothing_of_the_person_in_any_table(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    app = await a_person_with_a_complaint(make_app, fake)
    needles = [NAME, USERNAME, PHONE.removeprefix("+"), COMMENT, COMPLAINT]
    assert await traces(app, needles)  # the search finds them before
    assert await themes_of(app) == ["delivery", "payment"]  # what their words were about

    await world.user_sends(PERSON, "/forget_me")
    confirm = await wait_new_message(world, PERSON, "cannot be undone")
    await world.user_presses(PERSON, confirm, button(confirm, "Yes, erase"))
    await wait_for(lambda: str(confirm.text).startswith("Done: your personal data is erased"))
    assert await sender_idle(app, 10)
    await wait_for(lambda: app.metrics.get("updates_processed") > 0)
    assert await traces(app, needles) == []
    assert await themes_of(app) == []
    # The complaint and the scores stay, anonymous.
    async with app.db.read() as tx:
        kept = await tx.complaints.get(1)
        assert kept is not None and kept.text is None


async def test_debug_logs_carry_no_personal_data(
    make_app: MakeApp, fake: FakeTelegramServer, caplog: pytest.LogCaptureFixture
) -> None:
    """At LOG_LEVEL=DEBUG as the bot configures it: no name, username, phone or text."""
    caplog.set_level(logging.DEBUG)
    logs.keep_personal_data_out()
    await a_person_with_a_complaint(make_app, fake)
    needles = [NAME, USERNAME, PHONE.removeprefix("+"), COMMENT, COMPLAINT]
    assert logging.getLogger("bot.app").isEnabledFor(logging.DEBUG)  # DEBUG is on
    told = [(r.name, n) for r in caplog.records for n in needles if n in r.getMessage()]
    assert told == []
