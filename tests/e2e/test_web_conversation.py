"""A complaint followed outside Telegram, on the customer's own page (/c/<token>): chosen on the
survey page's thanks with an email address, it shows the team's replies (and emails them,
read back from a local SMTP server), takes the customer's messages to the staff chat, asks
"was it resolved?" (No reopens), stops its emails on request, forgets the person, and ends
kindly once the person is forgotten or the closed complaint's retention has passed."""

from __future__ import annotations

import asyncio
import html
import re
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiosmtpd.controller import Controller

from bot.app import App, create_app
from faketg import FakeTelegramServer
from storage.clock import utc_now
from storage.timefmt import to_db
from tests.e2e.test_mail import Mailbox, free_port
from tests.e2e.test_web_survey import fetch, page_of, path_of, send
from tests.support.api import API_SECRET, call
from tests.support.helpers import STAFF_CHAT, make_settings, start, wait_for
from tests.support.journey import wait_new_message
from tests.support.staffroom import (
    AGENT,
    card,
    complaint,
    recorded,
    staff_button,
    staff_group,
    wait_for_staff_text,
)

PUBLIC = "https://shop.example"
CUSTOMER: dict[str, Any] = {
    "order_id": "C-1",
    "customer": {"phone": "+46701740611", "language": "en"},
}


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    box, port = Mailbox(), free_port()
    server = Controller(box, hostname="127.0.0.1", port=port)
    server.start()
    yield box, port
    server.stop()


async def open_shop(tmp_path: Path, fake: FakeTelegramServer, mail_port: int, name: str) -> App:
    """The shop `name` with a staff chat, PUBLIC_URL and mail to the local SMTP server."""
    staff_group(fake.world)
    settings = make_settings(
        tmp_path,
        fake.url,
        api_token=API_SECRET,
        public_url=PUBLIC,
        smtp_url=f"smtp://127.0.0.1:{mail_port}",
        mail_from=f"{name} <shop@example.com>",
        shop_name=name,
    )
    app = await create_app(settings, poll_timeout=1, tick_seconds=0.2)
    await start(app)
    return app


@pytest.fixture
async def shop(
    tmp_path: Path, fake: FakeTelegramServer, mailbox: tuple[Mailbox, int]
) -> AsyncIterator[App]:
    app = await open_shop(tmp_path, fake, mailbox[1], "Shop")
    yield app
    await app.stop()


async def answer_unhappy(app: App, body: dict[str, Any] = CUSTOMER) -> str:
    """The survey answered on its page with a complaint: the survey page's path."""
    _, answer = await call(app, body=body)
    path = path_of(answer["survey_url"])
    await send(app, path, [("q", "nps"), ("v", "3")])
    await send(app, path, [("q", "aspect"), ("v", "delivery"), ("text", "Two days late")])
    await send(app, path, [("q", "csat"), ("v", "1")])
    await send(app, path, [("q", "expectation"), ("v", "worse")])
    return path


async def follow(app: App, path: str, email: str = "") -> str:
    """The thanks page's "follow on my page", with an email: the conversation's path."""
    status, headers, _ = await send(app, f"{path}/follow", [("email", email), ("go", "follow")])
    assert status == 303, status
    location = headers["Location"]
    assert location.startswith("../../c/"), location
    return "/c/" + location.removeprefix("../../c/")


async def on_page(app: App, path: str, needle: str) -> str:
    """The conversation page once it shows `needle` (a staff reply is kept as it is handled)."""
    for _ in range(300):
        page = html.unescape(await page_of(app, path))
        if needle in page:
            return page
        await asyncio.sleep(0.05)
    raise AssertionError(f"{needle!r} never appeared on {path}")


def mails(box: Mailbox) -> list[EmailMessage]:
    return box.messages


def body_of(message: EmailMessage, kind: str) -> str:
    part = message.get_body((kind,))
    assert part is not None
    return str(part.get_content())


async def test_the_thanks_page_offers_a_page_of_ones_own(
    shop: App, fake: FakeTelegramServer
) -> None:
    """After an answer that opened a complaint, the customer with no Telegram may follow it
    on a page: it shows what they wrote, says replies will appear there, and the card tells
    staff where their reply goes."""
    path = await answer_unhappy(shop)
    thanks = await page_of(shop, path)
    token = path.removeprefix("/s/")
    assert f'action="{token}/follow"' in thanks and 'type="email"' in thanks
    talk = await follow(shop, path, "ann@example.org")
    status, headers, body = await fetch(shop, talk)
    page = body.decode()
    assert status == 200, page
    assert "Request #1" in page and "Two days late" in page and "No replies yet" in page
    assert 'name="text"' in page and "a•••@example.org" in page
    assert "ann@example.org" not in page and "+4670" not in page
    assert "<script" not in page and "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["Referrer-Policy"] == "no-referrer" and headers["Cache-Control"] == "no-store"
    await wait_for(
        lambda: any("web page" in str(s.text) for s in fake.world.sent_to(STAFF_CHAT)),
        what="the card saying where replies go",
    )
    async with shop.db.read() as tx:
        rows = await tx.conn.fetch_all("SELECT digest FROM conversation_links")
    assert len(rows) == 1 and talk.removeprefix("/c/") not in str(rows)  # the digest alone


async def test_a_staff_reply_reaches_the_page_and_the_mailbox(
    shop: App, fake: FakeTelegramServer, mailbox: tuple[Mailbox, int]
) -> None:
    world = fake.world
    path = await answer_unhappy(shop)
    talk = await follow(shop, path, "ann@example.org")
    shown = await card(world, 1)
    await recorded(shop, 1)
    await world.user_sends(
        AGENT, "!call the courier", chat_id=STAFF_CHAT, reply_to=shown.message_id
    )
    await world.user_sends(
        AGENT, "Sorry! A new parcel leaves today.", chat_id=STAFF_CHAT, reply_to=shown.message_id
    )
    await wait_for(lambda: len(mails(mailbox[0])) == 1, within=15, what="the email")
    page = html.unescape(await page_of(shop, talk))
    assert "Sorry! A new parcel leaves today." in page
    assert "call the courier" not in page and "Alex" not in page  # no notes, no staff names
    assert not any("no Telegram chat" in str(s.text) for s in world.sent_to(STAFF_CHAT))
    [mail] = mails(mailbox[0])
    assert mail["To"] == "ann@example.org" and "Reply to your request #1" in mail["Subject"]
    text = body_of(mail, "plain")
    assert "Sorry! A new parcel leaves today." in text
    link = re.search(rf"{PUBLIC}/c/[A-Za-z0-9_-]+", text)
    assert link is not None and link.group() in body_of(mail, "html")
    assert mail["List-Unsubscribe"] == f"<{link.group()}/unsubscribe>"
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"  # RFC 8058
    status, _, _ = await fetch(shop, link.group().removeprefix(PUBLIC))
    assert status == 200  # the email's link opens the same conversation


async def test_the_customers_message_reaches_the_staff_chat(
    shop: App, fake: FakeTelegramServer
) -> None:
    path = await answer_unhappy(shop)
    talk = await follow(shop, path)
    await card(fake.world, 1)
    status, headers, _ = await send(shop, talk, [("go", "send"), ("text", "Any news?")])
    assert status == 303 and headers["Location"] == talk.removeprefix("/c/")
    relayed = await wait_for_staff_text(fake.world, "Any news?")
    assert relayed.startswith("💬 #1")
    assert "Any news?" in await page_of(shop, talk)
    status, _, page = await send(shop, talk, [("go", "send"), ("text", "  ")])
    assert status == 400 and "write a few words" in page


async def test_resolved_is_asked_on_the_page_and_no_reopens(
    shop: App, fake: FakeTelegramServer, mailbox: tuple[Mailbox, int]
) -> None:
    world = fake.world
    path = await answer_unhappy(shop)
    talk = await follow(shop, path, "ann@example.org")
    shown = await card(world, 1)
    await recorded(shop, 1)
    await world.user_presses(AGENT, shown, staff_button(shown, "Resolve"))
    await wait_for(lambda: len(mails(mailbox[0])) == 1, within=15, what="the email")
    assert "Was your issue resolved?" in mails(mailbox[0])[0]["Subject"]
    page = await page_of(shop, talk)
    assert "Was your issue resolved?" in page and 'value="no"' in page
    assert (await complaint(shop, 1)).status == "resolved"
    status, _, _ = await send(shop, talk, [("go", "no")])
    assert status == 303
    reopened = await complaint(shop, 1)
    assert (reopened.status, reopened.reopened) == ("taken", 1)
    await wait_for_staff_text(world, "is NOT resolved")
    assert "working on it again" in await page_of(shop, talk)


async def test_unsubscribing_stops_the_emails(
    shop: App, fake: FakeTelegramServer, mailbox: tuple[Mailbox, int]
) -> None:
    world = fake.world
    path = await answer_unhappy(shop)
    talk = await follow(shop, path, "ann@example.org")
    shown = await card(world, 1)
    await recorded(shop, 1)
    status, _, body = await fetch(shop, f"{talk}/unsubscribe")
    assert status == 200 and b'value="stop"' in body  # opening the link changes nothing
    async with (  # a mail program's one-click: a post from no page
        aiohttp.ClientSession() as session,
        session.post(
            f"http://127.0.0.1:{shop.port}{talk}/unsubscribe",
            data={"List-Unsubscribe": "One-Click"},
        ) as resp,
    ):
        assert resp.status == 200 and "no more emails" in await resp.text()
    await world.user_sends(AGENT, "Here is a reply", chat_id=STAFF_CHAT, reply_to=shown.message_id)
    await on_page(shop, talk, "Here is a reply")
    async with shop.db.read() as tx:
        row = await tx.conn.fetch_one("SELECT COUNT(*) FROM mail_outbox")
    assert row is not None and int(row[0]) == 0
    assert "Email me when the team replies" in await page_of(shop, talk)


async def test_forget_me_on_the_page_erases_and_ends_it(
    shop: App, fake: FakeTelegramServer
) -> None:
    path = await answer_unhappy(shop)
    talk = await follow(shop, path, "ann@example.org")
    await card(fake.world, 1)
    status, _, page = await send(shop, talk, [("go", "forget")])
    assert status == 200 and "This cannot be undone" in page and 'value="forget_yes"' in page
    status, _, page = await send(shop, talk, [("go", "forget_yes")])
    assert status == 200 and "personal data is erased" in page
    owner = (await complaint(shop, 1)).customer_id
    async with shop.db.read() as tx:
        found = await tx.conversations.get(1)
        customer = await tx.customers.get(owner)
    assert found is not None and found.email is None
    assert customer is not None and customer.forgotten_at is not None and customer.phone is None
    status, _, body = await fetch(shop, talk)
    assert status == 410 and b"has ended" in body and b"Two days late" not in body
    status, _, body = await fetch(shop, f"{talk}/unsubscribe")
    assert status == 410 and b"has ended" in body and b"Request #1" not in body


async def test_a_closed_complaints_page_ends_once_retention_passed(shop: App) -> None:
    path = await answer_unhappy(shop)
    talk = await follow(shop, path)
    long_ago = to_db(utc_now() - timedelta(days=400))
    async with shop.db.transaction() as tx:  # closed 400 days ago, as the data says
        await tx.conn.execute(
            "UPDATE complaints SET status = 'closed', closed_at = ? WHERE id = 1", (long_ago,)
        )
    status, headers, body = await fetch(shop, talk)
    assert status == 410 and b"has ended" in body and b"Two days late" not in body
    assert headers["Referrer-Policy"] == "no-referrer"
    status, _, body = await fetch(shop, "/c/AAAAAAAAAAAAAAAAAAAAAA")
    assert (status, body) == (404, b"Not Found")


async def test_a_post_from_another_site_is_refused(shop: App) -> None:
    path = await answer_unhappy(shop)
    talk = await follow(shop, path)
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"http://127.0.0.1:{shop.port}{talk}",
            data=[("go", "send"), ("text", "forged")],
            headers={"Sec-Fetch-Site": "cross-site"},
        ) as resp,
    ):
        assert resp.status == 403
    assert "forged" not in await page_of(shop, talk)


async def test_retention_erases_the_address_of_a_long_closed_complaint(shop: App) -> None:
    """The address is personal data: DATA_RETENTION after the complaint closed it goes (the
    prune job's cutoff); an open complaint's stays."""
    for n in (1, 2):
        body = {"order_id": f"R-{n}", "customer": {"phone": f"+4670174062{n}"}}
        await follow(shop, await answer_unhappy(shop, body), f"ann{n}@example.org")
    async with shop.db.transaction() as tx:
        await tx.conn.execute(
            "UPDATE complaints SET status = 'closed', closed_at = ? WHERE id = 1",
            (to_db(utc_now() - timedelta(days=100)),),
        )
        assert await tx.conversations.forget_addresses(to_db(utc_now() - timedelta(days=90)))
    async with shop.db.read() as tx:
        first, second = await tx.conversations.get(1), await tx.conversations.get(2)
    assert first is not None and first.email is None
    assert second is not None and second.email == "ann2@example.org"


async def test_posts_to_one_conversation_are_limited(shop: App) -> None:
    talk = await follow(shop, await answer_unhappy(shop))
    for _ in range(30):
        status, _, _ = await send(shop, talk, [("go", "send"), ("text", "")])
        assert status == 400
    status, headers, _ = await send(shop, talk, [("go", "send"), ("text", "Hello?")])
    assert status == 429 and int(headers["Retry-After"]) > 0
    assert "Hello?" not in await page_of(shop, talk)


async def test_continuing_in_telegram_later_takes_the_replies_there(
    shop: App, fake: FakeTelegramServer, mailbox: tuple[Mailbox, int]
) -> None:
    """A customer who followed the page, then opened the receipt's Telegram link: replies go
    to Telegram as to anyone, and no email follows."""
    world = fake.world
    _, answer = await call(shop, body=CUSTOMER)
    path = path_of(answer["survey_url"])
    for fields in (
        [("q", "nps"), ("v", "3")],
        [("q", "aspect"), ("v", "delivery"), ("text", "Two days late")],
        [("q", "csat"), ("v", "1")],
        [("q", "expectation"), ("v", "worse")],
    ):
        await send(shop, path, fields)
    await follow(shop, path, "ann@example.org")
    shown = await card(world, 1)
    await recorded(shop, 1)
    world.add_user(7302, "Wen", "en")
    await world.user_sends(7302, f"/start {answer['deep_link'].split('start=')[1]}")
    await wait_new_message(world, 7302, "#1")
    await world.user_sends(AGENT, "Coming today", chat_id=STAFF_CHAT, reply_to=shown.message_id)
    await wait_new_message(world, 7302, "Coming today")
    await wait_for(lambda: "web page" not in str(shown.text), what="the card without the page")
    async with shop.db.read() as tx:
        row = await tx.conn.fetch_one("SELECT COUNT(*) FROM mail_outbox")
    assert row is not None and int(row[0]) == 0


async def test_the_receipt_link_leads_back_to_ones_page(
    shop: App, fake: FakeTelegramServer
) -> None:
    """A customer who closed the tab has only the receipt's link: it opens their page again
    (a new link to it; the address they gave is kept), even once the complaint is closed."""
    world = fake.world
    path = await answer_unhappy(shop)
    await follow(shop, path, "ann@example.org")
    again = html.unescape(await page_of(shop, path))
    assert "Open my page" in again and 'type="email"' not in again
    talk = await follow(shop, path)
    assert "Two days late" in html.unescape(await page_of(shop, talk))
    async with shop.db.read() as tx:
        kept = await tx.conversations.get(1)
    assert kept is not None and kept.email == "ann@example.org"
    shown = await card(world, 1)
    await recorded(shop, 1)
    await world.user_presses(AGENT, shown, staff_button(shown, "Resolve"))
    await on_page(shop, talk, "Was your issue resolved?")
    await send(shop, talk, [("go", "yes")])
    assert (await complaint(shop, 1)).status == "closed"
    assert "Open my page" in html.unescape(await page_of(shop, path))
    assert "is closed" in html.unescape(await page_of(shop, await follow(shop, path)))


async def test_without_a_mail_server_the_page_asks_for_no_email(
    tmp_path: Path, fake: FakeTelegramServer
) -> None:
    """An address asked for and never used would be a promise broken: no SMTP_URL, no field."""
    staff_group(fake.world)
    settings = make_settings(tmp_path, fake.url, api_token=API_SECRET, public_url=PUBLIC)
    app = await create_app(settings, poll_timeout=1, tick_seconds=0.2)
    await start(app)
    try:
        path = await answer_unhappy(app)
        thanks = await page_of(app, path)
        assert "/follow" in thanks and 'type="email"' not in thanks
    finally:
        await app.stop()
